//! Whole-load entries: what the reader's load (`searchable::load_searchable`) gave
//! over a set of files, given again while none of them changed (docs/index.md).
//!
//! A warm reader over an archive would otherwise look every file up in the index,
//! decode its outline, copy its folded text into a new search text and put the
//! collection together again: all to hold what it held last time. Here, as for the
//! commands' entries (`outputs`), the folders are walked and every file stat'ed,
//! and when the listing, the paths as given (and the working folder, for relative
//! ones) and the parser's version are all those of the entry, the entry is the load.
//!
//! The pipeline:
//! 1. `open` reads the entry named by the paths (see above) on one core
//!    while it walks the files and stats them on the others (`outputs::header`);
//!    an entry that is whole and was made from this very listing, well after its
//!    newest file changed (git's racy rule), is a hit;
//! 2. else the load folds its search text into a new file beside the entries
//!    (`Pending::builder`, named `.new-PID-NS`), and `Pending::finish` writes the
//!    collection's outlines, the search index's other parts and the listing after
//!    the text, then renames the file into place;
//! 3. a hit's search text is that file's first bytes, scanned where it lies.
//!
//! An entry: the search text (UTF-16LE), then the outlines and the index's parts
//! (`encode`), the listing, and a trailer of lengths, the time the load began, a
//! hash of the outlines and listing, and a mark. The text is not hashed (it is
//! most of the entry, and a damaged byte in it only misses or finds a match);
//! everything else is checked before a byte of it is used. At most
//! [`KEEP_ENTRIES`] are kept, the newest.

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use super::article::{Article, BodySummary, Byline, Figures};
use super::binary::{path_bytes, path_of, Out};
use super::collection::{Collection, LoadWarning, ParkGroup};
use super::dates::PageDate;
use super::folded_text::Segment;
use super::ids::fast_hash;
use super::index::{IndexPlace, PARSER_VERSION, RACY_MARGIN_NS};
use super::outputs::{drop_oldest, header, now_ns, Hasher};
use super::parks::PROVINCES;
use super::search::{SearchBuilder, SearchIndex};

/// Entries kept: one for each set of folders the reader is opened on.
pub const KEEP_ENTRIES: usize = 4;

/// Bytes the entries may take together, beyond the newest: an entry is about 1.3×
/// its archive's search text (270 MB over 20,000 pages).
pub const KEEP_BYTES: u64 = 1 << 30;

/// Marks the end of an entry of this layout.
const MAGIC: &[u8; 8] = b"yqload01";

/// The fixed end: four lengths and numbers, the hash, and `MAGIC`.
const TRAILER_LEN: usize = 5 * 8 + MAGIC.len();

/// What `open` found.
pub enum Opened {
    /// The entry of these very files: the load's collection and search index.
    Hit(Collection, SearchIndex),
    /// No entry to use; the entry a load of them may write, when one may be.
    Miss(Option<Pending>),
}

/// The entry a load is making: its search text goes to `aside`, which `finish`
/// completes and renames to `entry`.
pub struct Pending {
    dir: PathBuf,
    aside: PathBuf,
    entry: PathBuf,
    header: Vec<u8>,
    written_ns: i64,
    /// The index's own path: a load that set a broken index aside said so in a
    /// warning, which is said once, not kept.
    index_db: PathBuf,
}

