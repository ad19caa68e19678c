//! The reader's whole state. Rendering reads it; only `update` changes it.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::{Duration, Instant};

use ratatui::layout::Rect;

pub use super::panes::Focus;

use super::config::Config;
use super::list_offset::ListOffset;
use super::panes::{self, Hidden, PaneInputs, PaneSettings, Panes};
use super::search::Match;
use super::theme::Theme;
use crate::core::collection::Collection;
use crate::core::figures::FigureKind;
use crate::core::layout::{ArticleLayout, LayoutOptions, PreparedArticle};
use crate::core::Article;
use crate::state::{self, Anchor, State};

/// An article open this long counts as read.
pub const READ_AFTER: Duration = Duration::from_secs(3);

/// A row of the parks pane: a park, or an article of the expanded park.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParkItem {
    Park(usize),
    Article { park: usize, article: usize },
}

/// Where the search prompt stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchMode {
    Off,
    /// Typing the query; the view follows the first match as it changes.
    Typing,
    /// Query confirmed; its matches stay marked, n / N move between them.
    Results,
}

/// The open article and how it is being read. Opened in one place ([`ArticleView::open`]),
/// so a new article always starts from the same clean view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArticleView {
    /// Index into `collection.articles`.
    pub article: usize,
    /// First article row shown.
    pub scroll: usize,
    /// Index into `highlight_order()`.
    pub figure_cursor: usize,
    /// Index into the article's figures of the figure marked in the text.
    pub marked_figure: Option<usize>,
    /// The text at the top of the view: the reading place, which holds across widths
    /// and while the screen is too small to show the article. Changed only when the
    /// reader scrolls, so resizing back and forth does not drift.
    pub anchor: Option<Anchor>,
    /// The highlights list's first row shown.
    pub highlights: ListOffset,
    /// When the article was opened, for the read mark.
    pub opened: Instant,
    /// Still to be marked read once open a moment (off once marked, or marked by hand).
    pub auto_read: bool,
}

impl ArticleView {
    pub fn open(article: usize) -> ArticleView {
        ArticleView {
            article,
            scroll: 0,
            figure_cursor: 0,
            marked_figure: None,
            anchor: None,
            highlights: ListOffset::default(),
            opened: Instant::now(),
            auto_read: true,
        }
    }
}

/// What the reader shows, saved so that a cancelled search can put it back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub park: usize,
    pub parks_cursor: usize,
    pub view: Option<ArticleView>,
    pub focus: Focus,
}

#[derive(Debug, Clone)]
pub struct Search {
    pub mode: SearchMode,
    pub query: String,
    pub matches: Vec<Match>,
    pub current: Option<usize>,
    pub origin: Option<Place>,
    /// The history entry in the prompt (Up / Down), if one is.
    pub history_at: Option<usize>,
}

/// The one cached article layout: relaid only when the article or the width
/// changes. The width-independent analysis of the article is kept apart, so a
/// resize only refills rows.
#[derive(Debug, Default)]
struct LayoutCache {
    key: Option<(usize, usize)>,
    layout: Rc<ArticleLayout>,
    prepared: Option<(usize, PreparedArticle)>,
}

pub struct App {
    pub collection: Collection,
    pub config: Config,
    pub theme: Theme,
    /// The screen size the last resize reported.
    pub screen: Rect,
    /// Where each pane is, worked out by `update` after every action (see `relayout`).
    pub panes: Panes,
    pub focus: Focus,
    pub hidden: Hidden,
    /// The park whose articles are listed.
    pub park: usize,
    /// Index into `park_items()`.
    pub parks_cursor: usize,
    pub view: Option<ArticleView>,
    pub search: Search,
    pub help: bool,
    pub help_scroll: usize,
    pub zoom: bool,
    /// A one-line notice for the status bar (load warnings, "no match").
    pub notice: Option<String>,
    /// The notice goes at the next key ("back where you left off" is said briefly).
    pub notice_brief: bool,
    pub quit: bool,
    /// Set by the suspend action; the event loop does the suspending.
    pub suspend_requested: bool,
    /// Read marks, places, search history: what the state file keeps.
    pub reading: State,
    /// Set when `reading` changed since it was last saved.
    pub reading_changed: bool,
    cache: RefCell<LayoutCache>,
}

impl App {
    pub fn new(collection: Collection, config: Config, theme: Theme) -> App {
        App::with_state(collection, config, theme, State::default())
    }

