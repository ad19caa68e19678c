//! The highlights pane's rows: each figure and its context, dates under a heading.
//! The pane draws them (`view::highlights`); `update` keeps the selected figure's
//! rows in view with them.

use crate::core::figures::FigureKind;
use crate::core::Article;
use crate::tui::app::reader::App;

/// A row of the highlights pane.
pub enum Entry {
    Heading(&'static str),
    Figure {
        position: usize,
        figure: usize,
    },
    /// Row `.1` of figure `.0`'s context (two rows in a narrow pane).
    Context(usize, usize),
}

/// Below this inner width the context takes two rows, so the figure shows whole with
/// words on both sides.
pub const TWO_ROW_CONTEXT_BELOW: usize = 40;

/// The pane's rows: each figure and its context (two rows in a narrow pane), dates
/// under a heading.
pub fn entries(article: &Article, order: &[usize], two_rows: bool) -> Vec<Entry> {
    let mut entries = Vec::new();
    let mut in_dates = false;
    for (position, &figure) in order.iter().enumerate() {
        if article.figures[figure].kind == FigureKind::Date && !in_dates {
            in_dates = true;
            entries.push(Entry::Heading("── 日期 Dates ──"));
        }
        entries.push(Entry::Figure { position, figure });
        entries.push(Entry::Context(figure, 0));
        if two_rows {
            entries.push(Entry::Context(figure, 1));
        }
    }
    entries
}

/// The rows of the selected figure (it and its context line) and how many rows the
/// list has: what the kept list offset follows.
pub fn cursor_rows(app: &App) -> (usize, usize, usize) {
    let Some(article) = app.shown_article() else {
        return (0, 0, 0);
    };
    // The pane's inner width decides whether contexts take two rows.
    let inner_width = app
        .panes
        .highlights
        .map_or(0, |r| r.width.saturating_sub(2));
    let two_rows = usize::from(inner_width) < TWO_ROW_CONTEXT_BELOW;
    let entries = entries(article, &app.highlight_order(), two_rows);
    let cursor = app.figure_cursor();
    let mut start = entries
        .iter()
        .position(|e| matches!(e, Entry::Figure { position, .. } if *position == cursor))
        .unwrap_or(0);
    let end = start + if two_rows { 3 } else { 2 };
    // The dates heading stays in view above the first date.
    if start > 0 && matches!(entries[start - 1], Entry::Heading(_)) {
        start -= 1;
    }
    (start, end, entries.len())
}
