//! A new collection in place of the old: the whole one after a preview, or one read
//! again after files changed. Indexes name other articles now, so the reader, the
//! open modes and the jump list are carried over by article id and park name.

use crate::core::figure_table::keys_of_collection;
use crate::core::reading_order::ReadingOrder;
use crate::core::searchable::SearchableCollection;
use crate::tui::app::layout_cache::LayoutCache;
use crate::tui::app::matches::SearchMode;
use crate::tui::app::place::{ArticleView, Place};
use crate::tui::app::reader::App;
use crate::tui::modes::figure_table::FigureTable;
use crate::tui::modes::overview::Overview;
use crate::tui::modes::park_view::ParkView;
use crate::tui::modes::Mode;

impl App {
    /// Call after the collection changed: the reading order and search index follow it
    /// (the open modes follow in `reopen_over_new_collection`).
    pub fn collection_changed(&mut self) {
        self.order = ReadingOrder::new(&self.collection);
        self.search_index = None;
        self.kept_bodies.clear();
        self.search.matched = None;
        // The cached layout is keyed by article index, which now names another article.
        *self.cache.borrow_mut() = LayoutCache::default();
    }

    /// Swap in the whole collection after a preview, keeping the article shown and its
    /// place (ids do not depend on which pages are loaded) and the search.
    pub fn replace_collection(&mut self, collection: impl Into<SearchableCollection>) {
        self.swap_collection(collection, false);
    }

    /// The collection read again after files were added or changed (a fetch, a cron
    /// job): the article shown stays shown, at its place, whatever it was.
    pub fn reload_collection(&mut self, collection: impl Into<SearchableCollection>) {
        self.swap_collection(collection, true);
    }

    /// A new collection in place of this one, the reader kept where it was. With
    /// `always_keep` false, a reader still where the preview opened opens as the whole
    /// collection opens.
    fn swap_collection(&mut self, loaded: impl Into<SearchableCollection>, always_keep: bool) {
        let SearchableCollection { collection, search } = loaded.into();
        // Not moved from where the preview opened: open as the whole collection opens.
        let untouched = !always_keep
            && self.park == 0
            && self.scroll() == 0
            && self.search_mode() == SearchMode::Off
            && self.finder().is_none()
            && self.article()
                == self
                    .collection
                    .parks
                    .first()
                    .and_then(|p| p.articles.first().copied());
        let shown = self
            .shown_article()
            .map(|a| a.id.clone())
            .filter(|_| !untouched);
        let (view, focus) = (self.view, self.focus);
        self.collection = collection;
        self.collection_changed();
        self.search_index = search;
        self.park_full = false;
        match (shown.and_then(|id| self.collection.position(&id)), view) {
            (Some(article), Some(view)) => {
                self.view = None;
                self.open_article(article);
                // The same article under its new index, read from where it was.
                self.view = Some(ArticleView { article, ..view });
            }
            _ => self.open_at_start(),
        }
        self.focus = focus;
        // The matches name articles by their old indexes: found again.
        if self.search_mode() != SearchMode::Off {
            let query = self.search.query().to_string();
            let matches = self.search_index().find_all(&query);
            self.search.matches = self.matches_or_notice(matches);
            self.search.current = None;
        }
        self.reopen_over_new_collection();
        // The parks list has other rows now: the panes follow.
        self.relayout();
        self.scroll_to_anchor();
        self.bring_back_rows_in_view();
    }

    /// What was open over the old collection (modes, the jump list) named parks and
    /// articles by their old indexes: each mode is opened again over the new one, as
    /// it was, and gives back the place the reader is at now (with the focus and zoom
    /// it had when it opened).
    fn reopen_over_new_collection(&mut self) {
        let place = self.place();
        let mut layers = self.modes_mut().take_all();
        for layer in &mut layers {
            layer.origin = Place {
                focus: layer.origin.focus,
                zoom: layer.origin.zoom,
                ..place
            };
            self.reopen(&mut layer.mode);
        }
        for layer in layers {
            self.modes_mut().push(layer.mode, layer.origin);
        }
        // Places and the last table name articles by their old indexes: the jump list
        // starts again, and the table keeps only its settings.
        self.jumps.clear();
        if let Some(old) = self.last_table.take() {
            self.last_table = Some(FigureTable::over(None).with_settings_of(&old));
        }
    }

    /// One mode over the new collection, as it was over the old.
    fn reopen(&mut self, mode: &mut Mode) {
        match mode {
            Mode::Finder(finder) => {
                finder.rename(self.collection.parks.iter().map(|p| p.name.as_str()))
            }
            // The table's rows name articles by their old indexes: it opens again over
            // the new collection, with its scope, sort and filter.
            Mode::FigureTable(old) => {
                let mut fresh = self.table_settings_to_open().with_settings_of(old);
                self.key_table(&mut fresh);
                *old = fresh;
            }
            // The pictures are drawn again over the new collection, the same park and scope.
            Mode::ParkView(old) => {
                let park = self
                    .collection
                    .parks
                    .iter()
                    .position(|p| p.name == old.stats.name);
                let fresh = park.and_then(|park| {
                    let articles = self.collection.parks[park].articles.clone();
                    self.collection.find_figures_of(&articles);
                    ParkView::new(&self.collection, park, old.marked)
                });
                if let Some(fresh) = fresh {
                    *old = fresh;
                }
            }
            Mode::Overview(old) => *old = Overview::new(&self.collection, old.last_year),
            _ => {}
        }
    }

    /// The figures table to open: over the shown article's park, as the parks pane
    /// groups it (其他 too), or over every article when none is shown, keyed by the
    /// figures of its articles (found now where they were not yet: a collection
    /// loads without them).
    pub fn table_to_open(&mut self) -> FigureTable {
        let mut table = self.table_settings_to_open();
        self.key_table(&mut table);
        table
    }

    /// `table_to_open`, perhaps without its keys yet. Opened again this session: as
    /// it was left (scope, filter, sort, row) when over the whole collection or this
    /// same park; over another park with the same filter and sort.
    fn table_settings_to_open(&mut self) -> FigureTable {
        let group = self.article().and_then(|shown| {
            self.collection
                .parks
                .iter()
                .find(|p| p.articles.contains(&shown))
        });
        let park = group.map(|p| (p.name.clone(), p.articles.clone()));
        let last = self.last_table.take();
        let same_scope = last
            .as_ref()
            .is_some_and(|t| t.whole || t.park == park.as_ref().map(|(name, _)| name.clone()));
        match last {
            Some(table) if same_scope => table,
            Some(old) => FigureTable::over(park).with_settings_of(&old),
            None => FigureTable::over(park),
        }
    }

    /// Give `table` the keys of the figures of its articles unless it has them:
    /// over an archive loaded without bodies they are brought back a step at a time
    /// and only their keys kept (`keys_of_collection`).
    pub fn key_table(&mut self, table: &mut FigureTable) {
        if table.has_keys() {
            return;
        }
        let scope = table.scope().map(<[usize]>::to_vec);
        let keys = keys_of_collection(&mut self.collection, scope.as_deref());
        table.set_keys(keys, &self.collection.articles);
    }
}
