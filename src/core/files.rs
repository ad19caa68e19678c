//! Files replaced whole: everything yuanqu writes that someone may be reading at the
//! same moment (the reading state, fetched articles, fetch's memory, a report) is
//! written to a hidden temporary file in the same folder, flushed to disk, renamed
//! over its name, and the folder synced, so a reader sees the old file or the whole
//! new one, whatever stops the process. The temporary name (`.NAME.PID.tmp`) is
//! hidden and ends in `.tmp`, so no folder walk of the loader ever reads it.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;

/// Write `bytes` to `path` atomically. Its folder must exist: a path into a folder
/// that is not there is more likely a mistake than a wish.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file name"))?;
    let temp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let written = (|| {
        let mut file = File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written?;
    // The rename itself is durable once the folder is synced; not every system allows it.
    if let Ok(folder) = File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_replaced_whole_and_no_temporary_file_stays() {
        let dir = crate::private_folder::test_folder("files-atomic").join("folder");
        let path = dir.join("a/b/c.toml");
        assert!(
            write_atomically(&path, b"one").is_err(),
            "no folder, no file"
        );
        fs::create_dir_all(dir.join("a/b")).unwrap();
        write_atomically(&path, b"one").unwrap();
        write_atomically(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(dir.join("a/b"))
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, ["c.toml"]);
        let _ = fs::remove_dir_all(&dir);
    }
}
