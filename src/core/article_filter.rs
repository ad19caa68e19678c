//! Which articles a command looks at: those of the parks a query names, dated
//! within a span. `list`, `figures` and `stats` share it, so `--park`, `--since`
//! and `--until` mean one thing everywhere (and the figures table's `park:` and
//! `date>=` terms use the same parsing).

use std::collections::HashSet;

use super::article::Article;
use super::collection::{Collection, ParkGroup, NO_PARK};
use super::dates::PageDate;
use super::parks::finder::ParkFinder;
use super::parks::{same_park, ParkRegistry};

/// What a date argument may look like, for error messages.
const DATE_FORMS: &str = "a year, month or day such as 2024, 2024-07 or 2024-07-30";

/// The first and last day `text` covers: `2024` is the whole year, `2024-07` (or
/// `2024/07`, `202407`) the month, `2024-07-30` (or `2024/07/30`, `2024.07.30`,
/// `20240730`) the day. The error names the text.
pub fn parse_date_bound(text: &str) -> Result<(PageDate, PageDate), String> {
    let bad = || format!("`{text}` is not {DATE_FORMS}");
    let trimmed = text.trim();
    let parts: Vec<&str> = if trimmed.bytes().all(|b| b.is_ascii_digit()) {
        // Compact forms: 2024, 202407, 20240730.
        match trimmed.len() {
            4 => vec![trimmed],
            6 => vec![&trimmed[..4], &trimmed[4..]],
            8 => vec![&trimmed[..4], &trimmed[4..6], &trimmed[6..]],
            _ => return Err(bad()),
        }
    } else {
        trimmed.split(['-', '/', '.']).collect()
    };
    let number = |part: &str, digits: std::ops::RangeInclusive<usize>| -> Option<u16> {
        let ok = digits.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit());
        ok.then(|| part.parse().ok()).flatten()
    };
    let year = parts
        .first()
        .and_then(|p| number(p, 4..=4))
        .ok_or_else(bad)?;
    let month = match parts.get(1) {
        Some(p) => Some(number(p, 1..=2).ok_or_else(bad)? as u8),
        None => None,
    };
    let day = match parts.get(2) {
        Some(p) => Some(number(p, 1..=2).ok_or_else(bad)? as u8),
        None => None,
    };
    if parts.len() > 3 {
        return Err(bad());
    }
    let (first, last) = match (month, day) {
        (None, _) => (
            PageDate::new(year, 1, Some(1)),
            PageDate::new(year, 12, Some(31)),
        ),
        (Some(m), None) => (
            PageDate::new(year, m, Some(1)),
            PageDate::new(year, m, None).and_then(last_day_of_month),
        ),
        (Some(m), Some(d)) => {
            let day = PageDate::new(year, m, Some(d));
            (day, day)
        }
    };
    first.zip(last).ok_or_else(bad)
}

/// The last day of a date's month.
fn last_day_of_month(date: PageDate) -> Option<PageDate> {
    (28..=31)
        .rev()
        .find_map(|d| PageDate::new(date.year, date.month, Some(d)))
}

/// The days a date covers: itself, or the whole month for a month.
pub fn span_of(date: PageDate) -> (PageDate, PageDate) {
    match date.day {
        Some(_) => (date, date),
        None => {
            let first = PageDate {
                day: Some(1),
                ..date
            };
            (first, last_day_of_month(date).unwrap_or(first))
        }
    }
}

/// The indexes of the park `names` that `query` names — by the name, a registry alias
/// of it or their pinyin as the park finder (`p`) matches, or a short or full form of
/// the name — best match first.
pub fn names_matching(query: &str, names: &[&str]) -> Vec<usize> {
    let registry = ParkRegistry::builtin();
    // Each name and the registry's aliases of it, all matched alike.
    let mut forms: Vec<(usize, &str)> = Vec::new();
    for (n, &name) in names.iter().enumerate() {
        forms.push((n, name));
        if let Some(entry) = registry.lookup(name) {
            forms.extend(entry.forms().map(|f| (n, f)));
        }
    }
    let finder = ParkFinder::new(forms.iter().map(|&(_, f)| f));
    let by_form = finder.find(query).into_iter().map(|k| forms[k].0);
    let by_key = (0..names.len())
        .filter(|&n| names[n] != NO_PARK)
        .filter(|&n| same_park(query, names[n]));
    let mut found: Vec<usize> = Vec::new();
    for n in by_form.chain(by_key) {
        if !found.contains(&n) {
            found.push(n);
        }
    }
    found
}

/// A filter by park and date, resolved once from the command line (or a table term).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleFilter {
    /// The park query as typed: a name, an alias or pinyin.
    pub park: Option<String>,
    /// The first day kept.
    pub since: Option<PageDate>,
    /// The last day kept.
    pub until: Option<PageDate>,
}

