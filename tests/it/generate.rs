//! `jdgen generate` and `jdgen list` as a recruiter uses them.

use crate::common::*;

#[test]
fn every_role_and_level_renders_a_complete_description() {
    let job = fixture("typical-job.yaml");
    for role in ROLES {
        for level in LEVELS {
            let text = stdout_of(&[
                "generate",
                "--role",
                role,
                "--level",
                level,
                "--job",
                job.to_str().unwrap(),
            ]);
            let words = reader_words(&text);
            assert!((350..=700).contains(&words), "{role}/{level}: {words} words");
            let expected = [
                "## About Northwind Health",
                "## About the team",
                "## What you will do",
                "## What you will bring",
                "## Nice to have",
                "## What success looks like in your first year",
                "## Compensation",
                "## Location and work arrangement",
                "## Benefits",
                "## Hiring process and how to apply",
                "## Equal opportunity",
            ];
            let mut last = 0;
            for heading in expected {
                let at = text
                    .find(heading)
                    .unwrap_or_else(|| panic!("{role}/{level}: no {heading:?}"));
                assert!(at > last, "{role}/{level}: {heading:?} out of order");
                last = at;
            }
            assert!(text.starts_with("# "), "{role}/{level}: no title");
            assert!(
                text.contains("€78,000 – €96,000 per year"),
                "{role}/{level}: no pay range"
            );
        }
    }
}

#[test]
fn a_bare_run_needs_no_files() {
    let text = stdout_of(&["generate", "--role", "product-manager", "--level", "senior"]);
    assert!(text.starts_with("# Senior Product Manager\n"));
    assert!(text.contains("## What you will do") && text.contains("## Equal opportunity"));
    assert!(!text.contains("## Compensation"), "no salary was given");
    assert!(!text.contains("{{") && !text.contains("}}"));
}

#[test]
fn aliases_resolve() {
    let by_alias = stdout_of(&["generate", "--role", "project-owner", "--level", "expert"]);
    let by_id = stdout_of(&["generate", "--role", "project-owner", "--level", "principal"]);
    assert_eq!(by_alias, by_id);
    assert!(
        by_id.starts_with("# Principal Project Owner (Programme Manager)"),
        "{}",
        by_id.lines().next().unwrap()
    );
    // Case does not matter either.
    assert_eq!(stdout_of(&["generate", "-r", "Project-Owner", "-l", "EXPERT"]), by_id);
}

#[test]
fn a_project_manager_gets_the_market_titles_and_the_same_work() {
    let titles: Vec<String> = LEVELS
        .iter()
        .map(|level| {
            let manager = stdout_of(&["generate", "-r", "project-manager", "-l", level]);
            let owner = stdout_of(&["generate", "-r", "project-owner", "-l", level]);
            let body = |text: &str| text.split_once('\n').unwrap().1.to_owned();
            assert_eq!(body(&manager), body(&owner), "{level}: only the title differs");
            manager.lines().next().unwrap().to_owned()
        })
        .collect();
    assert_eq!(
        titles,
        [
            "# Senior Project Manager",
            "# Programme Manager",
            "# Principal Programme Manager",
            "# Head of Project Delivery"
        ]
    );
    let owner = stdout_of(&["generate", "-r", "project-owner", "-l", "lead"]);
    assert!(
        owner.starts_with("# Lead Project Owner (Programme Manager)\n"),
        "the customer's title stays available, with the market's term: {owner}"
    );
}

#[test]
fn head_titles_name_the_discipline() {
    for role in ROLES {
        let text = stdout_of(&["generate", "--role", role, "--level", "head"]);
        assert!(
            text.starts_with("# Head of "),
            "{role}: {}",
            text.lines().next().unwrap()
        );
    }
}

#[test]
fn levels_differ_in_substance_not_only_in_title() {
    for role in ROLES {
        let texts: Vec<String> = LEVELS
            .iter()
            .map(|level| stdout_of(&["generate", "--role", role, "--level", level]))
            .collect();
        for (i, a) in texts.iter().enumerate() {
            for b in &texts[i + 1..] {
                let lines_a: std::collections::BTreeSet<&str> = a.lines().skip(1).collect();
                let lines_b: std::collections::BTreeSet<&str> = b.lines().skip(1).collect();
                let differing = lines_a.symmetric_difference(&lines_b).count();
                assert!(differing >= 8, "{role}: two levels differ in only {differing} lines");
            }
        }
    }
}

#[test]
fn layers_apply_in_order() {
    let company = fixture("company.yaml");
    let (_dir, job) = temp_file(
        "job.yaml",
        "role: scrum-master\nlevel: lead\nbenefits: [Four-day week]\n",
    );
    let text = stdout_of(&[
        "generate",
        "--company",
        company.to_str().unwrap(),
        "--job",
        job.to_str().unwrap(),
        "--set",
        "company.name=Contoso",
        "--level",
        "senior",
    ]);
    assert!(text.starts_with("# Senior Scrum Master"), "--level beats the job file");
    assert!(text.contains("## About Contoso"), "--set beats the company file");
    assert!(
        text.contains("Northwind Health builds scheduling software"),
        "blocks merge field by field"
    );
    assert!(
        text.contains("- Four-day week") && !text.contains("Company pension"),
        "lists replace"
    );
    assert!(
        text.contains("Northwind Health welcomes applicants"),
        "the company's statement is used"
    );
}

