//! Founder (方正) e-paper article pages, as 人民日报, 光明日报, 经济日报 and 科技日报's
//! old e-paper serve them. The hidden `<!--enpproperty …/enpproperty-->` fields come
//! first (they name the kicker, subtitle, date and page name the page itself may not
//! show); then the paper's profile (`profiles.toml`, chosen by host or by a selector
//! only its template has); the body is `<founder-content>`, the text between
//! `<!--enpcontent-->` marks, or the profile's body element.

use std::sync::OnceLock;

use scraper::{ElementRef, Html, Selector};
use serde::Deserialize;

use super::dom::{blocks_of, element_text};
use super::fields::Extracted;
use crate::core::article::Block;

/// One paper's template, read from `profiles.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    name: String,
    hosts: Vec<String>,
    detect: Vec<String>,
    kicker: Vec<String>,
    title: Vec<String>,
    subtitle: Vec<String>,
    byline: Vec<String>,
    date: Vec<String>,
    page: Vec<String>,
    body: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct ProfileFile {
    profile: Vec<RawProfile>,
}

/// A profile with its selectors parsed once.
pub struct Profile {
    name: String,
    hosts: Vec<String>,
    detect: Vec<Selector>,
    kicker: Vec<Selector>,
    title: Vec<Selector>,
    subtitle: Vec<Selector>,
    byline: Vec<Selector>,
    date: Vec<Selector>,
    page: Vec<Selector>,
    body: Vec<Selector>,
}

fn selectors(list: &[String]) -> Vec<Selector> {
    // The file is ours and tested (every_profile_selector_parses): a bad one is skipped.
    list.iter()
        .filter_map(|s| Selector::parse(s).ok())
        .collect()
}

fn profiles() -> &'static [Profile] {
    static PROFILES: OnceLock<Vec<Profile>> = OnceLock::new();
    PROFILES.get_or_init(|| {
        let file: ProfileFile =
            toml::from_str(include_str!("profiles.toml")).unwrap_or(ProfileFile {
                profile: Vec::new(),
            });
        file.profile
            .into_iter()
            .map(|p| Profile {
                detect: selectors(&p.detect),
                kicker: selectors(&p.kicker),
                title: selectors(&p.title),
                subtitle: selectors(&p.subtitle),
                byline: selectors(&p.byline),
                date: selectors(&p.date),
                page: selectors(&p.page),
                body: selectors(&p.body),
                name: p.name,
                hosts: p.hosts,
            })
            .collect()
    })
}

/// The hidden fields of a Founder article page.
#[derive(Debug, Default, PartialEq)]
pub struct EnpProperty {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub kicker: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    pub page: Option<String>,
}

/// The `enpproperty` comment's fields, if the page has one.
pub fn enpproperty(html: &str) -> Option<EnpProperty> {
    let start = html.find("<!--enpproperty")?;
    let end = html[start..].find("/enpproperty-->")? + start;
    let block = &html[start..end];
    let field = |name: &str| {
        let open = format!("<{name}>");
        let close = format!("</{name}>");
        let from = block.find(&open)? + open.len();
        let to = block[from..].find(&close)? + from;
        let value = super::dom::tidy(&decode_entities(&block[from..to]));
        (!value.is_empty()).then_some(value)
    };
    Some(EnpProperty {
        title: field("title"),
        subtitle: field("subtitle"),
        kicker: field("introtitle"),
        author: field("author"),
        date: field("date"),
        page: field("nodename"),
    })
}

/// The few entities a hidden field may carry.
fn decode_entities(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

/// The page's Founder template, if it is a Founder e-paper article (by its markers
/// or a profile): `Some(None)` for one with the markers and no known profile.
pub fn founder_template(
    html: &str,
    document: &Html,
    host: Option<&str>,
) -> Option<Option<&'static Profile>> {
    let profile = profile_for(document, host);
    let marked = html.contains("<!--enpproperty")
        || html.contains("<founder-content")
        || html.contains("<!--enpcontent-->");
    (marked || profile.is_some()).then_some(profile)
}

fn profile_for(document: &Html, host: Option<&str>) -> Option<&'static Profile> {
    let by_host = host.and_then(|host| {
        profiles().iter().find(|p| {
            p.hosts
                .iter()
                .any(|h| host == h || host.ends_with(&format!(".{h}")))
        })
    });
    // Else the template that explains most of the page: templates share class names
    // (#ozoom, .article), so one matching selector is not enough to tell them apart.
    by_host.or_else(|| {
        let detected: Vec<&Profile> = profiles()
            .iter()
            .filter(|p| p.detect.iter().any(|s| document.select(s).next().is_some()))
            .collect();
        match detected.as_slice() {
            [] => None,
            [only] => Some(*only),
            _ => detected
                .into_iter()
                .max_by_key(|p| fields_found(document, p)),
        }
    })
}

