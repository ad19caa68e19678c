//! Article pages from the web to articles: HTML and e-paper JSON in, the same
//! `Article` a text page gives out.
//!
//! The pipeline, each step a module that only imports the ones below it:
//! 1. `charset`: bytes to text (HTTP charset, the document's own declaration,
//!    else detection; GBK/GB2312 as GB18030);
//! 2. `dom`: an article body element to blocks (paragraphs, headings, captions
//!    with credits), page furniture left out;
//!    `fields`: what an extractor gives;
//! 3. `founder` (Founder e-papers: hidden enpproperty fields, per-paper profiles kept
//!    as data in `profiles.toml`), `generic` (CMS and WeChat pages, unknown sites by
//!    text density) and `stdaily` (科技日报's e-paper JSON): a page to [`Extracted`]
//!    fields;
//! 4. [`finish`]: the fields to an `Article`, sanitised as text pages are, with its
//!    byline read, its date read in China time, its page name, park and figures.

pub mod charset;
pub mod dom;
pub mod fields;
pub mod founder;
pub mod generic;
pub mod stdaily;

use scraper::Html;

use super::article::{Article, Block};
use super::byline::parse_byline;
use super::dates::{date_in_name, PageDate};
use super::page::{finish_article, Detail};
use super::parks::ParkRegistry;
use super::sanitize::sanitize_text;
pub use fields::{ExtractError, Extracted};

/// Longest title kept; a longer one is cut (a broken page, or a hostile one).
pub const MAX_TITLE_CHARS: usize = 200;

/// Extract the article of an HTML page (already decoded). `url`, when known, picks
/// the paper's profile by host and gives a date its path names.
pub fn extract_html(
    html: &str,
    url: Option<&str>,
    detail: Detail,
) -> Result<Article, ExtractError> {
    let document = Html::parse_document(html);
    // A saved page names its own address, which gives its paper and date.
    let own_url = url.map(str::to_string).or_else(|| canonical_url(&document));
    let url = own_url.as_deref();
    let host = url.and_then(host_of);
    let mut fields = match founder::founder_template(html, &document, host) {
        Some(profile) => founder::extract(html, &document, profile),
        None => generic::extract(html, &document),
    };
    if fields.blocks.is_empty() && fields.paper.is_some() {
        // A Founder page whose template moved on: the generic extractor may still find it.
        fields.blocks = generic::extract(html, &document).blocks;
    }
    finish(fields, url, detail)
}

/// The fields to an article: sanitised, byline read, date read, page named, park
/// and figures found as for a text page.
pub fn finish(
    fields: Extracted,
    url: Option<&str>,
    detail: Detail,
) -> Result<Article, ExtractError> {
    let clean = |s: Option<String>| {
        s.map(|s| one_line(&sanitize_text(&s)))
            .filter(|s| !s.is_empty())
    };
    let title = clean(fields.title).ok_or(ExtractError::NoTitle)?;
    let blocks: Vec<Block> = fields
        .blocks
        .into_iter()
        // Block text is one tidy line already (dom::tidy); only cleaned here.
        .map(|b| Block {
            text: sanitize_text(&b.text),
            credit: b.credit.map(|c| sanitize_text(&c)),
            kind: b.kind,
        })
        .filter(|b| !b.text.is_empty())
        .collect();
    if blocks.is_empty() {
        return Err(ExtractError::NoText);
    }
    let mut article = Article::new(String::new(), cut_title(&title));
    article.kicker = clean(fields.kicker);
    article.subtitle = clean(fields.subtitle);
    article.byline = clean(fields.byline)
        .map(|raw| parse_byline(&raw))
        .unwrap_or_default();
    article.date = fields
        .date
        .as_deref()
        .and_then(date_in_name)
        .or_else(|| url.and_then(date_in_url));
    article.page = clean(fields.page).map(|p| page_name(&p).to_string());
    article.url = url.map(|u| one_line(&sanitize_text(u)));
    article.blocks = blocks;
    finish_article(&mut article, ParkRegistry::builtin(), detail);
    Ok(article)
}

