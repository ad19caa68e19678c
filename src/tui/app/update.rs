//! `update`: the only place the state changes, one action at a time.
//!
//! The mode on top of the stack takes the action first ([`apply_in_mode`]); what it
//! passes on, and every action with no mode open, goes to the reader
//! (`reader_keys`). After every action the panes are worked out once
//! ([`App::relayout`]), the lists follow their cursors, and the reading place is noted.

use crate::tui::action::{Action, ViewOutcome};
use crate::tui::app::daily;
use crate::tui::app::highlight_rows::cursor_rows;
use crate::tui::app::panes::{Focus, Panes};
use crate::tui::app::reader::App;
use crate::tui::app::reader_keys::{self, open_figure};
use crate::tui::app::search;
use crate::tui::app::stack::Layer;
use crate::tui::input::prompt::Edit;
use crate::tui::modes::figure_table::body_height;
use crate::tui::modes::finder::FinderEdit;
use crate::tui::modes::park_view::view_size;
use crate::tui::modes::Mode;

/// Apply `action` to the app. What the event loop must do besides is queued as
/// effects (`App::request`).
pub fn update(app: &mut App, action: Action) {
    let panes_before = app.panes;
    // A status message is said until the next key, as less and vim do.
    if !matches!(action, Action::Resize(..)) {
        app.notice = None;
    }
    apply_in_mode(app, action);
    settle(app, panes_before);
}

/// The top mode takes the action; with none open, the reader does.
fn apply_in_mode(app: &mut App, action: Action) {
    match app.mode() {
        None => reader_keys::apply(app, action),
        Some(Mode::SearchPrompt) => search_prompt(app, action),
        Some(Mode::ParkNumber(_)) => park_number(app, action),
        Some(&Mode::Confirm(question)) => {
            // Any key answers the question: y is yes, anything else no.
            app.close_mode();
            daily::answer(app, question, action == Action::ConfirmYes);
        }
        Some(_) => {
            // The mode is taken off the stack while it works with the reader's state,
            // and put back unless it closed.
            if let Some(layer) = app.modes_mut().pop() {
                in_taken_mode(app, layer, action);
            }
        }
    }
}

fn in_taken_mode(app: &mut App, mut layer: Layer, action: Action) {
    let outcome = match &mut layer.mode {
        Mode::Help(help) => help.handle(action, &app.config, app.screen),
        Mode::FigureTable(table) => {
            // Over every article, or back to the park: keyed by their figures, found
            // now where they were not yet.
            if action == Action::TableScope {
                table.rescope();
                app.key_table(table);
                ViewOutcome::Handled
            } else {
                let body = body_height(app.screen.height.saturating_sub(1));
                table.handle(action, &app.collection.articles, body)
            }
        }
        Mode::ParkView(view) => {
            let (width, height) = view_size(app.screen);
            view.handle(action, width, height)
        }
        Mode::Overview(view) => {
            let (width, height) = view_size(app.screen);
            view.handle(action, width, height, &app.collection)
        }
        Mode::Finder(_) => return finder(app, layer, action),
        Mode::Pipe(_) => return pipe(app, layer, action),
        _ => ViewOutcome::PassOn,
    };
    match outcome {
        ViewOutcome::Handled => app.modes_mut().push(layer.mode, layer.origin),
        ViewOutcome::Close => closed(app, layer.mode),
        ViewOutcome::OpenFigure { article, figure } => {
            if let Mode::FigureTable(table) = &layer.mode {
                // Ctrl-O comes back to the table as it is: scope, filter, sort and row.
                daily::note_jump_from(app, app.place(), Some(table.clone()));
            }
            closed(app, layer.mode);
            open_figure(app, article, figure);
        }
        ViewOutcome::CloseAndPassOn => {
            closed(app, layer.mode);
            apply_in_mode(app, action);
        }
        ViewOutcome::PassOn => pass_on(app, layer, action),
    }
}

/// The reader does what the mode leaves to it, the mode kept open under any mode
/// the action opens (help over a picture).
fn pass_on(app: &mut App, mut layer: Layer, action: Action) {
    let depth = app.modes().len();
    reader_keys::apply(app, action);
    refit(app, &mut layer.mode);
    if !app.quitting() {
        app.modes_mut().put_back(depth, layer);
    }
}

/// A mode closed: the table is kept to open again as it was, this session.
fn closed(app: &mut App, mode: Mode) {
    if let Mode::FigureTable(table) = mode {
        app.last_table = Some(table);
    }
}

/// A mode kept open while the reader did something (a resize): it fits the screen.
fn refit(app: &App, mode: &mut Mode) {
    let (width, height) = view_size(app.screen);
    match mode {
        Mode::Help(help) => help.fit_to(&app.config, app.screen),
        Mode::ParkView(view) => view.fit_to(width, height),
        Mode::Overview(view) => view.fit_to(width, height),
        _ => {}
    }
}

