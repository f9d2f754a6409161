//! What the catalog promises about its content: levels that differ, spelling by market, the role's facts, pay sentences that fit.

use std::fs;

use crate::common::*;

/// Every built-in posting, by role name (the project-manager variant included) and level.
fn every_posting(extra: &[&str]) -> Vec<(String, String)> {
    let job = fixture("typical-job.yaml");
    let mut names: Vec<&str> = ROLES.to_vec();
    names.push("project-manager");
    let mut postings = Vec::new();
    for role in names {
        for level in LEVELS {
            let mut args = vec!["generate", "-r", role, "-l", level, "--job", job.to_str().unwrap()];
            args.extend_from_slice(extra);
            postings.push((format!("{role}/{level}"), stdout_of(&args)));
        }
    }
    postings
}

/// The British spellings jdgen converts, from the built-in list.
fn british_words() -> Vec<String> {
    let list = include_str!("../../spelling/en-us.yaml");
    list.lines()
        .filter_map(|line| line.strip_prefix("  ")?.split_once(':'))
        .map(|(british, _)| british.to_owned())
        .collect()
}

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// A bullet section's items.
fn bullets<'a>(text: &'a str, heading: &str) -> Vec<&'a str> {
    let Some(section) = text.split(&format!("## {heading}\n")).nth(1) else {
        return Vec::new();
    };
    section
        .split("\n## ")
        .next()
        .unwrap()
        .lines()
        .filter_map(|l| l.strip_prefix("- "))
        .collect()
}

#[test]
fn us_postings_are_spelt_the_us_way_and_the_facts_are_left_as_written() {
    let british = british_words();
    assert!(british.len() > 100, "the list is read: {}", british.len());
    let us = [
        "--set",
        "location={city: New York, region: NY, country: US}",
        "--set",
        "team=Our organisation's colour team.",
    ];
    for (name, text) in every_posting(&us) {
        let catalog_words = text.replace("Our organisation's colour team.", "");
        let found: Vec<String> = words(&catalog_words).filter(|w| british.contains(w)).collect();
        assert!(found.is_empty(), "{name} (US) keeps British spellings {found:?}");
        assert!(
            text.contains("Our organisation's colour team."),
            "{name}: user text changed"
        );
        assert!(text.contains("January 31, 2027"), "{name}: US date order");
    }
    let manager = stdout_of(&[
        "generate",
        "-r",
        "project-manager",
        "-l",
        "lead",
        "--set",
        "location.country=US",
    ]);
    assert!(
        manager.starts_with("# Program Manager\n"),
        "titles are spelt too: {manager}"
    );
}

#[test]
fn other_postings_keep_british_spelling_unless_asked() {
    let us_forms = [
        "organization",
        "prioritize",
        "color",
        "behavior",
        "judgment",
        "analyze",
        "maximize",
    ];
    let postings = every_posting(&[]);
    for (name, text) in &postings {
        let found: Vec<String> = words(text).filter(|w| us_forms.contains(&w.as_str())).collect();
        assert!(found.is_empty(), "{name} (DE) has US spellings {found:?}");
    }
    assert!(postings.iter().any(|(_, t)| t.contains("organisation")));
    let asked = stdout_of(&["generate", "-r", "scrum-master", "-l", "head", "--set", "spelling=us"]);
    assert!(
        asked.contains("organization") && !asked.contains("organisation"),
        "{asked}"
    );
    let kept = stdout_of(&[
        "generate",
        "-r",
        "scrum-master",
        "-l",
        "head",
        "--set",
        "location.country=US",
        "--set",
        "spelling=uk",
    ]);
    assert!(kept.contains("organisation"), "{kept}");
}