/// The entry for loading `paths` (from the working folder, if relative), beside
/// the index at `place`, read when it is for these very files. Without an index
/// folder, or where the files cannot be listed, a miss with nothing to write.
pub fn open(place: &IndexPlace, paths: &[PathBuf]) -> Opened {
    let Some(db) = place.path() else {
        return Opened::Miss(None);
    };
    // Taken before any file is looked at: a change after it is never missed.
    let Some(written_ns) = now_ns() else {
        return Opened::Miss(None);
    };
    // The working folder only where a path is relative: the same folders named
    // absolutely from anywhere are one entry (each is the size of their text).
    let relative = paths.iter().any(|p| p.is_relative());
    let cwd = relative.then(std::env::current_dir).and_then(Result::ok);
    let key = format!("reader\n{cwd:?}\n{paths:?}");
    let dir = db.with_file_name("loads");
    let name = fast_hash(fast_hash(2, PARSER_VERSION.as_bytes()), key.as_bytes());
    let entry = dir.join(format!("{name:016x}"));
    // The entry is decoded on one core while the files are listed on the others
    // (each about half a warm load); a listing not the entry's stops the decoding.
    let stored = EntryFile::open(&entry);
    let stop = AtomicBool::new(false);
    let (listing, decoded) = std::thread::scope(|scope| {
        let decoding = (stored.as_ref()).map(|e| scope.spawn(|| e.decode(&stop)));
        let listing = header(key.as_bytes(), paths);
        let same = |e: &EntryFile| listing.as_ref().is_some_and(|(h, _)| *h == e.header);
        if !stored.as_ref().is_some_and(same) {
            stop.store(true, Ordering::Relaxed);
        }
        (listing, decoding.and_then(|d| d.join().ok().flatten()))
    });
    let Some((header, newest_ns)) = listing else {
        return Opened::Miss(None);
    };
    if newest_ns.saturating_add(RACY_MARGIN_NS) >= written_ns {
        // A file that young may change again within its mtime's tick: no entry.
        return Opened::Miss(None);
    }
    let fresh = stored.is_some_and(|e| e.made_from(&header, newest_ns));
    if let Some((collection, search)) = decoded.filter(|_| fresh) {
        return Opened::Hit(collection, search);
    }
    let pending = fs::create_dir_all(&dir).ok().map(|()| Pending {
        aside: dir.join(format!(".new-{}-{written_ns}", std::process::id())),
        dir,
        entry,
        header,
        written_ns,
        index_db: db.to_path_buf(),
    });
    Opened::Miss(pending)
}

impl Pending {
    /// A search builder whose text goes into the entry; `None` where the file
    /// cannot be made.
    pub fn builder(&self) -> Option<SearchBuilder> {
        SearchBuilder::in_named_file(&self.aside)
    }

    /// Complete the entry with what the load gave and put it in place, when the
    /// load's text is the entry's text (not one kept in memory after the disk
    /// filled) and the collection is as a load leaves it; else drop it.
    pub fn finish(self, collection: &Collection, search: &SearchIndex) {
        let said_index = (collection.warnings.iter()).any(|w| w.path == self.index_db);
        if said_index || self.complete(collection, search).is_none() {
            let _ = fs::remove_file(&self.aside);
            return;
        }
        drop_oldest(&self.dir, KEEP_ENTRIES, KEEP_BYTES);
    }

    fn complete(&self, collection: &Collection, search: &SearchIndex) -> Option<()> {
        if !search.is_in_file() {
            return None;
        }
        let mut file = fs::OpenOptions::new().append(true).open(&self.aside).ok()?;
        let text_len = search.len() as u64;
        if file.metadata().ok()?.len() != text_len {
            return None;
        }
        let meta = encode(collection, search)?;
        let mut hasher = Hasher::default();
        hasher.update(&meta);
        hasher.update(&self.header);
        let trailer = [
            text_len,
            meta.len() as u64,
            self.header.len() as u64,
            self.written_ns as u64,
            hasher.finish(),
        ];
        let mut end: Vec<u8> = trailer.iter().flat_map(|n| n.to_le_bytes()).collect();
        end.extend_from_slice(MAGIC);
        // Written in turn, not joined: the outlines alone are 57 MB over 20,000 pages.
        for part in [&meta, &self.header, &end] {
            file.write_all(part).ok()?;
        }
        fs::rename(&self.aside, &self.entry).ok()
    }
}

impl Drop for Pending {
    /// A load that ended without finishing (a panic) leaves no half entry.
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.aside);
    }
}

/// An entry opened, its trailer and listing read.
struct EntryFile {
    file: File,
    text_len: u64,
    meta_len: u64,
    /// The listing it was made from, and when that load began.
    header: Vec<u8>,
    written_ns: i64,
    hash: u64,
}

