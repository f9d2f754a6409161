//! The shape of the code, checked on its text: the library knows no clap.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, sorted.
pub fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The lines of `text` that are code: without `//` comments (a comment may name clap).
fn code_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(|line| line.split("//").next().unwrap_or_default())
}

/// clap lives in the binary (`src/bin/jdgen/`): no file of the library names it, so neither
/// its API nor `cargo doc --no-deps` of the library shows a clap type.
#[test]
fn the_library_knows_no_clap() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let library: Vec<PathBuf> = rust_files(&src)
        .into_iter()
        .filter(|path| !path.starts_with(src.join("bin")))
        .collect();
    assert!(library.len() > 50, "{library:?}");
    let mut naming = Vec::new();
    for path in &library {
        let text = std::fs::read_to_string(path).unwrap();
        if code_lines(&text).any(|line| line.contains("clap")) {
            naming.push(path.strip_prefix(&src).unwrap().display().to_string());
        }
    }
    assert!(naming.is_empty(), "library files that name clap: {naming:?}");
    let binary = std::fs::read_to_string(src.join("bin/jdgen/cli.rs")).unwrap();
    assert!(
        code_lines(&binary).any(|line| line.contains("use clap::")),
        "the check reads real files"
    );
}
