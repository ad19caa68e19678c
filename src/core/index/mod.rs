//! The archive index: what parsing each file gave, kept in SQLite
//! (`$XDG_CACHE_HOME/yuanqu/index.db`, see docs/index.md), so that a run over an
//! archive reads the pages that changed and takes the rest from the index.
//!
//! The files stay the truth. An entry is used only for the very file it was made
//! from (path, size, mtime and ctime in ns, inode, device, parser version), never
//! for a file whose mtime is near or after the time the entry was made (git's racy
//! rule), and the index can always be deleted. A broken index is set aside and
//! rebuilt; one that cannot be opened for writing means running without one.

mod store;
mod stored;

use std::path::{Path, PathBuf};

pub use store::{
    read_without_mapping, says_broken, Held, Index, IndexReader, Reused, Wanted, RACY_MARGIN_NS,
};
pub use stored::{encode, Entry, FileStamp};

/// The version of everything that decides what parsing a file gives: the crate's
/// version and a hash of the core's sources and built-in data (build.rs).
pub const PARSER_VERSION: &str =
    concat!(env!("CARGO_PKG_VERSION"), "+", env!("YUANQU_PARSER_HASH"));

/// The environment variable that turns the index off (`YUANQU_NO_INDEX=1`).
pub const NO_INDEX_VAR: &str = "YUANQU_NO_INDEX";

/// Where the loader keeps its index, if anywhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexPlace {
    /// No index: every file is parsed.
    Off,
    /// The index database at this path.
    At(PathBuf),
}

impl IndexPlace {
    /// `$XDG_CACHE_HOME/yuanqu/index.db`, else `~/.cache/yuanqu/index.db`; off when
    /// `YUANQU_NO_INDEX` is set to anything but `0` or empty, or no folder is known.
    pub fn from_env() -> IndexPlace {
        let off = std::env::var_os(NO_INDEX_VAR).is_some_and(|v| !v.is_empty() && v != "0");
        match cache_folder() {
            Some(dir) if !off => IndexPlace::At(dir.join("index.db")),
            _ => IndexPlace::Off,
        }
    }

    pub fn path(&self) -> Option<&Path> {
        match self {
            IndexPlace::Off => None,
            IndexPlace::At(path) => Some(path),
        }
    }
}

/// The program's cache folder: `$XDG_CACHE_HOME/yuanqu`, else `~/.cache/yuanqu`;
/// none when neither is known.
pub fn cache_folder() -> Option<PathBuf> {
    std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        // The XDG spec: a relative path is to be ignored.
        .filter(|p| p.is_absolute())
        .or_else(|| {
            std::env::var_os("HOME")
                .map(PathBuf::from)
                .filter(|p| p.is_absolute())
                .map(|home| home.join(".cache"))
        })
        .map(|cache| cache.join("yuanqu"))
}
