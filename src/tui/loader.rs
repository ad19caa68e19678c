//! Loading in the background: the reader shows the first pages while the rest are read.
//!
//! A loader thread runs `load_searchable`: it sends a preview of the first
//! pages as soon as they are parsed, then the whole collection; the event loop shows the
//! count in the status bar ("loading 1,200/2,000 pages") and swaps the whole collection
//! in when it comes, keeping the reader's place.

use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::Arc;
use std::time::Duration;

use crate::core::collection::{Collection, LoadProgress};
use crate::core::index::IndexPlace;
use crate::core::searchable::{load_searchable, SearchableCollection};

/// A load that finishes within this shows its first screen complete, with no preview.
pub const MOMENT: Duration = Duration::from_millis(100);

/// What the loader thread sends.
enum Step {
    Preview(Collection),
    Done(SearchableCollection),
}

pub struct Loader {
    steps: Receiver<Step>,
    progress: Arc<LoadProgress>,
}

/// How far loading has got, as the status bar shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadCount {
    pub done: usize,
    pub files: usize,
}

/// What the reader starts with: the whole collection, or the first pages and a loader
/// still reading the rest.
pub enum Start {
    Complete(SearchableCollection),
    Partial(Collection, Loader),
}

/// Load `paths` on a thread; wait a moment for all of it, else for the first pages.
pub fn start(paths: Vec<PathBuf>) -> Start {
    let progress = Arc::new(LoadProgress::default());
    let (send, steps) = mpsc::channel();
    let counter = Arc::clone(&progress);
    let spawned = std::thread::Builder::new()
        .name("yuanqu-loader".into())
        .spawn(move || {
            let early = send.clone();
            let whole = load_searchable(&IndexPlace::from_env(), &paths, &counter, |preview| {
                let _ = early.send(Step::Preview(preview));
            });
            let _ = send.send(Step::Done(whole));
        });
    if spawned.is_err() {
        return Start::Complete(SearchableCollection::default());
    }
    let loader = Loader { steps, progress };
    let mut preview = None;
    let waited = std::time::Instant::now();
    loop {
        let wait = MOMENT.saturating_sub(waited.elapsed());
        // Past the moment: the preview if there is one, else wait for whichever comes.
        if wait.is_zero() {
            if let Some(preview) = preview.take() {
                return Start::Partial(preview, loader);
            }
        }
        let timeout = if wait.is_zero() {
            Duration::from_secs(3600)
        } else {
            wait
        };
        match loader.steps.recv_timeout(timeout) {
            Ok(Step::Done(whole)) => return Start::Complete(whole),
            Ok(Step::Preview(first)) => {
                let count = loader.count();
                if !worth_waiting(waited.elapsed(), count.done, count.files) {
                    return Start::Partial(first, loader);
                }
                preview = Some(first);
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => {
                return Start::Complete(preview.unwrap_or_default().into());
            }
        }
    }
}

/// Whether the rest of a load is worth waiting for, `elapsed` after it began with
/// `done` of its `files` read: only when, at the rate so far, all of it comes within
/// the moment. Else the first pages show at once, not a moment later.
fn worth_waiting(elapsed: Duration, done: usize, files: usize) -> bool {
    if done == 0 {
        return true;
    }
    elapsed.mul_f64(files as f64 / done as f64) <= MOMENT
}

impl Loader {
    pub fn count(&self) -> LoadCount {
        LoadCount {
            done: self.progress.done.load(Ordering::Relaxed),
            files: self.progress.files.load(Ordering::Relaxed),
        }
    }

    /// The whole collection, once it is loaded. `Err` when the loader thread died.
    pub fn finished(&self) -> Option<Result<SearchableCollection, ()>> {
        loop {
            match self.steps.try_recv() {
                Ok(Step::Done(whole)) => return Some(Ok(whole)),
                Ok(Step::Preview(_)) => continue,
                Err(mpsc::TryRecvError::Empty) => return None,
                Err(mpsc::TryRecvError::Disconnected) => return Some(Err(())),
            }
        }
    }
}

/// `12345` as `12,345`.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::core::page::Detail;
    use crate::core::reading_order::ReadingOrder;
    use crate::core::search::{Match, SearchIndex};
    use crate::tui::loader::*;

    #[test]
    fn a_load_is_waited_for_only_when_it_ends_within_the_moment() {
        let ms = Duration::from_millis;
        // 64 of 100 pages in 20 ms: all in about 31 ms, worth the wait.
        assert!(worth_waiting(ms(20), 64, 100));
        // 64 of 2,000 in 10 ms: about 310 ms, past the moment: show the first pages.
        assert!(!worth_waiting(ms(10), 64, 2000));
        // Right at the moment, and before anything is read.
        assert!(worth_waiting(ms(50), 50, 100));
        assert!(!worth_waiting(ms(51), 50, 100));
        assert!(worth_waiting(ms(0), 0, 20000));
    }

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(20000), "20,000");
        assert_eq!(grouped(1234567), "1,234,567");
    }

    #[test]
    fn a_folder_loads_to_the_same_collection_as_load_with() {
        let dir = crate::private_folder::test_folder("loader");
        let page = include_str!("../../data/keji-ribao-yuanqu-page.txt");
        // More files than the preview, with different dates so none is a copy.
        for day in 0..(crate::core::collection::PREVIEW_FILES + 10) {
            let name = format!("2024-{:02}-{:02}.txt", 1 + day / 28, 1 + day % 28);
            let text = page.replacen("园区", &format!("园区{day}"), 1);
            std::fs::write(dir.join(name), text).unwrap();
        }
        let expected = Collection::load_with(std::slice::from_ref(&dir), Detail::Outline);
        let whole = match start(vec![dir.clone()]) {
            Start::Complete(whole) => whole,
            Start::Partial(first, loader) => {
                assert!(first.articles.len() < expected.articles.len());
                loop {
                    if let Some(done) = loader.finished() {
                        let count = loader.count();
                        assert_eq!(count.done, count.files);
                        break done.unwrap();
                    }
                    std::thread::sleep(Duration::from_millis(5));
                }
            }
        };
        let ids = |c: &Collection| c.articles.iter().map(|a| a.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&whole.collection), ids(&expected));
        assert_eq!(whole.collection.parks, expected.parks);
        // Folded file by file with the bodies let go, the search finds what a search
        // over the whole collection, bodies and all, finds, in the same order.
        let order = ReadingOrder::new(&expected);
        let built = SearchIndex::build(&expected, &order);
        let folded = whole.search.expect("folded while loading");
        // (Offsets into the folded text differ: it is folded in another order.)
        let places = |found: Vec<Match>| {
            found
                .into_iter()
                .map(|m| (m.article, m.part, m.start, m.end))
                .collect::<Vec<_>>()
        };
        for query in ["园区", "亿元", "高新区", "9"] {
            let found = places(folded.find_all(query).unwrap());
            assert!(!found.is_empty(), "{query}");
            assert_eq!(found, places(built.find_all(query).unwrap()), "{query}");
        }
        // Typing on narrows the matches as a new search finds them.
        let narrowed = folded.narrow("园", &folded.find_all("园").unwrap(), "园区");
        assert_eq!(
            places(narrowed.unwrap().unwrap()),
            places(built.find_all("园区").unwrap())
        );
        assert!(whole
            .collection
            .articles
            .iter()
            .all(|a| a.blocks.is_empty()));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