/// The address a page gives for itself (`<link rel=canonical>`, `og:url`).
fn canonical_url(document: &Html) -> Option<String> {
    let pick = |selector: &str, attr: &str| {
        let s = scraper::Selector::parse(selector).ok()?;
        let element = document.select(&s).next()?;
        let value = element.value().attr(attr)?.trim();
        value.starts_with("http").then(|| value.to_string())
    };
    pick("link[rel='canonical']", "href").or_else(|| pick("meta[property='og:url']", "content"))
}

/// Text that must stay on one line (a title, a name): line breaks become spaces.
fn one_line(text: &str) -> String {
    dom::tidy(text)
}

fn cut_title(title: &str) -> String {
    if title.chars().count() <= MAX_TITLE_CHARS {
        return title.to_string();
    }
    let mut cut: String = title.chars().take(MAX_TITLE_CHARS - 1).collect();
    cut.push('…');
    cut
}

/// 园区 of 第08版：园区 (and of 08版 园区, A6：园区); a bare name stays as it is.
pub fn page_name(page: &str) -> &str {
    let after_colon = page.rsplit(['：', ':']).next().unwrap_or(page).trim();
    let after_number = after_colon
        .strip_prefix('第')
        .and_then(|rest| rest.split_once('版'))
        .map_or(after_colon, |(_, name)| name.trim());
    if after_number.is_empty() {
        page.trim()
    } else {
        after_number
    }
}

/// The host of an `http(s)://host[:port]/…` URL.
pub fn host_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    let host = host.split(':').next()?;
    (!host.is_empty()).then_some(host)
}

/// The date an e-paper URL names: `…/2024-07/30/…`, `…/202407/30/…`, `…/20240730/…`.
pub fn date_in_url(url: &str) -> Option<PageDate> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let parts: Vec<&str> = path.split('/').skip(1).collect();
    for (i, part) in parts.iter().enumerate() {
        let next_day = parts
            .get(i + 1)
            .filter(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|p| p.parse::<u8>().ok());
        if part.len() == 6 && part.bytes().all(|b| b.is_ascii_digit()) {
            let (year, month) = (part[..4].parse().ok()?, part[4..].parse().ok()?);
            if let Some(date) = PageDate::new(year, month, next_day) {
                return Some(date);
            }
        }
        if let Some(date) = date_in_name(part) {
            return match (date.day, next_day) {
                (None, Some(day)) => PageDate::new(date.year, date.month, Some(day)).or(Some(date)),
                _ => Some(date),
            };
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_names_lose_their_numbers() {
        assert_eq!(page_name("第08版：园区"), "园区");
        assert_eq!(page_name("第 6 版：园区"), "园区");
        assert_eq!(page_name("园区"), "园区");
        assert_eq!(page_name("08版:园区"), "园区");
    }

    #[test]
    fn dates_and_hosts_are_read_from_urls() {
        let date = |u: &str| date_in_url(u).map(|d| d.to_string());
        assert_eq!(
            date("http://p.example/html/2024-07/30/content_1.htm").as_deref(),
            Some("2024-07-30")
        );
        assert_eq!(
            date("http://p.example/pc/content/202407/30/content_1.html").as_deref(),
            Some("2024-07-30")
        );
        assert_eq!(
            date("https://x.example/a/20240730/b.html").as_deref(),
            Some("2024-07-30")
        );
        assert_eq!(date("https://x.example/news/123456.html"), None);
        assert_eq!(host_of("http://u@127.0.0.1:8080/a"), Some("127.0.0.1"));
        assert_eq!(
            host_of("https://paper.people.com.cn"),
            Some("paper.people.com.cn")
        );
    }

    #[test]
    fn a_hostile_title_is_cut_and_cleaned() {
        let long = "园".repeat(10_000);
        let fields = Extracted {
            title: Some(format!("\u{1b}[31m{long}\u{202e}")),
            blocks: vec![Block::new(
                super::super::article::BlockKind::Paragraph,
                "正文一段。",
            )],
            ..Extracted::default()
        };
        let article = finish(fields, None, Detail::Full).unwrap();
        assert_eq!(article.title.chars().count(), MAX_TITLE_CHARS);
        assert!(!article.title.contains('\u{1b}') && !article.title.contains('\u{202e}'));
    }
}
