//! The search's state: the query, its matches and which one is current. It outlives
//! the prompt (`n` and `N` step through the matches after it closes); `app::search`
//! changes it.

use crate::core::search::Match;
use crate::tui::input::prompt::Prompt;

/// Where the search prompt stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchMode {
    Off,
    /// Typing the query; the view follows the first match as it changes.
    Typing,
    /// Query confirmed; its matches stay marked, n / N move between them.
    Results,
}

/// The search, kept between prompts.
#[derive(Debug, Clone, Default)]
pub struct Search {
    /// The matches stay marked after the prompt closed (`n`, `N` step through them).
    pub kept: bool,
    /// The query being typed or kept, with its cursor.
    pub prompt: Prompt,
    pub matches: Vec<Match>,
    pub current: Option<usize>,
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

    /// No query and no matches: as a search begins or ends.
    pub fn reset(&mut self) {
        self.kept = false;
        self.prompt.clear();
        self.matches.clear();
        self.current = None;
        self.stale = false;
        self.matched = None;
    }
}
