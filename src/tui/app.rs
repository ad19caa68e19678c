//! The reader's whole state. Rendering reads it; only `update` changes it.

use std::cell::RefCell;
use std::rc::Rc;

use ratatui::layout::Rect;

use super::config::Config;
use super::panes::{self, Panes};
use super::search::Match;
use super::theme::Theme;
use crate::core::collection::Collection;
use crate::core::figures::FigureKind;
use crate::core::layout::{ArticleLayout, LayoutOptions, PreparedArticle};
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

/// What the reader shows, saved so that a cancelled search can put it back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub park: usize,
    pub parks_cursor: usize,
    pub article: Option<usize>,
    pub scroll: usize,
}

#[derive(Debug, Clone)]
pub struct Search {
    pub mode: SearchMode,
    pub query: String,
    pub matches: Vec<Match>,
    pub current: Option<usize>,
    pub origin: Option<Place>,
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
    pub help: bool,
    pub help_scroll: usize,
    pub zoom: bool,
    /// A one-line notice for the status bar (load warnings, "no match").
    pub notice: Option<String>,
    pub quit: bool,
    /// Set by the suspend action; the event loop does the suspending.
    pub suspend_requested: bool,
    /// Set by Ctrl-L; the event loop erases the terminal and repaints.
    pub repaint_requested: bool,
    /// An OSC 52 request made by `y`, for the event loop to send.
    pub clipboard_request: Option<Vec<u8>>,
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
                query: String::new(),
                matches: Vec::new(),
                current: None,
                origin: None,
            },
            help: false,
            help_scroll: 0,
            zoom: false,
            notice,
            quit: false,
            suspend_requested: false,
            repaint_requested: false,
            clipboard_request: None,
            cache: RefCell::new(LayoutCache::default()),
        };
        if !app.collection.parks.is_empty() {
            app.select_park(0);
        } else if !app.collection.articles.is_empty() {
            app.article = Some(0);
        }
        app
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
        let mut order: Vec<usize> = self
            .collection
            .parks
            .iter()
            .flat_map(|p| p.articles.iter().copied())
            .filter(|&a| a < self.collection.articles.len())
            .collect();
        // Articles no park lists are still searchable.
        for a in 0..self.collection.articles.len() {
            if !order.contains(&a) {
                order.push(a);
            }
        }
        order
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
            self.park = park;
            self.parks_cursor = self
                .item_index(ParkItem::Article { park, article })
                .unwrap_or(0);
        }
        if self.article != Some(article) {
            self.figure_cursor = 0;
            self.marked_figure = None;
        }
        self.article = Some(article);
        self.scroll = 0;
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
            article: self.article,
            scroll: self.scroll,
        }
    }

    pub fn restore_place(&mut self, place: Place) {
        self.park = place.park;
        self.parks_cursor = place.parks_cursor;
        if self.article != place.article {
            self.figure_cursor = 0;
            self.marked_figure = None;
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
