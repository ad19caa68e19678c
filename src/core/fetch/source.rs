//! What `yuanqu fetch` reads from: sources as the configuration resolves them, and
//! the settings every request obeys.

use std::time::Duration;

use crate::core::dates::PageDate;

/// One `[[sources]]` table, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// Unique; becomes each article's `source`.
    pub name: String,
    pub kind: SourceKind,
}

/// Where a source's articles are, and how to walk to them.
#[derive(Debug, Clone, PartialEq)]
pub enum SourceKind {
    /// An RSS 2.0/1.0, Atom or JSON feed.
    Feed { url: String, follow: Follow },
    /// Article pages, each fetched and extracted.
    Page { urls: Vec<String> },
    /// 科技日报's e-paper JSON API; `url` is the API base.
    Stdaily {
        url: String,
        editions: EditionFilter,
    },
    /// A Founder e-paper page-node URL (`…/html/2024-07/30/node_6.htm`); its article
    /// links are followed.
    Epaper {
        url: String,
        editions: EditionFilter,
    },
}

/// Which e-paper pages and issues to keep.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EditionFilter {
    /// Keep only pages whose name contains one of these (`["园区"]`); empty: all.
    pub pages: Vec<String>,
    /// The earliest issue to fetch; None: the latest issue only.
    pub since: Option<PageDate>,
}

impl EditionFilter {
    /// True when a page called `name` (第08版：园区) is wanted.
    pub fn keeps_page(&self, name: &str) -> bool {
        self.pages.is_empty() || self.pages.iter().any(|p| name.contains(p.as_str()))
    }
}

/// When a feed item's own link page is fetched.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Follow {
    /// When the item carries no full text.
    #[default]
    Auto,
    Always,
    Never,
}

/// What every request obeys (`[fetch]`).
#[derive(Debug, Clone, PartialEq)]
pub struct FetchSettings {
    /// For one request: connecting, and the whole body.
    pub timeout: Duration,
    /// Largest body, counted after decompression.
    pub max_bytes: u64,
    pub user_agent: String,
}

impl Default for FetchSettings {
    fn default() -> Self {
        FetchSettings {
            timeout: Duration::from_secs(20),
            max_bytes: 20_000_000,
            user_agent: default_user_agent(),
        }
    }
}

pub fn default_user_agent() -> String {
    format!("yuanqu/{}", env!("CARGO_PKG_VERSION"))
}

impl Source {
    /// The addresses a source starts from, for messages.
    pub fn first_url(&self) -> &str {
        match &self.kind {
            SourceKind::Feed { url, .. }
            | SourceKind::Stdaily { url, .. }
            | SourceKind::Epaper { url, .. } => url,
            SourceKind::Page { urls } => urls.first().map_or("", String::as_str),
        }
    }
}
