//! The SQLite side of the index: opening it (or setting a broken one aside),
//! reading one file's entry, and writing entries in transactions.
//!
//! WAL mode: readers see the last committed state while a writer writes, and
//! writers wait for each other (busy timeout), so two runs at once never see a
//! half-written entry. Rows are never changed in place: a file's new entry gets a
//! new id (AUTOINCREMENT), so a body or figures row always belongs to the outline
//! it was read with.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use rusqlite::config::DbConfig;
use rusqlite::{params, Connection, ErrorCode, OpenFlags, OptionalExtension};

use super::stored::{decode, Entry, FileStamp};
use crate::core::article::Article;

/// Bumped when the tables change; an index of another schema is set aside.
const SCHEMA_VERSION: i64 = 3;

/// How long a run waits for another's write before going on without writing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Racy rule margin: an entry is not reused for a file whose mtime is this close
/// to, or after, the time the entry was made. File times come from a coarse clock
/// (a kernel tick, two seconds on FAT), so a write right after the file was read
/// can leave the same mtime; such a file is read again until its entry is older.
pub const RACY_MARGIN_NS: i64 = 2_000_000_000;

/// How much of the index each connection maps into memory (address space, not
/// memory: pages are shared with the page cache).
const MMAP_BYTES: i64 = 1 << 32;

/// Whether connections map the index (see `MMAP_BYTES`). A command's short run
/// reads faster mapped; a reader that stays open reads without, as every page read
/// through the mapping counts as its memory while it is mapped (60 MB of a
/// 2,000-page archive's index, read while loading).
static MAPPED: AtomicBool = AtomicBool::new(true);

/// Read the index without mapping it, from now on, in this process.
pub fn read_without_mapping() {
    MAPPED.store(false, Ordering::Relaxed);
}