#[test]
fn levels_differ_in_substance() {
    let job = fixture("typical-job.yaml");
    for role in ROLES {
        let postings: Vec<String> = LEVELS
            .iter()
            .map(|level| stdout_of(&["generate", "-r", role, "-l", level, "--job", job.to_str().unwrap()]))
            .collect();
        for pair in postings.windows(2) {
            for heading in [
                "What you will do",
                "What you will bring",
                "What success looks like in your first year",
            ] {
                let (lower, higher) = (bullets(&pair[0], heading), bullets(&pair[1], heading));
                let shared = higher.iter().filter(|b| lower.contains(b)).count();
                assert!(
                    shared * 3 <= higher.len(),
                    "{role}: {shared} of {} '{heading}' bullets repeat the level below",
                    higher.len()
                );
            }
        }
        let years: Vec<u32> = postings
            .iter()
            .map(|text| {
                let first = bullets(text, "What you will bring")[0];
                first.split('+').next().unwrap().parse().unwrap()
            })
            .collect();
        assert!(
            years.windows(2).all(|w| w[0] < w[1]),
            "{role}: years rise with the level {years:?}"
        );
        let summary = |text: &str| text.split("\n\n").nth(1).unwrap().to_lowercase();
        assert!(
            summary(&postings[2]).contains("individual-contributor")
                || summary(&postings[2]).contains("individual contributor"),
            "{role}: the principal says it is an individual-contributor track"
        );
        let head = summary(&postings[3]);
        assert!(
            head.contains("report"),
            "{role}: the head says whom it reports to: {head}"
        );
    }
}

#[test]
fn a_title_override_never_breaks_a_sentence() {
    for role in ROLES {
        for level in LEVELS {
            let text = stdout_of(&[
                "generate",
                "-r",
                role,
                "-l",
                level,
                "--set",
                "title=Lead Product Owner, Booking App",
            ]);
            assert_eq!(
                text.matches("Booking App").count(),
                1,
                "{role}/{level}: the title is only the heading"
            );
            assert!(!text.contains("As our"), "{role}/{level}");
        }
    }
}

#[test]
fn the_roles_facts_reach_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let job = dir.path().join("job.yaml");
    fs::write(
        &job,
        "role: product-manager\nlevel: head\ncompany: {name: Acme}\nreports_to: Chief Executive Officer\n\
         direct_reports: 6 product managers\nteam_size: 24\ntools: [Jira, Amplitude]\n\
         languages: [{language: English, level: fluent}, German (B2)]\ntravel: Up to 10% travel\n\
         location: {city: Berlin, country: DE}\ndate_posted: 2026-11-02\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    stdout_of(&[
        "generate",
        "--job",
        job.to_str().unwrap(),
        "--format",
        "md,docx,html,json",
        "--out-dir",
        out.to_str().unwrap(),
        "--name",
        "p",
    ]);
    let markdown = fs::read_to_string(out.join("p.md")).unwrap();
    let html = fs::read_to_string(out.join("p.html")).unwrap();
    let docx = fs::read(out.join("p.docx")).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut document = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("word/document.xml").unwrap(), &mut document).unwrap();
    for fact in [
        "Reports to: Chief Executive Officer",
        "Direct reports: 6 product managers",
        "Team size: 24 people",
        "Tools: Jira, Amplitude",
        "Working languages: English (fluent) and German (B2).",
        "Travel: Up to 10% travel",
    ] {
        assert!(markdown.contains(fact), "{fact} missing from the Markdown:\n{markdown}");
        let (label, value) = fact.split_once(": ").unwrap();
        for (format, text) in [("html", &html), ("docx", &document)] {
            assert!(
                text.contains(label) && text.contains(&value[..value.len().min(12)]),
                "{fact} missing from {format}"
            );
        }
    }
    let json: serde_json::Value = serde_json::from_str(&fs::read_to_string(out.join("p.json")).unwrap()).unwrap();
    assert_eq!(
        json["skills"],
        serde_json::json!(["Jira", "Amplitude", "English (fluent)", "German (B2)"])
    );
    assert_eq!(
        json["experienceRequirements"]["@type"],
        "OccupationalExperienceRequirements"
    );
    assert!(
        json["occupationalCategory"].as_str().unwrap().contains('-'),
        "an O*NET-SOC code"
    );
    // The same job at every level; individual-contributor levels lead no one.
    let months = |level: &str| -> u64 {
        let text = stdout_of(&[
            "generate",
            "--job",
            job.to_str().unwrap(),
            "-l",
            level,
            "--set",
            "direct_reports=none",
            "--format",
            "json",
        ]);
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        json["experienceRequirements"]["monthsOfExperience"].as_u64().unwrap()
    };
    assert!(
        months("senior") < months("lead")
            && months("lead") < months("principal")
            && months("principal") < months("head")
    );
}

