//! Article layout: Chinese line breaking at any width, as pure data.
//!
//! - [`width`]: the one width function, shared with the renderer;
//! - [`breaks`]: where a row may end (UAX #14 tailored for Chinese);
//! - [`wrap`]: greedy fill of one text into rows;
//! - [`article`]: a whole article as styled rows, with marks and positions.
//!
//! No terminal code here: the TUI and `yuanqu read` both draw these rows.

pub mod article;
pub mod breaks;
pub mod width;
pub mod wrap;

pub use article::{
    byline_opens_lead, credit_line, layout_article, shown_parts, ArticleLayout, LayoutOptions,
    Mark, MarkKind, Part, PreparedArticle, Row, RowStyle, Segment, TRUNCATION_MARK,
};
pub use breaks::{
    break_opportunities, is_digit, is_unit_run_char, never_ends_row, never_starts_row,
};
pub use width::{char_width, grapheme_width, is_wide, str_width, AmbiguousWidth};
pub use wrap::{wrap_keeping_whole, wrap_lines, wrap_paragraph};
