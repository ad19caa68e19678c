//! The help overlay, generated from the active keymap so it always tells the truth.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{BorderType, Clear, Widget};

use super::{fit, frame, paint_line, paint_title, width_of};
use crate::core::layout::AmbiguousWidth;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::theme::Element;

pub struct HelpOverlay<'a> {
    pub app: &'a App,
}

/// The help text: one line per action with its keys, then the search prompt's keys.
pub fn help_lines(app: &App) -> Vec<(String, String)> {
    let bindings = &app.config.keymap.bindings;
    let is_park = |a: &Action| matches!(a, Action::Park(_));
    // The nine park jumps share one line: their first keys, in park order.
    let park_keys: Vec<String> = bindings
        .iter()
        .filter(|(a, keys)| is_park(a) && !keys.is_empty())
        .map(|(_, keys)| {
            keys.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("/")
        })
        .collect();
    let mut lines = Vec::new();
    if !park_keys.is_empty() {
        lines.push((
            park_keys.join(" "),
            "park N (past 9 parks: all its digits)".to_string(),
        ));
    }
    lines.extend(
        bindings
            .iter()
            .filter(|(a, keys)| !keys.is_empty() && !is_park(a))
            .map(|(action, keys)| {
                let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
                (keys.join(" "), action.description().to_string())
            }),
    );
    lines.push(("".into(), "".into()));
    lines.push(("in search".into(), "type, backspace, enter, esc".into()));
    lines.push(("ctrl-c".into(), "always quits".into()));
    lines
}

impl Widget for HelpOverlay<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let amb = app.config.ambiguous;
        let lines = help_lines(app);
        let key_width = lines
            .iter()
            .map(|(k, _)| width_of(k, amb))
            .max()
            .unwrap_or(0)
            .min(22);
        let want_width = (key_width + 40) as u16 + 4;
        let width = want_width
            .min(area.width.saturating_sub(2))
            .max(area.width.min(10));
        let height = (lines.len() as u16 + 2).min(area.height);
        let popup = Rect {
            x: area.x + (area.width - width) / 2,
            y: area.y + (area.height - height) / 2,
            width,
            height,
        };
        Clear.render(popup, buf);
        clear_cut_wide_chars(popup, buf, amb);
        let close = app.config.keymap.hint(Action::Close);
        let scroll = if lines.len() + 2 > usize::from(height) {
            format!(
                " {}/{} scroll ·",
                app.config.keymap.hint(Action::Down),
                app.config.keymap.hint(Action::Up)
            )
        } else {
            String::new()
        };
        let style = app.theme.style(Element::Help);
        let block = frame(BorderType::Plain, amb)
            .border_style(app.theme.style(Element::BorderFocused))
            .style(style);
        let inner = block.inner(popup);
        block.render(popup, buf);
        let title = Line::styled(" Help · 帮助 ", app.theme.style(Element::PaneTitle));
        paint_title(&title, popup, false, buf, amb);
        let closes = Line::from(format!("{scroll} {close} closes "));
        paint_title(&closes, popup, true, buf, amb);
        let visible = inner.height as usize;
        let first = app.help_scroll.min(lines.len().saturating_sub(visible));
        for (row, (keys, what)) in lines.iter().skip(first).take(visible).enumerate() {
            let keys_text = fit(keys, key_width, amb);
            let pad = " ".repeat(key_width.saturating_sub(width_of(&keys_text, amb)) + 2);
            // What is left of the row after the keys column, cut with a mark.
            let room = usize::from(inner.width).saturating_sub(1 + key_width + 2);
            let line = Line::from(vec![
                Span::raw(" "),
                Span::styled(keys_text, app.theme.style(Element::ParkNumber)),
                Span::raw(pad),
                Span::raw(fit(what, room, amb)),
            ]);
            let row_area = Rect {
                y: inner.y + row as u16,
                height: 1,
                ..inner
            };
            paint_line(&line, row_area, buf, amb);
        }
    }
}

/// A wide character just left of the popup would have its right half covered, which
/// terminals draw differently; blank it instead.
fn clear_cut_wide_chars(popup: Rect, buf: &mut Buffer, amb: AmbiguousWidth) {
    if popup.x == buf.area.x {
        return;
    }
    for y in popup.top()..popup.bottom() {
        let cell = &mut buf[(popup.x - 1, y)];
        if width_of(cell.symbol(), amb) > 1 {
            cell.set_symbol(" ");
        }
    }
}
