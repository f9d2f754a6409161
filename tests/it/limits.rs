//! Issue 13's hostile inputs: each used to take seconds to minutes, gigabytes, or abort; each
//! is now refused (or finished) quickly with a located error. Time bounds are generous guards
//! for a debug build; bench/hostile.py measures the real figures.

use std::io::Write;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::common::*;

/// Runs `jdgen args`, returns (exit code, stderr), and fails if it took longer than `bound`.
fn within(bound: Duration, args: &[&str]) -> (i32, String) {
    let started = Instant::now();
    let output = jdgen().args(args).output().unwrap();
    let elapsed = started.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(elapsed < bound, "jdgen {args:?} took {elapsed:?}");
    assert!(!stderr.contains("panicked") && !stderr.contains("overflow"), "{stderr}");
    (output.status.code().unwrap_or(-1), stderr)
}

// Generous: a debug build on a loaded 2-core machine; the regressions took minutes.
const SECONDS: Duration = Duration::from_secs(60);

#[test]
fn thousands_of_failing_jobs_keep_short_messages() {
    let mut text = String::from("jobs:\n");
    for i in 0..5000 {
        text.push_str(&format!(
            "  - id: job-{i:05}\n    role: scrum-master\n    level: lead\n    team: [x]\n"
        ));
    }
    let (dir, manifest) = temp_file("jobs.yaml", &text);
    let out = dir.path().join("out");
    let (code, stderr) = within(
        SECONDS,
        &["batch", manifest.to_str().unwrap(), "--out-dir", out.to_str().unwrap()],
    );
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(stderr.matches("failed: job at").count(), 5000);
    let last = stderr.lines().rev().find(|l| l.starts_with("failed:")).unwrap();
    assert!(
        last.contains("job at line 19998 ") && last.contains("jobs.yaml:20001:11: team must be text"),
        "{last}"
    );
    assert!(stderr.contains("0 jobs written, 0 files, 5000 failed"), "{stderr}");
    assert_eq!(
        std::fs::read_dir(&out).unwrap().count(),
        0,
        "nothing written, no index, no lock file"
    );
}

#[test]
fn thousands_of_invalid_jobs_are_located_in_their_own_lines() {
    // Validation errors used to count lines from the top of the manifest: 20,000 such jobs took 254 s.
    let mut text = String::from("jobs:\n");
    for i in 0..5000 {
        text.push_str(&format!(
            "  - id: job-{i:05}\n    role: scrum-master\n    level: lead\n    salary: {{min: 90000, max: 80000, currency: EUR}}\n"
        ));
    }
    let (dir, manifest) = temp_file("jobs.yaml", &text);
    let out = dir.path().join("out");
    let (code, stderr) = within(
        SECONDS,
        &["batch", manifest.to_str().unwrap(), "--out-dir", out.to_str().unwrap()],
    );
    assert_eq!(code, 1, "{stderr}");
    let last = stderr.lines().rev().find(|l| l.starts_with("failed:")).unwrap();
    assert!(
        last.contains("(id job-04999)")
            && last.contains("jobs.yaml:20001:26: field `salary.max`: the maximum (80000) is below"),
        "{last}"
    );
}

