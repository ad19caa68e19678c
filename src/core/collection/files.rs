//! The files of a collection: finding them (the folder walk), reading one within
//! the size limit, parsing its bytes by its kind, and doing that on every core.
//! What both ways of loading (`load`, `indexed`) share.

use std::collections::HashSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::model::{write_path_message, LoadWarning};
use crate::core::article::Article;
use crate::core::dates::date_from_path;
use crate::core::decode::decode_bytes;
use crate::core::extract::charset::decode_document;
use crate::core::extract::extract_html;
use crate::core::folded_text::FoldedText;
use crate::core::ids::{assign_unique_ids, fast_hash};
use crate::core::page::{parse_page_articles, Detail};
use crate::core::parks::ParkRegistry;
use crate::core::sanitize::sanitize_text;
use crate::core::toml_article::parse_article_toml;
use crate::core::workers::worker_count;

/// Files larger than this are skipped: no news page comes near it.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Why one file gave no articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub path: PathBuf,
    pub message: String,
    /// Refused on purpose (not a regular file, over the size limit), not broken.
    pub skipped: bool,
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write_path_message(f, &self.path, &self.message)
    }
}

impl std::error::Error for FileError {}

/// Parse one file's bytes as a saved web page (`.html`, `.htm`), TOML articles
/// (`.toml`) or a page of text (anything else). Each article gets its `source` (the file's name) and, unless it
/// carries one, the date its path names. Ids are left to the caller: they are
/// given once every article of a collection is known (see `ids`).
pub fn parse_file_bytes(
    path: &Path,
    bytes: &[u8],
    detail: Detail,
) -> Result<Vec<Article>, FileError> {
    let mut articles = parse_content(path, bytes, detail)?;
    stamp_with_path(&mut articles, path);
    Ok(articles)
}

/// The articles of a file's bytes, read as its extension says, before anything is
/// taken from its path: what the index keeps, whatever the path was spelled as.
pub(super) fn parse_content(
    path: &Path,
    bytes: &[u8],
    detail: Detail,
) -> Result<Vec<Article>, FileError> {
    let fail = |message: String| FileError {
        path: path.to_path_buf(),
        message,
        skipped: false,
    };
    Ok(match FileKind::of(path) {
        FileKind::Html => {
            let (text, _encoding) = decode_document(bytes, None);
            vec![extract_html(&text, None, detail).map_err(|e| fail(e.to_string()))?]
        }
        FileKind::Toml => {
            let (text, _encoding) = decode_bytes(bytes).map_err(|e| fail(e.to_string()))?;
            parse_article_toml(&text, detail).map_err(fail)?
        }
        FileKind::Page => {
            let (text, _encoding) = decode_bytes(bytes).map_err(|e| fail(e.to_string()))?;
            parse_page_articles(&text, ParkRegistry::builtin(), detail)
        }
    })
}

/// What a file's path gives its articles: the source (its name) and, unless an
/// article carries one, the date the path names.
pub(super) fn stamp_with_path(articles: &mut [Article], path: &Path) {
    // A file name may hold anything a page may: it is cleaned as text is.
    let source = path
        .file_name()
        .map(|n| sanitize_text(&n.to_string_lossy()).replace('\n', " "))
        .unwrap_or_default();
    let date = date_from_path(path);
    for article in articles {
        // A fetched article names its source; any other is known by its file.
        if article.source.is_empty() {
            article.source.clone_from(&source);
        }
        article.date = article.date.or(date);
    }
}

/// How a file is read, by its extension: a saved web page, TOML articles, else a
/// page of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FileKind {
    Html,
    Toml,
    Page,
}

impl FileKind {
    pub(super) fn of(path: &Path) -> FileKind {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if ext.eq_ignore_ascii_case("html") || ext.eq_ignore_ascii_case("htm") {
            FileKind::Html
        } else if ext.eq_ignore_ascii_case("toml") {
            FileKind::Toml
        } else {
            FileKind::Page
        }
    }
}

/// Read and parse one file, refusing what is not a regular file or too large;
/// its articles get ids as they would alone in a collection.
pub fn read_file(path: &Path) -> Result<Vec<Article>, FileError> {
    read_file_with(path, Detail::Full)
}

pub fn read_file_with(path: &Path, detail: Detail) -> Result<Vec<Article>, FileError> {
    let mut articles = parse_file_bytes(path, &read_bytes(path)?.0, detail)?;
    assign_unique_ids(&mut articles);
    Ok(articles)
}

