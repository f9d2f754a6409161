//! A run's output folder: one run at a time, no stale temporary files ([`FolderLock`], shared
//! with `jdgen site`), and for batch an index that never replaces a file the user wrote.
//!
//! Two runs into one folder used to interleave: each checked a file, then the other wrote it,
//! and 1,886 files one run reported as written held the other's content. A run now holds an
//! exclusive advisory lock (`flock`) on `.jdgen.lock` in the folder from before it looks at
//! the first file until after the index is in place; a second run is refused at once. The lock
//! file is removed at the end, so a finished folder holds only postings and the index.

use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use fs4::{FileExt, TryLockError};

use super::report;
use super::JobOutcome;
use crate::error::{Error, Result};
use crate::fsio::write_error;
use crate::fsio::{self, AtomicFile};

/// The lock file's name in the output folder.
pub const LOCK_FILE: &str = ".jdgen.lock";

/// An output folder locked for one run: created if missing, with the temporary files a killed
/// run left in it removed. Dropping it removes the lock file and unlocks.
pub struct FolderLock {
    dir: PathBuf,
    lock: Option<File>,
}

impl FolderLock {
    /// Creates and locks `dir`; another run holding it is an error saying so.
    pub fn acquire(dir: &Path) -> Result<FolderLock> {
        std::fs::create_dir_all(dir).map_err(|e| write_error(dir, &e))?;
        // From here on, dropping the lock (an error below) releases it and its file.
        let held = FolderLock {
            dir: dir.to_owned(),
            lock: Some(lock(dir)?),
        };
        held.remove_stale_temps(dir)?;
        Ok(held)
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Removes the temporary files a killed run left in `dir` (the folder or one inside it).
    pub fn remove_stale_temps(&self, dir: &Path) -> Result<()> {
        let removed = fsio::remove_stale_temps(dir)?;
        if removed > 0 {
            crate::ui::detail(format_args!(
                "removed {removed} temporary files an interrupted run left in {}",
                dir.display()
            ));
        }
        Ok(())
    }

    /// Removes the lock file, then unlocks: a run that opens the file after the removal makes
    /// a new one; one that opened it before finds it gone once it holds the lock, and retries.
    pub fn release(&mut self) {
        if let Some(lock) = self.lock.take() {
            let _ = std::fs::remove_file(self.dir.join(LOCK_FILE));
            let _ = FileExt::unlock(&lock);
        }
    }
}

impl Drop for FolderLock {
    fn drop(&mut self) {
        self.release();
    }
}

/// The output folder of a run in progress, locked, with its index being written.
pub struct OutputFolder {
    lock: FolderLock,
    index: Option<BufWriter<AtomicFile>>,
    /// Why the index could not be written, once it could not.
    index_error: Option<Error>,
    /// Whether any job has a row in the index.
    rows: bool,
}

impl OutputFolder {
    /// Creates and locks `dir`, removes the temporary files a killed run left there, and
    /// checks that `index.md`, if there is one, is jdgen's own (or `force` allows replacing it).
    pub fn open(dir: &Path, force: bool) -> Result<OutputFolder> {
        let mut folder = OutputFolder {
            lock: FolderLock::acquire(dir)?,
            index: None,
            index_error: None,
            rows: false,
        };
        let index_path = dir.join(report::INDEX_FILE);
        if !force && is_foreign_index(&index_path) {
            return Err(Error::Usage(format!(
                "{} was not written by jdgen, and batch writes its list of postings there; nothing was written\n\
                 move it, pass --force to replace it, or choose another --out-dir",
                index_path.display()
            )));
        }
        match AtomicFile::create(&index_path) {
            Ok(file) => {
                let mut index = BufWriter::new(file);
                match index.write_all(report::INDEX_HEADER.as_bytes()) {
                    Ok(()) => folder.index = Some(index),
                    Err(e) => folder.index_error = Some(write_error(&index_path, &e)),
                }
            }
            Err(error) => folder.index_error = Some(error),
        }
        Ok(folder)
    }

