//! `update`: the only place the state changes. One action in, maybe a follow-up out.
//! After every action the panes are worked out once ([`App::relayout`]), the lists
//! follow their cursors, and the reading place is noted.

use crate::core::layout::Part;
use crate::tui::action::Action;
use crate::tui::action::ViewOutcome;
use crate::tui::app::list_offset::Motion;
use crate::tui::app::{App, Effect, Focus, ParkItem, SearchMode};
use crate::tui::daily;
use crate::tui::input::prompt::Edit;
use crate::tui::modes::overview::Overview;
use crate::tui::modes::park_number::{Outcome, ParkNumber};
use crate::tui::modes::park_view::{view_size, ParkView};
use crate::tui::modes::{finder, search};
use crate::tui::view::panes::Panes;
use crate::tui::view::widgets::figure_table::body_height;
use crate::tui::view::widgets::{help, highlights};

/// Apply `action` to the app; returns a follow-up action to apply next, if any.
pub fn update(app: &mut App, action: Action) -> Option<Action> {
    let panes_before = app.panes;
    // A status message is said until the next key, as less and vim do.
    if !matches!(action, Action::Resize(..)) {
        app.notice = None;
    }
    let follow = if app.confirm.is_some() {
        // Any key answers the question: y is yes, anything else no.
        daily::answer(app, action == Action::ConfirmYes);
        None
    } else if app.help {
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
        // q drops the number being typed, as Esc does: it closes that mode, not the reader.
        if matches!(action, Action::ParkNumberCancel | Action::Quit) {
            app.park_number = None;
            return None;
        }
        update(app, Action::ParkNumberDone);
    }
    if app.figure_table.is_some() {
        return update_table(app, action);
    }
    if app.park_view.is_some() || app.overview.is_some() {
        return update_pictures(app, action);
    }
    // Jumps (to a park, a search match, a park found) note where the reader was,
    // for Ctrl-O: the place before a search or the finder is where they began.
    let before = match action {
        Action::SearchSubmit => app.search.origin,
        Action::FinderSubmit => app.finder.as_ref().map(|f| f.origin),
        Action::Park(_)
        | Action::ParkDigit(_)
        | Action::ParkNumberDone
        | Action::PrevPark
        | Action::NextPark
        | Action::NextUnread => Some(app.place()),
        _ => None,
    };
    let follow = apply_action(app, action);
    if let Some(before) = before {
        if before.view.map(|v| v.article) != app.article() {
            daily::note_jump_from(app, before);
        }
    }
    follow
}

