//! Drawing: a pure function of the app state onto a frame's buffer.

pub mod article;
pub mod highlights;
pub mod nothing_loaded;
pub mod parks;
pub mod status;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;
use ratatui::Frame;

use crate::tui::action::Action;
use crate::tui::app::panes::{MIN_HEIGHT, MIN_WIDTH};
use crate::tui::app::App;
use crate::tui::modes::figure_table::FigureTableView;
use crate::tui::modes::help::HelpOverlay;
use crate::tui::modes::overview::{Overview, OverviewWidget};
use crate::tui::modes::park_view::{ParkView, ParkViewWidget};
use crate::tui::modes::Mode;
use crate::tui::view::article::ArticlePane;
use crate::tui::view::highlights::HighlightsPane;
use crate::tui::view::nothing_loaded::NothingLoaded;
use crate::tui::view::parks::ParksPane;
use crate::tui::view::status::StatusBar;

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    render(area, frame.buffer_mut(), app);
}

/// Draw the whole screen into `area`, with the panes `update` worked out for it (the
/// event loop reports every size change as a resize before drawing): the panes and
/// the status bar, then the open modes that cover the panes, bottom to top.
pub fn render(area: Rect, buf: &mut Buffer, app: &App) {
    let panes = app.panes;
    if panes.too_small {
        too_small(area, buf);
        return;
    }
    let empty = app.collection.articles.is_empty();
    // The body: everything above the status bar.
    let body = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    if empty {
        // Nothing to read: say why, over the whole body.
        NothingLoaded { app }.render(body, buf);
    } else if let Some(r) = panes.parks {
        ParksPane { app }.render(r, buf);
    }
    if let Some(r) = panes.article.filter(|_| !empty) {
        ArticlePane { app }.render(r, buf);
    }
    if let Some(r) = panes.highlights.filter(|_| !empty) {
        HighlightsPane { app }.render(r, buf);
    }
    if let Some(r) = panes.status {
        StatusBar { app }.render(r, buf);
    }
    for mode in app.modes().iter() {
        render_mode(mode, app, body, buf);
    }
}

fn too_small(area: Rect, buf: &mut Buffer) {
    let message = format!("too small: need {MIN_WIDTH}×{MIN_HEIGHT}");
    for (i, line) in message.split(": ").enumerate() {
        if (i as u16) < area.height {
            let row = Rect {
                y: area.y + i as u16,
                height: 1,
                ..area
            };
            Line::from(line).render(row, buf);
        }
    }
}

/// A mode drawn over the body (the prompts and the park number show in the status
/// bar and the parks pane instead).
fn render_mode(mode: &Mode, app: &App, body: Rect, buf: &mut Buffer) {
    let (theme, amb) = (&app.theme, app.config.ambiguous);
    let keymap = &app.config.keymap;
    match mode {
        Mode::FigureTable(table) => FigureTableView {
            table,
            articles: &app.collection.articles,
            theme,
            amb,
        }
        .render(body, buf),
        Mode::ParkView(view) => ParkViewWidget {
            view,
            theme,
            amb,
            hint: ParkView::hint(keymap),
        }
        .render(body, buf),
        Mode::Overview(view) => OverviewWidget {
            view,
            theme,
            amb,
            scope_key: keymap.hint(Action::TableScope),
            hint: Overview::hint(keymap),
        }
        .render(body, buf),
        Mode::Help(help) => HelpOverlay {
            help,
            config: &app.config,
            theme,
        }
        .render(body, buf),
        _ => {}
    }
}
