//! What `jdgen init` writes: the built-in catalog plus example files and a README, as relative paths and texts.

use std::collections::BTreeMap;

use super::files::builtin_files;

/// The README (the repository's `CATALOG.md`, beside the catalog's folders) and the example
/// files, kept as real files in the repository's `examples/`.
const EXAMPLES: [(&str, &str); 4] = [
    ("README.md", include_str!("../../CATALOG.md")),
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

    /// Each template, partial, profile, cell and rule file says at its top what it holds (and
    /// where the rest of the posting comes from): a YAML `#` comment, or Handlebars' `{{!--`.
    #[test]
    fn every_catalog_file_opens_with_a_comment() {
        let files = builtin_files();
        assert!(files.len() > 30, "{}", files.len());
        for (path, text) in &files {
            let opens = match path.ends_with(".md.hbs") {
                true if path.starts_with("templates/partials/") => text.starts_with("{{!-- "),
                true => text.starts_with("---\n# "),
                false => text.starts_with("# "),
            };
            assert!(opens, "{path} does not open with a comment");
        }
    }

    /// The README `jdgen init` writes names every helper jdgen registers.
    #[test]
    fn the_catalog_readme_names_every_helper() {
        let readme = starter_files()["README.md"];
        let engine = include_str!("../render/markdown.rs");
        let registered: Vec<&str> = engine
            .split("register_helper(\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect();
        assert!(registered.len() >= 5, "{registered:?}");
        for helper in registered {
            let shown = readme.contains(&format!("{{{{{helper} ")) || readme.contains(&format!("{{{{#{helper} "));
            assert!(shown, "CATALOG.md does not show the helper `{helper}`");
        }
    }
}
