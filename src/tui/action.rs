//! Everything the reader can be asked to do. Keys map to actions; `update` applies them.

/// One thing to do. The bindable ones have a config name (see [`BINDABLE`]); the rest come
/// from the terminal (resize) or from typing into the search prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    Quit,
    /// Ctrl-C: quits from anywhere, the help and the search prompt too.
    QuitNow,
    Suspend,
    /// Jump to the Nth park (1-based) and show its first article.
    Park(u8),
    PrevPark,
    NextPark,
    /// The next / previous article in reading order, across parks.
    NextArticle,
    PrevArticle,
    NextUnread,
    /// Mark the selected article read or unread.
    ToggleRead,
    /// Hide or show a side pane.
    ToggleParks,
    ToggleHighlights,
    FocusNext,
    FocusPrev,
    FocusLeft,
    FocusRight,
    Down,
    Up,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    Top,
    Bottom,
    Open,
    Search,
    NextMatch,
    PrevMatch,
    Zoom,
    Help,
    /// Open or close the figures table over the current park.
    FiguresTable,
    /// In the figures table: the park or the whole collection; in the overview: the
    /// whole span or the last 12 months.
    TableScope,
    /// Open or close a park at a glance (`i`).
    ParkView,
    /// Open or close the archive at a glance (`O`).
    Overview,
    /// In the figures table: the next sort key (value, date, park, reading).
    TableSort,
    /// Copy the article, or the selected figure, to the clipboard (OSC 52).
    Copy,
    /// Fetch every configured source in the background (`yuanqu fetch`).
    Fetch,
    /// Erase the terminal and draw everything again (Ctrl-L).
    Repaint,
    /// Close the topmost overlay (help, search marks, zoom).
    Close,
    /// Open the park finder.
    FindPark,
    /// Mark every article of the current park read (`A`).
    ParkRead,
    /// Ask whether to mark the whole collection read (`C`); `y` says yes.
    AllRead,
    ConfirmYes,
    ConfirmNo,
    /// The parks pane lists all articles, or the unread ones only (`t`).
    UnreadOnly,
    /// Star or unstar the article (`*`).
    Star,
    /// The next starred article in reading order (`'`).
    NextStarred,
    /// Back to where the reader was before the last jump (`Ctrl-O`).
    JumpBack,
    /// Open the article's url in the browser (`o`).
    OpenUrl,
    /// Ask for a command and pipe the article to it (`|`).
    Pipe,
    PipeEdit(Edit),
    PipeSubmit,
    PipeCancel,
    Resize(u16, u16),
    /// A digit while a park number is being typed (0 too).
    ParkDigit(u8),
    /// Enter, or the pause after the last digit: go to the park number typed.
    ParkNumberDone,
    ParkNumberBackspace,
    ParkNumberCancel,
    FinderEdit(Edit),
    FinderUp,
    FinderDown,
    FinderSubmit,
    FinderCancel,
    SearchEdit(Edit),
    SearchInput(char),
    SearchBackspace,
    SearchSubmit,
    SearchCancel,
}

/// What a modal view (`i`, `O`) makes of an action: done within the view, or
/// something the reader is to do for it (`update` does it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewOutcome {
    /// The view did what the action asks (or nothing: it means nothing there).
    Handled,
    Close,
    /// Close and open this article with this figure marked.
    OpenFigure {
        article: usize,
        figure: usize,
    },
    /// Not the view's: the reader applies it with the view kept open (resize, help).
    PassOn,
    /// Close, then the reader applies it (a park's number in the overview).
    CloseAndPassOn,
}

impl Action {
    /// Actions the reader applies whatever view is open over it (quitting at once,
    /// resizing, suspending, repainting, help): a view passes them on.
    pub fn reaches_through_views(self) -> bool {
        matches!(
            self,
            Action::QuitNow | Action::Resize(..) | Action::Suspend | Action::Repaint | Action::Help
        )
    }
}

