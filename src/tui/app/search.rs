//! The reader's side of search: the prompt, when the search runs, where `n` and `N` go.
//! Finding matches is `core::search`.
//!
//! Typing only edits the query and marks it stale; the search runs once when the queued
//! keys have all been applied ([`settle`], called by the event loop after each batch), so
//! an IME committing four characters costs one search, not four.

use crate::core::search::{self, Spot};
use crate::tui::app::daily;
use crate::tui::app::matches::SearchMode;
use crate::tui::app::reader::App;
use crate::tui::input::prompt::Edit;
use crate::tui::modes::Mode;

/// Start a search from where the reader is.
pub fn begin(app: &mut App) {
    app.search.reset();
    app.open_mode(Mode::SearchPrompt);
    app.notice = None;
}

/// An edit of the query. Backspace on an empty prompt leaves search, as in a shell's
/// reverse search; ↑ and ↓ recall earlier queries.
pub fn edit(app: &mut App, edit: Edit) {
    if app.search_mode() != SearchMode::Typing {
        return;
    }
    if edit == Edit::Backspace && app.search.prompt.is_empty() {
        cancel(app);
        return;
    }
    if app.search.prompt.edit(edit, &app.reading.search_history) {
        app.search.stale = true;
    }
}

/// Run the search if the query changed since it last ran.
pub fn settle(app: &mut App) {
    if app.search.stale {
        app.search.stale = false;
        refresh_matches(app);
    }
}

pub fn submit(app: &mut App) {
    if app.search_mode() != SearchMode::Typing {
        return;
    }
    settle(app);
    let query = app.search.query().to_string();
    if query.is_empty() {
        cancel(app);
        return;
    }
    remember(app, query.clone());
    if app.search.matches.is_empty() {
        app.notice = Some(format!("no match for {query}"));
        app.cancel_mode();
        return;
    }
    let origin = app.modes().origin();
    app.close_mode();
    app.search.kept = true;
    // The place the search began from is where Ctrl-O goes back to.
    if let Some(origin) = origin.filter(|o| o.view.map(|v| v.article) != app.article()) {
        daily::note_jump_from(app, origin, None);
    }
}

/// Keep a query for ↑ (once, newest last) in the reading state, which saves it.
fn remember(app: &mut App, query: String) {
    app.reading.remember_search(&query);
    app.reading_changed = true;
}

pub fn cancel(app: &mut App) {
    app.cancel_mode();
    app.search.reset();
}

/// Esc after a search: its matches are no longer marked.
pub fn clear(app: &mut App) {
    if app.search_mode() == SearchMode::Typing {
        app.close_mode();
    }
    app.search.reset();
}

/// Re-run the search after the query changed, and show its first match from where the
/// search began (or go back there when nothing matches).
fn refresh_matches(app: &mut App) {
    let query = app.search.query().to_string();
    app.search.runs += 1;
    let previous = std::mem::take(&mut app.search.matched);
    let found = std::mem::take(&mut app.search.matches);
    let index = app.search_index();
    // Typing on narrows the matches already found; anything else scans again.
    let narrowed = match previous.filter(|_| !found.is_empty()) {
        Some(previous) => index.narrow(&previous, &found, &query).transpose(),
        None => None,
    };
    let matches = narrowed.unwrap_or_else(|| index.find_all(&query));
    app.search.matches = app.matches_or_notice(matches);
    app.search.matched = Some(query.clone());
    let origin = app.modes().origin();
    // The first match in the article the search began from or any after it, wrapping.
    let from: Spot = match origin.and_then(|o| o.view).map(|v| v.article) {
        Some(article) => Spot::article_start(app.order.rank(article)),
        None => Spot::article_start(0),
    };
    app.search.current = search::next_from(&app.order, &app.search.matches, from, true);
    match app.search.current {
        Some(i) => reveal_match(app, i),
        None => {
            if let Some(origin) = origin {
                app.restore_place(origin);
            }
        }
    }
}

/// `n` (`step` 1) or `N` (-1): the next or previous match from where the reader is now,
/// as less and vim do. From the current match while it is in view; else from the top of
/// the article view, so after jumping elsewhere `n` continues from there.
pub fn step_match(app: &mut App, step: isize) {
    settle(app);
    if app.search_mode() == SearchMode::Off {
        app.notice = Some("no search to step through: / searches".to_string());
        return;
    }
    if app.search.matches.is_empty() || app.search_mode() == SearchMode::Typing {
        return;
    }
    let current_in_view = app
        .search
        .current
        .and_then(|i| app.search.matches.get(i).copied())
        .filter(|m| app.article() == Some(m.article))
        .filter(|m| {
            let height = app.article_height();
            app.current_layout()
                .and_then(|l| l.locate(m.part, m.start))
                .is_some_and(|(row, _)| row >= app.scroll() && row < app.scroll() + height)
        });
    let order = &app.order;
    let next = match current_in_view {
        Some(m) => {
            let at = search::spot(order, m.article, m.part, m.start);
            if step > 0 {
                search::next_from(order, &app.search.matches, at, false)
            } else {
                search::prev_from(order, &app.search.matches, at)
            }
        }
        None => {
            let at = match (app.article(), app.top_of_view()) {
                (Some(article), Some((part, offset))) => search::spot(order, article, part, offset),
                (Some(article), None) => Spot::article_start(order.rank(article)),
                (None, _) => Spot::article_start(0),
            };
            if step > 0 {
                search::next_from(order, &app.search.matches, at, true)
            } else {
                search::prev_from(order, &app.search.matches, at)
            }
        }
    };
    if let Some(next) = next {
        app.search.current = Some(next);
        reveal_match(app, next);
    }
}

fn reveal_match(app: &mut App, index: usize) {
    let Some(found) = app.search.matches.get(index).copied() else {
        return;
    };
    if app.article() != Some(found.article) {
        app.open_article(found.article);
    }
    app.show_article_pane();
    app.reveal(found.part, found.start);
}
