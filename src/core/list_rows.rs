//! List entries: the rows of a listing (`list --json`, `list`) kept file by file, so that
//! a run after a few pages changed reads those pages alone and puts its output
//! together again from the rest (docs/index.md).
//!
//! The pipeline:
//! 1. the walk's listing (`outputs::Listing`), each file with its stamp, and the
//!    entry, mapped (`core::mapped`) once the output is not replayed;
//! 2. the entry's files whose path and stamp are the listing's are taken from it;
//! 3. the other files are loaded (`collection::load_listed`, through the index),
//!    and their articles made records, with rows the caller renders;
//! 4. a new entry is written, on a thread of its own, when what it would hold
//!    changed: its records file by file, then their rows in the output's order
//!    (step 5), which is how the next run reads them;
//! 5. all records are arranged as a collection's articles are
//!    (`collection::arrange`: order, ids, parks), and the caller is given the
//!    parks and the rows park after park.
//!
//! A record holds what arranging reads of an article (date, park and the province
//! named before it, id as given or made, text hash, source) and its row, rendered
//! with an empty id: the id is known only once all articles are arranged.
//!
//! An entry is the records section, the rows section, and a trailer (the body's
//! length and hash, where the rows begin, a magic number). Rows are kept in the
//! order of the output, not of the files: read in the files' order, park after
//! park, nearly every row was a cache miss. The two sections are decoded, and
//! the body hashed, at once.
//!
//! Only a load that warns of nothing is kept or patched: a walk that warns, a file
//! that fails, gives no articles, or is a copy of another (same inode, same bytes)
//! mean the caller loads the whole collection, which says so. Entries are keyed by
//! the command and the parser's version; a file is taken from one only with the
//! very stamp it had, and a file within the racy margin of the run's start is never
//! written into one (git's racy rule). An entry that is cut, damaged, or not a
//! regular file is not used.

use std::borrow::Cow;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::core::article::Article;
use crate::core::binary::{path_bytes, Bytes, Out};
use crate::core::collection::ParkGroup;
use crate::core::collection::{arrange, load_listed, Arranged, ListedFile, LoadWarning};
use crate::core::dates::PageDate;
use crate::core::fast_hasher::{FastMap, FastSet};
use crate::core::ids::{content_hash, fast_hash, Identified};
use crate::core::index::{FileStamp, IndexPlace, PARSER_VERSION, RACY_MARGIN_NS};
use crate::core::mapped::Mapped;
use crate::core::outputs::{drop_oldest, Hasher, Listing};
use crate::core::page::Detail;
use crate::core::parks::{province_in, PROVINCES};
use crate::core::workers::map_on_every_core;

/// Entries kept: one per command and options over each set of folders.
pub const KEEP_ENTRIES: usize = 4;

/// Bytes the entries may take together (beyond the newest one).
pub const KEEP_BYTES: u64 = 1 << 30;

/// Marks the end of an entry of this layout.
const MAGIC: &[u8; 8] = b"yqrows03";

/// The fixed end of an entry: the body's length and hash, where its rows begin,
/// where its second half of files begins and how many files the first half has,
/// and `MAGIC`.
const TRAILER_LEN: usize = 5 * 8 + MAGIC.len();

/// A row in the output's order: the article's id and its row, rendered with an
/// empty id.
#[derive(Clone, Copy)]
pub struct Row<'a> {
    pub id: &'a str,
    pub rendered: &'a [u8],
    /// Where the article came from and its date: columns of a text listing.
    pub source: &'a str,
    pub date: Option<PageDate>,
}

/// What `list_rows` gave.
pub enum Listed<T> {
    /// What the caller's `emit` returned, and notes about the index.
    Emitted(T, Vec<LoadWarning>),
    /// The collection must be loaded whole (see the module's doc); the notes about
    /// the index, if any, are to be reported all the same.
    Unlisted(Vec<LoadWarning>),
}

/// A listing's entry as read and decoded (`StoredRows::read`), and where it goes.
pub struct StoredRows<'a> {
    /// The folder of entries and this one's path; none without an index.
    at: Option<(PathBuf, PathBuf)>,
    key: Vec<u8>,
    files: Vec<FileRecords<'a>>,
}

/// The folder of listing entries and the path of the entry of the command `key`.
fn entry_path(place: &IndexPlace, key: &[u8]) -> Option<(PathBuf, PathBuf)> {
    let dir = place.path()?.with_file_name("lists");
    let name = fast_hash(fast_hash(3, PARSER_VERSION.as_bytes()), key);
    let entry = dir.join(format!("{name:016x}"));
    Some((dir, entry))
}

