//! The highlights pane: the article's figures with value and context, dates apart.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::core::figures::{reading_value, Figure};
use crate::core::layout::str_width;
use crate::core::layout::{wrap_keeping_whole, AmbiguousWidth};
use crate::core::Article;
use crate::tui::app::highlight_rows::{entries, Entry, TWO_ROW_CONTEXT_BELOW};
use crate::tui::app::{App, Focus};
use crate::tui::paint::{fit, pad_to, paint_line, paint_position, render_pane};
use crate::tui::theme::Element;

pub struct HighlightsPane<'a> {
    pub app: &'a App,
}

impl Widget for HighlightsPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let theme = &app.theme;
        let order = app.highlight_order();
        let title = format!("数字 Figures {}", order.len());
        let amb = app.config.ambiguous;
        let focused = app.focus == Focus::Highlights;
        let inner = render_pane(&title, focused, theme, amb, area, buf);
        if inner.width < 4 || inner.height == 0 {
            return;
        }
        let Some(article) = app.shown_article() else {
            return;
        };
        if order.is_empty() {
            let line = Line::styled("(no figures)", theme.style(Element::Context));
            paint_line(&line, inner, buf, amb);
            return;
        }
        let two_rows = usize::from(inner.width) < TWO_ROW_CONTEXT_BELOW;
        let entries = entries(article, &order, two_rows);
        let height = inner.height as usize;
        // The offset `update` keeps, so the cursor moves within the view (the dates
        // heading is kept in view above the first date there too).
        let first = app
            .view
            .map_or(0, |v| v.highlights.first())
            .min(entries.len().saturating_sub(height));
        let rows = Rows {
            app,
            article,
            width: inner.width as usize,
            context_rows: if two_rows { 2 } else { 1 },
        };
        for (row, entry) in entries.iter().skip(first).take(height).enumerate() {
            let row_area = Rect {
                y: inner.y + row as u16,
                height: 1,
                ..inner
            };
            let line = match *entry {
                Entry::Heading(text) => {
                    Line::styled(fit(text, rows.width, amb), theme.style(Element::Count))
                }
                Entry::Figure { position, figure } => rows.figure(position, figure),
                Entry::Context(figure, n) => rows.context(figure, n),
            };
            paint_line(&line, row_area, buf, amb);
            let selected =
                matches!(*entry, Entry::Figure { position, .. } if position == app.figure_cursor());
            if selected && focused {
                buf.set_style(row_area, theme.style(Element::Selection));
            }
        }
        // A list longer than the pane says where the view stands, on the bottom border.
        paint_position(first, height, entries.len(), area, buf, theme, amb);
    }
}

/// What every row of the pane is measured with.
struct Rows<'a> {
    app: &'a App,
    article: &'a Article,
    width: usize,
    context_rows: usize,
}

impl Rows<'_> {
    /// A figure's row: the cursor's mark, the figure, its value when that says more.
    fn figure(&self, position: usize, figure: usize) -> Line<'static> {
        let (app, theme, amb) = (self.app, &self.app.theme, self.app.config.ambiguous);
        // ▶ is ambiguous: two cells in wide mode, and the rows without it match.
        let lead = str_width("▶ ", amb);
        let f = &self.article.figures[figure];
        let selected = position == app.figure_cursor();
        let marker = pad_to(if selected { "▶ " } else { "" }, lead, amb);
        let style = if app.marked_figure() == Some(figure) {
            theme.style(Element::FigureSelected)
        } else {
            theme.style(Element::Figure)
        };
        let text = fit(&f.text, self.width.saturating_sub(lead), amb);
        let value = match reading_value(f) {
            v if says_nothing_new(&v, &f.text) => String::new(),
            v => format!("  {v}"),
        };
        let room = self.width.saturating_sub(lead + str_width(&text, amb));
        Line::from(vec![
            Span::raw(marker),
            Span::styled(text, style),
            Span::styled(fit(&value, room, amb), theme.style(Element::Count)),
        ])
    }

    /// Row `n` of a figure's context.
    fn context(&self, figure: usize, n: usize) -> Line<'static> {
        let amb = self.app.config.ambiguous;
        let f = &self.article.figures[figure];
        let block = self.article.blocks.get(f.block).map(|b| b.text.as_str());
        let room = self.width.saturating_sub(2);
        let text = context_around(f, block, room * self.context_rows, amb);
        let (top, rest) = split_at_width(&text, &f.text, room, amb);
        let text = if n == 0 { top } else { rest };
        Line::styled(format!("  {text}"), self.app.theme.style(Element::Context))
    }
}

/// `text` on two rows of `width` cells, broken by the article's own line-breaking rules
/// (no row starts with 。 or ，) and keeping `figure` whole when it is in the text: the
/// first row and the rest, cut with … if longer.
fn split_at_width(text: &str, figure: &str, width: usize, amb: AmbiguousWidth) -> (String, String) {
    let whole: Vec<std::ops::Range<usize>> = text
        .find(figure)
        .filter(|_| !figure.is_empty())
        .map(|at| at..at + figure.len())
        .into_iter()
        .collect();
    let rows = wrap_keeping_whole(text, &whole, width, width, amb);
    match (rows.first(), rows.get(1)) {
        (Some(first), Some(second)) => (
            text[first.clone()].to_string(),
            fit(&text[second.start..], width, amb),
        ),
        _ => (text.to_string(), String::new()),
    }
}

