//! Where each pane goes, from the screen area alone: wide, medium, narrow or too small.

use ratatui::layout::Rect;

use super::app::{App, Focus};

/// Below this the reader shows only a "too small" message.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 5;
/// Highlights sit under the article in a medium-width screen only when this tall.
const STACKED_MIN_HEIGHT: u16 = 16;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Panes {
    pub parks: Option<Rect>,
    pub article: Option<Rect>,
    pub highlights: Option<Rect>,
    pub status: Option<Rect>,
    pub too_small: bool,
}

pub fn panes(area: Rect, app: &App) -> Panes {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return Panes {
            too_small: true,
            ..Panes::default()
        };
    }
    let status = Rect {
        y: area.bottom() - 1,
        height: 1,
        ..area
    };
    let body = Rect {
        height: area.height - 1,
        ..area
    };
    let config = &app.config;
    let mut panes = Panes {
        status: Some(status),
        ..Panes::default()
    };
    let one_pane = app.zoom || body.width < config.two_pane_min_width;
    if one_pane {
        // Zoom always shows the article; a narrow screen shows the pane moved to.
        match (app.zoom, app.focus) {
            (false, Focus::Parks) => panes.parks = Some(body),
            (false, Focus::Highlights) => panes.highlights = Some(body),
            _ => panes.article = Some(body),
        }
        return panes;
    }
    // Keep at least a third of the width for the article.
    let parks_width = config.parks_width.min(body.width / 3);
    let parks = Rect {
        width: parks_width,
        ..body
    };
    let rest = Rect {
        x: body.x + parks_width,
        width: body.width - parks_width,
        ..body
    };
    panes.parks = Some(parks);
    if body.width >= config.three_pane_min_width {
        let highlights_width = config.highlights_width.min(rest.width / 2);
        panes.article = Some(Rect {
            width: rest.width - highlights_width,
            ..rest
        });
        panes.highlights = Some(Rect {
            x: rest.right() - highlights_width,
            width: highlights_width,
            ..rest
        });
    } else if body.height >= STACKED_MIN_HEIGHT {
        let highlights_height = (body.height / 3).max(5);
        panes.article = Some(Rect {
            height: rest.height - highlights_height,
            ..rest
        });
        panes.highlights = Some(Rect {
            y: rest.bottom() - highlights_height,
            height: highlights_height,
            ..rest
        });
    } else if app.focus == Focus::Highlights {
        panes.highlights = Some(rest);
    } else {
        panes.article = Some(rest);
    }
    panes
}

/// The cells the article text fills inside the article pane: within the border, one
/// cell of padding each side.
pub fn article_text_area(pane: Rect) -> Rect {
    let inner = Rect {
        x: pane.x.saturating_add(2),
        y: pane.y.saturating_add(1),
        width: pane.width.saturating_sub(4),
        height: pane.height.saturating_sub(2),
    };
    if inner.width == 0 || inner.height == 0 {
        Rect {
            width: 0,
            height: 0,
            ..inner
        }
    } else {
        inner
    }
}
