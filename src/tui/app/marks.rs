//! Reading marks: read and starred articles, the read mark after a moment open, and
//! the reader's place copied into the reading state that is saved.

use std::time::Instant;

use crate::state;
use crate::tui::app::place::READ_AFTER;
use crate::tui::app::reader::App;

impl App {
    pub fn is_read(&self, article: usize) -> bool {
        self.collection
            .articles
            .get(article)
            .is_some_and(|a| self.reading.is_read(&a.id))
    }

    pub fn set_read(&mut self, article: usize, read: bool) {
        if let Some(a) = self.collection.articles.get(article) {
            if self.reading.set_read(&a.id, read, state::now_ms()) {
                self.reading_changed = true;
            }
        }
    }

    pub fn is_starred(&self, article: usize) -> bool {
        self.collection
            .articles
            .get(article)
            .is_some_and(|a| self.reading.is_starred(&a.id))
    }

    pub fn set_starred(&mut self, article: usize, starred: bool) {
        if let Some(a) = self.collection.articles.get(article) {
            if self.reading.set_starred(&a.id, starred, state::now_ms()) {
                self.reading_changed = true;
            }
        }
    }

    /// How many of a park's articles are unread.
    pub fn unread_in_park(&self, park: usize) -> usize {
        self.collection.parks.get(park).map_or(0, |p| {
            p.articles.iter().filter(|&&a| !self.is_read(a)).count()
        })
    }

    /// Time passes: the article open for [`READ_AFTER`] becomes read.
    pub fn tick(&mut self, now: Instant) {
        let Some(view) = self.view else {
            return;
        };
        if view.auto_read && now.saturating_duration_since(view.opened) >= READ_AFTER {
            self.set_read(view.article, true);
            if let Some(v) = &mut self.view {
                v.auto_read = false;
            }
        }
    }

    /// Copy the reader's place and settings into the reading state.
    pub fn note_reading(&mut self) {
        let now = state::now_ms();
        let mut changed = false;
        if let Some(view) = self.view {
            let id = &self.collection.articles[view.article].id;
            if self.reading.last_article.as_deref() != Some(id) {
                self.reading.last_article = Some(id.clone());
                changed = true;
            }
            if let Some(anchor) = view.anchor {
                changed |= self.reading.set_place(id, anchor, now);
            }
        }
        if (self.reading.hide_parks, self.reading.hide_highlights)
            != (self.hidden.parks, self.hidden.highlights)
        {
            self.reading.hide_parks = self.hidden.parks;
            self.reading.hide_highlights = self.hidden.highlights;
            changed = true;
        }
        self.reading_changed |= changed;
    }
}
