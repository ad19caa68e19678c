//! 科技日报's e-paper JSON API (the paper the built-in page comes from): the
//! answers' shapes, and an `articleVo` to [`Extracted`] fields. The walk itself
//! (issue dates → pages → articles) is `core::fetch::stdaily`.
//!
//! Every answer is `{"status": "200", "obj": …}` (or a `list` at the top for an
//! edition's articles); anything else is the server saying no.

use scraper::Html;
use serde::Deserialize;

use super::dom::blocks_of;
use super::fields::Extracted;
use crate::core::article::{Block, BlockKind};
use crate::core::caption::split_caption;

/// An answer's envelope.
#[derive(Debug, Deserialize)]
pub struct Reply<T> {
    #[serde(default, deserialize_with = "status_text")]
    pub status: String,
    #[serde(default)]
    pub msg: Option<String>,
    pub obj: Option<T>,
    #[serde(default)]
    pub list: Option<Vec<ArticleRef>>,
}

/// `status` comes as "200" or 200.
fn status_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let value = serde_json::Value::deserialize(d)?;
    Ok(match value {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    })
}

impl<T> Reply<T> {
    pub fn is_ok(&self) -> bool {
        self.status == "200"
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DateList {
    #[serde(default)]
    pub date_list: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EditionList {
    #[serde(default)]
    pub edition_list: Vec<Edition>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Edition {
    pub id: serde_json::Value,
    #[serde(default)]
    pub edition_name: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ArticleRef {
    pub id: serde_json::Value,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArticleDetail {
    pub article_vo: ArticleVo,
}

/// One article as the API gives it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ArticleVo {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    /// The 引题, where the API gives one.
    #[serde(alias = "introTitle", alias = "guideTitle", alias = "yinti")]
    pub intro_title: Option<String>,
    /// The body as HTML.
    pub content: Option<String>,
    pub edition_name: Option<String>,
    pub pic_list: Option<Vec<Picture>>,
    pub period_time: Option<String>,
    pub author: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Picture {
    pub url: Option<String>,
    pub pic_text: Option<String>,
}

/// Text of a field that may hold markup (titles come with `<br>` now and then).
fn plain(field: Option<String>) -> Option<String> {
    let field = field?;
    let text = if field.contains('<') {
        let fragment = Html::parse_fragment(&field);
        fragment.root_element().text().collect::<String>()
    } else {
        field
    };
    let text = super::dom::tidy(&text);
    (!text.is_empty()).then_some(text)
}

/// An `articleVo` to fields: the body's HTML to blocks, each picture's text to a
/// caption after them.
pub fn extract(article: ArticleVo) -> Extracted {
    let mut blocks = article
        .content
        .as_deref()
        .map(|html| blocks_of(Html::parse_fragment(html).root_element()))
        .unwrap_or_default();
    for text in article
        .pic_list
        .unwrap_or_default()
        .into_iter()
        .filter_map(|p| plain(p.pic_text))
    {
        let (text, credit) = split_caption(&text).unwrap_or((text, None));
        blocks.push(Block {
            kind: BlockKind::Caption,
            text,
            credit,
        });
    }
    Extracted {
        title: plain(article.title),
        kicker: plain(article.intro_title),
        subtitle: plain(article.subtitle),
        byline: plain(article.author),
        date: plain(article.period_time),
        page: plain(article.edition_name),
        blocks,
        paper: Some("科技日报".into()),
    }
}
