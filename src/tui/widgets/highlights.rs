//! The highlights pane: the article's figures with value and context, dates apart.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{fit, pad_to, paint_line, render_pane, width_of};
use crate::core::figures::{Figure, FigureKind};
use crate::core::layout::AmbiguousWidth;
use crate::core::Article;
use crate::tui::app::{App, Focus};
use crate::tui::theme::Element;

pub struct HighlightsPane<'a> {
    pub app: &'a App,
}

enum Entry {
    Heading(&'static str),
    Figure { position: usize, figure: usize },
    Context(usize),
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
        let entries = entries(article, &order);
        let height = inner.height as usize;
        // The offset `update` keeps, so the cursor moves within the view.
        let first = app
            .view
            .map_or(0, |v| v.highlights.first())
            .min(entries.len().saturating_sub(height));
        let width = inner.width as usize;
        // ▶ is ambiguous: two cells in wide mode, and the rows without it match.
        let lead = width_of("▶ ", amb);
        for (row, entry) in entries.iter().skip(first).take(height).enumerate() {
            let row_area = Rect {
                y: inner.y + row as u16,
                height: 1,
                ..inner
            };
            match *entry {
                Entry::Heading(text) => {
                    let line = Line::styled(fit(text, width, amb), theme.style(Element::Count));
                    paint_line(&line, row_area, buf, amb);
                }
                Entry::Figure { position, figure } => {
                    let f = &article.figures[figure];
                    let selected = position == app.figure_cursor();
                    let marker = pad_to(if selected { "▶ " } else { "" }, lead, amb);
                    let marked = app.marked_figure() == Some(figure);
                    let style = if marked {
                        theme.style(Element::FigureSelected)
                    } else {
                        theme.style(Element::Figure)
                    };
                    let text = fit(&f.text, width.saturating_sub(lead), amb);
                    let value = match format_value(f) {
                        v if v.is_empty() || v == format!("= {}", f.text) => String::new(),
                        v => format!("  {v}"),
                    };
                    let room = width.saturating_sub(lead + width_of(&text, amb));
                    let line = Line::from(vec![
                        Span::raw(marker),
                        Span::styled(text, style),
                        Span::styled(fit(&value, room, amb), theme.style(Element::Count)),
                    ]);
                    paint_line(&line, row_area, buf, amb);
                    if selected && focused {
                        buf.set_style(row_area, theme.style(Element::Selection));
                    }
                }
                Entry::Context(figure) => {
                    let f = &article.figures[figure];
                    let block = article.blocks.get(f.block).map(|b| b.text.as_str());
                    let text = context_around(f, block, width.saturating_sub(2), amb);
                    let line = Line::styled(format!("  {text}"), theme.style(Element::Context));
                    paint_line(&line, row_area, buf, amb);
                }
            }
        }
    }
}

/// The pane's rows: each figure and its context line, dates under a heading.
fn entries(article: &Article, order: &[usize]) -> Vec<Entry> {
    let mut entries = Vec::new();
    let mut in_dates = false;
    for (position, &figure) in order.iter().enumerate() {
        if article.figures[figure].kind == FigureKind::Date && !in_dates {
            in_dates = true;
            entries.push(Entry::Heading("── 日期 Dates ──"));
        }
        entries.push(Entry::Figure { position, figure });
        entries.push(Entry::Context(figure));
    }
    entries
}

