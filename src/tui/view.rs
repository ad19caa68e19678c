//! Drawing: a pure function of the app state onto a frame's buffer.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;
use ratatui::Frame;

use super::app::App;
use super::panes::{self, MIN_HEIGHT, MIN_WIDTH};
use super::widgets::article::ArticlePane;
use super::widgets::figure_table::FigureTableView;
use super::widgets::help::HelpOverlay;
use super::widgets::highlights::HighlightsPane;
use super::widgets::parks::ParksPane;
use super::widgets::status::StatusBar;

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    render(area, frame.buffer_mut(), app);
}

/// Draw the whole screen for `area`, laid out from that area alone.
pub fn render(area: Rect, buf: &mut Buffer, app: &App) {
    let panes = panes::panes(area, app);
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
    if let Some(r) = panes.parks {
        ParksPane { app }.render(r, buf);
    }
    if let Some(r) = panes.article {
        ArticlePane { app }.render(r, buf);
    }
    if let Some(r) = panes.highlights {
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
