//! Loading through the index (`core::index`): each file is taken from its entry
//! when the entry is for this very file, else read, parsed and given a new entry.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use super::files::{
    each_file_guarded_with, load_file, parse_content, parse_in_parallel, read_bytes,
    stamp_with_path, Digest, FileError, FileId, FileKind, FoundFile, LoadedFile, MAX_FILE_BYTES,
};
use super::model::LoadWarning;
use crate::core::article::Figures;
use crate::core::dates::date_from_path;
use crate::core::folded_text::FoldedText;
use crate::core::index::{
    encode, says_broken, Entry, FileStamp, Held, Index, IndexPlace, IndexReader, Wanted,
    PARSER_VERSION,
};
use crate::core::page::{let_go_of_body, Detail};

/// Files parsed between two writes to the index: bounds the entries held in memory.
pub(super) const WRITE_EVERY: usize = 1024;

/// One load's use of the index: the index (if any), the entries made and not yet
/// written, and what the run found wrong with the index.
pub(super) struct IndexedRun {
    /// Where the index is (notes name it), and the index if it could be opened.
    place: PathBuf,
    index: Option<Index>,
    /// A batch of entries being written beside the next batch's parsing; it hands
    /// the index back, with what the write gave.
    writing: Option<std::thread::JoinHandle<(Index, rusqlite::Result<()>)>>,
    workers: Workers,
    /// The folders named, as keys with a final separator: their entries for files
    /// no longer there are forgotten.
    roots: Vec<Vec<u8>>,
    notes: Vec<String>,
}

impl IndexedRun {
    pub(super) fn start(place: &IndexPlace, paths: &[PathBuf]) -> IndexedRun {
        let (index, note) = match place.path() {
            Some(path) => Index::open(path),
            None => (None, None),
        };
        let roots: Vec<Vec<u8>> = paths
            .iter()
            .filter(|p| p.is_dir())
            .filter_map(|p| index_key(p))
            .map(|mut key| {
                if key.last() != Some(&b'/') {
                    key.push(b'/');
                }
                key
            })
            .collect();
        // Folders of which nothing is indexed yet (a first run over them) are parsed
        // without a look-up per file; files named alone are always looked up.
        let named_files = paths.iter().any(|p| !p.is_dir());
        let looks_up = index
            .as_ref()
            .is_some_and(|i| named_files || i.holds_any_under(&roots));
        IndexedRun {
            place: place.path().map(Path::to_path_buf).unwrap_or_default(),
            index,
            writing: None,
            workers: Workers {
                broken: AtomicBool::new(false),
                fresh: Mutex::new(Vec::new()),
                looks_up,
            },
            roots,
            notes: note.into_iter().collect(),
        }
    }

    /// Load `files` on every core, from the index where it can be.
    pub(super) fn parse(
        &self,
        files: &[FoundFile],
        detail: Detail,
    ) -> Vec<Result<LoadedFile, FileError>> {
        if self.index.is_none() && self.writing.is_none() {
            return parse_in_parallel(files, detail);
        }
        let at = self.place.as_path();
        let workers = &self.workers;
        each_file_guarded_with(
            files,
            || IndexReader::open(at),
            |reader, path| workers.load_one(reader, path, detail),
        )
    }
}

/// What the workers share: entries made, and whether the index was found damaged.
struct Workers {
    /// Set by a worker that found the index damaged while reading it.
    broken: AtomicBool,
    fresh: Mutex<Vec<Entry>>,
    /// False when the index holds nothing under the folders loaded: no file is looked up.
    looks_up: bool,
}

impl Workers {
    fn load_one(
        &self,
        reader: &mut Option<IndexReader>,
        path: &Path,
        detail: Detail,
    ) -> Result<LoadedFile, FileError> {
        let Some(key) = index_key(path) else {
            return load_file(path, detail);
        };
        match self.reuse(reader, &key, path, detail) {
            Ok(found) => Ok(found),
            Err(held) => self.parse_and_keep(key, path, detail, held),
        }
    }

