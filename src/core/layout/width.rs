//! The one width function shared by layout and rendering.

use unicode_width::UnicodeWidthChar;

/// How East Asian Ambiguous characters (“ ” … — ·) are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AmbiguousWidth {
    /// One cell, as unicode-width's `width()` and most terminals.
    #[default]
    Narrow,
    /// Two cells, for terminals set to show them wide.
    Wide,
}

/// Cells a char takes; control and zero-width chars take none.
pub fn char_width(c: char, ambiguous: AmbiguousWidth) -> usize {
    match ambiguous {
        AmbiguousWidth::Narrow => c.width().unwrap_or(0),
        AmbiguousWidth::Wide => c.width_cjk().unwrap_or(0),
    }
}

/// Cells a string takes.
pub fn str_width(s: &str, ambiguous: AmbiguousWidth) -> usize {
    s.chars().map(|c| char_width(c, ambiguous)).sum()
}
