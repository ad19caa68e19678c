//! Painting helpers shared by every drawing: cutting text to a width, painting a
//! line, a pane's frame and title, and the charts (`charts`).
//!
//! Every width here is measured with the configured [`AmbiguousWidth`], and every
//! row is drawn through [`paint_line`], so that with `ambiguous_width = "wide"` rows
//! stay aligned in a terminal that draws “ ” … · ▶ │ two cells wide.

pub mod charts;
pub mod line;

pub use line::{
    fit, frame, pad_to, paint_line, paint_position, paint_title, render_pane, ELLIPSIS,
};