impl EntryFile {
    /// The entry at `path`, if it is whole as its trailer tells.
    fn open(path: &Path) -> Option<EntryFile> {
        // Not a regular file (a FIFO put there would block the open): not an entry.
        if !fs::metadata(path).ok()?.is_file() {
            return None;
        }
        let mut file = File::open(path).ok()?;
        let len = file.metadata().ok()?.len();
        let mut raw = [0u8; TRAILER_LEN];
        file.seek(SeekFrom::Start(len.checked_sub(TRAILER_LEN as u64)?))
            .ok()?;
        file.read_exact(&mut raw).ok()?;
        if &raw[TRAILER_LEN - MAGIC.len()..] != MAGIC {
            return None;
        }
        let n = |i: usize| u64::from_le_bytes(raw[i * 8..i * 8 + 8].try_into().unwrap_or_default());
        let (text_len, meta_len, header_len) = (n(0), n(1), n(2));
        let whole = text_len
            .checked_add(meta_len)?
            .checked_add(header_len)?
            .checked_add(TRAILER_LEN as u64);
        if whole != Some(len) {
            return None;
        }
        let mut header = vec![0u8; usize::try_from(header_len).ok()?];
        file.seek(SeekFrom::Start(text_len + meta_len)).ok()?;
        file.read_exact(&mut header).ok()?;
        Some(EntryFile {
            file,
            text_len,
            meta_len,
            header,
            written_ns: n(3) as i64,
            hash: n(4),
        })
    }

    /// Whether it was made from the listing `header`, well after the newest file
    /// in it changed.
    fn made_from(&self, header: &[u8], newest_ns: i64) -> bool {
        self.header == header && newest_ns.saturating_add(RACY_MARGIN_NS) < self.written_ns
    }

    /// The load it holds, if its hash holds; `None` too once `stop` is set.
    /// Decoded as it is read and hashed: no copy of it all is held in memory.
    fn decode(&self, stop: &AtomicBool) -> Option<(Collection, SearchIndex)> {
        let mut file = self.file.try_clone().ok()?;
        file.seek(SeekFrom::Start(self.text_len)).ok()?;
        let mut hasher = Hasher::default();
        let hashed = Hashed {
            inner: (&file).take(self.meta_len),
            hasher: &mut hasher,
        };
        let mut input = In {
            reader: std::io::BufReader::with_capacity(1 << 20, hashed),
            left: self.meta_len,
            stop: Some(stop),
        };
        let decoded = decode(&mut input);
        let read_whole = input.left == 0;
        drop(input);
        hasher.update(&self.header);
        let (collection, parts) = decoded.filter(|_| read_whole && hasher.finish() == self.hash)?;
        let text_len = usize::try_from(self.text_len).ok()?;
        let search = parts.into_index(file, text_len, collection.articles.len())?;
        Some((collection, search))
    }
}

/// Reads through to `inner`, hashing what it reads.
struct Hashed<'h, R> {
    inner: R,
    hasher: &'h mut Hasher,
}

impl<R: Read> Read for Hashed<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

/// A search index's parts as decoded, before its text is known to fit them.
struct Parts {
    pair_ends: Vec<usize>,
    segments: Vec<Segment>,
    rank: Vec<u32>,
}

impl Parts {
    fn into_index(self, file: File, text_len: usize, articles: usize) -> Option<SearchIndex> {
        SearchIndex::from_parts(
            file,
            text_len,
            self.pair_ends,
            self.segments,
            self.rank,
            articles,
        )
    }
}

/// The outlines of `collection` and the parts of `search`, as `decode` reads them;
/// `None` for a collection that is not as a load leaves it (a body or figures held,
/// a byline's names parsed), which an entry could not give back the same.
fn encode(collection: &Collection, search: &SearchIndex) -> Option<Vec<u8>> {
    let mut out = Out(Vec::with_capacity(160 * collection.articles.len()));
    let mut files: HashMap<&Path, u32> = HashMap::new();
    let mut file_list: Vec<&Path> = Vec::new();
    for article in &collection.articles {
        if let Some(path) = article.source_file.as_deref() {
            files.entry(path).or_insert_with(|| {
                file_list.push(path);
                (file_list.len() - 1) as u32
            });
        }
    }
    out.count(file_list.len());
    file_list.iter().for_each(|p| out.bytes(path_bytes(p)));
    out.count(collection.articles.len());
    for article in &collection.articles {
        let source_file = article.source_file.as_deref().map(|p| files[p]);
        put_article(&mut out, article, source_file)?;
    }
    out.count(collection.parks.len());
    for park in &collection.parks {
        out.str(&park.name);
        out.opt_str(park.province.as_deref());
        out.opt_str(park.city.as_deref());
        out.count(park.articles.len());
        park.articles.iter().for_each(|&a| out.u32(a as u32));
    }
    out.count(collection.warnings.len());
    for warning in &collection.warnings {
        out.bytes(path_bytes(&warning.path));
        out.str(&warning.message);
        out.u8(u8::from(warning.is_error));
    }
    let (pair_ends, segments, rank) = search.parts();
    out.count(pair_ends.len());
    pair_ends.iter().for_each(|&p| out.u64(p as u64));
    out.count(segments.len());
    for segment in segments {
        out.u64(segment.start as u64);
        out.u32(segment.article);
        out.u32(segment.part);
    }
    out.count(rank.len());
    rank.iter().for_each(|&r| out.u32(r));
    Some(out.0)
}

