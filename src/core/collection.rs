//! A collection: articles from pages and TOML files, grouped by park.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::article::Article;
use super::decode::decode_bytes;
use super::ids::assign_unique_ids;
use super::page::{parse_page_with, Detail};
use super::parks::{park_key, same_key, ParkRegistry};
use super::sanitize::escape_for_terminal;
use super::toml_article::parse_article_toml;

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_data.rs"));
}

/// Files larger than this are skipped: no news page comes near it.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Name of the group for articles that name no park.
pub const NO_PARK: &str = "其他";

/// The parks of a collection, each with its articles, in order of first appearance.
#[derive(Debug, Clone, PartialEq)]
pub struct ParkGroup {
    /// Canonical park name; `NO_PARK` for articles with no park.
    pub name: String,
    pub province: Option<String>,
    pub city: Option<String>,
    /// Indexes into `Collection::articles`.
    pub articles: Vec<usize>,
}

/// Something that went wrong with one path; the rest of the collection still loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadWarning {
    pub path: PathBuf,
    pub message: String,
    /// True for a broken or missing file; false for one skipped on purpose (a FIFO, an oversized file).
    pub is_error: bool,
}

impl std::fmt::Display for LoadWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write_path_message(f, &self.path, &self.message)
    }
}

/// `path: message`, both safe to print: file names and messages may hold controls.
fn write_path_message(
    f: &mut std::fmt::Formatter<'_>,
    path: &Path,
    message: &str,
) -> std::fmt::Result {
    write!(
        f,
        "{}: {}",
        escape_for_terminal(&path.display().to_string()),
        escape_for_terminal(message)
    )
}

#[derive(Debug, Clone, Default)]
pub struct Collection {
    pub articles: Vec<Article>,
    pub parks: Vec<ParkGroup>,
    pub warnings: Vec<LoadWarning>,
}

/// Why one file gave no articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub path: PathBuf,
    pub message: String,
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write_path_message(f, &self.path, &self.message)
    }
}

impl std::error::Error for FileError {}

/// Parse one file's bytes as a page (`.txt`, or anything not `.toml`) or TOML articles.
pub fn parse_file_bytes(
    path: &Path,
    bytes: &[u8],
    detail: Detail,
) -> Result<Vec<Article>, FileError> {
    let fail = |message: String| FileError {
        path: path.to_path_buf(),
        message,
    };
    let (text, _encoding) = decode_bytes(bytes).map_err(|e| fail(e.to_string()))?;
    let is_toml = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    if is_toml {
        parse_article_toml(&text, detail).map_err(fail)
    } else {
        Ok(parse_page_with(&text, ParkRegistry::builtin(), detail))
    }
}

/// Read and parse one file, refusing what is not a regular file or too large.
pub fn read_file(path: &Path) -> Result<Vec<Article>, FileError> {
    read_file_with(path, Detail::Full)
}

pub fn read_file_with(path: &Path, detail: Detail) -> Result<Vec<Article>, FileError> {
    let fail = |message: String| FileError {
        path: path.to_path_buf(),
        message,
    };
    let mut file = open_without_blocking(path).map_err(|e| fail(io_message(&e)))?;
    // Checked on the open file, so what is read is what was checked.
    let meta = file.metadata().map_err(|e| fail(io_message(&e)))?;
    if !meta.is_file() {
        return Err(fail("not a regular file".into()));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(fail(format!(
            "{} bytes, over the {} MiB limit",
            meta.len(),
            MAX_FILE_BYTES / 1024 / 1024
        )));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // The cap again: a file may grow after the check.
    file.by_ref()
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(io_message(&e)))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(fail("grew over the size limit while being read".into()));
    }
    parse_file_bytes(path, &bytes, detail)
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

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

fn is_article_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("toml"))
        && path.file_name().and_then(|n| n.to_str()) != Some("parks.toml")
}

impl Collection {
    /// The collection built into the binary (every page and article under data/).
    pub fn builtin() -> Collection {
        let results = builtin::BUILTIN_FILES.iter().map(|(name, bytes)| {
            let path = Path::new("data").join(name);
            let parsed = parse_file_bytes(&path, bytes, Detail::Full);
            (path, parsed)
        });
        Collection::from_results(results, Vec::new())
    }

    /// What a command reads: the paths given, else the configured data paths,
    /// else the built-in collection.
    pub fn open(paths: &[PathBuf], configured: &[PathBuf], detail: Detail) -> Collection {
        if !paths.is_empty() {
            Collection::load_with(paths, detail)
        } else if !configured.is_empty() {
            Collection::load_with(configured, detail)
        } else {
            Collection::builtin()
        }
    }

    /// Load files and folders (recursively; `.txt` pages and `.toml` articles).
    /// Paths named directly are read whatever their extension.
    pub fn load(paths: &[PathBuf]) -> Collection {
        Collection::load_with(paths, Detail::Full)
    }

    /// Load, deriving only what `detail` asks for; files are parsed on every core.
    pub fn load_with(paths: &[PathBuf], detail: Detail) -> Collection {
        let mut files = Vec::new();
        let mut warnings = Vec::new();
        let mut visited = HashSet::new();
        for path in paths {
            collect_files(path, &mut visited, &mut files, &mut warnings);
        }
        let parsed = parse_in_parallel(&files, detail);
        Collection::from_results(files.into_iter().zip(parsed), warnings)
    }

