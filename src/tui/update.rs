//! `update`: the only place the state changes. One action in, maybe a follow-up out.
//! After every action the panes are worked out once ([`App::relayout`]), the lists
//! follow their cursors, and the reading place is noted.

use super::action::Action;
use super::app::{App, Focus, ParkItem, SearchMode};
use super::panes::Panes;
use super::search;
use super::widgets::{help, highlights};
use crate::core::layout::Part;

/// Apply `action` to the app; returns a follow-up action to apply next, if any.
pub fn update(app: &mut App, action: Action) -> Option<Action> {
    let panes_before = app.panes;
    if app.notice_brief && !matches!(action, Action::Resize(..)) {
        app.notice = None;
        app.notice_brief = false;
    }
    let follow = if app.help {
        update_help(app, action)
    } else {
        apply(app, action)
    };
    settle(app, panes_before);
    follow
}

/// What follows every action: the panes, the article's place in new panes, the lists'
/// offsets, the read mark at the article's end, the reading state.
fn settle(app: &mut App, panes_before: Panes) {
    app.relayout();
    if let Some(view) = app.view {
        if view.anchor.is_none() {
            // A newly opened article: its place is its top.
            app.set_scroll(view.scroll);
        } else if app.panes != panes_before {
            app.scroll_to_anchor();
        }
    }
    follow_highlights(app);
    // Scrolled to the end: read. (Not while the article does not show at all.)
    if let Some(view) = app.view.filter(|_| app.panes.article.is_some()) {
        let max = app.max_scroll();
        if view.scroll > 0 && view.scroll >= max && !app.is_read(view.article) {
            app.set_read(view.article, true);
        }
    }
    app.note_reading();
}

fn follow_highlights(app: &mut App) {
    let (start, end, len) = highlights::cursor_rows(app);
    let height = app.panes.inner_height(Focus::Highlights);
    if let Some(view) = &mut app.view {
        view.highlights.follow(start, end, height, len);
    }
}

