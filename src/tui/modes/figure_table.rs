//! The reader's figures table (`F`): its state and what its keys do. The rows, filter
//! and sort are the core's (`core::figure_table`); this keeps the cursor, the first
//! row shown and the filter being typed.

use crate::core::article::Article;
use crate::core::figure_table::{table, FigureRef, Filter, SortKey};
use crate::tui::app::list_offset::Motion;

#[derive(Debug, Clone, Default)]
pub struct FigureTable {
    /// The park the table was opened over; `None` with `whole` shows every article.
    pub park: Option<String>,
    /// That park's articles (indexes into the collection).
    park_articles: Vec<usize>,
    /// Over the whole collection rather than the park.
    pub whole: bool,
    pub sort: SortKey,
    pub filter_text: String,
    /// Typing the filter (keys go into `filter_text`).
    pub editing: bool,
    /// Why the filter being typed does not parse, if it does not.
    pub filter_error: Option<String>,
    filter: Filter,
    pub rows: Vec<FigureRef>,
    pub cursor: usize,
    /// The first row shown: kept so the cursor moves inside the view, not the view
    /// under the cursor.
    pub offset: usize,
}

impl FigureTable {
    /// The table over one park (its name and its articles), or over all articles.
    pub fn open(articles: &[Article], park: Option<(String, Vec<usize>)>) -> FigureTable {
        let (park, park_articles) = park.unzip();
        let mut t = FigureTable {
            park,
            park_articles: park_articles.unwrap_or_default(),
            sort: SortKey::Value,
            ..FigureTable::default()
        };
        t.refresh(articles);
        t
    }

    /// Rows again after a change of scope, sort or filter; the cursor goes to the top.
    /// A filter in error keeps showing none.
    pub fn refresh(&mut self, articles: &[Article]) {
        if self.filter_error.is_some() {
            self.rows.clear();
            self.cursor = 0;
            self.offset = 0;
            return;
        }
        let scope = if self.whole || self.park.is_none() {
            None
        } else {
            Some(self.park_articles.as_slice())
        };
        self.rows = table(articles, scope, &self.filter, self.sort);
        self.cursor = 0;
        self.offset = 0;
    }

    /// This table with the scope, sort and filter of `old` (a table over a collection
    /// since replaced), its rows found again.
    pub fn with_settings_of(mut self, old: &FigureTable, articles: &[Article]) -> FigureTable {
        self.whole = old.whole;
        self.sort = old.sort;
        self.filter = old.filter.clone();
        self.filter_text.clone_from(&old.filter_text);
        self.filter_error.clone_from(&old.filter_error);
        self.editing = old.editing;
        self.refresh(articles);
        self
    }

    pub fn toggle_scope(&mut self, articles: &[Article]) {
        self.whole = !self.whole;
        self.refresh(articles);
    }

    pub fn next_sort(&mut self, articles: &[Article]) {
        self.sort = self.sort.next();
        self.refresh(articles);
    }

    /// The filter text changed: apply it when it parses; else the table says why and
    /// shows no rows (the last good filter's rows would look as if they matched).
    pub fn set_filter(&mut self, text: String, articles: &[Article]) {
        self.filter_text = text;
        match Filter::parse(&self.filter_text) {
            Ok(filter) => {
                self.filter = filter;
                self.filter_error = None;
                self.refresh(articles);
            }
            Err(e) => {
                self.filter_error = Some(e);
                self.rows.clear();
                self.cursor = 0;
                self.offset = 0;
            }
        }
    }

    /// Move the cursor, keeping it inside a view of `height` rows.
    pub fn move_by(&mut self, motion: Motion, height: usize) {
        self.cursor = motion.apply(self.cursor, self.rows.len());
        let height = height.max(1);
        if self.cursor < self.offset {
            self.offset = self.cursor;
        } else if self.cursor >= self.offset + height {
            self.offset = self.cursor + 1 - height;
        }
    }

    pub fn selected(&self) -> Option<FigureRef> {
        self.rows.get(self.cursor).copied()
    }
}

#[cfg(test)]
mod tests {
    use crate::core::collection::Collection;
    use crate::tui::modes::figure_table::*;

    #[test]
    fn the_cursor_moves_inside_the_view() {
        let c = Collection::builtin();
        let mut t = FigureTable::open(&c.articles, None);
        t.toggle_scope(&c.articles);
        assert!(t.rows.len() > 10);
        t.move_by(Motion::By(3), 5);
        assert_eq!((t.cursor, t.offset), (3, 0));
        t.move_by(Motion::By(4), 5);
        assert_eq!((t.cursor, t.offset), (7, 3));
        t.move_by(Motion::By(-6), 5);
        assert_eq!((t.cursor, t.offset), (1, 1));
        t.move_by(Motion::Bottom, 5);
        assert_eq!(t.cursor, t.rows.len() - 1);
    }

    #[test]
    fn a_filter_in_error_says_so_and_shows_no_rows_as_matching() {
        let c = Collection::builtin();
        let mut t = FigureTable::open(&c.articles, None);
        t.toggle_scope(&c.articles);
        t.set_filter("元>=1亿".into(), &c.articles);
        let money = t.rows.len();
        assert!(money > 0);
        for bad in ["元>=", "moeny"] {
            t.set_filter(bad.into(), &c.articles);
            assert!(t.filter_error.is_some(), "{bad}");
            assert!(
                t.rows.is_empty(),
                "{bad}: the last filter's rows are not shown"
            );
            // Still none after a change of sort or scope.
            t.next_sort(&c.articles);
            assert!(t.rows.is_empty());
        }
        t.set_filter("元>=1亿".into(), &c.articles);
        assert_eq!(t.rows.len(), money);
    }
}
