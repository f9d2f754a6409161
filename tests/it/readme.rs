//! Every command the README shows, run as written, in order, with the README's own example files: each must succeed.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The README's text.
fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap()
}

/// The lines of every ```sh block, in order, with the lines of the code block that follows
/// each (a file the README asks to write or edit).
fn shell_lines(readme: &str) -> Vec<(String, Option<String>)> {
    let mut lines = Vec::new();
    let mut in_shell = false;
    let mut rest = readme.lines().peekable();
    while let Some(line) = rest.next() {
        let trimmed = line.trim();
        if trimmed == "```sh" {
            in_shell = true;
        } else if trimmed == "```" {
            in_shell = false;
        } else if in_shell && !trimmed.is_empty() {
            lines.push((trimmed.to_owned(), None));
        } else if trimmed == "```yaml" {
            // Kept beside the last command: `cp …` then "change these lines" is one step.
            let block: Vec<&str> = rest.by_ref().take_while(|l| l.trim() != "```").collect();
            if let Some(last) = lines.last_mut() {
                last.1.get_or_insert_with(|| block.join("\n"));
            }
        }
    }
    lines
}

/// The code block that follows `marker` in the README.
fn block_after(readme: &str, marker: &str, fence: &str) -> String {
    let from = readme
        .find(marker)
        .unwrap_or_else(|| panic!("{marker:?} is in the README"));
    let rest = &readme[from..];
    let start = rest.find(fence).unwrap() + fence.len();
    rest[start..]
        .split("```")
        .next()
        .unwrap()
        .trim_start_matches('\n')
        .to_owned()
}

/// A folder holding what the README's commands read: the examples, the manifests it shows,
/// a stylesheet and a posting to lint.
fn workspace(readme: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path().join("work");
    let home = dir.path().join("home");
    std::fs::create_dir_all(work.join("examples")).unwrap();
    std::fs::create_dir_all(&home).unwrap();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    for name in ["job.yaml", "company.yaml", "batch.yaml"] {
        std::fs::copy(examples.join(name), work.join("examples").join(name)).unwrap();
    }
    std::fs::copy(examples.join("job.yaml"), work.join("job.yaml")).unwrap();
    std::fs::copy(examples.join("company.yaml"), work.join("company.yaml")).unwrap();
    std::fs::write(
        work.join("openings.yaml"),
        block_after(readme, "**YAML manifest**", "```yaml"),
    )
    .unwrap();
    std::fs::write(
        work.join("openings.csv"),
        block_after(readme, "**CSV manifest**", "```csv"),
    )
    .unwrap();
    std::fs::write(work.join("brand.css"), "body { font-family: Georgia, serif; }\n").unwrap();
    let posting = Command::new(env!("CARGO_BIN_EXE_jdgen"))
        .args(["generate", "--job", "job.yaml"])
        .current_dir(&work)
        .output()
        .unwrap();
    std::fs::write(work.join("posting.md"), posting.stdout).unwrap();
    (dir, work, home)
}

/// For "copy a file, then change these lines": each `key: value` line of `block` replaces the
/// line of `file` that sets the same key.
fn apply_edit(file: &Path, block: &str) {
    let mut text = std::fs::read_to_string(file).unwrap();
    for line in block.lines().filter(|l| !l.trim().is_empty()) {
        let (key, _) = line.split_once(':').unwrap();
        let old = text
            .lines()
            .find(|l| l.starts_with(&format!("{key}:")))
            .unwrap_or_else(|| panic!("{key} in {}", file.display()))
            .to_owned();
        let new = line.split(" #").next().unwrap().trim_end();
        text = text.replacen(&old, new, 1);
    }
    std::fs::write(file, text).unwrap();
}

#[test]
fn every_command_in_the_readme_runs_as_written() {
    let readme = readme();
    let (_dir, work, home) = workspace(&readme);
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_jdgen"));
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut ran = 0;
    for (line, edit) in shell_lines(&readme) {
        // Cargo builds this test; `man` may not be installed; `jdgen new` needs a terminal and
        // has its own test (terminal.rs).
        if line.starts_with("cargo ") || line.starts_with("man ") || line == "jdgen new" {
            continue;
        }
        let output = Command::new("sh")
            .args(["-c", &line])
            .current_dir(&work)
            .env("PATH", &path)
            .env("HOME", &home)
            .env("NO_COLOR", "1")
            .env_remove("JDGEN_CATALOG")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        // Lint's exit code 1 means "findings": the command worked.
        let allowed: &[i32] = match line.contains("jdgen lint") || line.contains("--lint") {
            true => &[0, 1],
            false => &[0],
        };
        assert!(
            output.status.code().is_some_and(|code| allowed.contains(&code)),
            "`{line}` exited {:?}:\n{stderr}",
            output.status.code()
        );
        assert!(!stderr.contains("panicked"), "`{line}`:\n{stderr}");
        if let (Some(block), Some(target)) = (edit, line.strip_prefix("cp ").and_then(|l| l.split_whitespace().last()))
        {
            apply_edit(&work.join(target), &block);
        }
        ran += 1;
    }
    assert!(ran >= 30, "only {ran} commands found in the README");
    // What the commands say they make is there.
    for made in [
        "scrum-master.md",
        "postings/pm-senior-berlin.md",
        "postings/pm-berlin.html",
        "report.json",
        "jdgen/profiles/staff.yaml",
        "posting.docx",
        "out",
        "site",
        "senior-pm.html",
        "page.html",
        "sm.md",
    ] {
        assert!(work.join(made).exists(), "{made}");
    }
    assert!(home.join(".local/share/man/man1/jdgen-generate.1").exists());
    assert!(home.join(".local/share/bash-completion/completions/jdgen").exists());
}
