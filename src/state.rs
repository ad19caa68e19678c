//! Reading state that survives the reader: the last article, each article's reading
//! place and read mark, search history and hidden panes, in
//! `$XDG_STATE_HOME/yuanqu/state.json` (default `~/.local/state/yuanqu/state.json`).
//!
//! - Keyed by article id. An entry whose article is not in the collection being read is
//!   kept for [`KEEP_GONE_DAYS`] after it was last seen, then dropped.
//! - Written atomically: a temporary file in the same folder, fsync, rename. Under a lock
//!   file the file on disk is read again and merged with ours before writing, so two
//!   readers open at once keep each other's marks: per article, the newer read mark and
//!   the newer place win; marks only one side has are kept.
//! - A file that is corrupt, from a newer version or unreadable is set aside (renamed
//!   with a timestamp, never deleted) and the reader starts without it.
//!
//! Pure data and file logic: no terminal crate here.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::core::files::write_atomically;
use crate::core::layout::Part;
use crate::core::sanitize::escape_for_terminal as printable;

/// The file format's version; a file with a higher one is set aside, not read.
pub const VERSION: u32 = 1;
/// How long an entry whose article is gone from the collection is kept.
pub const KEEP_GONE_DAYS: u64 = 90;
/// Search queries remembered, newest last.
pub const HISTORY_LEN: usize = 100;
const FILE_NAME: &str = "state.json";
const LOCK_NAME: &str = "state.lock";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct State {
    pub version: u32,
    /// Id of the article open at the last save.
    pub last_article: Option<String>,
    pub articles: BTreeMap<String, ArticleState>,
    /// Newest last.
    pub search_history: Vec<String>,
    pub hide_parks: bool,
    pub hide_highlights: bool,
    /// The parks pane lists unread articles only (`t`).
    pub unread_only: bool,
}

impl Default for State {
    fn default() -> State {
        State {
            version: VERSION,
            last_article: None,
            articles: BTreeMap::new(),
            search_history: Vec::new(),
            hide_parks: false,
            hide_highlights: false,
            unread_only: false,
        }
    }
}

/// What is kept for one article. Times are milliseconds since the Unix epoch.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ArticleState {
    pub read: bool,
    /// When `read` was last changed (0: never).
    pub read_changed: u64,
    /// The text at the top of the view.
    pub place: Option<Place>,
    pub place_changed: u64,
    /// Starred (`*`): kept by id, as read marks are, so it survives renamed files.
    pub starred: bool,
    /// When `starred` was last changed (0: never).
    pub starred_changed: u64,
    /// When the article was last in a collection the reader had open.
    pub seen: u64,
}

/// A reading place that holds across widths: the first text at the top of the view (a
/// part of the article and a char offset in its text), and how many blank rows are
/// above it in the view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    pub part: Part,
    pub offset: usize,
    pub lead: usize,
}

/// An [`Anchor`] as the file keeps it, the part by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub part: String,
    pub offset: usize,
    #[serde(default)]
    pub lead: usize,
}

impl Place {
    pub fn new(anchor: Anchor) -> Place {
        Place {
            part: part_name(anchor.part),
            offset: anchor.offset,
            lead: anchor.lead,
        }
    }

    /// The anchor, if the part's name is one this version knows.
    pub fn get(&self) -> Option<Anchor> {
        Some(Anchor {
            part: parse_part(&self.part)?,
            offset: self.offset,
            lead: self.lead,
        })
    }
}

fn part_name(part: Part) -> String {
    match part {
        Part::Kicker => "kicker".into(),
        Part::Title => "title".into(),
        Part::Subtitle => "subtitle".into(),
        Part::Byline => "byline".into(),
        Part::Block(n) => format!("block:{n}"),
        Part::Credit(n) => format!("credit:{n}"),
        Part::Truncation => "truncation".into(),
    }
}