#[test]
fn deep_flow_nesting_is_refused_at_once() {
    let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let (_dir, job) = temp_file(
        "job.yaml",
        &format!("role: product-manager\nlevel: senior\nteam: {}\n", nested(200_000)),
    );
    let (code, stderr) = within(SECONDS, &["generate", "--job", job.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("job.yaml:3:39: the document nests lists or blocks in brackets more than 32 deep"),
        "{stderr}"
    );
    assert!(stderr.len() < 2000, "the excerpt is short: {} bytes", stderr.len());

    let manifest_text = format!(
        "jobs:\n  - id: fine\n    role: scrum-master\n    level: lead\n  - id: deep\n    role: scrum-master\n    level: lead\n    team: {}\n",
        nested(20_000)
    );
    let (dir, manifest) = temp_file("jobs.yaml", &manifest_text);
    let out = dir.path().join("out");
    let (code, stderr) = within(
        SECONDS,
        &["batch", manifest.to_str().unwrap(), "--out-dir", out.to_str().unwrap()],
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("job at line 5 ") && stderr.contains("jobs.yaml:8:43:"),
        "{stderr}"
    );
    assert!(out.join("fine.md").exists());
}

#[cfg(unix)]
#[test]
fn endless_sources_stop_at_64_mb() {
    let too_large = "it is larger than 64 MB, the most jdgen reads from one file";
    let (_, job) = within(SECONDS, &["generate", "--job", "/dev/zero"]);
    assert!(job.contains(&format!("cannot read /dev/zero: {too_large}")), "{job}");
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/job.yaml");
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("p.html");
    let (code, css) = within(
        SECONDS,
        &[
            "generate",
            "--job",
            examples,
            "--format",
            "html",
            "--css",
            "/dev/zero",
            "-o",
            page.to_str().unwrap(),
        ],
    );
    assert!(code == 2 && css.contains(too_large), "{css}");
    let manifest = dir.path().join("m.yaml");
    std::fs::write(
        &manifest,
        "company: /dev/zero\njobs:\n  - {id: a, role: scrum-master, level: lead}\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let (code, company) = within(
        SECONDS,
        &["batch", manifest.to_str().unwrap(), "--out-dir", out.to_str().unwrap()],
    );
    assert!(code == 2 && company.contains(too_large), "{company}");

    // Standard input: 65 MB of a real-looking text, more than jdgen reads.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("jdgen"))
        .args(["lint", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let line = "We are hiring a product manager to own the roadmap.\n".repeat(1000);
        for _ in 0..(65 * 1024 * 1024 / line.len() + 1) {
            if stdin.write_all(line.as_bytes()).is_err() {
                break;
            }
        }
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!("cannot read <stdin>: {too_large}")),
        "{stderr}"
    );
}

#[test]
fn a_reference_docx_bomb_is_refused_by_its_inflated_size() {
    let dir = tempfile::tempdir().unwrap();
    let bomb = dir.path().join("bomb.docx");
    {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&bomb).unwrap());
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(1))
            .large_file(true);
        zip.start_file("word/styles.xml", options).unwrap();
        let chunk = vec![b' '; 1 << 20];
        for _ in 0..65 {
            zip.write_all(&chunk).unwrap();
        }
        zip.finish().unwrap();
    }
    assert!(std::fs::metadata(&bomb).unwrap().len() < 1 << 20, "a small file");
    let company = dir.path().join("company.yaml");
    std::fs::write(
        &company,
        "company: {name: Acme}\nbranding:\n  reference_docx: bomb.docx\n",
    )
    .unwrap();
    let (code, stderr) = within(
        SECONDS,
        &[
            "generate",
            "-r",
            "scrum-master",
            "-l",
            "lead",
            "--company",
            company.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("word/styles.xml: it is larger than 64 MB"), "{stderr}");
}