/// The rows of the selected figure (it and its context line) and how many rows the
/// list has: what the kept list offset follows.
pub fn cursor_rows(app: &App) -> (usize, usize, usize) {
    let Some(article) = app.shown_article() else {
        return (0, 0, 0);
    };
    let entries = entries(article, &app.highlight_order());
    let cursor = app.figure_cursor();
    let start = entries
        .iter()
        .position(|e| matches!(e, Entry::Figure { position, .. } if *position == cursor))
        .unwrap_or(0);
    (start, start + 2, entries.len())
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
    if width_of(context, amb) <= width {
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
    let mark = super::ELLIPSIS;
    let room = width.saturating_sub(width_of(mark, amb));
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

/// The normalised value, as a reader would say it: = 5,500,000,000元, = 20%, = ×3.7;
/// with a qualifier folded in instead of `=`: ≈100项, 1,500+名, ≥10%, <3年.
pub fn format_value(figure: &Figure) -> String {
    if figure.value_max.is_some() && figure.kind != FigureKind::Date {
        // A range (3至5年, 10%—20%) reads as the core writes it: 3–5年.
        return format!("= {}", crate::core::figures::format_value(figure));
    }
    let (number, unit) = match figure.kind {
        FigureKind::Date => return String::new(),
        // The sign belongs to the number, so 10%+ and ×3+ rather than 10+%.
        FigureKind::Percent => (format!("{}%", number(figure.value * 100.0)), ""),
        FigureKind::Multiple => (format!("×{}", number(figure.value)), ""),
        _ => (number(figure.value), figure.unit.as_str()),
    };
    qualified(figure.qualifier.as_deref(), &number, unit)
}

/// How a qualifier bends the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bound {
    /// 近, 约, 左右: about.
    About,
    /// 余, 多, 以上, 超过, 逾: more than.
    More,
    /// 不低于, 不少于, 至少: at least.
    AtLeast,
    /// 不超过, 最多, 以下, 以内: at most.
    AtMost,
    /// 不到, 不足: less than.
    Less,
}

fn bound(word: &str) -> Option<Bound> {
    Some(match word {
        "近" | "将近" | "接近" | "几近" | "约" | "大约" | "左右" | "上下" => {
            Bound::About
        }
        "余" | "多" | "以上" | "超过" | "超" | "逾" | "之多" | "有余" | "上" | "数" => {
            Bound::More
        }
        "不低于" | "不少于" | "至少" => Bound::AtLeast,
        "不超过" | "不高于" | "不多于" | "最多" | "以下" | "以内" => Bound::AtMost,
        "不到" | "不足" => Bound::Less,
        _ => return None,
    })
}

/// `number` and `unit` with the qualifier as written ("近", "余", "约…左右") folded in
/// compactly; without one, `= number unit`. The first word that says something wins.
fn qualified(qualifier: Option<&str>, number: &str, unit: &str) -> String {
    let Some(qualifier) = qualifier.filter(|q| !q.is_empty()) else {
        return format!("= {number}{unit}");
    };
    match qualifier.split('…').find_map(bound) {
        Some(Bound::About) => format!("≈{number}{unit}"),
        Some(Bound::More) => format!("{number}+{unit}"),
        Some(Bound::AtLeast) => format!("≥{number}{unit}"),
        Some(Bound::AtMost) => format!("≤{number}{unit}"),
        Some(Bound::Less) => format!("<{number}{unit}"),
        None => format!("= {number}{unit} ({qualifier})"),
    }
}

/// Thousands separated, up to two decimals, no trailing zeros.
fn number(value: f64) -> String {
    if !value.is_finite() {
        return "?".to_string();
    }
    let rounded = (value * 100.0).round() / 100.0;
    let whole = rounded.trunc().abs() as u128;
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(d);
    }
    let fraction = (rounded.abs().fract() * 100.0).round() as u32;
    let sign = if rounded < 0.0 { "-" } else { "" };
    match fraction {
        0 => format!("{sign}{grouped}"),
        f if f % 10 == 0 => format!("{sign}{grouped}.{}", f / 10),
        f => format!("{sign}{grouped}.{f:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::{context_around, number, qualified};
    use crate::core::figures::{Figure, FigureKind};
    use crate::core::layout::AmbiguousWidth::Narrow;

    fn figure_at(block: &str, context: &str, text: &str, nth: usize) -> Figure {
        let byte = block.match_indices(text).nth(nth).unwrap().0;
        let start = block[..byte].chars().count();
        Figure {
            text: text.into(),
            value: 5e8,
            unit: "元".into(),
            kind: FigureKind::Money,
            qualifier: None,
            block: 0,
            start,
            end: start + text.chars().count(),
            context: context.into(),
            value_max: None,
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
    fn qualifiers_fold_into_the_value() {
        assert_eq!(qualified(None, "55", "亿元"), "= 55亿元");
        assert_eq!(qualified(Some(""), "55", "亿元"), "= 55亿元");
        assert_eq!(qualified(Some("近"), "100", "项"), "≈100项");
        assert_eq!(qualified(Some("约…左右"), "3", "年"), "≈3年");
        assert_eq!(qualified(Some("左右"), "20%", ""), "≈20%");
        assert_eq!(qualified(Some("余"), "1,500", "名"), "1,500+名");
        assert_eq!(qualified(Some("多"), "100", "项"), "100+项");
        assert_eq!(qualified(Some("以上"), "10%", ""), "10%+");
        assert_eq!(qualified(Some("超过"), "×3", ""), "×3+");
        assert_eq!(qualified(Some("逾"), "2,000", "家"), "2,000+家");
        assert_eq!(qualified(Some("不低于"), "10%", ""), "≥10%");
        assert_eq!(qualified(Some("不少于"), "50", "人"), "≥50人");
        assert_eq!(qualified(Some("不到"), "3", "年"), "<3年");
        assert_eq!(qualified(Some("不足"), "1", "成"), "<1成");
        assert_eq!(qualified(Some("不超过"), "5", "天"), "≤5天");
        // A word it does not know is shown as written, not dropped.
        assert_eq!(qualified(Some("某"), "5", "天"), "= 5天 (某)");
    }

    #[test]
    fn numbers_read_well() {
        assert_eq!(number(5_500_000_000.0), "5,500,000,000");
        assert_eq!(number(3.7), "3.7");
        assert_eq!(number(20.0), "20");
        assert_eq!(number(0.05), "0.05");
        assert_eq!(number(1500.0), "1,500");
        assert_eq!(number(f64::NAN), "?");
    }
}