/// A reading value that only repeats the figure's text (`= 3,000吨` beside 3000吨).
fn says_nothing_new(value: &str, text: &str) -> bool {
    let bare = value.strip_prefix("= ").unwrap_or(value).replace(',', "");
    value.is_empty() || bare == text.replace(',', "")
}

/// The figure's sentence cut to `width`, starting a little before the figure so that
/// the figure itself shows. `block` is the text of the figure's block.
fn context_around(
    figure: &Figure,
    block: Option<&str>,
    width: usize,
    amb: AmbiguousWidth,
) -> String {
    let context = figure.context.trim();
    if str_width(context, amb) <= width {
        return context.to_string();
    }
    let Some(byte) = figure_in_context(figure, context, block) else {
        return fit(context, width, amb);
    };
    let before: Vec<char> = context[..byte].chars().collect();
    const LEAD: usize = 4;
    if before.len() <= LEAD {
        return fit(context, width, amb);
    }
    let rest: String = before[before.len() - LEAD..].iter().collect::<String>() + &context[byte..];
    let mark = crate::tui::paint::ELLIPSIS;
    let room = width.saturating_sub(str_width(mark, amb));
    format!("{mark}{}", fit(&rest, room, amb))
}

/// Where in `context` (bytes) the figure stands. The same text can appear twice in a
/// sentence, so find the sentence in the block and count from the figure's own
/// offset; without the block, or if that fails, the first occurrence.
fn figure_in_context(figure: &Figure, context: &str, block: Option<&str>) -> Option<usize> {
    let located = block.and_then(|text| {
        text.match_indices(context).find_map(|(byte, _)| {
            let offset = figure.start.checked_sub(text[..byte].chars().count())?;
            let (at, _) = context.char_indices().nth(offset)?;
            context[at..].starts_with(&figure.text).then_some(at)
        })
    });
    located.or_else(|| context.find(&figure.text))
}

#[cfg(test)]
mod tests {
    use crate::core::figures::{Figure, FigureKind};
    use crate::core::layout::AmbiguousWidth::Narrow;
    use crate::tui::view::highlights::{context_around, says_nothing_new};

    fn figure_at(block: &str, context: &str, text: &str, nth: usize) -> Figure {
        let byte = block.match_indices(text).nth(nth).unwrap().0;
        let start = block[..byte].chars().count();
        Figure {
            start,
            end: start + text.chars().count(),
            context: context.into(),
            ..Figure::new(text, 5e8, "元", FigureKind::Money)
        }
    }

    #[test]
    fn context_centres_on_the_figure_not_the_first_same_text() {
        let sentence = "首期投入5亿元建设厂房和配套设施，二期再投入5亿元用于研发。";
        let block = format!("园区去年开工。{sentence}今年投产。");
        let second = figure_at(&block, sentence, "5亿元", 1);
        let shown = context_around(&second, Some(&block), 20, Narrow);
        assert_eq!(shown, "…期再投入5亿元用于…");
        let first = figure_at(&block, sentence, "5亿元", 0);
        assert_eq!(
            context_around(&first, Some(&block), 20, Narrow),
            "首期投入5亿元建设厂…"
        );
        // Without the block text: the first occurrence, as before.
        assert_eq!(
            context_around(&second, None, 20, Narrow),
            "首期投入5亿元建设厂…"
        );
    }

    #[test]
    fn a_narrow_context_splits_into_two_rows_at_the_width() {
        let (a, b) = crate::tui::view::highlights::split_at_width(
            "园区设立基金6只，总规模达55亿元",
            "6只",
            10,
            Narrow,
        );
        assert_eq!(
            (a.as_str(), b.as_str()),
            ("园区设立基", "金6只，总…"),
            "the rest fits the second row"
        );
        let (a, b) = crate::tui::view::highlights::split_at_width("短", "", 10, Narrow);
        assert_eq!((a.as_str(), b.as_str()), ("短", ""));
        // The second row never starts with a closing mark: the last char goes with it.
        let (a, b) =
            crate::tui::view::highlights::split_at_width("用量达到百分之十以上。", "", 20, Narrow);
        assert_eq!((a.as_str(), b.as_str()), ("用量达到百分之十以", "上。"));
        // The figure stays whole on one row.
        let (a, b) = crate::tui::view::highlights::split_at_width(
            "…材料用量10%以上。",
            "10%以上",
            16,
            Narrow,
        );
        assert_eq!((a.as_str(), b.as_str()), ("…材料用量", "10%以上。"));
    }

    #[test]
    fn a_value_that_repeats_the_text_is_left_out() {
        assert!(says_nothing_new("= 3,000吨", "3000吨"));
        assert!(says_nothing_new("= 20%", "20%"));
        assert!(says_nothing_new("", "2024年"));
        assert!(!says_nothing_new("= 5,500,000,000元", "55亿元"));
        assert!(!says_nothing_new("≈100项", "近百项"));
    }
}
