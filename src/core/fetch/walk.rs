//! Each kind of source walked to its articles: a feed's items (their link pages
//! fetched when they carry no full text), article pages, 科技日报's API (issue
//! dates → pages → articles), a Founder e-paper (page nodes → article links).

use scraper::{Html, Selector};

use super::feed::{parse_feed, FeedItem};
use super::http::{Body, FetchError, Fetched};
use super::memory::item_key;
use super::report::SourceReport;
use super::run::Run;
use super::source::{EditionFilter, Follow, Source, SourceKind};
use crate::core::article::Article;
use crate::core::dates::PageDate;
use crate::core::extract::charset::decode_document;
use crate::core::extract::{self, extract_html, stdaily, Extracted};
use crate::core::page::Detail;

/// Fewest Chinese characters in a feed item for it to count as the full article.
const FULL_TEXT_CHARS: usize = 60;
/// Days looked back for the latest issue of an e-paper with no `since`.
const LATEST_ISSUE_DAYS: usize = 7;

pub(super) fn walk(
    run: &Run,
    source: &Source,
    report: &mut SourceReport,
) -> Result<(), FetchError> {
    match &source.kind {
        SourceKind::Feed { url, follow } => walk_feed(run, source, url, *follow, report),
        SourceKind::Page { urls } => {
            for url in urls {
                walk_page(run, source, url, report);
            }
            Ok(())
        }
        SourceKind::Stdaily { url, editions } => walk_stdaily(run, source, url, editions, report),
        SourceKind::Epaper { url, editions } => walk_epaper(run, source, url, editions, report),
    }
}

/// GET with the validators the URL last gave; they are remembered once read.
fn conditional_get(run: &Run, url: &str) -> Result<Option<Body>, FetchError> {
    let known = {
        let memory = run.memory.lock().unwrap_or_else(|p| p.into_inner());
        memory.validators.get(url).cloned()
    };
    match run.client.get(url, known.as_ref())? {
        Fetched::NotModified => Ok(None),
        Fetched::Body(body) => Ok(Some(body)),
    }
}

fn remember_validators(run: &Run, url: &str, body: &Body) {
    let mut memory = run.memory.lock().unwrap_or_else(|p| p.into_inner());
    if body.validators.is_empty() {
        memory.validators.remove(url);
    } else {
        memory
            .validators
            .insert(url.to_string(), body.validators.clone());
    }
}

fn walk_feed(
    run: &Run,
    source: &Source,
    url: &str,
    follow: Follow,
    report: &mut SourceReport,
) -> Result<(), FetchError> {
    let Some(body) = conditional_get(run, url)? else {
        report.notes.push(format!("{url}: not modified"));
        return Ok(());
    };
    let items = parse_feed(&body.bytes, body.charset.as_deref())?;
    for mut item in items {
        // Atom links may be relative to the feed.
        item.link = item.link.and_then(|l| resolve(url, &l));
        let key = item_key(&source.name, &item.key);
        if run.known_unchanged(&key, Some(item.hash)) {
            report.unchanged += 1;
            continue;
        }
        match feed_article(run, &item, follow) {
            Ok(article) => run.keep(article, &source.name, &key, item.hash, report),
            Err(e) => {
                report.failed += 1;
                let what = item
                    .title
                    .as_deref()
                    .or(item.link.as_deref())
                    .unwrap_or("an item");
                report.notes.push(format!(
                    "{}: {e}",
                    crate::core::sanitize::sanitize_text(what)
                ));
            }
        }
    }
    // Only now: a feed whose items failed to be read is asked for in full next time.
    if report.failed == 0 {
        remember_validators(run, url, &body);
    }
    Ok(())
}