/// The parks a filter's query matched, ready to test articles against.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParkMatches {
    /// Indexes into `Collection::parks`, best match first; every park when the
    /// filter names none.
    pub groups: Vec<usize>,
    /// The park names (as articles carry them) of the matched groups; None: any park.
    names: Option<HashSet<String>>,
}

impl ParkMatches {
    /// Every park of `collection`: what a filter without a park query matches.
    pub fn all(collection: &Collection) -> ParkMatches {
        ParkMatches {
            groups: (0..collection.parks.len()).collect(),
            names: None,
        }
    }

    /// Is the article in one of the matched parks?
    pub fn contains(&self, article: &Article) -> bool {
        let name = article.park.as_deref().unwrap_or(NO_PARK);
        self.names.as_ref().is_none_or(|names| names.contains(name))
    }
}

impl ArticleFilter {
    /// A filter from command-line text; each argument may be absent. `since` keeps
    /// from the first day it covers, `until` to the last (`--until 2024-07` keeps
    /// all of July). Errors name the text that is wrong.
    pub fn new(
        park_query: Option<&str>,
        since: Option<&str>,
        until: Option<&str>,
    ) -> Result<ArticleFilter, String> {
        let park = match park_query.map(str::trim) {
            Some("") => return Err("the park to filter by is empty".to_string()),
            other => other.map(str::to_string),
        };
        let since_bound = since.map(parse_date_bound).transpose()?;
        let until_bound = until.map(parse_date_bound).transpose()?;
        if let (Some((first, _)), Some((_, last))) = (since_bound, until_bound) {
            if first > last {
                return Err(format!(
                    "since `{}` is after until `{}`: nothing could match",
                    since.unwrap_or_default(),
                    until.unwrap_or_default()
                ));
            }
        }
        Ok(ArticleFilter {
            park,
            since: since_bound.map(|(first, _)| first),
            until: until_bound.map(|(_, last)| last),
        })
    }

    /// True when the filter keeps every article.
    pub fn is_empty(&self) -> bool {
        self.park.is_none() && self.since.is_none() && self.until.is_none()
    }

    /// The park groups of `collection` the query names — by name, registry alias or
    /// pinyin as the park finder (`p`) matches, or a short or full form of the name —
    /// best match first. Every park when there is no query; an error naming the
    /// query when it matches none.
    pub fn parks_matching(&self, collection: &Collection) -> Result<Vec<usize>, String> {
        self.groups_matching(&collection.parks)
    }

    /// `parks_matching` over park groups alone (a listing put together from rows).
    pub fn groups_matching(&self, parks: &[ParkGroup]) -> Result<Vec<usize>, String> {
        let Some(query) = self.park.as_deref() else {
            return Ok((0..parks.len()).collect());
        };
        let names: Vec<&str> = parks.iter().map(|p| p.name.as_str()).collect();
        let groups = names_matching(query, &names);
        if groups.is_empty() {
            return Err(format!("no park matches `{query}`"));
        }
        Ok(groups)
    }

    /// `parks_matching`, ready for `keeps`.
    pub fn park_matches(&self, collection: &Collection) -> Result<ParkMatches, String> {
        if self.park.is_none() {
            return Ok(ParkMatches::all(collection));
        }
        let groups = self.parks_matching(collection)?;
        let names = groups
            .iter()
            .flat_map(|&g| &collection.parks[g].articles)
            .filter_map(|&i| collection.articles.get(i))
            .map(|a| a.park.as_deref().unwrap_or(NO_PARK).to_string())
            .collect();
        Ok(ParkMatches {
            groups,
            names: Some(names),
        })
    }

    /// Is the article's date within the span? An article dated by month is kept when
    /// the month overlaps the span; an undated article is dropped by any date bound.
    pub fn keeps_date(&self, article: &Article) -> bool {
        self.keeps_day(article.date)
    }

    /// `keeps_date` for an article dated `date`.
    pub fn keeps_day(&self, date: Option<PageDate>) -> bool {
        if self.since.is_none() && self.until.is_none() {
            return true;
        }
        let Some(date) = date else {
            return false;
        };
        let (first, last) = span_of(date);
        self.since.is_none_or(|since| last >= since)
            && self.until.is_none_or(|until| first <= until)
    }

    /// Does the filter keep the article: in a matched park (`park_matches`, from
    /// this filter over the article's collection) and within the dates?
    pub fn keeps(&self, article: &Article, park_matches: &ParkMatches) -> bool {
        park_matches.contains(article) && self.keeps_date(article)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: u16, m: u8, d: u8) -> PageDate {
        PageDate::new(y, m, Some(d)).expect("a real day")
    }

