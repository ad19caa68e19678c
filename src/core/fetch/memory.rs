//! What a fetch remembers between runs, kept in the archive (`.yuanqu/fetch.json`):
//! each URL's validators for conditional GET, each item fetched (its file, a hash
//! of what was written, its id) so it is neither fetched nor written again unless
//! it changed, and each article's date and title so one article in two sources is
//! kept once. Written atomically; a file that cannot be read is set aside with a
//! note, never deleted, and the fetch starts from what the archive holds.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::archive::write_archive_file;
use super::http::Validators;

pub const VERSION: u32 = 1;

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct FetchMemory {
    #[serde(default)]
    pub version: u32,
    /// By URL.
    #[serde(default)]
    pub validators: HashMap<String, Validators>,
    /// By item key (`source` + NUL + the item's id, link or article id).
    #[serde(default)]
    pub items: HashMap<String, ItemRecord>,
    /// By date and folded title: the source that brought the article first.
    #[serde(default)]
    pub titles: HashMap<String, String>,
    /// By host: the Unix time before which the server asked not to be asked again
    /// (a Retry-After too long to wait out).
    #[serde(default)]
    pub not_before: HashMap<String, u64>,
}

/// One item fetched and written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemRecord {
    /// Relative to the archive.
    pub file: PathBuf,
    /// Of what was written: unchanged at the source means unchanged here.
    pub hash: u64,
    pub id: String,
    /// Of the feed item as the feed gave it, to know it changed without fetching its page.
    #[serde(default)]
    pub item_hash: u64,
}

impl FetchMemory {
    /// Read the memory file; a missing one is a first run; one that cannot be read is
    /// renamed aside (`fetch.json.corrupt-<secs>`), named in the returned note.
    pub fn load(path: &Path) -> (FetchMemory, Option<String>) {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return (FetchMemory::fresh(), None)
            }
            Err(e) => return (FetchMemory::fresh(), Some(set_aside(path, &e.to_string()))),
        };
        match serde_json::from_str::<FetchMemory>(&text) {
            Ok(memory) if memory.version == VERSION => (memory, None),
            Ok(memory) => {
                let why = format!("version {} (this yuanqu writes {VERSION})", memory.version);
                (FetchMemory::fresh(), Some(set_aside(path, &why)))
            }
            Err(e) => (FetchMemory::fresh(), Some(set_aside(path, &e.to_string()))),
        }
    }

    fn fresh() -> FetchMemory {
        FetchMemory {
            version: VERSION,
            ..FetchMemory::default()
        }
    }

    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let text = serde_json::to_string(self).map_err(std::io::Error::other)?;
        write_archive_file(path, text.as_bytes())
    }
}

fn set_aside(path: &Path, why: &str) -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut aside = path.as_os_str().to_owned();
    aside.push(format!(".corrupt-{secs}"));
    let aside = PathBuf::from(aside);
    match std::fs::rename(path, &aside) {
        Ok(()) => format!(
            "{}: unreadable ({why}); set aside as {} and started afresh",
            path.display(),
            aside.display()
        ),
        Err(e) => format!(
            "{}: unreadable ({why}), and cannot be set aside: {e}",
            path.display()
        ),
    }
}

/// The key an item is remembered by within its source.
pub fn item_key(source: &str, item: &str) -> String {
    format!("{source}\u{0}{item}")
}
