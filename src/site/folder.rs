//! The site's folder is jdgen's: a marker file lists what the last build wrote, so the next one
//! removes the pages of jobs that left the manifest, and a folder jdgen did not write is refused.
//!
//! Ownership: the marker (`.jdgen-site`) says the folder is a jdgen site. In such a folder
//! jdgen owns its three subfolders (`jobs/`, `filters/`, `feeds/`) whole, and the top-level
//! files the marker names; anything else there (a `CNAME`, a favicon) is the user's and is
//! never touched. A folder without the marker must be empty (or `--force` given, and then
//! jdgen only adds and replaces files, it removes none).
//!
//! Order for a killed run: pages are written first, then the folder-wide files, then the
//! files no longer built are removed, and only then the marker is replaced. At every moment
//! the marker on disk plus the owned subfolders cover every file jdgen wrote, so the next
//! build can clean up whatever a killed one left.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use crate::batch::folder::{FolderLock, LOCK_FILE};
use crate::batch::runner::write_output;
use crate::batch::{JobOutcome, Status};
use crate::error::{Error, Result};
use crate::fsio;
use crate::fsio::write_error;

/// The marker's name in the site's folder.
pub const MARKER: &str = ".jdgen-site";

/// How the marker begins; one file a line follows, relative to the folder, `/`-separated.
const MARKER_HEADER: &str =
    "# Written by jdgen site: the files of the last build. jdgen removes those a later build does not write.\n";

/// The subfolders jdgen owns whole in a site it wrote.
pub const OWNED_FOLDERS: [&str; 3] = ["jobs", "filters", "feeds"];

/// A site's output folder for one build: locked, its previous build known.
pub struct SiteFolder {
    lock: FolderLock,
    /// Files the previous build wrote, from the marker; empty for a new site.
    previous: BTreeSet<String>,
    /// Whether the folder was a jdgen site when the build began.
    ours: bool,
    /// Files in the way may be replaced: the folder is jdgen's, or `--force`.
    replace: bool,
    /// Files this build wrote, relative and `/`-separated.
    written: BTreeSet<String>,
}

impl SiteFolder {
    /// Locks `dir` (creating it), reads its marker, and refuses a non-empty folder that is not
    /// a jdgen site unless `force`.
    pub fn open(dir: &Path, force: bool) -> Result<SiteFolder> {
        let lock = FolderLock::acquire(dir)?;
        for sub in OWNED_FOLDERS {
            if dir.join(sub).is_dir() {
                lock.remove_stale_temps(&dir.join(sub))?;
            }
        }
        let marker = dir.join(MARKER);
        let ours = marker.is_file();
        let previous = match ours {
            true => read_marker(&marker)?,
            false => BTreeSet::new(),
        };
        if !ours && !force {
            let mut others: Vec<String> = fsio::read_dir_sorted(dir)?
                .iter()
                .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                .filter(|name| name != LOCK_FILE)
                .collect();
            if !others.is_empty() {
                others.truncate(3);
                return Err(Error::Usage(format!(
                    "{} is not empty ({}{}) and jdgen site did not write it; nothing was written\n\
                     a site's folder is jdgen's: it removes pages that leave the manifest. Choose an empty or new \
                     --out-dir, or pass --force to build there anyway (files are added and replaced, none removed)",
                    dir.display(),
                    others.join(", "),
                    if others.len() == 3 { ", …" } else { "" },
                )));
            }
        }
        Ok(SiteFolder {
            lock,
            previous,
            ours,
            replace: ours || force,
            written: BTreeSet::new(),
        })
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        self.lock.dir()
    }