    /// The reader with saved reading state: the last article opens at its place.
    pub fn with_state(collection: Collection, config: Config, theme: Theme, reading: State) -> App {
        let notice = match collection.warnings.len() {
            0 => None,
            1 => Some("1 file skipped (listed on exit)".to_string()),
            n => Some(format!("{n} files skipped (listed on exit)")),
        };
        let hidden = Hidden {
            parks: reading.hide_parks,
            highlights: reading.hide_highlights,
        };
        let mut app = App {
            collection,
            config,
            theme,
            screen: Rect::new(0, 0, 120, 36),
            panes: Panes::default(),
            focus: Focus::Article,
            hidden,
            park: 0,
            parks_cursor: 0,
            view: None,
            search: Search {
                mode: SearchMode::Off,
                query: String::new(),
                matches: Vec::new(),
                current: None,
                origin: None,
                history_at: None,
            },
            help: false,
            help_scroll: 0,
            zoom: false,
            notice,
            notice_brief: false,
            quit: false,
            suspend_requested: false,
            reading,
            reading_changed: false,
            cache: RefCell::new(LayoutCache::default()),
        };
        let last = app
            .reading
            .last_article
            .as_deref()
            .and_then(|id| app.collection.articles.iter().position(|a| a.id == id));
        if let Some(article) = last {
            app.open_article(article);
            if let Some(view) = &mut app.view {
                view.anchor = app.reading.place(&app.collection.articles[article].id);
            }
            if app.notice.is_none() {
                app.notice = Some("back where you left off".to_string());
                app.notice_brief = true;
            }
        } else if !app.collection.parks.is_empty() {
            app.select_park(0);
        } else if !app.collection.articles.is_empty() {
            app.view = Some(ArticleView::open(0));
        }
        app.relayout();
        app.scroll_to_anchor();
        app
    }

    /// Index into `collection.articles` of the article shown.
    pub fn article(&self) -> Option<usize> {
        self.view.map(|v| v.article)
    }

    /// First article row shown (0 with no article).
    pub fn scroll(&self) -> usize {
        self.view.map_or(0, |v| v.scroll)
    }

    pub fn marked_figure(&self) -> Option<usize> {
        self.view.and_then(|v| v.marked_figure)
    }

    pub fn figure_cursor(&self) -> usize {
        self.view.map_or(0, |v| v.figure_cursor)
    }

    /// The rows of the parks pane: every park, and the articles of the expanded one.
    pub fn park_items(&self) -> Vec<ParkItem> {
        let mut items = Vec::new();
        for (i, park) in self.collection.parks.iter().enumerate() {
            items.push(ParkItem::Park(i));
            if i == self.park {
                items.extend(
                    park.articles
                        .iter()
                        .map(|&article| ParkItem::Article { park: i, article }),
                );
            }
        }
        items
    }

    /// Article indexes in the order the parks pane lists them; search visits this order.
    pub fn reading_order(&self) -> Vec<usize> {
        let count = self.collection.articles.len();
        let mut listed = vec![false; count];
        let mut order: Vec<usize> = Vec::with_capacity(count);
        for &a in self.collection.parks.iter().flat_map(|p| &p.articles) {
            if a < count && !listed[a] {
                listed[a] = true;
                order.push(a);
            }
        }
        // Articles no park lists are still searchable.
        order.extend((0..count).filter(|&a| !listed[a]));
        order
    }

    pub fn shown_article(&self) -> Option<&Article> {
        self.article().and_then(|a| self.collection.articles.get(a))
    }

    /// Figures of the shown article for the highlights pane: quantities, then dates.
    pub fn highlight_order(&self) -> Vec<usize> {
        let Some(article) = self.shown_article() else {
            return Vec::new();
        };
        let is_date = |i: &usize| article.figures[*i].kind == FigureKind::Date;
        let (dates, quantities): (Vec<usize>, Vec<usize>) =
            (0..article.figures.len()).partition(is_date);
        quantities.into_iter().chain(dates).collect()
    }

    /// Expand park `index` and show its first article.
    pub fn select_park(&mut self, index: usize) {
        let Some(park) = self.collection.parks.get(index) else {
            return;
        };
        let first = park.articles.first().copied();
        self.park = index;
        match first {
            Some(article) => self.open_article(article),
            None => self.parks_cursor = self.item_index(ParkItem::Park(index)).unwrap_or(0),
        }
    }

    /// Show an article from the top, expanding its park and moving the cursor to it.
    /// Showing the article already shown goes back to its top and keeps its marks.
    pub fn open_article(&mut self, article: usize) {
        if article >= self.collection.articles.len() {
            return;
        }
        if let Some(park) = self.park_of(article) {
            self.park = park;
            self.parks_cursor = self
                .item_index(ParkItem::Article { park, article })
                .unwrap_or(0);
        }
        self.view = Some(match self.view {
            Some(view) if view.article == article => ArticleView {
                scroll: 0,
                anchor: None,
                ..view
            },
            _ => ArticleView::open(article),
        });
    }