impl<'a> StoredRows<'a> {
    /// The entry of the command `key`, mapped into `body` (which holds it while
    /// its records are used) and decoded: none when there is no entry or it is
    /// damaged. Mapped only once the output is not replayed: mapped beside the
    /// walk, it made a replay's memory 73 MB instead of 19 (the entry's pages
    /// count as the process's while mapped), for a few milliseconds saved.
    pub fn read(place: &IndexPlace, key: &[u8], body: &'a OnceLock<Mapped>) -> StoredRows<'a> {
        let at = entry_path(place, key);
        let files = at
            .as_ref()
            .and_then(|(_, entry)| read_entry(entry))
            .and_then(|(mapped, trailer)| {
                let bytes = body.get_or_init(|| mapped).bytes();
                decode_entry(bytes.get(..trailer.body_len)?, &trailer, key)
            })
            .unwrap_or_default();
        StoredRows {
            at,
            key: key.to_vec(),
            files,
        }
    }
}

/// The rows of the files of `listing` (the walk over `paths`), from the entry
/// `stored` where it has them, else rendered by `render` from the files' articles
/// (with an empty id); `emit` is given the parks and their rows, park after park
/// (each park's `articles` as many). Made for a command that ends with it: the
/// records are left for the process's exit to free.
pub fn list_rows<T>(
    place: &IndexPlace,
    paths: &[PathBuf],
    listing: &Listing,
    stored: StoredRows,
    render: impl Fn(&Article) -> Vec<u8> + Sync,
    emit: impl FnOnce(&[ParkGroup], &[Row]) -> T,
) -> Listed<T> {
    let Some((dir, entry)) = stored.at else {
        return Listed::Unlisted(Vec::new());
    };
    if !listing.warnings.is_empty() {
        return Listed::Unlisted(Vec::new());
    }
    let (key, stored) = (stored.key, stored.files);
    let stored_files = stored.len();
    let Matched {
        taken,
        which,
        still_there,
    } = match_listing(&stored, listing);
    let (loaded, notes) = if which.is_empty() {
        (Some(Vec::new()), Vec::new())
    } else {
        // Files gone since the entry was made are forgotten by the index too (a
        // look at all its entries, not made when a page only changed).
        let gone = stored_files == 0 || still_there < stored_files;
        load_listed(place, paths, &listing.files, &which, Detail::Titles, gone)
    };
    let Some(loaded) = loaded else {
        return Listed::Unlisted(notes);
    };
    let fresh = records_of(loaded, &render);
    let Some(files) = in_listing_order(stored, taken, fresh, listing) else {
        return Listed::Unlisted(notes);
    };
    let recorded = |f: &&FileRecords| !is_racy(&f.stamp, listing.started_ns);
    let not_taken = files.iter().filter(recorded).filter(|f| !f.taken).count();
    let none_gone = still_there == stored_files && stored_files > 0;
    let unchanged = none_gone && not_taken <= loaded_again_at_most(files.len());
    let at = EntryAt {
        aside: dir.join(format!(
            ".new-{}-{}",
            std::process::id(),
            listing.started_ns
        )),
        dir,
        entry,
    };
    let emitted = std::thread::scope(|scope| {
        // The new entry is encoded and written beside the arranging and the
        // output, which only read the records; its rows wait for their order.
        let (order_to_write, order) = std::sync::mpsc::channel();
        if !unchanged {
            let (files, key) = (&files, &key);
            scope.spawn(move || write_entry(&at, files, key, listing.started_ns, order));
        }
        let mut placed: Vec<Placed> = files
            .iter()
            .flat_map(|f| &f.records)
            .enumerate()
            .map(|(number, record)| Placed::of(record, number))
            .collect();
        let parks = arrange(&mut placed);
        let mut ids = String::with_capacity(placed.len() * 8);
        let (rows, numbers) = in_output_order(&parks, &placed, &mut ids);
        let _ = order_to_write.send(numbers);
        let emitted = emit(&parks, &rows);
        left_to_exit(rows);
        left_to_exit(placed);
        left_to_exit(ids);
        emitted
    });
    left_to_exit(files);
    Listed::Emitted(emitted, notes)
}

/// Leave `value` for the process's exit to free: a listing is the last thing its
/// command does, and freeing a hundred thousand records one by one, then
/// unmapping tens of megabytes (which makes every core flush its TLB), took
/// 15 ms of a changed page's `list --json`.
fn left_to_exit<T>(value: T) {
    std::mem::forget(value);
}

/// Files an entry may lack (added or changed since it was written, and older
/// than the racy margin) and still be kept as it is, of `files` listed: they are
/// loaded again on every run (through the index, a millisecond or so each),
/// where writing the entry anew took a quarter of a changed page's run over
/// 20,000 pages. A file gone from the listing has the entry written anew.
fn loaded_again_at_most(files: usize) -> usize {
    (files / 512).max(4)
}

/// The rows park after park, and the numbers of their records (the order the
/// new entry keeps them in). The ids are copied one after another and the rows
/// put each at its park's next place, in one pass over the records in their
/// arranged order, which is nearly the entry's: taking them park by park instead
/// missed the cache at nearly every row.
fn in_output_order<'r>(
    parks: &[ParkGroup],
    placed: &[Placed<'r>],
    ids: &'r mut String,
) -> (Vec<Row<'r>>, Vec<usize>) {
    let mut spans = Vec::with_capacity(placed.len());
    for p in placed {
        let start = ids.len();
        ids.push_str(&p.id);
        spans.push(start..ids.len());
    }
    let ids: &'r str = ids;
    let mut next_of = vec![usize::MAX; placed.len()];
    let mut next = 0;
    for &i in parks.iter().flat_map(|p| &p.articles) {
        if let Some(slot) = next_of.get_mut(i) {
            *slot = next;
            next += 1;
        }
    }
    let empty = Row {
        id: "",
        rendered: &[],
        source: "",
        date: None,
    };
    let (mut rows, mut numbers) = (vec![empty; next], vec![0; next]);
    for ((p, span), at) in placed.iter().zip(spans).zip(next_of) {
        if let (Some(row), Some(number)) = (rows.get_mut(at), numbers.get_mut(at)) {
            *row = Row {
                id: ids.get(span).unwrap_or_default(),
                rendered: p.record.row.as_ref(),
                source: p.record.source.as_ref(),
                date: p.record.date,
            };
            *number = p.number;
        }
    }
    (rows, numbers)
}

/// What arranging reads of one article, and its row.
struct Record<'a> {
    /// As given, else made from the article (`Identified::made_id`).
    id: Cow<'a, str>,
    date: Option<PageDate>,
    park: Option<Cow<'a, str>>,
    /// The province the article names before its park.
    province: Option<&'static str>,
    text_hash: u64,
    source: Cow<'a, str>,
    row: Cow<'a, [u8]>,
}

