//! Feeds (RSS 0.x/1.0/2.0, Atom, JSON Feed, via feed-rs) to items: title, link,
//! date (a time with no zone is Beijing time), author, category (an RSSHub item's
//! page name) and the body as HTML. Bytes are decoded first (HTTP charset, the XML
//! declaration, else detection), so GBK feeds with no label come out right.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc};

use super::http::FetchError;
use crate::core::dates::PageDate;
use crate::core::extract::charset::decode_xml;
use crate::core::ids::fast_hash;

#[derive(Debug, Clone, PartialEq)]
pub struct FeedItem {
    /// The feed's id for the item (its guid), else its link, else its title and date.
    pub key: String,
    pub title: Option<String>,
    pub link: Option<String>,
    pub date: Option<PageDate>,
    pub author: Option<String>,
    pub category: Option<String>,
    /// The fullest body the item carries: its content, else its summary.
    pub html: Option<String>,
    /// Of everything above: a changed item has a changed hash.
    pub hash: u64,
}

pub fn parse_feed(bytes: &[u8], charset: Option<&str>) -> Result<Vec<FeedItem>, FetchError> {
    let text = decode_xml(bytes, charset);
    let parser = feed_rs::parser::Builder::new()
        .timestamp_parser(parse_time)
        .build();
    let feed = parser
        .parse(text.as_bytes())
        .map_err(|e| FetchError::Malformed(format!("not a feed: {e}")))?;
    Ok(feed.entries.into_iter().map(item).collect())
}

fn item(entry: feed_rs::model::Entry) -> FeedItem {
    let title = entry
        .title
        .map(|t| t.content)
        .filter(|t| !t.trim().is_empty());
    let link = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(entry.links.first())
        .map(|l| l.href.trim().to_string())
        .filter(|l| !l.is_empty());
    let date = entry
        .published
        .or(entry.updated)
        .and_then(|t| PageDate::from_unix_in_china(t.timestamp()));
    let html = entry
        .content
        .and_then(|c| c.body)
        .filter(|b| !b.trim().is_empty())
        .or_else(|| {
            entry
                .summary
                .map(|s| s.content)
                .filter(|s| !s.trim().is_empty())
        });
    let author = entry
        .authors
        .first()
        .and_then(|a| a.name.clone())
        .filter(|a| !a.is_empty());
    let category = entry
        .categories
        .first()
        .map(|c| c.label.clone().unwrap_or_else(|| c.term.clone()));
    let key = if entry.id.is_empty() {
        link.clone().unwrap_or_else(|| format!("{title:?}{date:?}"))
    } else {
        entry.id
    };
    let hash = fast_hash(
        0,
        format!("{title:?}{link:?}{date:?}{author:?}{category:?}{html:?}").as_bytes(),
    );
    FeedItem {
        key,
        title,
        link,
        date,
        author,
        category,
        html,
        hash,
    }
}

/// Feed times: RFC 2822 and RFC 3339 with their zones; times with no zone
/// (`2024-07-30 08:00:00`, `2024-07-30`), as Chinese feeds write them, in +08:00.
fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc2822(text) {
        return Some(t.with_timezone(&Utc));
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Some(t.with_timezone(&Utc));
    }
    let china = FixedOffset::east_opt(8 * 3600)?;
    for format in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y/%m/%d %H:%M:%S",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(text, format) {
            return china
                .from_local_datetime(&t)
                .single()
                .map(|t| t.with_timezone(&Utc));
        }
    }
    for format in ["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日"] {
        if let Ok(d) = NaiveDate::parse_from_str(text, format) {
            let t = d.and_hms_opt(0, 0, 0)?;
            return china
                .from_local_datetime(&t)
                .single()
                .map(|t| t.with_timezone(&Utc));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zone_less_times_are_beijing_time() {
        let t = parse_time("2024-07-30 00:30:00").unwrap();
        assert_eq!(
            PageDate::from_unix_in_china(t.timestamp())
                .unwrap()
                .to_string(),
            "2024-07-30"
        );
        // RSSHub's edition midnight, serialised in GMT the day before.
        let t = parse_time("Mon, 29 Jul 2024 16:00:00 GMT").unwrap();
        assert_eq!(
            PageDate::from_unix_in_china(t.timestamp())
                .unwrap()
                .to_string(),
            "2024-07-30"
        );
    }
}
