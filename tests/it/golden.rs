//! Golden files of the built-in catalog's output for a fixed posting, so every wording change is a reviewed diff.
//!
//! Refresh after an intended change with `INSTA_UPDATE=always cargo test` (or `cargo insta review`).

use crate::common::*;

#[test]
fn builtin_descriptions() {
    let job = fixture("typical-job.yaml");
    // The project-manager variant too: the same work under the market's titles.
    for role in ROLES.iter().chain(&["project-manager"]) {
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
            insta::assert_snapshot!(format!("{role}-{level}"), text);
        }
    }
}

#[test]
fn builtin_lists() {
    insta::assert_snapshot!("list-roles", stdout_of(&["list", "roles"]));
    insta::assert_snapshot!("list-levels", stdout_of(&["list", "levels"]));
}