impl Record<'static> {
    fn of(article: &Article, row: Vec<u8>) -> Record<'static> {
        let id = if article.id.trim().is_empty() {
            article.made_id()
        } else {
            article.id.clone()
        };
        Record {
            id: Cow::Owned(id),
            date: article.date,
            park: article.park.clone().map(Cow::Owned),
            province: article
                .park
                .as_deref()
                .and_then(|p| province_in(article, p)),
            text_hash: content_hash(article),
            source: Cow::Owned(article.source.clone()),
            row: Cow::Owned(row),
        }
    }
}

/// A record where arranging puts it, with the id it gets there.
struct Placed<'r> {
    record: &'r Record<'r>,
    id: Cow<'r, str>,
    /// The record's place among all files' records, in the listing's order.
    number: usize,
}

impl<'r> Placed<'r> {
    fn of(record: &'r Record<'r>, number: usize) -> Placed<'r> {
        Placed {
            record,
            id: Cow::Borrowed(&record.id),
            number,
        }
    }
}

impl Identified for Placed<'_> {
    fn id(&self) -> &str {
        &self.id
    }

    fn set_id(&mut self, id: String) {
        self.id = Cow::Owned(id);
    }

    fn made_id(&self) -> String {
        // Never asked: a record's id is made when the record is.
        self.record.id.to_string()
    }

    fn text_hash(&self) -> u64 {
        self.record.text_hash
    }

    fn source(&self) -> &str {
        &self.record.source
    }
}

impl Arranged for Placed<'_> {
    fn date(&self) -> Option<PageDate> {
        self.record.date
    }

    fn park(&self) -> Option<&str> {
        self.record.park.as_deref()
    }

    fn province_before(&self, _park: &str) -> Option<&'static str> {
        self.record.province
    }
}

/// One file of an entry or of this run: its stamp, digest and records.
#[derive(Default)]
struct FileRecords<'a> {
    path: Cow<'a, [u8]>,
    named: bool,
    stamp: FileStamp,
    digest: (u64, u64),
    records: Vec<Record<'a>>,
    /// Taken from the entry, not loaded in this run.
    taken: bool,
}

/// How the files of a listing meet those of an entry.
struct Matched {
    /// For each file of the listing, the entry's file it is (same path, same
    /// stamp), if any.
    taken: Vec<Option<usize>>,
    /// The positions of the listing's files that are not taken.
    which: Vec<usize>,
    /// The entry's files whose path is in the listing, changed or not.
    still_there: usize,
}

fn match_listing(stored: &[FileRecords], listing: &Listing) -> Matched {
    // Both are in the walk's order, so the entry's next file is nearly always the
    // one; a map by path is made only for a listing that went another way.
    let mut by_path: Option<FastMap<&[u8], usize>> = None;
    let mut next = 0;
    let mut taken = Vec::with_capacity(listing.files.len());
    let mut which = Vec::new();
    let mut still_there = 0;
    for (i, ((path, named), stamp)) in listing.files.iter().zip(&listing.stamps).enumerate() {
        let path = path_bytes(path);
        let at = match stored.get(next) {
            Some(f) if f.path.as_ref() == path => Some(next),
            _ => by_path
                .get_or_insert_with(|| {
                    let paths = stored.iter().enumerate().map(|(i, f)| (f.path.as_ref(), i));
                    paths.collect()
                })
                .get(path)
                .copied(),
        };
        next = at.map_or(next, |s| s + 1);
        still_there += usize::from(at.is_some());
        let same = at.filter(|&s| stored[s].named == *named && stored[s].stamp == *stamp);
        if same.is_none() {
            which.push(i);
        }
        taken.push(same);
    }
    Matched {
        taken,
        which,
        still_there,
    }
}

/// Files loaded from which their articles are freed on a thread of their own.
const FREED_APART_FROM: usize = 256;

/// The records of the files loaded, each article's row rendered on every core.
fn records_of(
    loaded: Vec<ListedFile>,
    render: &(impl Fn(&Article) -> Vec<u8> + Sync),
) -> Vec<(Vec<Record<'static>>, (u64, u64))> {
    let of_file = |file: &ListedFile| -> Vec<Record<'static>> {
        file.articles
            .iter()
            .map(|a| Record::of(a, render(a)))
            .collect()
    };
    let records = map_on_every_core(&loaded, 16, of_file);
    let records = records
        .into_iter()
        .zip(loaded.iter().map(|f| f.digest))
        .collect();
    // A whole archive's articles (a first run) are freed on a thread of their
    // own: freeing them one by one took as long as arranging them all.
    if loaded.len() >= FREED_APART_FROM {
        std::thread::spawn(move || drop(loaded));
    }
    records
}

