//! Drawing: a pure function of the app state onto a frame's buffer.

pub mod panes;
pub mod theme;
pub mod widgets;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;
use ratatui::Frame;

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::modes::overview::OverviewWidget;
use crate::tui::modes::park_view::ParkViewWidget;
use crate::tui::view::panes::{MIN_HEIGHT, MIN_WIDTH};
use crate::tui::view::widgets::article::ArticlePane;
use crate::tui::view::widgets::figure_table::FigureTableView;
use crate::tui::view::widgets::help::HelpOverlay;
use crate::tui::view::widgets::highlights::HighlightsPane;
use crate::tui::view::widgets::nothing_loaded::NothingLoaded;
use crate::tui::view::widgets::parks::ParksPane;
use crate::tui::view::widgets::status::StatusBar;

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    render(area, frame.buffer_mut(), app);
}

/// Draw the whole screen into `area`, with the panes `update` worked out for it (the
/// event loop reports every size change as a resize before drawing).
pub fn render(area: Rect, buf: &mut Buffer, app: &App) {
    let panes = app.panes;
    if panes.too_small {
        let message = format!("too small: need {MIN_WIDTH}×{MIN_HEIGHT}");
        for (i, line) in message.split(": ").enumerate() {
            if (i as u16) < area.height {
                Line::from(line).render(
                    Rect {
                        y: area.y + i as u16,
                        height: 1,
                        ..area
                    },
                    buf,
                );
            }
        }
        return;
    }
    if app.collection.articles.is_empty() {
        // Nothing to read: say why, over the whole body.
        NothingLoaded { app }.render(
            Rect {
                height: area.height.saturating_sub(1),
                ..area
            },
            buf,
        );
    } else if let Some(r) = panes.parks {
        ParksPane { app }.render(r, buf);
    }
    if let Some(r) = panes
        .article
        .filter(|_| !app.collection.articles.is_empty())
    {
        ArticlePane { app }.render(r, buf);
    }
    if let Some(r) = panes
        .highlights
        .filter(|_| !app.collection.articles.is_empty())
    {
        HighlightsPane { app }.render(r, buf);
    }
    if let Some(r) = panes.status {
        StatusBar { app }.render(r, buf);
    }
    if let Some(table) = &app.figure_table {
        FigureTableView { app, table }.render(
            Rect {
                height: area.height.saturating_sub(1),
                ..area
            },
            buf,
        );
    }
    let body = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    let (theme, amb) = (&app.theme, app.config.ambiguous);
    let key = |action| app.config.keymap.hint(action);
    if let Some(view) = &app.park_view {
        let hint = format!(
            " {}/{} figures · {} opens · {} back ",
            key(Action::Down),
            key(Action::Up),
            key(Action::Open),
            key(Action::Close)
        );
        ParkViewWidget {
            view,
            theme,
            amb,
            hint,
        }
        .render(body, buf);
    }
    if let Some(view) = &app.overview {
        let hint = format!(
            " {}/{} scroll · a park's number goes there · {} back ",
            key(Action::Down),
            key(Action::Up),
            key(Action::Close)
        );
        OverviewWidget {
            view,
            theme,
            amb,
            scope_key: key(Action::TableScope),
            hint,
        }
        .render(body, buf);
    }
    if app.help {
        HelpOverlay { app }.render(
            Rect {
                height: area.height.saturating_sub(1),
                ..area
            },
            buf,
        );
    }
}