/// No source file, or no place in it.
const NONE: u32 = u32::MAX;

/// Bytes of the shortest article `put_article` writes (every string empty).
const MIN_ARTICLE_BYTES: usize = 5 * 8 + 9 + 2 * 4;

fn put_article(out: &mut Out, a: &Article, source_file: Option<u32>) -> Option<()> {
    let names = &a.byline;
    let parsed_names = !names.reporters.is_empty()
        || !names.correspondents.is_empty()
        || !names.interns.is_empty();
    if !a.blocks.is_empty() || a.figures.are_found() || parsed_names {
        return None;
    }
    out.str(&a.id);
    out.str(&a.title);
    for s in [&a.kicker, &a.subtitle, &a.column, &a.park] {
        out.opt_str(s.as_deref());
    }
    out.str(&a.byline.raw);
    out.u8(u8::from(a.truncated));
    out.date(a.date);
    out.opt_str(a.page.as_deref());
    out.opt_str(a.url.as_deref());
    out.str(&a.source);
    out.u32(source_file.unwrap_or(NONE));
    out.u32(a.in_file.map_or(NONE, |i| u32::try_from(i).unwrap_or(NONE)));
    match a.body_summary {
        Some(summary) => {
            out.u8(1);
            out.u64(summary.text_hash);
            out.opt_str(summary.province);
        }
        None => out.u8(0),
    }
    Some(())
}

/// What `encode` gave: the collection and its search index's parts; `None` where
/// anything is not what `encode` writes.
fn decode(input: &mut In<'_, impl Read>) -> Option<(Collection, Parts)> {
    let files: Vec<Arc<Path>> = (0..input.count()?)
        .map(|_| Some(Arc::from(path_of(&input.byte_vec()?).as_path())))
        .collect::<Option<_>>()?;
    let article_count = input.count()?;
    // Room for as many as the bytes left could hold (a damaged count asks no more).
    let room = usize::try_from(input.left).unwrap_or(usize::MAX) / MIN_ARTICLE_BYTES;
    let mut articles = Vec::with_capacity(article_count.min(room));
    for _ in 0..article_count {
        articles.push(get_article(input, &files)?);
    }
    let parks = (0..input.count()?)
        .map(|_| {
            let (name, province, city) = (input.str()?, input.opt_str()?, input.opt_str()?);
            let members = (0..input.count()?)
                .map(|_| Some(input.u32()? as usize).filter(|&a| a < article_count))
                .collect::<Option<_>>()?;
            Some(ParkGroup {
                name,
                province,
                city,
                articles: members,
            })
        })
        .collect::<Option<_>>()?;
    let warnings = (0..input.count()?)
        .map(|_| {
            Some(LoadWarning {
                path: path_of(&input.byte_vec()?),
                message: input.str()?,
                is_error: input.u8()? == 1,
            })
        })
        .collect::<Option<_>>()?;
    // Millions of segments over a large archive: read as records, a block at a time.
    let n = input.count()?;
    let pair_ends = input.records(n, |r: [u8; 8]| usize::try_from(u64::from_le_bytes(r)).ok())?;
    let n = input.count()?;
    let segments = input.records(n, |r: [u8; 16]| {
        let word = |i: usize| r[i..i + 4].try_into().map(u32::from_le_bytes).ok();
        let start = u64::from_le_bytes(r[..8].try_into().ok()?);
        Some(Segment {
            start: usize::try_from(start).ok()?,
            article: word(8)?,
            part: word(12)?,
        })
    })?;
    let n = input.count()?;
    let rank = input.records(n, |r: [u8; 4]| Some(u32::from_le_bytes(r)))?;
    let collection = Collection {
        articles,
        parks,
        warnings,
    };
    let parts = Parts {
        pair_ends,
        segments,
        rank,
    };
    Some((collection, parts))
}