/// An item's article: its own body, or its link page's when it carries no full
/// text (or `follow = true`); the item's date, page and author fill what the page lacks.
fn feed_article(run: &Run, item: &FeedItem, follow: Follow) -> Result<Article, FetchError> {
    let own = item.html.as_deref().map(|html| item_fields(item, html));
    let full = own
        .as_ref()
        .is_some_and(|f| chinese_chars(&f.blocks) >= FULL_TEXT_CHARS);
    let wants_page = match follow {
        Follow::Always => true,
        Follow::Auto => !full,
        Follow::Never => false,
    };
    if let (true, Some(link)) = (wants_page, item.link.as_deref()) {
        match fetch_article_page(run, link) {
            Ok(mut article) => {
                article.date = article.date.or(item.date);
                if article.page.is_none() {
                    article.page = item
                        .category
                        .as_deref()
                        .map(|c| extract::page_name(c).to_string());
                }
                return Ok(article);
            }
            // The item's own text is better than nothing.
            Err(e) if own.is_none() => return Err(e),
            Err(_) => {}
        }
    }
    let fields =
        own.ok_or_else(|| FetchError::Malformed("the item has no text and no link".into()))?;
    let mut article = extract::finish(fields, item.link.as_deref(), Detail::Outline)
        .map_err(|e| FetchError::Malformed(e.to_string()))?;
    article.date = article.date.or(item.date);
    Ok(article)
}

fn item_fields(item: &FeedItem, html: &str) -> Extracted {
    let fragment = Html::parse_fragment(html);
    Extracted {
        title: item.title.clone(),
        byline: item.author.clone(),
        date: item.date.map(|d| d.to_string()),
        page: item.category.clone(),
        blocks: extract::dom::blocks_of(fragment.root_element()),
        ..Extracted::default()
    }
}

fn chinese_chars(blocks: &[crate::core::article::Block]) -> usize {
    blocks
        .iter()
        .flat_map(|b| b.text.chars())
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .count()
}

fn fetch_article_page(run: &Run, url: &str) -> Result<Article, FetchError> {
    let body = run.client.get_body(url)?;
    article_of_body(url, &body)
}

fn article_of_body(url: &str, body: &Body) -> Result<Article, FetchError> {
    let (text, _) = decode_document(&body.bytes, body.charset.as_deref());
    extract_html(&text, Some(url), Detail::Outline)
        .map_err(|e| FetchError::Malformed(e.to_string()))
}

fn walk_page(run: &Run, source: &Source, url: &str, report: &mut SourceReport) {
    let key = item_key(&source.name, url);
    let outcome = conditional_get(run, url).and_then(|body| match body {
        None => Ok(None),
        Some(body) => article_of_body(url, &body).map(|a| Some((a, body))),
    });
    match outcome {
        Ok(None) => report.unchanged += 1,
        Ok(Some((article, body))) => {
            run.keep(article, &source.name, &key, 0, report);
            remember_validators(run, url, &body);
        }
        Err(e) => {
            report.failed += 1;
            report.notes.push(format!("{url}: {e}"));
        }
    }
}

/// 科技日报's paper code and the site id its e-paper app sends.
const STDAILY_CODE: &str = "KJRB";
const STDAILY_SITE: &str = "811c18b08cf04e79be3b67d6902ee1a7";

fn api<T: serde::de::DeserializeOwned>(
    run: &Run,
    base: &str,
    path: &str,
    body: serde_json::Value,
) -> Result<stdaily::Reply<T>, FetchError> {
    let url = format!("{}/{path}", base.trim_end_matches('/'));
    let answer = run.client.post_json(&url, &body)?;
    let reply: stdaily::Reply<T> = serde_json::from_slice(&answer.bytes)
        .map_err(|e| FetchError::Malformed(format!("{url}: not the API's JSON: {e}")))?;
    if !reply.is_ok() {
        let why = reply.msg.clone().unwrap_or_default();
        return Err(FetchError::Other(format!(
            "{url}: the API says {} {why}",
            reply.status
        )));
    }
    Ok(reply)
}

