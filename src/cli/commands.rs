//! The subcommands that print: `parse`, `list`, `figures`, `read`.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;
use serde_json::json;

use super::Format;
use crate::core::collection::{read_file, Collection};
use crate::core::dates::PageDate;
use crate::core::figures::{format_value, Figure, FigureKind};
use crate::core::layout::{layout_article, str_width, AmbiguousWidth, LayoutOptions};
use crate::core::page::Detail;
use crate::core::toml_article::articles_to_toml;
use crate::core::Article;
use crate::tui::config::Config;

/// Everything a command prints goes through one locked, buffered stdout; a
/// closed pipe (`| head`) ends the command quietly.
fn emit(text: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(format!("cannot write output: {e}"))
        }
        _ => Ok(()),
    }
}

fn load(paths: &[PathBuf], config: &Config, detail: Detail) -> Collection {
    let collection = Collection::open(paths, &config.data_paths, detail);
    for w in &collection.warnings {
        eprintln!("yuanqu: {w}");
    }
    collection
}

/// 0 when everything loaded, 1 when some path was broken (the rest is still printed).
fn status(collection: Collection) -> ExitCode {
    let code = if collection.has_errors() {
        ExitCode::from(super::EXIT_BAD_INPUT)
    } else {
        ExitCode::SUCCESS
    };
    // The process ends right after: freeing every article one by one would only
    // cost time on a large collection.
    std::mem::forget(collection);
    code
}

/// `list --json`: {"parks":[{"name","province","city","articles":[{"id","title","subtitle","column","date","source"}]}]}.
#[derive(Serialize)]
struct Listing<'a> {
    parks: Vec<ParkListing<'a>>,
}

#[derive(Serialize)]
struct ParkListing<'a> {
    name: &'a str,
    province: Option<&'a str>,
    city: Option<&'a str>,
    articles: Vec<ArticleListing<'a>>,
}

#[derive(Serialize)]
struct ArticleListing<'a> {
    id: &'a str,
    title: &'a str,
    subtitle: Option<&'a str>,
    column: Option<&'a str>,
    date: Option<PageDate>,
    source: &'a str,
}

/// `figures --json`: {"figures":[{…figure, "article": id}]}, written straight
/// from the figures (no JSON tree built first: it cost more than finding them).
#[derive(Serialize)]
struct FigureListing<'a> {
    figures: Vec<FigureRow<'a>>,
}

#[derive(Serialize)]
struct FigureRow<'a> {
    #[serde(flatten)]
    figure: &'a Figure,
    article: &'a str,
}

pub fn parse(page: &Path, format: Format) -> Result<ExitCode, String> {
    let articles = read_file(page).map_err(|e| e.to_string())?;
    let text = match format {
        Format::Json => articles_json(&articles)?,
        Format::Toml => {
            articles_to_toml(&articles).map_err(|e| format!("cannot write TOML: {e}"))?
        }
    };
    emit(&text)?;
    Ok(ExitCode::SUCCESS)
}

fn articles_json(articles: &[Article]) -> Result<String, String> {
    let mut text = serde_json::to_string_pretty(&json!({ "articles": articles }))
        .map_err(|e| format!("cannot write JSON: {e}"))?;
    text.push('\n');
    Ok(text)
}

pub fn list(paths: &[PathBuf], config: &Config, as_json: bool) -> Result<ExitCode, String> {
    let collection = load(paths, config, Detail::Outline);
    let text = if as_json {
        let parks: Vec<ParkListing> = collection
            .parks
            .iter()
            .map(|p| ParkListing {
                name: &p.name,
                province: p.province.as_deref(),
                city: p.city.as_deref(),
                articles: p
                    .articles
                    .iter()
                    .map(|&i| &collection.articles[i])
                    .map(|a| ArticleListing {
                        id: &a.id,
                        title: &a.title,
                        subtitle: a.subtitle.as_deref(),
                        column: a.column.as_deref(),
                        date: a.date,
                        source: &a.source,
                    })
                    .collect(),
            })
            .collect();
        let mut s = serde_json::to_string_pretty(&Listing { parks })
            .map_err(|e| format!("cannot write JSON: {e}"))?;
        s.push('\n');
        s
    } else {
        list_text(&collection)
    };
    emit(&text)?;
    Ok(status(collection))
}