fn parse_part(name: &str) -> Option<Part> {
    let numbered = |prefix: &str| name.strip_prefix(prefix)?.parse::<usize>().ok();
    Some(match name {
        "kicker" => Part::Kicker,
        "title" => Part::Title,
        "subtitle" => Part::Subtitle,
        "byline" => Part::Byline,
        "truncation" => Part::Truncation,
        _ => {
            if let Some(n) = numbered("block:") {
                Part::Block(n)
            } else {
                Part::Credit(numbered("credit:")?)
            }
        }
    })
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

impl State {
    pub fn is_read(&self, id: &str) -> bool {
        self.articles.get(id).is_some_and(|a| a.read)
    }

    /// Set the read mark; true when it changed.
    pub fn set_read(&mut self, id: &str, read: bool, now: u64) -> bool {
        let entry = self.articles.entry(id.to_string()).or_default();
        if entry.read == read && entry.read_changed != 0 {
            return false;
        }
        let changed = entry.read != read;
        entry.read = read;
        entry.read_changed = now;
        entry.seen = entry.seen.max(now);
        changed
    }

    pub fn is_starred(&self, id: &str) -> bool {
        self.articles.get(id).is_some_and(|a| a.starred)
    }

    /// Set the star; true when it changed.
    pub fn set_starred(&mut self, id: &str, starred: bool, now: u64) -> bool {
        let entry = self.articles.entry(id.to_string()).or_default();
        if entry.starred == starred && entry.starred_changed != 0 {
            return false;
        }
        let changed = entry.starred != starred;
        entry.starred = starred;
        entry.starred_changed = now;
        entry.seen = entry.seen.max(now);
        changed
    }

    pub fn place(&self, id: &str) -> Option<Anchor> {
        self.articles.get(id)?.place.as_ref()?.get()
    }

    /// Record the place; true when it changed.
    pub fn set_place(&mut self, id: &str, anchor: Anchor, now: u64) -> bool {
        let place = Place::new(anchor);
        let entry = self.articles.entry(id.to_string()).or_default();
        if entry.place.as_ref() == Some(&place) {
            return false;
        }
        entry.place = Some(place);
        entry.place_changed = now;
        entry.seen = entry.seen.max(now);
        true
    }

    /// Remember a search query (newest last, no repeats).
    pub fn remember_search(&mut self, query: &str) {
        if query.is_empty() {
            return;
        }
        self.search_history.retain(|q| q != query);
        self.search_history.push(query.to_string());
        let extra = self.search_history.len().saturating_sub(HISTORY_LEN);
        self.search_history.drain(..extra);
    }

    /// Mark the entries of articles in the collection as seen now, and drop entries
    /// whose article has been gone longer than [`KEEP_GONE_DAYS`].
    pub fn prune(&mut self, present: &dyn Fn(&str) -> bool, now: u64) {
        let keep = KEEP_GONE_DAYS * 24 * 60 * 60 * 1000;
        self.articles.retain(|id, entry| {
            if present(id) {
                entry.seen = now;
                true
            } else {
                now.saturating_sub(entry.seen) <= keep
            }
        });
    }
}

/// Ours merged with what another reader wrote: per article the newer read mark and the
/// newer place; entries only one side has are kept; ours for the reader-wide settings.
pub fn merge(disk: State, ours: &State) -> State {
    let mut merged = ours.clone();
    for (id, theirs) in disk.articles {
        let Some(mine) = merged.articles.get_mut(&id) else {
            merged.articles.insert(id, theirs);
            continue;
        };
        if theirs.read_changed > mine.read_changed {
            mine.read = theirs.read;
            mine.read_changed = theirs.read_changed;
        } else if theirs.read_changed == mine.read_changed {
            mine.read |= theirs.read;
        }
        if theirs.starred_changed > mine.starred_changed {
            mine.starred = theirs.starred;
            mine.starred_changed = theirs.starred_changed;
        }
        if theirs.place_changed > mine.place_changed {
            mine.place = theirs.place;
            mine.place_changed = theirs.place_changed;
        }
        mine.seen = mine.seen.max(theirs.seen);
    }
    let mut history = disk.search_history;
    history.retain(|q| !ours.search_history.contains(q));
    history.extend(ours.search_history.iter().cloned());
    let extra = history.len().saturating_sub(HISTORY_LEN);
    history.drain(..extra);
    merged.search_history = history;
    merged
}

/// Where the state file lives: `$XDG_STATE_HOME/yuanqu` (an absolute path), else
/// `$HOME/.local/state/yuanqu`.
pub fn default_dir() -> Option<PathBuf> {
    let env = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(dir) = env("XDG_STATE_HOME").map(PathBuf::from) {
        if dir.is_absolute() {
            return Some(dir.join("yuanqu"));
        }
    }
    env("HOME").map(|h| PathBuf::from(h).join(".local/state/yuanqu"))
}

/// The state file in a folder.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

/// What loading gave: the state, and a message for the status bar when the file was
/// set aside or could not be read.
#[derive(Debug)]
pub struct Loaded {
    pub state: State,
    pub message: Option<String>,
    /// False when a file that could not be read could not be set aside either: then
    /// nothing may be written over it.
    pub writable: bool,
}

/// Why a file on disk is not used.
enum Unusable {
    Missing,
    Bad(String),
    Unreadable(io::Error),
}

impl Store {
    pub fn new(dir: PathBuf) -> Store {
        Store { dir }
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(FILE_NAME)
    }

    fn read(&self) -> Result<State, Unusable> {
        let bytes = match fs::read(self.path()) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(Unusable::Missing),
            Err(e) => return Err(Unusable::Unreadable(e)),
        };
        // The version first, so a newer file is named as such even if its fields differ.
        #[derive(Deserialize)]
        struct Version {
            version: Option<u32>,
        }
        let version: Version =
            serde_json::from_slice(&bytes).map_err(|e| Unusable::Bad(format!("not valid: {e}")))?;
        match version.version {
            Some(v) if v > VERSION => {
                return Err(Unusable::Bad(format!(
                    "from a newer yuanqu (version {v}; this one reads {VERSION})"
                )))
            }
            None => return Err(Unusable::Bad("no version".into())),
            Some(_) => {}
        }
        serde_json::from_slice(&bytes).map_err(|e| Unusable::Bad(format!("not valid: {e}")))
    }

    /// Read the state for a command that only looks (`list --unread`): a missing file
    /// is no state; a bad one is an error naming it, and is left where it is.
    pub fn peek(&self) -> Result<State, String> {
        let shown = printable(&self.path().display().to_string());
        match self.read() {
            Ok(state) => Ok(state),
            Err(Unusable::Missing) => Ok(State::default()),
            Err(Unusable::Bad(why)) => Err(format!("{shown}: {}", printable(&why))),
            Err(Unusable::Unreadable(e)) => Err(format!("{shown}: cannot read: {e}")),
        }
    }

    /// Read the state; a bad file is set aside with a message, a missing one is no state.
    pub fn load(&self) -> Loaded {
        let (why, error) = match self.read() {
            Ok(state) => {
                return Loaded {
                    state,
                    message: None,
                    writable: true,
                }
            }
            Err(Unusable::Missing) => {
                return Loaded {
                    state: State::default(),
                    message: None,
                    writable: true,
                }
            }
            Err(Unusable::Bad(why)) => (why, None),
            Err(Unusable::Unreadable(e)) => (format!("cannot read: {e}"), Some(e)),
        };
        let shown = printable(&self.path().display().to_string());
        match self.set_aside() {
            Ok(aside) => Loaded {
                state: State::default(),
                // What was done first: the status bar may cut the rest.
                message: Some(format!(
                    "set the state file aside as {} ({})",
                    printable(&aside.display().to_string()),
                    printable(&why),
                )),
                writable: true,
            },
            Err(e) => Loaded {
                state: State::default(),
                message: Some(format!(
                    "state file {shown} {}; cannot set it aside ({}): not saving",
                    printable(&why),
                    printable(&error.unwrap_or(e).to_string())
                )),
                writable: false,
            },
        }
    }

    /// Rename the state file to `state.json.<UTC time>.bad`; returns the new path.
    fn set_aside(&self) -> io::Result<PathBuf> {
        let stamp = utc_stamp(now_ms() / 1000);
        let mut aside = self.dir.join(format!("{FILE_NAME}.{stamp}.bad"));
        let mut n = 1;
        while aside.exists() {
            aside = self.dir.join(format!("{FILE_NAME}.{stamp}-{n}.bad"));
            n += 1;
        }
        fs::rename(self.path(), &aside)?;
        Ok(aside)
    }

    /// Merge `ours` with the file on disk and write the result atomically; returns what
    /// was written (ours with the other readers' marks). Entries whose article is gone
    /// are pruned with `present`.
    pub fn save(&self, ours: &State, present: &dyn Fn(&str) -> bool) -> io::Result<State> {
        fs::create_dir_all(&self.dir)?;
        let _lock = Lock::take(&self.dir.join(LOCK_NAME))?;
        let now = now_ms();
        let mut merged = match self.read() {
            Ok(disk) => merge(disk, ours),
            Err(Unusable::Missing) => ours.clone(),
            Err(Unusable::Bad(_)) => {
                // Written by something else since we started: keep it, then write ours.
                self.set_aside()?;
                ours.clone()
            }
            Err(Unusable::Unreadable(e)) => return Err(e),
        };
        merged.version = VERSION;
        merged.prune(present, now);
        let text = serde_json::to_vec_pretty(&merged).map_err(io::Error::other)?;
        write_atomically(&self.path(), &text)?;
        Ok(merged)
    }
}