/// Every file of the listing, in its order: taken from the entry or loaded now.
/// `None` when two files are one (same device and inode) or hold the same bytes:
/// a whole load says which it dropped.
fn in_listing_order<'a>(
    mut stored: Vec<FileRecords<'a>>,
    taken: Vec<Option<usize>>,
    fresh: Vec<(Vec<Record<'static>>, (u64, u64))>,
    listing: &Listing,
) -> Option<Vec<FileRecords<'a>>> {
    let mut fresh = fresh.into_iter();
    let mut files = Vec::with_capacity(listing.files.len());
    let mut inodes = FastSet::with_capacity_and_hasher(listing.files.len(), Default::default());
    let mut digests = FastSet::with_capacity_and_hasher(listing.files.len(), Default::default());
    for (((path, named), stamp), taken) in listing.files.iter().zip(&listing.stamps).zip(taken) {
        let file = match taken {
            Some(s) => FileRecords {
                taken: true,
                ..std::mem::take(stored.get_mut(s)?)
            },
            None => {
                let (records, digest) = fresh.next()?;
                FileRecords {
                    path: Cow::Owned(path_bytes(path).to_vec()),
                    named: *named,
                    stamp: *stamp,
                    digest,
                    records,
                    taken: false,
                }
            }
        };
        let one_file = !inodes.insert((stamp.device, stamp.inode));
        let same_bytes = !digests.insert(file.digest);
        if one_file || same_bytes {
            return None;
        }
        files.push(file);
    }
    Some(files)
}

/// True when the file changed so close to `started_ns` that a later change may
/// leave its stamp as it is (the racy rule): it is read again each time.
fn is_racy(stamp: &FileStamp, started_ns: i64) -> bool {
    stamp
        .mtime_ns
        .max(stamp.ctime_ns)
        .saturating_add(RACY_MARGIN_NS)
        >= started_ns
}

/// What an entry's trailer says of its body.
struct Trailer {
    /// The entry's bytes before the trailer.
    body_len: usize,
    hash: u64,
    sections: Sections,
}

/// Where the parts of an entry's body begin.
#[derive(Clone, Copy)]
struct Sections {
    /// The rows section.
    rows_at: usize,
    /// The second half of the files, decoded beside the first: decoding the
    /// records was the longest part of reading an entry.
    halfway_at: usize,
    /// The files before `halfway_at`.
    halfway_files: usize,
}

/// The entry at `path`, mapped, and what its trailer says, if it ends in a
/// trailer that fits it.
fn read_entry(path: &Path) -> Option<(Mapped, Trailer)> {
    use std::os::unix::fs::OpenOptionsExt;
    // Opened without waiting: a FIFO put there would block the open until a
    // writer came. Not a regular file: not an entry.
    let file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .ok()?;
    if !file.metadata().ok()?.is_file() {
        return None;
    }
    let mapped = Mapped::of(&file)?;
    let bytes = mapped.bytes();
    let body_len = bytes.len().checked_sub(TRAILER_LEN)?;
    let (numbers, magic) = bytes.get(body_len..)?.split_at(5 * 8);
    let word =
        |i: usize| u64::from_le_bytes(numbers[i * 8..i * 8 + 8].try_into().unwrap_or_default());
    let offset = |i: usize| usize::try_from(word(i)).ok().filter(|&at| at <= body_len);
    let sections = Sections {
        rows_at: offset(2)?,
        halfway_at: offset(3)?,
        halfway_files: usize::try_from(word(4)).ok()?,
    };
    let whole = magic == MAGIC && word(0) == body_len as u64;
    let trailer = Trailer {
        body_len,
        hash: word(1),
        sections,
    };
    whole.then_some((mapped, trailer))
}

fn hash_of(body: &[u8]) -> u64 {
    let mut hasher = Hasher::default();
    hasher.update(body);
    hasher.finish()
}

/// The files an entry's body holds, with their records and rows, if it is one of
/// `key` by this parser and its hash is the trailer's.
fn decode_entry<'a>(body: &'a [u8], trailer: &Trailer, key: &[u8]) -> Option<Vec<FileRecords<'a>>> {
    let (records, rows) = body.split_at_checked(trailer.sections.rows_at)?;
    // The rows read and then the body hashed beside the records' decoding, which
    // is thrown away if the hash is not the entry's.
    std::thread::scope(|scope| {
        let rows = scope.spawn(|| {
            let rows = get_rows(&mut Bytes::new(rows));
            rows.filter(|_| hash_of(body) == trailer.hash)
        });
        let files = decode(records, trailer.sections, key);
        with_rows(files?, rows.join().ok()??)
    })
}

