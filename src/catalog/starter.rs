//! What `jdgen init` writes: the built-in catalog plus example files and a README, as relative paths and texts.

use std::collections::BTreeMap;

use super::files::builtin_files;

/// The example files, kept as real files in the repository's `examples/`.
const EXAMPLES: [(&str, &str); 4] = [
    ("README.md", include_str!("../../examples/catalog-README.md")),
    ("company.yaml", include_str!("../../examples/company.yaml")),
    ("job.yaml", include_str!("../../examples/job.yaml")),
    ("batch.yaml", include_str!("../../examples/batch.yaml")),
];

/// Every file `jdgen init` writes, by path relative to the target folder, in a stable order.
pub fn starter_files() -> BTreeMap<String, &'static str> {
    let mut files = builtin_files();
    for (path, text) in EXAMPLES {
        files.insert(path.to_owned(), text);
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starter_holds_catalog_and_examples() {
        let files = starter_files();
        for path in [
            "README.md",
            "job.yaml",
            "batch.yaml",
            "company.yaml",
            "profiles/senior.yaml",
            "templates/partials/benefits.md.hbs",
        ] {
            assert!(files.contains_key(path), "{path}");
        }
    }
}