    #[test]
    fn a_bound_covers_its_year_month_or_day() {
        assert_eq!(
            parse_date_bound("2024"),
            Ok((day(2024, 1, 1), day(2024, 12, 31)))
        );
        for text in ["2024-02", "2024/02", "202402", "2024-2"] {
            assert_eq!(
                parse_date_bound(text),
                Ok((day(2024, 2, 1), day(2024, 2, 29))),
                "{text}"
            );
        }
        assert_eq!(
            parse_date_bound("2023-02").map(|(_, last)| last),
            Ok(day(2023, 2, 28))
        );
        for text in [
            "2024-07-30",
            "2024/07/30",
            "2024.7.30",
            "20240730",
            " 2024-07-30 ",
        ] {
            assert_eq!(
                parse_date_bound(text),
                Ok((day(2024, 7, 30), day(2024, 7, 30))),
                "{text}"
            );
        }
    }

    #[test]
    fn a_bad_bound_is_an_error_naming_it() {
        for text in [
            "",
            "24",
            "2024-13",
            "2023-02-29",
            "2024-07-30-1",
            "July",
            "2024-",
            "1234567",
        ] {
            let error = parse_date_bound(text).expect_err(text);
            assert!(error.contains(&format!("`{text}`")), "{error}");
        }
    }

    fn article(id: &str, park: Option<&str>, date: Option<PageDate>) -> Article {
        let mut a = Article::new(id, format!("{id} title"));
        a.park = park.map(str::to_string);
        a.date = date;
        a
    }

    fn collection() -> Collection {
        Collection::from_articles(
            vec![
                article("a", Some("赣州高新区"), Some(day(2024, 7, 30))),
                article("b", Some("西安高新区"), Some(day(2024, 6, 1))),
                article("c", Some("贵阳综合保税区"), PageDate::new(2024, 5, None)),
                article("d", None, None),
                article("e", Some("赣州高新技术产业开发区"), Some(day(2023, 1, 2))),
            ],
            Vec::new(),
        )
    }

    fn kept(filter: &ArticleFilter, collection: &Collection) -> Vec<String> {
        let matches = filter.park_matches(collection).expect("parks match");
        let mut ids: Vec<String> = collection
            .articles
            .iter()
            .filter(|a| filter.keeps(a, &matches))
            .map(|a| a.id.clone())
            .collect();
        ids.sort();
        ids
    }

    #[test]
    fn park_by_name_alias_pinyin_or_full_form() {
        let c = collection();
        for query in ["赣州", "ganzhou", "gz", "赣州高新技术产业开发区"] {
            let f = ArticleFilter::new(Some(query), None, None).expect(query);
            assert_eq!(kept(&f, &c), ["a", "e"], "{query}");
        }
        // 贵阳综保区 is the registry's alias of 贵阳综合保税区.
        let f = ArticleFilter::new(Some("贵阳综保区"), None, None).expect("alias");
        assert_eq!(kept(&f, &c), ["c"]);
        let f = ArticleFilter::new(Some("xian"), None, None).expect("pinyin");
        assert_eq!(kept(&f, &c), ["b"]);
        // Articles naming no park are the group 其他.
        let f = ArticleFilter::new(Some(NO_PARK), None, None).expect("no park");
        assert_eq!(kept(&f, &c), ["d"]);
    }

    #[test]
    fn a_park_nobody_has_is_an_error_naming_it() {
        let c = collection();
        let f = ArticleFilter::new(Some("深圳"), None, None).expect("parses");
        let error = f.parks_matching(&c).expect_err("no 深圳 park");
        assert!(error.contains("`深圳`"), "{error}");
        assert!(ArticleFilter::new(Some("  "), None, None).is_err());
    }

    #[test]
    fn dates_keep_a_span_and_drop_undated_articles() {
        let c = collection();
        let all = ArticleFilter::new(None, None, None).expect("empty");
        assert!(all.is_empty());
        assert_eq!(kept(&all, &c), ["a", "b", "c", "d", "e"]);
        let f = ArticleFilter::new(None, Some("2024"), None).expect("since");
        assert_eq!(kept(&f, &c), ["a", "b", "c"]);
        let f = ArticleFilter::new(None, None, Some("2024-06")).expect("until");
        assert_eq!(kept(&f, &c), ["b", "c", "e"]);
        // A month-dated article is kept when its month overlaps the span.
        let f = ArticleFilter::new(None, Some("2024-05-31"), Some("2024-06-01")).expect("span");
        assert_eq!(kept(&f, &c), ["b", "c"]);
        let f = ArticleFilter::new(Some("ganzhou"), Some("2024-07"), None).expect("both");
        assert_eq!(kept(&f, &c), ["a"]);
    }

    #[test]
    fn since_after_until_and_bad_dates_are_errors() {
        let error = ArticleFilter::new(None, Some("2024-08"), Some("2024-07")).expect_err("order");
        assert!(
            error.contains("2024-08") && error.contains("2024-07"),
            "{error}"
        );
        let error = ArticleFilter::new(None, None, Some("2024-7-32")).expect_err("day");
        assert!(error.contains("`2024-7-32`"), "{error}");
    }
}