    /// The path of `name` (relative, `/`-separated) in the folder.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir().join(name)
    }

    /// Whether a file in the way with other content may be replaced.
    pub fn replace(&self) -> bool {
        self.replace
    }

    /// Notes files a job wrote (its outcome's files).
    pub fn record_job(&mut self, outcome: &JobOutcome) {
        if matches!(outcome.status, Status::Written) {
            self.written.extend(outcome.files.iter().cloned());
        }
    }

    /// Notes a file the build wrote by other means (a streamed feed).
    pub fn record(&mut self, name: &str) {
        self.written.insert(name.to_owned());
    }

    /// Writes one of the site's own files (the index, the sitemap, …), unless it already holds
    /// `bytes`; returns whether it changed.
    pub fn write(&mut self, name: &str, bytes: &[u8]) -> Result<bool> {
        let path = self.path(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| write_error(parent, &e))?;
        }
        let wrote = write_output(&path, bytes, self.replace)?;
        self.written.insert(name.to_owned());
        Ok(wrote)
    }

    /// A complete build: removes the files of the previous build that this one did not write
    /// (and, in a site jdgen wrote, any other file in its owned folders), then records this
    /// build in the marker. Returns the files removed.
    pub fn finish(mut self) -> Result<Vec<String>> {
        let mut stale: BTreeSet<String> = self.previous.difference(&self.written).cloned().collect();
        if self.ours {
            for sub in OWNED_FOLDERS {
                for path in files_under(&self.path(sub))? {
                    let name = relative_name(self.dir(), &path);
                    if !self.written.contains(&name) {
                        stale.insert(name);
                    }
                }
            }
        }
        let mut removed = Vec::new();
        for name in stale {
            let path = self.path(&name);
            if path.symlink_metadata().is_ok_and(|m| m.is_file()) {
                std::fs::remove_file(&path).map_err(|e| write_error(&path, &e))?;
                removed.push(name);
            }
        }
        for sub in OWNED_FOLDERS {
            // Only an empty folder goes; `remove_dir` refuses any other.
            let _ = std::fs::remove_dir(self.path(sub));
        }
        let written = std::mem::take(&mut self.written);
        self.write_marker(&written)?;
        self.lock.release();
        Ok(removed)
    }

    /// An incomplete build (interrupted, or stopped by `--fail-fast`): nothing is removed, and
    /// the marker names the previous build's files and this one's, so the next build can tidy.
    pub fn abandon(mut self) -> Result<()> {
        let all: BTreeSet<String> = self.previous.union(&self.written).cloned().collect();
        self.write_marker(&all)?;
        self.lock.release();
        Ok(())
    }

    fn write_marker(&mut self, files: &BTreeSet<String>) -> Result<()> {
        let mut text = String::from(MARKER_HEADER);
        for name in files {
            text.push_str(name);
            text.push('\n');
        }
        fsio::write_atomic(&self.path(MARKER), text.as_bytes())
    }
}

/// The marker's file names; a line that is not a plain relative path (a hand edit, `../x`) is
/// ignored, so no marker can make jdgen remove a file outside the folder.
fn read_marker(path: &Path) -> Result<BTreeSet<String>> {
    let text = fsio::read_text(path)?;
    Ok(text
        .lines()
        .filter(|line| !line.starts_with('#') && is_plain_relative(line))
        .map(str::to_owned)
        .collect())
}

fn is_plain_relative(name: &str) -> bool {
    !name.is_empty() && !name.contains('\\') && Path::new(name).components().all(|c| matches!(c, Component::Normal(_)))
}

/// Every regular file under `dir` (none when it does not exist), in a stable order.
fn files_under(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    if !dir.is_dir() {
        return Ok(files);
    }
    for path in fsio::read_dir_sorted(dir)? {
        let Ok(meta) = path.symlink_metadata() else {
            continue;
        };
        if meta.is_dir() {
            files.extend(files_under(&path)?);
        } else if meta.is_file() {
            files.push(path);
        }
    }
    Ok(files)
}

/// `path` relative to `dir`, `/`-separated.
fn relative_name(dir: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(dir).unwrap_or(path);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marker_cannot_reach_outside_the_folder() {
        for bad in ["../x", "/etc/passwd", "a/../../b", "", "a\\b", "./x"] {
            assert!(!is_plain_relative(bad), "{bad}");
        }
        assert!(is_plain_relative("jobs/pm.html"));
    }

    #[test]
    fn a_foreign_folder_is_refused_and_a_site_is_tidied() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let error = SiteFolder::open(dir.path(), false).err().unwrap().to_string();
        assert!(error.contains("jdgen site did not write it"), "{error}");
        assert!(error.contains("notes.txt"), "{error}");
        std::fs::remove_file(dir.path().join("notes.txt")).unwrap();

        let mut first = SiteFolder::open(dir.path(), false).unwrap();
        first.write("index.html", b"one").unwrap();
        first.write("jobs/a.html", b"a").unwrap();
        first.write("jobs/b.html", b"b").unwrap();
        assert!(first.finish().unwrap().is_empty());
        std::fs::write(dir.path().join("CNAME"), "jobs.example.com").unwrap();

        let mut second = SiteFolder::open(dir.path(), false).unwrap();
        assert!(!second.write("index.html", b"one").unwrap(), "unchanged");
        second.write("jobs/a.html", b"a2").unwrap();
        assert_eq!(second.finish().unwrap(), ["jobs/b.html"]);
        assert!(dir.path().join("CNAME").exists(), "the user's file stays");
        let marker = std::fs::read_to_string(dir.path().join(MARKER)).unwrap();
        assert!(marker.ends_with("index.html\njobs/a.html\n"), "{marker}");
    }
}
