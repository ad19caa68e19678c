//! Everything the reader can be asked to do. Keys map to actions; `update` applies them.

/// One thing to do. The bindable ones have a config name (see [`BINDABLE`]); the rest come
/// from the terminal (resize) or from typing into the search prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    Quit,
    Suspend,
    /// Jump to the Nth park (1-based) and show its first article.
    Park(u8),
    PrevPark,
    NextPark,
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
    /// Copy the article, or the selected figure, to the clipboard (OSC 52).
    Copy,
    /// Erase the terminal and draw everything again (Ctrl-L).
    Repaint,
    /// Close the topmost overlay (help, search marks, zoom).
    Close,
    Resize(u16, u16),
    SearchInput(char),
    SearchBackspace,
    SearchSubmit,
    SearchCancel,
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
    ("focus_next", Action::FocusNext, "next pane"),
    ("focus_prev", Action::FocusPrev, "previous pane"),
    ("focus_left", Action::FocusLeft, "pane to the left"),
    ("focus_right", Action::FocusRight, "pane to the right"),
    ("down", Action::Down, "down a row / next item"),
    ("up", Action::Up, "up a row / previous item"),
    ("page_down", Action::PageDown, "page down"),
    ("page_up", Action::PageUp, "page up"),
    ("half_page_down", Action::HalfPageDown, "half a page down"),
    ("half_page_up", Action::HalfPageUp, "half a page up"),
    ("top", Action::Top, "top"),
    ("bottom", Action::Bottom, "bottom"),
    ("open", Action::Open, "open article / go to figure"),
    ("search", Action::Search, "search all articles"),
    ("next_match", Action::NextMatch, "next match"),
    ("prev_match", Action::PrevMatch, "previous match"),
    ("zoom", Action::Zoom, "zoom the article"),
    ("help", Action::Help, "this help"),
    (
        "copy",
        Action::Copy,
        "copy the article / the figure (OSC 52)",
    ),
    ("repaint", Action::Repaint, "repaint the screen"),
    ("close", Action::Close, "close help / clear search / unzoom"),
    ("suspend", Action::Suspend, "suspend to the shell"),
    ("quit", Action::Quit, "quit"),
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
