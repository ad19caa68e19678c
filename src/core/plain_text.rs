//! An article, or one of its figures, as plain text for the clipboard and for
//! commands (`y`, `|`, `yuanqu read`): no layout, paragraphs on one line each, and
//! nothing that could steer a terminal. One header for all of them.

use std::path::Path;

use super::article::{Article, BlockKind, Figure};
use super::sanitize::sanitize_text;

/// Where an article comes from, for its header.
#[derive(Debug, Clone, Copy, Default)]
pub struct SourceInfo<'a> {
    /// The park it is listed under (its group's name), else its own.
    pub park: Option<&'a str>,
    /// The file it was loaded from; else the article's `source` (the file's name).
    pub file: Option<&'a Path>,
    /// Where it was published, when not the article's own `url`.
    pub url: Option<&'a str>,
}

/// The header that opens an article handed on (`y`, `|`, `yuanqu read`): one
/// `Name: value` line each for title, park, date, source, id and url, the ones
/// not known left out, as a mail header is.
pub fn header_lines(article: &Article, source: SourceInfo) -> Vec<String> {
    let mut lines = vec![format!("Title: {}", one_line(&article.title))];
    if let Some(park) = source.park.or(article.park.as_deref()) {
        lines.push(format!("Park: {park}"));
    }
    if let Some(date) = article.date {
        lines.push(format!("Date: {date}"));
    }
    // A fetched article is known by the source that brought it, not by its file.
    let file = source
        .file
        .map(|f| f.display().to_string())
        .filter(|_| article.url.is_none());
    let file = file.or_else(|| (!article.source.is_empty()).then(|| article.source.clone()));
    if let Some(file) = file {
        lines.push(format!("Source: {file}"));
    }
    lines.push(format!("Id: {}", article.id));
    if let Some(url) = source.url.or(article.url.as_deref()) {
        lines.push(format!("URL: {url}"));
    }
    lines.into_iter().map(|l| sanitize_text(&l)).collect()
}

/// The whole article: the header, a blank line, then kicker, title, subtitle, byline,
/// paragraphs and headings one per line with a blank line between, and captions
/// with their credits.
pub fn article_text(article: &Article, source: SourceInfo) -> String {
    let mut lines = header_lines(article, source);
    lines.push(String::new());
    lines.extend(article.kicker.iter().cloned());
    lines.push(article.title.clone());
    lines.extend(article.subtitle.clone());
    if !article.byline.raw.trim().is_empty() {
        lines.push(article.byline.raw.trim().to_string());
    }
    for block in &article.blocks {
        lines.push(String::new());
        let text = unwrap(&block.text);
        lines.push(match (block.kind, &block.credit) {
            (BlockKind::Caption, Some(credit)) => format!("{text}（{}）", credit.trim()),
            _ => text,
        });
    }
    finish(lines)
}

/// Text on one line: a header value never spans two.
fn one_line(text: &str) -> String {
    unwrap(text)
}

/// One figure: the figure, the sentence it stands in, and the article it is from.
pub fn figure_text(article: &Article, figure: &Figure) -> String {
    finish(vec![
        figure.text.clone(),
        unwrap(&figure.context),
        format!("—— {} (id {})", article.title, article.id),
    ])
}

/// A block's text on one line: line breaks inside it become nothing between Chinese
/// characters and a space elsewhere.
fn unwrap(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.lines().map(str::trim).enumerate() {
        if i > 0 {
            let joins_cjk = out.chars().last().is_some_and(|c| !c.is_ascii())
                && line.chars().next().is_some_and(|c| !c.is_ascii());
            if !joins_cjk && !line.is_empty() {
                out.push(' ');
            }
        }
        out.push_str(line);
    }
    out
}

/// Joined and sanitised: whatever the page held, no control character rides along.
fn finish(lines: Vec<String>) -> String {
    sanitize_text(&lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::Block;

    fn sample() -> Article {
        let mut a = Article::new("abc123", "湖畔园区建成算力中心");
        a.subtitle = Some("首期机柜三百个".into());
        a.byline.raw = "◎本报记者 张三".into();
        a.blocks = vec![
            Block::new(
                BlockKind::Paragraph,
                "园区今年新建机柜\n三百个，上架率\u{1b}[31m过半。",
            ),
            Block::new(BlockKind::Heading, "算力先行"),
            Block {
                credit: Some("李四摄".into()),
                ..Block::new(BlockKind::Caption, "图为机房一角。")
            },
        ];
        a
    }

    #[test]
    fn article_with_its_header_then_in_reading_order() {
        let mut article = sample();
        article.date = crate::core::dates::PageDate::new(2024, 7, Some(30));
        let text = article_text(
            &article,
            SourceInfo {
                park: Some("湖畔园区"),
                file: Some(Path::new("pages/p1.txt")),
                url: Some("https://example.org/a/1"),
            },
        );
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[..7],
            [
                "Title: 湖畔园区建成算力中心",
                "Park: 湖畔园区",
                "Date: 2024-07-30",
                "Source: pages/p1.txt",
                "Id: abc123",
                "URL: https://example.org/a/1",
                ""
            ]
        );
        let body = &lines[7..];
        assert_eq!(body[0], "湖畔园区建成算力中心");
        assert_eq!(body[1], "首期机柜三百个");
        assert_eq!(body[2], "◎本报记者 张三");
        assert_eq!(body[4], "园区今年新建机柜三百个，上架率过半。");
        assert_eq!(body[6], "算力先行");
        assert_eq!(body[8], "图为机房一角。（李四摄）");
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
    }

    #[test]
    fn the_header_leaves_out_what_is_not_known() {
        let mut article = sample();
        article.source = "p1.txt".into();
        let lines = header_lines(&article, SourceInfo::default());
        assert_eq!(
            lines,
            [
                "Title: 湖畔园区建成算力中心",
                "Source: p1.txt",
                "Id: abc123"
            ]
        );
    }

    #[test]
    fn figure_with_sentence_and_article() {
        let article = sample();
        let figure = Figure {
            context: "园区今年新建机柜三百个\u{7}。".into(),
            ..Figure::new("三百个", 300.0, "个", crate::core::FigureKind::Count)
        };
        assert_eq!(
            figure_text(&article, &figure),
            "三百个\n园区今年新建机柜三百个。\n—— 湖畔园区建成算力中心 (id abc123)"
        );
    }
}
