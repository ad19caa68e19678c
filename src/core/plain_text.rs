//! An article, or one of its figures, as plain text for the clipboard: no layout,
//! paragraphs on one line each, and nothing that could steer a terminal.

use std::path::Path;

use super::sanitize::sanitize_text;
use super::{Article, BlockKind, Figure};

/// Where an article comes from, for the source line that ends a copy.
#[derive(Debug, Clone, Copy, Default)]
pub struct SourceInfo<'a> {
    pub park: Option<&'a str>,
    pub date: Option<&'a str>,
    pub file: Option<&'a Path>,
}

/// The whole article: kicker, title, subtitle, byline, then paragraphs and headings one per
/// line with a blank line between, captions with their credits, and a source line
/// (park, date when known, file when known, id).
pub fn article_text(article: &Article, source: SourceInfo) -> String {
    let mut lines: Vec<String> = article.kicker.iter().cloned().collect();
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
    lines.push(String::new());
    lines.push(source_line(&article.id, source));
    finish(lines)
}

/// One figure: the figure, the sentence it stands in, and the article it is from.
pub fn figure_text(article: &Article, figure: &Figure) -> String {
    finish(vec![
        figure.text.clone(),
        unwrap(&figure.context),
        format!("—— {} (id {})", article.title, article.id),
    ])
}

fn source_line(id: &str, source: SourceInfo) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(source.park.map(str::to_string));
    parts.extend(source.date.map(str::to_string));
    parts.extend(source.file.map(|f| f.display().to_string()));
    parts.push(format!("id {id}"));
    format!("来源 Source: {}", parts.join(" · "))
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
    fn article_in_reading_order_with_source_line() {
        let text = article_text(
            &sample(),
            SourceInfo {
                park: Some("湖畔园区"),
                date: None,
                file: Some(Path::new("pages/p1.txt")),
            },
        );
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "湖畔园区建成算力中心");
        assert_eq!(lines[1], "首期机柜三百个");
        assert_eq!(lines[2], "◎本报记者 张三");
        assert_eq!(lines[4], "园区今年新建机柜三百个，上架率过半。");
        assert_eq!(lines[6], "算力先行");
        assert_eq!(lines[8], "图为机房一角。（李四摄）");
        assert_eq!(
            lines.last(),
            Some(&"来源 Source: 湖畔园区 · pages/p1.txt · id abc123")
        );
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
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
