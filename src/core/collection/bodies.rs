//! Bodies let go, and brought back. A reader over a large archive keeps each
//! article's outline and its folded search text, not its body: the body, or the
//! figures found in it, is brought back from the index (or the file itself, where
//! the index has no entry for it) when the article is shown or its figures are
//! wanted. The files stay the truth: an article whose file no longer gives it at
//! its place is not brought back, and says so.
//!
//! Figures brought back alone (for the figures table over a whole archive) leave
//! out each figure's sentence (`context`): most of a figure's memory, and shown
//! only beside the article's own text. Bringing an article's body back has its
//! figures found again from the text, sentences and all.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::files::{FileError, FoundFile};
use super::indexed::IndexedRun;
use super::model::{Collection, LoadWarning};
use crate::core::article::{Article, Figures};
use crate::core::index::IndexPlace;
use crate::core::page::{let_go_of_body, Detail};

/// Files read between two writes of their entries when bringing back.
const BRING_BACK_STEP: usize = 128;

/// Files brought back from after which the memory their parsing freed is given
/// back to the system at once.
const MANY_FILES: usize = 64;

/// Hand memory freed back to the system. glibc keeps freed memory for later use,
/// which a reader that stays open would carry all session as its own (every body
/// decoded while loading, and let go); other allocators give it back themselves.
pub fn give_back_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free pages of the allocator's own heaps.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// What bringing back can give: the body (and the figures, when the index has
/// them), or the figures alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BringBack {
    Body,
    Figures,
}

impl Collection {
    /// Whether article `index` was loaded without its body (or let go of it) and
    /// can have it brought back: it came from a file, at a known place in it.
    pub fn body_is_away(&self, index: usize) -> bool {
        self.articles.get(index).is_some_and(is_away)
    }

    /// Let go of article `index`'s body, keeping what outlines need; it can be
    /// brought back. An article from no file keeps its body.
    pub fn let_go_of_body(&mut self, index: usize) {
        if let Some(article) = self.articles.get_mut(index) {
            if article.source_file.is_some() && article.in_file.is_some() {
                let_go_of_body(article);
            }
        }
    }

    /// Bring back what `what` asks of the articles at `indexes` whose bodies are
    /// away: their bodies, or their figures (found, or taken from the index). Files
    /// are read once each, on every core. A file that can no longer be read, or no
    /// longer holds the article at its place, is a warning; its articles stay as
    /// they were.
    pub fn bring_back(&mut self, indexes: &[usize], what: BringBack) -> Vec<LoadWarning> {
        self.bring_back_through(indexes, what, &IndexPlace::from_env())
    }

    /// `bring_back`, through the index at `place` (or none).
    pub fn bring_back_through(
        &mut self,
        indexes: &[usize],
        what: BringBack,
        place: &IndexPlace,
    ) -> Vec<LoadWarning> {
        let wanted = self.away_by_file(indexes, what);
        if wanted.is_empty() {
            return Vec::new();
        }
        let detail = match what {
            BringBack::Body => Detail::Outline,
            BringBack::Figures => Detail::Figures,
        };
        let files: Vec<FoundFile> = wanted
            .keys()
            .map(|path| FoundFile {
                path: path.clone(),
                named: true,
            })
            .collect();
        let paths: Vec<PathBuf> = files.iter().map(|f| f.path.clone()).collect();
        let mut warnings = Vec::new();
        let mut run = IndexedRun::start(place, &paths);
        // Small batches: a file parsed anew holds its entry (body and figures as
        // JSON) until the batch is written.
        for batch in files.chunks(BRING_BACK_STEP) {
            let loaded = run.parse(batch, detail);
            run.flush();
            for (file, result) in batch.iter().zip(loaded) {
                let articles = result.map(|l| l.articles);
                let places = wanted.get(&file.path).map_or(&[][..], Vec::as_slice);
                self.take_back(&file.path, articles, places, what, &mut warnings);
            }
        }
        run.finish(Some(&files), &mut warnings);
        if files.len() >= MANY_FILES {
            give_back_freed_memory();
        }
        warnings
    }

    /// The articles at `indexes` whose bodies are away and that lack what `what`
    /// asks, by file: (collection index, place in the file).
    fn away_by_file(
        &self,
        indexes: &[usize],
        what: BringBack,
    ) -> HashMap<PathBuf, Vec<(usize, usize)>> {
        let mut wanted: HashMap<PathBuf, Vec<(usize, usize)>> = HashMap::new();
        for &i in indexes {
            let Some(article) = self.articles.get(i).filter(|a| is_away(a)) else {
                continue;
            };
            if what == BringBack::Figures && article.figures.are_found() {
                continue;
            }
            if let (Some(path), Some(place)) = (&article.source_file, article.in_file) {
                let places = wanted.entry(path.to_path_buf()).or_default();
                if !places.iter().any(|&(j, _)| j == i) {
                    places.push((i, place));
                }
            }
        }
        wanted
    }

