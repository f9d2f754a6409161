//! Issue 12, case by case: the facts a recruiter types are read right, and every message about them says what to write, with the exact inputs of the issue.

use std::path::Path;

use serde_json::Value as Json;

use crate::common::*;

const HEAD: &str = "role: product-manager\nlevel: senior\n";

/// Runs `generate` on a job file holding `text` (after the role and level lines), expects exit
/// 2 and returns stderr. `bad_input` also checks that no message speaks Rust.
fn job_error(text: &str) -> String {
    let (_dir, job) = temp_file("job.yaml", &format!("{HEAD}{text}"));
    let stderr = bad_input(&["generate", "--job", job.to_str().unwrap()]);
    // Each message names the file; every problem in it is listed.
    assert!(stderr.contains("job.yaml:"), "{stderr}");
    stderr
}

/// The JSON-LD of a job file holding `text` (with what Google requires added).
fn json_of(text: &str) -> Json {
    let (_dir, job) = temp_file(
        "job.yaml",
        &format!("{HEAD}company: {{name: Acme}}\ndate_posted: 2026-11-02\n{text}"),
    );
    serde_json::from_str(&stdout_of(&[
        "generate",
        "--job",
        job.to_str().unwrap(),
        "--format",
        "json",
    ]))
    .unwrap()
}

/// Runs batch with `args`; returns (exit code, stderr).
fn batch(args: &[&str]) -> (i32, String) {
    let output = jdgen().arg("batch").args(args).output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (output.status.code().unwrap(), stderr)
}

// 1. A salary written `78.000` is never published as €78.

