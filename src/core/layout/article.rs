//! A whole article as rows: title, subtitle, byline, blocks, blank rows between,
//! in a text column that `reading_width` may narrow and centre.

use std::borrow::Cow;
use std::ops::Range;

use super::breaks::Analysis;
use super::width::{str_width, AmbiguousWidth};
use super::wrap::{fill, first_piece_width};
use crate::core::article::{Article, BlockKind};

/// Which text of an article a row shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    /// The 引题 over the title.
    Kicker,
    Title,
    Subtitle,
    Byline,
    Block(usize),
    /// The credit line under caption `usize` (see `credit_line`).
    Credit(usize),
    /// The mark after an article that runs off its page (`TRUNCATION_MARK`).
    Truncation,
}

/// Shown after an article cut off at the end of its page.
pub const TRUNCATION_MARK: &str = "（未完：原文在版面末尾截断）";

/// How a row is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowStyle {
    Title,
    Subtitle,
    Byline,
    Heading,
    Paragraph,
    Caption,
    Blank,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayoutOptions {
    /// Cells available for the text (0 is taken as 1).
    pub width: usize,
    /// Maximum width of the text column; the column is centred when the width is larger.
    pub reading_width: Option<usize>,
    /// First-line indent of paragraphs, in full-width spaces (2 cells each).
    pub paragraph_indent: usize,
    pub ambiguous: AmbiguousWidth,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            width: 80,
            reading_width: None,
            paragraph_indent: 2,
            ambiguous: AmbiguousWidth::Narrow,
        }
    }
}

/// One laid-out row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub style: RowStyle,
    /// The part shown; None for blank separator rows.
    pub part: Option<Part>,
    /// Cells of leading space (centring margin plus indent); never part of `text`.
    pub indent: usize,
    /// Char range of the part's text that this row shows.
    pub chars: Range<usize>,
    /// The text shown (exactly those chars): a part's rows joined give back its text.
    pub text: String,
}

/// A marked stretch of an article's text (a figure, a search match).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub part: Part,
    /// Char range in the part's text.
    pub start: usize,
    pub end: usize,
    pub kind: MarkKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkKind {
    Figure,
    SelectedFigure,
    Match,
    CurrentMatch,
}

/// A piece of a row with at most one mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment<'a> {
    pub text: &'a str,
    pub mark: Option<MarkKind>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ArticleLayout {
    pub rows: Vec<Row>,
    /// How the rows were measured; `locate` counts columns the same way.
    pub ambiguous: AmbiguousWidth,
}

/// Cells a caption is indented by, when the column is wide enough to spare them.
const CAPTION_INDENT: usize = 2;
const CAPTION_INDENT_MIN_COLUMN: usize = 16;

/// The width-independent half of a layout (clusters, widths, break
/// opportunities of every part), kept so a resize only refills rows.
#[derive(Debug, Clone, Default)]
pub struct PreparedArticle {
    parts: Vec<PreparedPart>,
    ambiguous: AmbiguousWidth,
}

#[derive(Debug, Clone)]
struct PreparedPart {
    part: Part,
    style: RowStyle,
    text: String,
    /// Byte ranges kept on one row when they fit (see `kept_whole`).
    whole: Vec<Range<usize>>,
    analysis: Analysis,
}

impl PreparedPart {
    fn new(
        part: Part,
        style: RowStyle,
        text: &str,
        whole: Vec<Range<usize>>,
        ambiguous: AmbiguousWidth,
    ) -> PreparedPart {
        let mut p = PreparedPart {
            part,
            style,
            text: text.to_string(),
            whole,
            analysis: Analysis::default(),
        };
        p.analyse(ambiguous);
        p
    }

    fn analyse(&mut self, ambiguous: AmbiguousWidth) {
        self.analysis = Analysis::new(&self.text, ambiguous);
        self.analysis.keep_whole(&self.whole);
    }
}

/// The stretches of a part kept on one row when they fit one (byte ranges): the
/// figures of a block, and the words of a byline that has spaces to break at.
fn kept_whole(article: &Article, part: Part, text: &str) -> Vec<Range<usize>> {
    match part {
        Part::Block(i) => {
            let mut spans: Vec<Range<usize>> = article
                .figures
                .iter()
                .filter(|f| f.block == i && f.start < f.end)
                .filter_map(|f| char_span_to_bytes(text, f.start, f.end))
                .collect();
            spans.sort_by_key(|r| r.start);
            spans
        }
        Part::Byline if text.contains(char::is_whitespace) => words(text),
        _ => Vec::new(),
    }
}