fn apply_action(app: &mut App, action: Action) -> Option<Action> {
    match action {
        Action::Quit | Action::QuitNow => app.request(Effect::Quit),
        Action::Suspend => app.request(Effect::Suspend),
        Action::Repaint => app.request(Effect::Repaint),
        Action::Copy => crate::tui::copy::copy(app),
        Action::Fetch => app.request(Effect::Fetch),
        Action::Resize(width, height) => {
            app.screen = ratatui::layout::Rect::new(0, 0, width, height);
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
        Action::Down => move_by(app, Motion::By(1)),
        Action::Up => move_by(app, Motion::By(-1)),
        Action::PageDown => {
            let at_end = app.focus == Focus::Article
                && app.view.is_some_and(|v| v.scroll >= app.max_scroll());
            if at_end && app.config.space_continues {
                step_article(app, 1);
            } else {
                move_by(app, Motion::By(page(app, 1)));
            }
        }
        Action::PageUp => move_by(app, Motion::By(page(app, -1))),
        Action::HalfPageDown => move_by(app, Motion::By(page(app, 1) / 2)),
        Action::HalfPageUp => move_by(app, Motion::By(page(app, -1) / 2)),
        Action::Top => move_by(app, Motion::Top),
        Action::Bottom => move_by(app, Motion::Bottom),
        Action::Open => open(app),
        Action::Search => search::begin(app),
        Action::SearchInput(c) => search::edit(app, Edit::Insert(c)),
        Action::SearchBackspace => search::edit(app, Edit::Backspace),
        Action::SearchEdit(edit) => search::edit(app, edit),
        Action::SearchSubmit => search::submit(app),
        Action::SearchCancel => search::cancel(app),
        Action::NextMatch => search::step_match(app, 1),
        Action::PrevMatch => search::step_match(app, -1),
        Action::Zoom => app.zoom = !app.zoom,
        Action::Help => {
            app.help = true;
            app.help_scroll = 0;
        }
        Action::Close => {
            if app.search.mode != SearchMode::Off {
                search::clear(app);
            } else if app.zoom {
                app.zoom = false;
            } else if let Some(view) = app.view.as_mut().filter(|v| v.marked_figure.is_some()) {
                view.marked_figure = None;
            } else {
                app.notice = None;
            }
        }
        Action::FiguresTable => app.open_figure_table(),
        Action::ParkView => open_park_view(app),
        Action::Overview => app.overview = Some(Overview::new(&app.collection, false)),
        Action::TableScope | Action::TableSort => {}
        Action::ParkRead => daily::park_read(app),
        Action::AllRead => daily::ask_all_read(app),
        Action::ConfirmYes | Action::ConfirmNo => {}
        Action::UnreadOnly => daily::toggle_unread_only(app),
        Action::Star => daily::toggle_star(app),
        Action::NextStarred => {
            if let Some(article) = daily::next_starred(app) {
                daily::note_jump(app);
                open_and_show(app, article);
            }
        }
        Action::JumpBack => daily::jump_back(app),
        Action::OpenUrl => daily::open_url(app, std::env::var("BROWSER").ok()),
        Action::Pipe => daily::begin_pipe(app),
        Action::PipeEdit(edit) => daily::edit_pipe(app, edit),
        Action::PipeSubmit => {
            daily::submit_pipe(app, daily::default_pager(std::env::var("PAGER").ok()))
        }
        Action::PipeCancel => app.pipe_prompt = None,
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

/// With the figures table open, keys move in it, sort, filter, open a figure or close it.
fn update_table(app: &mut App, action: Action) -> Option<Action> {
    let height = body_height(app.screen.height.saturating_sub(1));
    // Over every article: every article's figures, found now where they were not yet.
    if action == Action::TableScope && app.figure_table.as_ref().is_some_and(|t| !t.whole) {
        app.collection.find_all_figures();
    }
    let articles = &app.collection.articles;
    let t = app.figure_table.as_mut()?;
    match action {
        Action::Down => t.move_by(Motion::By(1), height),
        Action::Up => t.move_by(Motion::By(-1), height),
        Action::PageDown => t.move_by(Motion::By(height as isize), height),
        Action::PageUp => t.move_by(Motion::By(-(height as isize)), height),
        Action::HalfPageDown => t.move_by(Motion::By(height as isize / 2), height),
        Action::HalfPageUp => t.move_by(Motion::By(-(height as isize) / 2), height),
        Action::Top => t.move_by(Motion::Top, height),
        Action::Bottom => t.move_by(Motion::Bottom, height),
        Action::TableScope => t.toggle_scope(articles),
        Action::TableSort => t.next_sort(articles),
        Action::Search => t.editing = true,
        // The filter is typed at its end: insert, backspace, Ctrl-U and Ctrl-W edit it.
        Action::SearchInput(c) | Action::SearchEdit(Edit::Insert(c)) if t.editing => {
            let mut text = t.filter_text.clone();
            text.push(c);
            t.set_filter(text, articles);
        }
        Action::SearchBackspace | Action::SearchEdit(Edit::Backspace) if t.editing => {
            let mut text = t.filter_text.clone();
            text.pop();
            t.set_filter(text, articles);
        }
        Action::SearchEdit(Edit::KillToStart) if t.editing => t.set_filter(String::new(), articles),
        Action::SearchEdit(Edit::KillWord) if t.editing => {
            let text = t.filter_text.trim_end();
            let kept = text.rfind(' ').map_or("", |i| &text[..=i]).to_string();
            t.set_filter(kept, articles);
        }
        Action::SearchSubmit | Action::SearchCancel if t.editing => t.editing = false,
        Action::Open => {
            let row = t.selected()?;
            // Ctrl-O comes back to the table as it is: scope, filter, sort and row.
            daily::note_jump(app);
            app.last_table = app.figure_table.take();
            open_figure(app, row.article, row.figure);
        }
        // q closes the table, as it closes help; only the reader's own q quits.
        Action::FiguresTable | Action::Close | Action::Quit => {
            app.last_table = app.figure_table.take();
        }
        Action::Resize(..) | Action::Suspend | Action::Repaint | Action::Help | Action::QuitNow => {
            let table = app.figure_table.take();
            let follow = update(app, action);
            app.figure_table = table;
            return follow;
        }
        _ => {}
    }
    None
}

/// `i`: the park under the cursor in the parks pane, else the open article's, else
/// the park listed; its figures found first.
fn open_park_view(app: &mut App) {
    let under_cursor = match app.park_items().get(app.parks_cursor) {
        Some(ParkItem::Park(park))
        | Some(ParkItem::Article { park, .. })
        | Some(ParkItem::More { park, .. })
            if app.focus == Focus::Parks =>
        {
            Some(*park)
        }
        _ => None,
    };
    let park = under_cursor
        .or_else(|| app.article().and_then(|a| app.park_of(a)))
        .unwrap_or(app.park);
    let Some(articles) = app.collection.parks.get(park).map(|p| p.articles.clone()) else {
        return;
    };
    app.collection.find_figures_of(&articles);
    // The open article's month is marked when it is this park's.
    let marked = app
        .article()
        .filter(|&a| app.park_of(a) == Some(park))
        .and_then(|a| app.collection.articles.get(a)?.date)
        .map(crate::core::stats::Month::of);
    app.park_view = ParkView::new(&app.collection, park, marked);
}

/// With `i` or `O` open, the view takes the keys; what it leaves to the reader is
/// done here, with the view kept open or closed as it says.
fn update_pictures(app: &mut App, action: Action) -> Option<Action> {
    let (width, height) = view_size(app.screen);
    let outcome = if let Some(view) = app.park_view.as_mut() {
        view.handle(action, width, height)
    } else if let Some(view) = app.overview.as_mut() {
        view.handle(action, width, height, &app.collection)
    } else {
        return None;
    };
    match outcome {
        ViewOutcome::Handled => None,
        ViewOutcome::Close => {
            close_pictures(app);
            None
        }
        ViewOutcome::OpenFigure { article, figure } => {
            close_pictures(app);
            open_figure(app, article, figure);
            None
        }
        ViewOutcome::CloseAndPassOn => {
            close_pictures(app);
            update(app, action)
        }
        ViewOutcome::PassOn => {
            let (park_view, overview) = (app.park_view.take(), app.overview.take());
            let follow = update(app, action);
            (app.park_view, app.overview) = (park_view, overview);
            let (width, height) = view_size(app.screen);
            if let Some(view) = app.park_view.as_mut() {
                view.fit_to(width, height);
            }
            if let Some(view) = app.overview.as_mut() {
                view.fit_to(width, height);
            }
            follow
        }
    }
}

fn close_pictures(app: &mut App) {
    app.park_view = None;
    app.overview = None;
}

/// Show article `article` with figure `figure` marked and in view.
fn open_figure(app: &mut App, article: usize, figure: usize) {
    app.open_article(article);
    let Some(found) = app.shown_article().and_then(|a| a.figures.get(figure)) else {
        return;
    };
    let (part, start) = (Part::Block(found.block), found.start);
    let position = app.highlight_order().iter().position(|&f| f == figure);
    if let Some(view) = &mut app.view {
        view.marked_figure = Some(figure);
        if let Some(position) = position {
            view.figure_cursor = position;
        }
    }
    app.show_article_pane();
    app.reveal(part, start);
}

/// With help open, keys scroll or close it (`q` too, as in less and man); everything
/// else waits until it is closed.
fn update_help(app: &mut App, action: Action) -> Option<Action> {
    let max = help::max_scroll(app);
    let page = help::visible_rows(app).max(1);
    match action {
        Action::Help | Action::Close | Action::Quit => app.help = false,
        Action::QuitNow | Action::Resize(..) | Action::Suspend | Action::Repaint => {
            app.help = false;
            let follow = apply(app, action);
            app.help = !app.quitting();
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
    let next = app.next_in_reading_order(|app, a| !app.is_read(a));
    match next {
        Some(article) => open_and_show(app, article),
        None => app.notice = Some("no unread articles".to_string()),
    }
}

fn open_and_show(app: &mut App, article: usize) {
    app.open_article(article);
    app.show_article_pane();
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

fn move_by(app: &mut App, motion: Motion) {
    let shift = |value: usize, len: usize| motion.apply(value, len);
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
            Some(ParkItem::More { .. }) => app.park_full = true,
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
            app.show_article_pane();
            app.reveal(part, start);
        }
        Focus::Article => {}
    }
}
