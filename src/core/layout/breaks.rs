//! Where a row may end: UAX #14 (icu_segmenter, strict) tailored for Chinese
//! after W3C clreq, and only ever between grapheme clusters.
//!
//! The tailoring, applied in this order at each cluster boundary:
//! 1. never before a closing or pause mark (，。）” …, and %),
//! 2. never after an opening mark (（《“ …),
//! 3. never between a digit and the char right after it (1.7亿, 3.7倍, 20%),
//! 4. never inside —— or …… (a run of one dash or ellipsis char),
//! 5. allowed before an opening quote and after a closing one next to CJK text
//!    (icu glues “ ” to both neighbours),
//! 6. otherwise as icu says.

use std::ops::Range;

use icu_segmenter::options::LineBreakOptions;
use icu_segmenter::{LineSegmenter, LineSegmenterBorrowed};
use unicode_segmentation::UnicodeSegmentation;

use super::width::{grapheme_width, is_wide, AmbiguousWidth};
use crate::core::punctuation;

/// Built once, at compile time: the baked data needs no allocation and the
/// strict rules are icu's default (Loose would break inside …… and before ％).
static SEGMENTER: LineSegmenterBorrowed<'static> =
    LineSegmenter::new_for_non_complex_scripts(LineBreakOptions::default());

/// Marks a row may not start with (clreq line-start prohibition, with their
/// ASCII, half-width and full-width kin): closing marks, full stops, pauses,
/// middle dots and the per-cent signs.
pub fn never_starts_row(c: char) -> bool {
    punctuation::is_closing_mark(c)
        || punctuation::is_full_stop(c)
        || punctuation::is_pause_mark(c)
        || matches!(c, '·' | '・' | '‧' | '％' | '%' | '．' | '.')
}

/// Marks a row may not end with (clreq line-end prohibition): the opening marks.
pub fn never_ends_row(c: char) -> bool {
    punctuation::is_opening_mark(c)
}

/// Digits that start a number glued to the char after it.
pub fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Chars whose runs (—— ……) are one unit.
pub fn is_unit_run_char(c: char) -> bool {
    matches!(c, '—' | '―' | '…' | '⋯')
}

fn is_opening_quote(c: char) -> bool {
    matches!(c, '“' | '‘')
}

fn is_closing_quote(c: char) -> bool {
    matches!(c, '”' | '’')
}

/// One grapheme cluster of an analysed text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cluster {
    /// Byte offset where the cluster starts.
    pub start: usize,
    pub width: usize,
    /// A row may begin with this cluster.
    pub break_before: bool,
    /// A mark that may never start a row (，。）…): an over-long piece is not cut before it.
    pub no_start: bool,
    /// A break opportunity held back to keep a figure (or a byline's word) whole; used
    /// only when the whole does not fit a row.
    pub soft_break: bool,
}

/// A text cut into clusters with their widths and break opportunities;
/// independent of the row width, so it can be reused on every resize.
#[derive(Debug, Clone, Default)]
pub(crate) struct Analysis {
    pub clusters: Vec<Cluster>,
    pub len: usize,
}

impl Analysis {
    pub fn new(text: &str, ambiguous: AmbiguousWidth) -> Analysis {
        if text.chars().all(is_own_cluster) {
            // Most Chinese news text: every char is a cluster of its own, so the
            // grapheme segmenter (half the cost) can be skipped.
            Self::from_clusters(
                text,
                ambiguous,
                text.char_indices().map(|(b, c)| (b, c.len_utf8())),
            )
        } else {
            Self::from_clusters(
                text,
                ambiguous,
                text.grapheme_indices(true).map(|(b, g)| (b, g.len())),
            )
        }
    }

    /// Hold back the break opportunities strictly inside each of `zones` (byte ranges:
    /// a figure, a byline's word), so that each stays on one row when it fits one.
    pub fn keep_whole(&mut self, zones: &[Range<usize>]) {
        let mut zones = zones.iter().peekable();
        for cluster in &mut self.clusters {
            while zones.next_if(|z| z.end <= cluster.start).is_some() {}
            let inside = zones
                .peek()
                .is_some_and(|z| z.start < cluster.start && cluster.start < z.end);
            if inside && cluster.break_before {
                cluster.break_before = false;
                cluster.soft_break = true;
            }
        }
    }