fn apply(app: &mut App, action: Action) -> Option<Action> {
    match action {
        Action::Quit | Action::QuitNow => app.quit = true,
        Action::Suspend => app.suspend_requested = true,
        Action::Resize(width, height) => {
            app.screen = ratatui::layout::Rect::new(0, 0, width, height);
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
        Action::NextArticle => step_article(app, 1),
        Action::PrevArticle => step_article(app, -1),
        Action::NextUnread => next_unread(app),
        Action::ToggleRead => toggle_read(app),
        Action::ToggleParks => {
            app.hidden.parks = !app.hidden.parks;
            leave_hidden_pane(app);
        }
        Action::ToggleHighlights => {
            app.hidden.highlights = !app.hidden.highlights;
            leave_hidden_pane(app);
        }
        Action::FocusNext | Action::FocusPrev | Action::FocusLeft | Action::FocusRight => {
            move_focus(app, action);
        }
        Action::Down => move_by(app, 1),
        Action::Up => move_by(app, -1),
        Action::PageDown => {
            let at_end = app.focus == Focus::Article
                && app.view.is_some_and(|v| v.scroll >= app.max_scroll());
            if at_end && app.config.space_continues {
                step_article(app, 1);
            } else {
                move_by(app, page(app, 1));
            }
        }
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
            app.search.history_at = None;
            app.notice = None;
        }
        Action::SearchOlder | Action::SearchNewer if app.search.mode == SearchMode::Typing => {
            recall_search(app, action == Action::SearchOlder);
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
            let query = app.search.query.clone();
            app.reading.remember_search(&query);
            app.reading_changed = true;
            if app.search.matches.is_empty() {
                app.notice = Some(format!("no match for {query}"));
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
        Action::Zoom => app.zoom = !app.zoom,
        Action::Help => {
            app.help = true;
            app.help_scroll = 0;
        }
        Action::Close => {
            if app.search.mode != SearchMode::Off {
                clear_search(app);
            } else if app.zoom {
                app.zoom = false;
            } else if let Some(view) = app.view.as_mut().filter(|v| v.marked_figure.is_some()) {
                view.marked_figure = None;
            } else {
                app.notice = None;
            }
        }
        Action::SearchInput(_)
        | Action::SearchBackspace
        | Action::SearchSubmit
        | Action::SearchOlder
        | Action::SearchNewer => {}
    }
    None
}

/// With help open, keys scroll or close it (`q` too, as in less and man); everything
/// else waits until it is closed.
fn update_help(app: &mut App, action: Action) -> Option<Action> {
    let max = help::max_scroll(app);
    let page = help::visible_rows(app).max(1);
    match action {
        Action::Help | Action::Close | Action::Quit => app.help = false,
        Action::QuitNow | Action::Resize(..) | Action::Suspend => {
            app.help = false;
            let follow = apply(app, action);
            app.help = !app.quit;
            app.help_scroll = app.help_scroll.min(help::max_scroll(app));
            return follow;
        }
        Action::Down => app.help_scroll += 1,
        Action::Up => app.help_scroll = app.help_scroll.saturating_sub(1),
        Action::PageDown | Action::HalfPageDown => app.help_scroll += page,
        Action::PageUp | Action::HalfPageUp => {
            app.help_scroll = app.help_scroll.saturating_sub(page);
        }
        Action::Top => app.help_scroll = 0,
        Action::Bottom => app.help_scroll = max,
        _ => {}
    }
    app.help_scroll = app.help_scroll.min(max);
    None
}

/// An older or newer query from the search history into the prompt; past the newest,
/// an empty prompt again.
fn recall_search(app: &mut App, older: bool) {
    let history = &app.reading.search_history;
    let at = match (app.search.history_at, older) {
        (None, true) => history.len().checked_sub(1),
        (None, false) => None,
        (Some(i), true) => Some(i.saturating_sub(1)),
        (Some(i), false) => Some(i + 1).filter(|&n| n < history.len()),
    };
    app.search.history_at = at;
    app.search.query = at.and_then(|i| history.get(i)).cloned().unwrap_or_default();
    refresh_matches(app);
}

fn clear_search(app: &mut App) {
    app.search.mode = SearchMode::Off;
    app.search.query.clear();
    app.search.matches.clear();
    app.search.current = None;
    app.search.origin = None;
    app.search.history_at = None;
}

/// Re-run the search after the query changed, and show its first match from where the
/// search began (or go back there when nothing matches).
fn refresh_matches(app: &mut App) {
    let order = app.reading_order();
    app.search.matches = search::find_all(&app.collection, &order, &app.search.query);
    let origin = app.search.origin;
    let start_article = origin.and_then(|o| o.view).map(|v| v.article);
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
    if app.article() != Some(found.article) {
        app.open_article(found.article);
    }
    show_article_pane(app);
    reveal(app, found.part, found.start);
}

/// Actions about the article show the article pane: in the one-pane layout (or a short
/// screen where the article shares its column) the focus moves to it.
fn show_article_pane(app: &mut App) {
    app.relayout();
    if app.panes.article.is_none() {
        app.focus = Focus::Article;
        app.relayout();
    }
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
    let scroll = app.scroll();
    if row < scroll || row >= scroll + height {
        app.set_scroll(row.saturating_sub(height / 3));
    }
}

/// The next or previous article in reading order, across parks.
fn step_article(app: &mut App, step: isize) {
    let order = app.reading_order();
    let Some(current) = app.article() else {
        if let Some(&first) = order.first() {
            open_and_show(app, first);
        }
        return;
    };
    let at = order.iter().position(|&a| a == current).unwrap_or(0) as isize;
    match usize::try_from(at + step).ok().and_then(|i| order.get(i)) {
        Some(&next) => open_and_show(app, next),
        None if step > 0 => app.notice = Some("the last article".to_string()),
        None => app.notice = Some("the first article".to_string()),
    }
}

/// The next unread article after the shown one in reading order, wrapping around.
fn next_unread(app: &mut App) {
    let order = app.reading_order();
    let at = app
        .article()
        .and_then(|a| order.iter().position(|&o| o == a))
        .map_or(0, |i| i + 1);
    let next = (0..order.len())
        .map(|i| order[(at + i) % order.len()])
        .find(|&a| !app.is_read(a) && Some(a) != app.article());
    match next {
        Some(article) => open_and_show(app, article),
        None => app.notice = Some("no unread articles".to_string()),
    }
}

fn open_and_show(app: &mut App, article: usize) {
    app.open_article(article);
    show_article_pane(app);
    app.set_scroll(0);
}

/// `u`: the article under the parks cursor when the parks pane has the focus, else the
/// shown one. A shown article marked unread stays so while it is open.
fn toggle_read(app: &mut App) {
    let under_cursor = match app.park_items().get(app.parks_cursor) {
        Some(ParkItem::Article { article, .. }) if app.focus == Focus::Parks => Some(*article),
        _ => None,
    };
    let Some(article) = under_cursor.or(app.article()) else {
        return;
    };
    let read = !app.is_read(article);
    app.set_read(article, read);
    if let Some(view) = app.view.as_mut().filter(|v| v.article == article) {
        view.auto_read = false;
    }
    app.notice = Some(if read { "marked read" } else { "marked unread" }.to_string());
}

/// After a pane is hidden, the focus leaves it.
fn leave_hidden_pane(app: &mut App) {
    if app.hidden.hides(app.focus) {
        app.focus = Focus::Article;
    }
}

fn move_focus(app: &mut App, action: Action) {
    let order: Vec<Focus> = Focus::ORDER
        .into_iter()
        .filter(|f| !app.hidden.hides(*f))
        .collect();
    let at = order.iter().position(|f| *f == app.focus).unwrap_or(0);
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
}

/// A page for the focused pane, signed.
fn page(app: &App, direction: isize) -> isize {
    let rows = match app.focus {
        Focus::Parks => app.panes.inner_height(Focus::Parks),
        // One row of the old page stays in view.
        Focus::Article => app.article_height().saturating_sub(1),
        // Two rows per figure.
        Focus::Highlights => app.panes.inner_height(Focus::Highlights) / 2,
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
            app.set_scroll(shift(app.scroll(), max + 1));
        }
        Focus::Highlights => {
            let len = app.highlight_order().len();
            if let Some(view) = &mut app.view {
                view.figure_cursor = shift(view.figure_cursor, len);
            }
        }
    }
}

fn open(app: &mut App) {
    match app.focus {
        Focus::Parks => match app.park_items().get(app.parks_cursor).copied() {
            Some(ParkItem::Park(park)) => app.select_park(park),
            Some(ParkItem::Article { article, .. }) => open_and_show(app, article),
            None => {}
        },
        Focus::Highlights => {
            let order = app.highlight_order();
            let Some(&figure) = order.get(app.figure_cursor()) else {
                return;
            };
            let Some(found) = app.shown_article().and_then(|a| a.figures.get(figure)) else {
                return;
            };
            let (part, start) = (Part::Block(found.block), found.start);
            if let Some(view) = &mut app.view {
                view.marked_figure = Some(figure);
            }
            show_article_pane(app);
            reveal(app, part, start);
        }
        Focus::Article => {}
    }
}
