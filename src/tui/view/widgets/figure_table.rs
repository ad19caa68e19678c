//! The figures table (`F`): date, park, figure, value, bound, kind and title of every
//! figure of the park (or, with its scope key, of the whole collection), as many of
//! the columns as the width holds. Only the rows in view are drawn, so thousands of
//! rows cost no more than a screenful.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use crate::core::figures::format_value;
use crate::core::layout::AmbiguousWidth;
use crate::tui::app::App;
use crate::tui::modes::figure_table::FigureTable;
use crate::tui::view::theme::Element;
use crate::tui::view::widgets::{fit, pad_to, paint_line, render_pane, str_width};

pub struct FigureTableView<'a> {
    pub app: &'a App,
    pub table: &'a FigureTable,
}

/// Rows of the table body for a drawing area of `height` rows (frame, title line,
/// header line taken off).
pub fn body_height(height: u16) -> usize {
    usize::from(height.saturating_sub(4))
}

/// A column of the table, with its width in cells; the title takes what is left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Date,
    Park,
    Figure,
    Value,
    Bound,
    Kind,
}

impl Column {
    fn width(self) -> usize {
        match self {
            Column::Date => 10,
            Column::Park => 14,
            Column::Figure => 18,
            Column::Value => 14,
            Column::Bound => 9,
            Column::Kind => 8,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Column::Date => "date",
            Column::Park => "park",
            Column::Figure => "figure",
            Column::Value => "value",
            Column::Bound => "bound",
            Column::Kind => "kind",
        }
    }
}

/// The columns that fit `width`, in table order: figure and value always, then as
/// room allows date, park (over the whole collection only: over one park it says
/// the same on every row), bound and kind.
fn columns(width: usize, whole: bool) -> Vec<Column> {
    let mut shown = vec![Column::Figure, Column::Value];
    let mut used: usize = shown.iter().map(|c| c.width() + 1).sum();
    let optional = [Column::Date, Column::Park, Column::Bound, Column::Kind];
    for column in optional.into_iter().filter(|&c| whole || c != Column::Park) {
        // Each column takes its width and one cell of space after it.
        let takes = column.width() + 1;
        if used + takes <= width {
            used += takes;
            shown.push(column);
        }
    }
    let order = [
        Column::Date,
        Column::Park,
        Column::Figure,
        Column::Value,
        Column::Bound,
        Column::Kind,
    ];
    order.into_iter().filter(|c| shown.contains(c)).collect()
}

/// One row: each column's value fitted to its width, then the title in what is left.
fn cells(
    columns: &[Column],
    value: impl Fn(Column) -> String,
    title: &str,
    width: usize,
    amb: AmbiguousWidth,
) -> String {
    let mut out = String::new();
    for &column in columns {
        let w = column.width();
        out.push_str(&pad_to(&fit(&value(column), w, amb), w + 1, amb));
    }
    let used = str_width(&out, amb);
    out.push_str(&fit(title, width.saturating_sub(used), amb));
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
        let columns = columns(width, t.whole);
        let header = cells(&columns, |c| c.name().to_string(), "title", width, amb);
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
            let value = |column| match column {
                Column::Date => a.date.map(|d| d.to_string()).unwrap_or_default(),
                Column::Park => a.park.clone().unwrap_or_default(),
                Column::Figure => f.text.clone(),
                Column::Value => format_value(f),
                Column::Bound => f.bound.name().to_string(),
                Column::Kind => f.kind.name().to_string(),
            };
            let text = cells(&columns, value, &a.title, width, amb);
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

#[cfg(test)]
mod tests {
    use crate::tui::view::widgets::figure_table::{columns, Column::*};

    #[test]
    fn columns_give_way_to_the_figure_and_its_value() {
        // 40 columns: the figure and its value (and the title in what is left).
        assert_eq!(columns(38, false), [Figure, Value]);
        assert_eq!(columns(45, true), [Date, Figure, Value]);
        // Narrower still: the figure and its value, whatever the width.
        assert_eq!(columns(20, true), [Figure, Value]);
        assert_eq!(columns(0, true), [Figure, Value]);
        // 80 columns: all but the park over one park; over all, the kind gives way.
        assert_eq!(columns(78, false), [Date, Figure, Value, Bound, Kind]);
        assert_eq!(columns(78, true), [Date, Park, Figure, Value, Bound]);
        // Wide: every column, the park only over the whole collection.
        assert_eq!(columns(118, true), [Date, Park, Figure, Value, Bound, Kind]);
        assert_eq!(columns(118, false), [Date, Figure, Value, Bound, Kind]);
    }
}