fn get_article(input: &mut In<'_, impl Read>, files: &[Arc<Path>]) -> Option<Article> {
    let mut a = Article::new(input.str()?, input.str()?);
    a.kicker = input.opt_str()?;
    a.subtitle = input.opt_str()?;
    a.column = input.opt_str()?;
    a.park = input.opt_str()?;
    a.byline = Byline {
        raw: input.str()?,
        ..Byline::default()
    };
    a.truncated = input.u8()? == 1;
    a.date = match input.u8()? {
        0 => None,
        _ => {
            let (year, month, day) = (input.u32()?, input.u8()?, input.u8()?);
            Some(PageDate {
                year: u16::try_from(year).ok()?,
                month,
                day: (day != 0).then_some(day),
            })
        }
    };
    a.page = input.opt_str()?;
    a.url = input.opt_str()?;
    a.source = input.str()?;
    a.source_file = match input.u32()? {
        NONE => None,
        i => Some(Arc::clone(files.get(i as usize)?)),
    };
    a.in_file = match input.u32()? {
        NONE => None,
        i => Some(i as usize),
    };
    a.body_summary = match input.u8()? {
        0 => None,
        _ => {
            let text_hash = input.u64()?;
            let province = match input.opt_str()? {
                None => None,
                Some(p) => Some(PROVINCES.iter().copied().find(|q| *q == p)?),
            };
            Some(BodySummary {
                text_hash,
                province,
            })
        }
    };
    a.figures = Figures::NotScanned;
    Some(a)
}

/// Bytes of records read at once (see `In::records`).
const RECORD_BLOCK: usize = 64 << 10;

/// Reads what `Out` wrote, from the `left` bytes `reader` has; `None` past them or
/// on bytes that are not that.
struct In<'s, R> {
    reader: R,
    left: u64,
    /// Set when what is decoded is no longer wanted.
    stop: Option<&'s AtomicBool>,
}

