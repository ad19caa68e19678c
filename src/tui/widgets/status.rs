//! The status bar: park, article, position, search state, the help hint.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{fit, paint_line, str_width};
use crate::tui::action::Action;
use crate::tui::app::{App, SearchMode};
use crate::tui::theme::Element;

pub struct StatusBar<'a> {
    pub app: &'a App,
}

impl Widget for StatusBar<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let style = app.theme.style(Element::Status);
        let amb = app.config.ambiguous;
        buf.set_style(area, style);
        let width = area.width as usize;
        let search = &app.search;
        let count = match (search.matches.len(), search.current) {
            (0, _) => "no match".to_string(),
            (n, Some(i)) => format!("match {}/{}", i + 1, n),
            (n, None) => format!("{n} matches"),
        };
        let help_key = app.config.keymap.hint(Action::Help);
        // Right-hand pieces, most important first; the last ones go when space is short.
        let mut pieces = Vec::new();
        match search.mode {
            SearchMode::Off => {}
            SearchMode::Typing => pieces.push(count),
            SearchMode::Results => pieces.push(format!("/{} {count}", search.query)),
        }
        pieces.push(position(app));
        pieces.push(format!("{help_key} help"));
        let left = match search.mode {
            // A block stands in for the cursor, which stays hidden.
            SearchMode::Typing => format!(" /{}█", search.query),
            SearchMode::Results | SearchMode::Off => match &app.notice {
                Some(notice) => format!(" {notice}"),
                None => location(app),
            },
        };
        let mut right = String::new();
        while !pieces.is_empty() {
            right = format!(" {} ", pieces.join(" │ "));
            // Leave the left side at least a dozen cells.
            if str_width(&right, amb) + 12 <= width || pieces.len() == 1 {
                break;
            }
            pieces.pop();
        }
        let left = fit(&left, width.saturating_sub(str_width(&right, amb)), amb);
        let pad = " ".repeat(width.saturating_sub(str_width(&left, amb) + str_width(&right, amb)));
        let line = Line::from(vec![Span::raw(left), Span::raw(pad), Span::raw(right)]).style(style);
        paint_line(&line, area, buf, amb);
    }
}

fn location(app: &App) -> String {
    let park = app
        .article()
        .and_then(|a| app.park_of(a))
        .and_then(|p| app.collection.parks.get(p));
    let title = app.shown_article().map_or("", |a| a.title.as_str());
    match park {
        Some(p) => format!(" {} › {}", p.name, title),
        None => format!(" {title}"),
    }
}

/// Where the article pane stands, as less and vim say it.
fn position(app: &App) -> String {
    let rows = app.current_layout().map_or(0, |l| l.rows.len());
    position_label(app.scroll(), rows, app.article_height())
}

/// `All` when the article fits, `Top` and `Bot` at its ends, else how far through the
/// article the bottom row of the view is, in percent, as less says it.
pub fn position_label(scroll: usize, rows: usize, height: usize) -> String {
    if rows == 0 {
        return "--".to_string();
    }
    let max = rows.saturating_sub(height);
    let scroll = scroll.min(max);
    if max == 0 {
        "All".to_string()
    } else if scroll == 0 {
        "Top".to_string()
    } else if scroll == max {
        "Bot".to_string()
    } else {
        // 1–99: only the ends read 0 and 100.
        let bottom = (scroll + height).min(rows);
        format!("{:>2}%", (bottom * 100 / rows).clamp(1, 99))
    }
}

#[cfg(test)]
mod tests {
    use super::position_label;

    #[test]
    fn position_reads_like_less() {
        assert_eq!(position_label(0, 0, 10), "--");
        assert_eq!(position_label(0, 10, 10), "All");
        assert_eq!(position_label(0, 5, 10), "All");
        assert_eq!(position_label(0, 40, 10), "Top");
        assert_eq!(position_label(30, 40, 10), "Bot");
        assert_eq!(position_label(99, 40, 10), "Bot");
        // The bottom row's place in the article: rows 16–25 of 40 shown.
        assert_eq!(position_label(15, 40, 10), "62%");
        assert_eq!(position_label(1, 40, 10), "27%");
        assert_eq!(position_label(1, 1000, 10), " 1%");
        assert_eq!(position_label(989, 1000, 10), "99%");
    }
}