#[test]
fn bad_role_facts_are_named_with_what_to_write() {
    for (set, expected) in [
        ("languages=[English (native)]", "write fluent or C2"),
        ("languages=[English]", "Spanish (conversational)"),
        ("team_size=0", "team_size"),
        ("direct_reports=-2", "direct_reports"),
        ("spelling=canadian", "spelling"),
    ] {
        let stderr = bad_input(&["generate", "-r", "product-manager", "-l", "senior", "--set", set]);
        assert!(stderr.contains(expected), "--set {set}: {stderr}");
    }
    let (_dir, job) = temp_file(
        "job.yaml",
        "role: scrum-master\nlevel: lead\nlanguages:\n  - {language: German, level: native}\n",
    );
    let stderr = bad_input(&["generate", "--job", job.to_str().unwrap()]);
    assert!(
        stderr.contains("job.yaml:4:") && stderr.contains("write fluent or C2"),
        "{stderr}"
    );
}

#[test]
fn pay_sentences_fit_the_pay() {
    let pay = |sets: &[&str]| -> String {
        let mut args = vec!["generate", "-r", "project-owner", "-l", "senior"];
        for set in sets {
            args.extend(["--set", set]);
        }
        let text = stdout_of(&args);
        text.split("## Compensation\n\n")
            .nth(1)
            .unwrap()
            .split("\n\n")
            .next()
            .unwrap()
            .to_owned()
    };
    assert_eq!(
        pay(&[
            "salary={min: 90000, max: 90000, currency: EUR}",
            "location={city: Berlin, country: DE}"
        ]),
        "The base salary for this role is €90,000 per year."
    );
    assert_eq!(
        pay(&["salary={min: 78000, max: 96000, currency: EUR}", "workplace=hybrid"]),
        "The base salary range for this role is €78,000 – €96,000 per year. Your offer within this range depends on your skills and experience."
    );
    assert_eq!(
        pay(&["salary={min: 700, max: 800, currency: EUR, period: day}", "employment_type=contract"]),
        "The rate for this contract is €700 – €800 per day. Where in this range we agree depends on your skills and experience."
    );
    assert_eq!(
        pay(&[
            "salary={min: 45, max: 45, currency: USD, period: hour}",
            "employment_type=part-time"
        ]),
        "The pay for this role is $45 per hour."
    );
    assert!(pay(&[
        "salary={min: 78000, max: 96000, currency: EUR}",
        "workplace=remote",
        "remote.countries=[DE, AT]"
    ])
    .ends_with("and on where you are based."));
}

#[test]
fn check_finds_mistakes_in_cells() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path();
    fs::create_dir_all(catalog.join("roles/product-manager")).unwrap();
    fs::create_dir_all(catalog.join("roles/chief-cat-herder")).unwrap();
    fs::write(
        catalog.join("roles/product-manager/senior.yaml"),
        "summary: You own {area}.\nresponsibilities:\n  - {core: discvery}\n  - Own the roadmap.\n",
    )
    .unwrap();
    fs::write(catalog.join("roles/product-manager/senoir.yaml"), "summary: x\n").unwrap();
    fs::write(catalog.join("roles/chief-cat-herder/senior.yaml"), "summary: x\n").unwrap();
    let output = jdgen()
        .args(["--catalog", catalog.to_str().unwrap(), "check"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    for expected in [
        "senior.yaml:1:1: field `summary`: unknown placeholder '{area}'",
        "no core responsibilities bullet 'discvery'",
        "did you mean 'discovery'?",
        "senoir.yaml: field `roles/<role>/<level>.yaml`: the file names no level",
        "did you mean 'senior'?",
        "chief-cat-herder/senior.yaml: field `roles/<role>/`: the folder names no role",
    ] {
        assert!(stderr.contains(expected), "expected {expected:?} in:\n{stderr}");
    }
}

#[test]
fn a_cell_of_your_own_rewrites_one_role_at_one_level() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path();
    fs::create_dir_all(catalog.join("roles/scrum-master")).unwrap();
    fs::write(
        catalog.join("roles/scrum-master/senior.yaml"),
        "summary: You will serve two Scrum Teams.\nyears: {min: 4}\nresponsibilities:\n  - Serve two teams.\n  - {core: events}\nrequirements:\n  - \"{years}+ years as a Scrum Master.\"\n",
    )
    .unwrap();
    let with_cell = |level: &str| {
        stdout_of(&[
            "--catalog",
            catalog.to_str().unwrap(),
            "generate",
            "-r",
            "scrum-master",
            "-l",
            level,
        ])
    };
    let text = with_cell("senior");
    assert!(text.contains("You will serve two Scrum Teams."), "{text}");
    assert_eq!(bullets(&text, "What you will do")[0], "Serve two teams.");
    assert!(
        bullets(&text, "What you will do")[1].starts_with("Make sure all Scrum events"),
        "{text}"
    );
    assert_eq!(bullets(&text, "What you will bring"), ["4+ years as a Scrum Master."]);
    assert!(
        text.contains("## Nice to have"),
        "sections the cell leaves out fall back"
    );
    assert_eq!(
        with_cell("lead"),
        stdout_of(&["generate", "-r", "scrum-master", "-l", "lead"]),
        "other cells stay built-in"
    );
}