    /// The articles of every file; a file that failed, or gave none, becomes a warning.
    fn from_results(
        results: impl IntoIterator<Item = (PathBuf, Result<Vec<Article>, FileError>)>,
        mut warnings: Vec<LoadWarning>,
    ) -> Collection {
        let mut articles = Vec::new();
        for (path, result) in results {
            match result {
                // Worth a word: an empty or unrelated file named by mistake.
                Ok(list) if list.is_empty() => warnings.push(LoadWarning {
                    path,
                    message: "no articles found".into(),
                    is_error: false,
                }),
                Ok(mut list) => {
                    for article in &mut list {
                        article.source_file = Some(path.clone());
                    }
                    articles.append(&mut list)
                }
                Err(e) => warnings.push(LoadWarning {
                    path: e.path,
                    message: e.message,
                    is_error: true,
                }),
            }
        }
        Collection::from_articles(articles, warnings)
    }

    /// Group articles by park, parks in order of first appearance.
    pub fn from_articles(mut articles: Vec<Article>, warnings: Vec<LoadWarning>) -> Collection {
        assign_unique_ids(&mut articles);
        let registry = ParkRegistry::builtin();
        let mut parks: Vec<ParkGroup> = Vec::new();
        // Group lookup: by exact name first, else by short/full form of the name.
        let mut by_name: HashMap<String, usize> = HashMap::new();
        let mut keys: Vec<Option<(String, &'static str)>> = Vec::new();
        for (i, article) in articles.iter().enumerate() {
            let name = article.park.as_deref().unwrap_or(NO_PARK);
            let group = by_name.get(name).copied().or_else(|| {
                let key = park_key(name).filter(|_| name != NO_PARK)?;
                keys.iter()
                    .position(|k| k.as_ref().is_some_and(|k| same_key(k, &key)))
            });
            match group {
                Some(g) => {
                    let group = &mut parks[g];
                    // Of two forms of one park, the fuller names the group.
                    if name.chars().count() > group.name.chars().count()
                        && registry.lookup(&group.name).is_none()
                    {
                        group.name = name.to_string();
                        keys[g] = park_key(name);
                    }
                    by_name.insert(name.to_string(), g);
                    group.articles.push(i);
                }
                None => {
                    let entry = registry.lookup(name);
                    by_name.insert(name.to_string(), parks.len());
                    keys.push(park_key(name).filter(|_| name != NO_PARK));
                    parks.push(ParkGroup {
                        name: name.to_string(),
                        province: entry.and_then(|p| p.province.clone()),
                        city: entry.and_then(|p| p.city.clone()),
                        articles: vec![i],
                    });
                }
            }
        }
        Collection {
            articles,
            parks,
            warnings,
        }
    }

    pub fn find(&self, id: &str) -> Option<&Article> {
        self.articles.iter().find(|a| a.id == id)
    }

    /// True when some path could not be read at all (not merely skipped).
    pub fn has_errors(&self) -> bool {
        self.warnings.iter().any(|w| w.is_error)
    }
}

/// Read and parse files on every core, results in the files' order. A worker
/// that panics costs only its files, reported as errors.
fn parse_in_parallel(files: &[PathBuf], detail: Detail) -> Vec<Result<Vec<Article>, FileError>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len());
    if threads <= 1 {
        return files.iter().map(|f| read_file_with(f, detail)).collect();
    }
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<Result<Vec<Article>, FileError>>> =
        files.iter().map(|_| None).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(file) = files.get(i) else { break };
                        done.push((i, read_file_with(file, detail)));
                    }
                    done
                })
            })
            .collect();
        for worker in workers {
            for (i, result) in worker.join().unwrap_or_default() {
                results[i] = Some(result);
            }
        }
    });
    results
        .into_iter()
        .zip(files)
        .map(|(result, path)| {
            result.unwrap_or_else(|| {
                Err(FileError {
                    path: path.clone(),
                    message: "internal error while parsing this file".into(),
                })
            })
        })
        .collect()
}

/// Walk a path: folders recursively (pages and TOML articles only), files as named.
fn collect_files(
    path: &Path,
    visited: &mut HashSet<PathBuf>,
    files: &mut Vec<PathBuf>,
    warnings: &mut Vec<LoadWarning>,
) {
    let warn = |warnings: &mut Vec<LoadWarning>, message: String, is_error: bool| {
        warnings.push(LoadWarning {
            path: path.to_path_buf(),
            message,
            is_error,
        })
    };
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return warn(warnings, io_message(&e), true),
    };
    if meta.is_dir() {
        // Symlinked folders can loop: visit each real folder once.
        if let Ok(real) = fs::canonicalize(path) {
            if !visited.insert(real) {
                return;
            }
        }
        let entries = match fs::read_dir(path) {
            Ok(e) => e,
            Err(e) => return warn(warnings, io_message(&e), true),
        };
        let mut children: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        children.sort();
        for child in children {
            let is_dir = fs::metadata(&child).is_ok_and(|m| m.is_dir());
            if is_dir || is_article_file(&child) {
                collect_files(&child, visited, files, warnings);
            }
        }
        return;
    }
    if !meta.is_file() {
        return warn(warnings, "skipped: not a regular file".into(), false);
    }
    if meta.len() > MAX_FILE_BYTES {
        let message = format!(
            "skipped: {} bytes, over the {} MiB limit",
            meta.len(),
            MAX_FILE_BYTES / 1024 / 1024
        );
        return warn(warnings, message, false);
    }
    files.push(path.to_path_buf());
}
