//! The reader's whole state. Rendering reads it; only `update` changes it.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use ratatui::layout::Rect;

use super::config::Config;
use super::finder::Finder;
use super::loader::LoadCount;
use super::panes::{self, Panes};
use super::park_number::ParkNumber;
use super::prompt::Prompt;
use super::theme::Theme;
use crate::core::collection::Collection;
use crate::core::figures::FigureKind;
use crate::core::layout::{ArticleLayout, LayoutOptions, PreparedArticle};
use crate::core::reading_order::ReadingOrder;
use crate::core::search::{Match, SearchIndex};
use crate::core::Article;

/// The pane that takes the movement keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Parks,
    Article,
    Highlights,
}

impl Focus {
    /// Left to right, as the panes stand on a wide screen.
    pub const ORDER: [Focus; 3] = [Focus::Parks, Focus::Article, Focus::Highlights];
}

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

/// What the reader shows, saved so that a cancelled search can put it back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub park: usize,
    pub parks_cursor: usize,
    pub article: Option<usize>,
    pub scroll: usize,
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
    /// The screen size the last resize reported; update computes page sizes from it.
    pub screen: Rect,
    pub focus: Focus,
    /// The park whose articles are listed.
    pub park: usize,
    /// Index into `park_items()`.
    pub parks_cursor: usize,
    /// Index into `collection.articles` of the article shown.
    pub article: Option<usize>,
    /// First article row shown.
    pub scroll: usize,
    /// Index into `highlight_order()`.
    pub figure_cursor: usize,
    /// Index into the article's figures of the figure marked in the text.
    pub marked_figure: Option<usize>,
    pub search: Search,
    /// Earlier search queries, oldest first; ↑ in the prompt recalls them.
    pub search_history: Vec<String>,
    /// The collection's reading order, rebuilt when the collection changes.
    pub reading: ReadingOrder,
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
    pub help: bool,
    pub help_scroll: usize,
    pub zoom: bool,
    /// A one-line notice for the status bar (load warnings, "no match").
    pub notice: Option<String>,
    pub quit: bool,
    /// Set by the suspend action; the event loop does the suspending.
    pub suspend_requested: bool,
    cache: RefCell<LayoutCache>,
}

