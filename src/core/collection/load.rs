//! Loading a collection: the folders walked, every file parsed (or taken from the
//! index), copies dropped, and the articles put in order.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::files::{
    collect_files, parse_file_bytes, Digest, FileError, FileId, FoundFile, LoadedFile,
};
use super::indexed::{IndexedRun, WRITE_EVERY};
use super::model::{Collection, LoadWarning};
use crate::core::article::Article;
use crate::core::folded_text::FoldedText;
use crate::core::index::IndexPlace;
use crate::core::page::Detail;

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_data.rs"));
}

impl Collection {
    /// The collection built into the binary (every page and article under data/).
    pub fn builtin() -> Collection {
        let results = builtin::BUILTIN_FILES.iter().map(|(name, bytes)| {
            let path = Path::new("data").join(name);
            let loaded = parse_file_bytes(&path, bytes, Detail::Full).map(|articles| LoadedFile {
                articles,
                folded: None,
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
        Collection::from_results(results, 0, Vec::new(), bytes_of)
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
        run.finish(Some(&files), &mut warnings);
        Collection::assemble(files, parsed, warnings)
    }

    /// `load_with` in steps, for a reader that shows its first screen early: files are
    /// parsed a batch at a time and counted in `progress`; once the first
    /// [`PREVIEW_FILES`] are parsed, and more are to come, `preview` gets a collection
    /// of them alone (not yet checked for duplicates). Then `each_step` is given the
    /// files of the step that loaded, with their articles, in the order they are
    /// loaded (a reader folds them for its search and lets their bodies go). With
    /// `Detail::Searchable`, files come folded where the index or their parse could
    /// fold them, and the first step (the preview's) with bodies. Returns what
    /// `load_with` returns, as `each_step` left the articles.
    pub fn load_in_steps(
        place: &IndexPlace,
        paths: &[PathBuf],
        detail: Detail,
        progress: &LoadProgress,
        mut preview: impl FnMut(Collection),
        mut each_step: impl FnMut(Vec<StepFile>),
    ) -> Collection {
        let mut files = Vec::new();
        let mut warnings = Vec::new();
        let mut visited = HashSet::new();
        for path in paths {
            collect_files(path, true, &mut visited, &mut files, &mut warnings);
        }
        progress.files.store(files.len(), Ordering::Relaxed);
        let mut run = IndexedRun::start(place, paths);
        let mut parsed = Vec::with_capacity(files.len());
        while parsed.len() < files.len() {
            let step = if parsed.is_empty() {
                PREVIEW_FILES
            } else {
                STEP_FILES
            };
            let first_step = parsed.is_empty();
            let done_before = parsed.len();
            let end = (parsed.len() + step).min(files.len());
            // The preview shows articles: its pages come with their bodies.
            let step_detail = match detail {
                Detail::Searchable if first_step => Detail::Outline,
                detail => detail,
            };
            parsed.extend(run.parse(&files[parsed.len()..end], step_detail));
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
            let step = files[done_before..end]
                .iter()
                .zip(&mut parsed[done_before..])
                .filter_map(|(file, loaded)| {
                    let loaded = loaded.as_mut().ok()?;
                    Some(StepFile {
                        path: file.path.as_path(),
                        folded: loaded.folded.take(),
                        articles: &mut loaded.articles,
                    })
                })
                .collect();
            each_step(step);
        }
        run.finish(Some(&files), &mut warnings);
        Collection::assemble(files, parsed, warnings)
    }

    /// The collection of the files found and their parses, in order.
    fn assemble(
        files: Vec<FoundFile>,
        parsed: Vec<Result<LoadedFile, FileError>>,
        warnings: Vec<LoadWarning>,
    ) -> Collection {
        let articles: usize = parsed
            .iter()
            .filter_map(|r| r.as_ref().ok())
            .map(|loaded| loaded.articles.len())
            .sum();
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
        Collection::from_results(results, articles, warnings, |path| fs::read(path).ok())
    }

    /// The articles of every file; a file that failed, or gave none, becomes a
    /// warning, and a file loaded before (the same file, or the same bytes) a note;
    /// `articles` is how many they give at most.
    fn from_results(
        results: impl IntoIterator<Item = (PathBuf, Result<LoadedFile, FileError>)>,
        articles: usize,
        mut warnings: Vec<LoadWarning>,
        reread: impl Fn(&Path) -> Option<Vec<u8>>,
    ) -> Collection {
        // Room for them all at once: grown by doubling, the old and the new copy
        // were both held (the top of a reader's memory while loading).
        let mut articles = Vec::with_capacity(articles);
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
            let file: std::sync::Arc<Path> = std::sync::Arc::from(path.as_path());
            for (i, article) in list.iter_mut().enumerate() {
                article.source_file = Some(std::sync::Arc::clone(&file));
                article.in_file = Some(i);
            }
            articles.extend(list);
        }
        Collection::from_articles(articles, warnings)
    }
}

/// One file of a step of `load_in_steps`: its articles, and, when the load folds
/// (`Detail::Searchable`) and its entry or parse gave them, the articles folded.
pub struct StepFile<'a> {
    pub path: &'a Path,
    pub articles: &'a mut Vec<Article>,
    pub folded: Option<FoldedText>,
}

fn duplicate_note(path: PathBuf, what: &str, first: &Path) -> LoadWarning {
    let message = format!("{what} {}: its articles are loaded once", first.display());
    LoadWarning {
        path,
        message,
        is_error: false,
    }
}

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
