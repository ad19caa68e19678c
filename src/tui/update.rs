//! `update`: the only place the state changes. One action in, maybe a follow-up out.

use super::action::Action;
use super::app::{App, Focus, ParkItem, SearchMode};
use super::search;
use crate::core::layout::Part;

/// Apply `action` to the app; returns a follow-up action to apply next, if any.
pub fn update(app: &mut App, action: Action) -> Option<Action> {
    if app.help {
        return update_help(app, action);
    }
    match action {
        Action::Quit => app.quit = true,
        Action::Suspend => app.suspend_requested = true,
        Action::Repaint => app.repaint_requested = true,
        Action::Copy => super::copy::copy(app),
        Action::Resize(width, height) => {
            // Keep the reader's place: the text at the top of the view stays there.
            let anchor = top_of_view(app);
            app.screen = ratatui::layout::Rect::new(0, 0, width, height);
            if let Some((part, offset)) = anchor {
                if let Some((row, _)) = app.current_layout().and_then(|l| l.locate(part, offset)) {
                    app.scroll = row;
                }
            }
            clamp_scroll(app);
        }
        Action::Park(n) => {
            let index = usize::from(n).saturating_sub(1);
            if index < app.collection.parks.len() {
                app.select_park(index);
            }
        }
        Action::PrevPark => {
            if app.park > 0 {
                app.select_park(app.park - 1);
            }
        }
        Action::NextPark => {
            if app.park + 1 < app.collection.parks.len() {
                app.select_park(app.park + 1);
            }
        }
        Action::FocusNext | Action::FocusPrev | Action::FocusLeft | Action::FocusRight => {
            move_focus(app, action);
        }
        Action::Down => move_by(app, 1),
        Action::Up => move_by(app, -1),
        Action::PageDown => move_by(app, page(app, 1)),
        Action::PageUp => move_by(app, page(app, -1)),
        Action::HalfPageDown => move_by(app, page(app, 1) / 2),
        Action::HalfPageUp => move_by(app, page(app, -1) / 2),
        Action::Top => move_by(app, isize::MIN / 2),
        Action::Bottom => move_by(app, isize::MAX / 2),
        Action::Open => open(app),
        Action::Search => {
            app.search.origin = Some(app.place());
            app.search.mode = SearchMode::Typing;
            app.search.query.clear();
            app.search.matches.clear();
            app.search.current = None;
            app.notice = None;
        }
        Action::SearchInput(c) if app.search.mode == SearchMode::Typing => {
            app.search.query.push(c);
            refresh_matches(app);
        }
        Action::SearchBackspace if app.search.mode == SearchMode::Typing => {
            app.search.query.pop();
            refresh_matches(app);
        }
        // Enter on an empty query is no search at all: as Esc.
        Action::SearchSubmit
            if app.search.mode == SearchMode::Typing && app.search.query.is_empty() =>
        {
            return Some(Action::SearchCancel);
        }
        Action::SearchSubmit if app.search.mode == SearchMode::Typing => {
            if app.search.matches.is_empty() {
                app.notice = Some(format!("no match for {}", app.search.query));
                app.search.mode = SearchMode::Off;
                if let Some(origin) = app.search.origin.take() {
                    app.restore_place(origin);
                }
            } else {
                app.search.mode = SearchMode::Results;
            }
        }
        Action::SearchCancel => {
            if let Some(origin) = app.search.origin.take() {
                app.restore_place(origin);
            }
            clear_search(app);
        }
        Action::NextMatch => step_match(app, 1),
        Action::PrevMatch => step_match(app, -1),
        Action::Zoom => {
            app.zoom = !app.zoom;
            clamp_scroll(app);
        }
        Action::Help => {
            app.help = true;
            app.help_scroll = 0;
        }
        Action::Close => {
            if app.search.mode != SearchMode::Off {
                clear_search(app);
            } else if app.zoom {
                app.zoom = false;
                clamp_scroll(app);
            } else if app.marked_figure.is_some() {
                app.marked_figure = None;
            } else {
                app.notice = None;
            }
        }
        Action::SearchInput(_) | Action::SearchBackspace | Action::SearchSubmit => {}
    }
    None
}

/// With help open, keys scroll or close it; everything else waits until it is closed.
fn update_help(app: &mut App, action: Action) -> Option<Action> {
    match action {
        Action::Help | Action::Close => app.help = false,
        Action::Quit | Action::Resize(..) | Action::Suspend | Action::Repaint => {
            app.help = false;
            let follow = update(app, action);
            app.help = !app.quit;
            return follow;
        }
        Action::Down => {
            let lines = super::widgets::help::help_lines(app).len();
            app.help_scroll = (app.help_scroll + 1).min(lines.saturating_sub(1));
        }
        Action::Up => app.help_scroll = app.help_scroll.saturating_sub(1),
        Action::Top => app.help_scroll = 0,
        _ => {}
    }
    None
}

fn clear_search(app: &mut App) {
    app.search.mode = SearchMode::Off;
    app.search.query.clear();
    app.search.matches.clear();
    app.search.current = None;
    app.search.origin = None;
}

