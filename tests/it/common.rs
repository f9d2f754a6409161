//! Helpers shared by the black-box tests.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The built-in roles and levels, by id.
pub const ROLES: [&str; 4] = ["product-manager", "project-owner", "product-owner", "scrum-master"];
pub const LEVELS: [&str; 4] = ["senior", "lead", "principal", "head"];

/// `jdgen` with a clean environment (no user catalog, no colour).
pub fn jdgen() -> Command {
    let mut command = Command::cargo_bin("jdgen").unwrap();
    command.env_remove("JDGEN_CATALOG").env("NO_COLOR", "1");
    command
}

/// A fixture file under tests/fixtures.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// Runs `jdgen` with `args`, expects success, returns stdout.
pub fn stdout_of(args: &[&str]) -> String {
    let output = jdgen().args(args).output().unwrap();
    assert!(
        output.status.success(),
        "jdgen {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// Runs `jdgen` with `args`, expects exit 2 and nothing on stdout, returns stderr.
pub fn bad_input(args: &[&str]) -> String {
    let output = jdgen().args(args).output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        output.status.code(),
        Some(2),
        "jdgen {args:?} should exit 2; stderr:\n{stderr}"
    );
    assert!(output.stdout.is_empty(), "jdgen {args:?} wrote to stdout on bad input");
    assert!(!stderr.contains("panicked"), "jdgen {args:?} panicked:\n{stderr}");
    assert_speaks_recruiting(&stderr);
    stderr
}

/// Words that give a message away as serde's or libyaml's, not written for a recruiter.
const RUST_SPEAK: [&str; 5] = ["f64", "struct", "variant", "expected", "invalid type"];

/// Fails when `stderr` holds one of [`RUST_SPEAK`] as a word of its own ("unexpected",
/// "structured" and the catalog's `variants` field are fine). Every bad-input test runs it.
pub fn assert_speaks_recruiting(stderr: &str) {
    let lower = stderr.to_lowercase();
    for word in RUST_SPEAK {
        let found = lower.match_indices(word).any(|(at, _)| {
            let before = lower[..at].chars().next_back();
            let after = lower[at + word.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        });
        assert!(!found, "a message speaks Rust ({word:?}), not recruiting:\n{stderr}");
    }
}

/// Writes `text` to `name` in a fresh temporary folder and returns both.
pub fn temp_file(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

/// Words a reader sees in a Markdown text (no list markers, no link addresses), as `jdgen lint` counts them.
pub fn reader_words(markdown: &str) -> usize {
    let output = jdgen()
        .args(["lint", "-", "--format", "json"])
        .write_stdin(markdown)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    report["files"][0]["summary"]["words"].as_u64().unwrap() as usize
}
