//! The figures table (`F`): date, park, figure, value, bound, kind and title of every
//! figure of the park (or, with its scope key, of the whole collection), as many of
//! the columns as the width holds. The rows, filter and sort are the core's
//! (`core::figure_table`); this keeps the cursor, the first row shown and the filter
//! being typed, says what its keys do, and draws it. Only the rows in view are drawn,
//! so thousands of rows cost no more than a screenful.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use crate::core::article::Article;
use std::rc::Rc;

use crate::core::figure_table::{table_of, FigureKeys, FigureRef, Filter, SortKey};
use crate::core::figures::format_value;
use crate::core::layout::{str_width, AmbiguousWidth};
use crate::tui::action::{Action, Edit, ViewOutcome};
use crate::tui::paint::{fit, pad_to, paint_line, paint_position, render_pane};
use crate::tui::scroll::{ListOffset, Motion};
use crate::tui::theme::{Element, Theme};

#[derive(Debug, Clone, Default)]
pub struct FigureTable {
    /// The park the table was opened over; `None` with `whole` shows every article.
    pub park: Option<String>,
    /// That park's articles (indexes into the collection).
    park_articles: Vec<usize>,
    /// Over the whole collection rather than the park.
    pub whole: bool,
    pub sort: SortKey,
    pub filter_text: String,
    /// Typing the filter (keys go into `filter_text`).
    pub editing: bool,
    /// Why the filter being typed does not parse, if it does not.
    pub filter_error: Option<String>,
    filter: Filter,
    /// What the rows are sorted and filtered by: the figures of the articles in
    /// scope, keyed (see `FigureKeys`). None for a table kept over a collection since
    /// replaced: the app keys it again before it shows (`set_keys`).
    keys: Option<Rc<FigureKeys>>,
    pub rows: Vec<FigureRef>,
    pub cursor: usize,
    /// The first row shown: kept so the cursor moves inside the view, not the view
    /// under the cursor.
    pub offset: ListOffset,
}

impl FigureTable {
    /// The table over one park, or over all articles, with no rows until it is
    /// given the keys of their figures (`set_keys`).
    pub fn over(park: Option<(String, Vec<usize>)>) -> FigureTable {
        let (park, park_articles) = park.unzip();
        FigureTable {
            park,
            park_articles: park_articles.unwrap_or_default(),
            sort: SortKey::Value,
            ..FigureTable::default()
        }
    }

    /// The articles the table is over: the park's, or None for every article.
    pub fn scope(&self) -> Option<&[usize]> {
        if self.whole || self.park.is_none() {
            None
        } else {
            Some(self.park_articles.as_slice())
        }
    }

    /// Rows from `keys`, the keys of the figures of the articles in scope.
    pub fn set_keys(&mut self, keys: FigureKeys, articles: &[Article]) {
        self.keys = Some(Rc::new(keys));
        self.refresh(articles);
    }

    /// Whether the table has keys to make its rows from (see `keys`).
    pub fn has_keys(&self) -> bool {
        self.keys.is_some()
    }

    /// Rows again after a change of scope, sort or filter; the cursor goes to the top.
    /// A filter in error keeps showing none.
    pub fn refresh(&mut self, articles: &[Article]) {
        if self.filter_error.is_some() {
            self.rows.clear();
            self.cursor = 0;
            self.offset.reset();
            return;
        }
        self.rows = match &self.keys {
            Some(keys) => table_of(keys, articles, self.scope(), &self.filter, self.sort),
            None => Vec::new(),
        };
        self.cursor = 0;
        self.offset.reset();
    }

    /// This table with the scope, sort and filter of `old` (a table over a collection
    /// since replaced, or over another park); it has no rows until it is given keys
    /// for that scope (`set_keys`).
    pub fn with_settings_of(mut self, old: &FigureTable) -> FigureTable {
        self.whole = old.whole;
        self.sort = old.sort;
        self.filter = old.filter.clone();
        self.filter_text.clone_from(&old.filter_text);
        self.filter_error.clone_from(&old.filter_error);
        self.editing = old.editing;
        self.keys = None;
        self.rows.clear();
        self.cursor = 0;
        self.offset.reset();
        self
    }

    /// Over the whole collection, or back to the park; no rows until it is given
    /// the keys of the figures in its new scope (`set_keys`).
    pub fn rescope(&mut self) {
        self.whole = !self.whole;
        self.keys = None;
        self.rows.clear();
        self.cursor = 0;
        self.offset.reset();
    }

    pub fn next_sort(&mut self, articles: &[Article]) {
        self.sort = self.sort.next();
        self.refresh(articles);
    }

    /// The filter text changed: apply it when it parses; else the table says why and
    /// shows no rows (the last good filter's rows would look as if they matched).
    pub fn set_filter(&mut self, text: String, articles: &[Article]) {
        self.filter_text = text;
        match Filter::parse(&self.filter_text) {
            Ok(filter) => {
                self.filter = filter;
                self.filter_error = None;
                self.refresh(articles);
            }
            Err(e) => {
                self.filter_error = Some(e);
                self.rows.clear();
                self.cursor = 0;
                self.offset.reset();
            }
        }
    }

