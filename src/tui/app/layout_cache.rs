//! The one cached article layout: relaid only when the article or the width
//! changes. The width-independent analysis of the article is kept apart, so a
//! resize only refills rows.

use std::rc::Rc;

use crate::core::layout::{AmbiguousWidth, ArticleLayout, LayoutOptions, PreparedArticle};
use crate::core::Article;

#[derive(Debug, Default)]
pub struct LayoutCache {
    key: Option<(usize, usize)>,
    layout: Rc<ArticleLayout>,
    prepared: Option<(usize, PreparedArticle)>,
}

impl LayoutCache {
    /// Article `index` (`article`) laid out with `options`, from the cache when it was
    /// laid out at that width.
    pub fn layout(
        &mut self,
        index: usize,
        article: &Article,
        ambiguous: AmbiguousWidth,
        options: &LayoutOptions,
    ) -> Rc<ArticleLayout> {
        if self.key != Some((index, options.width)) {
            if self.prepared.as_ref().is_some_and(|(i, _)| *i != index) {
                self.prepared = None;
            }
            let (_, prepared) = self
                .prepared
                .get_or_insert_with(|| (index, PreparedArticle::new(article, ambiguous)));
            self.layout = Rc::new(prepared.layout(options));
            self.key = Some((index, options.width));
        }
        Rc::clone(&self.layout)
    }
}
