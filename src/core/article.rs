//! The structured article every part of yuanqu works on: the article, its blocks
//! and byline, and the figures found in it.

use serde::{Deserialize, Serialize};

/// One news article, parsed from a page or written by hand as TOML.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    /// Stable, unique, short enough to type: a hash of the title unless given.
    #[serde(default)]
    pub id: String,
    pub title: String,
    /// The second of two stacked headings (the first being the kicker).
    #[serde(default)]
    pub subtitle: Option<String>,
    /// The column the article stands under (园镜头 …), if any.
    #[serde(default)]
    pub column: Option<String>,
    /// Canonical name of the park the article is about.
    #[serde(default)]
    pub park: Option<String>,
    #[serde(default)]
    pub byline: Byline,
    #[serde(default)]
    pub blocks: Vec<Block>,
    /// True when the article runs off the end of its page.
    #[serde(default)]
    pub truncated: bool,
    /// Filled by figure extraction, and found again whenever an article is loaded.
    #[serde(default)]
    pub figures: Vec<Figure>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Byline {
    #[serde(default)]
    pub raw: String,
    #[serde(default)]
    pub reporters: Vec<String>,
    #[serde(default)]
    pub correspondents: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Heading,
    Paragraph,
    Caption,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
    /// Photo credit of a caption: 尹才震 (from 尹才震摄), 受访者供图 ….
    #[serde(default)]
    pub credit: Option<String>,
}

impl Block {
    pub fn new(kind: BlockKind, text: impl Into<String>) -> Self {
        Block {
            kind,
            text: text.into(),
            credit: None,
        }
    }
}

impl Article {
    /// An empty article with just a title; handy for tests and hand-made data.
    pub fn new(id: impl Into<String>, title: impl Into<String>) -> Self {
        Article {
            id: id.into(),
            title: title.into(),
            subtitle: None,
            column: None,
            park: None,
            byline: Byline::default(),
            blocks: Vec::new(),
            truncated: false,
            figures: Vec::new(),
        }
    }

    /// Blocks of one kind, in reading order.
    pub fn blocks_of(&self, kind: BlockKind) -> impl Iterator<Item = &Block> {
        self.blocks.iter().filter(move |b| b.kind == kind)
    }
}

/// What a figure measures; see `core::figures` for how each is found.
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

/// A quantity an article reports, found by `core::figures::extract_figures`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// The exact surface form: `text == blocks[block].text[start..end]` (char offsets).
    pub text: String,
    /// Normalised value: 55亿元 → 5500000000, 20% → 0.2, 八成 → 0.8; for the low end of
    /// a range. A date is year·10000 + month·100 + day with missing parts 0
    /// (2024年7月29日 → 20240729, 7月29日 → 729, 2024 → 20240000); a quarter is its number.
    pub value: f64,
    /// The unit as reported (元, 美元, 吨, %, 成, 家, 年 …); empty for a bare number (1.2万).
    pub unit: String,
    pub kind: FigureKind,
    /// 近, 约, 超过, 余, 多, 以上 … as written; several are joined by "…" (约…左右).
    pub qualifier: Option<String>,
    pub block: usize,
    /// Char offsets into the block text.
    pub start: usize,
    pub end: usize,
    /// The sentence the figure stands in.
    pub context: String,
    /// The high end of a range (3至5年 → 5, 10%—20% → 0.2, 三四家 → 4), else null.
    #[serde(default)]
    pub value_max: Option<f64>,
}
