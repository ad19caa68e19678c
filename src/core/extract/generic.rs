//! Any other article page: park committee sites (TRS and similar CMSs), WeChat
//! official-account articles, unknown sites. Known body containers first, else the
//! element whose paragraphs hold the most Chinese text and punctuation and the
//! fewest links (text density, as GNE scores nodes). Length rules are for Chinese:
//! a 园区 brief of two short paragraphs is an article.

use scraper::{ElementRef, Html, Selector};

use super::dom::{blocks_of, element_text};
use super::fields::Extracted;
use crate::core::dates::date_in_name;

/// Containers CMSs and WeChat put an article body in, most specific first.
const BODY_SELECTORS: &[&str] = &[
    "#js_content",
    ".TRS_Editor",
    "#zoom",
    ".article-content",
    ".article_content",
    "#article-content",
    ".news_content",
    ".content_text",
    "#content",
    "article",
];

const TITLE_SELECTORS: &[&str] = &["#activity-name", "h1", ".article-title", ".title"];

/// Meta tags that carry a publication date.
const DATE_METAS: &[&str] = &[
    "meta[name='PubDate']",
    "meta[name='pubdate']",
    "meta[name='publishdate']",
    "meta[property='article:published_time']",
    "meta[name='OriginalPublicationDate']",
];

/// Words that stand before a page's own date and byline in its info line.
const DATE_LABELS: &[&str] = &["发布时间", "发布日期", "时间", "日期"];
const AUTHOR_LABELS: &[&str] = &["作者：", "作者:", "文/", "文："];

/// Fewest Chinese characters the chosen body must hold to count as an article.
pub const MIN_BODY_CHARS: usize = 20;

pub fn extract(html: &str, document: &Html) -> Extracted {
    let body = known_body(document).or_else(|| densest_element(document));
    let info = info_line(document);
    Extracted {
        title: title(document),
        byline: author(document, info.as_deref()),
        date: wechat_time(html)
            .or_else(|| meta_date(document))
            .or_else(|| info.as_deref().and_then(date_after_label)),
        blocks: body.map(blocks_of).unwrap_or_default(),
        ..Extracted::default()
    }
}

fn select_first<'a>(document: &'a Html, list: &[&str]) -> Option<ElementRef<'a>> {
    list.iter()
        .filter_map(|s| Selector::parse(s).ok())
        .find_map(|s| document.select(&s).find(|e| !element_text(*e).is_empty()))
}

fn known_body(document: &Html) -> Option<ElementRef<'_>> {
    select_first(document, BODY_SELECTORS)
        .filter(|e| chinese_chars(&element_text(*e)) >= MIN_BODY_CHARS)
}

fn title(document: &Html) -> Option<String> {
    if let Some(t) = select_first(document, TITLE_SELECTORS) {
        return Some(element_text(t));
    }
    if let Some(t) = meta_content(document, "meta[property='og:title']") {
        return Some(t);
    }
    // The document title, without the site name after its separator.
    let t = select_first(document, &["title"]).map(element_text)?;
    let cut = t
        .find(['_', '|'])
        .or_else(|| t.find(" - "))
        .unwrap_or(t.len());
    Some(t[..cut].trim().to_string())
}

fn meta_content(document: &Html, selector: &str) -> Option<String> {
    let s = Selector::parse(selector).ok()?;
    document
        .select(&s)
        .filter_map(|e| e.value().attr("content"))
        .map(super::dom::tidy)
        .find(|t| !t.is_empty())
}

fn meta_date(document: &Html) -> Option<String> {
    DATE_METAS.iter().find_map(|s| meta_content(document, s))
}

/// A WeChat article's time is only in a script: `var ct = "1722297600";` (seconds).
fn wechat_time(html: &str) -> Option<String> {
    let at = html.find("var ct")?;
    let rest = &html[at + "var ct".len()..];
    let digits: String = rest
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    let seconds: i64 = digits.parse().ok()?;
    crate::core::dates::PageDate::from_unix_in_china(seconds).map(|d| d.to_string())
}

/// The short line under a CMS title that names the date, source and author.
fn info_line(document: &Html) -> Option<String> {
    let candidates = Selector::parse("div, p, span, td").ok()?;
    document
        .select(&candidates)
        .map(element_text)
        .filter(|t| t.chars().count() <= 120)
        .find(|t| DATE_LABELS.iter().any(|l| t.contains(l)) && date_in_name(t).is_some())
}

fn date_after_label(info: &str) -> Option<String> {
    date_in_name(info).map(|d| d.to_string())
}

fn author(document: &Html, info: Option<&str>) -> Option<String> {
    if let Some(name) = meta_content(document, "meta[name='author']") {
        return Some(name);
    }
    let info = info?;
    AUTHOR_LABELS.iter().find_map(|label| {
        let from = info.find(label)? + label.len();
        let name: String = info[from..]
            .trim_start()
            .chars()
            .take_while(|c| !c.is_whitespace() && !matches!(c, '|' | '｜' | '来' | '发'))
            .collect();
        (!name.is_empty()).then_some(name)
    })
}

fn chinese_chars(text: &str) -> usize {
    text.chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .count()
}

fn punctuation(text: &str) -> usize {
    text.chars()
        .filter(|c| matches!(c, '，' | '。' | '；' | '：' | '！' | '？' | '、'))
        .count()
}

/// The element whose own paragraphs score highest: Chinese characters and
/// punctuation count for it, text inside links against it.
fn densest_element(document: &Html) -> Option<ElementRef<'_>> {
    let containers = Selector::parse("div, section, article, td, main").ok()?;
    document
        .select(&containers)
        .map(|e| (density_score(e), e))
        .filter(|(score, _)| *score >= MIN_BODY_CHARS as f64)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, e)| e)
}

fn density_score(element: ElementRef<'_>) -> f64 {
    let mut score = 0.0;
    for child in element.child_elements() {
        if !matches!(child.value().name(), "p" | "section" | "span" | "font") {
            continue;
        }
        let text = element_text(child);
        let linked: usize = child
            .descendent_elements()
            .filter(|e| e.value().name() == "a")
            .map(|a| chinese_chars(&element_text(a)))
            .sum();
        let own = chinese_chars(&text).saturating_sub(linked);
        score += own as f64 + 5.0 * punctuation(&text) as f64 - 2.0 * linked as f64;
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_densest_element_wins_over_navigation() {
        let html = r#"<html><body>
            <div class="menu"><p><a href="/">首页</a> <a href="/a">园区概况</a> <a href="/b">招商引资</a></p></div>
            <div class="main-text"><p>高新区与三家企业签订入园协议，计划建设智能装备生产线。</p>
              <p>项目投产后，预计年产值可达十亿元。</p></div>
            <div class="links"><p><a href="/x">相关链接：省科技厅网站，市发展改革委网站</a></p></div>
            </body></html>"#;
        let doc = Html::parse_document(html);
        let body = densest_element(&doc).unwrap();
        assert_eq!(body.value().attr("class"), Some("main-text"));
    }

    #[test]
    fn a_wechat_time_is_read_in_china_time() {
        // 2024-07-29 16:30 UTC is 2024-07-30 00:30 in Beijing.
        let html = r#"<script>var ct = "1722270600"; var x = 1;</script>"#;
        assert_eq!(wechat_time(html).as_deref(), Some("2024-07-30"));
    }
}
