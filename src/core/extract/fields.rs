//! What an extractor finds in a page, before it is checked and made an article
//! (`super::finish`), and why a page may give none.

use std::fmt;

use crate::core::article::Block;

/// The parts of an article a page gave, as text, before they are checked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extracted {
    pub title: Option<String>,
    pub kicker: Option<String>,
    pub subtitle: Option<String>,
    pub byline: Option<String>,
    /// As the page writes it (2024-07-30, 2024年07月30日 …).
    pub date: Option<String>,
    /// The e-paper page: 第08版：园区 or 园区.
    pub page: Option<String>,
    pub blocks: Vec<Block>,
    /// The paper whose profile matched, if any.
    pub paper: Option<String>,
}

/// Why a page gave no article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExtractError {
    NoTitle,
    NoText,
}

impl fmt::Display for ExtractError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ExtractError::NoTitle => "no article title found in the page",
            ExtractError::NoText => "no article text found in the page",
        })
    }
}

impl std::error::Error for ExtractError {}
