//! The structured article every part of yuanqu works on.

use serde::{Deserialize, Serialize};

use super::figures::Figure;

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
    /// The file the article was loaded from, when loaded from one (for the source
    /// line of a copy); not part of the article's data.
    #[serde(skip)]
    pub source_file: Option<std::path::PathBuf>,
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
            source_file: None,
        }
    }

    /// Blocks of one kind, in reading order.
    pub fn blocks_of(&self, kind: BlockKind) -> impl Iterator<Item = &Block> {
        self.blocks.iter().filter(move |b| b.kind == kind)
    }
}