/// The bytes of a regular file within the size limit, and its metadata as it was
/// when it was opened.
pub(super) fn read_bytes(path: &Path) -> Result<(Vec<u8>, fs::Metadata), FileError> {
    let fail = |message: String| FileError {
        path: path.to_path_buf(),
        message,
        skipped: false,
    };
    let skip = |message: String| FileError {
        skipped: true,
        ..fail(message)
    };
    let mut file = open_without_blocking(path).map_err(|e| fail(io_message(&e)))?;
    // Checked on the open file, so what is read is what was checked.
    let meta = file.metadata().map_err(|e| fail(io_message(&e)))?;
    if !meta.is_file() {
        return Err(skip("not a regular file".into()));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(skip(over_limit(meta.len())));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // The cap again: a file may grow after the check.
    file.by_ref()
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(io_message(&e)))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(skip("grew over the size limit while being read".into()));
    }
    Ok((bytes, meta))
}

/// Which file on disk a path is (device and inode), to know one given twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct FileId {
    device: u64,
    inode: u64,
}

impl FileId {
    #[cfg(unix)]
    pub(super) fn of(meta: &fs::Metadata) -> Option<FileId> {
        use std::os::unix::fs::MetadataExt;
        Some(FileId {
            device: meta.dev(),
            inode: meta.ino(),
        })
    }

    /// Elsewhere the same file is known by its bytes, as any copy is.
    #[cfg(not(unix))]
    pub(super) fn of(_: &fs::Metadata) -> Option<FileId> {
        None
    }
}

fn over_limit(len: u64) -> String {
    format!(
        "{len} bytes, over the {} MiB limit",
        MAX_FILE_BYTES / 1024 / 1024
    )
}

/// One file as the loader keeps it: its articles and a digest of its bytes, by
/// which a byte-identical copy elsewhere is known.
pub(super) struct LoadedFile {
    pub(super) articles: Vec<Article>,
    /// The articles folded for search, when the load folds and the file's entry
    /// gave them folded or its parse folded them for the entry.
    pub(super) folded: Option<FoldedText>,
    pub(super) digest: Digest,
    pub(super) file_id: Option<FileId>,
}

/// Length and a 64-bit hash of a file's bytes; equal digests are confirmed by
/// comparing the bytes before a file is dropped as a copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Digest {
    pub(super) len: usize,
    pub(super) hash: u64,
}

impl Digest {
    pub(super) fn of(bytes: &[u8]) -> Digest {
        Digest {
            len: bytes.len(),
            hash: fast_hash(0, bytes),
        }
    }
}

pub(super) fn load_file(path: &Path, detail: Detail) -> Result<LoadedFile, FileError> {
    let (bytes, meta) = read_bytes(path)?;
    Ok(LoadedFile {
        articles: parse_file_bytes(path, &bytes, detail)?,
        folded: None,
        digest: Digest::of(&bytes),
        file_id: FileId::of(&meta),
    })
}

/// Open for reading without waiting: opening a FIFO or a device never blocks.
fn open_without_blocking(path: &Path) -> std::io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

pub(super) fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Files a folder walk reads: pages (.txt), articles (.toml) and saved web pages
/// (.html, .htm).
pub(super) fn is_article_file(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["txt", "toml", "html", "htm"]
            .iter()
            .any(|x| e.eq_ignore_ascii_case(x))
    }) && path.file_name().and_then(|n| n.to_str()) != Some("parks.toml")
}

/// A file found by the walk; `named` when the user gave its path itself.
pub(super) struct FoundFile {
    pub(super) path: PathBuf,
    pub(super) named: bool,
}

/// Read and parse files on every core, results in the files' order.
pub(super) fn parse_in_parallel(
    files: &[FoundFile],
    detail: Detail,
) -> Vec<Result<LoadedFile, FileError>> {
    each_file_guarded(files, |path| load_file(path, detail))
}

/// `load` on every file, on every core, results in the files' order. A panic
/// while loading one file costs that file only: it is reported as an error and
/// the worker goes on with the next.
fn each_file_guarded<T: Send>(
    files: &[FoundFile],
    load: impl Fn(&Path) -> Result<T, FileError> + Sync,
) -> Vec<Result<T, FileError>> {
    each_file_guarded_with(files, || (), |(), path| load(path))
}

