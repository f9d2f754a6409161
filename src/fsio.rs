//! Thin file-system wrappers whose errors always name the path, and atomic writes.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Largest text file jdgen reads.
pub const MAX_TEXT_BYTES: u64 = 64 * 1024 * 1024;

/// Reads a UTF-8 text file, with errors a person can act on.
pub fn read_text(path: &Path) -> Result<String> {
    let read_error = |reason: String| Error::Read {
        path: path.to_owned(),
        reason,
    };
    let metadata = std::fs::metadata(path).map_err(|e| read_error(describe_io(&e)))?;
    if metadata.is_dir() {
        return Err(read_error("it is a folder, not a file".into()));
    }
    if metadata.len() > MAX_TEXT_BYTES {
        return Err(read_error(format!(
            "it is {} bytes; jdgen reads files up to {MAX_TEXT_BYTES} bytes",
            metadata.len()
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| read_error(describe_io(&e)))?;
    let mut text = String::from_utf8(bytes).map_err(|e| {
        let before = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        read_error(format!(
            "it is not UTF-8 text (first bad byte on line {line}); save it as UTF-8"
        ))
    })?;
    if text.starts_with('\u{feff}') {
        text.remove(0);
    }
    crate::ui::detail(format_args!("read {}", path.display()));
    Ok(text)
}

/// The entries of a folder, sorted by name so every run sees the same order.
pub fn read_dir_sorted(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::Read {
        path: dir.to_owned(),
        reason: describe_io(&e),
    })?;
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
    let write_error = |e: std::io::Error| Error::Write {
        path: path.to_owned(),
        reason: describe_io(&e),
    };
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".jdgen-").suffix(".tmp");
    // A temporary file is private (0600); the finished file gets the mode any
    // newly created file gets (0666 less the umask), so a web server can read a page.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut temp = builder.tempfile_in(dir).map_err(write_error)?;
    temp.write_all(bytes).map_err(write_error)?;
    temp.persist(path).map_err(|e| write_error(e.error))?;
    crate::ui::detail(format_args!("wrote {}", path.display()));
    Ok(())
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