#[test]
fn the_equal_opportunity_statement_and_links_fit_the_market() {
    let job = fixture("typical-job.yaml");
    let berlin = stdout_of(&[
        "generate",
        "-r",
        "product-manager",
        "-l",
        "senior",
        "--job",
        job.to_str().unwrap(),
    ]);
    assert!(berlin.contains("We welcome applications from everyone. Northwind Health does not discriminate"));
    assert!(!berlin.contains("equal opportunity employer"), "a US phrase");
    assert!(
        berlin.contains("[Apply online](https://northwind.example/careers/1234)."),
        "links say where they go"
    );
    assert!(berlin.contains("Find out more on [our website](https://northwind.example)."));
    let new_york = stdout_of(&[
        "generate",
        "-r",
        "product-manager",
        "-l",
        "senior",
        "--job",
        job.to_str().unwrap(),
        "--set",
        "location={city: New York, region: NY, country: US}",
    ]);
    assert!(
        new_york.contains("Northwind Health is an equal opportunity employer"),
        "{new_york}"
    );
    assert!(new_york.contains("protected veteran status"));
}

/// A level whose cell leads no one says so in its text ("with no line reports"); direct reports
/// there would contradict it, so they are refused where they are written. Levels that lead
/// people take them, and "none" or 0 is what an individual contributor has anyway.
#[test]
fn direct_reports_only_on_levels_that_lead_people() {
    let (_dir, job) = temp_file("job.yaml", "role: product-owner\nlevel: senior\ndirect_reports: 3\n");
    let stderr = bad_input(&["generate", "--job", job.to_str().unwrap()]);
    assert!(
        stderr.contains("job.yaml:3:1: field `direct_reports`: the Senior Product Owner leads no one in this catalog")
            && stderr.contains("you have no direct reports")
            && stderr.contains("leave direct_reports out, or choose a level that leads people"),
        "{stderr}"
    );
    let stderr = bad_input(&[
        "generate",
        "-r",
        "scrum-master",
        "-l",
        "principal",
        "--set",
        "direct_reports=two coaches",
    ]);
    assert!(
        stderr.contains(
            "--set direct_reports=two coaches: field `direct_reports`: the Principal Scrum Master leads no one"
        ),
        "{stderr}"
    );
    for (level, reports) in [("head", "5"), ("lead", "4 Scrum Masters")] {
        let text = stdout_of(&[
            "generate",
            "-r",
            "scrum-master",
            "-l",
            level,
            "--set",
            &format!("direct_reports={reports}"),
        ]);
        assert!(
            text.contains(&format!("- Direct reports: {reports}")),
            "{level}: {text}"
        );
    }
    for none in ["0", "none"] {
        stdout_of(&[
            "generate",
            "-r",
            "scrum-master",
            "-l",
            "senior",
            "--set",
            &format!("direct_reports={none}"),
        ]);
    }
}
