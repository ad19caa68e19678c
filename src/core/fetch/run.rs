//! One fetch's shared state, and how an article is kept: once across sources,
//! written when new or changed at the source, its id kept across rewrites.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::archive::{article_path, article_toml, write_archive_file, ArchiveLock, META_DIR};
use super::http::Client;
use super::memory::{FetchMemory, ItemRecord};
use super::report::SourceReport;
use super::source::FetchSettings;
use crate::core::article::Article;
use crate::core::dates::PageDate;
use crate::core::ids::{dated_article_id, fast_hash};

/// One fetch's shared state: the client, the archive, what is remembered.
pub(crate) struct Run {
    pub(crate) client: Client,
    pub(super) archive: PathBuf,
    pub(crate) memory: Mutex<FetchMemory>,
    /// Today in China, by which `since` ranges end; None if the clock is unusable.
    pub(crate) today: Option<PageDate>,
    /// Hosts that asked, in an earlier run, not to be asked before a Unix time.
    pub(super) paused: HashMap<String, u64>,
}

/// Run `work` over the archive with its lock held and its memory loaded, then save
/// the memory; the notes say what went wrong with the memory file. Errs only when the
/// archive cannot be used (not created, or another fetch holds it).
pub(super) fn with_run<T>(
    archive: &Path,
    settings: &FetchSettings,
    work: impl FnOnce(&Run) -> T,
) -> Result<(T, Vec<String>), String> {
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
    let result = work(&run);
    let mut notes: Vec<String> = note.into_iter().collect();
    let memory = run.memory.lock().unwrap_or_else(|p| p.into_inner());
    if let Err(e) = memory.save(&memory_path) {
        notes.push(format!(
            "{}: cannot save what was fetched ({e}); the next fetch asks again",
            memory_path.display()
        ));
    }
    Ok((result, notes))
}

impl Run {
    /// Seconds the host asked, in an earlier run, to be left alone that are still to
    /// run. A wait asked for during this run counts from the next: the sources of one
    /// run do not depend on the order they finish in.
    pub(super) fn asked_to_wait(&self, host: &str) -> Option<u64> {
        let until = *self.paused.get(host)?;
        until.checked_sub(unix_now()).filter(|&left| left > 0)
    }

    pub(super) fn wait_for(&self, host: &str, secs: u64) {
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
        if let Err(e) = write_archive_file(&self.archive.join(&file), text.as_bytes()) {
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

pub(super) fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Today in China; `YUANQU_TODAY=2025-03-14` pretends another day, to replay a
/// fetch of e-paper issues against saved or served copies (the tests do).
pub(super) fn today() -> Option<PageDate> {
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