    /// The file from its entry, if the entry is for this very file; else what
    /// the file's entry holds.
    fn reuse(
        &self,
        reader: &mut Option<IndexReader>,
        key: &[u8],
        path: &Path,
        detail: Detail,
    ) -> Result<LoadedFile, Held> {
        let none = Held::default();
        if !self.looks_up || self.broken.load(Ordering::Relaxed) {
            return Err(none);
        }
        let meta = fs::metadata(path).map_err(|_| none)?;
        // What is no regular file, or too large, is refused by reading it.
        if !meta.is_file() || meta.len() > MAX_FILE_BYTES {
            return Err(none);
        }
        let stamp = FileStamp::of(&meta).ok_or(none)?;
        let wanted = Wanted {
            bodies: detail.keeps_body() && !detail.folds(),
            figures: detail.finds_figures(),
            search_text: detail.folds(),
        };
        let found = reader
            .as_mut()
            .ok_or(none)?
            .reuse(key, &stamp, PARSER_VERSION, wanted);
        let reused = match found {
            Ok(reused) => reused?,
            Err(e) => {
                if says_broken(&e) {
                    self.broken.store(true, Ordering::Relaxed);
                }
                *reader = None;
                return Err(none);
            }
        };
        let mut articles = reused.articles;
        let folded = match reused.search_text {
            Some(units) => Some(FoldedText::decode(&units, articles.len()).ok_or(none)?),
            None => None,
        };
        stamp_with_path(&mut articles, path);
        Ok(LoadedFile {
            articles,
            folded,
            digest: Digest {
                len: usize::try_from(reused.digest_len).map_err(|_| none)?,
                hash: reused.digest_hash as u64,
            },
            file_id: FileId::of(&meta),
        })
    }

    /// Read and parse the file, keeping a new entry for it: parsed for what
    /// `detail` asks and what its old entry held (so that `list` after `figures`
    /// does not drop the figures), then made what `detail` asks for.
    fn parse_and_keep(
        &self,
        key: Vec<u8>,
        path: &Path,
        detail: Detail,
        held: Held,
    ) -> Result<LoadedFile, FileError> {
        // Taken before the file is opened: a change after it is never missed.
        let written_ns = now_ns();
        let (bytes, meta) = read_bytes(path)?;
        let keep_bodies = detail.keeps_body() || held.bodies;
        // A TOML article may carry figures of its own, which only a parse that finds
        // none keeps: it is parsed for figures only when they are asked for.
        let find_figures =
            detail.finds_figures() || (held.figures && FileKind::of(path) != FileKind::Toml);
        let kept = detail_of(keep_bodies, find_figures);
        let mut articles = parse_content(path, &bytes, kept)?;
        let digest = Digest::of(&bytes);
        // Figures written by hand are kept by a parse that finds none; the index
        // keeps only figures found, so such a file is not indexed.
        let hand_figures = !find_figures && articles.iter().any(|a| !a.figures.is_empty());
        let stamp = FileStamp::of(&meta).filter(|_| !hand_figures);
        if let (Some(stamp), Some(written_ns)) = (stamp, written_ns) {
            let (outline, bodies, figures) = encode(&articles, keep_bodies, find_figures);
            let entry = Entry {
                stamp,
                written_ns,
                digest_len: i64::try_from(digest.len).unwrap_or(i64::MAX),
                digest_hash: digest.hash as i64,
                path_date: std::path::absolute(path)
                    .ok()
                    .and_then(|p| date_from_path(&p))
                    .map(|d| d.to_string()),
                file_name: path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                key,
                outline,
                bodies,
                figures,
                // The articles folded for search go with their bodies. (A load that
                // folds folds them again once the step is in: a step's folded texts
                // held twice, here and there, until written, cost more than folding.)
                search_text: keep_bodies
                    .then(|| FoldedText::of_articles(&articles).encode())
                    .flatten(),
            };
            if let Ok(mut fresh) = self.fresh.lock() {
                fresh.push(entry);
            }
        }
        if keep_bodies && !detail.keeps_body() {
            articles.iter_mut().for_each(let_go_of_body);
        }
        if find_figures && !detail.finds_figures() {
            articles
                .iter_mut()
                .for_each(|a| a.figures = Figures::NotScanned);
        }
        stamp_with_path(&mut articles, path);
        Ok(LoadedFile {
            articles,
            folded: None,
            digest,
            file_id: FileId::of(&meta),
        })
    }
}