    /// Move the cursor, keeping it inside a view of `height` rows.
    pub fn move_by(&mut self, motion: Motion, height: usize) {
        self.cursor = motion.apply(self.cursor, self.rows.len());
        let height = height.max(1);
        self.offset
            .follow(self.cursor, self.cursor + 1, height, self.rows.len());
    }

    /// What a key does with the table open, `body` rows of it showing; `articles` the
    /// collection's (the whole collection's figures found already when the scope
    /// widens, which only the app can do).
    pub fn handle(&mut self, action: Action, articles: &[Article], body: usize) -> ViewOutcome {
        let page = body as isize;
        let motion = match action {
            Action::Down => Some(Motion::By(1)),
            Action::Up => Some(Motion::By(-1)),
            Action::PageDown => Some(Motion::By(page)),
            Action::PageUp => Some(Motion::By(-page)),
            Action::HalfPageDown => Some(Motion::By(page / 2)),
            Action::HalfPageUp => Some(Motion::By(-page / 2)),
            Action::Top => Some(Motion::Top),
            Action::Bottom => Some(Motion::Bottom),
            _ => None,
        };
        if let Some(motion) = motion {
            self.move_by(motion, body);
            return ViewOutcome::Handled;
        }
        if self.editing {
            if let Some(outcome) = self.edit_filter(action, articles) {
                return outcome;
            }
        }
        match action {
            // (The scope is the app's to change: it keys the figures, `App::key_table`.)
            Action::TableSort => self.next_sort(articles),
            Action::Search => self.editing = true,
            Action::Open => {
                return match self.selected() {
                    Some(row) => ViewOutcome::OpenFigure {
                        article: row.article,
                        figure: row.figure,
                    },
                    None => ViewOutcome::Handled,
                }
            }
            // q closes the table, as it closes help; only the reader's own q quits.
            Action::FiguresTable | Action::Close | Action::Quit => return ViewOutcome::Close,
            action if action.reaches_through_views() => return ViewOutcome::PassOn,
            _ => {}
        }
        ViewOutcome::Handled
    }

    /// The filter is typed at its end: insert, backspace, Ctrl-U and Ctrl-W edit it;
    /// Enter and Esc stop typing. `None`: not a key of the filter.
    fn edit_filter(&mut self, action: Action, articles: &[Article]) -> Option<ViewOutcome> {
        let mut text = self.filter_text.clone();
        match action {
            Action::SearchInput(c) | Action::SearchEdit(Edit::Insert(c)) => text.push(c),
            Action::SearchBackspace | Action::SearchEdit(Edit::Backspace) => {
                text.pop();
            }
            Action::SearchEdit(Edit::KillToStart) => text.clear(),
            Action::SearchEdit(Edit::KillWord) => {
                let kept = text.trim_end();
                text = kept.rfind(' ').map_or("", |i| &kept[..=i]).to_string();
            }
            Action::SearchSubmit | Action::SearchCancel => {
                self.editing = false;
                return Some(ViewOutcome::Handled);
            }
            _ => return None,
        }
        self.set_filter(text, articles);
        Some(ViewOutcome::Handled)
    }

    pub fn selected(&self) -> Option<FigureRef> {
        self.rows.get(self.cursor).copied()
    }

    /// The line over the header: sort, filter (or why it does not parse), keys.
    fn status_line(&self) -> String {
        let prompt = if self.editing { "▏" } else { "" };
        match &self.filter_error {
            Some(e) => format!("filter: {}{prompt}  — {e}", self.filter_text),
            None => format!(
                "sort: {} (s)  filter (/): {}{prompt}  scope (a)  enter: open  esc: close",
                self.sort.name(),
                self.filter_text
            ),
        }
    }
}

/// The table drawn over the panes.
pub struct FigureTableView<'a> {
    pub table: &'a FigureTable,
    pub articles: &'a [Article],
    pub theme: &'a Theme,
    pub amb: AmbiguousWidth,
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
        let (t, theme, amb) = (self.table, self.theme, self.amb);
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
        let status = t.status_line();
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
        for (n, line) in self
            .body_lines(&columns, width, height)
            .into_iter()
            .enumerate()
        {
            paint_line(&line, row(2 + n as u16), buf, amb);
        }
        // Where the view stands in a list longer than it.
        paint_position(
            t.offset.first(),
            height,
            t.rows.len(),
            area,
            buf,
            theme,
            amb,
        );
    }
}

impl FigureTableView<'_> {
    /// The rows in view, as lines of `width` cells.
    fn body_lines(&self, columns: &[Column], width: usize, height: usize) -> Vec<Line<'static>> {
        let (t, theme, amb) = (self.table, self.theme, self.amb);
        let shown = t
            .rows
            .iter()
            .enumerate()
            .skip(t.offset.first())
            .take(height);
        let mut lines = Vec::with_capacity(height);
        for (i, r) in shown {
            let Some((a, f)) = r.get(self.articles) else {
                lines.push(Line::default());
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
            let text = cells(columns, value, &a.title, width, amb);
            let style = if i == t.cursor {
                theme.style(Element::Selection)
            } else {
                theme.style(Element::Paragraph)
            };
            lines.push(Line::from(Span::styled(text, style)));
        }
        lines
    }
}

#[cfg(test)]
mod drawing_tests {
    use crate::tui::modes::figure_table::{columns, Column::*};

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