/// Byte range of chars `start..end` of `text`, if they are in it.
fn char_span_to_bytes(text: &str, start: usize, end: usize) -> Option<Range<usize>> {
    let mut offsets = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()));
    let from = offsets.nth(start)?;
    let to = offsets.nth(end - start - 1)?;
    Some(from..to)
}

/// Byte ranges of the runs of non-space chars.
fn words(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (b, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(b),
            (true, Some(s)) => {
                out.push(s..b);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

/// Every part of an article the article pane shows, in reading order, with its
/// style and text: kicker, title, subtitle, byline (unless the lead opens with it), the
/// blocks with each caption's credit under it, and the truncation mark. Search
/// and layout both read this, so what is found is what is shown.
pub fn shown_parts(article: &Article) -> Vec<(Part, RowStyle, Cow<'_, str>)> {
    let mut parts = Vec::new();
    if let Some(kicker) = &article.kicker {
        // Drawn as the subtitle is: a quieter line framing the headline.
        parts.push((Part::Kicker, RowStyle::Subtitle, Cow::from(kicker.as_str())));
    }
    parts.push((
        Part::Title,
        RowStyle::Title,
        Cow::from(article.title.as_str()),
    ));
    if let Some(subtitle) = &article.subtitle {
        parts.push((
            Part::Subtitle,
            RowStyle::Subtitle,
            Cow::from(subtitle.as_str()),
        ));
    }
    if !byline_opens_lead(article) {
        parts.push((
            Part::Byline,
            RowStyle::Byline,
            Cow::from(article.byline.raw.as_str()),
        ));
    }
    for (i, block) in article.blocks.iter().enumerate() {
        let style = match block.kind {
            BlockKind::Heading => RowStyle::Heading,
            BlockKind::Paragraph => RowStyle::Paragraph,
            BlockKind::Caption => RowStyle::Caption,
        };
        parts.push((Part::Block(i), style, Cow::from(block.text.as_str())));
        if let (BlockKind::Caption, Some(credit)) = (block.kind, &block.credit) {
            parts.push((
                Part::Credit(i),
                RowStyle::Caption,
                Cow::from(credit_line(credit)),
            ));
        }
    }
    if article.truncated {
        parts.push((
            Part::Truncation,
            RowStyle::Caption,
            Cow::from(TRUNCATION_MARK),
        ));
    }
    parts.retain(|(_, _, text)| !text.is_empty());
    parts
}

/// A dateline byline (科技日报（记者…）) already opens the lead paragraph: shown once.
pub fn byline_opens_lead(article: &Article) -> bool {
    !article.byline.raw.is_empty()
        && article
            .blocks
            .iter()
            .find(|b| b.kind == BlockKind::Paragraph)
            .is_some_and(|p| p.text.starts_with(&article.byline.raw))
}

/// How a photo credit reads under its caption: 尹才震 → 尹才震 摄; a credit that
/// already says what it is (受访者供图, 新华社发) stays as it is.
pub fn credit_line(credit: &str) -> String {
    let credit = credit.trim();
    if credit.ends_with("供图") || credit.ends_with('发') || credit.contains("图片") {
        credit.to_string()
    } else {
        format!("{credit} 摄")
    }
}

impl PreparedArticle {
    pub fn new(article: &Article, ambiguous: AmbiguousWidth) -> PreparedArticle {
        let parts = shown_parts(article)
            .into_iter()
            .map(|(part, style, text)| {
                let whole = kept_whole(article, part, &text);
                PreparedPart::new(part, style, &text, whole, ambiguous)
            })
            .collect();
        PreparedArticle { parts, ambiguous }
    }

    /// Lay out at `opts`; when `opts.ambiguous` differs from the prepared
    /// setting the parts are analysed again.
    pub fn layout(&self, opts: &LayoutOptions) -> ArticleLayout {
        if opts.ambiguous != self.ambiguous {
            let mut again = self.clone();
            again.ambiguous = opts.ambiguous;
            for p in &mut again.parts {
                p.analyse(opts.ambiguous);
            }
            return again.layout(opts);
        }
        let width = opts.width.max(1);
        let (margin, column) = match opts.reading_width {
            Some(reading) if reading.max(1) < width => {
                let column = reading.max(1);
                ((width - column) / 2, column)
            }
            _ => (0, width),
        };
        // The indent never takes more than half the column.
        let paragraph_indent = opts.paragraph_indent.saturating_mul(2).min(column / 2);
        let caption_indent = if column >= CAPTION_INDENT_MIN_COLUMN {
            CAPTION_INDENT
        } else {
            0
        };
        let mut rows = Vec::new();
        for p in &self.parts {
            let (mut first_indent, rest_indent) = match p.style {
                RowStyle::Paragraph => (paragraph_indent, 0),
                RowStyle::Caption => (caption_indent, caption_indent),
                _ => (0, 0),
            };
            // In a narrow column, an indent that would push the first piece off
            // the row (2020年， at width 10) gives way rather than cut it.
            if first_indent > 0 && first_piece_width(&p.analysis) > column - first_indent {
                first_indent = rest_indent;
            }
            // A credit stays right under its caption; every other part gets a blank row.
            if !rows.is_empty() && !matches!(p.part, Part::Credit(_)) {
                rows.push(Row {
                    style: RowStyle::Blank,
                    part: None,
                    indent: 0,
                    chars: 0..0,
                    text: String::new(),
                });
            }
            let ranges = fill(&p.analysis, column - first_indent, column - rest_indent);
            let mut char_pos = 0;
            for (n, range) in ranges.into_iter().enumerate() {
                let text = &p.text[range];
                let count = text.chars().count();
                rows.push(Row {
                    style: p.style,
                    part: Some(p.part),
                    indent: margin + if n == 0 { first_indent } else { rest_indent },
                    chars: char_pos..char_pos + count,
                    text: text.to_string(),
                });
                char_pos += count;
            }
        }
        ArticleLayout {
            rows,
            ambiguous: self.ambiguous,
        }
    }
}

/// Lay out a whole article: title, subtitle, byline, then blocks, blank rows between.
pub fn layout_article(article: &Article, opts: &LayoutOptions) -> ArticleLayout {
    PreparedArticle::new(article, opts.ambiguous).layout(opts)
}

impl ArticleLayout {
    /// Row and column (cells, including the indent) where char `offset` of
    /// `part` is shown; the offset just past a part's last char maps to the end
    /// of its last row.
    pub fn locate(&self, part: Part, offset: usize) -> Option<(usize, usize)> {
        let mut last = None;
        for (i, row) in self.rows.iter().enumerate() {
            if row.part != Some(part) {
                continue;
            }
            if row.chars.contains(&offset) {
                return Some((
                    i,
                    row.indent + self.prefix_width(row, offset - row.chars.start),
                ));
            }
            last = Some((i, row));
        }
        let (i, row) = last?;
        (offset == row.chars.end).then(|| (i, row.indent + row.text_width(self.ambiguous)))
    }

    fn prefix_width(&self, row: &Row, chars: usize) -> usize {
        let end = row
            .text
            .char_indices()
            .nth(chars)
            .map_or(row.text.len(), |(b, _)| b);
        str_width(&row.text[..end], self.ambiguous)
    }

    /// The rows as plain text, one line each: the indent as spaces, then the
    /// text without control chars (the renderer drops them too).
    pub fn to_plain_text(&self) -> String {
        let mut out = String::new();
        for row in &self.rows {
            out.extend(std::iter::repeat_n(' ', row.indent));
            out.extend(row.text.chars().filter(|c| !c.is_control()));
            out.push('\n');
        }
        out
    }
}

impl Row {
    /// Cells the text takes (the indent not included).
    pub fn text_width(&self, ambiguous: AmbiguousWidth) -> usize {
        str_width(&self.text, ambiguous)
    }

    /// Split the row's text at mark boundaries; later marks in `marks` win on overlap.
    pub fn segments<'a>(&'a self, marks: &[Mark]) -> Vec<Segment<'a>> {
        let Some(part) = self.part else {
            return vec![Segment {
                text: &self.text,
                mark: None,
            }];
        };
        // Byte offset of each char, and of the end.
        let offsets: Vec<usize> = self
            .text
            .char_indices()
            .map(|(b, _)| b)
            .chain([self.text.len()])
            .collect();
        let row_len = offsets.len() - 1;
        let row_end = self.chars.start + row_len;
        // Marks on this row, in row-relative char offsets.
        let local: Vec<(usize, usize, MarkKind)> = marks
            .iter()
            .filter(|m| m.part == part && m.start < row_end && m.end > self.chars.start)
            .map(|m| {
                let start = m.start.max(self.chars.start) - self.chars.start;
                let end = m.end.min(row_end) - self.chars.start;
                (start, end, m.kind)
            })
            .collect();
        let mut cuts: Vec<usize> = vec![0, row_len];
        for &(s, e, _) in &local {
            cuts.push(s);
            cuts.push(e);
        }
        cuts.sort_unstable();
        cuts.dedup();
        let mut spans: Vec<(usize, usize, Option<MarkKind>)> = Vec::new();
        for w in cuts.windows(2) {
            let (s, e) = (w[0], w[1]);
            let mark = local
                .iter()
                .rev()
                .find(|(ms, me, _)| *ms <= s && e <= *me)
                .map(|(_, _, k)| *k);
            match spans.last_mut() {
                Some(last) if last.2 == mark => last.1 = e,
                _ => spans.push((s, e, mark)),
            }
        }
        if spans.is_empty() {
            spans.push((0, row_len, None));
        }
        spans
            .into_iter()
            .map(|(s, e, mark)| Segment {
                text: &self.text[offsets[s]..offsets[e]],
                mark,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::article::Block;

    fn article() -> Article {
        let mut a = Article::new("t", "园区新闻");
        a.byline.raw = "◎本报记者 张三".into();
        a.blocks.push(Block::new(BlockKind::Heading, "引进平台"));
        a.blocks.push(Block::new(
            BlockKind::Paragraph,
            "赣州高新区已聚集89家规模以上企业。",
        ));
        a.blocks
            .push(Block::new(BlockKind::Caption, "图为园区一角。"));
        a
    }

    #[test]
    fn paragraph_indent_is_in_cells_not_text() {
        let l = layout_article(
            &article(),
            &LayoutOptions {
                width: 20,
                ..Default::default()
            },
        );
        let para: Vec<&Row> = l
            .rows
            .iter()
            .filter(|r| r.style == RowStyle::Paragraph)
            .collect();
        assert_eq!(para[0].indent, 4);
        assert_eq!(para[1].indent, 0);
        let joined: String = para.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(joined, "赣州高新区已聚集89家规模以上企业。");
    }

    #[test]
    fn blank_rows_separate_parts() {
        let l = layout_article(
            &article(),
            &LayoutOptions {
                width: 40,
                ..Default::default()
            },
        );
        let styles: Vec<RowStyle> = l.rows.iter().map(|r| r.style).collect();
        use RowStyle::*;
        assert_eq!(
            styles,
            [Title, Blank, Byline, Blank, Heading, Blank, Paragraph, Blank, Caption]
        );
        assert_eq!(
            l.rows.iter().find(|r| r.style == Caption).map(|r| r.indent),
            Some(2)
        );
    }

    #[test]
    fn reading_width_centres_the_column() {
        let opts = LayoutOptions {
            width: 60,
            reading_width: Some(20),
            ..Default::default()
        };
        let l = layout_article(&article(), &opts);
        for r in l.rows.iter().filter(|r| r.part.is_some()) {
            assert!(r.indent >= 20, "{r:?}");
            assert!(r.indent + r.text_width(l.ambiguous) <= 40, "{r:?}");
        }
    }

    #[test]
    fn locate_counts_cells_including_the_indent() {
        let l = layout_article(
            &article(),
            &LayoutOptions {
                width: 20,
                ..Default::default()
            },
        );
        // "赣州高新区已聚集" fills 4 + 16 cells; "89家" starts the second row.
        let (row, col) = l.locate(Part::Block(1), 8).expect("located");
        assert_eq!(l.rows[row].text.chars().next(), Some('8'));
        assert_eq!(col, 0);
        assert_eq!(l.locate(Part::Block(1), 1).map(|(_, c)| c), Some(6));
        assert_eq!(l.locate(Part::Block(1), 999), None);
        assert_eq!(l.locate(Part::Block(9), 0), None);
    }

    #[test]
    fn segments_split_at_marks_and_later_marks_win() {
        let row = Row {
            style: RowStyle::Paragraph,
            part: Some(Part::Block(0)),
            indent: 0,
            chars: 10..16,
            text: "已聚集89家".into(),
        };
        let mark = |start, end, kind| Mark {
            part: Part::Block(0),
            start,
            end,
            kind,
        };
        let segs = row.segments(&[
            mark(13, 16, MarkKind::Figure),
            mark(15, 20, MarkKind::Match),
        ]);
        let got: Vec<(&str, Option<MarkKind>)> = segs.iter().map(|s| (s.text, s.mark)).collect();
        assert_eq!(
            got,
            [
                ("已聚集", None),
                ("89", Some(MarkKind::Figure)),
                ("家", Some(MarkKind::Match))
            ]
        );
        assert_eq!(row.segments(&[]).len(), 1);
    }

    #[test]
    fn width_zero_and_one_do_not_panic() {
        for width in [0, 1, 2, 3] {
            let l = layout_article(
                &article(),
                &LayoutOptions {
                    width,
                    ..Default::default()
                },
            );
            assert!(!l.rows.is_empty());
        }
    }
}
