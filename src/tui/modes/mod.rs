//! The modes that take the keys over the reader, one at a time. Each file holds one
//! mode's state, what its keys do to that state, and its drawing where it draws over
//! the panes:
//!
//! - `help` (`?`): the keys, scrolled;
//! - `figure_table` (`F`): every figure of a park or of the archive, sorted, filtered;
//! - `park_view` (`i`) and `overview` (`O`): a park, and the archive, at a glance;
//! - `finder` (`p`): a prompt that narrows the parks pane to the parks it finds;
//! - `park_number`: digits gathering into a park's number;
//! - a search being typed, a y/n question, a command being typed after `|`.
//!
//! Modes know nothing of the reader's state (`tui::app`): they are given what they
//! read, and they say what the reader should do (an [`Outcome`](crate::tui::action::ViewOutcome)
//! or their own small enum). The app keeps them on a stack (`app::stack`): the top one
//! takes the keys, and closing it gives back the place the reader had when it opened.

pub mod figure_table;
pub mod finder;
pub mod help;
pub mod overview;
pub mod park_number;
pub mod park_view;

use crate::tui::input::prompt::Prompt;

/// One mode over the reader, with its state.
#[derive(Debug, Clone)]
pub enum Mode {
    Help(help::Help),
    FigureTable(figure_table::FigureTable),
    ParkView(park_view::ParkView),
    Overview(overview::Overview),
    Finder(finder::Finder),
    /// A search query being typed; the query and its matches are the reader's
    /// (`app::search`), since they stay marked after the prompt closes.
    SearchPrompt,
    ParkNumber(park_number::ParkNumber),
    /// A question waiting for `y` (anything else is no).
    Confirm(Confirm),
    /// The command being typed after `|`.
    Pipe(Prompt),
}

/// A question waiting for `y`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    /// `C`: mark every article read.
    AllRead,
}

impl Mode {
    /// Modes drawn over the whole body (the rest show in the panes or the status bar).
    pub fn covers_panes(&self) -> bool {
        matches!(
            self,
            Mode::Help(_) | Mode::FigureTable(_) | Mode::ParkView(_) | Mode::Overview(_)
        )
    }
}