    /// `clusters` yields (byte offset, byte length) of each grapheme cluster.
    fn from_clusters(
        text: &str,
        ambiguous: AmbiguousWidth,
        clusters: impl Iterator<Item = (usize, usize)>,
    ) -> Analysis {
        let mut icu_breaks = SEGMENTER.segment_str(text).peekable();
        let mut out: Vec<Cluster> = Vec::with_capacity(text.len() / 3 + 1);
        // Base chars of the clusters before, at and after the boundary, and of
        // the one before that (for quotes next to CJK text).
        let mut prev_prev: Option<char> = None;
        let mut prev: Option<char> = None;
        let mut clusters = clusters.peekable();
        while let Some((start, len)) = clusters.next() {
            let g = &text[start..start + len];
            let Some(cur) = g.chars().next() else {
                continue;
            };
            while icu_breaks.next_if(|&b| b < start).is_some() {}
            let icu_allows = icu_breaks.peek() == Some(&start);
            let next = clusters.peek().and_then(|&(b, _)| text[b..].chars().next());
            let break_before = match prev {
                None => false,
                Some(before) => tailored(icu_allows, prev_prev, before, cur, next),
            };
            out.push(Cluster {
                start,
                width: grapheme_width(g, ambiguous),
                break_before,
                no_start: never_starts_row(cur),
                soft_break: false,
            });
            prev_prev = prev;
            prev = Some(cur);
        }
        Analysis {
            clusters: out,
            len: text.len(),
        }
    }
}

/// Chars that always form a grapheme cluster alone, whatever surrounds them:
/// printable ASCII, CJK ideographs and punctuation, general punctuation
/// (“ ” — …), full-width forms. None is Extend, SpacingMark, Prepend, ZWJ,
/// a regional indicator, a Hangul jamo or CR/LF.
fn is_own_cluster(c: char) -> bool {
    matches!(c,
        ' '..='~'
        | '\u{b7}'
        | '\u{2010}'..='\u{2027}'
        | '\u{3000}'..='\u{3029}'
        | '\u{3030}'..='\u{303f}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{ff01}'..='\u{ff60}')
}

/// May a row start with `after`, the cluster following `before`?
fn tailored(
    icu_allows: bool,
    before_before: Option<char>,
    before: char,
    after: char,
    after_after: Option<char>,
) -> bool {
    if never_starts_row(after) || never_ends_row(before) {
        return false;
    }
    if is_digit(before) && !after.is_whitespace() {
        return false;
    }
    if is_unit_run_char(before) && before == after {
        return false;
    }
    let next_to_cjk =
        |other: Option<char>| is_wide(before) || is_wide(after) || other.is_some_and(is_wide);
    if is_opening_quote(after) && next_to_cjk(after_after) {
        return true;
    }
    if is_closing_quote(before) && next_to_cjk(before_before) {
        return true;
    }
    icu_allows
}

/// Byte offsets, strictly inside `text`, where a row may begin.
pub fn break_opportunities(text: &str) -> Vec<usize> {
    Analysis::new(text, AmbiguousWidth::Narrow)
        .clusters
        .iter()
        .filter(|c| c.break_before)
        .map(|c| c.start)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Vec<&str> {
        let mut cuts = vec![0];
        cuts.extend(break_opportunities(text));
        cuts.push(text.len());
        cuts.windows(2).map(|w| &text[w[0]..w[1]]).collect()
    }

    #[test]
    fn pause_marks_stay_with_the_char_before() {
        assert_eq!(pieces("园区，企业。"), ["园", "区，", "企", "业。"]);
        assert_eq!(pieces("好·呀"), ["好·", "呀"]);
    }

    #[test]
    fn opening_marks_stay_with_the_char_after() {
        assert_eq!(pieces("（北京）《人民》"), ["（北", "京）", "《人", "民》"]);
    }

    #[test]
    fn quotes_may_break_outside_but_not_inside() {
        assert_eq!(pieces("说“中国”好"), ["说", "“中", "国”", "好"]);
        assert_eq!(pieces("“中国”。好"), ["“中", "国”。", "好"]);
        // An apostrophe inside a Latin word is not a closing quote.
        assert_eq!(pieces("don’t stop"), ["don’t ", "stop"]);
    }

    #[test]
    fn numbers_stay_whole_and_glued_to_the_next_char() {
        assert_eq!(
            pieces("1.7亿元3.7倍20%以1,500和1+N式"),
            ["1.7亿", "元", "3.7倍", "20%", "以", "1,500和", "1+N", "式"]
        );
        assert_eq!(pieces("２０２４年"), ["２０２４年"]);
    }

    #[test]
    fn dashes_and_ellipses_are_one_unit() {
        let p = pieces("中心——就是……好");
        assert!(p.iter().any(|s| s.contains("——")), "{p:?}");
        assert!(p.iter().any(|s| s.contains("……")), "{p:?}");
    }

    #[test]
    fn breaks_fall_between_grapheme_clusters() {
        assert_eq!(
            pieces("e\u{301}中\u{fe01}文"),
            ["e\u{301}", "中\u{fe01}", "文"]
        );
        assert_eq!(pieces(""), [""]);
        assert_eq!(pieces("中\u{302a}文"), ["中\u{302a}", "文"]);
    }
}
