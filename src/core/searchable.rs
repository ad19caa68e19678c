//! A collection with its search index, as the reader holds it over a large archive:
//! outlines and the folded search text, not the bodies.
//!
//! The pipeline:
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
use super::index::cache_folder;
use super::page::{let_go_of_body, Detail};
use super::reading_order::ReadingOrder;
use super::search::{SearchBuilder, SearchIndex};
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
    paths: &[PathBuf],
    progress: &LoadProgress,
    preview: impl FnMut(Collection),
) -> SearchableCollection {
    // The text goes to a file as it is folded, out of the reader's memory: in the
    // cache folder (a disk, where /tmp may be memory), else the system's temporary
    // one; where neither will do, it stays in memory.
    let builder = cache_folder()
        .into_iter()
        .chain([std::env::temp_dir()])
        .find_map(|folder| SearchBuilder::in_file_under(&folder))
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
        let collection =
            Collection::load_in_steps(paths, Detail::Searchable, progress, preview, |step| {
                folded.add_step(step, &append)
            });
        drop(append);
        let builder = appending
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        let search = folded.finish(builder, &collection);
        (collection, search)
    });
    // Every body decoded while loading was let go.
    give_back_freed_memory();
    SearchableCollection {
        collection,
        search: Some(search),
    }
}