impl<R: Read> In<'_, R> {
    fn fill(&mut self, buf: &mut [u8]) -> Option<()> {
        if self.stop.is_some_and(|s| s.load(Ordering::Relaxed)) {
            return None;
        }
        self.left = self.left.checked_sub(buf.len() as u64)?;
        self.reader.read_exact(buf).ok()
    }
    fn u8(&mut self) -> Option<u8> {
        let mut b = [0u8; 1];
        self.fill(&mut b)?;
        Some(b[0])
    }
    fn u32(&mut self) -> Option<u32> {
        let mut b = [0u8; 4];
        self.fill(&mut b)?;
        Some(u32::from_le_bytes(b))
    }
    fn u64(&mut self) -> Option<u64> {
        let mut b = [0u8; 8];
        self.fill(&mut b)?;
        Some(u64::from_le_bytes(b))
    }
    /// A count of things still to come: never more than the bytes left, so a
    /// damaged count cannot ask for a huge allocation.
    fn count(&mut self) -> Option<usize> {
        let n = self.u64()?;
        usize::try_from(n).ok().filter(|_| n <= self.left)
    }
    /// `n` records of `N` bytes, each made by `make`, read a block at a time.
    fn records<const N: usize, T>(
        &mut self,
        n: usize,
        make: impl Fn([u8; N]) -> Option<T>,
    ) -> Option<Vec<T>> {
        let mut left = n.checked_mul(N).filter(|&b| b as u64 <= self.left)?;
        let mut out = Vec::with_capacity(n);
        let mut block = vec![0u8; (RECORD_BLOCK / N).max(1) * N];
        while left > 0 {
            let take = left.min(block.len());
            self.fill(&mut block[..take])?;
            for record in block[..take].chunks_exact(N) {
                out.push(make(record.try_into().ok()?)?);
            }
            left -= take;
        }
        Some(out)
    }

    fn byte_vec(&mut self) -> Option<Vec<u8>> {
        let mut bytes = vec![0u8; self.count()?];
        self.fill(&mut bytes)?;
        Some(bytes)
    }
    fn str(&mut self) -> Option<String> {
        String::from_utf8(self.byte_vec()?).ok()
    }
    fn opt_str(&mut self) -> Option<Option<String>> {
        match self.u8()? {
            0 => Some(None),
            1 => self.str().map(Some),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::reading_order::ReadingOrder;

    /// A collection as a load leaves it (outlines, no bodies), its search index,
    /// and a file holding its text.
    fn loaded() -> (Collection, SearchIndex, File) {
        let mut collection = Collection::builtin();
        let search = SearchIndex::build(&collection, &ReadingOrder::new(&collection));
        let file_path: Arc<Path> = Arc::from(Path::new("/archive/2024-07-30.txt"));
        for (i, a) in collection.articles.iter_mut().enumerate() {
            a.blocks.clear();
            a.figures = Figures::NotScanned;
            a.byline = Byline {
                raw: std::mem::take(&mut a.byline.raw),
                ..Byline::default()
            };
            a.source_file = Some(Arc::clone(&file_path));
            a.in_file = Some(i);
            a.body_summary = Some(BodySummary {
                text_hash: i as u64 * 7919,
                province: PROVINCES.get(i).copied(),
            });
        }
        collection.warnings.push(LoadWarning {
            path: PathBuf::from("/archive/empty.txt"),
            message: "no articles found".into(),
            is_error: false,
        });
        let dir = crate::private_folder::test_folder("entry-bytes");
        let text = dir.join("text");
        fs::write(&text, vec![0u8; search.len()]).unwrap();
        (collection, search, File::open(text).unwrap())
    }

    fn bytes_in(bytes: &[u8]) -> In<'static, &[u8]> {
        In {
            reader: bytes,
            left: bytes.len() as u64,
            stop: None,
        }
    }

    #[test]
    fn outlines_and_parts_come_back_as_they_were() {
        let (collection, search, file) = loaded();
        let meta = encode(&collection, &search).unwrap();
        let (back, parts) = decode(&mut bytes_in(&meta)).unwrap();
        let back_search = parts
            .into_index(file, search.len(), back.articles.len())
            .unwrap();
        assert_eq!(back.articles, collection.articles);
        assert_eq!(back.parks, collection.parks);
        assert_eq!(back.warnings, collection.warnings);
        assert_eq!(back_search.parts(), search.parts());
        assert_eq!(back_search.len(), search.len());
    }

    #[test]
    fn a_collection_holding_bodies_or_figures_makes_no_entry() {
        let (collection, search, _) = loaded();
        let mut with_body = collection.clone();
        with_body.articles[0].blocks = Collection::builtin().articles[0].blocks.clone();
        assert!(encode(&with_body, &search).is_none());
        let mut with_figures = collection.clone();
        with_figures.articles[1].figures = Figures::Found(Vec::new());
        assert!(encode(&with_figures, &search).is_none());
    }

    #[test]
    fn a_decoding_told_to_stop_gives_nothing() {
        let (collection, search, _) = loaded();
        let meta = encode(&collection, &search).unwrap();
        let stop = AtomicBool::new(true);
        let mut input = In {
            stop: Some(&stop),
            ..bytes_in(&meta)
        };
        assert!(decode(&mut input).is_none());
        stop.store(false, Ordering::Relaxed);
        let mut input = In {
            stop: Some(&stop),
            ..bytes_in(&meta)
        };
        assert!(decode(&mut input).is_some());
    }

    #[test]
    fn no_bytes_decode_to_a_panic() {
        let (collection, search, file) = loaded();
        let meta = encode(&collection, &search).unwrap();
        let len = search.len();
        // Every cut gives none; a byte changed anywhere gives a collection or none.
        for cut in 0..meta.len() {
            assert!(decode(&mut bytes_in(&meta[..cut])).is_none());
        }
        for at in (0..meta.len()).step_by(3) {
            let mut changed = meta.clone();
            changed[at] = changed[at].wrapping_add(0x81);
            if let Some((c, parts)) = decode(&mut bytes_in(&changed)) {
                let _ = parts.into_index(file.try_clone().unwrap(), len, c.articles.len());
            }
        }
    }
}