const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS files (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    path BLOB NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    ctime_ns INTEGER NOT NULL,
    inode INTEGER NOT NULL,
    device INTEGER NOT NULL,
    parser TEXT NOT NULL,
    written_ns INTEGER NOT NULL,
    digest_len INTEGER NOT NULL,
    digest_hash INTEGER NOT NULL,
    path_date TEXT,
    file_name TEXT NOT NULL,
    outline TEXT NOT NULL,
    has_bodies INTEGER NOT NULL,
    has_figures INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS bodies (
    file INTEGER PRIMARY KEY REFERENCES files(id) ON DELETE CASCADE,
    json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS figure_lists (
    file INTEGER PRIMARY KEY REFERENCES files(id) ON DELETE CASCADE,
    json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS search_texts (
    file INTEGER PRIMARY KEY REFERENCES files(id) ON DELETE CASCADE,
    units BLOB NOT NULL
);
CREATE VIEW IF NOT EXISTS articles AS
SELECT
    CAST(f.path AS TEXT) AS path,
    a.key AS article,
    json_extract(a.value, '$.title') AS title,
    json_extract(a.value, '$.kicker') AS kicker,
    json_extract(a.value, '$.subtitle') AS subtitle,
    json_extract(a.value, '$.column') AS column_name,
    json_extract(a.value, '$.park') AS park,
    json_extract(a.value, '$.province') AS province,
    coalesce(json_extract(a.value, '$.date'), f.path_date) AS date,
    json_extract(a.value, '$.page') AS page,
    json_extract(a.value, '$.url') AS url,
    coalesce(json_extract(a.value, '$.source'), f.file_name) AS source,
    json_extract(a.value, '$.byline.raw') AS byline
FROM files AS f, json_each(f.outline) AS a;
CREATE VIEW IF NOT EXISTS figures AS
SELECT
    CAST(f.path AS TEXT) AS path,
    a.key AS article,
    json_extract(a.value, '$.park') AS park,
    coalesce(json_extract(a.value, '$.date'), f.path_date) AS date,
    json_extract(a.value, '$.title') AS title,
    json_extract(x.value, '$.text') AS text,
    json_extract(x.value, '$.value') AS value,
    json_extract(x.value, '$.value_max') AS value_max,
    json_extract(x.value, '$.unit') AS unit,
    json_extract(x.value, '$.kind') AS kind,
    json_extract(x.value, '$.bound') AS bound,
    json_extract(x.value, '$.qualifier') AS qualifier,
    json_extract(x.value, '$.block') AS block,
    json_extract(x.value, '$.context') AS context
FROM files AS f
JOIN figure_lists AS l ON l.file = f.id,
    json_each(f.outline) AS a,
    json_each(l.json) AS per
JOIN json_each(per.value) AS x
WHERE per.key = a.key;
"#;

/// An open index, for writing; readers for the workers come from it.
pub struct Index {
    path: PathBuf,
    conn: Connection,
}

/// Why an index could not be opened.
enum OpenError {
    /// Not an index at all, or a damaged one: set it aside.
    Broken(String),
    /// Cannot be created or written here: run without.
    Unavailable,
}

fn is_broken(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase)
    )
}

impl Index {
    /// Open (or create) the index at `path`. A broken one is renamed aside and a
    /// new one made; the note says so. `None` when there can be no index here.
    pub fn open(path: &Path) -> (Option<Index>, Option<String>) {
        if let Some(dir) = path.parent() {
            if fs::create_dir_all(dir).is_err() {
                return (None, None);
            }
        }
        match Index::try_open(path) {
            Ok(index) => (Some(index), None),
            Err(OpenError::Unavailable) => (None, None),
            Err(OpenError::Broken(why)) => {
                let note = set_aside(path, &why);
                let index = Index::try_open(path).ok();
                (index, note)
            }
        }
    }

    fn try_open(path: &Path) -> Result<Index, OpenError> {
        if !path.exists() {
            make_in_place(path)?;
        }
        // A zero-length file is an empty database to SQLite, but never an index
        // this program left: something cut it short.
        if fs::metadata(path).is_ok_and(|m| m.len() == 0) {
            return Err(OpenError::Broken("it is empty".into()));
        }
        let classify = |e: rusqlite::Error| {
            if is_broken(&e) {
                OpenError::Broken(e.to_string())
            } else {
                OpenError::Unavailable
            }
        };
        let conn = connect(path, true).map_err(classify)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(classify)?;
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(classify)?;
        if version != SCHEMA_VERSION {
            if version != 0 {
                return Err(OpenError::Broken(format!(
                    "it has tables of another kind (version {version})"
                )));
            }
            conn.execute_batch(&format!(
                "BEGIN IMMEDIATE; {SCHEMA} PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"
            ))
            .map_err(classify)?;
        }
        Ok(Index {
            path: path.to_path_buf(),
            conn,
        })
    }

    /// The keys under the folders `roots` (keys with a final separator) that are
    /// not `found`: files gone since they were indexed.
    pub fn gone_under(
        &self,
        roots: &[Vec<u8>],
        found: &std::collections::HashSet<Vec<u8>>,
    ) -> rusqlite::Result<Vec<Vec<u8>>> {
        let mut gone = Vec::new();
        for root in roots {
            gone.extend(
                keys_under(&self.conn, root)?
                    .into_iter()
                    .filter(|k| !found.contains(k)),
            );
        }
        Ok(gone)
    }

    /// Whether any file under the folders `roots` (keys with a final separator) has
    /// an entry; true when that cannot be told.
    pub fn holds_any_under(&self, roots: &[Vec<u8>]) -> bool {
        roots.iter().any(|root| {
            let Some((root, end)) = range_under(root) else {
                return true;
            };
            self.conn
                .prepare_cached("SELECT 1 FROM files WHERE path >= ?1 AND path < ?2 LIMIT 1")
                .and_then(|mut stmt| stmt.exists(params![root, end]))
                .unwrap_or(true)
        })
    }

    /// Write `entries` (each replacing the file's old one) and forget the files
    /// `gone`, in one transaction. An error leaves the index as it was.
    pub fn write(
        &mut self,
        entries: &[Entry],
        version: &str,
        gone: &[Vec<u8>],
    ) -> rusqlite::Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        {
            // One look-up per entry, and the three deletes only for a file indexed
            // before: a first run over an archive has none to delete.
            let mut find = tx.prepare_cached("SELECT id FROM files WHERE path = ?1")?;
            let mut forget_bodies = tx.prepare_cached("DELETE FROM bodies WHERE file = ?1")?;
            let mut forget_figures =
                tx.prepare_cached("DELETE FROM figure_lists WHERE file = ?1")?;
            let mut forget_search_text =
                tx.prepare_cached("DELETE FROM search_texts WHERE file = ?1")?;
            let mut forget = tx.prepare_cached("DELETE FROM files WHERE id = ?1")?;
            let mut remove = |key: &[u8]| -> rusqlite::Result<()> {
                let id: Option<i64> = find.query_row([key], |r| r.get(0)).optional()?;
                if let Some(id) = id {
                    forget_bodies.execute([id])?;
                    forget_figures.execute([id])?;
                    forget_search_text.execute([id])?;
                    forget.execute([id])?;
                }
                Ok(())
            };
            for key in gone {
                remove(key)?;
            }
            let mut insert = tx.prepare_cached(
                "INSERT INTO files (path, size, mtime_ns, ctime_ns, inode, device, parser, \
                 written_ns, digest_len, digest_hash, path_date, file_name, outline, \
                 has_bodies, has_figures) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            )?;
            let mut insert_body =
                tx.prepare_cached("INSERT INTO bodies (file, json) VALUES (?1, ?2)")?;
            let mut insert_figures =
                tx.prepare_cached("INSERT INTO figure_lists (file, json) VALUES (?1, ?2)")?;
            let mut insert_search_text =
                tx.prepare_cached("INSERT INTO search_texts (file, units) VALUES (?1, ?2)")?;
            for e in entries {
                remove(&e.key)?;
                let s = e.stamp;
                insert.execute(params![
                    e.key,
                    s.size,
                    s.mtime_ns,
                    s.ctime_ns,
                    s.inode,
                    s.device,
                    version,
                    e.written_ns,
                    e.digest_len,
                    e.digest_hash,
                    e.path_date,
                    e.file_name,
                    e.outline,
                    e.bodies.is_some(),
                    e.figures.is_some()
                ])?;
                let id = tx.last_insert_rowid();
                if let Some(bodies) = &e.bodies {
                    insert_body.execute(params![id, bodies])?;
                }
                if let Some(figures) = &e.figures {
                    insert_figures.execute(params![id, figures])?;
                }
                if let Some(units) = &e.search_text {
                    insert_search_text.execute(params![id, units])?;
                }
            }
        }
        tx.commit()
    }

    /// Set this index aside as broken (it was found so while reading) and start a
    /// new one; the note says where the old one went.
    pub fn set_aside_and_reopen(self, why: &str) -> (Option<Index>, Option<String>) {
        let path = self.path.clone();
        drop(self);
        let note = set_aside(&path, why);
        (Index::try_open(&path).ok(), note)
    }
}

/// The keys from `root` (a folder's key with a final separator) up to, not including,
/// `root` with its last byte raised by one: every file under it.
fn range_under(root: &[u8]) -> Option<(&[u8], Vec<u8>)> {
    let mut end = root.to_vec();
    match end.last_mut() {
        Some(last) if *last < u8::MAX => *last += 1,
        _ => return None,
    }
    Some((root, end))
}

/// Every key of a file under the folder `root` (its absolute path's bytes with a
/// final separator): the keys from `root` up to, not including, `root` with its
/// last byte raised by one.
fn keys_under(conn: &Connection, root: &[u8]) -> rusqlite::Result<Vec<Vec<u8>>> {
    let Some((root, end)) = range_under(root) else {
        return Ok(Vec::new());
    };
    let mut stmt = conn.prepare_cached("SELECT path FROM files WHERE path >= ?1 AND path < ?2")?;
    let keys = stmt.query_map(params![root, end], |r| r.get::<_, Vec<u8>>(0))?;
    keys.collect()
}

fn connect(path: &Path, create: bool) -> rusqlite::Result<Connection> {
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Entries read straight from the mapped file, not copied in by a read call
    // each: most of a warm run's SQLite time otherwise.
    let mapped = if MAPPED.load(Ordering::Relaxed) {
        MMAP_BYTES
    } else {
        0
    };
    conn.pragma_update(None, "mmap_size", mapped)?;
    // The WAL is copied into the database as it grows (every 1,000 pages), not on
    // closing: a run that wrote one entry should not wait on a checkpoint's fsync.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
    // In WAL mode NORMAL is crash-safe (a crash may lose the last commit, never
    // leave a half-written one): the index is a cache.
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    Ok(conn)
}

/// Make a new index aside, whole (its tables, in WAL mode), and link it into
/// place unless another run put one there first. Created in place, a run that
/// began beside another met it half made (a zero-length file, or no tables yet)
/// and set it aside as broken.
fn make_in_place(path: &Path) -> Result<(), OpenError> {
    let mut aside = path.as_os_str().to_owned();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    aside.push(format!(".new-{}-{nanos}", std::process::id()));
    let aside = PathBuf::from(aside);
    let made = connect(&aside, true).and_then(|conn| {
        conn.execute_batch(&format!(
            "BEGIN IMMEDIATE; {SCHEMA} PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"
        ))?;
        conn.pragma_update(None, "journal_mode", "WAL")
    });
    let placed = made.is_ok()
        && match fs::hard_link(&aside, path) {
            Ok(()) => true,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => true,
            // A file system without hard links: renamed, unless one came meanwhile.
            Err(_) => path.exists() || fs::rename(&aside, path).is_ok(),
        };
    for suffix in ["", "-wal", "-shm"] {
        let mut file = aside.as_os_str().to_owned();
        file.push(suffix);
        let _ = fs::remove_file(file);
    }
    if placed {
        Ok(())
    } else {
        Err(OpenError::Unavailable)
    }
}

/// Rename the index (and its WAL) aside, never deleting it; the note to print once.
fn set_aside(path: &Path, why: &str) -> Option<String> {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut aside = path.as_os_str().to_owned();
    aside.push(format!(".broken-{stamp}-{}", std::process::id()));
    let aside = PathBuf::from(aside);
    if fs::rename(path, &aside).is_err() {
        // Another run set it aside first.
        return None;
    }
    for suffix in ["-wal", "-shm"] {
        let mut from = path.as_os_str().to_owned();
        from.push(suffix);
        let mut to = aside.as_os_str().to_owned();
        to.push(suffix);
        let _ = fs::rename(from, to);
    }
    Some(format!(
        "the index could not be read ({why}): set aside as {} and built anew",
        aside.display()
    ))
}

/// One worker's connection, reading entries.
pub struct IndexReader {
    conn: Connection,
}

/// What a file's own entry holds besides the outline (nothing, when there is no
/// entry for this very file).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Held {
    pub bodies: bool,
    pub figures: bool,
}