    /// Adds a written job to the index. A failure to write the index is kept for [`finish`](Self::finish).
    pub fn add(&mut self, outcome: &JobOutcome) {
        let Some(row) = report::index_row(outcome) else {
            return;
        };
        self.rows = true;
        if let Some(index) = &mut self.index {
            if let Err(e) = index.write_all(row.as_bytes()) {
                self.index_error = Some(write_error(&self.lock.dir().join(report::INDEX_FILE), &e));
                self.index = None;
            }
        }
    }

    /// Puts the index in place when any job was written, and releases the folder. An error
    /// names what could not be written; every posting written is whole either way.
    pub fn finish(mut self) -> Result<()> {
        let index = self.index.take();
        let result = match (self.index_error.take(), index, self.rows) {
            (Some(error), _, true) => Err(error),
            (_, Some(index), true) => index
                .into_inner()
                .map_err(|e| write_error(&self.lock.dir().join(report::INDEX_FILE), e.error()))
                .and_then(AtomicFile::commit),
            // Nothing written: no index (a dropped index leaves no file).
            _ => Ok(()),
        };
        self.lock.release();
        result
    }
}

/// Takes the folder's lock, or says which run holds it.
fn lock(dir: &Path) -> Result<File> {
    let path = dir.join(LOCK_FILE);
    for _ in 0..3 {
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| write_error(&path, &e))?;
        // fs4's, by name: std's own `File::try_lock` needs a newer Rust than jdgen's minimum.
        match FileExt::try_lock(&file) {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                return Err(Error::Usage(format!(
                    "another jdgen run is writing into {}; nothing was written\n\
                     wait for it to finish, or choose another --out-dir",
                    dir.display()
                )))
            }
            Err(TryLockError::Error(e)) => return Err(write_error(&path, &e)),
        }
        // The run before may have removed the file between our open and our lock: then the
        // lock is on a file no one else can see, and we try again with the path's file.
        if same_file(&file, &path) {
            return Ok(file);
        }
    }
    Err(Error::Usage(format!(
        "cannot lock {}: other jdgen runs keep starting and ending there",
        dir.display()
    )))
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(open), Ok(named)) => open.dev() == named.dev() && open.ino() == named.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &File, path: &Path) -> bool {
    // Windows does not remove a file that is open, so the path is still the file locked.
    path.exists()
}

/// Whether `path` is a file that does not start as jdgen's index does.
fn is_foreign_index(path: &Path) -> bool {
    let Ok(file) = File::open(path) else {
        return false;
    };
    let mut start = Vec::new();
    let header = report::INDEX_HEADER.as_bytes();
    match file.take(header.len() as u64).read_to_end(&mut start) {
        Ok(_) => start != header,
        Err(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_run_is_refused_and_the_lock_is_gone_after() {
        let dir = tempfile::tempdir().unwrap();
        let first = OutputFolder::open(dir.path(), false).unwrap();
        let error = OutputFolder::open(dir.path(), false).err().unwrap().to_string();
        assert!(error.contains("another jdgen run is writing into"), "{error}");
        first.finish().unwrap();
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            0,
            "no lock file, no index"
        );
        OutputFolder::open(dir.path(), false).unwrap().finish().unwrap();
    }

    #[test]
    fn a_users_index_is_kept_unless_forced() {
        let dir = tempfile::tempdir().unwrap();
        let index = dir.path().join("index.md");
        std::fs::write(&index, "# My notes\n").unwrap();
        let error = OutputFolder::open(dir.path(), false).err().unwrap().to_string();
        assert!(error.contains("was not written by jdgen"), "{error}");
        assert_eq!(std::fs::read_to_string(&index).unwrap(), "# My notes\n");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "the lock file is gone"
        );
        std::fs::write(
            &index,
            format!("{}| a | A | r | l | [a.md](a.md) |\n", report::INDEX_HEADER),
        )
        .unwrap();
        OutputFolder::open(dir.path(), false).unwrap().finish().unwrap();
        std::fs::write(&index, "# My notes\n").unwrap();
        OutputFolder::open(dir.path(), true).unwrap().finish().unwrap();
    }
}