/// The records section: the files, each with its records (rows to come), the
/// two halves at once.
fn decode<'a>(records: &'a [u8], sections: Sections, key: &[u8]) -> Option<Vec<FileRecords<'a>>> {
    let mut input = Bytes::new(records);
    if input.bytes()? != PARSER_VERSION.as_bytes() || input.bytes()? != key {
        return None;
    }
    let count = input.count()?;
    let header_len = records.len() - input.len();
    let first = Bytes::new(records.get(header_len..sections.halfway_at)?);
    let second = records.get(sections.halfway_at..)?;
    let second_files = count.checked_sub(sections.halfway_files)?;
    let files_of = |mut input: Bytes<'a>, n: usize| {
        let files = (0..n)
            .map(|_| get_file(&mut input))
            .collect::<Option<Vec<_>>>()?;
        input.is_empty().then_some(files)
    };
    std::thread::scope(|scope| {
        let second = scope.spawn(|| files_of(Bytes::new(second), second_files));
        let mut files = files_of(first, sections.halfway_files)?;
        files.extend(second.join().ok()??);
        Some(files)
    })
}

/// The rows section: every record's row, each once, by its number among the
/// records; given back in the records' order. A table of numbers and lengths
/// comes first, then the rows one after another: each row's place is known
/// from the table, read in one stream, where a length before each row made
/// finding the next one wait on memory at every row (15 ms over 40 MB).
fn get_rows<'a>(input: &mut Bytes<'a>) -> Option<Vec<&'a [u8]>> {
    let records = input.count()?;
    let table = input.raw(records.checked_mul(ROW_ENTRY)?)?;
    let rows_bytes = input.raw(input.len())?;
    let mut rows: Vec<Option<&[u8]>> = vec![None; records];
    let mut at = 0usize;
    for entry in table.chunks_exact(ROW_ENTRY) {
        let (number, len) = entry.split_at(4);
        let word = |b: &[u8]| usize::try_from(u32::from_le_bytes(b.try_into().ok()?)).ok();
        let end = at.checked_add(word(len)?)?;
        let row = rows.get_mut(word(number)?).filter(|row| row.is_none())?;
        *row = Some(rows_bytes.get(at..end)?);
        at = end;
    }
    // Each number once, so every row is set; and no bytes left over.
    (at == rows_bytes.len()).then(|| rows.into_iter().flatten().collect())
}

/// A row's entry in the rows section's table: its record's number and its length.
const ROW_ENTRY: usize = 8;

/// `files` with their rows, one for each record in order.
fn with_rows<'a>(
    mut files: Vec<FileRecords<'a>>,
    rows: Vec<&'a [u8]>,
) -> Option<Vec<FileRecords<'a>>> {
    if files.iter().map(|f| f.records.len()).sum::<usize>() != rows.len() {
        return None;
    }
    for (record, row) in files.iter_mut().flat_map(|f| &mut f.records).zip(rows) {
        record.row = Cow::Borrowed(row);
    }
    Some(files)
}

fn get_file<'a>(input: &mut Bytes<'a>) -> Option<FileRecords<'a>> {
    let path = input.bytes()?;
    let named = input.u8()? == 1;
    let mut n = || Some(input.u64()? as i64);
    let stamp = FileStamp {
        size: n()?,
        mtime_ns: n()?,
        ctime_ns: n()?,
        inode: n()?,
        device: n()?,
    };
    let digest = (input.u64()?, input.u64()?);
    let records = (0..input.count()?)
        .map(|_| get_record(input))
        .collect::<Option<Vec<_>>>()?;
    Some(FileRecords {
        path: Cow::Borrowed(path),
        named,
        stamp,
        digest,
        records,
        taken: false,
    })
}

fn get_record<'a>(input: &mut Bytes<'a>) -> Option<Record<'a>> {
    let id = input.str()?;
    let date = input.date()?;
    let park = input.opt_str()?;
    let province = match input.u8()? {
        0 => None,
        n => Some(*PROVINCES.get(usize::from(n) - 1)?),
    };
    Some(Record {
        id: Cow::Borrowed(id),
        date,
        park: park.map(Cow::Borrowed),
        province,
        text_hash: input.u64()?,
        source: Cow::Borrowed(input.str()?),
        // Read from the rows section.
        row: Cow::Borrowed(&[]),
    })
}

/// Bytes an entry is written in at a time.
const WRITTEN_IN: usize = 1 << 20;

