//! News arriving while the reader is open. `R` runs `yuanqu fetch`'s work on a
//! thread, its progress counted for the status bar; a watcher on the folders read
//! reloads the collection a moment after files in them are added or changed (by
//! that fetch, a cron job, rsync), and the reader keeps its article and place.
//! New articles are unread: read marks are kept by id.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::sync::Arc;
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use crate::core::collection::{Collection, LoadProgress};
use crate::core::fetch::{fetch_all, FetchOutcome};
use crate::core::index::IndexPlace;
use crate::core::searchable::{load_searchable, SearchableCollection};
use crate::tui::config::Config;

/// How long the folders must stay quiet before the collection is read again: a
/// fetch writes many files in a burst, and one reload is enough for them.
const QUIET: Duration = Duration::from_millis(400);

/// What happened since the last poll, for the event loop to apply.
pub enum NewsEvent {
    /// Sources fetched so far, of how many.
    Progress(usize, usize),
    /// The fetch ended: a one-line summary for the status bar.
    Fetched(String),
    /// The collection, read again after its files changed.
    Reloaded(SearchableCollection),
}

struct FetchJob {
    done: Arc<AtomicUsize>,
    total: usize,
    result: Receiver<Result<FetchOutcome, String>>,
}

pub struct News {
    /// Paths given on the command line; None: the configured paths and the archive.
    given: Option<Vec<PathBuf>>,
    /// What is read now, and watched.
    paths: Vec<PathBuf>,
    /// The watcher, made on a thread of its own (see `watch`), held as long as the
    /// thread's handle is.
    watcher: Option<std::thread::JoinHandle<Option<notify::RecommendedWatcher>>>,
    changes: Receiver<()>,
    changes_sender: mpsc::Sender<()>,
    changed_at: Option<Instant>,
    fetch: Option<FetchJob>,
    reload: Option<Receiver<SearchableCollection>>,
}

impl News {
    pub fn new(given: &[PathBuf], config: &Config) -> News {
        let (changes_sender, changes) = mpsc::channel();
        let mut news = News {
            given: (!given.is_empty()).then(|| given.to_vec()),
            paths: Vec::new(),
            watcher: None,
            changes,
            changes_sender,
            changed_at: None,
            fetch: None,
            reload: None,
        };
        news.watch(config);
        news
    }

    /// Watch what is read now (and the archive, where a first fetch will write).
    fn watch(&mut self, config: &Config) {
        self.paths = match &self.given {
            Some(paths) => paths.clone(),
            None => config.read_paths(),
        };
        let sender = self.changes_sender.clone();
        let mut watched = self.paths.clone();
        if self.given.is_none() && !watched.contains(&config.archive) {
            watched.push(config.archive.clone());
        }
        // Watching a folder walks it (a stat of each file under it: 50 ms over
        // 20,000 pages), which the first screen need not wait for. The old watcher,
        // if any, goes with its handle.
        let making = std::thread::Builder::new()
            .name("yuanqu-watch".into())
            .spawn(move || {
                let mut watcher =
                    notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                        if event.is_ok_and(|e| e.paths.iter().any(|p| is_read_file(p))) {
                            let _ = sender.send(());
                        }
                    })
                    .ok()?;
                for path in watched {
                    // A path that cannot be watched (gone, no inotify watches left)
                    // is read as it is; only its changes go unseen.
                    let _ = watcher.watch(&path, RecursiveMode::Recursive);
                }
                Some(watcher)
            });
        self.watcher = making.ok();
    }

    /// Start fetching every source; the number of sources, or why not.
    pub fn start_fetch(&mut self, config: &Config) -> Result<usize, String> {
        if self.fetch.is_some() {
            return Err("a fetch is already running".into());
        }
        if config.news_sources.is_empty() {
            return Err("no [[sources]] in the configuration: see config.toml".into());
        }
        let done = Arc::new(AtomicUsize::new(0));
        let (send, result) = mpsc::channel();
        let (sources, settings, archive) = (
            config.news_sources.clone(),
            config.fetch.clone(),
            config.archive.clone(),
        );
        let counter = Arc::clone(&done);
        std::thread::Builder::new()
            .name("yuanqu-fetch".into())
            .spawn(move || {
                let _ = send.send(fetch_all(&sources, &settings, &archive, &counter));
            })
            .map_err(|e| format!("cannot start fetching: {e}"))?;
        let total = config.news_sources.len();
        self.fetch = Some(FetchJob {
            done,
            total,
            result,
        });
        Ok(total)
    }

    /// What happened since the last call. Reloads wait while `loading` (the first
    /// load is still reading).
    pub fn poll(&mut self, config: &Config, loading: bool) -> Vec<NewsEvent> {
        let mut events = Vec::new();
        self.poll_fetch(config, &mut events);
        while self.changes.try_recv().is_ok() {
            self.changed_at = Some(Instant::now());
        }
        if let Some(reload) = &self.reload {
            match reload.try_recv() {
                Ok(collection) => {
                    self.reload = None;
                    events.push(NewsEvent::Reloaded(collection));
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => self.reload = None,
            }
        }
        let quiet = self.changed_at.is_some_and(|t| t.elapsed() >= QUIET);
        if quiet && !loading && self.reload.is_none() {
            self.changed_at = None;
            self.start_reload();
        }
        events
    }

    fn poll_fetch(&mut self, config: &Config, events: &mut Vec<NewsEvent>) {
        let Some(job) = &self.fetch else { return };
        events.push(NewsEvent::Progress(
            job.done.load(Ordering::Relaxed),
            job.total,
        ));
        let outcome = match job.result.try_recv() {
            Ok(outcome) => outcome,
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => Err("the fetch stopped".into()),
        };
        self.fetch = None;
        let mut line = summary(&outcome);
        let archive_read = self
            .given
            .as_ref()
            .is_none_or(|paths| paths.iter().any(|p| config.archive.starts_with(p)));
        if !archive_read && outcome.as_ref().is_ok_and(|o| o.new_articles() > 0) {
            // The reader shows other folders: say where the news went.
            line.push_str(&format!(
                " (written to {}, not open here)",
                crate::core::sanitize::escape_for_terminal(&config.archive.display().to_string())
            ));
        }
        events.push(NewsEvent::Fetched(line));
        if outcome.is_ok() {
            // The archive may be read for the first time now: watch what is read.
            self.watch(config);
            self.changed_at = Some(Instant::now() - QUIET);
        }
    }

    fn start_reload(&mut self) {
        let (send, receive) = mpsc::channel();
        let paths = self.paths.clone();
        let spawned = std::thread::Builder::new()
            .name("yuanqu-reload".into())
            .spawn(move || {
                let collection = if paths.is_empty() {
                    Collection::builtin().into()
                } else {
                    load_searchable(
                        &IndexPlace::from_env(),
                        &paths,
                        &LoadProgress::default(),
                        |_| {},
                    )
                };
                let _ = send.send(collection);
            });
        if spawned.is_ok() {
            self.reload = Some(receive);
        }
    }
}

