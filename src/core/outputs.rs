//! Whole-command entries: what a command printed over a set of files, replayed
//! while none of them changed (docs/index.md).
//!
//! A warm `list --json` or `figures --json` over an archive would otherwise read
//! every file's entry, decode it, put the collection together and write its
//! output again: all to print what it printed last time. Here the folders are
//! walked and every file stat'ed (the same walk a load makes), and when the
//! listing (each file's path, size, mtime and ctime in ns, inode and device), the
//! command and its options, the working folder, the configuration and the parser's
//! version are all those of the entry, the entry's output is printed as it is.
//!
//! An entry is a file under `$XDG_CACHE_HOME/yuanqu/outputs/`, replaced whole
//! (written aside, then renamed): the output, what went to stderr, the listing it
//! was made from and a hash of the output. One that does not read back whole and
//! the same is not used. A file whose mtime or ctime is within the racy margin of
//! the time the entry was begun is treated as changed (git's racy rule), and no
//! entry is made while one is. Only a run that succeeded, and set no broken index
//! aside, leaves an entry; at most [`KEEP_ENTRIES`] are kept, the newest, in at
//! most [`KEEP_BYTES`].

use std::fs;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::core::collection::{files_to_read, LoadWarning};
use crate::core::ids::fast_hash;
use crate::core::index::{FileStamp, IndexPlace, PARSER_VERSION, RACY_MARGIN_NS};
use crate::core::workers::map_on_every_core;

/// Entries kept: each command and options (`list --json`, `figures --csv` …) over
/// each set of folders has its own, as large as its output.
pub const KEEP_ENTRIES: usize = 8;

/// Bytes the entries may take together (beyond the newest one): `figures --json`
/// over 20,000 pages alone is 344 MB.
pub const KEEP_BYTES: u64 = 1 << 30;

/// Marks the end of an entry of this layout.
const MAGIC: &[u8; 8] = b"yqout001";

/// The fixed end of an entry: five lengths and numbers, and `MAGIC`.
const TRAILER_LEN: usize = 6 * 8 + MAGIC.len();

/// The run being recorded, if any: what it prints is copied into its entry.
static RECORDING: Mutex<Option<Recording>> = Mutex::new(None);

struct Recording {
    /// The output's copy, written into the entry aside; and where it goes once
    /// whole.
    copy: OutputCopy,
    aside: PathBuf,
    entry: PathBuf,
    header: Vec<u8>,
    written_ns: i64,
    stdout_len: u64,
    err_before: Vec<u8>,
    err_after: Vec<u8>,
    /// The index this run uses: a note about it (set aside) is not replayed.
    index_db: PathBuf,
    /// Something made the output unfit to replay (a write failed, a note about the index).
    spoiled: bool,
}

/// The output copied into an entry's file on a thread of its own: hashing and
/// writing tens of megabytes took a third of a `list --json` that changed a page.
struct OutputCopy {
    pieces: std::sync::mpsc::SyncSender<Vec<u8>>,
    /// Pieces copied, given back empty to be filled again: a new buffer for each
    /// piece would fault in fresh pages for all the output.
    spares: std::sync::mpsc::Receiver<Vec<u8>>,
    written: std::thread::JoinHandle<Option<(std::io::BufWriter<fs::File>, Hasher)>>,
}

/// Pieces of output waiting to be copied (each as long as the command's buffer):
/// past this many the command waits for the copy.
const PIECES_WAITING: usize = 64;

impl OutputCopy {
    /// Copy into `file` what is sent, once the stale entry `replaced` is removed:
    /// a large file takes tens of milliseconds to free, which a rename over it
    /// would spend as the command ends.
    fn start(file: fs::File, replaced: PathBuf) -> OutputCopy {
        let (pieces, received) = std::sync::mpsc::sync_channel::<Vec<u8>>(PIECES_WAITING);
        let (give_back, spares) = std::sync::mpsc::channel();
        let written = std::thread::spawn(move || {
            let _ = fs::remove_file(replaced);
            let mut hasher = Hasher::default();
            let mut ok = true;
            let mut file = file;
            for mut piece in received {
                hasher.update(&piece);
                ok = ok && file.write_all(&piece).is_ok();
                piece.clear();
                let _ = give_back.send(piece);
            }
            ok.then(|| (std::io::BufWriter::new(file), hasher))
        });
        OutputCopy {
            pieces,
            spares,
            written,
        }
    }

