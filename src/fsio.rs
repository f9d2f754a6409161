//! Thin file-system wrappers whose errors always name the path, bounded reads, and atomic writes.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::error::{Error, Result};

/// The most jdgen reads from any one source: a file, a device (`/dev/zero`), a pipe, standard
/// input, or one entry of a zip archive counted by its inflated size. Reads stop one byte
/// past it, so an endless source costs 64 MB and an error, never all the memory there is.
pub const MAX_TEXT_BYTES: u64 = 64 * 1024 * 1024;

/// Reads a UTF-8 text file, with errors a person can act on.
pub fn read_text(path: &Path) -> Result<String> {
    let text = text_of(read_bytes(path)?).map_err(|reason| Error::Read {
        path: path.to_owned(),
        reason,
    })?;
    crate::ui::detail(format_args!("read {}", path.display()));
    Ok(text)
}

/// `bytes`, read from `path`, as UTF-8 text (a byte-order mark removed), or why not.
pub fn text_from_bytes(path: &Path, bytes: Vec<u8>) -> Result<String> {
    text_of(bytes).map_err(|reason| Error::Read {
        path: path.to_owned(),
        reason,
    })
}

/// Reads standard input as UTF-8 text, at most [`MAX_TEXT_BYTES`].
pub fn read_stdin_text() -> Result<String> {
    let read_error = |reason: String| Error::Read {
        path: "<stdin>".into(),
        reason,
    };
    let bytes = read_bounded(std::io::stdin().lock())
        .map_err(|e| io_read_error(Path::new("<stdin>"), &e))?
        .ok_or_else(|| read_error(too_large()))?;
    text_of(bytes).map_err(read_error)
}

/// Reads a file (or device, or named pipe) whole, at most [`MAX_TEXT_BYTES`].
pub fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    let read_error = |reason: String| Error::Read {
        path: path.to_owned(),
        reason,
    };
    let metadata = std::fs::metadata(path).map_err(|e| io_read_error(path, &e))?;
    if metadata.is_dir() {
        return Err(read_error("it is a folder, not a file".into()));
    }
    // A regular file says its size; a device or a pipe is read up to the limit to find out.
    if metadata.len() > MAX_TEXT_BYTES {
        return Err(read_error(format!("it is {} bytes; {}", metadata.len(), too_large())));
    }
    let file = std::fs::File::open(path).map_err(|e| io_read_error(path, &e))?;
    let size = metadata.is_file().then_some(metadata.len());
    read_bounded_sized(file, size)
        .map_err(|e| io_read_error(path, &e))?
        .ok_or_else(|| read_error(too_large()))
}

/// Everything `reader` gives, or `None` when that is more than [`MAX_TEXT_BYTES`]. Used for
/// every read whose size the source does not promise (devices, pipes, inflated zip entries).
pub fn read_bounded(reader: impl Read) -> std::io::Result<Option<Vec<u8>>> {
    read_bounded_sized(reader, None)
}

