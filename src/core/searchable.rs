//! A collection with its search index, as the reader holds it over a large archive:
//! outlines and the folded search text, not the bodies.
//!
//! The pipeline:
//! 0. when the files are those of the last load from here, the load is its
//!    whole-load entry (`searchable_entry`): outlines and index parts decoded, the
//!    search text scanned where the entry keeps it; nothing below is done. Else
//!    the text goes into a new entry, written once the load is done;
//! 1. the files are loaded in steps (`Collection::load_in_steps`, through the index,
//!    `Detail::Searchable`): a file with an entry comes as its outline and its
//!    articles folded (`FoldedText`), without its body;
//! 2. the files of a step that came with bodies (parsed ones, and the first step's,
//!    which the preview shows) are folded on every core, and their bodies let go
//!    (`collection::bodies`);
//! 3. each step's folded texts go to a thread that appends them to the search text
//!    (`SearchBuilder`, into a file: `search_text`) while the next step loads;
//! 4. once the collection is put in order, the folded articles are renamed as it
//!    numbers them and ranked in its reading order.
//!
//! The reader brings a body back when it shows the article. So no more than a
//! step's bodies are ever held at once, and a warm load reads none.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::SyncSender;

use super::article::Byline;
use super::collection::{give_back_freed_memory, Collection, LoadProgress, StepFile};
use super::folded_text::FoldedText;
use super::index::{cache_folder, IndexPlace};
use super::page::{let_go_of_body, Detail};
use super::reading_order::ReadingOrder;
use super::search::{SearchBuilder, SearchIndex};
use super::searchable_entry::{self, Opened, Pending};
use super::workers::worker_count;

/// A collection, and its search index when it was folded while loading (its
/// bodies are away then, so the index cannot be built from it again).
#[derive(Debug, Default)]
pub struct SearchableCollection {
    pub collection: Collection,
    pub search: Option<SearchIndex>,
}

impl From<Collection> for SearchableCollection {
    /// A collection that keeps its bodies: its index is built when first searched.
    fn from(collection: Collection) -> SearchableCollection {
        SearchableCollection {
            collection,
            search: None,
        }
    }
}

/// Where each folded article came from: its file's number and its place in it.
#[derive(Default)]
struct Folded {
    files: HashMap<PathBuf, u32>,
    from: Vec<(u32, u32)>,
}

impl Folded {
    /// Send a step's files to be appended, folding on every core those that did not
    /// come folded (the preview's, and any loaded without the index), then let
    /// their bodies go (and the names parsed from their bylines): loaded files are
    /// regular files, read again when a body is wanted.
    fn add_step(&mut self, mut step: Vec<StepFile>, append: &SyncSender<Vec<FoldedText>>) {
        fold_on_every_core(&mut step);
        let texts = step.iter_mut().filter_map(|f| f.folded.take()).collect();
        // Only fails when the appending thread is gone, whose panic `finish` raises.
        let _ = append.send(texts);
        for file in step {
            let number = u32::try_from(self.files.len()).unwrap_or(u32::MAX);
            self.files.insert(file.path.to_path_buf(), number);
            for (place, article) in file.articles.iter_mut().enumerate() {
                self.from
                    .push((number, u32::try_from(place).unwrap_or(u32::MAX)));
                // An outline from the index has no body, and its summary already.
                if article.body_summary.is_none() {
                    let_go_of_body(article);
                }
                // The reader shows the byline as written; the names parsed from it
                // (a handful of allocations an article) come back with the body.
                let raw = std::mem::take(&mut article.byline.raw);
                article.byline = Byline {
                    raw,
                    ..Byline::default()
                };
            }
        }
    }

    /// The search index of `collection`, which the folded articles (appended to
    /// `builder`) ended up in.
    fn finish(self, builder: SearchBuilder, collection: &Collection) -> SearchIndex {
        let mut final_index: HashMap<(u32, u32), usize> = HashMap::new();
        for (index, article) in collection.articles.iter().enumerate() {
            let file = article
                .source_file
                .as_deref()
                .and_then(|p| self.files.get(p));
            if let (Some(&file), Some(place)) = (file, article.in_file) {
                final_index.insert((file, u32::try_from(place).unwrap_or(u32::MAX)), index);
            }
        }
        let order = ReadingOrder::new(collection);
        let from = self.from;
        builder.finish(
            |number| {
                from.get(number)
                    .and_then(|key| final_index.get(key).copied())
            },
            &order,
        )
    }
}

