//! Greedy fill of analysed text into rows, ragged right.
//!
//! An unbreakable piece (the clusters between two break opportunities) goes on
//! the current row when it fits, else starts the next one; a piece wider than a
//! whole row starts a row of its own and is split between grapheme clusters.
//! Pause marks need no special case: they are glued to the char before them,
//! so when they do not fit that char moves down with them (push-out).
//!
//! This is textwrap's first-fit with one difference that keeps us from using
//! `wrap_first_fit` directly: an over-long piece is split at the width of the
//! row it lands on, which differs between a paragraph's first row and the rest.

use std::ops::Range;

use super::breaks::{Analysis, Cluster};
use super::width::AmbiguousWidth;

/// Break one paragraph into rows no wider than `width`; returns byte ranges of `text`.
///
/// A width of 0 is taken as 1. The one exception to "no row wider than the
/// width": a single grapheme cluster wider than the width (a Chinese char at
/// width 1) takes a row of its own.
pub fn wrap_paragraph(text: &str, width: usize, ambiguous: AmbiguousWidth) -> Vec<Range<usize>> {
    wrap_lines(text, width, width, ambiguous)
}

/// As [`wrap_paragraph`], with a different width for the first row (a paragraph
/// indent, a hanging caption label).
pub fn wrap_lines(
    text: &str,
    first_width: usize,
    rest_width: usize,
    ambiguous: AmbiguousWidth,
) -> Vec<Range<usize>> {
    fill(&Analysis::new(text, ambiguous), first_width, rest_width)
}

/// As [`wrap_lines`], keeping each of `whole` (byte ranges: figures) on one row when
/// it fits one; one that does not breaks at its own break points.
pub fn wrap_keeping_whole(
    text: &str,
    whole: &[Range<usize>],
    first_width: usize,
    rest_width: usize,
    ambiguous: AmbiguousWidth,
) -> Vec<Range<usize>> {
    let mut analysis = Analysis::new(text, ambiguous);
    analysis.keep_whole(whole);
    fill(&analysis, first_width, rest_width)
}

/// First-fit over analysed text.
/// Cells taken by the first unbreakable piece: when it does not fit beside a
/// first-row indent but fits a whole row, the indent gives way.
pub(crate) fn first_piece_width(analysis: &Analysis) -> usize {
    let clusters = &analysis.clusters;
    let end = clusters
        .iter()
        .skip(1)
        .position(|c| c.break_before)
        .map_or(clusters.len(), |p| p + 1);
    clusters[..end].iter().map(|c| c.width).sum()
}

/// The last held-back break (see `Cluster::soft_break`) in clusters `i..end` at which
/// the row, `used` cells full, still fits `width`.
fn last_soft_break_that_fits(
    clusters: &[Cluster],
    i: usize,
    end: usize,
    used: usize,
    width: usize,
) -> Option<usize> {
    let mut used = used;
    let mut cut = None;
    for j in i + 1..end {
        used += clusters[j - 1].width;
        if used > width {
            break;
        }
        if clusters[j].soft_break {
            cut = Some(j);
        }
    }
    cut
}