/// [`read_bounded`], knowing the size when the source says it (a regular file). An unknown
/// size reserves the whole limit at once: untouched pages cost nothing, and the buffer never
/// doubles past it (an endless source used 3 times the limit while the buffer grew).
fn read_bounded_sized(reader: impl Read, size: Option<u64>) -> std::io::Result<Option<Vec<u8>>> {
    let capacity = size.map_or(MAX_TEXT_BYTES, |size| size.min(MAX_TEXT_BYTES));
    let mut bytes = Vec::with_capacity(usize::try_from(capacity).unwrap_or(usize::MAX));
    let mut limited = reader.take(MAX_TEXT_BYTES);
    limited.read_to_end(&mut bytes)?;
    // One byte more than the limit says the source is too large.
    let mut probe = [0u8; 1];
    let more = loop {
        match limited.get_mut().read(&mut probe) {
            Ok(n) => break n > 0,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    };
    Ok((!more).then_some(bytes))
}

/// Why a read stopped at the limit.
pub fn too_large() -> String {
    format!(
        "it is larger than {} MB, the most jdgen reads from one file",
        MAX_TEXT_BYTES / (1024 * 1024)
    )
}

/// UTF-8 text without a byte-order mark, or why not.
fn text_of(bytes: Vec<u8>) -> std::result::Result<String, String> {
    let mut text = String::from_utf8(bytes).map_err(|e| {
        let before = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = memchr::memchr_iter(b'\n', before).count() + 1;
        format!("it is not UTF-8 text (first bad byte on line {line}); save it as UTF-8")
    })?;
    if text.starts_with('\u{feff}') {
        text.remove(0);
    }
    Ok(text)
}

/// The entries of a folder, sorted by name so every run sees the same order.
pub fn read_dir_sorted(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|e| io_read_error(dir, &e))?;
    let mut paths = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .collect::<Vec<_>>();
    paths.sort();
    Ok(paths)
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, then a rename,
/// so a killed run never leaves a truncated file under the final name.
///
/// No fsync: the rename is atomic for every process that can observe the folder, which is
/// what a SIGKILL needs; surviving a power cut would cost an fsync per file, which would
/// dominate a batch of thousands of postings.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut file = AtomicFile::create(path)?;
    file.write_all(bytes).map_err(|e| write_error(path, &e))?;
    file.commit()
}

/// A file written under a temporary name (`.jdgen-XXXXXX.tmp`) in its final folder, renamed
/// into place by [`AtomicFile::commit`] and removed if dropped before. While it exists its
/// name is known to [`remove_in_flight`], so an interrupted run can remove it too.
pub struct AtomicFile {
    temp: Option<tempfile::NamedTempFile>,
    path: PathBuf,
}

// Every temporary file that exists, by the discipline below: a name is added in the same
// critical section that creates the file, and removed in the one that renames or deletes
// it. So what the interrupt handler removes is exactly what is on disk.
static IN_FLIGHT: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn in_flight() -> MutexGuard<'static, Vec<PathBuf>> {
    IN_FLIGHT.lock().unwrap_or_else(PoisonError::into_inner)
}

fn forget(registry: &mut Vec<PathBuf>, temp: &Path) {
    if let Some(index) = registry.iter().position(|p| p == temp) {
        registry.swap_remove(index);
    }
}

impl AtomicFile {
    /// Starts writing `path`: creates its temporary file beside it.
    pub fn create(path: &Path) -> Result<AtomicFile> {
        let dir = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let mut builder = tempfile::Builder::new();
        builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
        // A temporary file is private (0600); the finished file gets the mode any
        // newly created file gets (0666 less the umask), so a web server can read a page.
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        let mut registry = in_flight();
        let temp = builder.tempfile_in(dir).map_err(|e| write_error(path, &e))?;
        registry.push(temp.path().to_owned());
        Ok(AtomicFile {
            temp: Some(temp),
            path: path.to_owned(),
        })
    }