fn walk_stdaily(
    run: &Run,
    source: &Source,
    base: &str,
    editions: &EditionFilter,
    report: &mut SourceReport,
) -> Result<(), FetchError> {
    for issue in stdaily_issues(run, base, editions)? {
        let reply: stdaily::Reply<stdaily::EditionList> = api(
            run,
            base,
            "uv/article/period/periodTime",
            serde_json::json!({"code": STDAILY_CODE, "periodTime": issue, "siteId": STDAILY_SITE}),
        )?;
        let pages = reply.obj.map(|o| o.edition_list).unwrap_or_default();
        for page in pages
            .iter()
            .filter(|p| editions.keeps_page(&p.edition_name))
        {
            let reply: stdaily::Reply<serde_json::Value> = api(
                run,
                base,
                "uv/article/article/editionId",
                serde_json::json!({"id": page.id, "siteId": STDAILY_SITE}),
            )?;
            for article in reply.list.unwrap_or_default() {
                stdaily_article(run, source, base, &issue, &article.id, report);
            }
        }
    }
    Ok(())
}

/// The issue dates wanted: from `since` to today, else the latest issue.
fn stdaily_issues(
    run: &Run,
    base: &str,
    editions: &EditionFilter,
) -> Result<Vec<String>, FetchError> {
    let today = run
        .today
        .ok_or_else(|| FetchError::Other("the system clock is not set".into()))?;
    // With no `since`, last month too: on the 1st the latest issue is last month's.
    let month_start = PageDate {
        day: Some(1),
        ..today
    };
    let last_month = month_start.previous_day().unwrap_or(month_start);
    let first = editions.since.unwrap_or(last_month);
    let mut months = Vec::new();
    let (mut year, mut month) = (first.year, first.month);
    while (year, month) <= (today.year, today.month) {
        months.push(format!("{year:04}-{month:02}-01"));
        (year, month) = if month == 12 {
            (year + 1, 1)
        } else {
            (year, month + 1)
        };
    }
    let mut issues = Vec::new();
    for month in months {
        let reply: stdaily::Reply<stdaily::DateList> = api(
            run,
            base,
            "uv/article/period/date",
            serde_json::json!({"code": STDAILY_CODE, "date": month}),
        )?;
        issues.extend(reply.obj.map(|o| o.date_list).unwrap_or_default());
    }
    issues.sort();
    issues.dedup();
    let since = editions.since.map(|d| d.to_string());
    Ok(match since {
        Some(since) => issues.into_iter().filter(|d| *d >= since).collect(),
        None => issues.pop().into_iter().collect(),
    })
}

