//! List entries: the rows of a listing (`list --json`) kept file by file, so that
//! a run after a few pages changed reads those pages alone and puts its output
//! together again from the rest (docs/index.md).
//!
//! The pipeline:
//! 1. the walk's listing (`outputs::Listing`), each file with its stamp, and the
//!    entry, read once the output is not replayed;
//! 2. the entry's files whose path and stamp are the listing's are taken from it;
//! 3. the other files are loaded (`collection::load_listed`, through the index),
//!    and their articles made records, with rows the caller renders;
//! 4. a new entry is written, on a thread of its own, when what it would hold
//!    changed;
//! 5. all records are arranged as a collection's articles are
//!    (`collection::arrange`: order, ids, parks), and the caller is given the
//!    parks and the rows in that order.
//!
//! A record holds what arranging reads of an article (date, park and the province
//! named before it, id as given or made, text hash, source) and its row, rendered
//! with an empty id: the id is known only once all articles are arranged.
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
use crate::core::outputs::{drop_oldest, Hasher, Listing};
use crate::core::page::Detail;
use crate::core::parks::{province_in, PROVINCES};
use crate::core::workers::map_on_every_core;

/// Entries kept: one per command and options over each set of folders.
pub const KEEP_ENTRIES: usize = 4;

/// Bytes the entries may take together (beyond the newest one).
pub const KEEP_BYTES: u64 = 1 << 30;

/// Marks the end of an entry of this layout.
const MAGIC: &[u8; 8] = b"yqrows01";

/// The fixed end of an entry: the body's length and hash, and `MAGIC`.
const TRAILER_LEN: usize = 2 * 8 + MAGIC.len();

/// A row in the output's order: the article's id and its row, rendered with an
/// empty id.
#[derive(Clone, Copy)]
pub struct Row<'a> {
    pub id: &'a str,
    pub rendered: &'a [u8],
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
    /// The entry of the command `key`, read into `body` (which holds it while its
    /// records are used) and decoded: none when there is no entry or it is damaged.
    pub fn read(place: &IndexPlace, key: &[u8], body: &'a OnceLock<Vec<u8>>) -> StoredRows<'a> {
        let at = entry_path(place, key);
        let files = at
            .as_ref()
            .and_then(|(_, entry)| read_entry(entry))
            .map(|read| body.get_or_init(|| read))
            .and_then(|body| decode(body, key))
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
/// (with an empty id); `emit` is given the parks and the rows in order.
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
    let (taken, which) = match_listing(&stored, listing);
    let (loaded, notes) = if which.is_empty() {
        (Some(Vec::new()), Vec::new())
    } else {
        // Files gone since the entry was made are forgotten by the index too.
        let taken_count = taken.iter().flatten().count();
        let gone = stored_files == 0 || taken_count < stored_files;
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
    let all_taken = files.iter().filter(recorded).all(|f| f.taken);
    let unchanged = all_taken && files.iter().filter(recorded).count() == stored_files;
    let writing = (!unchanged)
        .then(|| encode(&files, &key, listing.started_ns))
        .map(|body| {
            let aside = dir.join(format!(
                ".new-{}-{}",
                std::process::id(),
                listing.started_ns
            ));
            std::thread::spawn(move || write_entry(&dir, &aside, &entry, &body))
        });
    let mut records: Vec<Record> = files.into_iter().flat_map(|f| f.records).collect();
    let parks = arrange(&mut records);
    let rows: Vec<Row> = records
        .iter()
        .map(|r| Row {
            id: &r.id,
            rendered: &r.row,
        })
        .collect();
    let emitted = emit(&parks, &rows);
    // Freed while the entry is being written.
    drop(rows);
    drop(records);
    if let Some(writing) = writing {
        let _ = writing.join();
    }
    Listed::Emitted(emitted, notes)
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

impl Identified for Record<'_> {
    fn id(&self) -> &str {
        &self.id
    }

    fn set_id(&mut self, id: String) {
        self.id = Cow::Owned(id);
    }

    fn made_id(&self) -> String {
        // Never asked: a record's id is made when the record is.
        self.id.to_string()
    }

    fn text_hash(&self) -> u64 {
        self.text_hash
    }

    fn source(&self) -> &str {
        &self.source
    }
}

impl Arranged for Record<'_> {
    fn date(&self) -> Option<PageDate> {
        self.date
    }

    fn park(&self) -> Option<&str> {
        self.park.as_deref()
    }

    fn province_before(&self, _park: &str) -> Option<&'static str> {
        self.province
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

/// For each file of the listing, the entry's file it is (same path, same stamp),
/// if any; and the positions of the files that are not.
fn match_listing(stored: &[FileRecords], listing: &Listing) -> (Vec<Option<usize>>, Vec<usize>) {
    // Both are in the walk's order, so the entry's next file is nearly always the
    // one; a map by path is made only for a listing that went another way.
    let mut by_path: Option<FastMap<&[u8], usize>> = None;
    let mut next = 0;
    let mut taken = Vec::with_capacity(listing.files.len());
    let mut which = Vec::new();
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
        let same = at.filter(|&s| stored[s].named == *named && stored[s].stamp == *stamp);
        if same.is_none() {
            which.push(i);
        }
        taken.push(same);
    }
    (taken, which)
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

/// The body of the entry at `path`, if it is a whole entry (its trailer and hash
/// hold).
fn read_entry(path: &Path) -> Option<Vec<u8>> {
    // Not a regular file (a FIFO put there would block the read): not an entry.
    if !fs::metadata(path).ok()?.is_file() {
        return None;
    }
    let mut bytes = fs::read(path).ok()?;
    let body_len = bytes.len().checked_sub(TRAILER_LEN)?;
    let trailer = bytes.split_off(body_len);
    let (numbers, magic) = trailer.split_at(2 * 8);
    let word =
        |i: usize| u64::from_le_bytes(numbers[i * 8..i * 8 + 8].try_into().unwrap_or_default());
    let mut hasher = Hasher::default();
    hasher.update(&bytes);
    let whole = magic == MAGIC && word(0) == body_len as u64 && hasher.finish() == word(1);
    whole.then_some(bytes)
}

/// The files an entry's body holds, if it is one of `key` by this parser.
fn decode<'a>(body: &'a [u8], key: &[u8]) -> Option<Vec<FileRecords<'a>>> {
    let mut input = Bytes::new(body);
    if input.bytes()? != PARSER_VERSION.as_bytes() || input.bytes()? != key {
        return None;
    }
    let files = (0..input.count()?)
        .map(|_| get_file(&mut input))
        .collect::<Option<Vec<_>>>()?;
    input.is_empty().then_some(files)
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
        row: Cow::Borrowed(input.bytes()?),
    })
}