/// How many of a profile's fields find text in the page.
fn fields_found(document: &Html, profile: &Profile) -> usize {
    [
        &profile.kicker,
        &profile.title,
        &profile.subtitle,
        &profile.byline,
        &profile.date,
        &profile.page,
        &profile.body,
    ]
    .into_iter()
    .filter(|list| first_text(document, list).is_some())
    .count()
}

fn first_text(document: &Html, list: &[Selector]) -> Option<String> {
    list.iter()
        .flat_map(|s| document.select(s))
        .map(element_text)
        .find(|t| !t.is_empty())
}

/// Extract a Founder article page read with `profile` (see [`founder_template`]).
pub fn extract(html: &str, document: &Html, profile: Option<&Profile>) -> Extracted {
    let hidden = enpproperty(html).unwrap_or_default();
    let from_profile =
        |pick: fn(&Profile) -> &[Selector]| profile.and_then(|p| first_text(document, pick(p)));
    Extracted {
        title: hidden.title.or_else(|| from_profile(|p| &p.title)),
        kicker: hidden.kicker.or_else(|| from_profile(|p| &p.kicker)),
        subtitle: hidden.subtitle.or_else(|| from_profile(|p| &p.subtitle)),
        byline: hidden.author.or_else(|| from_profile(|p| &p.byline)),
        date: hidden.date.or_else(|| from_profile(|p| &p.date)),
        page: hidden.page.or_else(|| from_profile(|p| &p.page)),
        blocks: body_blocks(html, document, profile),
        paper: profile.map(|p| p.name.clone()),
    }
}

/// The body: `<founder-content>`, the `enpcontent` span, else the profile's element.
fn body_blocks(html: &str, document: &Html, profile: Option<&Profile>) -> Vec<Block> {
    static FOUNDER_CONTENT: OnceLock<Option<Selector>> = OnceLock::new();
    let founder_content = FOUNDER_CONTENT.get_or_init(|| Selector::parse("founder-content").ok());
    let marked_body = html.contains("<founder-content");
    if let Some(body) = founder_content
        .as_ref()
        .filter(|_| marked_body)
        .and_then(|s| document.select(s).next())
    {
        return blocks_of(body);
    }
    if let Some(inner) = between(html, "<!--enpcontent-->", "<!--/enpcontent-->") {
        let fragment = Html::parse_fragment(inner);
        return blocks_of(fragment.root_element());
    }
    let element: Option<ElementRef> =
        profile.and_then(|p| p.body.iter().find_map(|s| document.select(s).next()));
    element.map(blocks_of).unwrap_or_default()
}

fn between<'a>(text: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let from = text.find(open)? + open.len();
    let to = text[from..].find(close)? + from;
    Some(&text[from..to])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_profile_selector_parses() {
        let file: ProfileFile = toml::from_str(include_str!("profiles.toml")).unwrap();
        assert!(file.profile.len() >= 4);
        for p in &file.profile {
            for s in p
                .detect
                .iter()
                .chain(&p.kicker)
                .chain(&p.title)
                .chain(&p.subtitle)
                .chain(&p.byline)
                .chain(&p.date)
                .chain(&p.page)
                .chain(&p.body)
            {
                assert!(Selector::parse(s).is_ok(), "{}: {s}", p.name);
            }
        }
    }

    #[test]
    fn the_hidden_fields_are_read() {
        let html = "<html><!--enpproperty <articleid>12</articleid><date>2025-03-14</date>\
            <author>本报记者 林安</author><title>新区&amp;园区签约</title><subtitle></subtitle>\
            <introtitle>一季度开门红</introtitle><nodename>第06版：园区</nodename>/enpproperty--></html>";
        let p = enpproperty(html).unwrap();
        assert_eq!(p.title.as_deref(), Some("新区&园区签约"));
        assert_eq!(p.subtitle, None);
        assert_eq!(p.kicker.as_deref(), Some("一季度开门红"));
        assert_eq!(p.author.as_deref(), Some("本报记者 林安"));
        assert_eq!(p.date.as_deref(), Some("2025-03-14"));
        assert_eq!(p.page.as_deref(), Some("第06版：园区"));
    }
}
