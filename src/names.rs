//! Safe output file names: slugs of titles, and checks on names a user chose.

/// Longest file stem jdgen writes (well under every file system's limit, with room for an extension).
pub const MAX_STEM: usize = 80;

/// Names Windows reserves whatever the extension.
const WINDOWS_RESERVED: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2",
    "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// A file stem made from free text: ASCII, lowercase, words joined by '-', bounded length.
/// "Head of Product — Zürich" becomes "head-of-product-zurich".
pub fn slug_of(text: &str) -> String {
    let slug = slug::slugify(text);
    let mut cut = slug.as_str();
    if cut.len() > MAX_STEM {
        cut = cut[..MAX_STEM].trim_end_matches('-');
    }
    let stem = if cut.is_empty() { "posting" } else { cut };
    if WINDOWS_RESERVED.contains(&stem) {
        format!("{stem}-posting")
    } else {
        stem.to_owned()
    }
}

/// `base`, or `base-2`, `base-3`… : the first not in `taken`, which it joins (anchors in a
/// page, slugs among a site's filter values).
pub fn unique_in(taken: &mut std::collections::BTreeSet<String>, base: String) -> String {
    let mut candidate = base.clone();
    let mut counter = 2;
    while taken.contains(&candidate) {
        candidate = format!("{base}-{counter}");
        counter += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

/// Checks a file stem a user chose (a batch `id`, `--name`); says what is wrong with it.
pub fn check_stem(stem: &str) -> Result<(), String> {
    let allowed = "use letters, digits, '-', '_' and '.', not starting with '.' (e.g. pm-senior-berlin)";
    if stem.is_empty() {
        return Err(format!("the name is empty; {allowed}"));
    }
    if stem.len() > MAX_STEM {
        return Err(format!("'{stem}' is longer than {MAX_STEM} characters"));
    }
    if stem.starts_with('.') {
        return Err(format!(
            "'{stem}' starts with '.' (a hidden file, or a way out of the folder); {allowed}"
        ));
    }
    if let Some(bad) = stem
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
    {
        return Err(format!("'{stem}' contains {bad:?}; {allowed}"));
    }
    let base = stem.split('.').next().unwrap_or(stem).to_ascii_lowercase();
    if WINDOWS_RESERVED.contains(&base.as_str()) {
        return Err(format!(
            "'{stem}' is a name Windows reserves for devices; choose another"
        ));
    }
    if stem.ends_with('.') {
        return Err(format!("'{stem}' ends with '.', which Windows drops; {allowed}"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe() {
        assert_eq!(slug_of("Head of Product — Zürich"), "head-of-product-zurich");
        assert_eq!(slug_of("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug_of("CON"), "con-posting");
        assert_eq!(slug_of("***"), "posting");
        assert!(slug_of(&"word ".repeat(100)).len() <= MAX_STEM);
        assert!(!slug_of(&"word ".repeat(100)).ends_with('-'));
    }

    #[test]
    fn unique_names_are_numbered_from_two() {
        let mut taken = std::collections::BTreeSet::new();
        let names: Vec<String> = ["a", "a", "b", "a"]
            .iter()
            .map(|b| unique_in(&mut taken, b.to_string()))
            .collect();
        assert_eq!(names, ["a", "a-2", "b", "a-3"]);
    }

    #[test]
    fn user_names_are_checked() {
        assert!(check_stem("pm-senior-berlin_2").is_ok());
        assert!(check_stem("v1.2").is_ok());
        for bad in [
            "", "../x", "/abs", "..", ".hidden", "a/b", "a\\b", "CON", "con.md", "lpt1", "x.", "naïve",
        ] {
            assert!(check_stem(bad).is_err(), "{bad:?} should be refused");
        }
    }
}