/// The park finder's keys; the parks pane's cursor is its cursor.
fn finder(app: &mut App, mut layer: Layer, action: Action) {
    let Mode::Finder(finder) = &mut layer.mode else {
        return;
    };
    match action {
        Action::FinderEdit(edit) => match finder.edit(edit) {
            FinderEdit::Refound => app.parks_cursor = 0,
            FinderEdit::Unchanged => {}
            FinderEdit::Leave => return app.restore_place(layer.origin),
        },
        Action::FinderDown | Action::FinderUp => {
            let last = finder.found().len().saturating_sub(1);
            app.parks_cursor = match action {
                Action::FinderDown => (app.parks_cursor + 1).min(last),
                _ => app.parks_cursor.saturating_sub(1),
            };
        }
        Action::FinderSubmit => {
            let Some(&park) = finder.found().get(app.parks_cursor) else {
                app.notice = Some(format!("no park matches {}", finder.prompt().text()));
                return app.modes_mut().push(layer.mode, layer.origin);
            };
            app.focus = layer.origin.focus;
            app.select_park(park);
            if layer.origin.view.map(|v| v.article) != app.article() {
                daily::note_jump_from(app, layer.origin, None);
            }
            return;
        }
        Action::FinderCancel => return app.restore_place(layer.origin),
        _ => return pass_on(app, layer, action),
    }
    app.modes_mut().push(layer.mode, layer.origin);
}

/// The command being typed after `|`.
fn pipe(app: &mut App, mut layer: Layer, action: Action) {
    let Mode::Pipe(prompt) = &mut layer.mode else {
        return;
    };
    match action {
        Action::PipeCancel => return,
        Action::PipeEdit(Edit::Backspace) if prompt.is_empty() => return,
        Action::PipeEdit(edit) => {
            prompt.edit(edit, &[]);
        }
        Action::PipeSubmit => {
            let default = daily::default_pager(std::env::var("PAGER").ok());
            return daily::submit_pipe(app, prompt.text(), default);
        }
        _ => return pass_on(app, layer, action),
    }
    app.modes_mut().push(layer.mode, layer.origin);
}

/// The search prompt's keys; the rest (a resize, Ctrl-Z) go to the reader.
fn search_prompt(app: &mut App, action: Action) {
    match action {
        Action::SearchInput(c) => search::edit(app, Edit::Insert(c)),
        Action::SearchBackspace => search::edit(app, Edit::Backspace),
        Action::SearchEdit(edit) => search::edit(app, edit),
        Action::SearchSubmit => search::submit(app),
        Action::SearchCancel => search::cancel(app),
        _ => reader_keys::apply(app, action),
    }
}

/// A park number being typed: digits, Enter, Backspace and Esc are its; any other key
/// goes to the number typed first, then does what it always does (`4` `n`: park 4,
/// then the next match from there). q drops the number, as Esc does.
fn park_number(app: &mut App, action: Action) {
    match action {
        Action::Park(n) | Action::ParkDigit(n) => reader_keys::park_digit(app, n),
        Action::Resize(..) => reader_keys::apply(app, action),
        Action::ParkNumberBackspace => {
            let number = app.close_mode();
            if let Some(Mode::ParkNumber(mut number)) = number {
                number.digits.pop();
                if !number.digits.is_empty() {
                    app.open_mode(Mode::ParkNumber(number));
                }
            }
        }
        Action::ParkNumberCancel | Action::Quit => {
            app.close_mode();
        }
        Action::ParkNumberDone => complete_park_number(app),
        _ => {
            complete_park_number(app);
            apply_in_mode(app, action);
        }
    }
}

/// The park number typed goes now (Enter, another key, or the pause after it).
pub fn complete_park_number(app: &mut App) {
    let Some(Mode::ParkNumber(number)) = app.close_mode() else {
        return;
    };
    let before = app.place();
    match number.complete(app.collection.parks.len()) {
        Some(park) => app.select_park(park - 1),
        None => app.notice = Some(format!("no park {}", number.digits)),
    }
    if before.view.map(|v| v.article) != app.article() {
        daily::note_jump_from(app, before, None);
    }
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
    follow_cursors(app);
    app.bring_back_rows_in_view();
    // Scrolled to the end: read. (Not while the article does not show at all.)
    if let Some(view) = app.view.filter(|_| app.panes.article.is_some()) {
        let max = app.max_scroll();
        if view.scroll > 0 && view.scroll >= max && !app.is_read(view.article) {
            app.set_read(view.article, true);
        }
    }
    app.note_reading();
}

/// The parks and highlights lists scroll as little as keeps their cursors in view.
fn follow_cursors(app: &mut App) {
    let (start, end, len) = cursor_rows(app);
    let height = app.panes.inner_height(Focus::Highlights);
    if let Some(view) = &mut app.view {
        view.highlights.follow(start, end, height, len);
    }
    let rows = app.park_items().len();
    let height = app.panes.inner_height(Focus::Parks);
    let cursor = app.parks_cursor;
    app.parks_offset.follow(cursor, cursor + 1, height, rows);
}