/// What a load asks of a file's entry besides the outline.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Wanted {
    pub bodies: bool,
    pub figures: bool,
    /// The articles folded for search (`FoldedText::encode`), kept beside the bodies.
    pub search_text: bool,
}

/// A file's entry, found for this very file.
struct FoundEntry {
    id: i64,
    digest_len: i64,
    digest_hash: i64,
    outline: String,
}

/// What an entry gave for one file.
pub struct Reused {
    pub articles: Vec<Article>,
    pub digest_len: i64,
    pub digest_hash: i64,
    /// The folded articles, when wanted.
    pub search_text: Option<Vec<u8>>,
}

impl IndexReader {
    /// A connection for one worker thread, reading the index at `path`.
    pub fn open(path: &Path) -> Option<IndexReader> {
        connect(path, false).ok().map(|conn| IndexReader { conn })
    }

    /// The articles of the file `key` if its entry is for this very file
    /// (`stamp`, `version`) and was made well after the file last changed; with
    /// what is `wanted`. The folded text is kept with the bodies (an entry has
    /// both or neither). When the entry is the file's but lacks something wanted,
    /// `Err` says what it has, so that the file is parsed for all of it and its
    /// entry keeps serving the other commands.
    pub fn reuse(
        &mut self,
        key: &[u8],
        stamp: &FileStamp,
        version: &str,
        wanted: Wanted,
    ) -> rusqlite::Result<Result<Reused, Held>> {
        let found = match self.entry_of(key, stamp, version, wanted)? {
            Ok(found) => found,
            Err(held) => return Ok(Err(held)),
        };
        let Wanted {
            bodies,
            figures,
            search_text,
        } = wanted;
        let id = found.id;
        let body_text = match bodies {
            true => self.text_of("SELECT json FROM bodies WHERE file = ?1", id)?,
            false => None,
        };
        let figure_text = match figures {
            true => self.text_of("SELECT json FROM figure_lists WHERE file = ?1", id)?,
            false => None,
        };
        let units = match search_text {
            true => self
                .conn
                .prepare_cached("SELECT units FROM search_texts WHERE file = ?1")?
                .query_row([id], |r| r.get::<_, Vec<u8>>(0))
                .optional()?,
            false => None,
        };
        // Rows of one entry are written together: one missing here was replaced
        // (with the entry) since the outline was read.
        let missing = (bodies && body_text.is_none())
            || (figures && figure_text.is_none())
            || (search_text && units.is_none());
        if missing {
            return Ok(Err(Held::default()));
        }
        let articles = decode(&found.outline, body_text.as_deref(), figure_text.as_deref());
        Ok(articles
            .map(|articles| Reused {
                articles,
                digest_len: found.digest_len,
                digest_hash: found.digest_hash,
                search_text: units,
            })
            .ok_or(Held::default()))
    }

