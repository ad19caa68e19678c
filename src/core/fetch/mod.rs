//! `yuanqu fetch`: the archive kept current from feeds, e-papers and article pages.
//!
//! The pipeline, each module importing only those listed before it:
//! 1. `source`: sources and settings as the configuration resolves them;
//! 2. `http`: one client with timeouts, a body limit counted after decompression,
//!    two requests at most per host, conditional GET, Retry-After;
//! 3. `archive`: article files written atomically into dated folders; the lock;
//! 4. `memory`: validators, items fetched and titles kept, between runs;
//! 5. `feed`: feed bytes to items;
//! 6. `walk` (this module's runner and `walk`): each kind of source walked to its
//!    articles, each article extracted (`core::extract`), kept once, and written
//!    only when new or changed at the source; a report per source.
//!
//! Sources are fetched on a few threads at once; one source failing never stops
//! another, and every article written is whole.

pub mod add;
pub mod archive;
pub mod feed;
pub mod http;
pub mod memory;
pub mod source;
mod walk;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use self::archive::{article_path, article_toml, write_atomically, ArchiveLock, META_DIR};
use self::http::Client;
use self::memory::{FetchMemory, ItemRecord};
use self::source::{FetchSettings, Source};
use crate::core::article::Article;
use crate::core::dates::PageDate;
use crate::core::ids::{dated_article_id, fast_hash};

/// Sources fetched at the same time.
const SOURCE_THREADS: usize = 4;

/// What one source gave.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceReport {
    pub name: String,
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Articles (or pages) that could not be fetched or read.
    pub failed: usize,
    /// Articles another source had brought first.
    pub duplicates: usize,
    /// Why the source as a whole failed, if it did.
    pub error: Option<String>,
    /// What went wrong with single items, and other remarks, one line each.
    pub notes: Vec<String>,
}

impl SourceReport {
    pub fn succeeded(&self) -> bool {
        self.error.is_none() && self.failed == 0
    }

    /// `科技日报: 3 new, 1 updated, 12 unchanged, 0 failed` (and why, when it failed).
    pub fn summary(&self) -> String {
        let mut line = format!(
            "{}: {} new, {} unchanged, {} failed",
            self.name, self.new, self.unchanged, self.failed
        );
        if self.updated > 0 {
            line.push_str(&format!(", {} updated", self.updated));
        }
        if self.duplicates > 0 {
            line.push_str(&format!(
                ", {} already from another source",
                self.duplicates
            ));
        }
        if let Some(error) = &self.error {
            line.push_str(&format!(" ({error})"));
        }
        line
    }
}

/// A whole fetch: a report per source, in the order given, and notes on the archive.
#[derive(Debug, Default)]
pub struct FetchOutcome {
    pub reports: Vec<SourceReport>,
    pub notes: Vec<String>,
}

impl FetchOutcome {
    pub fn succeeded(&self) -> bool {
        self.reports.iter().all(SourceReport::succeeded)
    }

    pub fn new_articles(&self) -> usize {
        self.reports.iter().map(|r| r.new + r.updated).sum()
    }
}

/// Fetch `sources` into `archive`. `done` counts the sources finished, for a
/// progress line. Errs only when the archive itself cannot be used.
pub fn fetch_all(
    sources: &[Source],
    settings: &FetchSettings,
    archive: &Path,
    done: &AtomicUsize,
) -> Result<FetchOutcome, String> {
    let _lock = ArchiveLock::take(archive)?;
    let memory_path = archive.join(META_DIR).join("fetch.json");
    let (memory, note) = FetchMemory::load(&memory_path);
    let run = Run {
        client: Client::new(settings),
        archive: archive.to_path_buf(),
        paused: memory.not_before.clone(),
        memory: Mutex::new(memory),
        today: today(),
    };
    let reports = run.each_source(sources, done);
    let mut notes: Vec<String> = note.into_iter().collect();
    let memory = run.memory.lock().unwrap_or_else(|p| p.into_inner());
    if let Err(e) = memory.save(&memory_path) {
        notes.push(format!(
            "{}: cannot save what was fetched ({e}); the next fetch asks again",
            memory_path.display()
        ));
    }
    Ok(FetchOutcome { reports, notes })
}

/// One fetch's shared state: the client, the archive, what is remembered.
pub(crate) struct Run {
    pub(crate) client: Client,
    archive: PathBuf,
    pub(crate) memory: Mutex<FetchMemory>,
    /// Today in China, by which `since` ranges end; None if the clock is unusable.
    pub(crate) today: Option<PageDate>,
    /// Hosts that asked, in an earlier run, not to be asked before a Unix time.
    paused: std::collections::HashMap<String, u64>,
}

