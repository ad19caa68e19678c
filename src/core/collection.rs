//! A collection: articles from pages and TOML files, grouped by park.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::article::Article;
use super::dates::date_from_path;
use super::decode::decode_bytes;
use super::extract::charset::decode_document;
use super::extract::extract_html;
use super::figures::{extract_figures, Figure};
use super::ids::{assign_unique_ids, fast_hash};
use super::index::IndexPlace;
use super::page::{parse_page_articles, Detail};
use super::parks::{province_in, ParkKey, ParkRegistry};
use super::sanitize::{escape_for_terminal, sanitize_text};
use super::toml_article::parse_article_toml;

mod indexed;

use indexed::{IndexedRun, WRITE_EVERY};

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
fn parse_content(path: &Path, bytes: &[u8], detail: Detail) -> Result<Vec<Article>, FileError> {
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
fn stamp_with_path(articles: &mut [Article], path: &Path) {
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
enum FileKind {
    Html,
    Toml,
    Page,
}

impl FileKind {
    fn of(path: &Path) -> FileKind {
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
fn read_bytes(path: &Path) -> Result<(Vec<u8>, fs::Metadata), FileError> {
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
struct FileId {
    device: u64,
    inode: u64,
}

impl FileId {
    #[cfg(unix)]
    fn of(meta: &fs::Metadata) -> Option<FileId> {
        use std::os::unix::fs::MetadataExt;
        Some(FileId {
            device: meta.dev(),
            inode: meta.ino(),
        })
    }

    /// Elsewhere the same file is known by its bytes, as any copy is.
    #[cfg(not(unix))]
    fn of(_: &fs::Metadata) -> Option<FileId> {
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
struct LoadedFile {
    articles: Vec<Article>,
    digest: Digest,
    file_id: Option<FileId>,
}

/// Length and a 64-bit hash of a file's bytes; equal digests are confirmed by
/// comparing the bytes before a file is dropped as a copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Digest {
    len: usize,
    hash: u64,
}

impl Digest {
    fn of(bytes: &[u8]) -> Digest {
        Digest {
            len: bytes.len(),
            hash: fast_hash(0, bytes),
        }
    }
}

fn load_file(path: &Path, detail: Detail) -> Result<LoadedFile, FileError> {
    let (bytes, meta) = read_bytes(path)?;
    Ok(LoadedFile {
        articles: parse_file_bytes(path, &bytes, detail)?,
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

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Files a folder walk reads: pages (.txt), articles (.toml) and saved web pages
/// (.html, .htm).
fn is_article_file(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["txt", "toml", "html", "htm"]
            .iter()
            .any(|x| e.eq_ignore_ascii_case(x))
    }) && path.file_name().and_then(|n| n.to_str()) != Some("parks.toml")
}

impl Collection {
    /// The collection built into the binary (every page and article under data/).
    pub fn builtin() -> Collection {
        let results = builtin::BUILTIN_FILES.iter().map(|(name, bytes)| {
            let path = Path::new("data").join(name);
            let loaded = parse_file_bytes(&path, bytes, Detail::Full).map(|articles| LoadedFile {
                articles,
                digest: Digest::of(bytes),
                file_id: None,
            });
            (path, loaded)
        });
        let bytes_of = |path: &Path| {
            builtin::BUILTIN_FILES
                .iter()
                .find(|(name, _)| Path::new("data").join(name) == path)
                .map(|(_, bytes)| bytes.to_vec())
        };
        Collection::from_results(results, Vec::new(), bytes_of)
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

    /// Load, deriving only what `detail` asks for; files are parsed on every core,
    /// or taken from the index where it has them (`IndexPlace::from_env`).
    pub fn load_with(paths: &[PathBuf], detail: Detail) -> Collection {
        Collection::load_indexed(paths, detail, &IndexPlace::from_env())
    }

    /// `load_with`, with the index at `place` (or none).
    pub fn load_indexed(paths: &[PathBuf], detail: Detail, place: &IndexPlace) -> Collection {
        let mut files = Vec::new();
        let mut warnings = Vec::new();
        let mut visited = HashSet::new();
        for path in paths {
            collect_files(path, true, &mut visited, &mut files, &mut warnings);
        }
        let mut run = IndexedRun::start(place, paths);
        let mut parsed = Vec::with_capacity(files.len());
        for batch in files.chunks(WRITE_EVERY) {
            parsed.extend(run.parse(batch, detail));
            run.flush();
        }
        run.finish(&files, &mut warnings);
        Collection::assemble(files, parsed, warnings)
    }

    /// `load_with` in steps, for a reader that shows its first screen early: files are
    /// parsed a batch at a time and counted in `progress`; once the first
    /// [`PREVIEW_FILES`] are parsed, and more are to come, `preview` gets a collection
    /// of them alone (not yet checked for duplicates). Returns what `load_with` returns.
    pub fn load_in_steps(
        paths: &[PathBuf],
        detail: Detail,
        progress: &LoadProgress,
        mut preview: impl FnMut(Collection),
    ) -> Collection {
        let mut files = Vec::new();
        let mut warnings = Vec::new();
        let mut visited = HashSet::new();
        for path in paths {
            collect_files(path, true, &mut visited, &mut files, &mut warnings);
        }
        progress.files.store(files.len(), Ordering::Relaxed);
        let mut run = IndexedRun::start(&IndexPlace::from_env(), paths);
        let mut parsed = Vec::with_capacity(files.len());
        while parsed.len() < files.len() {
            let step = if parsed.is_empty() {
                PREVIEW_FILES
            } else {
                STEP_FILES
            };
            let first_step = parsed.is_empty();
            let end = (parsed.len() + step).min(files.len());
            parsed.extend(run.parse(&files[parsed.len()..end], detail));
            run.flush();
            progress.done.store(parsed.len(), Ordering::Relaxed);
            if first_step && end < files.len() {
                let first = parsed
                    .iter()
                    .filter_map(|r| r.as_ref().ok())
                    .flat_map(|loaded| loaded.articles.iter().cloned())
                    .collect();
                preview(Collection::from_articles(first, warnings.clone()));
            }
        }
        run.finish(&files, &mut warnings);
        Collection::assemble(files, parsed, warnings)
    }

    /// The collection of the files found and their parses, in order.
    fn assemble(
        files: Vec<FoundFile>,
        parsed: Vec<Result<LoadedFile, FileError>>,
        warnings: Vec<LoadWarning>,
    ) -> Collection {
        let results = files.into_iter().zip(parsed).map(|(file, result)| {
            // A file met inside a folder and skipped on purpose is a note; named
            // directly, it is an error.
            let result = result.map_err(|mut e| {
                if e.skipped && !file.named {
                    e.message = format!("skipped: {}", e.message);
                } else {
                    e.skipped = false;
                }
                e
            });
            (file.path, result)
        });
        Collection::from_results(results, warnings, |path| fs::read(path).ok())
    }

    /// The articles of every file; a file that failed, or gave none, becomes a
    /// warning, and a file loaded before (the same file, or the same bytes) a note.
    fn from_results(
        results: impl IntoIterator<Item = (PathBuf, Result<LoadedFile, FileError>)>,
        mut warnings: Vec<LoadWarning>,
        reread: impl Fn(&Path) -> Option<Vec<u8>>,
    ) -> Collection {
        let mut articles = Vec::new();
        let mut by_file: HashMap<FileId, PathBuf> = HashMap::new();
        let mut by_digest: HashMap<Digest, Vec<PathBuf>> = HashMap::new();
        for (path, result) in results {
            let loaded = match result {
                Ok(loaded) => loaded,
                Err(e) => {
                    warnings.push(LoadWarning {
                        path: e.path,
                        is_error: !e.skipped,
                        message: e.message,
                    });
                    continue;
                }
            };
            if let Some(id) = loaded.file_id {
                if let Some(first) = by_file.get(&id) {
                    warnings.push(duplicate_note(path, "the same file as", first));
                    continue;
                }
                by_file.insert(id, path.clone());
            }
            let seen = by_digest.entry(loaded.digest).or_default();
            // Equal digests are compared byte for byte before a page is dropped.
            let copy_of = seen.iter().find(|first| {
                let (a, b) = (reread(first), reread(&path));
                a.is_some() && a == b
            });
            if let Some(first) = copy_of {
                warnings.push(duplicate_note(path, "the same bytes as", first));
                continue;
            }
            seen.push(path.clone());
            if loaded.articles.is_empty() {
                // Worth a word: an empty or unrelated file named by mistake.
                warnings.push(LoadWarning {
                    path,
                    message: "no articles found".into(),
                    is_error: false,
                });
                continue;
            }
            let mut list = loaded.articles;
            for article in &mut list {
                article.source_file = Some(path.clone());
            }
            articles.extend(list);
        }
        Collection::from_articles(articles, warnings)
    }

    /// Order articles newest first (undated ones after, in the order given),
    /// give ids, and group by park, parks in order of their newest article.
    pub fn from_articles(mut articles: Vec<Article>, warnings: Vec<LoadWarning>) -> Collection {
        // Stable: the articles of one page, and undated pages, keep their order.
        articles.sort_by(|a, b| match (a.date, b.date) {
            (Some(a), Some(b)) => b.cmp(&a),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
        assign_unique_ids(&mut articles);
        let registry = ParkRegistry::builtin();
        let mut parks: Vec<ParkGroup> = Vec::new();
        // Group lookup: by exact name first, else by short/full form of the name.
        let mut by_name: HashMap<String, usize> = HashMap::new();
        let mut keys: Vec<Option<ParkKey>> = Vec::new();
        for (i, article) in articles.iter().enumerate() {
            let name = article.park.as_deref().unwrap_or(NO_PARK);
            let group = by_name.get(name).copied().or_else(|| {
                let key = ParkKey::of(name).filter(|_| name != NO_PARK)?;
                keys.iter()
                    .position(|k| k.as_ref().is_some_and(|k| k.same_park(&key)))
            });
            match group {
                Some(g) => {
                    let group = &mut parks[g];
                    // Of two forms of one park, the fuller names the group.
                    if name.chars().count() > group.name.chars().count()
                        && registry.lookup(&group.name).is_none()
                    {
                        group.name = name.to_string();
                        keys[g] = ParkKey::of(name);
                    }
                    by_name.insert(name.to_string(), g);
                    group.articles.push(i);
                }
                None => {
                    let entry = registry.lookup(name);
                    by_name.insert(name.to_string(), parks.len());
                    keys.push(ParkKey::of(name).filter(|_| name != NO_PARK));
                    // Not in the registry: the province the article names before it.
                    let province = match entry {
                        Some(park) => park.province.clone(),
                        None if name == NO_PARK => None,
                        None => province_in(article, name).map(str::to_string),
                    };
                    parks.push(ParkGroup {
                        name: name.to_string(),
                        province,
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

    /// The index in `articles` of the article with this id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.articles.iter().position(|a| a.id == id)
    }

    /// The figures of one article, found now if the collection was loaded
    /// without them (`Detail::Outline`) and kept in the article after.
    /// Finding them again where an article has none costs one scan of its text.
    pub fn figures_of(&mut self, index: usize) -> &[Figure] {
        let Some(article) = self.articles.get_mut(index) else {
            return &[];
        };
        if article.figures.is_empty() {
            article.figures = extract_figures(&article.blocks);
        }
        &article.figures
    }

    /// The figures of every article, found on every core where missing.
    pub fn find_all_figures(&mut self) {
        let all: Vec<usize> = (0..self.articles.len()).collect();
        self.find_figures_of(&all);
    }

    /// The figures of the articles at `indexes` (a park's), found where missing: on
    /// the calling thread for a few, on every core for many.
    pub fn find_figures_of(&mut self, indexes: &[usize]) {
        if indexes.len() < PARALLEL_FIGURES_FROM {
            for &i in indexes {
                self.figures_of(i);
            }
            return;
        }
        let mut wanted = vec![false; self.articles.len()];
        for &i in indexes {
            if let Some(w) = wanted.get_mut(i) {
                *w = true;
            }
        }
        let mut missing: Vec<&mut Article> = self
            .articles
            .iter_mut()
            .zip(wanted)
            .filter(|(a, wanted)| *wanted && a.figures.is_empty())
            .map(|(a, _)| a)
            .collect();
        let threads = worker_count(missing.len());
        let chunk = missing.len().div_ceil(threads).max(1);
        std::thread::scope(|scope| {
            for part in missing.chunks_mut(chunk) {
                scope.spawn(move || {
                    for article in part.iter_mut() {
                        article.figures = extract_figures(&article.blocks);
                    }
                });
            }
        });
    }

    /// True when some path could not be read at all (not merely skipped).
    pub fn has_errors(&self) -> bool {
        self.warnings.iter().any(|w| w.is_error)
    }
}

fn duplicate_note(path: PathBuf, what: &str, first: &Path) -> LoadWarning {
    let message = format!("{what} {}: its articles are loaded once", first.display());
    LoadWarning {
        path,
        message,
        is_error: false,
    }
}

fn worker_count(jobs: usize) -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(jobs)
        .max(1)
}

/// Articles whose figures `Collection::find_figures_of` finds on one thread: fewer
/// than a thread start is worth.
const PARALLEL_FIGURES_FROM: usize = 64;

/// Files parsed before `Collection::load_in_steps` shows a preview.
pub const PREVIEW_FILES: usize = 64;
/// Files parsed per step after that, between two progress counts.
const STEP_FILES: usize = 256;

/// How far `Collection::load_in_steps` has got; read from another thread while it runs.
#[derive(Debug, Default)]
pub struct LoadProgress {
    /// Files to read, known once the folders are walked (0 before).
    pub files: AtomicUsize,
    /// Files read and parsed so far.
    pub done: AtomicUsize,
}

/// A file found by the walk; `named` when the user gave its path itself.
struct FoundFile {
    path: PathBuf,
    named: bool,
}

/// Read and parse files on every core, results in the files' order.
fn parse_in_parallel(files: &[FoundFile], detail: Detail) -> Vec<Result<LoadedFile, FileError>> {
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
fn each_file_guarded_with<S, T: Send>(
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

/// Walk a path: folders recursively (pages and TOML articles only), files as
/// named. Files are not opened here: the workers check and read them.
fn collect_files(
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
    let mut children: Vec<(PathBuf, bool)> = entries
        .filter_map(Result::ok)
        .map(|entry| {
            let path = entry.path();
            // The entry's own type costs no stat; a symlink is followed to see.
            let is_dir = match entry.file_type() {
                Ok(t) if t.is_symlink() => fs::metadata(&path).is_ok_and(|m| m.is_dir()),
                Ok(t) => t.is_dir(),
                Err(_) => false,
            };
            (path, is_dir)
        })
        .collect();
    children.sort();
    for (child, is_dir) in children {
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