/// `each_file_guarded`, each worker with its own state made by `init` (a
/// connection to the index).
pub(super) fn each_file_guarded_with<S, T: Send>(
    files: &[FoundFile],
    init: impl Fn() -> S + Sync,
    load: impl Fn(&mut S, &Path) -> Result<T, FileError> + Sync,
) -> Vec<Result<T, FileError>> {
    let guarded = |state: &mut S, path: &Path| {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| load(state, path))).unwrap_or_else(
            |_| {
                Err(FileError {
                    path: path.to_path_buf(),
                    message: "internal error while parsing this file".into(),
                    skipped: false,
                })
            },
        )
    };
    let threads = worker_count(files.len());
    if threads <= 1 {
        let mut state = init();
        return files.iter().map(|f| guarded(&mut state, &f.path)).collect();
    }
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<Result<T, FileError>>> = files.iter().map(|_| None).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    let mut state = init();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(file) = files.get(i) else { break };
                        done.push((i, guarded(&mut state, &file.path)));
                    }
                    done
                })
            })
            .collect();
        for worker in workers {
            // Each file is guarded, so a worker itself does not panic.
            for (i, result) in worker.join().unwrap_or_default() {
                results[i] = Some(result);
            }
        }
    });
    results
        .into_iter()
        .zip(files)
        .map(|(result, file)| {
            result.unwrap_or_else(|| {
                Err(FileError {
                    path: file.path.clone(),
                    message: "internal error while parsing this file".into(),
                    skipped: false,
                })
            })
        })
        .collect()
}

/// The files a load of `paths` reads, in its order, each with whether it was named
/// itself, and what the walk found wrong: what a whole-command entry is keyed by
/// (`core::outputs`).
pub fn files_to_read(paths: &[PathBuf]) -> (Vec<(PathBuf, bool)>, Vec<LoadWarning>) {
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    let mut visited = HashSet::new();
    for path in paths {
        collect_files(path, true, &mut visited, &mut files, &mut warnings);
    }
    let files = files.into_iter().map(|f| (f.path, f.named)).collect();
    (files, warnings)
}

/// Walk a path: folders recursively (pages and TOML articles only), files as
/// named. Files are not opened here: the workers check and read them.
pub(super) fn collect_files(
    path: &Path,
    named: bool,
    visited: &mut HashSet<PathBuf>,
    files: &mut Vec<FoundFile>,
    warnings: &mut Vec<LoadWarning>,
) {
    let warn = |warnings: &mut Vec<LoadWarning>, message: String| {
        warnings.push(LoadWarning {
            path: path.to_path_buf(),
            message,
            is_error: true,
        })
    };
    let is_dir = if named {
        match fs::metadata(path) {
            Ok(m) => m.is_dir(),
            Err(e) => return warn(warnings, io_message(&e)),
        }
    } else {
        true
    };
    if !is_dir {
        files.push(FoundFile {
            path: path.to_path_buf(),
            named,
        });
        return;
    }
    // Symlinked folders can loop: visit each real folder once.
    if let Ok(real) = fs::canonicalize(path) {
        if !visited.insert(real) {
            return;
        }
    }
    let entries = match fs::read_dir(path) {
        Ok(e) => e,
        Err(e) => return warn(warnings, io_message(&e)),
    };
    let mut children: Vec<(std::ffi::OsString, PathBuf, bool)> = entries
        .filter_map(Result::ok)
        .map(|entry| {
            let path = entry.path();
            // The entry's own type costs no stat; a symlink is followed to see.
            let is_dir = match entry.file_type() {
                Ok(t) if t.is_symlink() => fs::metadata(&path).is_ok_and(|m| m.is_dir()),
                Ok(t) => t.is_dir(),
                Err(_) => false,
            };
            (entry.file_name(), path, is_dir)
        })
        .collect();
    // Siblings: by name, which is their paths' order (a path compared component by
    // component cost a fifth of a warm `list` over 20,000 pages, and a name taken
    // from each path at each comparison a tenth of the walk).
    children.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for (_, child, is_dir) in children {
        if is_dir {
            collect_files(&child, false, visited, files, warnings);
        } else if is_article_file(&child) {
            files.push(FoundFile {
                path: child,
                named: false,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(names: &[&str]) -> Vec<FoundFile> {
        names
            .iter()
            .map(|n| FoundFile {
                path: PathBuf::from(n),
                named: false,
            })
            .collect()
    }

    #[test]
    fn a_panic_costs_only_its_own_file() {
        // Many files, so each worker has a batch with the bad one in some batch.
        let names: Vec<String> = (0..64).map(|i| format!("{i}.txt")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let files = found(&names);
        let results = each_file_guarded(&files, |path| {
            if path == Path::new("7.txt") {
                panic!("a parser bug");
            }
            Ok(path.to_path_buf())
        });
        assert_eq!(results.len(), 64);
        for (i, result) in results.iter().enumerate() {
            match result {
                Ok(path) => assert_eq!(path, &files[i].path),
                Err(e) => {
                    assert_eq!(i, 7, "{e}");
                    assert!(e.message.contains("internal error"));
                    assert!(!e.skipped);
                }
            }
        }
        assert!(results[7].is_err());
    }
}