/// The body of an entry holding `files` but those within the racy margin.
fn encode(files: &[FileRecords], key: &[u8], started_ns: i64) -> Vec<u8> {
    let kept: Vec<&FileRecords> = files
        .iter()
        .filter(|f| !is_racy(&f.stamp, started_ns))
        .collect();
    let row_bytes: usize = kept
        .iter()
        .flat_map(|f| &f.records)
        .map(|r| r.row.len() + 64)
        .sum();
    let mut out = Out(Vec::with_capacity(row_bytes + 128 * kept.len() + 256));
    out.bytes(PARSER_VERSION.as_bytes());
    out.bytes(key);
    out.count(kept.len());
    for file in kept {
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
            put_record(&mut out, r);
        }
    }
    out.0
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
    out.bytes(&r.row);
}

/// Write `body` and its trailer aside, then put it in place of `entry`; drop the
/// oldest entries beyond [`KEEP_ENTRIES`] or [`KEEP_BYTES`]. A failure leaves the
/// old entry as it was.
fn write_entry(dir: &Path, aside: &Path, entry: &Path, body: &[u8]) {
    if fs::create_dir_all(dir).is_err() {
        return;
    }
    let mut hasher = Hasher::default();
    hasher.update(body);
    let mut trailer = Vec::with_capacity(TRAILER_LEN);
    trailer.extend_from_slice(&(body.len() as u64).to_le_bytes());
    trailer.extend_from_slice(&hasher.finish().to_le_bytes());
    trailer.extend_from_slice(MAGIC);
    let written = fs::File::create(aside).and_then(|mut f| {
        f.write_all(body)?;
        f.write_all(&trailer)
    });
    if written.and_then(|()| fs::rename(aside, entry)).is_err() {
        let _ = fs::remove_file(aside);
        return;
    }
    drop_oldest(dir, KEEP_ENTRIES, KEEP_BYTES);
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
            let mut records = records(&articles);
            let parks = arrange(&mut records);
            let collection = Collection::from_articles(articles, Vec::new());
            let by_records: Vec<(&str, &[u8])> = records
                .iter()
                .map(|r| (r.id.as_ref(), r.row.as_ref()))
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

    #[test]
    fn an_entry_decodes_to_what_was_encoded() {
        let articles = articles(3, 30);
        let body = encode(&files(&articles), b"key", i64::MAX);
        let decoded = decode(&body, b"key").expect("decodes");
        let again = encode(&decoded, b"key", i64::MAX);
        assert_eq!(again, body);
        assert_eq!(decoded.len(), 5);
        assert_eq!(decoded[1].records[0].row.as_ref(), b"7");
        assert!(decode(&body, b"another key").is_none());
    }

    #[test]
    fn files_within_the_racy_margin_are_not_encoded() {
        let articles = articles(4, 14);
        let files = files(&articles);
        // The second file changed 1 s before the run began: too young to keep.
        let started = files[1].stamp.ctime_ns + RACY_MARGIN_NS / 2;
        let body = encode(&files, b"key", started);
        let kept = decode(&body, b"key").expect("decodes");
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].path.as_ref(), b"/archive/0.txt");
    }

    #[test]
    fn no_bytes_decode_to_a_panic() {
        let body = encode(&files(&articles(5, 20)), b"key", i64::MAX);
        for cut in 0..body.len() {
            assert!(decode(&body[..cut], b"key").is_none(), "cut at {cut}");
        }
        for at in 0..body.len() {
            let mut changed = body.clone();
            changed[at] = changed[at].wrapping_add(0x81);
            let _ = decode(&changed, b"key");
        }
    }

    #[test]
    fn an_entry_that_is_cut_or_changed_is_not_read() {
        let dir = std::env::temp_dir().join(format!("yuanqu-list-rows-{}", std::process::id()));
        let entry = dir.join("entry");
        let aside = dir.join(".new-entry");
        let body = encode(&files(&articles(6, 20)), b"key", i64::MAX);
        write_entry(&dir, &aside, &entry, &body);
        assert_eq!(read_entry(&entry).as_deref(), Some(body.as_slice()));
        let whole = fs::read(&entry).unwrap();
        let mut flipped = whole.clone();
        flipped[whole.len() / 2] ^= 1;
        for bytes in [flipped, whole[..whole.len() - 1].to_vec(), Vec::new()] {
            fs::write(&entry, &bytes).unwrap();
            assert!(read_entry(&entry).is_none());
        }
        let _ = fs::remove_dir_all(&dir);
    }
}
