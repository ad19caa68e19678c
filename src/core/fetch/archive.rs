//! The archive folder fetched articles are written into: one TOML article file per
//! article, in dated folders (`2025/03/14/…`, `undated/…`), each written to a hidden
//! temporary name and renamed into place, so the loader never sees half a file
//! whatever stops the process.

use std::fs;
use std::path::{Path, PathBuf};

use crate::core::article::Article;
use crate::core::files::write_atomically;
use crate::core::ids::fast_hash;

/// Where fetch keeps its memory and lock inside the archive.
pub const META_DIR: &str = ".yuanqu";

/// The file an item's article is written to, relative to the archive: its date's
/// folder, then the source's name and a hash of the item's key.
pub fn article_path(article: &Article, source: &str, key: &str) -> PathBuf {
    let folder = match article.date {
        Some(d) => {
            let mut p = PathBuf::from(format!("{:04}", d.year)).join(format!("{:02}", d.month));
            if let Some(day) = d.day {
                p.push(format!("{day:02}"));
            }
            p
        }
        None => PathBuf::from("undated"),
    };
    folder.join(format!(
        "{}-{:016x}.toml",
        file_safe(source),
        fast_hash(0, key.as_bytes())
    ))
}

/// A source name as part of a file name: no separators, no dots first, short.
fn file_safe(name: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .take(40)
        .collect();
    let safe = safe.trim_matches('-');
    if safe.is_empty() {
        "source".into()
    } else {
        safe.to_string()
    }
}

/// The article as the loader reads it back: a TOML article file with its id,
/// source, url, kicker and page; figures are found again on load.
pub fn article_toml(article: &Article) -> Result<String, toml::ser::Error> {
    let mut table = toml::Table::try_from(article)?;
    table.remove("figures");
    let mut file = toml::Table::new();
    file.insert(
        "articles".into(),
        toml::Value::Array(vec![toml::Value::Table(table)]),
    );
    Ok(format!(
        "# Fetched by yuanqu from {}; edit freely, a later fetch rewrites it only if the source changes.\n{}",
        one_line(&article.source),
        toml::to_string(&file)?
    ))
}

fn one_line(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

/// Write an article file (or the fetch's memory) whole, making its dated folders.
pub fn write_archive_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    write_atomically(path, bytes)
}

/// True when `dir` holds anything the loader would read (it is the archive in use).
pub fn has_articles(dir: &Path) -> bool {
    fn walk(dir: &Path, depth: usize) -> bool {
        let Ok(entries) = fs::read_dir(dir) else {
            return false;
        };
        entries.filter_map(Result::ok).any(|e| {
            let path = e.path();
            let hidden = e.file_name().to_string_lossy().starts_with('.');
            if hidden {
                false
            } else if path.is_dir() {
                depth < 6 && walk(&path, depth + 1)
            } else {
                path.extension()
                    .and_then(|x| x.to_str())
                    .is_some_and(|x| ["toml", "txt", "html", "htm"].contains(&x))
            }
        })
    }
    walk(dir, 0)
}

/// A lock on the archive for one fetch at a time, released when dropped (or when
/// the process ends, however it ends: it is an flock, not a file that must be removed).
pub struct ArchiveLock {
    _file: fs::File,
}

impl ArchiveLock {
    /// Take the lock, or say that another fetch holds it.
    pub fn take(archive: &Path) -> Result<ArchiveLock, String> {
        let dir = archive.join(META_DIR);
        fs::create_dir_all(&dir).map_err(|e| format!("{}: cannot create: {e}", dir.display()))?;
        let path = dir.join("fetch.lock");
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| format!("{}: cannot open: {e}", path.display()))?;
        lock_exclusive(&file).map_err(|_| {
            format!(
                "another yuanqu fetch is writing to {} (lock {})",
                archive.display(),
                path.display()
            )
        })?;
        Ok(ArchiveLock { _file: file })
    }
}

/// An advisory lock (flock on Unix) that the system releases with the process.
fn lock_exclusive(file: &fs::File) -> Result<(), fs::TryLockError> {
    file.try_lock()
}
