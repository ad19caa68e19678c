//! The park finder (`p`): a prompt that narrows the parks pane to the parks it finds as
//! you type, by Chinese, full pinyin, initials or a mix (matching lives in
//! `core::parks::finder`). `↑` `↓` move through the parks found, `Enter` opens the one
//! at the cursor (the first, best, one unless moved), `Esc` gives back the view as it
//! was (the app keeps that place with the mode).

use crate::core::parks::finder::ParkFinder;
use crate::tui::action::Edit;
use crate::tui::input::prompt::Prompt;

#[derive(Debug, Clone)]
pub struct Finder {
    prompt: Prompt,
    /// Park indexes that match the prompt, best first.
    found: Vec<usize>,
    names: ParkFinder,
}

/// What an edit of the finder's prompt comes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FinderEdit {
    /// The parks found changed: the cursor goes back to the best.
    Refound,
    Unchanged,
    /// Backspace on an empty prompt: leave, as the search prompt does.
    Leave,
}

impl Finder {
    /// The finder over these park names (their order is the parks' indexes).
    pub fn new<'a>(names: impl Iterator<Item = &'a str>) -> Finder {
        let names = ParkFinder::new(names);
        Finder {
            prompt: Prompt::default(),
            found: (0..names.len()).collect(),
            names,
        }
    }

    pub fn prompt(&self) -> &Prompt {
        &self.prompt
    }

    /// The parks found, best first.
    pub fn found(&self) -> &[usize] {
        &self.found
    }

    /// The parks changed under the finder: match again over the new names.
    pub fn rename<'a>(&mut self, names: impl Iterator<Item = &'a str>) {
        self.names = ParkFinder::new(names);
        self.found = self.names.find(self.prompt.text());
    }

    pub fn edit(&mut self, edit: Edit) -> FinderEdit {
        if edit == Edit::Backspace && self.prompt.is_empty() {
            return FinderEdit::Leave;
        }
        if !self.prompt.edit(edit, &[]) {
            return FinderEdit::Unchanged;
        }
        self.found = self.names.find(self.prompt.text());
        FinderEdit::Refound
    }
}
