//! The status bar: park, article, position, search state, the help hint.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{fit, paint_line, width_of};
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
            if width_of(&right, amb) + 12 <= width || pieces.len() == 1 {
                break;
            }
            pieces.pop();
        }
        let left = fit(&left, width.saturating_sub(width_of(&right, amb)), amb);
        let pad = " ".repeat(width.saturating_sub(width_of(&left, amb) + width_of(&right, amb)));
        let line = Line::from(vec![Span::raw(left), Span::raw(pad), Span::raw(right)]).style(style);
        paint_line(&line, area, buf, amb);
    }
}

fn location(app: &App) -> String {
    let park = app
        .article
        .and_then(|a| app.park_of(a))
        .and_then(|p| app.collection.parks.get(p));
    let title = app.shown_article().map_or("", |a| a.title.as_str());
    match park {
        Some(p) => format!(" {} › {}", p.name, title),
        None => format!(" {title}"),
    }
}

/// How far down the article the bottom of the pane is, in percent.
fn position(app: &App) -> String {
    let rows = app.current_layout().map_or(0, |l| l.rows.len());
    if rows == 0 {
        return "--".to_string();
    }
    let seen = (app.scroll + app.article_height()).min(rows);
    format!("{:>3}%", seen * 100 / rows)
}
