//! The reader's state: the collection, where the reader is in it, and the modes open
//! over it. Rendering reads it; only `update` changes it. Its methods are spread by
//! concern: the article view (`article_view`), the reading marks (`marks`), a new
//! collection in place of the old (`swap`).

use std::cell::RefCell;
use std::collections::VecDeque;

use ratatui::layout::Rect;

use crate::core::collection::Collection;
use crate::core::reading_order::ReadingOrder;
use crate::core::search::{Match, SearchIndex};
use crate::core::searchable::SearchableCollection;
use crate::core::Article;
use crate::state::State;
use crate::tui::app::layout_cache::LayoutCache;
use crate::tui::app::matches::{Search, SearchMode};
use crate::tui::app::panes::{Focus, Hidden, Panes};
use crate::tui::app::place::{ArticleView, Jump, ParkItem, Place, PARK_PREVIEW};
use crate::tui::app::stack::ModeStack;
use crate::tui::config::Config;
use crate::tui::effect::Effect;
use crate::tui::input::prompt::Prompt;
use crate::tui::loader::LoadCount;
use crate::tui::modes::figure_table::FigureTable;
use crate::tui::modes::finder::Finder;
use crate::tui::modes::help::Help;
use crate::tui::modes::overview::Overview;
use crate::tui::modes::park_number::ParkNumber;
use crate::tui::modes::park_view::ParkView;
use crate::tui::modes::{Confirm, Mode};
use crate::tui::scroll::ListOffset;
use crate::tui::theme::Theme;

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
    /// Articles whose bodies were brought back (see `bring_back_body`), oldest first.
    pub kept_bodies: VecDeque<usize>,
    /// The expanded park lists all its articles, not only its newest few.
    pub park_full: bool,
    /// First row of the parks pane shown; `update` keeps the cursor in view.
    pub parks_offset: ListOffset,
    /// What the reader was asked to load, shown when nothing loaded.
    pub tried: Vec<String>,
    /// Pages read so far while the rest load in the background.
    pub loading: Option<LoadCount>,
    /// Sources fetched so far (`R`), and how many in all, while a fetch runs.
    pub fetching: Option<(usize, usize)>,
    /// The article shown alone (`z`).
    pub zoom: bool,
    /// The modes open over the reader; the top one takes the keys.
    modes: ModeStack,
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
    /// The places before each jump, newest last (`Ctrl-O` goes back).
    pub jumps: Vec<Jump>,
    /// The figures table as it was last closed: opened again as it was, this session.
    pub last_table: Option<FigureTable>,
    /// The parks pane lists unread articles only (`t`).
    pub unread_only: bool,
    /// Running inside tmux ($TMUX set): `y` says what tmux needs for OSC 52.
    pub in_tmux: bool,
    pub(super) cache: RefCell<LayoutCache>,
}

impl App {
    pub fn new(collection: impl Into<SearchableCollection>, config: Config, theme: Theme) -> App {
        App::with_state(collection, config, theme, State::default())
    }