#[test]
fn a_thousands_dot_in_a_salary_is_refused_with_the_amount_meant() {
    let error = job_error("salary:\n  min: 78.000\n  max: 96.000\n  currency: EUR\n");
    assert!(
        error.contains(
            "job.yaml:4:3: field `salary.min`: 78.000 reads as 78 (the dot is a decimal point); for a yearly salary did you mean 78000?"
        ),
        "{error}"
    );
    assert!(error.contains("write it without separators: 78000"), "{error}");
    assert!(
        error.contains("job.yaml:5:3: field `salary.max`: 96.000 reads as 96"),
        "{error}"
    );

    // --lint cannot publish it either: validation refuses it first, and nothing is printed.
    let (dir, job) = temp_file(
        "job.yaml",
        &format!("{HEAD}salary: {{min: 78.000, max: 96.000, currency: EUR}}\n"),
    );
    bad_input(&["generate", "--job", job.to_str().unwrap(), "--lint"]);
    // The same from --set and from a CSV cell.
    let flag = bad_input(&[
        "generate",
        "-r",
        "product-manager",
        "-l",
        "senior",
        "--set",
        "salary={min: 78.000, max: 96000, currency: EUR}",
    ]);
    assert!(flag.contains("78.000 reads as 78"), "{flag}");
    let flag = bad_input(&[
        "generate",
        "-r",
        "product-manager",
        "-l",
        "senior",
        "--set",
        "salary.currency=EUR",
        "--set",
        "salary.min=78.000",
        "--set",
        "salary.max=96000",
    ]);
    assert!(
        flag.contains("--set salary.min=78.000: field `salary.min`: 78.000 reads as 78"),
        "{flag}"
    );
    let csv = dir.path().join("jobs.csv");
    std::fs::write(
        &csv,
        "id,role,level,salary.min,salary.max,salary.currency\npm,product-manager,senior,78.000,96.000,EUR\n",
    )
    .unwrap();
    let (code, stderr) = batch(&[
        csv.to_str().unwrap(),
        "--out-dir",
        dir.path().join("out").to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("jobs.csv:2: field `salary.min`: 78.000 reads as 78"),
        "{stderr}"
    );
    assert!(!dir.path().join("out/pm.md").exists());

    // An hourly rate of 78.000 is 78 an hour: plausible, and printed so.
    let (_dir, job) = temp_file(
        "job.yaml",
        &format!("{HEAD}salary: {{min: 78.000, max: 96.000, currency: EUR, period: hour}}\n"),
    );
    assert!(stdout_of(&["generate", "--job", job.to_str().unwrap()]).contains("€78 – €96 per hour"));
    // A yearly figure under `period: hour` is caught too, with the period it fits.
    let error = job_error("salary: {min: 75000, max: 90000, currency: USD, period: hour}\n");
    assert!(
        error.contains("75000 is too high for an hourly rate in USD") && error.contains("`period: year`"),
        "{error}"
    );
}

// 2. No message names a Rust type; each says what to write, in the field's own terms.

#[test]
fn messages_say_what_to_write_in_the_fields_terms() {
    // Each job file's line, and what its message must say.
    let cases: [(&str, &[&str]); 11] = [
        (
            "salary: {min: 78k, max: 96000, currency: EUR}\n",
            &["job.yaml:3:15: salary.min: '78k' is not a plain number such as 78000 (no 'k': write the amount in full); did you mean 78000?"],
        ),
        (
            "salary: 78000 - 96000 EUR\n",
            &[
                "job.yaml:3:9: salary must be a block of fields, not the text '78000 - 96000 EUR'",
                "salary: {min: 78000, max: 96000, currency: EUR}",
            ],
        ),
        (
            "workplace: Hybird\n",
            &["job.yaml:3:12: workplace: 'Hybird' is not a work arrangement; did you mean hybrid?"],
        ),
        (
            "benefits:\n  - Pension: 5% employer match\n",
            &[
                "job.yaml:4:5: benefits[0] must be text",
                "put text containing ': ' in quotes: \"Pension: 5% employer match\"",
            ],
        ),
        (
            "team: Payments: the team\n",
            &[
                "job.yaml:3:15: a second ': ' on one line",
                "put text containing ': ' in quotes: team: \"Payments: the team\"",
            ],
        ),
        (
            "\tteam: x\n",
            &[
                "job.yaml:3:1: YAML does not allow tabs: line 3 column 1 holds a tab",
                "indent with spaces",
            ],
        ),
        (
            "salary: {min: 1e400, max: 96000, currency: EUR}\n",
            &["job.yaml:3:15: salary.min: '1e400' is too large to be an amount"],
        ),
        (
            "workplace: !!null hybrid\n",
            &[
                "job.yaml:3:12: the YAML tag `!!null` makes the text 'hybrid' empty",
                "remove the tag",
            ],
        ),
        // More of what people type: a list given as text, a quote left open, a word for a number.
        (
            "benefits: Pension\n",
            &["benefits must be a list", "benefits: [Pension]"],
        ),
        (
            "team: \"The payments team\ntravel: none\n",
            &["the quote opened on line 3 is never closed"],
        ),
        (
            "team_size: eight\n",
            &["team_size: 'eight' is not a whole number of people"],
        ),
    ];
    for (line, expected) in cases {
        let stderr = job_error(line);
        for fragment in expected {
            assert!(stderr.contains(fragment), "{line:?}: {fragment:?} in\n{stderr}");
        }
    }
}

// 3. Case and spelling variants of every enumerated value are read and normalised.

#[test]
fn case_and_spacing_variants_are_read() {
    let posting = json_of("workplace: Remote\nremote: {countries: [DE]}\nemployment_type: Full time\nsalary: {min: 50, max: 60, currency: eur, period: Hourly}\nlanguages: [English (Fluent)]\nspelling: US\n");
    assert_eq!(posting["jobLocationType"], "TELECOMMUTE");
    assert_eq!(posting["employmentType"], "FULL_TIME");
    assert_eq!(posting["baseSalary"]["currency"], "EUR");
    assert_eq!(posting["baseSalary"]["value"]["unitText"], "HOUR");
    for (workplace, employment) in [
        ("Hybrid", "full time"),
        ("hybrid", "Full-Time"),
        ("On site", "PART_TIME"),
    ] {
        let posting = json_of(&format!(
            "location: {{country: DE}}\nworkplace: {workplace}\nemployment_type: {employment}\n"
        ));
        assert!(
            posting["employmentType"].as_str().unwrap().ends_with("_TIME"),
            "{employment}"
        );
    }
    // The job file as written is normalised: `jdgen new` and --set write the ids.
    let text = stdout_of(&[
        "generate",
        "-r",
        "product-manager",
        "-l",
        "senior",
        "--set",
        "workplace=Hybrid",
        "--set",
        "location.country=DE",
    ]);
    assert!(text.contains("Hybrid"), "{text}");
    // What is really unknown is still refused, with the closest word.
    let error = job_error("employment_type: permanent\n");
    assert!(
        error.contains("'permanent' is not an employment type; did you mean full-time?"),
        "{error}"
    );
    let error = job_error("salary: {min: 50000, max: 60000, currency: EUR, period: fortnight}\n");
    assert!(error.contains("did you mean week?"), "{error}");
}

// 4. Countries by their English names and common short forms, stored as ISO codes.

#[test]
fn countries_by_name_are_stored_as_codes() {
    for (written, code) in [
        ("Germany", "DE"),
        ("UK", "GB"),
        ("USA", "US"),
        ("Switzerland", "CH"),
        ("Holland", "NL"),
    ] {
        let posting = json_of(&format!("location: {{city: X, country: {written}}}\n"));
        assert_eq!(posting["jobLocation"]["address"]["addressCountry"], code, "{written}");
    }
    let posting = json_of("workplace: remote\nremote: {countries: [Germany, Austria]}\n");
    assert_eq!(posting["applicantLocationRequirements"][1]["name"], "Austria");
    let error = job_error("location: {country: Germny}\n");
    assert!(
        error.contains(
            "job.yaml:3:21: location.country: 'Germny' is not a country jdgen knows; did you mean DE (Germany)?"
        ),
        "{error}"
    );
}

// 5. A CSV separated by semicolons (European Excel) or tabs is read.

#[test]
fn semicolon_and_tab_csv_manifests_are_read() {
    let dir = tempfile::tempdir().unwrap();
    for (name, separator) in [("semicolons.csv", ";"), ("tabs.csv", "\t")] {
        let header = [
            "id",
            "role",
            "level",
            "company.name",
            "location.city",
            "location.country",
            "salary.min",
            "salary.max",
            "salary.currency",
            "benefits",
        ];
        let row = [
            "pm-berlin",
            "product-manager",
            "senior",
            "Northwind Health",
            "Berlin",
            "DE",
            "78000",
            "96000",
            "EUR",
            "\"30 days of holiday;Pension\"",
        ];
        let csv = dir.path().join(name);
        std::fs::write(&csv, format!("{}\n{}\n", header.join(separator), row.join(separator))).unwrap();
        let out = dir.path().join(name.replace(".csv", ""));
        let (code, stderr) = batch(&[csv.to_str().unwrap(), "--out-dir", out.to_str().unwrap()]);
        assert_eq!(code, 0, "{name}: {stderr}");
        let posting = std::fs::read_to_string(out.join("pm-berlin.md")).unwrap();
        assert!(
            posting.contains("€78,000 – €96,000 per year") && posting.contains("- Pension"),
            "{posting}"
        );
    }
    let csv = dir.path().join("pipes.csv");
    std::fs::write(&csv, "id|role|level\npm|product-manager|senior\n").unwrap();
    let (code, stderr) = batch(&[
        csv.to_str().unwrap(),
        "--out-dir",
        dir.path().join("p").to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(
            "pipes.csv:1: the header row `id|role|level` cannot be split into job-file columns (it seems to use '|')"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("commas, semicolons, tabs"), "{stderr}");
    assert_speaks_recruiting(&stderr);
}

// 6. batch --set: every job gets the field, over the manifest's defaults, under each job's own.

#[test]
fn batch_set_sits_between_the_defaults_and_each_job() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = dir.path().join("openings.yaml");
    std::fs::write(
        &manifest,
        "defaults:\n  company: {name: Acme}\n  location: {country: DE}\n  date_posted: 2026-01-01\njobs:\n  - {id: plain, role: product-manager, level: senior}\n  - {id: own, role: scrum-master, level: lead, date_posted: 2026-03-03}\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let (code, stderr) = batch(&[
        manifest.to_str().unwrap(),
        "--out-dir",
        out.to_str().unwrap(),
        "--format",
        "json",
        "--set",
        "date_posted=2026-02-02",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let posted = |id: &str| {
        let posting: Json =
            serde_json::from_str(&std::fs::read_to_string(out.join(format!("{id}.json"))).unwrap()).unwrap();
        posting["datePosted"].as_str().unwrap().to_owned()
    };
    assert_eq!(posted("plain"), "2026-02-02", "--set beats the defaults");
    assert_eq!(posted("own"), "2026-03-03", "a job's own value beats --set");
    let (code, stderr) = batch(&[
        manifest.to_str().unwrap(),
        "--out-dir",
        out.to_str().unwrap(),
        "--set",
        "salry.min=5",
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("--set salry.min=5") && stderr.contains("did you mean `salary`?"),
        "{stderr}"
    );
}

#[test]
fn the_readmes_csv_example_runs_as_written() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let csv = readme.split("```csv\n").nth(1).unwrap().split("```").next().unwrap();
    let command = readme
        .lines()
        .find(|line| line.starts_with("jdgen batch openings.csv"))
        .expect("the README shows how to run a CSV manifest");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("openings.csv"), csv).unwrap();
    let args: Vec<&str> = command.split_whitespace().skip(1).collect();
    let output = jdgen().args(&args).current_dir(dir.path()).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{command}: {stderr}");
    assert!(dir.path().join("postings/pm-berlin.html").exists(), "{command}");
}

// 7. `jdgen new`: see terminal::new_asks_checks_each_answer_and_writes_job_and_description.

// 8. A Word document, PDF, web page or Markdown posting given as a job file.

#[test]
fn the_wrong_kind_of_file_is_named_with_what_was_meant() {
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("posting.docx");
    stdout_of(&[
        "generate",
        "-r",
        "product-manager",
        "-l",
        "senior",
        "-o",
        docx.to_str().unwrap(),
    ]);
    let markdown = dir.path().join("posting.md");
    std::fs::write(
        &markdown,
        stdout_of(&["generate", "-r", "product-manager", "-l", "senior"]),
    )
    .unwrap();
    let html = dir.path().join("page.html");
    std::fs::write(
        &html,
        "<!DOCTYPE html>\n<html lang=\"en\"><body><h1>Senior Product Manager</h1></body></html>\n",
    )
    .unwrap();
    let pdf = dir.path().join("posting.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n").unwrap();
    for (file, kind, meant) in [
        (
            &docx,
            "a Word document (DOCX)",
            format!("jdgen lint {}", docx.display()),
        ),
        (
            &markdown,
            "a Markdown document",
            format!("jdgen lint {}", markdown.display()),
        ),
        (&html, "a web page (HTML)", "save its text as .md".to_owned()),
        (&pdf, "a PDF", "save it as DOCX".to_owned()),
    ] {
        let stderr = bad_input(&["generate", "--job", file.to_str().unwrap()]);
        assert!(
            stderr.contains(&format!("this is {kind}")) && stderr.contains("not a job file"),
            "{stderr}"
        );
        assert!(
            stderr.contains("a job file holds the posting's facts as YAML"),
            "{stderr}"
        );
        assert!(stderr.contains(&meant), "{meant}: {stderr}");
    }
    let lint = bad_input(&["lint", markdown.to_str().unwrap(), "--job", docx.to_str().unwrap()]);
    assert!(lint.contains("not a job file") && lint.contains("jdgen lint"), "{lint}");
    let sheet = dir.path().join("openings.xlsx");
    let mut workbook = b"PK\x03\x04\x14\x00\x00\x00\x08\x00".to_vec();
    workbook.extend_from_slice(b"xl/workbook.xml");
    std::fs::write(&sheet, workbook).unwrap();
    let (code, stderr) = batch(&[
        sheet.to_str().unwrap(),
        "--out-dir",
        dir.path().join("o").to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("an Excel workbook (XLSX), not a batch manifest") && stderr.contains("openings.csv"),
        "{stderr}"
    );
}

// 9. Every problem of a job file in one run, each located.

#[test]
fn every_problem_of_a_job_file_is_reported_in_one_run() {
    let error = job_error(
        "workplace: office\nsalary: {min: 78.000, max: 96000, currency: EUR}\nteam_size: lots\nbenefits:\n  - Pension: 5%\napply: {email: nobody}\nsalry: 1\n",
    );
    for expected in [
        "job.yaml:3:12: workplace: 'office' is not a work arrangement; did you mean onsite?",
        "job.yaml:5:12: team_size: 'lots' is not a whole number of people",
        "job.yaml:7:5: benefits[0] must be text",
        "job.yaml:9:1: unknown field `salry`",
        "job.yaml:4:10: field `salary.min`: 78.000 reads as 78",
        "job.yaml:8:9: field `apply.email`: 'nobody' is not an e-mail address",
        "6 problems; fix them all, then run again",
    ] {
        assert!(error.contains(expected), "{expected:?} missing:\n{error}");
    }
    // A batch job's problems are all listed too, each on its own line.
    let (dir, manifest) = temp_file(
        "jobs.yaml",
        "jobs:\n  - id: a\n    role: product-manager\n    level: senior\n    workplace: office\n    team_size: lots\n",
    );
    let (code, stderr) = batch(&[
        manifest.to_str().unwrap(),
        "--out-dir",
        dir.path().join("out").to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("(id a): 2 problems:"), "{stderr}");
    assert!(
        stderr.contains("  - ")
            && stderr.contains("jobs.yaml:5:16: workplace")
            && stderr.contains("jobs.yaml:6:16: team_size"),
        "{stderr}"
    );
}

// 11. Man pages for every subcommand the main page names; completion of the catalog's ids.

#[test]
fn the_man_page_refers_only_to_pages_that_are_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("man1");
    jdgen()
        .args(["man", "--out-dir", out.to_str().unwrap()])
        .assert()
        .success();
    let main = std::fs::read_to_string(out.join("jdgen.1")).unwrap();
    let referred: Vec<&str> = main
        .split("jdgen\\-")
        .skip(1)
        .filter_map(|rest| rest.split_once("(1)").map(|(name, _)| name))
        .filter(|name| name.chars().all(|c| c.is_ascii_lowercase()))
        .collect();
    assert!(
        referred.contains(&"generate") && referred.contains(&"batch"),
        "{referred:?}"
    );
    assert!(!referred.contains(&"help"), "no page for `help`");
    for name in referred {
        let page =
            std::fs::read_to_string(out.join(format!("jdgen-{name}.1"))).unwrap_or_else(|_| panic!("jdgen-{name}.1"));
        assert!(page.contains(&format!(".TH jdgen-{name} 1")), "{name}");
    }
}

#[test]
fn completions_offer_the_catalogs_roles_and_levels() {
    let script = stdout_of(&["completions", "bash"]);
    let role_case = script.split("--role)").nth(1).unwrap().split(";;").next().unwrap();
    for name in ["product-manager", "project-manager", "scrum-master"] {
        assert!(role_case.contains(name), "{name}: {role_case}");
    }
    let level_case = script.split("--level)").nth(1).unwrap().split(";;").next().unwrap();
    assert!(
        level_case.contains("senior") && level_case.contains("expert"),
        "{level_case}"
    );
    assert!(
        !role_case.contains("compgen -f"),
        "no file names for --role: {role_case}"
    );
    // A user's catalog adds its own; a broken or missing one leaves the built-in names.
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("jdgen");
    stdout_of(&["init", catalog.to_str().unwrap()]);
    let lead = std::fs::read_to_string(catalog.join("profiles/lead.yaml")).unwrap();
    std::fs::write(
        catalog.join("profiles/staff.yaml"),
        lead.replace("id: lead", "id: staff")
            .replace("name: Lead", "name: Staff"),
    )
    .unwrap();
    let script = stdout_of(&["--catalog", catalog.to_str().unwrap(), "completions", "zsh"]);
    assert!(script.contains("staff"), "the user's level is offered");
    let script = stdout_of(&["--catalog", "/no/such/catalog", "completions", "fish"]);
    assert!(script.contains("scrum-master"), "{script}");
}