    /// The entry's file and the hash of all that was copied into it; `None` if a
    /// write failed.
    fn end(self) -> Option<(std::io::BufWriter<fs::File>, Hasher)> {
        drop(self.pieces);
        self.written.join().ok().flatten()
    }
}

/// What `replay_or_record` did.
pub enum Outcome<T> {
    /// Printed the entry's output; writing it failed, if an error is given (a
    /// closed pipe is no failure).
    Replayed(Option<std::io::Error>),
    /// Ran the command, which gave this.
    Ran(T),
}

/// What a command's run is keyed by, besides its files: the command as given with
/// its options, and whatever else decides its output (working folder, configuration).
pub struct CommandKey<'a>(pub &'a [u8]);

/// Print the entry of this command over `paths` if it is for these very files and
/// return `None`; else run the command, recording what it prints, keep the
/// recording as the new entry when `succeeded` says the run may be replayed, and
/// return what `run` gave.
pub fn replay_or_record<T>(
    place: &IndexPlace,
    command: CommandKey,
    paths: &[PathBuf],
    run: impl FnOnce(Option<&Listing>) -> T,
    succeeded: impl FnOnce(&T) -> bool,
) -> Outcome<T> {
    let Some(db) = place.path() else {
        return Outcome::Ran(run(None));
    };
    let dir = db.with_file_name("outputs");
    let Some(listing) = Listing::of(paths) else {
        return Outcome::Ran(run(None));
    };
    // Taken before any file was looked at: a change after it is never missed.
    let written_ns = listing.started_ns;
    let (header, newest_ns) = (listing.header(command.0), listing.newest_ns());
    // Named by the command and the parser: two versions side by side keep theirs.
    let name = fast_hash(fast_hash(1, PARSER_VERSION.as_bytes()), command.0);
    let entry = dir.join(format!("{name:016x}"));
    let racy = newest_ns.saturating_add(RACY_MARGIN_NS) >= written_ns;
    if let Some(replayable) = (!racy)
        .then(|| open_replay(&entry, &header, newest_ns))
        .flatten()
    {
        return Outcome::Replayed(replay(replayable).err());
    }
    let recording = (!racy)
        .then(|| begin(&dir, entry, header, written_ns, db))
        .flatten();
    set_recording(recording);
    let result = run(Some(&listing));
    let recording = set_recording(None);
    if let Some(recording) = recording {
        if succeeded(&result) && !recording.spoiled {
            finish(recording, &dir);
        } else {
            let aside = recording.aside;
            let _ = recording.copy.end();
            let _ = fs::remove_file(aside);
        }
    }
    Outcome::Ran(result)
}

fn set_recording(recording: Option<Recording>) -> Option<Recording> {
    match RECORDING.lock() {
        Ok(mut current) => std::mem::replace(&mut *current, recording),
        Err(_) => None,
    }
}

/// What a walk over a command's paths found: every file the load would read, in
/// its order, with its stamp, and the walk's warnings.
pub struct Listing {
    /// Each file's path as the walk gives it, and whether it was named directly.
    pub files: Vec<(PathBuf, bool)>,
    pub stamps: Vec<FileStamp>,
    pub warnings: Vec<LoadWarning>,
    /// Wall-clock ns taken before the walk: a file changed later is never missed.
    pub started_ns: i64,
}

impl Listing {
    /// Walk `paths` and stat every file; `None` when a file cannot be stat'ed.
    pub fn of(paths: &[PathBuf]) -> Option<Listing> {
        let started_ns = now_ns()?;
        let (files, warnings) = files_to_read(paths);
        let stamps = stamps_on_every_core(&files)
            .into_iter()
            .collect::<Option<_>>()?;
        Some(Listing {
            files,
            stamps,
            warnings,
            started_ns,
        })
    }

    /// The newest mtime or ctime of the files.
    pub fn newest_ns(&self) -> i64 {
        let newest = self.stamps.iter().map(|s| s.mtime_ns.max(s.ctime_ns)).max();
        newest.unwrap_or(i64::MIN)
    }

