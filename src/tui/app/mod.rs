//! The reader's whole state. Rendering reads it; only `update` changes it.

pub mod list_offset;

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::{Duration, Instant};

use ratatui::layout::Rect;

pub use crate::tui::view::panes::Focus;

use crate::core::collection::Collection;
use crate::core::figures::FigureKind;
use crate::core::layout::{ArticleLayout, LayoutOptions, Part, PreparedArticle};
use crate::core::parks::finder::ParkFinder;
use crate::core::reading_order::ReadingOrder;
use crate::core::search::{Match, SearchIndex};
use crate::core::Article;
use crate::state::{self, Anchor, State};
use crate::tui::app::list_offset::ListOffset;
use crate::tui::config::Config;
use crate::tui::input::prompt::Prompt;
use crate::tui::loader::LoadCount;
use crate::tui::modes::figure_table::FigureTable;
use crate::tui::modes::overview::Overview;
use crate::tui::modes::park_number::ParkNumber;
use crate::tui::modes::park_view::ParkView;
use crate::tui::view::panes::{self, Hidden, PaneInputs, PaneSettings, Panes};
use crate::tui::view::theme::Theme;

/// An article open this long counts as read.
pub const READ_AFTER: Duration = Duration::from_secs(3);

/// A row of the parks pane: a park, or an article of the expanded park.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParkItem {
    Park(usize),
    Article {
        park: usize,
        article: usize,
    },
    /// The row under a long park's first articles: `hidden` more, Enter lists them all.
    More {
        park: usize,
        hidden: usize,
    },
}

/// How many of a park's articles (its newest) are listed before a "… N more" row.
pub const PARK_PREVIEW: usize = 8;

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
    pub park_full: bool,
}

#[derive(Debug, Clone)]
pub struct Search {
    pub mode: SearchMode,
    /// The query being typed or kept, with its cursor.
    pub prompt: Prompt,
    pub matches: Vec<Match>,
    pub current: Option<usize>,
    pub origin: Option<Place>,
    /// The query changed since the search last ran (see `search::settle`).
    pub stale: bool,
    /// How many times the search has run: one per batch of typing, not per key.
    pub runs: usize,
    /// The query `matches` were found for, over the current search index.
    pub matched: Option<String>,
}

impl Search {
    pub fn query(&self) -> &str {
        self.prompt.text()
    }

    /// No query and no matches, in `mode` from `origin`: as a search begins (typing,
    /// from where the reader is) or ends (off, from nowhere).
    pub fn reset(&mut self, mode: SearchMode, origin: Option<Place>) {
        self.mode = mode;
        self.origin = origin;
        self.prompt.clear();
        self.matches.clear();
        self.current = None;
        self.stale = false;
        self.matched = None;
    }
}

/// The park finder's state (`p`); `tui::finder` edits it.
pub struct Finder {
    pub prompt: Prompt,
    /// Park indexes that match the prompt, best first.
    pub found: Vec<usize>,
    pub names: ParkFinder,
    /// What the reader showed before, given back by Esc.
    pub origin: Place,
    pub origin_focus: Focus,
    pub origin_zoom: bool,
}

/// A question waiting for `y` (anything else is no).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    AllRead,
}

pub use crate::tui::effect::{Effect, External};