fn stdaily_article(
    run: &Run,
    source: &Source,
    base: &str,
    issue: &str,
    id: &serde_json::Value,
    report: &mut SourceReport,
) {
    let id = match id {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let key = item_key(&source.name, &format!("stdaily:{id}"));
    // An e-paper article does not change once printed: never asked for twice.
    if run.known_unchanged(&key, None) {
        report.unchanged += 1;
        return;
    }
    let fetched = api::<stdaily::ArticleDetail>(
        run,
        base,
        "uv/article/article/articleId",
        serde_json::json!({"code": STDAILY_CODE, "id": id, "siteId": STDAILY_SITE}),
    )
    .and_then(|reply| {
        reply
            .obj
            .ok_or_else(|| FetchError::Malformed("no articleVo".into()))
    });
    let url = format!("{}/statics/technology-site/index.html#/home?isDetail=1&currentNewsId={id}&timeValue={issue}", origin(base));
    let article = fetched.and_then(|detail| {
        let mut fields = stdaily::extract(detail.article_vo);
        fields.date = fields.date.or(Some(issue.to_string()));
        extract::finish(fields, Some(&url), Detail::Outline)
            .map_err(|e| FetchError::Malformed(e.to_string()))
    });
    match article {
        Ok(article) => run.keep(article, &source.name, &key, 0, report),
        Err(e) => {
            report.failed += 1;
            report.notes.push(format!("article {id}: {e}"));
        }
    }
}

fn walk_epaper(
    run: &Run,
    source: &Source,
    url: &str,
    editions: &EditionFilter,
    report: &mut SourceReport,
) -> Result<(), FetchError> {
    let issues = epaper_issue_urls(run, url, editions);
    let mut found_issue = false;
    let mut last_error = None;
    for issue_url in issues {
        match conditional_get(run, &issue_url) {
            Ok(None) => {
                found_issue = true;
                report.notes.push(format!("{issue_url}: not modified"));
            }
            Ok(Some(body)) => {
                found_issue = true;
                walk_issue(run, source, &issue_url, &body, editions, report);
                remember_validators(run, &issue_url, &body);
            }
            // No paper that day (a Sunday, a holiday): the next date is tried.
            Err(FetchError::Status(404)) if editions.since.is_some() || url_date(url).is_some() => {
            }
            Err(e) => last_error = Some(e),
        }
        if found_issue && editions.since.is_none() {
            break;
        }
    }
    match (found_issue, last_error) {
        (false, Some(e)) => Err(e),
        (false, None) => Err(FetchError::Status(404)),
        _ => Ok(()),
    }
}

/// The page-node URLs to read: the configured one with each date from `since` to
/// today put in its date's place, or, with no `since`, today's and then the days
/// before until an issue is found. A URL with no date in it is read as it is.
fn epaper_issue_urls(run: &Run, url: &str, editions: &EditionFilter) -> Vec<String> {
    let (Some(_), Some(today)) = (url_date(url), run.today) else {
        return vec![url.to_string()];
    };
    let mut dates = Vec::new();
    match editions.since {
        Some(since) => {
            let mut d = since;
            while d <= today && dates.len() < 3660 {
                dates.push(d);
                let Some(next) = d.next_day() else { break };
                d = next;
            }
        }
        None => {
            let mut d = today;
            for _ in 0..LATEST_ISSUE_DAYS {
                dates.push(d);
                let Some(prev) = d.previous_day() else { break };
                d = prev;
            }
        }
    }
    dates
        .into_iter()
        .filter_map(|d| with_date(url, d))
        .collect()
}

fn url_date(url: &str) -> Option<PageDate> {
    extract::date_in_url(url).filter(|d| d.day.is_some())
}

/// The URL with the date in its path (`2024-07/30` or `202407/30`) replaced.
pub(super) fn with_date(url: &str, date: PageDate) -> Option<String> {
    let day = date.day?;
    let parts: Vec<&str> = url.split('/').collect();
    let is_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    for i in 3..parts.len().saturating_sub(1) {
        let (month_part, day_part) = (parts[i], parts[i + 1]);
        if day_part.len() != 2 || !is_digits(day_part) {
            continue;
        }
        let month = if month_part.len() == 7 && month_part.as_bytes()[4] == b'-' {
            format!("{:04}-{:02}", date.year, date.month)
        } else if month_part.len() == 6 && is_digits(month_part) {
            format!("{:04}{:02}", date.year, date.month)
        } else {
            continue;
        };
        let mut out: Vec<String> = parts.iter().map(|s| s.to_string()).collect();
        out[i] = month;
        out[i + 1] = format!("{day:02}");
        return Some(out.join("/"));
    }
    None
}

/// One issue's page node: the pages wanted (this one, and the pages it links to
/// whose names match), then each page's article links.
fn walk_issue(
    run: &Run,
    source: &Source,
    node_url: &str,
    body: &Body,
    editions: &EditionFilter,
    report: &mut SourceReport,
) {
    let (html, _) = decode_document(&body.bytes, body.charset.as_deref());
    let links = links_of(&html, node_url);
    let mut pages: Vec<(String, Option<String>)> = Vec::new();
    if editions.pages.is_empty() {
        pages.push((node_url.to_string(), None));
    } else {
        for (href, text) in links.iter().filter(|(h, _)| is_node_link(h)) {
            if editions.keeps_page(text) && !pages.iter().any(|(p, _)| p == href) {
                pages.push((href.clone(), Some(text.clone())));
            }
        }
    }
    for (page_url, name) in pages {
        let page_links = if page_url == node_url {
            links.clone()
        } else {
            match run.client.get_body(&page_url) {
                Ok(b) => links_of(
                    &decode_document(&b.bytes, b.charset.as_deref()).0,
                    &page_url,
                ),
                Err(e) => {
                    report.failed += 1;
                    report.notes.push(format!("{page_url}: {e}"));
                    continue;
                }
            }
        };
        let mut seen = std::collections::HashSet::new();
        let articles = page_links
            .iter()
            .filter(|(h, text)| is_content_link(h) && !extract::dom::is_boilerplate(text));
        for (href, _) in articles {
            if seen.insert(href.clone()) {
                epaper_article(run, source, href, name.as_deref(), report);
            }
        }
    }
}

fn epaper_article(
    run: &Run,
    source: &Source,
    url: &str,
    page: Option<&str>,
    report: &mut SourceReport,
) {
    let key = item_key(&source.name, url);
    if run.known_unchanged(&key, None) {
        report.unchanged += 1;
        return;
    }
    match fetch_article_page(run, url) {
        Ok(mut article) => {
            if article.page.is_none() {
                article.page = page.map(|p| extract::page_name(p).to_string());
            }
            run.keep(article, &source.name, &key, 0, report);
        }
        Err(e) => {
            report.failed += 1;
            report.notes.push(format!("{url}: {e}"));
        }
    }
}

fn is_node_link(href: &str) -> bool {
    href.rsplit('/')
        .next()
        .is_some_and(|f| f.starts_with("node_"))
}

fn is_content_link(href: &str) -> bool {
    href.rsplit('/')
        .next()
        .is_some_and(|f| f.starts_with("content_"))
}

/// Every link of a page, resolved against its URL, with its text.
fn links_of(html: &str, base: &str) -> Vec<(String, String)> {
    let document = Html::parse_document(html);
    let Ok(anchors) = Selector::parse("a[href]") else {
        return Vec::new();
    };
    document
        .select(&anchors)
        .filter_map(|a| {
            let href = a.value().attr("href")?;
            let url = resolve(base, href)?;
            Some((url, extract::dom::element_text(a)))
        })
        .collect()
}

/// `scheme://host`, of a URL.
fn origin(url: &str) -> &str {
    let Some(start) = url.find("://").map(|i| i + 3) else {
        return url;
    };
    let end = url[start..].find('/').map_or(url.len(), |i| start + i);
    &url[..end]
}

/// An href resolved against the page it is on (absolute, root-relative, relative
/// with `./` and `../`); None for javascript:, mailto: and fragments.
pub(super) fn resolve(base: &str, href: &str) -> Option<String> {
    let href = href.trim();
    if href.is_empty()
        || href.starts_with('#')
        || href.contains("javascript:")
        || href.starts_with("mailto:")
    {
        return None;
    }
    if href.starts_with("http://") || href.starts_with("https://") {
        return Some(href.to_string());
    }
    if let Some(rest) = href.strip_prefix("//") {
        let scheme = base.split("://").next()?;
        return Some(format!("{scheme}://{rest}"));
    }
    let origin = origin(base);
    if href.starts_with('/') {
        return Some(format!("{origin}{href}"));
    }
    let path = &base[origin.len()..];
    let path = path.split(['?', '#']).next().unwrap_or("");
    let mut parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    if !path.ends_with('/') {
        parts.pop();
    }
    for piece in href.split('/') {
        match piece {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    Some(format!("{origin}/{}", parts.join("/")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_against_their_page() {
        let base = "http://127.0.0.1:8000/html/2025-03/14/node_6.htm";
        assert_eq!(
            resolve(base, "content_12.htm").unwrap(),
            "http://127.0.0.1:8000/html/2025-03/14/content_12.htm"
        );
        assert_eq!(
            resolve(base, "../15/node_1.htm").unwrap(),
            "http://127.0.0.1:8000/html/2025-03/15/node_1.htm"
        );
        assert_eq!(
            resolve(base, "/index.htm").unwrap(),
            "http://127.0.0.1:8000/index.htm"
        );
        assert_eq!(resolve(base, "javascript:void(0)"), None);
    }

    #[test]
    fn an_issue_url_takes_another_date() {
        let d = PageDate::parse("2025-01-05").unwrap();
        assert_eq!(
            with_date("http://p.example/html/2024-12/30/node_6.htm", d).unwrap(),
            "http://p.example/html/2025-01/05/node_6.htm"
        );
        assert_eq!(
            with_date("http://p.example/pc/layout/202412/30/node_06.html", d).unwrap(),
            "http://p.example/pc/layout/202501/05/node_06.html"
        );
        assert_eq!(with_date("http://p.example/today.htm", d), None);
    }
}