    /// The reader with saved reading state: the last article opens at its place.
    pub fn with_state(
        loaded: impl Into<SearchableCollection>,
        config: Config,
        theme: Theme,
        reading: State,
    ) -> App {
        let SearchableCollection { collection, search } = loaded.into();
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
            search: Search::default(),
            order: ReadingOrder::default(),
            search_index: None,
            kept_bodies: VecDeque::new(),
            park_full: false,
            parks_offset: ListOffset::default(),
            tried: Vec::new(),
            loading: None,
            fetching: None,
            zoom: false,
            modes: ModeStack::default(),
            notice,
            effects: Vec::new(),
            resume: reading.last_article.clone(),
            unread_only: reading.unread_only,
            reading,
            reading_changed: false,
            jumps: Vec::new(),
            last_table: None,
            in_tmux: false,
            cache: RefCell::new(LayoutCache::default()),
        };
        app.order = ReadingOrder::new(&app.collection);
        app.search_index = search;
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
        if let Some(finder) = self.finder() {
            return finder.found().iter().map(|&p| ParkItem::Park(p)).collect();
        }
        let mut items = Vec::with_capacity(self.collection.parks.len() + PARK_PREVIEW + 1);
        // Unread only: a park with nothing unread folds away (not the one open), and
        // its read articles are not listed (not the one shown).
        let listed =
            |a: &usize| !self.unread_only || !self.is_read(*a) || Some(*a) == self.article();
        for (i, park) in self.collection.parks.iter().enumerate() {
            if i != self.park {
                // Only the open park's articles are listed: the others need no copy.
                if !self.unread_only || park.articles.iter().any(listed) {
                    items.push(ParkItem::Park(i));
                }
                continue;
            }
            items.push(ParkItem::Park(i));
            let listed: Vec<usize> = park.articles.iter().copied().filter(listed).collect();
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

    /// Open where the reader left off (the saved last article at its place), else the
    /// first park's first article, else the first article.
    pub(super) fn open_at_start(&mut self) {
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

    /// The matches a search found; none, and a notice saying why, when its text
    /// (kept in a file) could not be read.
    pub fn matches_or_notice(&mut self, found: std::io::Result<Vec<Match>>) -> Vec<Match> {
        found.unwrap_or_else(|e| {
            self.notice = Some(format!("search: the search text could not be read: {e}"));
            Vec::new()
        })
    }

    pub fn shown_article(&self) -> Option<&Article> {
        self.article().and_then(|a| self.collection.articles.get(a))
    }

    /// Expand park `park` in the parks pane: its newest few, unless it is the park
    /// already listed in full.
    fn expand_park(&mut self, park: usize) {
        if self.park != park {
            self.park_full = false;
        }
        self.park = park;
    }

    /// Expand park `index` and show its first article.
    pub fn select_park(&mut self, index: usize) {
        let Some(park) = self.collection.parks.get(index) else {
            return;
        };
        let first = park.articles.first().copied();
        self.expand_park(index);
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
            self.expand_park(park);
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
        self.bring_back_body(article);
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
            zoom: self.zoom,
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
        self.zoom = place.zoom;
        self.relayout();
    }

    /// The modes open over the reader.
    pub fn modes(&self) -> &ModeStack {
        &self.modes
    }

    pub(super) fn modes_mut(&mut self) -> &mut ModeStack {
        &mut self.modes
    }

    /// The mode taking the keys; `None` when the reader takes them.
    pub fn mode(&self) -> Option<&Mode> {
        self.modes.top()
    }

    /// Open `mode` over the reader, from where the reader is now.
    pub fn open_mode(&mut self, mode: Mode) {
        let here = self.place();
        self.modes.push(mode, here);
    }

    /// Close the top mode, the reader left where it is; the mode is returned.
    pub fn close_mode(&mut self) -> Option<Mode> {
        self.modes.pop().map(|l| l.mode)
    }

    /// Close the top mode and go back to where the reader was when it opened.
    pub fn cancel_mode(&mut self) {
        if let Some(layer) = self.modes.pop() {
            self.restore_place(layer.origin);
        }
    }

    /// Where the search stands: typing in its prompt, its matches kept, or off.
    pub fn search_mode(&self) -> SearchMode {
        if matches!(self.mode(), Some(Mode::SearchPrompt)) {
            SearchMode::Typing
        } else if self.search.kept {
            SearchMode::Results
        } else {
            SearchMode::Off
        }
    }

    pub fn help(&self) -> Option<&Help> {
        self.modes.find(|m| match m {
            Mode::Help(h) => Some(h),
            _ => None,
        })
    }

    pub fn figure_table(&self) -> Option<&FigureTable> {
        self.modes.find(|m| match m {
            Mode::FigureTable(t) => Some(t),
            _ => None,
        })
    }

    pub fn park_view(&self) -> Option<&ParkView> {
        self.modes.find(|m| match m {
            Mode::ParkView(v) => Some(v),
            _ => None,
        })
    }

    pub fn overview(&self) -> Option<&Overview> {
        self.modes.find(|m| match m {
            Mode::Overview(v) => Some(v),
            _ => None,
        })
    }

    pub fn finder(&self) -> Option<&Finder> {
        self.modes.find(|m| match m {
            Mode::Finder(f) => Some(f),
            _ => None,
        })
    }

    pub fn park_number(&self) -> Option<&ParkNumber> {
        self.modes.find(|m| match m {
            Mode::ParkNumber(n) => Some(n),
            _ => None,
        })
    }

    pub fn pipe_prompt(&self) -> Option<&Prompt> {
        self.modes.find(|m| match m {
            Mode::Pipe(p) => Some(p),
            _ => None,
        })
    }

    pub fn confirm(&self) -> Option<Confirm> {
        self.modes
            .find(|m| match m {
                Mode::Confirm(c) => Some(c),
                _ => None,
            })
            .copied()
    }
}