    /// The bytes an entry must begin from: the parser's version, the command, and
    /// every file with its stamp (and the walk's warnings).
    fn header(&self, command: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(64 * self.files.len() + 256);
        put_bytes(&mut out, PARSER_VERSION.as_bytes());
        put_bytes(&mut out, command);
        for ((path, named), stamp) in self.files.iter().zip(&self.stamps) {
            put_bytes(&mut out, path.as_os_str().as_encoded_bytes());
            out.push(u8::from(*named));
            for n in [
                stamp.size,
                stamp.mtime_ns,
                stamp.ctime_ns,
                stamp.inode,
                stamp.device,
            ] {
                out.extend_from_slice(&n.to_le_bytes());
            }
        }
        for w in &self.warnings {
            put_bytes(&mut out, w.to_string().as_bytes());
        }
        out
    }
}

/// The bytes an entry must begin from (`Listing::header`) and the newest mtime or
/// ctime among the files. `None` when a file cannot be stat'ed.
pub(crate) fn header(command: &[u8], paths: &[PathBuf]) -> Option<(Vec<u8>, i64)> {
    let listing = Listing::of(paths)?;
    Some((listing.header(command), listing.newest_ns()))
}

/// Each file's stamp (`None` where it cannot be stat'ed), asked of the system on
/// every core: a stat each is half the time of a walk over 20,000 pages.
fn stamps_on_every_core(files: &[(PathBuf, bool)]) -> Vec<Option<FileStamp>> {
    let stamp = |(path, _): &(PathBuf, bool)| FileStamp::of(&fs::metadata(path).ok()?);
    map_on_every_core(files, 1024, stamp)
}

fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
    out.extend_from_slice(bytes);
}

/// The entry at `path`, opened to be printed, if it is whole and made from
/// `header` after the newest file changed. Checked whole before a byte is
/// printed, then printed a piece at a time: the output is never all in memory.
fn open_replay(path: &Path, header: &[u8], newest_ns: i64) -> Option<Replayable> {
    let (mut file, t) = open_entry(path, header, newest_ns)?;
    let mut err = vec![0u8; (t.err_before_len + t.err_after_len) as usize];
    file.seek(SeekFrom::Start(t.stdout_len)).ok()?;
    file.read_exact(&mut err).ok()?;
    file.seek(SeekFrom::Start(0)).ok()?;
    Some(Replayable { file, t, err })
}

/// An entry checked and opened to be printed, with its stderr read: nothing but
/// writing the output is left to fail.
struct Replayable {
    file: fs::File,
    t: Trailer,
    err: Vec<u8>,
}

/// Print an entry's stderr and stdout as the run printed them.
fn replay(r: Replayable) -> std::io::Result<()> {
    let Replayable { mut file, t, err } = r;
    let (err_before, err_after) = err.split_at(t.err_before_len as usize);
    let mut errors = std::io::stderr().lock();
    let _ = errors.write_all(err_before);
    let mut out = std::io::stdout().lock();
    // The entry cannot change under the open file: a new one is a new file.
    let copied = std::io::copy(&mut (&mut file).take(t.stdout_len), &mut out);
    let written = copied.and_then(|_| out.flush());
    let _ = errors.write_all(err_after);
    // A closed pipe (`| head`) ends the output quietly, as a run's does; a full
    // disk is an error, as it is to a run.
    written.or_else(|e| match e.kind() {
        std::io::ErrorKind::BrokenPipe => Ok(()),
        _ => Err(e),
    })
}

/// The trailer's numbers, in order.
struct Trailer {
    stdout_len: u64,
    err_before_len: u64,
    err_after_len: u64,
    header_len: u64,
    written_ns: i64,
    hash: u64,
}

impl Trailer {
    fn to_bytes(&self) -> Vec<u8> {
        let mut t = Vec::with_capacity(TRAILER_LEN);
        for n in [
            self.stdout_len,
            self.err_before_len,
            self.err_after_len,
            self.header_len,
            self.written_ns as u64,
            self.hash,
        ] {
            t.extend_from_slice(&n.to_le_bytes());
        }
        t.extend_from_slice(MAGIC);
        t
    }