#[test]
fn user_text_is_escaped_for_markdown_not_html() {
    let text = stdout_of(&[
        "generate",
        "-r",
        "product-manager",
        "-l",
        "senior",
        "--set",
        "company.name=AT&T <Labs> *Beta*",
        "--set",
        "team=# Not a heading",
    ]);
    assert!(text.contains(r"AT&T \<Labs\> \*Beta\*"), "{text}");
    assert!(!text.contains("&amp;") && !text.contains("&lt;"));
    assert!(text.contains(r"\# Not a heading"));
}

#[test]
fn output_is_deterministic() {
    let job = fixture("typical-job.yaml");
    let args = [
        "generate",
        "-r",
        "product-owner",
        "-l",
        "lead",
        "--job",
        job.to_str().unwrap(),
    ];
    assert_eq!(stdout_of(&args), stdout_of(&args));
}

#[test]
fn output_file_matches_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("posting.md");
    let stdout = stdout_of(&[
        "generate",
        "-r",
        "scrum-master",
        "-l",
        "head",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(stdout.is_empty());
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        stdout_of(&["generate", "-r", "scrum-master", "-l", "head"])
    );
}

#[test]
fn whitespace_is_clean() {
    let job = fixture("typical-job.yaml");
    for role in ROLES {
        let text = stdout_of(&["generate", "-r", role, "-l", "senior", "--job", job.to_str().unwrap()]);
        assert!(!text.contains("\n\n\n"), "{role}: a run of blank lines");
        assert!(text.lines().all(|l| l == l.trim_end()), "{role}: trailing spaces");
        assert!(text.ends_with("\n") && !text.ends_with("\n\n"));
        // Tight lists: no blank line between two bullets.
        let lines: Vec<&str> = text.lines().collect();
        for window in lines.windows(3) {
            let loose = window[0].starts_with("- ") && window[1].is_empty() && window[2].starts_with("- ");
            assert!(!loose, "{role}: a blank line inside a list before {:?}", window[2]);
        }
    }
}

#[test]
fn scrum_masters_do_not_manage_the_team() {
    for level in LEVELS {
        let text = stdout_of(&["generate", "-r", "scrum-master", "-l", level]).to_lowercase();
        for phrase in ["manage the team", "manages the team", "assign tasks", "assigns tasks"] {
            // Whole phrases: "line-manage the teams' Scrum Masters" is a Lead's job.
            let said = text
                .match_indices(phrase)
                .any(|(at, _)| !text[at + phrase.len()..].starts_with(|c: char| c.is_alphabetic() || c == '\''));
            assert!(!said, "scrum-master/{level} says {phrase:?}");
        }
        // Status reporting is a project manager's duty: no Scrum Master bullet asks for it.
        let duties = text
            .split("## what you will do")
            .nth(1)
            .unwrap()
            .split("\n## ")
            .next()
            .unwrap();
        for bullet in duties.lines().filter(|l| l.starts_with("- ")) {
            for duty in [
                "report status",
                "report the team's status",
                "write status reports",
                "send status reports",
            ] {
                assert!(!bullet.contains(duty), "scrum-master/{level}: {bullet}");
            }
        }
    }
}

#[test]
fn no_off_putting_words() {
    for role in ROLES {
        for level in LEVELS {
            let text = stdout_of(&["generate", "-r", role, "-l", level]).to_lowercase();
            for word in [
                "rockstar",
                "ninja",
                "guru",
                "wizard",
                "aggressive",
                "dominant",
                "fearless",
                "hit the ground",
            ] {
                assert!(!text.contains(word), "{role}/{level} says {word:?}");
            }
        }
    }
}

#[test]
fn list_roles_explains_the_difference() {
    let text = stdout_of(&["list", "roles"]);
    for role in ROLES {
        assert!(text.contains(role), "{role} missing from list roles");
    }
    assert!(
        text.contains("project-owner (also: project-manager, with its own titles)"),
        "{text}"
    );
    assert!(
        text.contains("focus:") && text.contains("owns:") && text.contains("horizon:") && text.contains("works with:")
    );
}

#[test]
fn list_levels_in_rank_order() {
    let text = stdout_of(&["list", "levels"]);
    let positions: Vec<usize> = LEVELS
        .iter()
        .map(|l| text.lines().position(|line| line.starts_with(l)).unwrap())
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{text}");
    assert!(text.contains("principal (alias: expert)"));
}

#[test]
fn help_and_version() {
    let help = stdout_of(&["--help"]);
    assert!(help.contains("Examples:") && help.contains("Exit codes"));
    for command in [
        "generate",
        "batch",
        "list",
        "init",
        "check",
        "new",
        "completions",
        "man",
        "lint",
    ] {
        assert!(
            stdout_of(&[command, "--help"]).contains("Example"),
            "{command} --help has no example"
        );
    }
    assert!(stdout_of(&["--version"]).starts_with("jdgen "));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::Read;
    // Longer than a pipe's buffer, so jdgen is still writing when the reader goes away.
    let (_dir, job) = temp_file(
        "job.yaml",
        &format!("team: \"{}\"\n", "A team sentence. ".repeat(20_000)),
    );
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("jdgen"))
        .args([
            "generate",
            "-r",
            "scrum-master",
            "-l",
            "lead",
            "--job",
            job.to_str().unwrap(),
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The read end is dropped here, as `jdgen … | head -c 16` would.
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(&first, b"# Lead Scrum Mas");
}
