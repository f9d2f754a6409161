//! The catalog's files: the built-in ones embedded in the binary, and the one function that decides which file wins.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};

use crate::error::{Error, Result};
use crate::fsio;

static BUILTIN_PROFILES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/profiles");
static BUILTIN_TEMPLATES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates");
static BUILTIN_LINT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/lint");
static BUILTIN_ROLES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/roles");
static BUILTIN_SPELLING: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/spelling");

/// Where a catalog file comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Provenance {
    BuiltIn,
    /// A file in the user's catalog folder.
    Folder(PathBuf),
}

impl std::fmt::Display for Provenance {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Provenance::BuiltIn => f.write_str("built-in"),
            Provenance::Folder(path) => write!(f, "{}", path.display()),
        }
    }
}

/// One catalog file's text and where it came from.
#[derive(Debug, Clone)]
pub struct CatalogFile {
    /// Borrowed from the binary for a built-in file (one run need not copy the whole catalog).
    pub text: Cow<'static, str>,
    pub provenance: Provenance,
}

impl CatalogFile {
    /// The name to show in messages: the file's path on disk, or `built-in:<relative path>`.
    pub fn display_name(&self, relative: &str) -> String {
        match &self.provenance {
            Provenance::BuiltIn => format!("built-in:{relative}"),
            Provenance::Folder(path) => path.display().to_string(),
        }
    }
}

/// The built-in catalog as relative paths ("profiles/senior.yaml") and texts.
pub fn builtin_files() -> BTreeMap<String, &'static str> {
    let mut files = BTreeMap::new();
    for (prefix, dir) in [
        ("profiles", &BUILTIN_PROFILES),
        ("templates", &BUILTIN_TEMPLATES),
        ("lint", &BUILTIN_LINT),
        ("roles", &BUILTIN_ROLES),
        ("spelling", &BUILTIN_SPELLING),
    ] {
        collect_embedded(dir, prefix, &mut files);
    }
    files
}

fn collect_embedded(dir: &'static Dir<'static>, prefix: &str, files: &mut BTreeMap<String, &'static str>) {
    for file in dir.files() {
        if let Some(text) = file.contents_utf8() {
            files.insert(format!("{prefix}/{}", file.path().display()), text);
        }
    }
    for sub in dir.dirs() {
        collect_embedded(sub, prefix, files);
    }
}

/// The catalog's files after layering: the user's folder wins file by file over
/// the built-in catalog, and may add files the built-in one does not have.
///
/// This is the one place where precedence is decided.
pub fn layered_files(user_dir: Option<&Path>) -> Result<BTreeMap<String, CatalogFile>> {
    let mut files: BTreeMap<String, CatalogFile> = builtin_files()
        .into_iter()
        .map(|(path, text)| {
            (
                path,
                CatalogFile {
                    text: Cow::Borrowed(text),
                    provenance: Provenance::BuiltIn,
                },
            )
        })
        .collect();
    if let Some(dir) = user_dir {
        if !dir.is_dir() {
            return Err(Error::Read {
                path: dir.to_owned(),
                reason: "the catalog folder does not exist (it was named by --catalog or JDGEN_CATALOG)".into(),
            });
        }
        for (relative, path) in catalog_files_in(dir)? {
            let text = fsio::read_text(&path)?;
            files.insert(
                relative,
                CatalogFile {
                    text: Cow::Owned(text),
                    provenance: Provenance::Folder(path),
                },
            );
        }
    }
    Ok(files)
}

/// A file in the user's folder that gains nothing from being there: it stops getting the
/// built-in file's updates (a copied `lint/pay-transparency.yaml` never learns new laws).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaleCopy {
    /// The same text as the built-in file: safe to delete.
    Identical { path: PathBuf },
    /// A dated table (`as_of:`) older than the built-in one it replaces.
    Older {
        path: PathBuf,
        relative: String,
        as_of: String,
        builtin_as_of: String,
    },
}

impl std::fmt::Display for StaleCopy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StaleCopy::Identical { path } => write!(
                f,
                "{} is the same as the built-in file: delete it, and jdgen uses the built-in one, with its updates",
                path.display()
            ),
            StaleCopy::Older {
                path,
                relative,
                as_of,
                builtin_as_of,
            } => write!(
                f,
                "{} is older than the built-in file (as_of {as_of}; built-in {builtin_as_of}) and hides its updates: \
                 take a fresh copy (`jdgen init --only {relative} --force DIR`) and make your changes again",
                path.display()
            ),
        }
    }
}