/// Fold the articles of the files that did not come folded, on every core.
fn fold_on_every_core(step: &mut [StepFile]) {
    let mut unfolded: Vec<&mut StepFile> = step.iter_mut().filter(|f| f.folded.is_none()).collect();
    let part_len = unfolded.len().div_ceil(worker_count(unfolded.len())).max(1);
    std::thread::scope(|scope| {
        for part in unfolded.chunks_mut(part_len) {
            scope.spawn(move || {
                for file in part {
                    file.folded = Some(FoldedText::of_articles(file.articles));
                }
            });
        }
    });
}

/// Load `paths` as the reader does (see the module doc), counting in `progress`;
/// `preview` gets the first pages, bodies and all, as `load_in_steps` gives them.
pub fn load_searchable(
    place: &IndexPlace,
    paths: &[PathBuf],
    progress: &LoadProgress,
    preview: impl FnMut(Collection),
) -> SearchableCollection {
    let entry = match searchable_entry::open(place, paths) {
        Opened::Hit(collection, search) => {
            return SearchableCollection {
                collection,
                search: Some(search),
            }
        }
        Opened::Miss(entry) => entry,
    };
    // The text goes to a file as it is folded, out of the reader's memory: the
    // whole-load entry's, else one in the cache folder (a disk, where /tmp may be
    // memory), else in the system's temporary one; where none will do, it stays in
    // memory.
    let builder = entry
        .as_ref()
        .and_then(Pending::builder)
        .or_else(|| {
            cache_folder()
                .into_iter()
                .chain([std::env::temp_dir()])
                .find_map(|folder| SearchBuilder::in_file_under(&folder))
        })
        .unwrap_or_else(SearchBuilder::new);
    // The folded texts are appended on a thread of their own, while the next step
    // loads: written to a file, they took a sixth of a warm load's time. One step
    // waits at most.
    let (append, texts) = std::sync::mpsc::sync_channel::<Vec<FoldedText>>(1);
    let (collection, search) = std::thread::scope(|scope| {
        let appending = scope.spawn(move || {
            let mut builder = builder;
            for folded in texts.iter().flatten() {
                builder.append(&folded);
            }
            builder
        });
        let mut folded = Folded::default();
        let collection = Collection::load_in_steps(
            place,
            paths,
            Detail::Searchable,
            progress,
            preview,
            |step| folded.add_step(step, &append),
        );
        drop(append);
        let builder = appending
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        let search = folded.finish(builder, &collection);
        (collection, search)
    });
    if let Some(entry) = entry {
        entry.finish(&collection, &search);
    }
    // Every body decoded while loading was let go.
    give_back_freed_memory();
    SearchableCollection {
        collection,
        search: Some(search),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::index::RACY_MARGIN_NS;
    use crate::core::searchable_entry::{open, Opened};
    use std::fs::{self, File};
    use std::path::Path;
    use std::time::{Duration, SystemTime};

    /// A folder of pages an hour old (copies of the built-in page, each with its own
    /// words), and an index place of its own.
    fn archive(name: &str) -> (PathBuf, IndexPlace) {
        let dir = crate::private_folder::test_folder(&format!("entry-{name}"));
        let pages = dir.join("pages");
        fs::create_dir_all(&pages).unwrap();
        let page = include_str!("../../data/keji-ribao-yuanqu-page.txt");
        for day in 1..=4 {
            let text = page.replacen("园区", &format!("园区𠀋{day}"), 1);
            write_old(&pages.join(format!("2024-05-0{day}.txt")), &text);
        }
        // Not a page: a warning the entry gives again.
        write_old(&pages.join("empty.txt"), "");
        (pages, IndexPlace::At(dir.join("cache").join("index.db")))
    }

    /// Wait out the racy margin: files written (their ctime, which cannot be set
    /// back, is now) before this are old enough for an entry.
    fn past_the_racy_margin() {
        let margin = Duration::from_nanos(RACY_MARGIN_NS as u64);
        std::thread::sleep(margin + Duration::from_millis(200));
    }

    fn write_old(path: &Path, text: &str) {
        fs::write(path, text).unwrap();
        let hour_ago = SystemTime::now() - Duration::from_secs(3600);
        let file = File::options().write(true).open(path).unwrap();
        file.set_times(fs::FileTimes::new().set_modified(hour_ago))
            .unwrap();
    }

    fn load(pages: &Path, place: &IndexPlace) -> SearchableCollection {
        let paths = [pages.to_path_buf()];
        load_searchable(place, &paths, &LoadProgress::default(), |_| {})
    }

    fn is_hit(pages: &Path, place: &IndexPlace) -> bool {
        matches!(open(place, &[pages.to_path_buf()]), Opened::Hit(..))
    }

    fn entry_files(place: &IndexPlace) -> Vec<PathBuf> {
        let dir = place.path().unwrap().with_file_name("loads");
        let mut files: Vec<PathBuf> = fs::read_dir(dir)
            .map(|d| d.filter_map(|e| Some(e.ok()?.path())).collect())
            .unwrap_or_default();
        files.sort();
        files
    }

    /// What a reader sees of a load: the collection, and what searches find.
    fn seen(loaded: &SearchableCollection) -> String {
        let search = loaded.search.as_ref().unwrap();
        let found: Vec<_> = ["园区𠀋3", "高新区", "𠀋", "2024"]
            .iter()
            .map(|q| search.find_all(q).unwrap())
            .collect();
        let c = &loaded.collection;
        format!(
            "{:?}\n{:?}\n{:?}\n{found:?}",
            c.articles, c.parks, c.warnings
        )
    }

    #[test]
    fn a_second_load_of_the_same_files_is_the_entry_and_gives_what_the_first_gave() {
        let (pages, place) = archive("same");
        past_the_racy_margin();
        assert!(!is_hit(&pages, &place));
        let first = load(&pages, &place);
        assert_eq!(entry_files(&place).len(), 1, "one entry, nothing aside");
        assert!(is_hit(&pages, &place));
        let second = load(&pages, &place);
        assert!(second.search.as_ref().unwrap().is_in_file());
        assert!(!first.collection.articles.is_empty());
        assert!(!first.collection.warnings.is_empty());
        assert_eq!(seen(&first), seen(&second));
    }

    #[test]
    fn a_changed_added_or_removed_page_is_loaded_again() {
        let changes: [&dyn Fn(&Path); 3] = [
            &|pages| {
                write_old(
                    &pages.join("2024-05-01.txt"),
                    "## 新标题一则\n\n正文一句。\n",
                )
            },
            &|pages| {
                write_old(
                    &pages.join("2024-06-01.txt"),
                    "## 又一则标题\n\n正文两句。\n",
                )
            },
            &|pages| fs::remove_file(pages.join("2024-05-02.txt")).unwrap(),
        ];
        let archives: Vec<_> = (0..changes.len())
            .map(|i| archive(&format!("changed-{i}")))
            .collect();
        past_the_racy_margin();
        for (pages, place) in &archives {
            load(pages, place);
            assert!(is_hit(pages, place));
        }
        for ((pages, _), change) in archives.iter().zip(changes) {
            change(pages);
        }
        past_the_racy_margin();
        for (pages, place) in &archives {
            assert!(!is_hit(pages, place));
            let again = load(pages, place);
            let fresh = load_searchable(
                &IndexPlace::Off,
                std::slice::from_ref(pages),
                &LoadProgress::default(),
                |_| {},
            );
            assert_eq!(seen(&again), seen(&fresh));
            assert!(is_hit(pages, place), "the new load made the new entry");
        }
    }

    #[test]
    fn a_fifo_where_the_entry_goes_is_passed_over_not_waited_on() {
        let (pages, place) = archive("fifo");
        past_the_racy_margin();
        let want = seen(&load(&pages, &place));
        let entry = entry_files(&place).pop().unwrap();
        fs::remove_file(&entry).unwrap();
        let made = std::process::Command::new("mkfifo").arg(&entry).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo here
        }
        let (done, loaded) = std::sync::mpsc::channel();
        let (p, pl) = (pages.clone(), place.clone());
        std::thread::spawn(move || done.send(seen(&load(&p, &pl))));
        let got = loaded.recv_timeout(Duration::from_secs(20));
        assert_eq!(got.expect("the load waited on the FIFO"), want);
    }

    #[test]
    fn a_page_changed_moments_ago_makes_no_entry() {
        let (pages, place) = archive("young");
        fs::write(pages.join("2024-05-01.txt"), "## 刚写的标题\n\n正文。\n").unwrap();
        load(&pages, &place);
        assert!(entry_files(&place).is_empty());
        assert!(!is_hit(&pages, &place));
    }

    #[test]
    fn a_damaged_entry_is_not_used_and_the_load_is_as_without_it() {
        let (pages, place) = archive("damaged");
        past_the_racy_margin();
        let want = seen(&load(&pages, &place));
        let entry = entry_files(&place).pop().unwrap();
        let whole = fs::read(&entry).unwrap();
        // A byte of the listing the entry was made from (just before the trailer).
        let mut flipped = whole.clone();
        flipped[whole.len() - 80] ^= 0x40;
        let damages: [Vec<u8>; 4] = [
            Vec::new(),
            whole[..whole.len() / 2].to_vec(),
            flipped,
            b"not an entry at all".repeat(100),
        ];
        for damaged in damages {
            fs::write(&entry, &damaged).unwrap();
            assert!(!is_hit(&pages, &place));
            assert_eq!(seen(&load(&pages, &place)), want);
            assert!(is_hit(&pages, &place), "written anew");
        }
    }
}
