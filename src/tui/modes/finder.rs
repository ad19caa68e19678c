//! The park finder (`p`): a prompt that filters the parks pane as you type, by Chinese,
//! full pinyin, initials or a mix (matching lives in `core::parks::finder`). `↑` `↓` move
//! through the parks found, `Enter` opens the one at the cursor (the first, best, one
//! unless moved), `Esc` gives back the view as it was.

use crate::core::parks::finder::ParkFinder;
use crate::tui::app::{App, Finder, Focus, Place};
use crate::tui::input::prompt::{Edit, Prompt};

fn names_of(app: &App) -> ParkFinder {
    ParkFinder::new(app.collection.parks.iter().map(|p| p.name.as_str()))
}

impl Finder {
    /// The view to give back on Esc, after the collection was replaced under it:
    /// the same article under its new index, with the focus it had before the
    /// finder opened (the finder itself focuses the parks pane).
    pub fn retarget(&mut self, origin: Place) {
        self.origin = Place {
            focus: self.origin.focus,
            ..origin
        };
    }
}

/// Open the finder over the whole list of parks.
pub fn open(app: &mut App) {
    let names = names_of(app);
    app.finder = Some(Finder {
        prompt: Prompt::default(),
        found: (0..names.len()).collect(),
        names,
        origin: app.place(),
        origin_focus: app.focus,
        origin_zoom: app.zoom,
    });
    // The parks pane shows what is found, so it is the pane shown and focused.
    app.focus = Focus::Parks;
    app.zoom = false;
    app.parks_cursor = 0;
    app.notice = None;
}

/// The collection changed under an open finder: match again over the new names.
pub fn refresh_names(app: &mut App) {
    let names = names_of(app);
    if let Some(finder) = &mut app.finder {
        finder.names = names;
    }
    refilter(app);
}

fn refilter(app: &mut App) {
    if let Some(finder) = &mut app.finder {
        finder.found = finder.names.find(finder.prompt.text());
    }
    app.parks_cursor = 0;
}

pub fn edit(app: &mut App, edit: Edit) {
    let Some(finder) = &mut app.finder else {
        return;
    };
    // Backspace on an empty prompt leaves, as in the search prompt.
    if edit == Edit::Backspace && finder.prompt.is_empty() {
        cancel(app);
        return;
    }
    if finder.prompt.edit(edit, &[]) {
        refilter(app);
    }
}

/// Move the cursor through the parks found.
pub fn step(app: &mut App, delta: isize) {
    let Some(finder) = &app.finder else {
        return;
    };
    let last = finder.found.len().saturating_sub(1) as isize;
    app.parks_cursor = (app.parks_cursor as isize + delta).clamp(0, last.max(0)) as usize;
}

/// Open the park at the cursor; with nothing found, stay in the finder.
pub fn submit(app: &mut App) {
    let Some(finder) = &app.finder else {
        return;
    };
    let Some(&park) = finder.found.get(app.parks_cursor) else {
        app.notice = Some(format!("no park matches {}", finder.prompt.text()));
        return;
    };
    let focus = finder.origin_focus;
    app.finder = None;
    app.focus = focus;
    app.select_park(park);
    app.notice = None;
}

pub fn cancel(app: &mut App) {
    let Some(finder) = app.finder.take() else {
        return;
    };
    app.focus = finder.origin_focus;
    app.zoom = finder.origin_zoom;
    app.restore_place(finder.origin);
}