/// A catalog folder with these files over the built-in ones.
fn catalog(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

#[test]
fn partial_recursion_is_a_catalog_error_not_a_crash() {
    let itself = catalog(&[("templates/partials/about-team.md.hbs", "Team\n{{> about-team}}\n")]);
    let folder = itself.path().to_str().unwrap();
    let (code, check) = within(SECONDS, &["--catalog", folder, "check"]);
    assert_eq!(code, 2, "{check}");
    assert!(
        check.contains("about-team.md.hbs:2:1: the partial `about-team` includes itself (about-team → about-team)"),
        "{check}"
    );
    assert_eq!(check.matches("includes itself").count(), 1, "said once: {check}");
    let (code, generate) = within(
        SECONDS,
        &["--catalog", folder, "generate", "-r", "scrum-master", "-l", "lead"],
    );
    assert!(code == 2 && generate.contains("includes itself"), "{generate}");

    let mutual = catalog(&[
        (
            "templates/partials/about-team.md.hbs",
            "{{#if team}}{{> benefits}}{{/if}}\n",
        ),
        ("templates/partials/benefits.md.hbs", "x {{> about-team tone=1}}\n"),
    ]);
    let (code, check) = within(SECONDS, &["--catalog", mutual.path().to_str().unwrap(), "check"]);
    assert_eq!(code, 2, "{check}");
    assert!(
        check.contains("includes itself (about-team → benefits → about-team)"),
        "{check}"
    );
}

#[test]
fn runaway_loops_and_deep_blocks_are_catalog_errors() {
    let cubed = catalog(&[(
        "templates/partials/benefits.md.hbs",
        "{{#each benefits}}{{#each ../benefits}}{{#each ../../benefits}}- {{this}}\n{{/each}}{{/each}}{{/each}}\n",
    )]);
    let folder = cubed.path().to_str().unwrap();
    let (code, check) = within(SECONDS, &["--catalog", folder, "check"]);
    assert_eq!(code, 2, "check finds it with its long-lists sample: {check}");
    assert!(
        check.contains("benefits.md.hbs:1:40: the template loops more than 20000 times"),
        "{check}"
    );
    let benefits: Vec<String> = (0..1000).map(|i| format!("  - Benefit {i}\n")).collect();
    let (_dir, job) = temp_file(
        "job.yaml",
        &format!("role: product-manager\nlevel: senior\nbenefits:\n{}", benefits.concat()),
    );
    let (code, generate) = within(
        SECONDS,
        &["--catalog", folder, "generate", "--job", job.to_str().unwrap()],
    );
    assert!(code == 2 && generate.contains("loops more than"), "{generate}");

    let deep = format!("{}x{}", "{{#if benefits}}".repeat(20_000), "{{/if}}".repeat(20_000));
    let blocks = catalog(&[("templates/partials/benefits.md.hbs", &deep)]);
    let (code, check) = within(SECONDS, &["--catalog", blocks.path().to_str().unwrap(), "check"]);
    assert!(code == 2 && check.contains("blocks nest more than 16 deep"), "{check}");
}

#[test]
fn absurd_amounts_are_refused() {
    let (_dir, job) = temp_file(
        "job.yaml",
        "role: product-manager\nlevel: senior\nsalary: {min: 50000, max: 1e32, currency: EUR}\n",
    );
    let error = bad_input(&["generate", "--job", job.to_str().unwrap()]);
    assert!(
        error.contains("job.yaml:3:22: field `salary.max`: 1e32 is more than any salary"),
        "{error}"
    );
}

#[test]
fn escape_sequences_from_input_are_shown_escaped() {
    let (_dir, job) = temp_file("job.yaml", "role: product-manager\nlevel: \"\\e]0;PWNED\\a\\e[2J\"\n");
    let error = bad_input(&["generate", "--job", job.to_str().unwrap()]);
    assert!(!error.contains('\u{1b}') && !error.contains('\u{7}'), "{error:?}");
    assert!(
        error.contains("unknown level '\\u{1b}]0;PWNED\\u{7}\\u{1b}[2J'"),
        "{error}"
    );

    let (dir, manifest) = temp_file(
        "jobs.csv",
        "id,role,level\n\"\u{1b}]0;PWNED\u{7}\u{1b}[2J\",scrum-master,lead\n",
    );
    let out = dir.path().join("out");
    let (code, stderr) = within(
        SECONDS,
        &["batch", manifest.to_str().unwrap(), "--out-dir", out.to_str().unwrap()],
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(
        !stderr.contains('\u{1b}') && stderr.contains("(id \\u{1b}]0;PWNED"),
        "{stderr:?}"
    );
}

#[test]
fn a_foreign_file_is_quoted_a_few_characters_at_most() {
    let dir = tempfile::tempdir().unwrap();
    let secret: String = (0..50)
        .map(|i| format!("user{i}:x:{i}:{i}:secret line {i}:/home/user{i}:/bin/sh\n"))
        .collect();
    std::fs::write(dir.path().join("passwd"), &secret).unwrap();
    let nested = dir.path().join("a/b");
    std::fs::create_dir_all(&nested).unwrap();
    let manifest = nested.join("jobs.yaml");
    std::fs::write(
        &manifest,
        "company: ../../passwd\njobs:\n  - {id: a, role: scrum-master, level: lead}\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let (code, stderr) = within(
        SECONDS,
        &["batch", manifest.to_str().unwrap(), "--out-dir", out.to_str().unwrap()],
    );
    assert_eq!(code, 2, "{stderr}");
    let quoted = (0..50)
        .filter(|i| stderr.contains(&format!("secret line {i}:")))
        .count();
    assert!(quoted <= 2, "{quoted} lines quoted:\n{stderr}");
    assert!(stderr.len() < 1500, "{stderr}");
}

#[test]
fn unsafe_links_in_templates_are_not_docx_hyperlinks() {
    let links = catalog(&[(
        "templates/partials/about-team.md.hbs",
        "[run](javascript:alert(1)) [file](file:///etc/passwd) [share](smb://host/s) [ok](https://a.example)\n",
    )]);
    let out = links.path().join("p.docx");
    let (code, stderr) = within(
        SECONDS,
        &[
            "--catalog",
            links.path().to_str().unwrap(),
            "generate",
            "-r",
            "scrum-master",
            "-l",
            "lead",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let mut docx = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut rels = String::new();
    std::io::Read::read_to_string(&mut docx.by_name("word/_rels/document.xml.rels").unwrap(), &mut rels).unwrap();
    assert!(rels.contains("https://a.example"), "{rels}");
    for refused in ["javascript:", "file:", "smb:"] {
        assert!(!rels.contains(refused), "{refused}: {rels}");
    }
}