/// An exclusive lock on a lock file for the read-merge-write, released on drop.
struct Lock {
    /// Held for the lock's life: closing it releases the lock.
    _file: File,
}

impl Lock {
    fn take(path: &Path) -> io::Result<Lock> {
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)?;
        #[cfg(unix)]
        {
            use std::os::unix::io::AsRawFd;
            // SAFETY: flock on a descriptor this function owns; no memory is shared.
            if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) } != 0 {
                return Err(io::Error::last_os_error());
            }
        }
        Ok(Lock { _file: file })
    }
}

/// `2026-12-02T03-21-34`: a UTC time for a file name (no colons).
fn utc_stamp(secs: u64) -> String {
    let days = secs / 86_400;
    let rest = secs % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}-{:02}-{:02}",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        crate::private_folder::test_folder(&format!("state-{name}-{}", now_ms()))
    }

    fn all(_: &str) -> bool {
        true
    }

    fn at(n: usize, offset: usize) -> Anchor {
        Anchor {
            part: Part::Block(n),
            offset,
            lead: 0,
        }
    }

    #[test]
    fn parts_round_trip_by_name() {
        for part in [
            Part::Title,
            Part::Subtitle,
            Part::Byline,
            Part::Block(12),
            Part::Credit(3),
            Part::Truncation,
        ] {
            let anchor = Anchor {
                part,
                offset: 7,
                lead: 1,
            };
            assert_eq!(Place::new(anchor).get(), Some(anchor));
        }
        let unknown = Place {
            part: "sidebar".into(),
            offset: 1,
            lead: 0,
        };
        assert_eq!(unknown.get(), None);
    }

    #[test]
    fn saves_and_loads_what_it_saved() {
        let dir = temp_dir("roundtrip");
        let store = Store::new(dir.join("yuanqu"));
        let mut state = State::default();
        state.set_read("a", true, 10);
        state.set_place("a", at(2, 14), 11);
        state.last_article = Some("a".into());
        state.remember_search("园区");
        state.hide_parks = true;
        let written = store.save(&state, &all).unwrap();
        let loaded = store.load();
        assert_eq!(loaded.message, None);
        assert_eq!(loaded.state, written);
        assert!(loaded.state.is_read("a"));
        assert_eq!(loaded.state.place("a"), Some(at(2, 14)));
        assert_eq!(loaded.state.search_history, ["园区"]);
        let names: Vec<_> = fs::read_dir(&store.dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert!(
            names.iter().all(|n| !n.ends_with(".tmp")),
            "no temporary file left: {names:?}"
        );
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn stars_and_unread_only_are_saved_and_merged() {
        let dir = temp_dir("stars");
        let store = Store::new(dir.clone());
        let mut first = State::default();
        assert!(first.set_starred("a", true, 10));
        assert!(!first.set_starred("a", true, 11), "no change");
        first.unread_only = true;
        store.save(&first, &all).unwrap();
        let loaded = store.load().state;
        assert!(loaded.is_starred("a") && loaded.unread_only);
        assert_eq!(store.peek().unwrap(), loaded);
        // Another reader unstars later and stars b: the newer star wins, both kept.
        let mut second = State::default();
        second.set_starred("a", false, 20);
        second.set_starred("b", true, 21);
        let merged = merge(loaded.clone(), &second);
        assert!(!merged.is_starred("a") && merged.is_starred("b"));
        let merged = merge(second, &loaded);
        assert!(!merged.is_starred("a") && merged.is_starred("b"));
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn peek_names_a_bad_file_and_leaves_it() {
        let dir = temp_dir("peek");
        let store = Store::new(dir.clone());
        fs::create_dir_all(&dir).unwrap();
        fs::write(store.path(), "{not json").unwrap();
        let error = store.peek().unwrap_err();
        assert!(error.contains("state.json"), "{error}");
        assert!(store.path().exists(), "left where it is");
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn two_readers_keep_each_others_marks() {
        let dir = temp_dir("merge");
        let store = Store::new(dir.clone());
        let mut first = State::default();
        first.set_read("a", true, 100);
        first.set_place("c", at(1, 5), 100);
        let mut second = State::default();
        second.set_read("b", true, 200);
        second.set_place("c", at(3, 0), 300);
        store.save(&first, &all).unwrap();
        let merged = store.save(&second, &all).unwrap();
        assert!(merged.is_read("a") && merged.is_read("b"));
        assert_eq!(merged.place("c"), Some(at(3, 0)), "newest place");
        // The first reader saves again with its older place: the newer one stays.
        let merged = store.save(&first, &all).unwrap();
        assert_eq!(merged.place("c"), Some(at(3, 0)));
        assert!(merged.is_read("b"));
        // An unread mark made later wins over the older read mark.
        let mut third = State::default();
        third.set_read("a", false, 400);
        let merged = store.save(&third, &all).unwrap();
        assert!(!merged.is_read("a"));
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn bad_files_are_set_aside_not_deleted() {
        for (name, text, says) in [
            ("garbage", "{ not json at all", "not valid"),
            (
                "newer",
                "{\"version\": 99, \"articles\": 5}",
                "newer yuanqu",
            ),
            ("noversion", "{\"articles\": {}}", "no version"),
        ] {
            let dir = temp_dir(name);
            let store = Store::new(dir.clone());
            fs::write(store.path(), text).unwrap();
            let loaded = store.load();
            let message = loaded.message.unwrap();
            assert!(message.contains(says), "{message}");
            assert!(
                message.starts_with("set the state file aside as"),
                "{message}"
            );
            assert!(loaded.writable);
            assert_eq!(loaded.state, State::default());
            let aside: Vec<PathBuf> = fs::read_dir(&dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.to_string_lossy().ends_with(".bad"))
                .collect();
            assert_eq!(aside.len(), 1);
            assert_eq!(
                fs::read_to_string(&aside[0]).unwrap(),
                text,
                "kept as it was"
            );
            assert!(!store.path().exists());
            fs::remove_dir_all(dir).unwrap();
        }
    }

    #[test]
    fn gone_articles_are_kept_for_a_while_then_dropped() {
        let day = 24 * 60 * 60 * 1000;
        let mut state = State::default();
        state.set_read("here", true, day);
        state.set_read("gone", true, day);
        let present = |id: &str| id == "here";
        state.prune(&present, day * (KEEP_GONE_DAYS + 1));
        assert!(state.articles.contains_key("gone"));
        state.prune(&present, day * (KEEP_GONE_DAYS + 2));
        assert!(!state.articles.contains_key("gone"));
        assert!(state.articles.contains_key("here"));
    }

    #[test]
    fn search_history_is_newest_last_without_repeats() {
        let mut state = State::default();
        for q in ["a", "b", "a", ""] {
            state.remember_search(q);
        }
        assert_eq!(state.search_history, ["b", "a"]);
        for i in 0..HISTORY_LEN + 5 {
            state.remember_search(&i.to_string());
        }
        assert_eq!(state.search_history.len(), HISTORY_LEN);
        assert_eq!(state.search_history.last().map(String::as_str), Some("104"));
    }

    #[test]
    fn utc_stamps() {
        assert_eq!(utc_stamp(0), "1970-01-01T00-00-00");
        assert_eq!(utc_stamp(1_796_182_894), "2026-12-02T03-41-34");
        assert_eq!(utc_stamp(951_782_400), "2000-02-29T00-00-00");
    }
}
