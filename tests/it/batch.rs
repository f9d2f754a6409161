//! `jdgen batch`: manifests in YAML and CSV, failures, safe names, determinism, atomic writes.

use std::path::Path;

use crate::common::*;

/// Runs batch with `args`, returns (exit code, stderr).
fn batch(args: &[&str]) -> (i32, String) {
    let output = jdgen().arg("batch").args(args).output().unwrap();
    assert!(output.stdout.is_empty(), "batch writes nothing to stdout");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (output.status.code().unwrap(), stderr)
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn all_pairs_manifest() -> String {
    let mut text = String::from(
        "# every role at every level\ndefaults:\n  company: {name: Northwind Health}\n  location: {city: Berlin, country: DE}\n  salary: {min: 78000, max: 96000, currency: EUR}\n  date_posted: 2026-11-02\njobs:\n",
    );
    for role in ROLES {
        for level in LEVELS {
            text.push_str(&format!(
                "  - id: {role}-{level}\n    role: {role}\n    level: {level}\n"
            ));
        }
    }
    text
}

#[test]
fn every_role_and_level_matches_generate() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = dir.path().join("jobs.yaml");
    std::fs::write(&manifest, all_pairs_manifest()).unwrap();
    let out = dir.path().join("out");
    let (code, stderr) = batch(&[manifest.to_str().unwrap(), "--out-dir", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("16 jobs written, 16 files, 0 failed"), "{stderr}");
    for role in ROLES {
        for level in LEVELS {
            let written = std::fs::read_to_string(out.join(format!("{role}-{level}.md"))).unwrap();
            let generated = stdout_of(&[
                "generate",
                "-r",
                role,
                "-l",
                level,
                "--set",
                "company.name=Northwind Health",
                "--set",
                "location.city=Berlin",
                "--set",
                "location.country=DE",
                "--set",
                "salary={min: 78000, max: 96000, currency: EUR}",
                "--set",
                "date_posted=2026-11-02",
            ]);
            assert_eq!(written, generated, "{role}/{level}: batch and generate differ");
        }
    }
    let index = std::fs::read_to_string(out.join("index.md")).unwrap();
    assert!(
        index.contains("| scrum-master-head | Head of Agile Practice | scrum-master | head | [scrum-master-head.md]")
    );
}

#[test]
fn csv_as_spreadsheets_export_it() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "\u{feff}id,role,level,company.name,team,location.city,location.country,salary.min,salary.max,salary.currency,benefits\n\
        zurich,product-owner,lead,\"Müller, Weber & Co\",\"Two squads; one \"\"platform\"\" team,\nspread over two lines\",Zürich,CH,\"140,000\",160000,CHF,Pension;Half-fare travel card\n\
        tokyo,scrum-master,senior,東京ソフト,,Tokyo,JP,9000000,11000000,JPY,\n";
    let manifest = dir.path().join("jobs.csv");
    std::fs::write(&manifest, csv).unwrap();
    let out = dir.path().join("out");
    let (code, stderr) = batch(&[manifest.to_str().unwrap(), "--out-dir", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let zurich = std::fs::read_to_string(out.join("zurich.md")).unwrap();
    assert!(zurich.contains("Müller, Weber & Co does not discriminate"), "{zurich}");
    assert!(
        zurich.contains("one \"platform\" team, spread over two lines"),
        "{zurich}"
    );
    assert!(zurich.contains("CHF 140,000 – 160,000 per year") && zurich.contains("- Half-fare travel card"));
    assert!(zurich.contains("Zürich, Switzerland"));
    let tokyo = std::fs::read_to_string(out.join("tokyo.md")).unwrap();
    assert!(
        tokyo.contains("東京ソフト") && tokyo.contains("¥9,000,000 – ¥11,000,000"),
        "{tokyo}"
    );
}

#[test]
fn one_bad_job_does_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = dir.path().join("jobs.yaml");
    let mut text = String::from("jobs:\n");
    for i in 0..20 {
        text.push_str(&format!(
            "  - id: job-{i}\n    role: product-manager\n    level: senior\n"
        ));
        if i == 12 {
            text.push_str("  - id: broken\n    role: product-manager\n    level: senior\n    salary: {min: 90000, max: 10000, currency: EUR}\n");
        }
    }
    std::fs::write(&manifest, &text).unwrap();
    let out = dir.path().join("out");
    let (code, stderr) = batch(&[manifest.to_str().unwrap(), "--out-dir", out.to_str().unwrap()]);
    assert_eq!(code, 1, "{stderr}");
    let line = text.lines().position(|l| l.contains("id: broken")).unwrap() + 1;
    assert!(
        stderr.contains(&format!("job at line {line}")) && stderr.contains("(id broken)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("salary.max") && stderr.contains("below the minimum"),
        "{stderr}"
    );
    assert!(stderr.contains("20 jobs written, 20 files, 1 failed"), "{stderr}");
    assert_eq!(files_in(&out).len(), 21, "20 postings and the index");
    assert!(!out.join("broken.md").exists());
}

#[test]
fn fail_fast_stops_at_the_first_failure() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = dir.path().join("jobs.yaml");
    std::fs::write(
        &manifest,
        "jobs:\n  - {id: a, role: scrum-master, level: lead}\n  - {id: b, role: nope, level: lead}\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let (code, stderr) = batch(&[
        manifest.to_str().unwrap(),
        "--out-dir",
        out.to_str().unwrap(),
        "--fail-fast",
    ]);
    assert_eq!(code, 1);
    assert!(stderr.contains("unknown role 'nope'"), "{stderr}");
    assert!(
        !out.join("a.md").exists(),
        "a planning failure stops the run before writing"
    );
}

