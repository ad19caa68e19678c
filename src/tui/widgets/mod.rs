//! The panes, each a widget drawn from the app state.

pub mod article;
pub mod help;
pub mod highlights;
pub mod parks;
pub mod status;

use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Borders};

use super::theme::{Element, Theme};
use crate::core::layout::{char_width, AmbiguousWidth};

/// `text` cut to `width` cells, with `…` when something was cut.
pub fn fit(text: &str, width: usize) -> String {
    let total: usize = text
        .chars()
        .map(|c| char_width(c, AmbiguousWidth::Narrow))
        .sum();
    if total <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = char_width(c, AmbiguousWidth::Narrow);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// Cells `text` takes, as ratatui measures it.
pub fn width_of(text: &str) -> usize {
    text.chars()
        .map(|c| char_width(c, AmbiguousWidth::Narrow))
        .sum()
}

/// A pane's frame: focused panes get the bold, coloured border and a `▶` in the title.
pub fn pane_block<'a>(title: &'a str, focused: bool, theme: &Theme) -> Block<'a> {
    let (border, marker, kind) = if focused {
        (theme.style(Element::BorderFocused), "▶ ", BorderType::Thick)
    } else {
        (theme.style(Element::Border), "", BorderType::Plain)
    };
    let title_style: Style = theme.style(Element::PaneTitle);
    Block::default()
        .borders(Borders::ALL)
        .border_type(kind)
        .border_style(border)
        .title(Line::styled(format!(" {marker}{title} "), title_style))
}

#[cfg(test)]
mod tests {
    use super::fit;

    #[test]
    fn fit_cuts_by_cells() {
        assert_eq!(fit("赣州高新区", 10), "赣州高新区");
        assert_eq!(fit("赣州高新区", 9), "赣州高新…");
        assert_eq!(fit("赣州高新区", 8), "赣州高…");
        assert_eq!(fit("abc", 0), "");
    }
}
