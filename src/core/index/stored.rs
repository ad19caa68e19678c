//! What the index keeps of one file, and how: JSON text (compact), so that
//! SQLite's own JSON functions can read it (the `articles` and `figures` views).

use std::fs;

use serde::{Deserialize, Serialize};

use crate::core::article::{Article, Block, BodySummary, Byline, Figure, Figures};
use crate::core::dates::PageDate;
use crate::core::page::body_summary;
use crate::core::parks::PROVINCES;

/// Which file a path was, as `stat` tells: an entry is reused only when all of it
/// is the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FileStamp {
    pub size: i64,
    pub mtime_ns: i64,
    pub ctime_ns: i64,
    pub inode: i64,
    pub device: i64,
}

impl FileStamp {
    #[cfg(unix)]
    pub fn of(meta: &fs::Metadata) -> Option<FileStamp> {
        use std::os::unix::fs::MetadataExt;
        let ns = |secs: i64, nanos: i64| secs.checked_mul(1_000_000_000)?.checked_add(nanos);
        Some(FileStamp {
            size: i64::try_from(meta.size()).ok()?,
            mtime_ns: ns(meta.mtime(), meta.mtime_nsec())?,
            ctime_ns: ns(meta.ctime(), meta.ctime_nsec())?,
            // Stored as SQLite's signed integers: the bits are what matter.
            inode: meta.ino() as i64,
            device: meta.dev() as i64,
        })
    }

    /// Elsewhere there is no ctime, inode or device to check: no index.
    #[cfg(not(unix))]
    pub fn of(_: &fs::Metadata) -> Option<FileStamp> {
        None
    }
}

/// One file's entry, ready to be written: its key and stamp, when it was made,
/// and what parsing it gave.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The absolute path's bytes.
    pub key: Vec<u8>,
    pub stamp: FileStamp,
    /// Wall-clock ns taken before the file was opened: the racy rule's mark.
    pub written_ns: i64,
    pub digest_len: i64,
    pub digest_hash: i64,
    /// The date and name the absolute path gives, for the views only (the loader
    /// takes them from the path as given).
    pub path_date: Option<String>,
    pub file_name: String,
    pub outline: String,
    /// `None` when the file was parsed without keeping its body.
    pub bodies: Option<String>,
    /// `None` when the file was parsed without its figures.
    pub figures: Option<String>,
    /// The articles folded for search (`FoldedText::encode`): with the bodies.
    pub search_text: Option<Vec<u8>>,
}

/// An article as the index's outline keeps it: all but the body and figures,
/// with the body's summary.
#[derive(Serialize)]
struct OutlineOut<'a> {
    #[serde(skip_serializing_if = "str::is_empty")]
    id: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    kicker: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    subtitle: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    park: Option<&'a str>,
    byline: &'a Byline,
    #[serde(skip_serializing_if = "is_false")]
    truncated: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<PageDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "str::is_empty")]
    source: &'a str,
    text_hash: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    province: Option<&'a str>,
}

fn is_false(b: &bool) -> bool {
    !b
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OutlineIn {
    #[serde(default)]
    id: String,
    title: String,
    #[serde(default)]
    kicker: Option<String>,
    #[serde(default)]
    subtitle: Option<String>,
    #[serde(default)]
    column: Option<String>,
    #[serde(default)]
    park: Option<String>,
    byline: Byline,
    #[serde(default)]
    truncated: bool,
    #[serde(default)]
    date: Option<PageDate>,
    #[serde(default)]
    page: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    source: String,
    text_hash: u64,
    #[serde(default)]
    province: Option<String>,
}

/// Serialise what parsing a file gave (nothing from the path yet): the outline,
/// and the bodies and figures when the parse kept and found them.
pub fn encode(
    articles: &[Article],
    with_bodies: bool,
    with_figures: bool,
) -> (String, Option<String>, Option<String>) {
    let outline: Vec<OutlineOut> = articles
        .iter()
        .map(|a| {
            let summary = body_summary(a);
            OutlineOut {
                id: &a.id,
                title: &a.title,
                kicker: a.kicker.as_deref(),
                subtitle: a.subtitle.as_deref(),
                column: a.column.as_deref(),
                park: a.park.as_deref(),
                byline: &a.byline,
                truncated: a.truncated,
                date: a.date,
                page: a.page.as_deref(),
                url: a.url.as_deref(),
                source: &a.source,
                text_hash: summary.text_hash,
                province: summary.province,
            }
        })
        .collect();
    let bodies = with_bodies.then(|| {
        let bodies: Vec<&[Block]> = articles.iter().map(|a| a.blocks.as_slice()).collect();
        to_json(&bodies)
    });
    let figures = with_figures.then(|| {
        let figures: Vec<&[Figure]> = articles.iter().map(|a| &*a.figures).collect();
        to_json(&figures)
    });
    (to_json(&outline), bodies, figures)
}

fn to_json(value: &impl Serialize) -> String {
    // Plain structs of strings and numbers: serialising them cannot fail.
    serde_json::to_string(value).unwrap_or_default()
}

/// The articles an entry holds, as a parse with the detail asked for gives them:
/// with `bodies`, the blocks (and no summary); without, the summary; `figures` when
/// given. `None` when anything does not decode (the file is parsed instead).
pub fn decode(outline: &str, bodies: Option<&str>, figures: Option<&str>) -> Option<Vec<Article>> {
    let outline: Vec<OutlineIn> = serde_json::from_str(outline).ok()?;
    let mut bodies: Option<Vec<Vec<Block>>> = match bodies {
        Some(text) => Some(serde_json::from_str(text).ok()?),
        None => None,
    };
    let mut figures: Option<Vec<Vec<Figure>>> = match figures {
        Some(text) => Some(serde_json::from_str(text).ok()?),
        None => None,
    };
    let fits = |n: Option<usize>| n.is_none_or(|n| n == outline.len());
    if !fits(bodies.as_ref().map(Vec::len)) || !fits(figures.as_ref().map(Vec::len)) {
        return None;
    }
    let mut articles = Vec::with_capacity(outline.len());
    for (i, o) in outline.into_iter().enumerate() {
        let province = match o.province {
            None => None,
            Some(p) => Some(PROVINCES.iter().copied().find(|q| *q == p)?),
        };
        let mut article = Article::new(o.id, o.title);
        article.kicker = o.kicker;
        article.subtitle = o.subtitle;
        article.column = o.column;
        article.park = o.park;
        article.byline = o.byline;
        article.truncated = o.truncated;
        article.date = o.date;
        article.page = o.page;
        article.url = o.url;
        article.source = o.source;
        match bodies.as_mut() {
            Some(b) => article.blocks = std::mem::take(&mut b[i]),
            None => {
                article.body_summary = Some(BodySummary {
                    text_hash: o.text_hash,
                    province,
                })
            }
        }
        if let Some(f) = figures.as_mut() {
            article.figures = Figures::Found(std::mem::take(&mut f[i]));
        }
        articles.push(article);
    }
    Some(articles)
}