#[test]
fn duplicate_names_stop_before_writing() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = dir.path().join("jobs.yaml");
    let text = "jobs:\n  - {role: scrum-master, level: lead}\n  - {id: other, role: product-owner, level: lead}\n  - {role: scrum-master, level: lead, location: {city: Paris}}\n";
    std::fs::write(&manifest, text).unwrap();
    let out = dir.path().join("out");
    let (code, stderr) = batch(&[manifest.to_str().unwrap(), "--out-dir", out.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("line 2") && stderr.contains("line 4") && stderr.contains("'lead-scrum-master'"),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn ids_cannot_escape_the_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = dir.path().join("jobs.yaml");
    let text = "jobs:\n  - {id: '../x', role: scrum-master, level: lead}\n  - {id: /abs, role: scrum-master, level: lead}\n  - {id: '..', role: scrum-master, level: lead}\n  - {id: CON, role: scrum-master, level: lead}\n  - {id: '.hidden', role: scrum-master, level: lead}\n  - {id: fine, role: scrum-master, level: lead}\n";
    std::fs::write(&manifest, text).unwrap();
    let out = dir.path().join("out");
    let (code, stderr) = batch(&[manifest.to_str().unwrap(), "--out-dir", out.to_str().unwrap()]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(stderr.matches("failed: job at").count(), 5, "{stderr}");
    assert!(stderr.contains("reserves"), "CON is named as reserved: {stderr}");
    assert_eq!(files_in(&out), ["fine.md", "index.md"]);
    assert_eq!(
        files_in(dir.path()),
        ["jobs.yaml", "out"],
        "nothing written beside the folder"
    );
    assert!(!Path::new("/abs.md").exists());
}

#[test]
fn output_does_not_depend_on_threads() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = dir.path().join("jobs.yaml");
    std::fs::write(&manifest, all_pairs_manifest()).unwrap();
    let runs: Vec<_> = ["1", "4"]
        .iter()
        .map(|threads| {
            let out = dir.path().join(format!("out-{threads}"));
            let report = dir.path().join(format!("report-{threads}.json"));
            let (code, stderr) = batch(&[
                manifest.to_str().unwrap(),
                "--out-dir",
                out.to_str().unwrap(),
                "--format",
                "md,docx,html,json",
                "--jobs",
                threads,
                "--report",
                report.to_str().unwrap(),
            ]);
            assert_eq!(code, 0, "{stderr}");
            let files: Vec<(String, Vec<u8>)> = files_in(&out)
                .into_iter()
                .map(|name| (name.clone(), std::fs::read(out.join(&name)).unwrap()))
                .collect();
            let report = std::fs::read_to_string(report)
                .unwrap()
                .replace(&format!("out-{threads}"), "out");
            (files, report)
        })
        .collect();
    assert_eq!(runs[0].0.len(), 16 * 4 + 1, "four formats per job, and the index");
    assert_eq!(runs[0], runs[1]);
}

#[test]
fn existing_files_need_force() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = dir.path().join("jobs.yaml");
    std::fs::write(&manifest, "jobs:\n  - {id: a, role: scrum-master, level: lead}\n").unwrap();
    let out = dir.path().join("out");
    let args = [manifest.to_str().unwrap(), "--out-dir", out.to_str().unwrap()];
    assert_eq!(batch(&args).0, 0);
    // The same content again is not an overwrite: a re-run completes quietly.
    let (code, stderr) = batch(&args);
    assert_eq!(code, 0);
    assert!(stderr.contains("1 already up to date"), "{stderr}");
    std::fs::write(out.join("a.md"), "edited by hand\n").unwrap();
    let (code, stderr) = batch(&args);
    assert_eq!(code, 1);
    assert!(stderr.contains("a.md") && stderr.contains("--force"), "{stderr}");
    assert_eq!(std::fs::read_to_string(out.join("a.md")).unwrap(), "edited by hand\n");
    let mut forced = args.to_vec();
    forced.push("--force");
    assert_eq!(batch(&forced).0, 0);
    assert!(std::fs::read_to_string(out.join("a.md"))
        .unwrap()
        .starts_with("# Lead Scrum Master"));
}