    fn from_bytes(t: &[u8; TRAILER_LEN]) -> Option<Trailer> {
        if &t[TRAILER_LEN - MAGIC.len()..] != MAGIC {
            return None;
        }
        let n = |i: usize| {
            let mut word = [0u8; 8];
            word.copy_from_slice(&t[i * 8..i * 8 + 8]);
            u64::from_le_bytes(word)
        };
        Some(Trailer {
            stdout_len: n(0),
            err_before_len: n(1),
            err_after_len: n(2),
            header_len: n(3),
            written_ns: n(4) as i64,
            hash: n(5),
        })
    }
}

/// The entry at `path`, opened, if it is whole (its hash holds) and was made from
/// `header` well after the newest file changed.
fn open_entry(path: &Path, header: &[u8], newest_ns: i64) -> Option<(fs::File, Trailer)> {
    // Not a regular file (a FIFO put there would block the open): not an entry.
    if !fs::metadata(path).ok()?.is_file() {
        return None;
    }
    let mut file = fs::File::open(path).ok()?;
    let len = file.metadata().ok()?.len();
    let mut raw = [0u8; TRAILER_LEN];
    file.seek(SeekFrom::Start(len.checked_sub(TRAILER_LEN as u64)?))
        .ok()?;
    file.read_exact(&mut raw).ok()?;
    let t = Trailer::from_bytes(&raw)?;
    let body_len = t
        .stdout_len
        .checked_add(t.err_before_len)?
        .checked_add(t.err_after_len)?;
    let whole = body_len
        .checked_add(t.header_len)?
        .checked_add(TRAILER_LEN as u64);
    let fresh = newest_ns.saturating_add(RACY_MARGIN_NS) < t.written_ns;
    if whole != Some(len) || t.header_len != header.len() as u64 || !fresh {
        return None;
    }
    // The header first: a changed file is known without reading the output.
    let mut stored_header = vec![0u8; header.len()];
    file.seek(SeekFrom::Start(body_len)).ok()?;
    file.read_exact(&mut stored_header).ok()?;
    if stored_header != header {
        return None;
    }
    file.seek(SeekFrom::Start(0)).ok()?;
    let mut hasher = Hasher::default();
    let mut piece = vec![0u8; 1 << 20];
    let mut left = body_len;
    while left > 0 {
        let n = piece.len().min(usize::try_from(left).unwrap_or(usize::MAX));
        file.read_exact(&mut piece[..n]).ok()?;
        hasher.update(&piece[..n]);
        left -= n as u64;
    }
    (hasher.finish() == t.hash).then_some((file, t))
}

/// Open a new entry aside in `dir`; `None` when it cannot be written there.
fn begin(
    dir: &Path,
    entry: PathBuf,
    header: Vec<u8>,
    written_ns: i64,
    db: &Path,
) -> Option<Recording> {
    fs::create_dir_all(dir).ok()?;
    let aside = dir.join(format!(".new-{}-{written_ns}", std::process::id()));
    let file = fs::File::create(&aside).ok()?;
    // The entry there did not replay: it is stale.
    let copy = OutputCopy::start(file, entry.clone());
    Some(Recording {
        copy,
        aside,
        entry,
        header,
        written_ns,
        stdout_len: 0,
        err_before: Vec::new(),
        err_after: Vec::new(),
        index_db: db.to_path_buf(),
        spoiled: false,
    })
}

/// Finish the entry (stderr after stdout, the header, the trailer), put it in
/// place, and drop the oldest beyond [`KEEP_ENTRIES`] or [`KEEP_BYTES`].
fn finish(r: Recording, dir: &Path) {
    // Ended first: the stale entry's removal must not take the new one.
    let copied = r.copy.end();
    let placed = (|| -> std::io::Result<()> {
        let (mut file, mut hasher) = copied.ok_or(std::io::ErrorKind::Other)?;
        hasher.update(&r.err_before);
        hasher.update(&r.err_after);
        let trailer = Trailer {
            stdout_len: r.stdout_len,
            err_before_len: r.err_before.len() as u64,
            err_after_len: r.err_after.len() as u64,
            header_len: r.header.len() as u64,
            written_ns: r.written_ns,
            hash: hasher.finish(),
        };
        file.write_all(&r.err_before)?;
        file.write_all(&r.err_after)?;
        file.write_all(&r.header)?;
        file.write_all(&trailer.to_bytes())?;
        file.flush()?;
        fs::rename(&r.aside, &r.entry)
    })();
    if placed.is_err() {
        let _ = fs::remove_file(&r.aside);
        return;
    }
    drop_oldest(dir, KEEP_ENTRIES, KEEP_BYTES);
}

