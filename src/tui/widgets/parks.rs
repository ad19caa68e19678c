//! The parks pane: numbered parks with article counts, the expanded park's articles.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{fit, pad_to, paint_line, render_pane, str_width};
use crate::tui::app::{App, Focus, ParkItem};
use crate::tui::theme::Element;

/// The mark before an unread article's branch.
pub const UNREAD: &str = "•";

pub struct ParksPane<'a> {
    pub app: &'a App,
}

impl Widget for ParksPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let theme = &app.theme;
        let amb = app.config.ambiguous;
        let focused = app.focus == Focus::Parks;
        let inner = render_pane("园区 Parks", focused, theme, amb, area, buf);
        if inner.width < 4 || inner.height == 0 {
            return;
        }
        let items = app.park_items();
        if items.is_empty() {
            paint_line(&Line::from("(no articles)"), inner, buf, amb);
            return;
        }
        let height = inner.height as usize;
        // Keep the cursor in view without stored scroll state.
        let first = app.parks_cursor.saturating_sub(height - 1);
        let width = inner.width as usize;
        // ▶ is ambiguous: two cells in wide mode, and the rows without it match.
        let marker_width = str_width("▶", amb);
        for (row, (index, item)) in items
            .iter()
            .enumerate()
            .skip(first)
            .take(height)
            .enumerate()
        {
            let at_cursor = index == app.parks_cursor;
            let marker = pad_to(if at_cursor { "▶" } else { "" }, marker_width, amb);
            let line = match *item {
                ParkItem::Park(park) => {
                    let group = &app.collection.parks[park];
                    let number = if park < 9 {
                        format!("{}", park + 1)
                    } else {
                        "·".to_string()
                    };
                    // · (past the ninth park) is ambiguous too; digits pad to its width.
                    let number = pad_to(&number, str_width("·", amb), amb);
                    // Unread articles counted before the total: "2/5", as newsboat.
                    let count = match app.unread_in_park(park) {
                        0 => format!(" {}", group.articles.len()),
                        n => format!(" {n}/{}", group.articles.len()),
                    };
                    let used = marker_width + str_width(&number, amb) + 1 + str_width(&count, amb);
                    let name_width = width.saturating_sub(used);
                    let name = fit(&group.name, name_width, amb);
                    let pad = " ".repeat(name_width.saturating_sub(str_width(&name, amb)));
                    let mut name_style = theme.style(Element::Title);
                    if park != app.park {
                        name_style = name_style.remove_modifier(Modifier::BOLD);
                    }
                    Line::from(vec![
                        Span::raw(marker),
                        Span::styled(number, theme.style(Element::ParkNumber)),
                        Span::raw(" "),
                        Span::styled(name, name_style),
                        Span::raw(pad),
                        Span::styled(count, theme.style(Element::Count)),
                    ])
                }
                ParkItem::Article { park, article } => {
                    let last = app.collection.parks[park].articles.last() == Some(&article);
                    let branch = if last { "└ " } else { "├ " };
                    let title = app
                        .collection
                        .articles
                        .get(article)
                        .map_or("", |a| a.title.as_str());
                    let shown = app.article() == Some(article);
                    // Unread: a • where the branch has a space (a mark, not colour alone).
                    let unread = if app.is_read(article) { " " } else { UNREAD };
                    let branch = format!("{unread}{branch}");
                    let used = marker_width + str_width(&branch, amb);
                    let text = fit(title, width.saturating_sub(used), amb);
                    let mut style = theme.style(Element::Paragraph);
                    if shown {
                        style = style.add_modifier(Modifier::BOLD);
                    }
                    Line::from(vec![
                        Span::raw(marker),
                        Span::styled(branch, theme.style(Element::Count)),
                        Span::styled(text, style),
                    ])
                }
            };
            let y = inner.y + row as u16;
            let row_area = Rect {
                y,
                height: 1,
                ..inner
            };
            paint_line(&line, row_area, buf, amb);
            if at_cursor && focused {
                buf.set_style(row_area, theme.style(Element::Selection));
            }
        }
    }
}