/// Parks with their place and count, then one row per article: id, date (`-`
/// when undated), source and title, in columns as wide as their longest entry.
fn list_text(collection: &Collection) -> String {
    let id_width = collection
        .articles
        .iter()
        .map(|a| a.id.chars().count())
        .max()
        .unwrap_or(0);
    let source_width = collection
        .articles
        .iter()
        .map(|a| str_width(&a.source, AmbiguousWidth::Narrow))
        .max()
        .unwrap_or(0);
    let mut s = String::new();
    for (n, park) in collection.parks.iter().enumerate() {
        let place: Vec<&str> = [park.province.as_deref(), park.city.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        let place = if place.is_empty() {
            String::new()
        } else {
            format!("（{}）", place.join(" "))
        };
        s.push_str(&format!(
            "{} {}{}  {} 篇\n",
            n + 1,
            park.name,
            place,
            park.articles.len()
        ));
        for &i in &park.articles {
            let a = &collection.articles[i];
            let date = a.date.map_or_else(|| "-".to_string(), |d| d.to_string());
            let source = if a.source.is_empty() { "-" } else { &a.source };
            let pad = source_width.saturating_sub(str_width(source, AmbiguousWidth::Narrow));
            s.push_str(&format!(
                "    {:<id_width$}  {date:<10}  {source}{}  {}\n",
                a.id,
                " ".repeat(pad),
                a.title
            ));
        }
    }
    s
}

pub fn figures(
    paths: &[PathBuf],
    config: &Config,
    article: Option<&str>,
    as_json: bool,
) -> Result<ExitCode, String> {
    // One article: outline every page, then find that article's figures only.
    let detail = if article.is_some() {
        Detail::Outline
    } else {
        Detail::Full
    };
    let mut collection = load(paths, config, detail);
    let chosen: Vec<&Article> = match article {
        Some(id) => {
            let index = collection.position(id).ok_or_else(|| no_such_id(id))?;
            collection.figures_of(index);
            vec![&collection.articles[index]]
        }
        None => collection.articles.iter().collect(),
    };
    let text = if as_json {
        let figures: Vec<FigureRow> = chosen
            .iter()
            .flat_map(|a| a.figures.iter().map(move |f| (a, f)))
            .map(|(a, f)| FigureRow {
                figure: f,
                article: &a.id,
            })
            .collect();
        let mut s = serde_json::to_string_pretty(&FigureListing { figures })
            .map_err(|e| format!("cannot write JSON: {e}"))?;
        s.push('\n');
        s
    } else {
        figure_table(&chosen)
    };
    emit(&text)?;
    Ok(status(collection))
}

/// Columns padded by display width, so Chinese lines up.
fn figure_table(articles: &[&Article]) -> String {
    let rows: Vec<[String; 5]> = articles
        .iter()
        .flat_map(|a| a.figures.iter().map(move |f| figure_row(a, f)))
        .collect();
    let header = ["article", "figure", "value", "kind", "context"].map(String::from);
    let mut widths = [0usize; 4];
    for row in std::iter::once(&header).chain(&rows) {
        for (w, cell) in widths.iter_mut().zip(row.iter()) {
            *w = (*w).max(str_width(cell, AmbiguousWidth::Narrow));
        }
    }
    let mut out = String::new();
    for row in std::iter::once(&header).chain(&rows) {
        for (cell, w) in row.iter().zip(widths) {
            out.push_str(cell);
            out.extend(std::iter::repeat_n(
                ' ',
                w - str_width(cell, AmbiguousWidth::Narrow) + 2,
            ));
        }
        out.push_str(&row[4]);
        out.push('\n');
    }
    out
}

fn figure_row(article: &Article, f: &Figure) -> [String; 5] {
    [
        article.id.clone(),
        f.text.clone(),
        normalised_value(f),
        format!("{:?}", f.kind).to_lowercase(),
        f.context.clone(),
    ]
}

/// The normalised value as a plain number (what the JSON holds), with its unit:
/// 55亿元 → `5500000000 元`, 20% → `0.2`, 3至5年 → `3–5 年`; dates as dates.
fn normalised_value(f: &Figure) -> String {
    let number = |v: f64| {
        if v.fract() == 0.0 && v.abs() < 1e15 {
            format!("{}", v as i64)
        } else {
            format!("{}", (v * 1e6).round() / 1e6)
        }
    };
    if f.kind == FigureKind::Date {
        // 20240729 means nothing to a reader; 2024-07-29 does.
        return format_value(f);
    }
    let mut text = number(f.value);
    if let Some(max) = f.value_max {
        text = format!("{text}–{}", number(max));
    }
    if !matches!(
        f.kind,
        FigureKind::Percent | FigureKind::Date | FigureKind::Multiple
    ) && !f.unit.is_empty()
    {
        text = format!("{text} {}", f.unit);
    }
    text
}

pub fn read(
    id: &str,
    paths: &[PathBuf],
    config: &Config,
    width: Option<usize>,
    reading_width: Option<usize>,
) -> Result<ExitCode, String> {
    // Laying out needs no figures.
    let collection = load(paths, config, Detail::Outline);
    let article = collection.find(id).ok_or_else(|| no_such_id(id))?;
    let width = width.or_else(terminal_width).unwrap_or(80).max(1);
    // The article pane's settings, but the width asked for: the configured
    // reading width applies only when given on the command line.
    let options = LayoutOptions {
        width,
        reading_width,
        paragraph_indent: config.paragraph_indent,
        ambiguous: config.ambiguous,
    };
    let layout = layout_article(article, &options);
    emit(&layout.to_plain_text())?;
    Ok(status(collection))
}

fn no_such_id(id: &str) -> String {
    format!("no article with id {id:?}; `yuanqu list` shows the ids")
}

/// The terminal's width when stdout is one (an ioctl, never a query that could stall).
fn terminal_width() -> Option<usize> {
    if !std::io::stdout().is_terminal() {
        return None;
    }
    ratatui::crossterm::terminal::size()
        .ok()
        .map(|(w, _)| usize::from(w))
        .filter(|&w| w > 0)
}
