//! Article layout: Chinese line breaking at any width, as pure data.
//!
//! PLACEHOLDER implementation (naive char wrap) until the layout issue lands;
//! the public API below is the contract the TUI and the CLI build on.

pub mod width;

use std::ops::Range;

use super::article::{Article, BlockKind};
pub use width::{char_width, str_width, AmbiguousWidth};

/// Which text of an article a row shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    Title,
    Subtitle,
    Byline,
    Block(usize),
}

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
    /// Cells available for the text.
    pub width: usize,
    /// Maximum width of the text column; the column is centred when the width is larger.
    pub reading_width: Option<usize>,
    /// First-line indent of paragraphs, in full-width spaces.
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
    /// Cells of leading space (centring margin plus indent).
    pub indent: usize,
    /// Char range of the part's text that this row shows.
    pub chars: Range<usize>,
    /// The text shown (exactly those chars).
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
}

/// Break one paragraph into rows no wider than `width`; returns byte ranges of `text`.
pub fn wrap_paragraph(text: &str, width: usize, ambiguous: AmbiguousWidth) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut rows = Vec::new();
    let mut start = 0;
    let mut used = 0;
    for (i, c) in text.char_indices() {
        let w = char_width(c, ambiguous);
        if used + w > width && i > start {
            rows.push(start..i);
            start = i;
            used = 0;
        }
        used += w;
    }
    if start < text.len() {
        rows.push(start..text.len());
    }
    rows
}

/// Lay out a whole article: title, subtitle, byline, then blocks, blank rows between.
pub fn layout_article(article: &Article, opts: &LayoutOptions) -> ArticleLayout {
    let mut rows = Vec::new();
    let push_text = |rows: &mut Vec<Row>, text: &str, part: Part, style: RowStyle| {
        if !rows.is_empty() {
            rows.push(Row {
                style: RowStyle::Blank,
                part: None,
                indent: 0,
                chars: 0..0,
                text: String::new(),
            });
        }
        for r in wrap_paragraph(text, opts.width, opts.ambiguous) {
            let cs = text[..r.start].chars().count();
            let ce = cs + text[r.clone()].chars().count();
            rows.push(Row {
                style,
                part: Some(part),
                indent: 0,
                chars: cs..ce,
                text: text[r].to_string(),
            });
        }
    };
    push_text(&mut rows, &article.title, Part::Title, RowStyle::Title);
    if let Some(s) = &article.subtitle {
        push_text(&mut rows, s, Part::Subtitle, RowStyle::Subtitle);
    }
    if !article.byline.raw.is_empty() {
        push_text(
            &mut rows,
            &article.byline.raw,
            Part::Byline,
            RowStyle::Byline,
        );
    }
    for (i, b) in article.blocks.iter().enumerate() {
        let style = match b.kind {
            BlockKind::Heading => RowStyle::Heading,
            BlockKind::Paragraph => RowStyle::Paragraph,
            BlockKind::Caption => RowStyle::Caption,
        };
        push_text(&mut rows, &b.text, Part::Block(i), style);
    }
    ArticleLayout { rows }
}

impl ArticleLayout {
    /// Row and column (cells, after the indent) where char `offset` of `part` is shown.
    pub fn locate(&self, part: Part, offset: usize) -> Option<(usize, usize)> {
        self.rows.iter().enumerate().find_map(|(i, r)| {
            if r.part == Some(part) && r.chars.contains(&offset) {
                let col = r.indent
                    + str_width_chars(&r.text, offset - r.chars.start, AmbiguousWidth::Narrow);
                Some((i, col))
            } else {
                None
            }
        })
    }

    /// The rows as plain text, one line each, indents as spaces.
    pub fn to_plain_text(&self) -> String {
        let mut out = String::new();
        for r in &self.rows {
            out.extend(std::iter::repeat_n(' ', r.indent));
            out.push_str(&r.text);
            out.push('\n');
        }
        out
    }
}

impl Row {
    /// Split the row's text at mark boundaries; later marks in `marks` win on overlap.
    pub fn segments<'a>(&'a self, marks: &[Mark]) -> Vec<Segment<'a>> {
        let n = self.text.chars().count();
        let mut kinds: Vec<Option<MarkKind>> = vec![None; n];
        if let Some(part) = self.part {
            for m in marks.iter().filter(|m| m.part == part) {
                let s = m.start.max(self.chars.start);
                let e = m.end.min(self.chars.end);
                for k in kinds
                    .iter_mut()
                    .take(e.saturating_sub(self.chars.start))
                    .skip(s.saturating_sub(self.chars.start))
                {
                    *k = Some(m.kind);
                }
            }
        }
        let mut segs: Vec<Segment<'a>> = Vec::new();
        let mut seg_start = 0;
        let offsets: Vec<usize> = self
            .text
            .char_indices()
            .map(|(b, _)| b)
            .chain([self.text.len()])
            .collect();
        for i in 1..=n {
            if i == n || kinds[i] != kinds[i - 1] {
                segs.push(Segment {
                    text: &self.text[offsets[seg_start]..offsets[i]],
                    mark: kinds[seg_start],
                });
                seg_start = i;
            }
        }
        segs
    }
}

fn str_width_chars(s: &str, n: usize, amb: AmbiguousWidth) -> usize {
    s.chars().take(n).map(|c| char_width(c, amb)).sum()
}
