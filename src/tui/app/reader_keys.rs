//! The reader's own keys: what an action does when no mode is open (or what a mode
//! passes on). Moving, opening, parks, panes, and the keys that open modes.

use crate::core::layout::Part;
use crate::tui::action::Action;
use crate::tui::app::daily;
use crate::tui::app::matches::SearchMode;
use crate::tui::app::panes::Focus;
use crate::tui::app::place::ParkItem;
use crate::tui::app::reader::App;
use crate::tui::app::search;
use crate::tui::effect::Effect;
use crate::tui::modes::finder::Finder;
use crate::tui::modes::help::Help;
use crate::tui::modes::overview::Overview;
use crate::tui::modes::park_number::{Outcome, ParkNumber};
use crate::tui::modes::park_view::ParkView;
use crate::tui::modes::Mode;
use crate::tui::scroll::Motion;

/// Apply `action` to the reader. Jumps (to a park, a search match, a park found) note
/// where the reader was, for Ctrl-O.
pub fn apply(app: &mut App, action: Action) {
    let before = match action {
        Action::Park(_)
        | Action::ParkDigit(_)
        | Action::PrevPark
        | Action::NextPark
        | Action::NextUnread => Some(app.place()),
        _ => None,
    };
    apply_action(app, action);
    if let Some(before) = before {
        if before.view.map(|v| v.article) != app.article() {
            daily::note_jump_from(app, before, None);
        }
    }
}

fn apply_action(app: &mut App, action: Action) {
    match action {
        Action::Quit | Action::QuitNow => app.request(Effect::Quit),
        Action::Suspend => app.request(Effect::Suspend),
        Action::Repaint => app.request(Effect::Repaint),
        Action::Copy => crate::tui::app::copy::copy(app),
        Action::Fetch => app.request(Effect::Fetch),
        Action::Resize(width, height) => {
            app.screen = ratatui::layout::Rect::new(0, 0, width, height);
        }
        Action::Park(n) | Action::ParkDigit(n) => park_digit(app, n),
        Action::PrevPark if app.park > 0 => app.select_park(app.park - 1),
        Action::NextPark if app.park + 1 < app.collection.parks.len() => {
            app.select_park(app.park + 1);
        }
        Action::NextArticle => step_article(app, 1),
        Action::PrevArticle => step_article(app, -1),
        Action::NextUnread => next_unread(app),
        Action::ToggleRead => toggle_read(app),
        Action::ToggleParks | Action::ToggleHighlights => toggle_pane(app, action),
        Action::FocusNext | Action::FocusPrev | Action::FocusLeft | Action::FocusRight => {
            move_focus(app, action);
        }
        Action::Down => move_by(app, Motion::By(1)),
        Action::Up => move_by(app, Motion::By(-1)),
        Action::PageDown => page_down(app),
        Action::PageUp => move_by(app, Motion::By(page(app, -1))),
        Action::HalfPageDown => move_by(app, Motion::By(page(app, 1) / 2)),
        Action::HalfPageUp => move_by(app, Motion::By(page(app, -1) / 2)),
        Action::Top => move_by(app, Motion::Top),
        Action::Bottom => move_by(app, Motion::Bottom),
        Action::Open => open(app),
        Action::NextMatch => search::step_match(app, 1),
        Action::PrevMatch => search::step_match(app, -1),
        Action::Zoom => app.zoom = !app.zoom,
        Action::Close => close(app),
        _ => apply_daily(app, action),
    }
}

/// The keys that open a mode, and those of daily reading.
fn apply_daily(app: &mut App, action: Action) {
    match action {
        Action::FindPark => open_finder(app),
        Action::Search => search::begin(app),
        Action::Help => app.open_mode(Mode::Help(Help::default())),
        Action::FiguresTable => {
            let table = app.table_to_open();
            app.open_mode(Mode::FigureTable(table));
        }
        Action::ParkView => open_park_view(app),
        Action::Overview => app.open_mode(Mode::Overview(Overview::new(&app.collection, false))),
        Action::ParkRead => daily::park_read(app),
        Action::AllRead => daily::ask_all_read(app),
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
        // The rest belong to modes that are not open.
        _ => {}
    }
}

/// Esc: ends a search, else leaves zoom, else unmarks the figure marked.
fn close(app: &mut App) {
    if app.search_mode() != SearchMode::Off {
        search::clear(app);
    } else if app.zoom {
        app.zoom = false;
    } else if let Some(view) = app.view.as_mut().filter(|v| v.marked_figure.is_some()) {
        view.marked_figure = None;
    } else {
        app.notice = None;
    }
}

/// Space: a page on, or at the article's end the next article (`space_continues`).
fn page_down(app: &mut App) {
    let at_end =
        app.focus == Focus::Article && app.view.is_some_and(|v| v.scroll >= app.max_scroll());
    if at_end && app.config.space_continues {
        step_article(app, 1);
    } else {
        move_by(app, Motion::By(page(app, 1)));
    }
}

/// `p`: the finder over every park; the parks pane shows what it finds, so that pane
/// is shown and focused.
fn open_finder(app: &mut App) {
    let finder = Finder::new(app.collection.parks.iter().map(|p| p.name.as_str()));
    app.open_mode(Mode::Finder(finder));
    app.focus = Focus::Parks;
    app.zoom = false;
    app.parks_cursor = 0;
    app.notice = None;
}

/// Hide or show a side pane; the focus leaves a pane hidden.
fn toggle_pane(app: &mut App, action: Action) {
    if action == Action::ToggleParks {
        app.hidden.parks = !app.hidden.parks;
    } else {
        app.hidden.highlights = !app.hidden.highlights;
    }
    if app.hidden.hides(app.focus) {
        app.focus = Focus::Article;
    }
}

/// A digit towards a park number: at once with nine parks or fewer, else gathered
/// (see `park_number`), the number open as a mode until it goes.
pub fn park_digit(app: &mut App, digit: u8) {
    let parks = app.collection.parks.len();
    let typing = app.park_number().is_some();
    if !typing && parks <= 9 {
        let index = usize::from(digit).saturating_sub(1);
        if digit > 0 && index < parks {
            app.select_park(index);
        }
        return;
    }
    let number = match app.park_number().cloned() {
        Some(mut number) => {
            number.push(digit);
            app.close_mode();
            number
        }
        None if digit == 0 => return,
        None => ParkNumber::new(digit),
    };
    match number.outcome(parks) {
        Outcome::Wait => app.open_mode(Mode::ParkNumber(number)),
        Outcome::Go(park) => app.select_park(park - 1),
        Outcome::Nothing => {
            app.notice = Some(format!("no park {} ({parks} parks)", number.digits));
        }
    }
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
    if let Some(view) = ParkView::new(&app.collection, park, marked) {
        app.open_mode(Mode::ParkView(view));
    }
}

/// Show article `article` with figure `figure` marked and in view.
pub fn open_figure(app: &mut App, article: usize, figure: usize) {
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

pub fn open_and_show(app: &mut App, article: usize) {
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