/// Keep the newest `keep_entries` entries in `dir`, and of those no more than
/// `keep_bytes` together (the newest always stays); entries being written (named
/// `.new-…`) by a run that died long ago go too.
pub(crate) fn drop_oldest(dir: &Path, keep_entries: usize, keep_bytes: u64) {
    let Ok(read) = fs::read_dir(dir) else { return };
    let mut entries: Vec<(SystemTime, u64, PathBuf, bool)> = read
        .filter_map(Result::ok)
        .filter_map(|e| {
            let meta = e.metadata().ok()?;
            let aside = e.file_name().to_string_lossy().starts_with(".new-");
            Some((meta.modified().ok()?, meta.len(), e.path(), aside))
        })
        .collect();
    entries.sort_by_key(|e| std::cmp::Reverse(e.0));
    let day_ago = SystemTime::now() - std::time::Duration::from_secs(24 * 3600);
    let (mut kept, mut kept_bytes) = (0, 0u64);
    for (modified, len, path, aside) in entries {
        let drop = if aside {
            modified < day_ago
        } else {
            kept += 1;
            kept_bytes = kept_bytes.saturating_add(len);
            kept > 1 && (kept > keep_entries || kept_bytes > keep_bytes)
        };
        if drop {
            let _ = fs::remove_file(path);
        }
    }
}

/// A checksum of bytes given in pieces, against an entry damaged or cut: CRC-32
/// (crc32fast, with the processor's carry-less multiply where there is one) and
/// the length. It runs at over twice the speed of the four-lane mix it replaced,
/// which was a fifth of a `list --json` after a page changed (three passes over
/// 150 MB: the entry read, the entry and the output written).
#[derive(Default)]
pub(crate) struct Hasher {
    crc: crc32fast::Hasher,
    total: u64,
}

impl Hasher {
    pub(crate) fn update(&mut self, bytes: &[u8]) {
        self.total += bytes.len() as u64;
        self.crc.update(bytes);
    }

    pub(crate) fn finish(&self) -> u64 {
        (self.total << 32) | u64::from(self.crc.clone().finalize())
    }
}

/// Bytes of output gathered before they are written.
const OUTPUT_PIECE: usize = 256 * 1024;

/// Stdout as commands write it, buffered: each piece written is also handed,
/// whole and without a copy, to the entry being recorded, if any.
pub struct TeedStdout {
    out: std::io::StdoutLock<'static>,
    piece: Vec<u8>,
}

impl TeedStdout {
    pub fn new() -> TeedStdout {
        TeedStdout {
            out: std::io::stdout().lock(),
            piece: Vec::with_capacity(OUTPUT_PIECE),
        }
    }

    fn write_piece(&mut self) -> std::io::Result<()> {
        if self.piece.is_empty() {
            return Ok(());
        }
        if let Err(e) = self.out.write_all(&self.piece) {
            // Output cut short (`| head`) is no output to replay, nor to write
            // again.
            spoil();
            self.piece.clear();
            return Err(e);
        }
        record_piece(&mut self.piece);
        Ok(())
    }
}

impl Default for TeedStdout {
    fn default() -> TeedStdout {
        TeedStdout::new()
    }
}

impl Write for TeedStdout {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if self.piece.len() + bytes.len() > OUTPUT_PIECE {
            self.write_piece()?;
        }
        self.piece.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.write_piece()?;
        self.out.flush()
    }
}