    /// Move what one file gave into the articles that came from it.
    fn take_back(
        &mut self,
        path: &Path,
        loaded: Result<Vec<Article>, FileError>,
        places: &[(usize, usize)],
        what: BringBack,
        warnings: &mut Vec<LoadWarning>,
    ) {
        let mut fresh = match loaded {
            Ok(fresh) => fresh,
            Err(e) => {
                warnings.push(changed(path, &e.message));
                return;
            }
        };
        for &(index, place) in places {
            let Some(article) = self.articles.get_mut(index) else {
                continue;
            };
            // The same article at the same place: else the file changed since.
            let Some(found) = fresh.get_mut(place).filter(|f| f.title == article.title) else {
                warnings.push(changed(path, "changed since it was loaded"));
                continue;
            };
            match what {
                BringBack::Body => {
                    article.blocks = std::mem::take(&mut found.blocks);
                    // With the names parsed from its byline, which a reader lets go too.
                    article.byline = std::mem::take(&mut found.byline);
                    article.body_summary = None;
                    // Found again from the text, sentences and all (see the module doc).
                    article.figures = Figures::NotScanned;
                }
                BringBack::Figures => {
                    if let Figures::Found(mut figures) = std::mem::take(&mut found.figures) {
                        for figure in &mut figures {
                            figure.context = String::new();
                        }
                        figures.shrink_to_fit();
                        article.figures = Figures::Found(figures);
                    }
                }
            }
        }
    }
}

/// Whether the article's body is away: let go, and to be brought back from its file.
pub(super) fn is_away(article: &Article) -> bool {
    article.body_summary.is_some() && article.source_file.is_some() && article.in_file.is_some()
}

fn changed(path: &Path, message: &str) -> LoadWarning {
    LoadWarning {
        path: path.to_path_buf(),
        message: message.to_string(),
        is_error: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::figures::extract_figures;

    /// A folder of three pages (each a copy of the built-in page with its own park
    /// name), and its index's place.
    fn folder(name: &str) -> (PathBuf, IndexPlace) {
        let dir = crate::private_folder::test_folder(&format!("bodies-{name}"));
        let page = include_str!("../../../data/keji-ribao-yuanqu-page.txt");
        for day in 1..=3 {
            let text = page.replacen("园区", &format!("园区{day}"), 1);
            std::fs::write(dir.join(format!("2024-05-0{day}.txt")), text).unwrap();
        }
        let place = IndexPlace::At(dir.join("cache").join("index.db"));
        (dir, place)
    }

    fn load(dir: &Path, place: &IndexPlace) -> Collection {
        Collection::load_indexed(&[dir.to_path_buf()], Detail::Outline, place)
    }

    #[test]
    fn a_body_let_go_comes_back_as_it_was_through_the_index_or_the_file() {
        for with_index in [true, false] {
            let (dir, place) = folder(&format!("back{with_index}"));
            let place = if with_index { place } else { IndexPlace::Off };
            let whole = load(&dir, &place);
            let mut c = whole.clone();
            let all: Vec<usize> = (0..c.articles.len()).collect();
            for &i in &all {
                c.let_go_of_body(i);
                assert!(c.body_is_away(i) && c.articles[i].blocks.is_empty());
            }
            assert!(c
                .bring_back_through(&[2, 0], BringBack::Body, &place)
                .is_empty());
            for i in [0, 2] {
                assert!(!c.body_is_away(i));
                assert_eq!(c.articles[i].blocks, whole.articles[i].blocks);
            }
            assert!(c.body_is_away(1), "only what was asked comes back");
            // Figures alone, of those still away: as found in the whole text, the
            // bodies still away. (Bodies here have theirs found from the text.)
            assert!(c
                .bring_back_through(&all, BringBack::Figures, &place)
                .is_empty());
            assert!(!c.articles[0].figures.are_found());
            for &i in all.iter().filter(|&&i| c.body_is_away(i)) {
                // (Without their sentences: see the next test.)
                let mut expected = extract_figures(&whole.articles[i].blocks);
                expected.iter_mut().for_each(|f| f.context.clear());
                assert_eq!(&*c.articles[i].figures, expected.as_slice(), "{i}");
            }
            assert!(c.body_is_away(1));
            std::fs::remove_dir_all(&dir).unwrap();
        }
    }

    #[test]
    fn a_file_that_changed_since_loading_says_so_and_gives_nothing() {
        let (dir, place) = folder("changed");
        let mut c = load(&dir, &place);
        c.let_go_of_body(0);
        let file = c.articles[0].source_file.clone().unwrap();
        std::fs::write(&file, "## 另一篇文章\n\n园区今天没有新闻。\n").unwrap();
        let warnings = c.bring_back_through(&[0], BringBack::Body, &place);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].path, *file);
        assert!(warnings[0].message.contains("changed"), "{}", warnings[0]);
        assert!(c.body_is_away(0) && c.articles[0].blocks.is_empty());
        std::fs::remove_file(&file).unwrap();
        let warnings = c.bring_back_through(&[0], BringBack::Body, &place);
        assert_eq!(warnings.len(), 1, "a file gone is said too");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn figures_brought_back_alone_leave_out_their_sentences_until_the_body_comes_back() {
        let (dir, place) = folder("thin");
        let whole = load(&dir, &place);
        let mut c = whole.clone();
        c.let_go_of_body(0);
        assert!(c
            .bring_back_through(&[0], BringBack::Figures, &place)
            .is_empty());
        let thin = &c.articles[0].figures;
        assert!(!thin.is_empty() && thin.iter().all(|f| f.context.is_empty()));
        assert!(c
            .bring_back_through(&[0], BringBack::Body, &place)
            .is_empty());
        assert!(!c.articles[0].figures.are_found());
        let expected = extract_figures(&whole.articles[0].blocks);
        assert!(expected.iter().all(|f| !f.context.is_empty()));
        assert_eq!(c.figures_of(0), expected.as_slice());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn an_article_from_no_file_keeps_its_body() {
        let mut c = Collection::builtin();
        c.articles[0].source_file = None;
        c.let_go_of_body(0);
        assert!(!c.body_is_away(0));
        assert!(!c.articles[0].blocks.is_empty());
    }
}