/// Where the reader was before a jump, and the figures table if it was open.
#[derive(Debug, Clone)]
pub struct Jump {
    pub place: Place,
    pub table: Option<FigureTable>,
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
    /// The collection's reading order, rebuilt when the collection changes.
    pub order: ReadingOrder,
    /// The collection folded for search, built at the first search after a change.
    pub search_index: Option<SearchIndex>,
    /// Digits typed towards a park number ("go to park 2_").
    pub park_number: Option<ParkNumber>,
    /// The park finder (`p`), while open.
    pub finder: Option<Finder>,
    /// The expanded park lists all its articles, not only its newest few.
    pub park_full: bool,
    /// First row of the parks pane shown; rendering keeps the cursor in view.
    pub parks_offset: Cell<usize>,
    /// What the reader was asked to load, shown when nothing loaded.
    pub tried: Vec<String>,
    /// Pages read so far while the rest load in the background.
    pub loading: Option<LoadCount>,
    /// Sources fetched so far (`R`), and how many in all, while a fetch runs.
    pub fetching: Option<(usize, usize)>,
    pub help: bool,
    pub help_scroll: usize,
    /// The figures table, while it is open.
    pub figure_table: Option<FigureTable>,
    /// A park at a glance (`i`), while it is open.
    pub park_view: Option<ParkView>,
    /// The archive at a glance (`O`), while it is open.
    pub overview: Option<Overview>,
    pub zoom: bool,
    /// A one-line notice for the status bar (load warnings, "no match"), said until
    /// the next key.
    pub notice: Option<String>,
    /// What the event loop is to do, in order (see `effect`).
    effects: Vec<Effect>,
    /// Read marks, places, search history: what the state file keeps.
    pub reading: State,
    /// Set when `reading` changed since it was last saved.
    pub reading_changed: bool,
    /// The last article of the saved state, where the reader opens (also when the whole
    /// collection replaces a preview that did not hold it).
    resume: Option<String>,
    /// A question waiting for its y/n (`C`).
    pub confirm: Option<Confirm>,
    /// The command being typed after `|`.
    pub pipe_prompt: Option<Prompt>,
    /// The places before each jump, newest last (`Ctrl-O` goes back).
    pub jumps: Vec<Jump>,
    /// The figures table as it was last closed: opened again as it was, this session.
    pub last_table: Option<FigureTable>,
    /// The parks pane lists unread articles only (`t`).
    pub unread_only: bool,
    /// Running inside tmux ($TMUX set): `y` says what tmux needs for OSC 52.
    pub in_tmux: bool,
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
                prompt: Prompt::default(),
                matches: Vec::new(),
                current: None,
                origin: None,
                stale: false,
                runs: 0,
                matched: None,
            },
            order: ReadingOrder::default(),
            search_index: None,
            park_number: None,
            finder: None,
            park_full: false,
            parks_offset: Cell::new(0),
            tried: Vec::new(),
            loading: None,
            fetching: None,
            help: false,
            help_scroll: 0,
            figure_table: None,
            park_view: None,
            overview: None,
            zoom: false,
            notice,
            effects: Vec::new(),
            resume: reading.last_article.clone(),
            unread_only: reading.unread_only,
            reading,
            reading_changed: false,
            confirm: None,
            pipe_prompt: None,
            jumps: Vec::new(),
            last_table: None,
            in_tmux: false,
            cache: RefCell::new(LayoutCache::default()),
        };
        app.order = ReadingOrder::new(&app.collection);
        app.open_at_start();
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

    /// The rows of the parks pane: every park, and the articles of the expanded one
    /// (its newest few and a "… N more" row, unless listed in full). With the park
    /// finder open: the parks it found, best first.
    pub fn park_items(&self) -> Vec<ParkItem> {
        if let Some(finder) = &self.finder {
            return finder.found.iter().map(|&p| ParkItem::Park(p)).collect();
        }
        let mut items = Vec::with_capacity(self.collection.parks.len() + PARK_PREVIEW + 1);
        for (i, park) in self.collection.parks.iter().enumerate() {
            // Unread only: a park with nothing unread folds away (not the one open),
            // and its read articles are not listed (not the one shown).
            let listed: Vec<usize> = if self.unread_only {
                park.articles
                    .iter()
                    .copied()
                    .filter(|&a| !self.is_read(a) || Some(a) == self.article())
                    .collect()
            } else {
                park.articles.clone()
            };
            if self.unread_only && listed.is_empty() && i != self.park {
                continue;
            }
            items.push(ParkItem::Park(i));
            if i == self.park {
                let shown = if self.park_full || listed.len() <= PARK_PREVIEW + 1 {
                    listed.len()
                } else {
                    PARK_PREVIEW
                };
                items.extend(
                    listed[..shown]
                        .iter()
                        .map(|&article| ParkItem::Article { park: i, article }),
                );
                if shown < listed.len() {
                    items.push(ParkItem::More {
                        park: i,
                        hidden: listed.len() - shown,
                    });
                }
            }
        }
        items
    }

    /// The article an action about "this article" means: the one under the parks
    /// cursor when the parks pane has the focus, else the one shown.
    pub fn article_at_hand(&self) -> Option<usize> {
        let under_cursor = match self.park_items().get(self.parks_cursor) {
            Some(ParkItem::Article { article, .. }) if self.focus == Focus::Parks => Some(*article),
            _ => None,
        };
        under_cursor.or(self.article())
    }

    /// Article indexes in the order the parks pane lists them; search visits this order.
    pub fn reading_order(&self) -> &[usize] {
        self.order.articles()
    }

    /// Call after the collection changed: the reading order and search index follow it
    /// (an open park finder follows with `finder::refresh_names`).
    pub fn collection_changed(&mut self) {
        self.order = ReadingOrder::new(&self.collection);
        self.search_index = None;
        self.search.matched = None;
        // The cached layout is keyed by article index, which now names another article.
        *self.cache.borrow_mut() = LayoutCache::default();
    }

    /// Swap in the whole collection after a preview, keeping the article shown and its
    /// place (ids do not depend on which pages are loaded) and the search.
    pub fn replace_collection(&mut self, collection: Collection) {
        self.swap_collection(collection, false);
    }

    /// The first article after the shown one in reading order, wrapping around, that
    /// `wanted` picks (never the shown one itself): `U`'s and `'`'s walk.
    pub fn next_in_reading_order(&self, wanted: impl Fn(&App, usize) -> bool) -> Option<usize> {
        let order = self.reading_order();
        let at = self
            .article()
            .and_then(|a| order.iter().position(|&o| o == a))
            .map_or(0, |i| i + 1);
        (0..order.len())
            .map(|i| order[(at + i) % order.len()])
            .find(|&a| wanted(self, a) && Some(a) != self.article())
    }

    /// Ask the event loop for `effect`, after what is already asked.
    pub fn request(&mut self, effect: Effect) {
        self.effects.push(effect);
    }

    /// What the event loop is to do now, in the order asked; the queue is left empty.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// True once quitting has been asked for.
    pub fn quitting(&self) -> bool {
        self.effects.contains(&Effect::Quit)
    }

    /// The collection read again after files were added or changed (a fetch, a cron
    /// job): the article shown stays shown, at its place, whatever it was.
    pub fn reload_collection(&mut self, collection: Collection) {
        self.swap_collection(collection, true);
    }

    /// A new collection in place of this one, the reader kept where it was. With
    /// `always_keep` false, a reader still where the preview opened opens as the whole
    /// collection opens.
    fn swap_collection(&mut self, collection: Collection, always_keep: bool) {
        // Not moved from where the preview opened: open as the whole collection opens.
        let untouched = !always_keep
            && self.park == 0
            && self.scroll() == 0
            && self.search.mode == SearchMode::Off
            && self.finder.is_none()
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
        // The origin of a search refers to the old indexes: begin from here instead.
        if self.search.mode != SearchMode::Off {
            self.search.origin = Some(self.place());
            let query = self.search.query().to_string();
            self.search.matches = self.search_index().find_all(&query);
            self.search.current = None;
        }
        self.reopen_over_new_collection();
        // The parks list has other rows now: the panes follow.
        self.relayout();
        self.scroll_to_anchor();
    }

    /// What was open over the old collection (finder, table, pictures, the jump list)
    /// named parks and articles by their old indexes: each is opened again over the
    /// new one, as it was.
    fn reopen_over_new_collection(&mut self) {
        let place = self.place();
        if let Some(finder) = &mut self.finder {
            finder.retarget(place);
        }
        // The table's rows name articles by their old indexes: it opens again over the
        // new collection, with its scope, sort and filter.
        if let Some(old) = self.figure_table.take() {
            self.open_figure_table();
            if old.whole {
                self.collection.find_all_figures();
            }
            let articles = &self.collection.articles;
            self.figure_table = self
                .figure_table
                .take()
                .map(|table| table.with_settings_of(&old, articles));
        }
        // The pictures name parks and articles by their old indexes: drawn again
        // over the new collection, the same park and scope.
        if let Some(old) = self.park_view.take() {
            let park = self
                .collection
                .parks
                .iter()
                .position(|p| p.name == old.stats.name);
            if let Some(park) = park {
                let articles = self.collection.parks[park].articles.clone();
                self.collection.find_figures_of(&articles);
                self.park_view = ParkView::new(&self.collection, park, old.marked);
            }
        }
        if let Some(old) = self.overview.take() {
            self.overview = Some(Overview::new(&self.collection, old.last_year));
        }
        // Places and the last table name articles by their old indexes: the jump list
        // starts again, and the table keeps only its settings.
        self.jumps.clear();
        if let Some(old) = self.last_table.take() {
            let articles = &self.collection.articles;
            self.last_table =
                Some(FigureTable::open(articles, None).with_settings_of(&old, articles));
        }
    }

    /// Open the figures table over the shown article's park, as the parks pane groups
    /// it (其他 too), or over every article when none is shown. The figures it lists
    /// are found now where they were not yet: a collection loads without them.
    pub fn open_figure_table(&mut self) {
        let group = self.article().and_then(|shown| {
            self.collection
                .parks
                .iter()
                .find(|p| p.articles.contains(&shown))
        });
        let park = group.map(|p| (p.name.clone(), p.articles.clone()));
        // Opened again this session: as it was left (scope, filter, sort, row) when
        // over the whole collection or this same park; over another park with the
        // same filter and sort.
        let last = self.last_table.take();
        let same_scope = last
            .as_ref()
            .is_some_and(|t| t.whole || t.park == park.as_ref().map(|(name, _)| name.clone()));
        if let Some(table) = last.as_ref().filter(|_| same_scope) {
            if table.whole {
                self.collection.find_all_figures();
            }
            self.figure_table = last;
            return;
        }
        match &park {
            Some((_, articles)) => self.collection.find_figures_of(articles),
            None => self.collection.find_all_figures(),
        }
        let fresh = FigureTable::open(&self.collection.articles, park);
        self.figure_table = Some(match &last {
            Some(old) => fresh.with_settings_of(old, &self.collection.articles),
            None => fresh,
        });
    }

    /// Open where the reader left off (the saved last article at its place), else the
    /// first park's first article, else the first article.
    fn open_at_start(&mut self) {
        let last = self
            .resume
            .as_deref()
            .and_then(|id| self.collection.position(id));
        if let Some(article) = last {
            self.open_article(article);
            let anchor = self.reading.place(&self.collection.articles[article].id);
            if let Some(view) = &mut self.view {
                view.anchor = anchor;
            }
            if self.notice.is_none() {
                self.notice = Some("back where you left off".to_string());
            }
        } else if !self.collection.parks.is_empty() {
            self.select_park(0);
        } else if !self.collection.articles.is_empty() {
            self.open_article(0);
        } else {
            self.view = None;
        }
    }

    /// The search index of the collection as it is now.
    pub fn search_index(&mut self) -> &SearchIndex {
        let (collection, order) = (&self.collection, &self.order);
        self.search_index
            .get_or_insert_with(|| SearchIndex::build(collection, order))
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
        if self.park != index {
            self.park_full = false;
        }
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
            if self.park != park {
                self.park_full = false;
            }
            self.park = park;
            // An article past the preview (a search match, say) lists the park in full.
            let at = self.collection.parks[park]
                .articles
                .iter()
                .position(|&a| a == article);
            if at.is_some_and(|at| at >= PARK_PREVIEW) {
                self.park_full = true;
            }
            self.parks_cursor = self
                .item_index(ParkItem::Article { park, article })
                .unwrap_or(0);
        }
        // Loaded in outline: figures are found when an article is first shown.
        self.collection.figures_of(article);
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
        self.order.park_of(article)
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
            park_full: self.park_full,
        }
    }

    pub fn restore_place(&mut self, place: Place) {
        self.park = place.park;
        self.park_full = place.park_full;
        self.parks_cursor = place.parks_cursor;
        if let Some(view) = place.view {
            self.collection.figures_of(view.article);
        }
        self.view = place.view;
        self.focus = place.focus;
        self.park_full = place.park_full;
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

    /// Actions about the article show the article pane: in the one-pane layout (or a short
    /// screen where the article shares its column) the focus moves to it.
    pub fn show_article_pane(&mut self) {
        self.relayout();
        if self.panes.article.is_none() {
            self.focus = Focus::Article;
            self.relayout();
        }
    }

    /// Scroll the article so that char `offset` of `part` is in view, a third of the way down.
    pub fn reveal(&mut self, part: Part, offset: usize) {
        let Some(layout) = self.current_layout() else {
            return;
        };
        let Some((row, _)) = layout.locate(part, offset) else {
            return;
        };
        let height = self.article_height();
        let scroll = self.scroll();
        if row < scroll || row >= scroll + height {
            self.set_scroll(row.saturating_sub(height / 3));
        }
    }

    /// The first text shown in the article view: its part and char offset.
    pub fn top_of_view(&self) -> Option<(Part, usize)> {
        let layout = self.current_layout()?;
        layout
            .rows
            .iter()
            .skip(self.scroll())
            .find_map(|row| Some((row.part?, row.chars.start)))
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
