//! Articles written (or corrected) by hand as TOML: the same fields as the JSON.
//!
//! A file holds `[[articles]]` tables (what `yuanqu parse --format toml` writes),
//! or one article's fields at the top level.

use serde::{Deserialize, Serialize};

use super::article::Article;
use super::page::{finish_article, Detail};
use super::parks::ParkRegistry;
use super::sanitize::sanitize_text;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ArticleFile {
    articles: Vec<Article>,
}

/// Parse a TOML article file; the error names the line and what is wrong.
pub fn parse_article_toml(text: &str, detail: Detail) -> Result<Vec<Article>, String> {
    let clean = sanitize_text(text);
    let value: toml::Table = toml::from_str(&clean).map_err(|e| toml_error(&clean, &e))?;
    let mut articles = if value.contains_key("articles") {
        toml::from_str::<ArticleFile>(&clean)
            .map_err(|e| toml_error(&clean, &e))?
            .articles
    } else {
        vec![toml::from_str::<Article>(&clean).map_err(|e| toml_error(&clean, &e))?]
    };
    for (i, article) in articles.iter_mut().enumerate() {
        if article.title.trim().is_empty() {
            return Err(format!("article {} has an empty title", i + 1));
        }
        finish_article(article, ParkRegistry::builtin(), detail);
    }
    Ok(articles)
}

/// Write articles as TOML; figures are left out, since they are found again on
/// load, and so is the source, which is the file the TOML is loaded from.
pub fn articles_to_toml(articles: &[Article]) -> Result<String, toml::ser::Error> {
    let mut tables = Vec::with_capacity(articles.len());
    for article in articles {
        let mut table = toml::Table::try_from(article)?;
        table.remove("figures");
        table.remove("source");
        tables.push(toml::Value::Table(table));
    }
    let mut file = toml::Table::new();
    file.insert("articles".into(), toml::Value::Array(tables));
    toml::to_string(&file)
}

fn toml_error(text: &str, e: &toml::de::Error) -> String {
    let message = e.message().trim().to_string();
    match e.span() {
        Some(span) => {
            let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
            format!("line {line}: {message}")
        }
        None => message,
    }
}