    /// The entry of the file `key` if it is for this very file and holds what is
    /// `wanted`; else what the file's own entry holds (nothing, when it has none).
    fn entry_of(
        &mut self,
        key: &[u8],
        stamp: &FileStamp,
        version: &str,
        wanted: Wanted,
    ) -> rusqlite::Result<Result<FoundEntry, Held>> {
        let found = self
            .conn
            .prepare_cached(
                "SELECT id, size, mtime_ns, ctime_ns, inode, device, parser, written_ns, \
                 digest_len, digest_hash, outline, has_bodies, has_figures \
                 FROM files WHERE path = ?1",
            )?
            .query_row([key], |r| {
                let same = FileStamp {
                    size: r.get(1)?,
                    mtime_ns: r.get(2)?,
                    ctime_ns: r.get(3)?,
                    inode: r.get(4)?,
                    device: r.get(5)?,
                } == *stamp
                    && r.get_ref(6)?.as_str()? == version
                    && stamp.mtime_ns.saturating_add(RACY_MARGIN_NS) < r.get::<_, i64>(7)?;
                if !same {
                    return Ok(Err(Held::default()));
                }
                let held = Held {
                    bodies: r.get(11)?,
                    figures: r.get(12)?,
                };
                // The folded text is kept with the bodies.
                let bodies = wanted.bodies || wanted.search_text;
                if (bodies && !held.bodies) || (wanted.figures && !held.figures) {
                    return Ok(Err(held));
                }
                Ok(Ok(FoundEntry {
                    id: r.get(0)?,
                    digest_len: r.get(8)?,
                    digest_hash: r.get(9)?,
                    outline: r.get(10)?,
                }))
            })
            .optional()?;
        Ok(found.unwrap_or(Err(Held::default())))
    }

    fn text_of(&self, sql: &str, id: i64) -> rusqlite::Result<Option<String>> {
        self.conn
            .prepare_cached(sql)?
            .query_row([id], |r| r.get::<_, String>(0))
            .optional()
    }
}

/// Whether an error met while reading says the index is broken.
pub fn says_broken(e: &rusqlite::Error) -> bool {
    is_broken(e)
}