    /// The final path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Renames the finished file into place.
    pub fn commit(mut self) -> Result<()> {
        let Some(temp) = self.temp.take() else {
            return Ok(());
        };
        let mut registry = in_flight();
        forget(&mut registry, temp.path());
        // On failure the temporary file is dropped here, still in the critical section.
        temp.persist(&self.path)
            .map_err(|e| write_error(&self.path, &e.error))?;
        drop(registry);
        crate::ui::detail(format_args!("wrote {}", self.path.display()));
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        match &mut self.temp {
            Some(temp) => temp.write(bytes),
            None => Err(std::io::Error::other("the file is already committed")),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.temp.as_mut().map_or(Ok(()), |temp| temp.flush())
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if let Some(temp) = self.temp.take() {
            let mut registry = in_flight();
            forget(&mut registry, temp.path());
            drop(temp);
        }
    }
}

/// Removes every temporary file this process is writing, and keeps any other from being
/// created or renamed: for a run that ends now (a second Ctrl-C). Never releases the lock.
pub fn remove_in_flight() {
    let registry = in_flight();
    for temp in registry.iter() {
        let _ = std::fs::remove_file(temp);
    }
    std::mem::forget(registry);
}

/// How jdgen names its temporary files: `.jdgen-` and six random characters, then `.tmp`.
pub const TEMP_PREFIX: &str = ".jdgen-";
pub const TEMP_SUFFIX: &str = ".tmp";

/// Removes the temporary files a killed run left in `dir`; how many there were. Only for a
/// folder this process has locked, so no other jdgen is writing them.
pub fn remove_stale_temps(dir: &Path) -> Result<usize> {
    let mut removed = 0;
    for path in read_dir_sorted(dir)? {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let is_temp = name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX);
        if is_temp && path.symlink_metadata().is_ok_and(|m| m.is_file()) {
            std::fs::remove_file(&path).map_err(|e| write_error(&path, &e))?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// A failed write to `path` (exit 3): every writer of files reports it this way.
pub fn write_error(path: &Path, error: &std::io::Error) -> Error {
    Error::Write {
        path: path.to_owned(),
        reason: describe_io(error),
    }
}

/// A failed read of `path`: a path that leads nowhere is the input's fault ([`Error::Read`],
/// exit 2); any other failure (permission, a device error) is the system's
/// ([`Error::ReadFailed`], exit 3).
pub fn io_read_error(path: &Path, error: &std::io::Error) -> Error {
    let path = path.to_owned();
    let reason = describe_io(error);
    match error.kind() {
        std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory | std::io::ErrorKind::InvalidInput => {
            Error::Read { path, reason }
        }
        _ => Error::ReadFailed { path, reason },
    }
}

fn describe_io(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_errors_name_the_problem() {
        let dir = tempfile::tempdir().unwrap();
        let bad = dir.path().join("bad.yaml");
        std::fs::write(&bad, b"a: 1\nb: \xff\n").unwrap();
        let message = read_text(&bad).unwrap_err().to_string();
        assert!(
            message.contains("bad.yaml") && message.contains("not UTF-8") && message.contains("line 2"),
            "{message}"
        );
        let missing = read_text(&dir.path().join("missing.yaml")).unwrap_err().to_string();
        assert!(missing.contains("missing.yaml: no such file"), "{missing}");
        assert!(read_text(dir.path()).unwrap_err().to_string().contains("folder"));
    }

    #[test]
    fn reads_stop_at_the_limit_whatever_the_source() {
        let endless = std::io::repeat(b'x');
        assert!(read_bounded(endless).unwrap().is_none());
        let exact = std::io::repeat(b'x').take(MAX_TEXT_BYTES);
        assert_eq!(
            read_bounded(exact).unwrap().map(|b| b.len() as u64),
            Some(MAX_TEXT_BYTES)
        );
        #[cfg(unix)]
        {
            let error = read_text(Path::new("/dev/zero")).unwrap_err().to_string();
            assert!(error.contains("/dev/zero: it is larger than 64 MB"), "{error}");
        }
    }

    #[test]
    fn stale_temporary_files_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        for name in [".jdgen-AbC123.tmp", ".jdgen-x.tmp", "keep.tmp", ".jdgen-notes.md"] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        std::fs::create_dir(dir.path().join(".jdgen-dir.tmp")).unwrap();
        assert_eq!(remove_stale_temps(dir.path()).unwrap(), 2);
        let left: Vec<String> = read_dir_sorted(dir.path())
            .unwrap()
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(left, [".jdgen-dir.tmp", ".jdgen-notes.md", "keep.tmp"]);
    }

    #[test]
    fn a_bom_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bom.yaml");
        std::fs::write(&path, "\u{feff}role: x\n").unwrap();
        assert_eq!(read_text(&path).unwrap(), "role: x\n");
    }

    #[test]
    fn atomic_writes_leave_no_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.md");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        let mut abandoned = AtomicFile::create(&dir.path().join("half.md")).unwrap();
        abandoned.write_all(b"half").unwrap();
        drop(abandoned);
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "a dropped file leaves nothing"
        );
        assert!(in_flight().is_empty());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let plain = dir.path().join("plain.md");
            std::fs::write(&plain, b"x").unwrap();
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&path), mode(&plain), "the same mode as any new file, not 0600");
        }
    }
}
