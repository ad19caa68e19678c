//! Figures: the quantities an article reports (55亿元, 3000吨, 20%, 1500余名), found whole.

use serde::{Deserialize, Serialize};

use super::article::Block;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FigureKind {
    Money,
    Percent,
    Multiple,
    Count,
    Quantity,
    Duration,
    Date,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// The exact surface form: `text == blocks[block].text[start..end]` (char offsets).
    pub text: String,
    /// Normalised value: 55亿元 → 5500000000, 20% → 0.2.
    pub value: f64,
    pub unit: String,
    pub kind: FigureKind,
    pub qualifier: Option<String>,
    pub block: usize,
    /// Char offsets into the block text.
    pub start: usize,
    pub end: usize,
    /// The sentence the figure stands in.
    pub context: String,
}

/// Every figure in the blocks, in reading order.
pub fn extract_figures(blocks: &[Block]) -> Vec<Figure> {
    // Placeholder until the figures issue lands.
    let _ = blocks;
    Vec::new()
}
