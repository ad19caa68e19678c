//! `update`: the only place the state changes. One action in, maybe a follow-up out.

use super::action::Action;
use super::app::{App, Focus, ParkItem, SearchMode};
use super::park_number::{Outcome, ParkNumber};
use super::prompt::Edit;
use super::{finder, search};
use crate::core::layout::Part;

/// Apply `action` to the app; returns a follow-up action to apply next, if any.
pub fn update(app: &mut App, action: Action) -> Option<Action> {
    if app.help {
        return update_help(app, action);
    }
    // Any other key first goes to the park number being typed (`4` `n`: park 4, then
    // the next match from there); Esc drops it.
    if app.park_number.is_some()
        && !matches!(
            action,
            Action::Park(_)
                | Action::ParkDigit(_)
                | Action::ParkNumberDone
                | Action::ParkNumberBackspace
                | Action::Resize(..)
        )
    {
        if action == Action::ParkNumberCancel {
            app.park_number = None;
            return None;
        }
        update(app, Action::ParkNumberDone);
    }
    match action {
        Action::Quit => app.quit = true,
        Action::Suspend => app.suspend_requested = true,
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
        Action::Park(n) | Action::ParkDigit(n) => park_digit(app, n),
        Action::ParkNumberDone => {
            if let Some(number) = app.park_number.take() {
                match number.complete(app.collection.parks.len()) {
                    Some(park) => app.select_park(park - 1),
                    None => app.notice = Some(format!("no park {}", number.digits)),
                }
            }
        }
        Action::ParkNumberBackspace => {
            if let Some(number) = &mut app.park_number {
                number.digits.pop();
                if number.digits.is_empty() {
                    app.park_number = None;
                }
            }
        }
        Action::ParkNumberCancel => app.park_number = None,
        Action::FindPark => finder::open(app),
        Action::FinderEdit(edit) => finder::edit(app, edit),
        Action::FinderDown => finder::step(app, 1),
        Action::FinderUp => finder::step(app, -1),
        Action::FinderSubmit => finder::submit(app),
        Action::FinderCancel => finder::cancel(app),
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
        Action::Search => search::begin(app),
        Action::SearchInput(c) => search::edit(app, Edit::Insert(c)),
        Action::SearchBackspace => search::edit(app, Edit::Backspace),
        Action::SearchEdit(edit) => search::edit(app, edit),
        Action::SearchSubmit => search::submit(app),
        Action::SearchCancel => search::cancel(app),
        Action::NextMatch => search::step_match(app, 1),
        Action::PrevMatch => search::step_match(app, -1),
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
                search::clear(app);
            } else if app.zoom {
                app.zoom = false;
                clamp_scroll(app);
            } else if app.marked_figure.is_some() {
                app.marked_figure = None;
            } else {
                app.notice = None;
            }
        }
    }
    None
}

/// A digit towards a park number: at once with nine parks or fewer, else gathered
/// (see `park_number`).
fn park_digit(app: &mut App, digit: u8) {
    let parks = app.collection.parks.len();
    if app.park_number.is_none() && parks <= 9 {
        let index = usize::from(digit).saturating_sub(1);
        if digit > 0 && index < parks {
            app.select_park(index);
        }
        return;
    }
    match &mut app.park_number {
        Some(number) => number.push(digit),
        None if digit == 0 => return,
        None => app.park_number = Some(ParkNumber::new(digit)),
    }
    let Some(number) = &app.park_number else {
        return;
    };
    match number.outcome(parks) {
        Outcome::Wait => {}
        Outcome::Go(park) => {
            app.park_number = None;
            app.select_park(park - 1);
        }
        Outcome::Nothing => {
            app.notice = Some(format!("no park {} ({parks} parks)", number.digits));
            app.park_number = None;
        }
    }
}

/// With help open, keys scroll or close it; everything else waits until it is closed.
fn update_help(app: &mut App, action: Action) -> Option<Action> {
    match action {
        Action::Help | Action::Close => app.help = false,
        Action::Quit | Action::Resize(..) | Action::Suspend => {
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

/// Scroll the article so that char `offset` of `part` is in view, a third of the way down.
pub(crate) fn reveal(app: &mut App, part: Part, offset: usize) {
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
pub(crate) fn top_of_view(app: &App) -> Option<(Part, usize)> {
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
            Some(ParkItem::More { .. }) => app.park_full = true,
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