impl App {
    pub fn new(collection: Collection, config: Config, theme: Theme) -> App {
        let notice = match collection.warnings.len() {
            0 => None,
            1 => Some("1 file skipped (listed on exit)".to_string()),
            n => Some(format!("{n} files skipped (listed on exit)")),
        };
        let mut app = App {
            collection,
            config,
            theme,
            screen: Rect::new(0, 0, 120, 36),
            focus: Focus::Article,
            park: 0,
            parks_cursor: 0,
            article: None,
            scroll: 0,
            figure_cursor: 0,
            marked_figure: None,
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
            search_history: Vec::new(),
            reading: ReadingOrder::default(),
            search_index: None,
            park_number: None,
            finder: None,
            park_full: false,
            parks_offset: Cell::new(0),
            tried: Vec::new(),
            loading: None,
            help: false,
            help_scroll: 0,
            zoom: false,
            notice,
            quit: false,
            suspend_requested: false,
            cache: RefCell::new(LayoutCache::default()),
        };
        app.reading = ReadingOrder::new(&app.collection);
        if !app.collection.parks.is_empty() {
            app.select_park(0);
        } else if !app.collection.articles.is_empty() {
            app.open_article(0);
        }
        app
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
            items.push(ParkItem::Park(i));
            if i == self.park {
                let shown = if self.park_full || park.articles.len() <= PARK_PREVIEW + 1 {
                    park.articles.len()
                } else {
                    PARK_PREVIEW
                };
                items.extend(
                    park.articles[..shown]
                        .iter()
                        .map(|&article| ParkItem::Article { park: i, article }),
                );
                if shown < park.articles.len() {
                    items.push(ParkItem::More {
                        park: i,
                        hidden: park.articles.len() - shown,
                    });
                }
            }
        }
        items
    }

    /// Article indexes in the order the parks pane lists them; search visits this order.
    pub fn reading_order(&self) -> &[usize] {
        self.reading.articles()
    }

    /// Call after the collection changed: the reading order and search index follow it.
    pub fn collection_changed(&mut self) {
        self.reading = ReadingOrder::new(&self.collection);
        self.search_index = None;
        self.search.matched = None;
        // The cached layout is keyed by article index, which now names another article.
        *self.cache.borrow_mut() = LayoutCache::default();
        if self.finder.is_some() {
            super::finder::refresh_names(self);
        }
    }

    /// Swap in the whole collection after a preview, keeping the article shown (ids
    /// do not depend on which pages are loaded) and the search.
    pub fn replace_collection(&mut self, collection: Collection) {
        // Not moved from where the preview opened: open as the whole collection opens.
        let untouched = self.park == 0
            && self.scroll == 0
            && self.search.mode == SearchMode::Off
            && self.finder.is_none()
            && self.article
                == self
                    .collection
                    .parks
                    .first()
                    .and_then(|p| p.articles.first().copied());
        let shown = self
            .shown_article()
            .map(|a| a.id.clone())
            .filter(|_| !untouched);
        let (scroll, focus) = (self.scroll, self.focus);
        self.collection = collection;
        self.collection_changed();
        self.park_full = false;
        match shown.and_then(|id| self.collection.position(&id)) {
            Some(article) => {
                self.article = None;
                self.open_article(article);
                self.scroll = scroll;
            }
            None if !self.collection.parks.is_empty() => self.select_park(0),
            None => self.article = None,
        }
        self.focus = focus;
        // The origin of a search refers to the old indexes: begin from here instead.
        if self.search.mode != SearchMode::Off {
            self.search.origin = Some(self.place());
            let query = self.search.query().to_string();
            self.search.matches = self.search_index().find_all(&query);
            self.search.current = None;
        }
        let place = self.place();
        if let Some(finder) = &mut self.finder {
            finder.retarget(place);
        }
    }

    /// The search index of the collection as it is now.
    pub fn search_index(&mut self) -> &SearchIndex {
        let (collection, reading) = (&self.collection, &self.reading);
        self.search_index
            .get_or_insert_with(|| SearchIndex::build(collection, reading))
    }

    pub fn shown_article(&self) -> Option<&Article> {
        self.article.and_then(|a| self.collection.articles.get(a))
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
        if self.article != Some(article) {
            self.figure_cursor = 0;
            self.marked_figure = None;
        }
        // Loaded in outline: figures are found when an article is first shown.
        self.collection.figures_of(article);
        self.article = Some(article);
        self.scroll = 0;
    }

    pub fn park_of(&self, article: usize) -> Option<usize> {
        self.reading.park_of(article)
    }

    fn item_index(&self, item: ParkItem) -> Option<usize> {
        self.park_items().iter().position(|i| *i == item)
    }

    pub fn place(&self) -> Place {
        Place {
            park: self.park,
            parks_cursor: self.parks_cursor,
            article: self.article,
            scroll: self.scroll,
            park_full: self.park_full,
        }
    }

    pub fn restore_place(&mut self, place: Place) {
        self.park = place.park;
        self.park_full = place.park_full;
        self.parks_cursor = place.parks_cursor;
        if self.article != place.article {
            self.figure_cursor = 0;
            self.marked_figure = None;
        }
        if let Some(article) = place.article {
            self.collection.figures_of(article);
        }
        self.article = place.article;
        self.scroll = place.scroll;
    }

    /// The panes of the current screen size.
    pub fn panes(&self) -> Panes {
        panes::panes(self.screen, self)
    }

    /// Rows the article pane shows at the current screen size.
    pub fn article_height(&self) -> usize {
        self.panes()
            .article
            .map_or(0, |r| panes::article_text_area(r).height as usize)
    }

    /// The shown article laid out for the current screen size.
    pub fn current_layout(&self) -> Option<Rc<ArticleLayout>> {
        let width = self
            .panes()
            .article
            .map(|r| panes::article_text_area(r).width)?;
        Some(self.layout(self.article?, width as usize))
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
}
