//! `jdgen lint` and `generate --lint`, as a user runs them.

use std::io::Write;

use serde_json::Value;

use crate::common::{bad_input, fixture, jdgen, temp_file, LEVELS, ROLES};

/// A posting that breaks most rules.
const BAD_POSTING: &str = "\
# Salesman / Sales Ninja

We are a young team, a start-up with a work hard, play hard culture. We want a rockstar who can hit the ground running.

## Requirements

- A bachelor's degree in business.
- Native English speaker.
- Driven, ambitious and competitive.
- Able to lift 50 pounds.
- Thick skin.
- Recent graduate.
- Strong analytical skills.
- Self-confident and independent.
- A competitive, fearless spirit.
";

/// Runs `jdgen` with `args` and optional stdin; returns (exit code, stdout, stderr).
fn run(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let mut command = jdgen();
    command.args(args);
    if let Some(text) = stdin {
        command.write_stdin(text.to_owned());
    }
    let output = command.output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "jdgen {args:?} panicked:\n{stderr}");
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        stderr,
    )
}

fn json_of(args: &[&str], stdin: Option<&str>) -> (i32, Value) {
    let (code, stdout, stderr) = run(args, stdin);
    let value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}\n{stderr}"));
    (code, value)
}

fn rules_in(report: &Value) -> Vec<String> {
    report["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn the_builtin_descriptions_are_lint_clean() {
    let job = fixture("typical-job.yaml");
    let job = job.to_str().unwrap();
    let mut summary = Vec::new();
    for role in ROLES {
        for level in LEVELS {
            let (code, markdown, stderr) = run(&["generate", "-r", role, "-l", level, "--job", job], None);
            assert_eq!(code, 0, "{stderr}");
            let (code, report) = json_of(
                &["lint", "-", "--job", job, "--format", "json", "--deny", "warning"],
                Some(&markdown),
            );
            let serious: Vec<&Value> = report["files"][0]["findings"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| f["level"] != "notice")
                .collect();
            assert!(serious.is_empty(), "{role} {level}: {serious:#?}");
            assert_eq!(code, 0, "{role} {level}");
            let gender = &report["files"][0]["summary"]["gender_coding"];
            summary.push(format!("{role} {level}: {gender}"));
        }
    }
    assert_eq!(summary.len(), 16);
}

#[test]
fn a_bad_posting_gets_findings_in_text() {
    let (_dir, path) = temp_file("bad.md", BAD_POSTING);
    let (code, stdout, _) = run(&["lint", path.to_str().unwrap()], None);
    assert_eq!(
        code, 0,
        "warnings alone do not fail at the default --deny error:\n{stdout}"
    );
    for expected in [
        ":1:3: warning[gender-neutral-title]: 'Salesman'",
        "warning[ninja]",
        ":3:10: warning[young]",
        "warning[work-hard-play-hard]: 'work hard, play hard'",
        "warning[rockstar]",
        "notice[hit-the-ground-running]",
        "warning[native-speaker]",
        "warning[physical-requirement]: 'lift 50 pounds'",
        "warning[thick-skin]",
        "warning[recent-graduate]",
        "notice[degree-without-equivalent]: 'bachelor's'",
        "warning[too-many-requirements]: 'Requirements' lists 9 must-haves",
        "warning[gender-coding]: the text is strongly masculine-coded",
        "notice[gender-coded-word]: 'Driven'",
        "    suggestion: ",
        "notice[length]",
    ] {
        assert!(stdout.contains(expected), "missing {expected:?} in:\n{stdout}");
    }
    assert!(stdout.ends_with(": nothing at or above error\n"), "{stdout}");
}

#[test]
fn json_output_has_the_documented_shape() {
    let (code, report) = json_of(&["lint", "-", "--format", "json"], Some(BAD_POSTING));
    assert_eq!(code, 0);
    assert_eq!(report["deny"], "error");
    assert_eq!(report["failed"], false);
    let file = &report["files"][0];
    assert_eq!(file["file"], "-");
    let summary = &file["summary"];
    assert!(summary["words"].as_u64().unwrap() > 50);
    for key in [
        "sentences",
        "words",
        "syllables",
        "reading_ease",
        "average_sentence_words",
    ] {
        assert!(summary["readability"][key].is_number(), "readability.{key}");
    }
    let gender = &summary["gender_coding"];
    assert_eq!(gender["verdict"], "strongly masculine-coded");
    assert_eq!(
        gender["masculine"].as_u64().unwrap() as usize,
        gender["masculine_words"].as_array().unwrap().len()
    );
    let findings = file["findings"].as_array().unwrap();
    let keys = ["rule", "level", "message", "line", "column", "quote", "suggestion"];
    for finding in findings {
        let object = finding.as_object().unwrap();
        assert_eq!(object.len(), keys.len(), "{finding}");
        for key in keys {
            assert!(object.contains_key(key), "{key} missing in {finding}");
        }
    }
    let rockstar = findings.iter().find(|f| f["rule"] == "rockstar").unwrap();
    assert_eq!(rockstar["level"], "warning");
    assert_eq!(
        (rockstar["line"].as_u64(), rockstar["column"].as_u64()),
        (Some(3), Some(80))
    );
    assert_eq!(rockstar["quote"], "rockstar");
    let whole = findings.iter().find(|f| f["rule"] == "length").unwrap();
    assert!(whole["line"].is_null() && whole["quote"].is_null());
    let counts = &report["counts"];
    let total =
        counts["error"].as_u64().unwrap() + counts["warning"].as_u64().unwrap() + counts["notice"].as_u64().unwrap();
    assert_eq!(total as usize, findings.len());
}

#[test]
fn deny_sets_the_level_that_fails() {
    let notice_only = format!(
        "# Job\n\n{}\n",
        "You will hit the ground running with the team. ".repeat(40)
    );
    let warning_only = format!(
        "# Job\n\n{}\n",
        "Our rockstar team plans the work together. ".repeat(45)
    );
    for (text, deny, expected) in [
        (&notice_only, "error", 0),
        (&notice_only, "warning", 0),
        (&notice_only, "notice", 1),
        (&warning_only, "error", 0),
        (&warning_only, "warning", 1),
        (&warning_only, "notice", 1),
    ] {
        let (code, stdout, _) = run(&["lint", "-", "--deny", deny], Some(text));
        assert_eq!(code, expected, "--deny {deny}:\n{stdout}");
    }
    let clean = format!(
        "# Job\n\n{}\n",
        "You plan the work with the team and talk to customers. ".repeat(35)
    );
    let (code, stdout, _) = run(&["lint", "-", "--deny", "notice"], Some(&clean));
    assert_eq!(code, 0, "{stdout}");
}

#[test]
fn a_company_file_switches_rules_off() {
    let company = "company: {name: Acme}\nlint:\n  disable: [rockstar, gender-coded-word]\n";
    let (_dir, company_path) = temp_file("company.yaml", company);
    let (_, report) = json_of(
        &[
            "lint",
            "-",
            "--format",
            "json",
            "--company",
            company_path.to_str().unwrap(),
        ],
        Some(BAD_POSTING),
    );
    let rules = rules_in(&report);
    assert!(!rules.contains(&"rockstar".to_owned()) && !rules.contains(&"gender-coded-word".to_owned()));
    assert!(rules.contains(&"ninja".to_owned()));

    let (_dir, typo) = temp_file("company.yaml", "company: {name: Acme}\nlint:\n  disable: [rokstar]\n");
    let stderr = bad_input(&["lint", "-", "--company", typo.to_str().unwrap()]);
    assert!(stderr.contains("unknown lint rule 'rokstar'"), "{stderr}");
    assert!(stderr.contains("did you mean 'rockstar'"), "{stderr}");
    assert!(stderr.contains("company.yaml:3:13"), "{stderr}");
}

/// A small DOCX written the way Word does: a title, a paragraph, a heading and list items.
fn docx(paragraphs: &[(&str, &str)]) -> Vec<u8> {
    let body: String = paragraphs
        .iter()
        .map(|(style, text)| {
            let properties = match *style {
                "" => String::new(),
                "list" => r#"<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>"#.to_owned(),
                style => format!(r#"<w:pPr><w:pStyle w:val="{style}"/></w:pPr>"#),
            };
            format!(r#"<w:p>{properties}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
        })
        .collect();
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(
        br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#,
    )
    .unwrap();
    zip.start_file("word/document.xml", options).unwrap();
    write!(
        zip,
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    )
    .unwrap();
    zip.finish().unwrap();
    out.into_inner()
}

#[test]
fn docx_files_are_linted_with_their_headings() {
    let mut paragraphs = vec![
        ("Title", "Lead Product Manager"),
        ("", "As our Lead Product Manager you will be a rockstar."),
        ("Heading2", "Requirements"),
    ];
    let items: Vec<String> = (1..=9).map(|i| format!("Skill number {i}")).collect();
    paragraphs.extend(items.iter().map(|i| ("list", i.as_str())));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("posting.docx");
    std::fs::write(&path, docx(&paragraphs)).unwrap();
    let (_, report) = json_of(&["lint", path.to_str().unwrap(), "--format", "json"], None);
    let findings = report["files"][0]["findings"].as_array().unwrap();
    let rockstar = findings
        .iter()
        .find(|f| f["rule"] == "rockstar")
        .expect("rockstar found");
    assert_eq!(
        (rockstar["line"].as_u64(), rockstar["column"].as_u64()),
        (Some(2), Some(43))
    );
    let too_many = findings
        .iter()
        .find(|f| f["rule"] == "too-many-requirements")
        .expect("heading seen");
    assert_eq!(too_many["line"], 3);
    // "Lead" in the title is a level name, not masculine-coded wording.
    assert_eq!(report["files"][0]["summary"]["gender_coding"]["masculine"], 0);

    let (_dir, fake) = temp_file("fake.docx", "not a zip");
    let stderr = bad_input(&["lint", fake.to_str().unwrap()]);
    assert!(
        stderr.contains("fake.docx") && stderr.contains("not a DOCX"),
        "{stderr}"
    );
}

fn pay_rules(job: &str) -> Vec<String> {
    pay_rules_of(job, "")
}

/// The pay findings for a posting of plain work sentences plus `extra` text.
fn pay_rules_of(job: &str, extra: &str) -> Vec<String> {
    let (_dir, path) = temp_file("job.yaml", job);
    let posting = format!("# Job\n\n{}\n\n{extra}", "You plan the work with the team. ".repeat(60));
    let (_, report) = json_of(
        &["lint", "-", "--format", "json", "--job", path.to_str().unwrap()],
        Some(&posting),
    );
    report["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("pay-transparency"))
        .map(|f| format!("{}:{}", f["rule"].as_str().unwrap(), f["level"].as_str().unwrap()))
        .collect()
}

#[test]
fn pay_transparency_where_a_law_applies_and_where_none_does() {
    let denver = "location: {city: Denver, region: CO, country: US}\ndate_posted: 2026-11-02\n";
    assert_eq!(pay_rules(denver), ["pay-transparency:error"]);
    let with_pay =
        format!("{denver}salary: {{min: 90000, max: 110000, currency: USD}}\nbenefits: [Health insurance]\n");
    let shown = "## Compensation\n\nThe base salary range is $90,000 – $110,000 per year.\n\n## Benefits\n\n- Health insurance\n";
    assert!(pay_rules_of(&with_pay, shown).is_empty());
    // The law is about what the posting shows: a salary only in the job file is no pay shown
    // (issue 12, item 10), and neither is money that is not pay.
    assert_eq!(pay_rules(&with_pay), ["pay-transparency:error"]);
    assert_eq!(
        pay_rules_of(
            denver,
            "We have raised over $750 million and manage projects valued at $100k+.\n"
        ),
        ["pay-transparency:error"]
    );
    // Benefits under a bold label, or named in prose, are benefits shown.
    for benefits in [
        "**Benefits:**\n\n- Health insurance\n- A pension\n",
        "You get medical, dental and vision insurance, a 401(k) and paid time off.\n",
    ] {
        let text = format!("Pay: $90,000 - $110,000 a year.\n\n{benefits}");
        assert!(pay_rules_of(denver, &text).is_empty(), "{benefits}");
    }
    assert_eq!(
        pay_rules_of(denver, "Pay: $90,000 - $110,000 a year.\n"),
        ["pay-transparency-benefits:warning"]
    );
    let before_the_law = "location: {city: Denver, region: CO, country: US}\ndate_posted: 2020-06-01\n";
    assert_eq!(pay_rules(before_the_law), ["pay-transparency:notice"]);
    let austin = "location: {city: Austin, region: TX, country: US}\ndate_posted: 2026-11-02\n";
    assert!(pay_rules(austin).is_empty());
    let london = "location: {city: London, country: GB}\n";
    assert!(pay_rules(london).is_empty());

    let (_dir, path) = temp_file("job.yaml", denver);
    let (code, stdout, _) = run(
        &["lint", "-", "--job", path.to_str().unwrap()],
        Some("# Job\n\nWork.\n"),
    );
    assert_eq!(code, 1);
    assert!(
        stdout.contains("error[pay-transparency]: no pay range: Equal Pay for Equal Work Act"),
        "{stdout}"
    );
}

#[test]
fn pay_transparency_for_a_remote_role_counts_the_countries_it_hires_from() {
    let us = pay_rules("workplace: remote\nremote: {countries: [US]}\ndate_posted: 2026-11-02\n");
    assert!(
        us.len() >= 3 && us.iter().all(|r| r == "pay-transparency:error"),
        "{us:?}"
    );
    let eu = pay_rules("workplace: remote\nremote: {countries: [FR, ES]}\ndate_posted: 2026-11-02\n");
    assert_eq!(eu, ["pay-transparency:warning"]);
    assert!(pay_rules("workplace: remote\nremote: {countries: [GB, CH]}\n").is_empty());
}

#[test]
fn generate_lint_reports_to_stderr_and_fails_on_errors() {
    let job = fixture("typical-job.yaml");
    let (code, stdout, stderr) = run(
        &[
            "generate",
            "-r",
            "scrum-master",
            "-l",
            "lead",
            "--job",
            job.to_str().unwrap(),
            "--lint",
        ],
        None,
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("# "));
    assert!(stderr.contains("0 errors, 0 warnings"), "{stderr}");

    let (_dir, denver) = temp_file("job.yaml", "location: {city: Denver, region: CO, country: US}\n");
    let (code, stdout, stderr) = run(
        &[
            "generate",
            "-r",
            "product-manager",
            "-l",
            "senior",
            "--job",
            denver.to_str().unwrap(),
            "--lint",
        ],
        None,
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stdout.starts_with("# Senior Product Manager"),
        "the description is still written"
    );
    assert!(stderr.contains("error[pay-transparency]"), "{stderr}");
}

#[test]
fn a_user_catalog_overrides_the_thresholds() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("lint")).unwrap();
    let builtin = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/lint/thresholds.yaml")).unwrap();
    std::fs::write(
        dir.path().join("lint/thresholds.yaml"),
        builtin.replace("max_must_haves: 8", "max_must_haves: 2"),
    )
    .unwrap();
    let posting = "# Job\n\n## What you will bring\n\n- One\n- Two\n- Three\n";
    let catalog = dir.path().to_str().unwrap();
    let (_, report) = json_of(&["--catalog", catalog, "lint", "-", "--format", "json"], Some(posting));
    assert!(rules_in(&report).contains(&"too-many-requirements".to_owned()));
    let (_, report) = json_of(&["lint", "-", "--format", "json"], Some(posting));
    assert!(!rules_in(&report).contains(&"too-many-requirements".to_owned()));
}

#[test]
fn unreadable_files_are_bad_input() {
    let stderr = bad_input(&["lint", "/no/such/posting.md"]);
    assert!(stderr.contains("/no/such/posting.md"), "{stderr}");
    let stderr = bad_input(&["lint", "-", "--deny", "severe"]);
    assert!(stderr.contains("severe"), "{stderr}");
}

/// SARIF 2.1.0 as code-scanning services read it: checked against the official schema
/// (tests/schemas/) with Python's `jsonschema`, and for what the findings say.
#[test]
fn sarif_output_is_valid_sarif_2_1_0() {
    let dir = tempfile::tempdir().unwrap();
    let posting = dir.path().join("bad posting.md");
    std::fs::write(&posting, BAD_POSTING).unwrap();
    let (_dir, denver) = temp_file("job.yaml", "location: {city: Denver, region: CO, country: US}\n");
    let (code, stdout, stderr) = run(
        &[
            "lint",
            posting.to_str().unwrap(),
            "--job",
            denver.to_str().unwrap(),
            "--format",
            "sarif",
        ],
        None,
    );
    assert_eq!(code, 1, "the pay-transparency error fails the run: {stderr}");
    let log: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let run_ = &log["runs"][0];
    assert_eq!(run_["tool"]["driver"]["name"], "jdgen");
    let rules = run_["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run_["results"].as_array().unwrap();
    let rockstar = results.iter().find(|r| r["ruleId"] == "rockstar").unwrap();
    assert_eq!(rockstar["level"], "warning");
    assert_eq!(
        rules[rockstar["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "rockstar"
    );
    let region = &rockstar["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(3), Some(80))
    );
    assert_eq!(region["endColumn"].as_u64(), Some(88));
    let uri = &rockstar["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    assert!(uri.as_str().unwrap().ends_with("bad%20posting.md"), "{uri}");
    assert!(results
        .iter()
        .any(|r| r["ruleId"] == "pay-transparency" && r["level"] == "error"));
    assert!(results
        .iter()
        .any(|r| r["ruleId"] == "gender-coded-word" && r["level"] == "note"));

    let Some(errors) = sarif_schema_errors(&stdout) else {
        return;
    };
    assert!(errors.is_empty(), "not valid SARIF 2.1.0:\n{errors}");
    // A run whose only finding is about the whole document (no region) is valid too.
    let (_, clean, _) = run(&["lint", "-", "--format", "sarif"], Some("# Job\n\nPlan the work.\n"));
    let errors = sarif_schema_errors(&clean).unwrap();
    assert!(errors.is_empty(), "not valid SARIF 2.1.0:\n{errors}");
}

/// The schema errors of a SARIF log (empty when it is valid), by Python's `jsonschema`
/// against tests/schemas/sarif-schema-2.1.0.json; `None`, said visibly, when the validator
/// is not installed (a failure when JDGEN_REQUIRE_READERS=1, as in CI).
fn sarif_schema_errors(log: &str) -> Option<String> {
    let validator = "import json, sys, jsonschema\n\
        schema = json.load(open(sys.argv[1]))\n\
        jsonschema.Draft4Validator.check_schema(schema)\n\
        errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(json.load(sys.stdin)), key=str)\n\
        print('\\n'.join(f'{list(e.path)}: {e.message}' for e in errors))\n";
    let available = std::process::Command::new("python3")
        .args(["-c", "import jsonschema"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !available {
        if std::env::var("JDGEN_REQUIRE_READERS").as_deref() == Ok("1") {
            panic!("python3 with jsonschema is not installed and JDGEN_REQUIRE_READERS=1");
        }
        eprintln!("skipped: SARIF schema validation (python3 jsonschema not installed)");
        return None;
    }
    let schema = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/schemas/sarif-schema-2.1.0.json");
    let mut child = std::process::Command::new("python3")
        .args(["-c", validator, schema])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(log.as_bytes()).unwrap();
    let checked = child.wait_with_output().unwrap();
    assert!(checked.status.success(), "the validator failed");
    Some(String::from_utf8(checked.stdout).unwrap().trim().to_owned())
}

/// `jdgen lint postings/*.md` after a batch names the batch's own index.md too: it is
/// skipped, and `-v` says why (issue 12, item 12).
#[test]
fn the_index_a_batch_writes_is_not_linted() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = dir.path().join("jobs.yaml");
    std::fs::write(
        &manifest,
        "jobs:\n  - id: pm\n    role: product-manager\n    level: senior\n    company: {name: Acme}\n",
    )
    .unwrap();
    let out = dir.path().join("postings");
    let (code, _, stderr) = run(
        &["batch", manifest.to_str().unwrap(), "--out-dir", out.to_str().unwrap()],
        None,
    );
    assert_eq!(code, 0, "{stderr}");
    let index = out.join("index.md");
    let posting = out.join("pm.md");
    let (_, report) = json_of(
        &[
            "lint",
            index.to_str().unwrap(),
            posting.to_str().unwrap(),
            "--format",
            "json",
        ],
        None,
    );
    let files: Vec<&str> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert_eq!(files, [posting.to_str().unwrap()]);
    let (code, stdout, stderr) = run(&["-v", "lint", index.to_str().unwrap()], None);
    assert_eq!(code, 0);
    assert!(
        stderr.contains("index.md: it is the index `jdgen batch` writes"),
        "{stderr}"
    );
    assert!(
        stdout.ends_with("0 errors, 0 warnings, 0 notices: nothing at or above error\n"),
        "{stdout}"
    );
    // A file that merely talks about an index is linted.
    let (_, report) = json_of(
        &["lint", "-", "--format", "json"],
        Some("# Job descriptions\n\nAn index of roles.\n"),
    );
    assert_eq!(report["files"].as_array().unwrap().len(), 1);
}

/// Lint's work is linear in its input (issue 13, items 3 and 4). Generous bounds on work,
/// not timings: the figures are measured by bench/lint-speed.sh.
#[test]
fn hostile_inputs_finish_and_stay_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let rockstars = dir.path().join("rockstars.md");
    std::fs::write(&rockstars, "We want a rockstar.\n".repeat(52_000)).unwrap();
    let output = crate::common::jdgen()
        .args(["lint", rockstars.to_str().unwrap(), "--format", "json"])
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "1 MB of rockstars took more than 60 s, or failed"
    );
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let findings = report["files"][0]["findings"].as_array().unwrap();
    let rockstars_listed = findings.iter().filter(|f| f["rule"] == "rockstar").count();
    assert_eq!(rockstars_listed, 101, "100 listed and one that counts the rest");
    assert!(findings
        .iter()
        .any(|f| f["rule"] == "rockstar" && f["message"].as_str().unwrap().starts_with("51900 more findings")));

    // A DOCX of <w:p> nested 100,000 deep: a few KB zipped, 1.1 MB inflated; refused at once.
    let depth = 100_000;
    let xml = format!(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{}{}</w:body></w:document>"#,
        "<w:p>".repeat(depth),
        "</w:p>".repeat(depth)
    );
    let mut zipped = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut zipped);
    let deflated = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", deflated).unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap();
    let nested = dir.path().join("nested.docx");
    std::fs::write(&nested, zipped.into_inner()).unwrap();
    let size = std::fs::metadata(&nested).unwrap().len();
    assert!(size < 8192, "{size} bytes");
    let output = crate::common::jdgen()
        .args(["lint", nested.to_str().unwrap()])
        .timeout(std::time::Duration::from_secs(30))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("nests elements more than 256 deep"), "{stderr}");
}