/// The body of an entry holding `files` but those within the racy margin, given
/// to `sink` a piece at a time: an archive's entry is never whole in memory.
/// The records come first, file by file; then their rows, in the order `order`
/// gives the numbers of all records (each once): the output's order, in which
/// the next run reads them.
fn encode(
    files: &[FileRecords],
    key: &[u8],
    started_ns: i64,
    order: impl FnOnce() -> Option<Vec<usize>>,
    mut sink: impl FnMut(&[u8]) -> std::io::Result<()>,
) -> std::io::Result<Sections> {
    let kept: Vec<&FileRecords> = files
        .iter()
        .filter(|f| !is_racy(&f.stamp, started_ns))
        .collect();
    let mut out = Out(Vec::with_capacity(2 * WRITTEN_IN));
    out.bytes(PARSER_VERSION.as_bytes());
    out.bytes(key);
    out.count(kept.len());
    let mut rows_at = 0;
    let halfway_files = kept.len() / 2;
    let mut halfway_at = 0;
    for (i, file) in kept.iter().enumerate() {
        if i == halfway_files {
            halfway_at = rows_at + out.0.len();
        }
        put_file(&mut out, file);
        if out.0.len() >= WRITTEN_IN {
            rows_at += pass_on(&mut out, &mut sink)?;
        }
    }
    if kept.is_empty() {
        halfway_at = out.0.len();
    }
    rows_at += pass_on(&mut out, &mut sink)?;
    let order = order().ok_or(std::io::ErrorKind::Interrupted)?;
    // Each record's row and its number among the records kept, by its number
    // among all.
    let mut kept_number = 0u32;
    let numbered: Vec<Option<(u32, &[u8])>> = files
        .iter()
        .flat_map(|f| {
            let keep = !is_racy(&f.stamp, started_ns);
            f.records.iter().map(move |r| keep.then_some(&r.row))
        })
        .map(|row| {
            let row = row?;
            kept_number += 1;
            Some((kept_number - 1, row.as_ref()))
        })
        .collect();
    // A record of a file too young to keep has no row here.
    let mut rows = Vec::with_capacity(kept_number as usize);
    for number in order {
        let numbered = numbered.get(number);
        rows.extend(*numbered.ok_or(std::io::ErrorKind::InvalidInput)?);
    }
    out.count(rows.len());
    for (kept_number, row) in &rows {
        out.u32(*kept_number);
        out.u32(u32::try_from(row.len()).map_err(|_| std::io::ErrorKind::InvalidInput)?);
    }
    for (_, row) in rows {
        out.0.extend_from_slice(row);
        if out.0.len() >= WRITTEN_IN {
            pass_on(&mut out, &mut sink)?;
        }
    }
    pass_on(&mut out, &mut sink)?;
    Ok(Sections {
        rows_at,
        halfway_at,
        halfway_files,
    })
}

/// Give `sink` what `out` holds, and empty it; how many bytes that was.
fn pass_on(
    out: &mut Out,
    sink: &mut impl FnMut(&[u8]) -> std::io::Result<()>,
) -> std::io::Result<usize> {
    sink(&out.0)?;
    let passed = out.0.len();
    out.0.clear();
    Ok(passed)
}

fn put_file(out: &mut Out, file: &FileRecords) {
    out.bytes(&file.path);
    out.u8(u8::from(file.named));
    let s = file.stamp;
    for n in [s.size, s.mtime_ns, s.ctime_ns, s.inode, s.device] {
        out.u64(n as u64);
    }
    out.u64(file.digest.0);
    out.u64(file.digest.1);
    out.count(file.records.len());
    for r in &file.records {
        put_record(out, r);
    }
}

fn put_record(out: &mut Out, r: &Record) {
    out.str(&r.id);
    out.date(r.date);
    out.opt_str(r.park.as_deref());
    let province = r
        .province
        .and_then(|p| PROVINCES.iter().position(|q| *q == p))
        .and_then(|i| u8::try_from(i + 1).ok());
    out.u8(province.unwrap_or(0));
    out.u64(r.text_hash);
    out.str(&r.source);
}

/// Write the entry of `files` and its trailer aside, its rows in the order
/// received from `order`, then put it in place of `entry`; drop the oldest entries
/// beyond [`KEEP_ENTRIES`] or [`KEEP_BYTES`]. After a failure, or with no
/// order, there is no entry (the next run loads the files whole).
fn write_entry(
    at: &EntryAt,
    files: &[FileRecords],
    key: &[u8],
    started_ns: i64,
    order: std::sync::mpsc::Receiver<Vec<usize>>,
) {
    if fs::create_dir_all(&at.dir).is_err() {
        return;
    }
    // The old entry, read whole already, is removed first, while the records
    // are arranged: a large file takes tens of milliseconds to free, which a
    // rename over it would spend as the command ends.
    let _ = fs::remove_file(&at.entry);
    let written = fs::File::create(&at.aside).and_then(|mut file| {
        let (mut hasher, mut len) = (Hasher::default(), 0u64);
        let order = || order.recv().ok();
        let sections = encode(files, key, started_ns, order, |piece| {
            hasher.update(piece);
            len += piece.len() as u64;
            file.write_all(piece)
        })?;
        file.write_all(&len.to_le_bytes())?;
        file.write_all(&hasher.finish().to_le_bytes())?;
        let Sections {
            rows_at,
            halfway_at,
            halfway_files,
        } = sections;
        for n in [rows_at, halfway_at, halfway_files] {
            file.write_all(&(n as u64).to_le_bytes())?;
        }
        file.write_all(MAGIC)
    });
    if written
        .and_then(|()| fs::rename(&at.aside, &at.entry))
        .is_err()
    {
        let _ = fs::remove_file(&at.aside);
        return;
    }
    drop_oldest(&at.dir, KEEP_ENTRIES, KEEP_BYTES);
}

/// Where an entry is written: its folder, the file it is written into aside,
/// and its place.
struct EntryAt {
    dir: PathBuf,
    aside: PathBuf,
    entry: PathBuf,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::article::{Block, BlockKind};
    use crate::core::collection::Collection;

