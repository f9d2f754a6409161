//! Inputs the fuzz targets (fuzz/, bench/fuzz.sh) found once, kept so they stay fixed: each
//! runs through the same entry point as its target and must finish, without a panic, quickly.
//! tests/fixtures/fuzz/TARGET/ holds them, one file each, named after what they found.

use std::path::Path;
use std::time::{Duration, Instant};

fn each_input(target: &str, run: impl Fn(&[u8])) {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(target);
    let mut inputs: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.file_name().is_some_and(|n| n != ".gitkeep"))
        .collect();
    inputs.sort();
    for input in inputs {
        let data = std::fs::read(&input).unwrap();
        let started = Instant::now();
        run(&data);
        // Generous for a debug build: these took seconds to minutes, or crashed.
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{}: {:?}",
            input.display(),
            started.elapsed()
        );
    }
}

#[test]
fn job_files() {
    each_input("job_file", jdgen::fuzzing::job_file);
}

#[test]
fn yaml_manifests() {
    each_input("manifest_yaml", |data| jdgen::fuzzing::manifest("fuzz.yaml", data));
}

#[test]
fn csv_manifests() {
    each_input("manifest_csv", |data| jdgen::fuzzing::manifest("fuzz.csv", data));
}

#[test]
fn markdown() {
    each_input("markdown", jdgen::fuzzing::markdown);
}

#[test]
fn templates() {
    each_input("templates", jdgen::fuzzing::templates);
}

#[test]
fn catalog_folders() {
    each_input("catalog_folder", jdgen::fuzzing::catalog_folder);
}