/// Re-run the search after the query changed, and show its first match from where the
/// search began (or go back there when nothing matches).
fn refresh_matches(app: &mut App) {
    let order = app.reading_order();
    app.search.matches = search::find_all(&app.collection, &order, &app.search.query);
    let origin = app.search.origin;
    let start_article = origin.and_then(|o| o.article);
    // The first match in the article the search began from or any after it, wrapping.
    let rank = |article: usize| {
        let pos = order.iter().position(|&a| a == article).unwrap_or(0);
        let from = start_article
            .and_then(|s| order.iter().position(|&a| a == s))
            .unwrap_or(0);
        (pos + order.len() - from) % order.len().max(1)
    };
    app.search.current =
        (0..app.search.matches.len()).min_by_key(|&i| (rank(app.search.matches[i].article), i));
    match app.search.current {
        Some(i) => reveal_match(app, i),
        None => {
            if let Some(origin) = origin {
                app.restore_place(origin);
            }
        }
    }
}

fn step_match(app: &mut App, step: isize) {
    let count = app.search.matches.len();
    if count == 0 || app.search.mode == SearchMode::Typing {
        return;
    }
    let current = app.search.current.unwrap_or(0) as isize;
    let next = (current + step).rem_euclid(count as isize) as usize;
    app.search.current = Some(next);
    reveal_match(app, next);
}

fn reveal_match(app: &mut App, index: usize) {
    let Some(found) = app.search.matches.get(index).copied() else {
        return;
    };
    if app.article != Some(found.article) {
        app.open_article(found.article);
    }
    reveal(app, found.part, found.start);
}

/// Scroll the article so that char `offset` of `part` is in view, a third of the way down.
fn reveal(app: &mut App, part: Part, offset: usize) {
    let Some(layout) = app.current_layout() else {
        return;
    };
    let Some((row, _)) = layout.locate(part, offset) else {
        return;
    };
    let height = app.article_height();
    if row < app.scroll || row >= app.scroll + height {
        app.scroll = row.saturating_sub(height / 3);
    }
    clamp_scroll(app);
}

/// The first text shown in the article view: its part and char offset.
fn top_of_view(app: &App) -> Option<(Part, usize)> {
    let layout = app.current_layout()?;
    layout
        .rows
        .iter()
        .skip(app.scroll)
        .find_map(|row| Some((row.part?, row.chars.start)))
}

fn clamp_scroll(app: &mut App) {
    app.scroll = app.scroll.min(app.max_scroll());
}

fn move_focus(app: &mut App, action: Action) {
    let order = Focus::ORDER;
    let at = order.iter().position(|f| *f == app.focus).unwrap_or(1);
    let next = match action {
        Action::FocusNext => (at + 1) % order.len(),
        Action::FocusPrev => (at + order.len() - 1) % order.len(),
        Action::FocusLeft => at.saturating_sub(1),
        _ => (at + 1).min(order.len() - 1),
    };
    app.focus = order[next];
    // Zoom shows the article alone; moving to another pane leaves it.
    if app.focus != Focus::Article {
        app.zoom = false;
    }
    clamp_scroll(app);
}

/// A page for the focused pane, signed.
fn page(app: &App, direction: isize) -> isize {
    let panes = app.panes();
    let rows = match app.focus {
        Focus::Parks => panes
            .parks
            .map_or(1, |r| usize::from(r.height.saturating_sub(2))),
        // One row of the old page stays in view.
        Focus::Article => app.article_height().saturating_sub(1),
        // Two rows per figure.
        Focus::Highlights => panes
            .highlights
            .map_or(1, |r| usize::from(r.height.saturating_sub(2)) / 2),
    };
    direction * rows.max(1) as isize
}

fn move_by(app: &mut App, delta: isize) {
    let shift = |value: usize, len: usize| -> usize {
        let last = len.saturating_sub(1) as isize;
        (value as isize).saturating_add(delta).clamp(0, last.max(0)) as usize
    };
    match app.focus {
        Focus::Parks => {
            let len = app.park_items().len();
            app.parks_cursor = shift(app.parks_cursor, len);
        }
        Focus::Article => {
            let max = app.max_scroll();
            app.scroll = shift(app.scroll, max + 1);
        }
        Focus::Highlights => {
            let len = app.highlight_order().len();
            app.figure_cursor = shift(app.figure_cursor, len);
        }
    }
}

fn open(app: &mut App) {
    match app.focus {
        Focus::Parks => match app.park_items().get(app.parks_cursor).copied() {
            Some(ParkItem::Park(park)) => app.select_park(park),
            Some(ParkItem::Article { article, .. }) => app.open_article(article),
            None => {}
        },
        Focus::Highlights => {
            let order = app.highlight_order();
            let Some(&figure) = order.get(app.figure_cursor) else {
                return;
            };
            let Some(found) = app.shown_article().and_then(|a| a.figures.get(figure)) else {
                return;
            };
            let (part, start) = (Part::Block(found.block), found.start);
            app.marked_figure = Some(figure);
            reveal(app, part, start);
        }
        Focus::Article => {}
    }
}