impl Drop for TeedStdout {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

fn spoil() {
    if let Ok(mut current) = RECORDING.lock() {
        if let Some(r) = current.as_mut() {
            r.spoiled = true;
        }
    }
}

/// Hand `piece`, just written, to the recording if there is one, and leave an
/// empty buffer in its place (one the recording gave back, if any).
fn record_piece(piece: &mut Vec<u8>) {
    let Ok(mut current) = RECORDING.lock() else {
        piece.clear();
        return;
    };
    let Some(r) = current.as_mut().filter(|r| !r.spoiled) else {
        piece.clear();
        return;
    };
    r.stdout_len += piece.len() as u64;
    let spare = r.copy.spares.try_recv();
    let spare = spare.unwrap_or_else(|_| Vec::with_capacity(OUTPUT_PIECE));
    if r.copy.pieces.send(std::mem::replace(piece, spare)).is_err() {
        r.spoiled = true;
    }
}

/// Print a line on stderr (with a newline), and record it.
pub fn note(line: &str) {
    eprintln!("{line}");
    if let Ok(mut current) = RECORDING.lock() {
        if let Some(r) = current.as_mut() {
            let err = if r.stdout_len == 0 {
                &mut r.err_before
            } else {
                &mut r.err_after
            };
            err.extend_from_slice(line.as_bytes());
            err.push(b'\n');
        }
    }
}

/// Print a load warning as `note` does; a note about the index itself (set aside)
/// is said once, so a run that gave one is not replayed.
pub fn note_warning(w: &LoadWarning) {
    note(&format!("yuanqu: {w}"));
    if let Ok(mut current) = RECORDING.lock() {
        if let Some(r) = current.as_mut().filter(|r| r.index_db == w.path) {
            r.spoiled = true;
        }
    }
}

pub(crate) fn now_ns() -> Option<i64> {
    let since = SystemTime::now().duration_since(UNIX_EPOCH).ok()?;
    i64::try_from(since.as_nanos()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn folder(name: &str) -> PathBuf {
        crate::private_folder::test_folder(&format!("outputs-{name}"))
    }

    /// Entry files `0` (oldest) to `n - 1`, each `len` bytes (sparse).
    fn entries(dir: &Path, n: u64, len: u64) {
        let long_ago = SystemTime::now() - Duration::from_secs(3600);
        for i in 0..n {
            let file = fs::File::create(dir.join(i.to_string())).unwrap();
            file.set_len(len).unwrap();
            let when = long_ago + Duration::from_secs(i);
            file.set_times(fs::FileTimes::new().set_modified(when))
                .unwrap();
        }
    }

    fn left(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort_by_key(|n| n.parse::<u32>().unwrap_or(u32::MAX));
        names
    }

    #[test]
    fn the_newest_entries_are_kept_by_count_and_by_bytes() {
        let dir = folder("count");
        entries(&dir, 11, 10);
        drop_oldest(&dir, KEEP_ENTRIES, KEEP_BYTES);
        assert_eq!(left(&dir), ["3", "4", "5", "6", "7", "8", "9", "10"]);
        let dir = folder("bytes");
        entries(&dir, 3, KEEP_BYTES / 2 + 1);
        drop_oldest(&dir, KEEP_ENTRIES, KEEP_BYTES);
        assert_eq!(left(&dir), ["2"]);
        let dir = folder("one large");
        entries(&dir, 2, KEEP_BYTES + 1);
        drop_oldest(&dir, KEEP_ENTRIES, KEEP_BYTES);
        assert_eq!(left(&dir), ["1"], "the newest stays, however large");
        for name in ["count", "bytes", "one large"] {
            let _ = fs::remove_dir_all(folder(name));
        }
    }

    #[test]
    fn a_hash_in_pieces_is_the_hash_of_the_whole() {
        let bytes: Vec<u8> = (0..1000u32).map(|i| (i * 7 % 251) as u8).collect();
        let mut whole = Hasher::default();
        whole.update(&bytes);
        for cut in [0, 1, 7, 8, 9, 31, 32, 33, 500, 999, 1000] {
            let mut pieces = Hasher::default();
            pieces.update(&bytes[..cut]);
            pieces.update(&bytes[cut..]);
            assert_eq!(pieces.finish(), whole.finish(), "cut at {cut}");
        }
        let mut other = Hasher::default();
        other.update(&bytes[1..]);
        assert_ne!(other.finish(), whole.finish());
    }
}
