//! `[[sources]]` tables to checked sources: every error names the file and the
//! line of the table it is in.

use std::collections::HashSet;

use toml::Spanned;

use serde::Deserialize;

use super::file::{ConfigError, ConfigSource};
use crate::core::dates::PageDate;
use crate::core::fetch::source::{EditionFilter, Follow, Source, SourceKind};

/// One `[[sources]]` table as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSource {
    name: Option<String>,
    kind: Option<String>,
    url: Option<String>,
    urls: Option<Vec<String>>,
    follow: Option<toml::Value>,
    pages: Option<Vec<String>>,
    since: Option<String>,
}

pub(super) fn resolve(
    list: Vec<Spanned<RawSource>>,
    src: &ConfigSource,
) -> Result<Vec<Source>, ConfigError> {
    let mut names = HashSet::new();
    let mut sources = Vec::with_capacity(list.len());
    for table in list {
        let at = table.span().start;
        let source = one(table.into_inner()).map_err(|message| src.error_at(at, message))?;
        if !names.insert(source.name.clone()) {
            return Err(src.error_at(
                at,
                format!(
                    "two sources are called {:?}: names must be unique",
                    source.name
                ),
            ));
        }
        sources.push(source);
    }
    Ok(sources)
}

fn one(raw: RawSource) -> Result<Source, String> {
    let name = raw
        .name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .ok_or("a source needs a name")?;
    let kind = raw.kind.as_deref().unwrap_or("feed");
    let url = || {
        raw.url.clone().filter(|u| is_http(u)).ok_or(format!(
            "source {name:?}: url must be an http:// or https:// address"
        ))
    };
    let editions = || editions(&raw, &name);
    let kind = match kind {
        "feed" => SourceKind::Feed {
            url: url()?,
            follow: follow(raw.follow.as_ref(), &name)?,
        },
        "page" => SourceKind::Page { urls: page_urls(&raw, &name)? },
        "stdaily" => SourceKind::Stdaily {
            url: url()?,
            editions: editions()?,
        },
        "epaper" => SourceKind::Epaper {
            url: url()?,
            editions: editions()?,
        },
        other => {
            return Err(format!(
                "source {name:?}: kind must be \"feed\", \"page\", \"stdaily\" or \"epaper\", not {other:?}"
            ))
        }
    };
    not_for_kind(&raw, &kind, &name)?;
    Ok(Source { name, kind })
}

fn is_http(url: &str) -> bool {
    url.starts_with("http://") || url.starts_with("https://")
}

fn page_urls(raw: &RawSource, name: &str) -> Result<Vec<String>, String> {
    let urls: Vec<String> = raw
        .url
        .iter()
        .chain(raw.urls.iter().flatten())
        .cloned()
        .collect();
    if urls.is_empty() {
        return Err(format!("source {name:?}: a page source needs url or urls"));
    }
    if let Some(bad) = urls.iter().find(|u| !is_http(u)) {
        return Err(format!(
            "source {name:?}: {bad:?} is not an http:// or https:// address"
        ));
    }
    Ok(urls)
}

fn follow(value: Option<&toml::Value>, name: &str) -> Result<Follow, String> {
    match value {
        None => Ok(Follow::Auto),
        Some(toml::Value::String(s)) if s == "auto" => Ok(Follow::Auto),
        Some(toml::Value::Boolean(true)) => Ok(Follow::Always),
        Some(toml::Value::Boolean(false)) => Ok(Follow::Never),
        Some(other) => Err(format!(
            "source {name:?}: follow must be \"auto\", true or false, not {other}"
        )),
    }
}

fn editions(raw: &RawSource, name: &str) -> Result<EditionFilter, String> {
    let since =
        match &raw.since {
            None => None,
            Some(text) => Some(PageDate::parse(text).filter(|d| d.day.is_some()).ok_or(
                format!("source {name:?}: since must be a date like 2024-07-30, not {text:?}"),
            )?),
        };
    Ok(EditionFilter {
        pages: raw.pages.clone().unwrap_or_default(),
        since,
    })
}

/// Settings that mean nothing for the source's kind are mistakes worth a word.
fn not_for_kind(raw: &RawSource, kind: &SourceKind, name: &str) -> Result<(), String> {
    let e_paper = matches!(kind, SourceKind::Stdaily { .. } | SourceKind::Epaper { .. });
    let misplaced = [
        (
            "follow",
            raw.follow.is_some() && !matches!(kind, SourceKind::Feed { .. }),
        ),
        (
            "urls",
            raw.urls.is_some() && !matches!(kind, SourceKind::Page { .. }),
        ),
        ("pages", raw.pages.is_some() && !e_paper),
        ("since", raw.since.is_some() && !e_paper),
    ];
    match misplaced.iter().find(|(_, bad)| *bad) {
        Some((key, _)) => Err(format!(
            "source {name:?}: {key} does not apply to this kind of source"
        )),
        None => Ok(()),
    }
}