pub(crate) fn fill(
    analysis: &Analysis,
    first_width: usize,
    rest_width: usize,
) -> Vec<Range<usize>> {
    let clusters = &analysis.clusters;
    let mut rows = Vec::with_capacity(clusters.len() / rest_width.max(1) + 1);
    let mut row_start = 0; // cluster index
    let mut row_used = 0; // cells
    let mut i = 0;
    while i < clusters.len() {
        let line_width = if rows.is_empty() {
            first_width
        } else {
            rest_width
        }
        .max(1);
        // The piece runs from cluster i to the next break opportunity.
        let mut piece_end = i + 1;
        let mut piece_width = clusters[i].width;
        while piece_end < clusters.len() && !clusters[piece_end].break_before {
            piece_width += clusters[piece_end].width;
            piece_end += 1;
        }
        if row_used + piece_width <= line_width {
            row_used += piece_width;
            i = piece_end;
            continue;
        }
        // A figure too long for any row breaks at its own break points, filling
        // this row as far as they allow.
        if piece_width > rest_width.max(1) {
            if let Some(j) = last_soft_break_that_fits(clusters, i, piece_end, row_used, line_width)
            {
                rows.push(clusters[row_start].start..clusters[j].start);
                row_start = j;
                row_used = 0;
                i = j;
                continue;
            }
        }
        if i > row_start {
            // Does not fit after what is already on the row: start the next row.
            rows.push(analysis.clusters[row_start].start..clusters[i].start);
            row_start = i;
            row_used = 0;
            continue;
        }
        // Wider than a whole row: take as many clusters as fit (at least one),
        // but never cut just before a mark that may not start a row.
        let mut j = i;
        while j < piece_end && (j == i || row_used + clusters[j].width <= line_width) {
            row_used += clusters[j].width;
            j += 1;
        }
        while j < piece_end && j > i + 1 && clusters[j].no_start {
            j -= 1;
            row_used -= clusters[j].width;
        }
        if j == piece_end {
            i = j;
            continue;
        }
        rows.push(clusters[row_start].start..clusters[j].start);
        row_start = j;
        row_used = 0;
        i = j;
    }
    if row_start < clusters.len() {
        rows.push(clusters[row_start].start..analysis.len);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use AmbiguousWidth::Narrow;

    fn rows(text: &str, width: usize) -> Vec<&str> {
        wrap_paragraph(text, width, Narrow)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn fills_greedily() {
        assert_eq!(rows("园区企业众木成林", 6), ["园区企", "业众木", "成林"]);
    }

    #[test]
    fn pushes_the_char_before_a_pause_mark_down_with_it() {
        // 园区企 fills 6 cells; ， may not start a row, so 企 moves down with it.
        assert_eq!(rows("园区企，业", 6), ["园区", "企，业"]);
    }

    #[test]
    fn a_wide_char_never_starts_in_the_last_column() {
        assert_eq!(rows("a园区", 4), ["a园", "区"]);
    }

    #[test]
    fn splits_an_overlong_piece_between_clusters() {
        assert_eq!(rows("园12345678", 5), ["园", "12345", "678"]);
    }

    #[test]
    fn an_overlong_piece_is_not_cut_before_a_closing_mark() {
        // 2020年， (8 cells) is wider than 6: cut inside it, but not before ，.
        assert_eq!(rows("2020年，沈抚", 6), ["2020", "年，沈", "抚"]);
    }

    #[test]
    fn a_wide_char_at_width_one_takes_a_row_of_its_own() {
        assert_eq!(rows("园区a", 1), ["园", "区", "a"]);
        assert_eq!(rows("园区", 0), ["园", "区"]);
    }

    #[test]
    fn the_first_row_may_be_narrower() {
        let text = "园区企业众木成林";
        let got: Vec<&str> = wrap_lines(text, 4, 8, Narrow)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(got, ["园区", "企业众木", "成林"]);
    }

    fn rows_whole(text: &str, whole: &[&str], width: usize) -> Vec<String> {
        let zones: Vec<Range<usize>> = whole
            .iter()
            .filter_map(|w| text.find(w).map(|at| at..at + w.len()))
            .collect();
        wrap_keeping_whole(text, &zones, width, width, Narrow)
            .into_iter()
            .map(|r| text[r].to_string())
            .collect()
    }

    #[test]
    fn a_figure_that_fits_a_row_stays_whole() {
        // 总规模达55亿|元 without the zone; with it, 55亿元 moves down whole.
        assert_eq!(rows("总规模达55亿元，其", 12), ["总规模达55亿", "元，其"]);
        assert_eq!(
            rows_whole("总规模达55亿元，其", &["55亿元"], 12),
            ["总规模达", "55亿元，其"]
        );
        assert_eq!(
            rows_whole("经过近30年发展", &["近30年"], 6),
            ["经过", "近30年", "发展"]
        );
    }

    #[test]
    fn a_figure_longer_than_a_row_breaks_at_its_own_break_points() {
        assert_eq!(
            rows_whole("最高给予1000万元奖励", &["最高给予1000万元"], 10),
            ["最高给予", "1000万元奖", "励"]
        );
    }

    #[test]
    fn empty_text_has_no_rows() {
        assert!(rows("", 10).is_empty());
    }
}
