//! Where the reader is: the open article and how it is read ([`ArticleView`]), and the
//! whole [`Place`] that modes, searches and jumps give back.

use std::time::{Duration, Instant};

use crate::state::Anchor;
use crate::tui::app::panes::Focus;
use crate::tui::modes::figure_table::FigureTable;
use crate::tui::scroll::ListOffset;

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

/// What the reader shows: where a mode, a search or a jump gives back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub park: usize,
    pub parks_cursor: usize,
    pub view: Option<ArticleView>,
    pub focus: Focus,
    /// The expanded park lists all its articles, not only its newest few.
    pub park_full: bool,
    /// The article shown alone.
    pub zoom: bool,
}

/// Where the reader was before a jump, and the figures table if it was open.
#[derive(Debug, Clone)]
pub struct Jump {
    pub place: Place,
    pub table: Option<FigureTable>,
}