impl Run {
    fn each_source(&self, sources: &[Source], done: &AtomicUsize) -> Vec<SourceReport> {
        let next = AtomicUsize::new(0);
        let results: Mutex<Vec<Option<SourceReport>>> = Mutex::new(vec![None; sources.len()]);
        std::thread::scope(|scope| {
            for _ in 0..SOURCE_THREADS.min(sources.len()) {
                scope.spawn(|| loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(source) = sources.get(i) else { break };
                    let report = self.fetch_source(source);
                    results.lock().unwrap_or_else(|p| p.into_inner())[i] = Some(report);
                    done.fetch_add(1, Ordering::Relaxed);
                });
            }
        });
        let results = results.into_inner().unwrap_or_else(|p| p.into_inner());
        results
            .into_iter()
            .zip(sources)
            .map(|(report, source)| {
                report.unwrap_or_else(|| SourceReport {
                    name: source.name.clone(),
                    error: Some("internal error".into()),
                    ..SourceReport::default()
                })
            })
            .collect()
    }

    /// One source, walked; a panic in it costs that source only.
    fn fetch_source(&self, source: &Source) -> SourceReport {
        let mut report = SourceReport {
            name: source.name.clone(),
            ..SourceReport::default()
        };
        let host = crate::core::extract::host_of(source.first_url())
            .unwrap_or("")
            .to_string();
        if let Some(wait) = self.asked_to_wait(&host) {
            report.error = Some(format!(
                "not asked: the server asked to wait another {wait} s (Retry-After)"
            ));
            return report;
        }
        let walked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            walk::walk(self, source, &mut report)
        }));
        match walked {
            Ok(Ok(())) => {}
            Ok(Err(e)) => {
                if let http::FetchError::RetryLater(_, secs) = e {
                    self.wait_for(&host, secs);
                }
                report.error = Some(e.to_string());
            }
            Err(_) => report.error = Some("internal error while fetching this source".into()),
        }
        report
    }

    /// Seconds the host asked, in an earlier run, to be left alone that are still to
    /// run. A wait asked for during this run counts from the next: the sources of one
    /// run do not depend on the order they finish in.
    fn asked_to_wait(&self, host: &str) -> Option<u64> {
        let until = *self.paused.get(host)?;
        until.checked_sub(unix_now()).filter(|&left| left > 0)
    }

    fn wait_for(&self, host: &str, secs: u64) {
        let mut memory = self.memory.lock().unwrap_or_else(|p| p.into_inner());
        let until = unix_now().saturating_add(secs);
        memory.not_before.insert(host.to_string(), until);
        // Hosts whose wait is over are forgotten.
        let now = unix_now();
        memory.not_before.retain(|_, t| *t > now);
    }

    /// Keep one article: once across sources, written when new or changed, its id
    /// kept across rewrites.
    pub(crate) fn keep(
        &self,
        mut article: Article,
        source: &str,
        key: &str,
        item_hash: u64,
        report: &mut SourceReport,
    ) {
        article.source = source.to_string();
        let mut memory = self.memory.lock().unwrap_or_else(|p| p.into_inner());
        let known = memory.items.get(key).cloned();
        let title_key = title_key(&article);
        if let Some(first) = memory.titles.get(&title_key).filter(|s| *s != source) {
            if known.is_none() {
                report.duplicates += 1;
                report.notes.push(format!(
                    "{}: already in the archive from {first}; kept once",
                    article.title
                ));
                return;
            }
        }
        article.id = match &known {
            Some(record) => record.id.clone(),
            None => dated_article_id(&article.title, article.subtitle.as_deref(), article.date),
        };
        let text = match article_toml(&article) {
            Ok(text) => text,
            Err(e) => {
                report.failed += 1;
                report
                    .notes
                    .push(format!("{}: cannot be written as TOML: {e}", article.title));
                return;
            }
        };
        let hash = fast_hash(0, text.as_bytes());
        if known.as_ref().is_some_and(|k| k.hash == hash) {
            report.unchanged += 1;
            if let Some(record) = memory.items.get_mut(key) {
                record.item_hash = item_hash;
            }
            return;
        }
        let file = known
            .as_ref()
            .map_or_else(|| article_path(&article, source, key), |k| k.file.clone());
        if let Err(e) = write_atomically(&self.archive.join(&file), text.as_bytes()) {
            report.failed += 1;
            report.notes.push(format!(
                "{}: cannot write: {e}",
                self.archive.join(&file).display()
            ));
            return;
        }
        if known.is_some() {
            report.updated += 1;
        } else {
            report.new += 1;
        }
        memory.titles.insert(title_key, source.to_string());
        memory.items.insert(
            key.to_string(),
            ItemRecord {
                file,
                hash,
                id: article.id,
                item_hash,
            },
        );
    }

    /// True when this item was fetched before and has not changed since (by the
    /// hash of the item itself, when the source gives one).
    pub(crate) fn known_unchanged(&self, key: &str, item_hash: Option<u64>) -> bool {
        let memory = self.memory.lock().unwrap_or_else(|p| p.into_inner());
        memory
            .items
            .get(key)
            .is_some_and(|r| item_hash.is_none_or(|h| h == r.item_hash))
    }
}

fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Today in China; `YUANQU_TODAY=2025-03-14` pretends another day, to replay a
/// fetch of e-paper issues against saved or served copies (the tests do).
fn today() -> Option<PageDate> {
    std::env::var("YUANQU_TODAY")
        .ok()
        .and_then(|d| PageDate::parse(&d))
        .filter(|d| d.day.is_some())
        .or_else(PageDate::today_in_china)
}

/// One article across sources: its date and its title with spaces and punctuation
/// folded away (feeds cut and decorate titles differently).
fn title_key(article: &Article) -> String {
    let title: String = article
        .title
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    let date = article.date.map(|d| d.to_string()).unwrap_or_default();
    format!("{date}|{title}")
}