#[test]
fn unusable_manifests_exit_2_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    for (name, text) in [
        ("a.yaml", "jobs: [unclosed"),
        ("b.yaml", "defaults: {}\n"),
        ("c.yaml", "jobz:\n  - {role: scrum-master}\n"),
        ("d.csv", "id,rol\nx,scrum-master\n"),
    ] {
        let manifest = dir.path().join(name);
        std::fs::write(&manifest, text).unwrap();
        let (code, stderr) = batch(&[manifest.to_str().unwrap(), "--out-dir", out.to_str().unwrap()]);
        assert_eq!(code, 2, "{name}: {stderr}");
        assert!(stderr.contains(name), "{name}: {stderr}");
        assert!(!out.exists(), "{name}: wrote something");
    }
    let (code, _) = batch(&["/no/such/manifest.yaml", "--out-dir", out.to_str().unwrap()]);
    assert_eq!(code, 2);
}

#[test]
fn report_json_lists_every_job() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = dir.path().join("jobs.yaml");
    std::fs::write(
        &manifest,
        "jobs:\n  - {id: a, role: scrum-master, level: lead}\n  - {id: b, role: x, level: lead}\n",
    )
    .unwrap();
    let report = dir.path().join("report.json");
    let out = dir.path().join("out");
    let (code, _) = batch(&[
        manifest.to_str().unwrap(),
        "--out-dir",
        out.to_str().unwrap(),
        "--report",
        report.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(report).unwrap()).unwrap();
    assert_eq!(json["jobs_total"], 2);
    assert_eq!(json["jobs"][0]["files"][0], "a.md");
    assert_eq!(json["jobs"][0]["title"], "Lead Scrum Master");
    assert_eq!(json["jobs"][1]["status"], "failed");
    assert!(json["jobs"][1]["error"].as_str().unwrap().contains("unknown role 'x'"));
}