impl IndexedRun {
    /// Write the entries made so far. A damaged index is set aside first and a
    /// new one made; a write that fails (another run holds the index too long, a
    /// full disk) leaves the index as it was: the files are still read.
    ///
    /// The entries are written on a thread of their own while the caller goes on
    /// parsing (SQLite's writes otherwise leave the other cores idle); the next
    /// flush, or `finish`, waits for it first.
    pub(super) fn flush(&mut self) {
        self.wait_for_write();
        self.set_aside_if_broken();
        let entries = match self.workers.fresh.lock() {
            Ok(mut fresh) => std::mem::take(&mut *fresh),
            Err(_) => return,
        };
        if entries.is_empty() {
            return;
        }
        if let Some(mut index) = self.index.take() {
            self.writing = Some(std::thread::spawn(move || {
                let written = index.write(&entries, PARSER_VERSION, &[]);
                (index, written)
            }));
        }
    }

    /// Take the index back from the write under way, if any; a write that found it
    /// damaged has it set aside.
    fn wait_for_write(&mut self) {
        let Some(writing) = self.writing.take() else {
            return;
        };
        // A writer that panicked took the index with it: no index for the rest.
        if let Ok((index, written)) = writing.join() {
            self.index = Some(index);
            if written.as_ref().is_err_and(says_broken) {
                self.workers.broken.store(true, Ordering::Relaxed);
            }
        }
        self.set_aside_if_broken();
    }

    fn set_aside_if_broken(&mut self) {
        if !self.workers.broken.swap(false, Ordering::Relaxed) {
            return;
        }
        if let Some(index) = self.index.take() {
            let (index, note) = index.set_aside_and_reopen("it is damaged");
            self.index = index;
            self.notes.extend(note);
        }
    }

    /// Forget the entries of files under the named folders that are not among
    /// `files` (the walk's, when given), and hand over the notes.
    pub(super) fn finish(mut self, files: Option<&[FoundFile]>, warnings: &mut Vec<LoadWarning>) {
        self.flush();
        self.wait_for_write();
        if let (Some(index), Some(files)) = (&mut self.index, files) {
            if !self.roots.is_empty() {
                let found: HashSet<Vec<u8>> =
                    files.iter().filter_map(|f| index_key(&f.path)).collect();
                if let Ok(gone) = index.gone_under(&self.roots, &found) {
                    if !gone.is_empty() {
                        let _ = index.write(&[], PARSER_VERSION, &gone);
                    }
                }
            }
        }
        for note in self.notes {
            warnings.push(LoadWarning {
                path: self.place.clone(),
                message: note,
                is_error: false,
            });
        }
    }
}

/// The detail that keeps the body and finds the figures as asked.
fn detail_of(keep_bodies: bool, find_figures: bool) -> Detail {
    match (keep_bodies, find_figures) {
        (true, true) => Detail::Full,
        (true, false) => Detail::Outline,
        (false, true) => Detail::Figures,
        (false, false) => Detail::Titles,
    }
}

/// The index's key of a path: its absolute form's bytes (unix only).
#[cfg(unix)]
fn index_key(path: &Path) -> Option<Vec<u8>> {
    use std::os::unix::ffi::OsStrExt;
    std::path::absolute(path)
        .ok()
        .map(|p| p.as_os_str().as_bytes().to_vec())
}

#[cfg(not(unix))]
fn index_key(_: &Path) -> Option<Vec<u8>> {
    None
}

fn now_ns() -> Option<i64> {
    let since = SystemTime::now().duration_since(UNIX_EPOCH).ok()?;
    i64::try_from(since.as_nanos()).ok()
}