    pub fn park_of(&self, article: usize) -> Option<usize> {
        self.collection
            .parks
            .iter()
            .position(|p| p.articles.contains(&article))
    }

    fn item_index(&self, item: ParkItem) -> Option<usize> {
        self.park_items().iter().position(|i| *i == item)
    }

    pub fn place(&self) -> Place {
        Place {
            park: self.park,
            parks_cursor: self.parks_cursor,
            view: self.view,
            focus: self.focus,
        }
    }

    pub fn restore_place(&mut self, place: Place) {
        self.park = place.park;
        self.parks_cursor = place.parks_cursor;
        self.view = place.view;
        self.focus = place.focus;
        self.relayout();
    }

    /// What the pane geometry is worked out from.
    pub fn pane_inputs(&self) -> PaneInputs {
        PaneInputs {
            area: self.screen,
            settings: PaneSettings {
                parks_width: self.config.parks_width,
                highlights_width: self.config.highlights_width,
                reading_width: self
                    .config
                    .reading_width
                    .map(|w| u16::try_from(w).unwrap_or(u16::MAX)),
            },
            zoom: self.zoom,
            focus: self.focus,
            hidden: self.hidden,
            parks_rows: self.park_items().len(),
        }
    }

    /// Work out the panes again (after the screen, focus, zoom or hidden panes changed).
    pub fn relayout(&mut self) {
        self.panes = panes::panes(&self.pane_inputs());
    }

    /// Rows the article pane shows.
    pub fn article_height(&self) -> usize {
        self.panes.article_text().map_or(0, |r| r.height as usize)
    }

    /// The shown article laid out for the article pane, if it shows.
    pub fn current_layout(&self) -> Option<Rc<ArticleLayout>> {
        let width = self.panes.article_text()?.width;
        Some(self.layout(self.article()?, width as usize))
    }

    /// The article laid out at `width`, from the cache when it was laid out at that width.
    pub fn layout(&self, article: usize, width: usize) -> Rc<ArticleLayout> {
        let mut cache = self.cache.borrow_mut();
        if cache.key != Some((article, width)) {
            let Some(a) = self.collection.articles.get(article) else {
                return Rc::new(ArticleLayout::default());
            };
            if cache.prepared.as_ref().is_some_and(|(i, _)| *i != article) {
                cache.prepared = None;
            }
            let (_, prepared) = cache
                .prepared
                .get_or_insert_with(|| (article, PreparedArticle::new(a, self.config.ambiguous)));
            let layout = prepared.layout(&self.layout_options(width));
            cache.key = Some((article, width));
            cache.layout = Rc::new(layout);
        }
        Rc::clone(&cache.layout)
    }

    pub fn layout_options(&self, width: usize) -> LayoutOptions {
        LayoutOptions {
            width: width.max(1),
            reading_width: self.config.reading_width,
            paragraph_indent: self.config.paragraph_indent,
            ambiguous: self.config.ambiguous,
        }
    }

    /// The largest useful scroll offset: the last row at the bottom of the pane.
    pub fn max_scroll(&self) -> usize {
        let rows = self.current_layout().map_or(0, |l| l.rows.len());
        rows.saturating_sub(self.article_height())
    }

    /// Set the article's scroll, kept within the article, and note the text now at the
    /// top as the reading place. Without a laid-out article the place is kept as it was.
    pub fn set_scroll(&mut self, scroll: usize) {
        let Some(layout) = self.current_layout() else {
            return;
        };
        let max = layout.rows.len().saturating_sub(self.article_height());
        let Some(view) = &mut self.view else {
            return;
        };
        view.scroll = scroll.min(max);
        view.anchor = layout
            .rows
            .iter()
            .enumerate()
            .skip(view.scroll)
            .find_map(|(i, row)| {
                Some(Anchor {
                    part: row.part?,
                    offset: row.chars.start,
                    lead: i - view.scroll,
                })
            });
    }

    /// Scroll so the reading place is at the top again (after the panes changed). The
    /// place itself stays as it was, even where the article's end holds the view back.
    pub fn scroll_to_anchor(&mut self) {
        let Some(layout) = self.current_layout() else {
            return;
        };
        let max = layout.rows.len().saturating_sub(self.article_height());
        let Some(view) = &mut self.view else {
            return;
        };
        let Some(anchor) = view.anchor else {
            view.scroll = view.scroll.min(max);
            return;
        };
        if let Some((row, _)) = layout.locate(anchor.part, anchor.offset) {
            view.scroll = row.saturating_sub(anchor.lead).min(max);
        }
    }

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
