//! The article pane: laid-out rows, figures and matches marked, a scrollbar.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget};

use crate::core::layout::{AmbiguousWidth, Mark, MarkKind, Part, Row, RowStyle};
use crate::tui::app::panes::article_text_area;
use crate::tui::app::{App, Focus};
use crate::tui::paint::{fit, paint_line, render_pane};
use crate::tui::theme::{Element, Theme};

pub struct ArticlePane<'a> {
    pub app: &'a App,
}

impl Widget for ArticlePane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let theme = &app.theme;
        let amb = app.config.ambiguous;
        let park = app
            .article()
            .and_then(|a| app.park_of(a))
            .and_then(|p| app.collection.parks.get(p))
            .map_or("文章 Article", |p| p.name.as_str());
        // The column the article stands under (园镜头), over the article.
        let title = match app.shown_article().and_then(|a| a.column.as_deref()) {
            Some(column) if !column.is_empty() => format!("{column} · {park}"),
            _ => park.to_string(),
        };
        let title = fit(&title, area.width.saturating_sub(8) as usize, amb);
        let focused = app.focus == Focus::Article || app.zoom;
        render_pane(&title, focused, theme, amb, area, buf);
        let text_area = article_text_area(area);
        if text_area.width == 0 {
            return;
        }
        let Some(article) = app.article() else {
            paint_line(&Line::from("(no article)"), text_area, buf, amb);
            return;
        };
        // Laid out for the area being drawn, whatever size the state last heard of.
        let layout = app.layout(article, text_area.width as usize);
        let marks = marks(app, article);
        let height = text_area.height as usize;
        let scroll = app.scroll().min(layout.rows.len().saturating_sub(height));
        for (i, row) in layout.rows.iter().skip(scroll).take(height).enumerate() {
            let y = text_area.y + i as u16;
            paint_row(
                row,
                &marks,
                Rect {
                    y,
                    height: 1,
                    ..text_area
                },
                buf,
                theme,
                amb,
            );
        }
        if layout.rows.len() > height {
            // │ and █ are ambiguous-width: ASCII in wide mode, like the border.
            let (track, thumb) = match amb {
                AmbiguousWidth::Narrow => ("│", "█"),
                AmbiguousWidth::Wide => ("|", "#"),
            };
            let mut state = ScrollbarState::new(layout.rows.len().saturating_sub(height))
                .position(scroll)
                .viewport_content_length(height);
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(None)
                .end_symbol(None)
                .track_symbol(Some(track))
                .thumb_symbol(thumb)
                .render(
                    area.inner(Margin {
                        horizontal: 0,
                        vertical: 1,
                    }),
                    buf,
                    &mut state,
                );
        }
    }
}

/// Figures, the marked figure, search matches and the current match; later ones win.
fn marks(app: &App, article: usize) -> Vec<Mark> {
    let mut marks = Vec::new();
    if let Some(a) = app.collection.articles.get(article) {
        for (i, f) in a.figures.iter().enumerate() {
            let kind = if app.marked_figure() == Some(i) {
                MarkKind::SelectedFigure
            } else {
                MarkKind::Figure
            };
            marks.push(Mark {
                part: Part::Block(f.block),
                start: f.start,
                end: f.end,
                kind,
            });
        }
    }
    // The selected figure drawn over its neighbours.
    marks.sort_by_key(|m| m.kind == MarkKind::SelectedFigure);
    for (i, m) in app
        .search
        .matches
        .iter()
        .enumerate()
        .filter(|(_, m)| m.article == article)
    {
        let kind = if app.search.current == Some(i) {
            MarkKind::CurrentMatch
        } else {
            MarkKind::Match
        };
        marks.push(Mark {
            part: m.part,
            start: m.start,
            end: m.end,
            kind,
        });
    }
    marks.sort_by_key(|m| m.kind == MarkKind::CurrentMatch);
    marks
}

fn row_style(style: RowStyle, theme: &Theme) -> Style {
    theme.style(match style {
        RowStyle::Title => Element::Title,
        RowStyle::Subtitle => Element::Subtitle,
        RowStyle::Byline => Element::Byline,
        RowStyle::Heading => Element::Heading,
        RowStyle::Caption => Element::Caption,
        RowStyle::Paragraph | RowStyle::Blank => Element::Paragraph,
    })
}

fn mark_style(kind: MarkKind, theme: &Theme) -> Style {
    theme.style(match kind {
        MarkKind::Figure => Element::Figure,
        MarkKind::SelectedFigure => Element::FigureSelected,
        MarkKind::Match => Element::Match,
        MarkKind::CurrentMatch => Element::MatchCurrent,
    })
}

/// Draw one row. Text goes through ratatui's span drawing, which drops control
/// characters; with wide ambiguous characters each one is followed by a skipped cell
/// so the terminal's wide glyph is not overdrawn and the row stays aligned.
pub fn paint_row(
    row: &Row,
    marks: &[Mark],
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
    ambiguous: AmbiguousWidth,
) {
    let base = row_style(row.style, theme);
    let segments = row.segments(marks);
    let spans: Vec<Span> = segments
        .iter()
        .map(|s| {
            let style = s.mark.map_or(base, |k| base.patch(mark_style(k, theme)));
            Span::styled(s.text, style)
        })
        .collect();
    let x = area
        .x
        .saturating_add(row.indent.min(u16::MAX as usize) as u16);
    if x >= area.right() {
        return;
    }
    let width = area.right() - x;
    paint_line(
        &Line::from(spans),
        Rect { x, width, ..area },
        buf,
        ambiguous,
    );
}