/// Files whose change means the collection changed: what the loader reads, not
/// the fetch's own hidden files and temporary names.
fn is_read_file(path: &Path) -> bool {
    // Only the file's own name and the fetch's folder: the archive itself may well
    // live under a hidden folder (~/.local/share).
    let hidden = path
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        || path
            .components()
            .any(|c| c.as_os_str() == crate::core::fetch::archive::META_DIR);
    !hidden
        && path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            ["txt", "toml", "html", "htm"]
                .iter()
                .any(|x| e.eq_ignore_ascii_case(x))
        })
}

/// `fetched 7 sources: 12 new articles` / `… 1 failed: 人民日报 (timeout)`.
fn summary(outcome: &Result<FetchOutcome, String>) -> String {
    let outcome = match outcome {
        Ok(outcome) => outcome,
        Err(why) => return format!("fetch failed: {why}"),
    };
    let new = outcome.new_articles();
    let mut line = format!(
        "fetched {} sources: {new} new article{}",
        outcome.reports.len(),
        if new == 1 { "" } else { "s" }
    );
    let failed: Vec<String> = outcome
        .reports
        .iter()
        .filter(|r| !r.succeeded())
        .map(|r| match &r.error {
            Some(e) => format!("{} ({e})", r.name),
            None => format!("{} ({} failed)", r.name, r.failed),
        })
        .collect();
    if !failed.is_empty() {
        line.push_str(&format!("; failed: {}", failed.join(", ")));
    }
    line
}

#[cfg(test)]
mod tests {
    use crate::tui::news::*;

    fn article_file(title: &str) -> String {
        format!("[[articles]]\ntitle = \"{title}\"\ndate = \"2025-03-14\"\n\n[[articles.blocks]]\nkind = \"paragraph\"\ntext = \"{title}，园区新增企业三家。\"\n")
    }

    /// Poll until the collection is reloaded, for at most `limit`.
    fn reloaded(news: &mut News, config: &Config, limit: Duration) -> Option<Collection> {
        let start = Instant::now();
        while start.elapsed() < limit {
            for event in news.poll(config, false) {
                if let NewsEvent::Reloaded(loaded) = event {
                    return Some(loaded.collection);
                }
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    #[test]
    fn a_file_written_into_a_loaded_folder_reloads_the_collection() {
        let dir = crate::private_folder::test_folder("news");
        std::fs::create_dir_all(dir.join("2025/03/14")).unwrap();
        std::fs::write(dir.join("2025/03/14/a.toml"), article_file("第一篇")).unwrap();
        let config = Config::builtin().unwrap();
        let mut news = News::new(std::slice::from_ref(&dir), &config);
        // The folder is watched once the watcher's thread is done.
        while !news.watcher.as_ref().unwrap().is_finished() {
            std::thread::sleep(Duration::from_millis(5));
        }
        // The fetch's own files and temporary names are no news.
        std::fs::create_dir_all(dir.join(".yuanqu")).unwrap();
        std::fs::write(dir.join(".yuanqu/fetch.json"), "{}").unwrap();
        std::fs::write(dir.join("2025/03/14/.b.toml.1.tmp"), "half").unwrap();
        assert!(reloaded(&mut news, &config, QUIET * 3).is_none());
        // Written as fetch writes it: a hidden name, renamed into place.
        std::fs::write(dir.join("2025/03/14/.b.toml.2.tmp"), article_file("第二篇")).unwrap();
        std::fs::rename(
            dir.join("2025/03/14/.b.toml.2.tmp"),
            dir.join("2025/03/14/b.toml"),
        )
        .unwrap();
        let collection = reloaded(&mut news, &config, Duration::from_secs(10)).expect("a reload");
        let titles: Vec<&str> = collection
            .articles
            .iter()
            .map(|a| a.title.as_str())
            .collect();
        assert_eq!(titles.len(), 2, "{titles:?}");
        assert!(titles.contains(&"第二篇"));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn r_with_no_sources_says_so() {
        let config = Config::builtin().unwrap();
        let mut news = News::new(&[], &config);
        let err = news.start_fetch(&config).unwrap_err();
        assert!(err.contains("no [[sources]]"), "{err}");
    }
}
