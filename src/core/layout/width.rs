//! The one width function shared by layout and rendering.
//!
//! Widths are measured per grapheme cluster, the way ratatui's buffer measures
//! the symbols it draws (`Buffer::set_stringn`, `Span::styled_graphemes`), so a
//! row the layout says fits is a row ratatui draws without clipping:
//! - a cluster holding a control character counts 0 (ratatui drops it);
//! - otherwise unicode-width's `width()` (`width_cjk()` in `Wide` mode) of the
//!   whole cluster, which honours variation selectors: “ + U+FE01 counts 2 even
//!   in narrow mode, ❤ + U+FE0F counts 2, and in wide mode “ + U+FE00 counts 1;
//! - plus one per half-width sound mark (U+FF9E, U+FF9F), which terminals draw
//!   in a cell of their own although unicode-width gives them 0.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// How East Asian Ambiguous characters (“ ” … — ·) are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum AmbiguousWidth {
    /// One cell, as unicode-width's `width()` and most terminals.
    #[default]
    Narrow,
    /// Two cells, for terminals set to show them wide.
    Wide,
}

/// Cells a lone char takes; control and zero-width chars take none.
pub fn char_width(c: char, ambiguous: AmbiguousWidth) -> usize {
    if is_halfwidth_sound_mark(c) {
        return 1;
    }
    match ambiguous {
        AmbiguousWidth::Narrow => c.width().unwrap_or(0),
        AmbiguousWidth::Wide => c.width_cjk().unwrap_or(0),
    }
}

/// Cells one grapheme cluster takes.
pub fn grapheme_width(cluster: &str, ambiguous: AmbiguousWidth) -> usize {
    let mut chars = cluster.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        // Fast path: a lone char (almost every cluster of Chinese text).
        return char_width(c, ambiguous);
    }
    if cluster.chars().any(char::is_control) {
        return 0;
    }
    let base = match ambiguous {
        AmbiguousWidth::Narrow => cluster.width(),
        AmbiguousWidth::Wide => cluster.width_cjk(),
    };
    base + cluster
        .chars()
        .filter(|&c| is_halfwidth_sound_mark(c))
        .count()
}

/// Cells a string takes: the sum of its grapheme clusters.
pub fn str_width(s: &str, ambiguous: AmbiguousWidth) -> usize {
    s.graphemes(true)
        .map(|g| grapheme_width(g, ambiguous))
        .sum()
}

/// Wide or full-width in every terminal (East Asian Width W or F): CJK text.
pub fn is_wide(c: char) -> bool {
    c.width() == Some(2)
}

fn is_halfwidth_sound_mark(c: char) -> bool {
    matches!(c, '\u{ff9e}' | '\u{ff9f}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use AmbiguousWidth::{Narrow, Wide};

    #[test]
    fn chinese_is_two_cells_and_ascii_one() {
        assert_eq!(str_width("园区", Narrow), 4);
        assert_eq!(str_width("5G园区", Narrow), 6);
        assert_eq!(str_width("，。（）", Narrow), 8);
    }

    #[test]
    fn ambiguous_marks_follow_the_setting() {
        for s in ["“", "”", "‘", "’", "…", "—", "·"] {
            assert_eq!(str_width(s, Narrow), 1, "{s}");
            assert_eq!(str_width(s, Wide), 2, "{s}");
        }
        assert_eq!(str_width("“中”", Narrow), 4);
        assert_eq!(str_width("“中”", Wide), 6);
    }

    #[test]
    fn variation_selectors_count_as_the_renderer_counts_them() {
        // The cluster's width, not the sum of its chars: ratatui reserves these cells.
        assert_eq!(str_width("“\u{fe01}", Narrow), 2);
        assert_eq!(str_width("❤\u{fe0f}", Narrow), 2);
        assert_eq!(str_width("“\u{fe00}", Wide), 1);
        assert_eq!(str_width("e\u{301}", Narrow), 1);
    }

    #[test]
    fn controls_take_no_cells() {
        assert_eq!(str_width("a\u{1}b", Narrow), 2);
        assert_eq!(str_width("a\nb", Narrow), 2);
        assert_eq!(str_width("a\r\nb", Wide), 2);
        assert_eq!(char_width('\u{1b}', Narrow), 0);
    }

    #[test]
    fn halfwidth_sound_marks_take_a_cell() {
        // unicode-width already gives the cluster 2; ratatui adds one more.
        assert_eq!(str_width("ｶﾞ", Narrow), 3);
        assert_eq!(str_width("ﾞ", Narrow), 1);
    }
}
