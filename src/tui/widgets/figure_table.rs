//! The figures table (`F`): date, park, figure, value, bound, kind and title of every
//! figure of the park (or, with its scope key, of the whole collection). Only the
//! rows in view are drawn, so thousands of rows cost no more than a screenful.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use super::{fit, pad_to, paint_line, render_pane, str_width};
use crate::core::figures::format_value;
use crate::core::layout::AmbiguousWidth;
use crate::tui::app::App;
use crate::tui::figure_table::FigureTable;
use crate::tui::theme::Element;

pub struct FigureTableView<'a> {
    pub app: &'a App,
    pub table: &'a FigureTable,
}

/// Rows of the table body for a drawing area of `height` rows (frame, title line,
/// header line taken off).
pub fn body_height(height: u16) -> usize {
    usize::from(height.saturating_sub(4))
}

/// Column widths in cells: date, park, figure, value, bound, kind; the title takes
/// what is left.
const COLUMNS: [usize; 6] = [10, 14, 18, 14, 9, 8];

fn cells(values: [&str; 7], width: usize, amb: AmbiguousWidth) -> String {
    let mut out = String::new();
    for (value, w) in values.iter().zip(COLUMNS) {
        out.push_str(&pad_to(&fit(value, w, amb), w + 1, amb));
    }
    let used = str_width(&out, amb);
    out.push_str(&fit(values[6], width.saturating_sub(used), amb));
    out
}

impl Widget for FigureTableView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, t) = (self.app, self.table);
        let theme = &app.theme;
        let amb = app.config.ambiguous;
        Clear.render(area, buf);
        let scope = if t.whole {
            "全部 all articles".to_string()
        } else {
            t.park.clone().unwrap_or_else(|| "—".into())
        };
        let title = format!("数字表 Figures · {scope} · {} rows", t.rows.len());
        let inner = render_pane(&title, true, theme, amb, area, buf);
        if inner.width < 8 || inner.height < 3 {
            return;
        }
        let width = usize::from(inner.width);
        let row = |i: u16| Rect {
            y: inner.y + i,
            height: 1,
            ..inner
        };
        let prompt = if t.editing { "▏" } else { "" };
        let mut status = format!(
            "sort: {} (s)  filter (/): {}{prompt}  scope (a)  enter: open  esc: close",
            t.sort.name(),
            t.filter_text
        );
        if let Some(e) = &t.filter_error {
            status = format!("filter: {}{prompt}  — {e}", t.filter_text);
        }
        paint_line(
            &Line::styled(fit(&status, width, amb), theme.style(Element::Context)),
            row(0),
            buf,
            amb,
        );
        let header = cells(
            ["date", "park", "figure", "value", "bound", "kind", "title"],
            width,
            amb,
        );
        paint_line(
            &Line::styled(header, theme.style(Element::Count)),
            row(1),
            buf,
            amb,
        );
        let height = usize::from(inner.height - 2);
        let articles = &app.collection.articles;
        let shown = t.rows.iter().enumerate().skip(t.offset).take(height);
        for (n, (i, r)) in shown.enumerate() {
            let Some((a, f)) = r.get(articles) else {
                continue;
            };
            let date = a.date.map(|d| d.to_string()).unwrap_or_default();
            let text = cells(
                [
                    &date,
                    a.park.as_deref().unwrap_or(""),
                    &f.text,
                    &format_value(f),
                    f.bound.name(),
                    f.kind.name(),
                    &a.title,
                ],
                width,
                amb,
            );
            let area = row(2 + n as u16);
            let style = if i == t.cursor {
                theme.style(Element::Selection)
            } else {
                theme.style(Element::Paragraph)
            };
            paint_line(&Line::from(Span::styled(text, style)), area, buf, amb);
        }
        // Where the view stands in a list longer than it.
        if t.rows.len() > height {
            let mark = format!(
                " {}–{}/{} ",
                t.offset + 1,
                (t.offset + height).min(t.rows.len()),
                t.rows.len()
            );
            let x = area
                .right()
                .saturating_sub(str_width(&mark, amb) as u16 + 1);
            let bottom = Rect {
                x,
                y: area.bottom().saturating_sub(1),
                width: str_width(&mark, amb) as u16,
                height: 1,
            };
            paint_line(
                &Line::styled(mark, theme.style(Element::PaneTitle)),
                bottom,
                buf,
                amb,
            );
        }
    }
}