#[test]
fn a_killed_run_leaves_only_whole_files_and_a_rerun_completes() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = dir.path().join("jobs.yaml");
    let mut text = String::from("jobs:\n");
    for i in 0..3000 {
        let (role, level) = (ROLES[i % 4], LEVELS[(i / 4) % 4]);
        text.push_str(&format!("  - {{id: job-{i}, role: {role}, level: {level}}}\n"));
    }
    std::fs::write(&manifest, text).unwrap();
    let reference = dir.path().join("reference");
    assert_eq!(
        batch(&[manifest.to_str().unwrap(), "--out-dir", reference.to_str().unwrap()]).0,
        0
    );

    let out = dir.path().join("out");
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("jdgen"))
        .args(["batch", manifest.to_str().unwrap(), "--out-dir", out.to_str().unwrap()])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once it has started writing (or finished: the checks hold either way).
    while !out.join("index.md").exists() && files_in_or_empty(&out).len() < 50 {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().ok();
    child.wait().unwrap();
    for name in files_in_or_empty(&out) {
        if name.ends_with(".md") {
            assert_eq!(
                std::fs::read(out.join(&name)).unwrap(),
                std::fs::read(reference.join(&name)).unwrap(),
                "{name} is not whole"
            );
        }
    }
    let (code, stderr) = batch(&[manifest.to_str().unwrap(), "--out-dir", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let finals: Vec<String> = files_in(&out)
        .into_iter()
        .filter(|n| !n.starts_with(".jdgen-"))
        .collect();
    assert_eq!(finals, files_in(&reference));
}

fn files_in_or_empty(dir: &Path) -> Vec<String> {
    match dir.exists() {
        true => files_in(dir),
        false => Vec::new(),
    }
}

#[test]
fn every_format_matches_generate() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = dir.path().join("jobs.yaml");
    std::fs::write(
        &manifest,
        "jobs:\n  - {id: pm, role: product-manager, level: principal}\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let (code, stderr) = batch(&[
        manifest.to_str().unwrap(),
        "--out-dir",
        out.to_str().unwrap(),
        "--format",
        "md,html",
        "--company",
        fixture("company.yaml").to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "html needs a date and a country: {stderr}");
    assert!(stderr.contains("date_posted"), "{stderr}");
    std::fs::write(
        &manifest,
        "defaults: {date_posted: 2026-11-02, location: {city: Berlin, country: DE}}\njobs:\n  - {id: pm, role: product-manager, level: principal}\n",
    )
    .unwrap();
    let (code, stderr) = batch(&[
        manifest.to_str().unwrap(),
        "--out-dir",
        out.to_str().unwrap(),
        "--format",
        "md,docx,html,json",
        "--company",
        fixture("company.yaml").to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let generated = dir.path().join("generated");
    stdout_of(&[
        "generate",
        "-r",
        "product-manager",
        "-l",
        "principal",
        "--company",
        fixture("company.yaml").to_str().unwrap(),
        "--set",
        "date_posted=2026-11-02",
        "--set",
        "location={city: Berlin, country: DE}",
        "--format",
        "md,docx,html,json",
        "--out-dir",
        generated.to_str().unwrap(),
        "--name",
        "pm",
    ]);
    for ext in ["md", "docx", "html", "json"] {
        let name = format!("pm.{ext}");
        assert_eq!(
            std::fs::read(out.join(&name)).unwrap(),
            std::fs::read(generated.join(&name)).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn a_user_catalog_adds_a_role_and_a_level() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("catalog");
    std::fs::create_dir_all(catalog.join("profiles")).unwrap();
    std::fs::create_dir_all(catalog.join("templates")).unwrap();
    let staff = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/lead.yaml"))
        .unwrap()
        .replace("id: lead", "id: staff")
        .replace("name: Lead", "name: Staff")
        .replace("title: \"Lead {role}\"", "title: \"Staff {role}\"");
    std::fs::write(catalog.join("profiles/staff.yaml"), staff).unwrap();
    std::fs::write(
        catalog.join("templates/delivery-lead.md.hbs"),
        "---\nid: delivery-lead\ntitle: Delivery Lead\ndiscipline: Delivery\nfocus: Runs delivery.\nowns: Delivery.\nhorizon: Quarters.\n---\n# {{title}}\n\nYou run delivery for {{level.scope}}.\n\n{{> equal-opportunity}}\n",
    )
    .unwrap();
    let manifest = dir.path().join("jobs.yaml");
    std::fs::write(
        &manifest,
        "jobs:\n  - {id: a, role: delivery-lead, level: staff}\n  - {id: b, role: product-manager, level: staff}\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let (code, stderr) = batch(&[
        manifest.to_str().unwrap(),
        "--out-dir",
        out.to_str().unwrap(),
        "--catalog",
        catalog.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(std::fs::read_to_string(out.join("a.md"))
        .unwrap()
        .starts_with("# Staff Delivery Lead\n"));
    assert!(std::fs::read_to_string(out.join("b.md"))
        .unwrap()
        .starts_with("# Staff Product Manager\n"));
}

#[test]
fn lint_runs_on_every_job() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = dir.path().join("jobs.yaml");
    std::fs::write(&manifest, all_pairs_manifest()).unwrap();
    let out = dir.path().join("out");
    let (code, stderr) = batch(&[manifest.to_str().unwrap(), "--out-dir", out.to_str().unwrap(), "--lint"]);
    assert_eq!(code, 0, "the built-in catalog is lint-clean: {stderr}");
    assert!(stderr.contains("lint: 0 errors, 0 warnings"), "{stderr}");

    let colorado = "defaults: {date_posted: 2026-11-02, location: {city: Denver, region: CO, country: US}}\njobs:\n  - {id: denver, role: scrum-master, level: lead}\n  - {id: paid, role: scrum-master, level: senior, salary: {min: 120000, max: 140000, currency: USD}, benefits: [Health insurance]}\n";
    std::fs::write(&manifest, colorado).unwrap();
    let out = dir.path().join("out-co");
    let (code, stderr) = batch(&[manifest.to_str().unwrap(), "--out-dir", out.to_str().unwrap(), "--lint"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("denver.md: error[pay-transparency]"), "{stderr}");
    assert!(!stderr.contains("paid.md: error"), "{stderr}");
    assert!(out.join("denver.md").exists(), "lint findings do not stop the writing");
}