/// The files of the user's folder that are the same as the built-in ones or older than them.
pub fn stale_copies(files: &BTreeMap<String, CatalogFile>) -> Vec<StaleCopy> {
    if files.values().all(|file| file.provenance == Provenance::BuiltIn) {
        return Vec::new();
    }
    let builtin = builtin_files();
    files
        .iter()
        .filter_map(|(relative, file)| {
            let Provenance::Folder(path) = &file.provenance else {
                return None;
            };
            let original = builtin.get(relative.as_str())?;
            if file.text.replace("\r\n", "\n") == original.replace("\r\n", "\n") {
                return Some(StaleCopy::Identical { path: path.clone() });
            }
            match (as_of(&file.text), as_of(original)) {
                (Some(mine), Some(theirs)) if mine < theirs => Some(StaleCopy::Older {
                    path: path.clone(),
                    relative: relative.clone(),
                    as_of: mine.to_owned(),
                    builtin_as_of: theirs.to_owned(),
                }),
                _ => None,
            }
        })
        .collect()
}

/// A YAML file's top-level `as_of: YYYY-MM-DD`, the day a dated table was last reviewed.
fn as_of(text: &str) -> Option<&str> {
    text.lines().find_map(|line| {
        let date = line.strip_prefix("as_of:")?.trim().trim_matches(['"', '\'']);
        let shaped = date.len() == 10
            && date.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                _ => b.is_ascii_digit(),
            });
        shaped.then_some(date)
    })
}

/// Catalog files under a user folder: `profiles/*.yaml`, `templates/*.md.hbs`, `templates/partials/*.md.hbs`,
/// `roles/<role>/<level>.yaml`, `lint/*.yaml`, `spelling/*.yaml`.
fn catalog_files_in(dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    let mut folders: Vec<(String, &str)> = [
        ("profiles", ".yaml"),
        ("templates", ".md.hbs"),
        ("templates/partials", ".md.hbs"),
        ("lint", ".yaml"),
        ("spelling", ".yaml"),
    ]
    .map(|(sub, suffix)| (sub.to_owned(), suffix))
    .to_vec();
    let roles = dir.join("roles");
    if roles.is_dir() {
        for entry in fsio::read_dir_sorted(&roles)? {
            let name = entry.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            if entry.is_dir() && !name.starts_with('.') {
                folders.push((format!("roles/{name}"), ".yaml"));
            }
        }
    }
    let mut found = Vec::new();
    for (sub, suffix) in folders {
        let folder = dir.join(&sub);
        if !folder.is_dir() {
            continue;
        }
        for entry in fsio::read_dir_sorted(&folder)? {
            let name = entry
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_owned();
            if entry.is_file() && name.ends_with(suffix) && !name.starts_with('.') {
                found.push((format!("{sub}/{name}"), entry));
            }
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_catalog_is_embedded() {
        let files = builtin_files();
        for path in [
            "profiles/senior.yaml",
            "profiles/head.yaml",
            "templates/product-manager.md.hbs",
        ] {
            assert!(
                files.contains_key(path),
                "{path} missing from {:?}",
                files.keys().collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn user_files_win_and_add() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("profiles")).unwrap();
        std::fs::write(dir.path().join("profiles/senior.yaml"), "mine").unwrap();
        std::fs::write(dir.path().join("profiles/staff.yaml"), "new").unwrap();
        std::fs::write(dir.path().join("profiles/notes.txt"), "ignored").unwrap();
        let files = layered_files(Some(dir.path())).unwrap();
        assert_eq!(files["profiles/senior.yaml"].text, "mine");
        assert_eq!(files["profiles/staff.yaml"].text, "new");
        assert_eq!(files["profiles/lead.yaml"].provenance, Provenance::BuiltIn);
        assert!(!files.contains_key("profiles/notes.txt"));
    }

    #[test]
    fn copies_that_are_unchanged_or_older_are_named() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("profiles")).unwrap();
        std::fs::create_dir_all(dir.path().join("lint")).unwrap();
        let builtin = builtin_files();
        std::fs::write(dir.path().join("profiles/senior.yaml"), builtin["profiles/senior.yaml"]).unwrap();
        std::fs::write(dir.path().join("profiles/lead.yaml"), "changed").unwrap();
        let pay = builtin["lint/pay-transparency.yaml"].replacen("as_of: 2026-11-01", "as_of: 2025-03-01", 1);
        assert_ne!(
            pay, builtin["lint/pay-transparency.yaml"],
            "the built-in table is dated"
        );
        std::fs::write(dir.path().join("lint/pay-transparency.yaml"), pay).unwrap();
        let stale = stale_copies(&layered_files(Some(dir.path())).unwrap());
        assert_eq!(stale.len(), 2, "{stale:?}");
        assert!(matches!(&stale[0], StaleCopy::Older { as_of, .. } if as_of == "2025-03-01"));
        assert!(matches!(&stale[1], StaleCopy::Identical { path } if path.ends_with("senior.yaml")));
        assert_eq!(as_of("x: 1\nas_of: \"2026-11-01\"\n"), Some("2026-11-01"));
        assert_eq!(as_of("as_of: soon\n"), None);
    }

    #[test]
    fn a_missing_folder_is_an_error() {
        assert!(layered_files(Some(Path::new("/no/such/catalog"))).is_err());
    }
}
