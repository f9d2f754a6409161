//! Exit codes: the README's table, `--help`, the man page and the binary agree with `jdgen::exit`.

use std::path::Path;

use crate::common::jdgen;

/// The rows of the README's "Exit codes" table: (code, meaning).
fn readme_table() -> Vec<(u8, String)> {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = readme
        .split("\n## Exit codes\n")
        .nth(1)
        .expect("the README has an Exit codes section");
    section
        .lines()
        .skip_while(|line| !line.starts_with('|'))
        .take_while(|line| line.starts_with('|'))
        .filter_map(|row| {
            let mut cells = row.trim_matches('|').split('|').map(str::trim);
            let code = cells.next()?.parse().ok()?;
            Some((code, cells.next()?.to_owned()))
        })
        .collect()
}

#[test]
fn the_readme_table_lists_the_librarys_codes() {
    let table = readme_table();
    let codes: Vec<u8> = table.iter().map(|(code, _)| *code).collect();
    use jdgen::exit::*;
    assert_eq!(codes, [SUCCESS, FINDINGS, BAD_INPUT, IO_FAILURE, INTERNAL], "{table:?}");
    let meaning = |code: u8| table.iter().find(|(c, _)| *c == code).unwrap().1.to_lowercase();
    assert!(meaning(BAD_INPUT).starts_with("bad input"), "{table:?}");
    assert!(meaning(IO_FAILURE).starts_with("i/o failure"), "{table:?}");
    assert!(meaning(INTERNAL).starts_with("internal error"), "{table:?}");
}

#[test]
fn help_and_the_man_page_list_every_code() {
    let help = jdgen().arg("--help").output().unwrap();
    let man = jdgen().arg("man").output().unwrap();
    for (what, text) in [("--help", help.stdout), ("man", man.stdout)] {
        let text = String::from_utf8(text).unwrap();
        let codes = &text[text
            .find("Exit codes:")
            .unwrap_or_else(|| panic!("{what} names the exit codes"))..];
        for (code, words) in [
            (jdgen::exit::BAD_INPUT, "bad input"),
            (jdgen::exit::IO_FAILURE, "a file could not be read or written"),
            (jdgen::exit::INTERNAL, "internal error"),
        ] {
            // roff may break the line anywhere between words.
            let flat = codes.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(flat.contains(&format!("{code} {words}")), "{what}: {flat}");
        }
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_file_that_exists_but_fails_to_read_exits_3_a_missing_one_2() {
    // Reading /proc/self/mem from its start fails with EIO: a device error, not bad input.
    for args in [
        &["lint", "/proc/self/mem"][..],
        &["generate", "--job", "/proc/self/mem"],
    ] {
        let output = jdgen().args(args).output().unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(
            output.status.code(),
            Some(jdgen::exit::IO_FAILURE.into()),
            "{args:?}: {stderr}"
        );
        assert!(stderr.contains("cannot read /proc/self/mem"), "{stderr}");
    }
    let missing = jdgen().args(["lint", "no-such-posting.md"]).output().unwrap();
    assert_eq!(missing.status.code(), Some(jdgen::exit::BAD_INPUT.into()));
    // One failed read among missing files: the run exits with the worse code.
    let both = jdgen()
        .args(["lint", "no-such-posting.md", "/proc/self/mem"])
        .output()
        .unwrap();
    assert_eq!(both.status.code(), Some(jdgen::exit::IO_FAILURE.into()));
}

#[cfg(target_os = "linux")]
#[test]
fn a_catalog_file_that_fails_to_read_exits_3_in_check() {
    let catalog = tempfile::tempdir().unwrap();
    std::fs::create_dir(catalog.path().join("templates")).unwrap();
    let template = catalog.path().join("templates/product-manager.md.hbs");
    std::os::unix::fs::symlink("/proc/self/mem", &template).unwrap();
    let output = jdgen()
        .args(["--catalog", catalog.path().to_str().unwrap(), "check"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(jdgen::exit::IO_FAILURE.into()), "{stderr}");
    assert!(
        stderr.contains("product-manager.md.hbs") && stderr.contains("Input/output error"),
        "{stderr}"
    );
}