    /// Articles that clash and group in every way the arranging knows: recurring
    /// headlines on one day, undated pages, short and full names of one park, a
    /// park named after its province, no park, ids given and blank.
    fn articles(seed: u64, n: usize) -> Vec<Article> {
        let titles = ["园区新材料产业加速集聚", "人才驿站开门迎客", "中试基地投用"];
        let parks = [
            Some("宁德高新区"),
            Some("宁德东侨高新区"),
            Some("株洲高新区"),
            Some("临江科学城"),
            None,
        ];
        let mut state = seed;
        let mut next = |m: usize| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as usize % m
        };
        (0..n)
            .map(|i| {
                let mut a = Article::new("", titles[next(titles.len())]);
                a.park = parks[next(parks.len())].map(str::to_string);
                a.date = [
                    None,
                    PageDate::parse("2024-07-30"),
                    PageDate::parse("2023-01-02"),
                ][next(3)];
                a.source = format!("{}.txt", next(4));
                a.url = Some(i.to_string());
                if next(9) == 0 {
                    a.id = ["given", "given-2", "  "][next(3)].into();
                }
                let lead = format!(
                    "江苏{}今年引进项目{}个。",
                    a.park.as_deref().unwrap_or("园区"),
                    next(3)
                );
                a.blocks.push(Block::new(BlockKind::Paragraph, lead));
                crate::core::page::let_go_of_body(&mut a);
                a
            })
            .collect()
    }

    fn records(articles: &[Article]) -> Vec<Record<'static>> {
        let row = |a: &Article| a.url.clone().unwrap_or_default().into_bytes();
        articles.iter().map(|a| Record::of(a, row(a))).collect()
    }

    #[test]
    fn records_are_arranged_as_their_articles_are() {
        for seed in 0..40 {
            let articles = articles(seed, 60);
            let records = records(&articles);
            let mut placed: Vec<Placed> = records
                .iter()
                .enumerate()
                .map(|(number, record)| Placed::of(record, number))
                .collect();
            let parks = arrange(&mut placed);
            let collection = Collection::from_articles(articles, Vec::new());
            let by_records: Vec<(&str, &[u8])> = placed
                .iter()
                .map(|p| (p.id.as_ref(), p.record.row.as_ref()))
                .collect();
            let by_articles: Vec<(&str, &[u8])> = collection
                .articles
                .iter()
                .map(|a| (a.id.as_str(), a.url.as_deref().unwrap_or("").as_bytes()))
                .collect();
            assert_eq!(by_records, by_articles, "seed {seed}");
            assert_eq!(parks, collection.parks, "seed {seed}");
        }
    }

    /// The stamp of the `n`th file: each changed 10 s after the one before.
    fn stamp(n: i64) -> FileStamp {
        FileStamp {
            size: n,
            mtime_ns: n * 10_000_000_000,
            ctime_ns: n * 10_000_000_000 + 1,
            inode: n,
            device: 7,
        }
    }

    fn files(articles: &[Article]) -> Vec<FileRecords<'static>> {
        articles
            .chunks(7)
            .enumerate()
            .map(|(i, chunk)| FileRecords {
                path: Cow::Owned(format!("/archive/{i}.txt").into_bytes()),
                named: i == 0,
                stamp: stamp(i as i64),
                digest: (i as u64, 99),
                records: records(chunk),
                taken: false,
            })
            .collect()
    }

    /// The body of the entry of `files`, rows in `order`, and its trailer.
    fn encoded_in(
        files: &[FileRecords],
        started_ns: i64,
        order: Vec<usize>,
    ) -> std::io::Result<(Vec<u8>, Trailer)> {
        let mut body = Vec::new();
        let sections = encode(
            files,
            b"key",
            started_ns,
            || Some(order),
            |piece| {
                body.extend_from_slice(piece);
                Ok(())
            },
        )?;
        let hash = hash_of(&body);
        let body_len = body.len();
        Ok((
            body,
            Trailer {
                body_len,
                hash,
                sections,
            },
        ))
    }

    /// The body of the entry of `files`, rows in reverse order, and its trailer.
    fn encoded(files: &[FileRecords], started_ns: i64) -> (Vec<u8>, Trailer) {
        let records: usize = files.iter().map(|f| f.records.len()).sum();
        encoded_in(files, started_ns, (0..records).rev().collect()).expect("into memory")
    }

    /// The entry's files, if its trailer and hash hold (as `StoredRows::read`
    /// takes it).
    fn read_checked(entry: &Path) -> Option<Vec<u8>> {
        let (mapped, trailer) = read_entry(entry)?;
        let body = mapped.bytes().get(..trailer.body_len)?;
        decode_entry(body, &trailer, b"key")?;
        Some(body.to_vec())
    }

    /// The files of an entry's body, its hash not checked.
    fn unhashed<'a>(
        body: &'a [u8],
        sections: Sections,
        key: &[u8],
    ) -> Option<Vec<FileRecords<'a>>> {
        let (records, rows) = body.split_at_checked(sections.rows_at)?;
        with_rows(
            decode(records, sections, key)?,
            get_rows(&mut Bytes::new(rows))?,
        )
    }

    fn rows_of(files: &[FileRecords]) -> Vec<String> {
        let rows = files.iter().flat_map(|f| &f.records);
        rows.map(|r| String::from_utf8_lossy(&r.row).into_owned())
            .collect()
    }

    #[test]
    fn an_entry_decodes_to_what_was_encoded() {
        let articles = articles(3, 30);
        let (body, trailer) = encoded(&files(&articles), i64::MAX);
        let decoded = decode_entry(&body, &trailer, b"key").expect("decodes");
        assert_eq!(encoded(&decoded, i64::MAX).0, body);
        assert_eq!(decoded.len(), 5);
        // Each record has its own row back (a row is its article's number).
        let numbers: Vec<String> = (0..30).map(|i| i.to_string()).collect();
        assert_eq!(rows_of(&decoded), numbers);
        assert!(decode_entry(&body, &trailer, b"another key").is_none());
        let wrong_hash = Trailer {
            body_len: trailer.body_len,
            hash: trailer.hash ^ 1,
            sections: trailer.sections,
        };
        assert!(decode_entry(&body, &wrong_hash, b"key").is_none());
        // A halfway mark that is not where a file begins, or not after as many
        // files as it says: not an entry.
        let s = trailer.sections;
        let marked = |files: usize, at: usize| Sections {
            halfway_files: files,
            halfway_at: at,
            ..s
        };
        let (files, at) = (s.halfway_files, s.halfway_at);
        for sections in [
            marked(files + 1, at),
            marked(files - 1, at),
            marked(files, at + 1),
            marked(files, at - 1),
        ] {
            assert!(unhashed(&body, sections, b"key").is_none());
        }
        assert!(unhashed(&body, s, b"key").is_some());
    }

    #[test]
    fn rows_are_kept_in_the_order_given() {
        let files = files(&articles(7, 20));
        let order: Vec<usize> = [4, 0, 19].into_iter().chain(1..4).chain(5..19).collect();
        let (body, trailer) = encoded_in(&files, i64::MAX, order.clone()).expect("into memory");
        let mut rows = Bytes::new(&body[trailer.sections.rows_at..]);
        assert_eq!(rows.count(), Some(20));
        let table: Vec<(usize, usize)> = (0..20)
            .map(|_| {
                let number = rows.u32().expect("a number") as usize;
                (number, rows.u32().expect("a length") as usize)
            })
            .collect();
        let kept: Vec<(usize, String)> = table
            .into_iter()
            .map(|(number, len)| {
                let row = rows.raw(len).expect("a row");
                (number, String::from_utf8_lossy(row).into_owned())
            })
            .collect();
        assert!(rows.is_empty());
        let expected: Vec<(usize, String)> = order.iter().map(|&n| (n, n.to_string())).collect();
        assert_eq!(kept, expected);
        let decoded = decode_entry(&body, &trailer, b"key").expect("decodes");
        let numbers: Vec<String> = (0..20).map(|i| i.to_string()).collect();
        assert_eq!(rows_of(&decoded), numbers);
        // A row twice, or one left out: not an entry.
        for order in [(0..19).chain([3]).collect(), (0..19).collect()] {
            let (body, trailer) = encoded_in(&files, i64::MAX, order).expect("into memory");
            assert!(unhashed(&body, trailer.sections, b"key").is_none());
        }
        assert!(
            encoded_in(&files, i64::MAX, vec![20]).is_err(),
            "no such record"
        );
    }

    #[test]
    fn files_within_the_racy_margin_are_not_encoded() {
        let articles = articles(4, 14);
        let files = files(&articles);
        // The second file changed 1 s before the run began: too young to keep.
        let started = files[1].stamp.ctime_ns + RACY_MARGIN_NS / 2;
        let (body, trailer) = encoded(&files, started);
        let kept = decode_entry(&body, &trailer, b"key").expect("decodes");
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].path.as_ref(), b"/archive/0.txt");
        let numbers: Vec<String> = (0..7).map(|i| i.to_string()).collect();
        assert_eq!(rows_of(&kept), numbers);
    }

    #[test]
    fn no_bytes_decode_to_a_panic() {
        let (body, trailer) = encoded(&files(&articles(5, 20)), i64::MAX);
        for cut in 0..body.len() {
            let sections = Sections {
                rows_at: trailer.sections.rows_at.min(cut),
                halfway_at: trailer.sections.halfway_at.min(cut),
                ..trailer.sections
            };
            let decoded = unhashed(&body[..cut], sections, b"key");
            assert!(decoded.is_none(), "cut at {cut}");
        }
        for at in 0..body.len() {
            let mut changed = body.clone();
            changed[at] = changed[at].wrapping_add(0x81);
            let _ = unhashed(&changed, trailer.sections, b"key");
        }
    }

    #[test]
    fn an_entry_that_is_cut_or_changed_is_not_read() {
        let dir = std::env::temp_dir().join(format!("yuanqu-list-rows-{}", std::process::id()));
        let entry = dir.join("entry");
        let files = files(&articles(6, 20));
        let (body, _) = encoded(&files, i64::MAX);
        let at = EntryAt {
            dir: dir.clone(),
            aside: dir.join(".new-entry"),
            entry: entry.clone(),
        };
        let (order_to_write, order) = std::sync::mpsc::channel();
        let records: usize = files.iter().map(|f| f.records.len()).sum();
        order_to_write.send((0..records).rev().collect()).unwrap();
        write_entry(&at, &files, b"key", i64::MAX, order);
        assert_eq!(read_checked(&entry), Some(body));
        let whole = fs::read(&entry).unwrap();
        let mut flipped = whole.clone();
        flipped[whole.len() / 2] ^= 1;
        for bytes in [flipped, whole[..whole.len() - 1].to_vec(), Vec::new()] {
            fs::write(&entry, &bytes).unwrap();
            assert!(read_checked(&entry).is_none());
        }
        let _ = fs::remove_dir_all(&dir);
    }
}