/// The actions a key can be bound to: config name, action, help text. Help lists them in
/// this order.
pub const BINDABLE: &[(&str, Action, &str)] = &[
    ("park_1", Action::Park(1), "park 1 and its first article"),
    ("park_2", Action::Park(2), "park 2"),
    ("park_3", Action::Park(3), "park 3"),
    ("park_4", Action::Park(4), "park 4"),
    ("park_5", Action::Park(5), "park 5"),
    ("park_6", Action::Park(6), "park 6"),
    ("park_7", Action::Park(7), "park 7"),
    ("park_8", Action::Park(8), "park 8"),
    ("park_9", Action::Park(9), "park 9"),
    ("prev_park", Action::PrevPark, "previous park"),
    ("next_park", Action::NextPark, "next park"),
    (
        "next_article",
        Action::NextArticle,
        "next article, across parks",
    ),
    ("prev_article", Action::PrevArticle, "previous article"),
    ("next_unread", Action::NextUnread, "next unread article"),
    ("toggle_read", Action::ToggleRead, "mark read / unread"),
    (
        "mark_park_read",
        Action::ParkRead,
        "mark every article of the park read",
    ),
    (
        "mark_all_read",
        Action::AllRead,
        "mark the whole collection read (asks y/n)",
    ),
    (
        "unread_only",
        Action::UnreadOnly,
        "parks pane: all articles / unread only",
    ),
    ("star", Action::Star, "star / unstar the article (★)"),
    ("next_starred", Action::NextStarred, "next starred article"),
    (
        "jump_back",
        Action::JumpBack,
        "back to where you were before the last jump",
    ),
    (
        "open_url",
        Action::OpenUrl,
        "open the article's url ($BROWSER)",
    ),
    (
        "pipe",
        Action::Pipe,
        "pipe the article to a command ($PAGER)",
    ),
    (
        "toggle_parks",
        Action::ToggleParks,
        "hide / show the parks pane",
    ),
    (
        "toggle_highlights",
        Action::ToggleHighlights,
        "hide / show the figures pane",
    ),
    ("focus_next", Action::FocusNext, "next pane"),
    ("focus_prev", Action::FocusPrev, "previous pane"),
    ("focus_left", Action::FocusLeft, "pane to the left"),
    ("focus_right", Action::FocusRight, "pane to the right"),
    ("down", Action::Down, "down a row / next item"),
    ("up", Action::Up, "up a row / previous item"),
    (
        "page_down",
        Action::PageDown,
        "page down; at the article's end, the next article",
    ),
    ("page_up", Action::PageUp, "page up"),
    ("half_page_down", Action::HalfPageDown, "half a page down"),
    ("half_page_up", Action::HalfPageUp, "half a page up"),
    ("top", Action::Top, "top"),
    ("bottom", Action::Bottom, "bottom"),
    ("open", Action::Open, "open article / go to figure"),
    (
        "find_park",
        Action::FindPark,
        "find a park by name or pinyin",
    ),
    ("search", Action::Search, "search all articles"),
    ("next_match", Action::NextMatch, "next match"),
    ("prev_match", Action::PrevMatch, "previous match"),
    ("zoom", Action::Zoom, "zoom the article"),
    ("help", Action::Help, "this help"),
    (
        "figures_table",
        Action::FiguresTable,
        "figures table of the park",
    ),
    (
        "table_scope",
        Action::TableScope,
        "figures table: park / all; overview: all / last 12 months",
    ),
    (
        "table_sort",
        Action::TableSort,
        "figures table: next sort (value, date, park, reading)",
    ),
    (
        "park_view",
        Action::ParkView,
        "the park at a glance: months, sources, money",
    ),
    (
        "overview",
        Action::Overview,
        "the archive at a glance: months, parks, sources",
    ),
    (
        "copy",
        Action::Copy,
        "copy the article / the figure (OSC 52)",
    ),
    (
        "fetch",
        Action::Fetch,
        "fetch every source now, in the background",
    ),
    ("repaint", Action::Repaint, "repaint the screen"),
    (
        "close",
        Action::Close,
        "close help or the table / clear search / unzoom",
    ),
    ("suspend", Action::Suspend, "suspend to the shell"),
    (
        "quit",
        Action::Quit,
        "quit (in help, the table, a prompt: close it)",
    ),
];

impl Action {
    /// The config name of a bindable action.
    pub fn name(self) -> Option<&'static str> {
        BINDABLE
            .iter()
            .find(|(_, a, _)| *a == self)
            .map(|(n, _, _)| *n)
    }

    pub fn from_name(name: &str) -> Option<Action> {
        BINDABLE
            .iter()
            .find(|(n, _, _)| *n == name)
            .map(|(_, a, _)| *a)
    }

    pub fn description(self) -> &'static str {
        BINDABLE
            .iter()
            .find(|(_, a, _)| *a == self)
            .map_or("", |(_, _, d)| *d)
    }
}

/// One edit of a prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Edit {
    Insert(char),
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
    /// Ctrl-U: delete from the cursor back to the start.
    KillToStart,
    /// Ctrl-W: delete the word before the cursor (and the spaces after it).
    KillWord,
    /// ↑: the previous (older) history entry.
    Older,
    /// ↓: the next (newer) history entry, then what was being typed.
    Newer,
}
