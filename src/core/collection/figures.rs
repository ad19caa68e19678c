//! The figures of a collection loaded without them (`Detail::Outline`), found when
//! they are wanted: looked for in the text held, or, for an article whose body is
//! away, brought back from the index or the file (see `bodies`).

use super::bodies::{is_away, BringBack};
use super::model::Collection;
use crate::core::article::{Article, Figures};
use crate::core::figures::{extract_figures, Figure};
use crate::core::workers::worker_count;

impl Collection {
    /// The figures of one article, found now if the collection was loaded
    /// without them (`Detail::Outline`) and kept in the article after: an
    /// article's text is looked through once, whether it has figures or none.
    pub fn figures_of(&mut self, index: usize) -> &[Figure] {
        if self.body_is_away(index) {
            // Its text is not here: the figures come back with it, or from the index.
            self.bring_back(&[index], BringBack::Figures);
        }
        let Some(article) = self.articles.get_mut(index) else {
            return &[];
        };
        if !article.figures.are_found() && !is_away(article) {
            article.figures = Figures::Found(extract_figures(&article.blocks));
        }
        &article.figures
    }

    /// The figures of every article, found on every core where missing.
    pub fn find_all_figures(&mut self) {
        let all: Vec<usize> = (0..self.articles.len()).collect();
        self.find_figures_of(&all);
    }

    /// The figures of the articles at `indexes` (a park's), found where missing: on
    /// the calling thread for a few, on every core for many.
    pub fn find_figures_of(&mut self, indexes: &[usize]) {
        // Articles whose text is away get their figures back from the index or files.
        self.bring_back(indexes, BringBack::Figures);
        if indexes.len() < PARALLEL_FIGURES_FROM {
            for &i in indexes {
                self.figures_of(i);
            }
            return;
        }
        let mut wanted = vec![false; self.articles.len()];
        for &i in indexes {
            if let Some(w) = wanted.get_mut(i) {
                *w = true;
            }
        }
        let mut missing: Vec<&mut Article> = self
            .articles
            .iter_mut()
            .zip(wanted)
            .filter(|(a, wanted)| *wanted && !a.figures.are_found() && !is_away(a))
            .map(|(a, _)| a)
            .collect();
        let threads = worker_count(missing.len());
        let chunk = missing.len().div_ceil(threads).max(1);
        std::thread::scope(|scope| {
            for part in missing.chunks_mut(chunk) {
                scope.spawn(move || {
                    for article in part.iter_mut() {
                        article.figures = Figures::Found(extract_figures(&article.blocks));
                    }
                });
            }
        });
    }
}

/// Articles whose figures `Collection::find_figures_of` finds on one thread: fewer
/// than a thread start is worth.
const PARALLEL_FIGURES_FROM: usize = 64;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::article::{Block, BlockKind};

    fn article(title: &str, text: &str) -> Article {
        let mut a = Article::new("", title);
        a.blocks = vec![Block::new(BlockKind::Paragraph, text)];
        a
    }

    /// The text is changed after the first look: only a second scan would see it.
    fn add_a_figure(collection: &mut Collection, i: usize) {
        collection.articles[i].blocks[0].text = "园区今年引进项目12个，总投资30亿元。".into();
    }

    #[test]
    fn an_article_without_figures_is_looked_through_once() {
        let mut c = Collection::from_articles(
            vec![article("园区开门迎客", "园区人才驿站日前开门迎客。")],
            Vec::new(),
        );
        assert!(!c.articles[0].figures.are_found());
        assert!(c.figures_of(0).is_empty());
        assert!(c.articles[0].figures.are_found());
        add_a_figure(&mut c, 0);
        assert!(c.figures_of(0).is_empty(), "looked through again");
    }

    #[test]
    fn finding_every_articles_figures_skips_those_looked_through() {
        let many: Vec<Article> = (0..PARALLEL_FIGURES_FROM * 2)
            .map(|i| article(&format!("园区新闻{i}"), "园区人才驿站日前开门迎客。"))
            .collect();
        let mut c = Collection::from_articles(many, Vec::new());
        c.find_all_figures();
        assert!(c.articles.iter().all(|a| a.figures.are_found()));
        add_a_figure(&mut c, 3);
        c.find_all_figures();
        assert!(c.articles[3].figures.is_empty(), "looked through again");
        // One not yet looked through is.
        c.articles[5].figures = Figures::NotScanned;
        add_a_figure(&mut c, 5);
        c.find_all_figures();
        assert_eq!(c.articles[5].figures.len(), 2);
    }
}
