//! The figures table over a collection: one row per figure with its article, sorted
//! and filtered. Pure data, shared by `yuanqu figures` (text, `--csv`, `--json`) and
//! the reader's figures table.
//!
//! Filter syntax: terms separated by spaces, all of which must hold.
//! - a kind (`money`, `percent`, `multiple`, `count`, `quantity`, `duration`, `date`,
//!   `rate`): figures of that kind; several kinds are any of them (`money rate`);
//! - a unit as reported (`元`, `美元`, `吨`, `元/吨`, `%`): figures in that unit;
//! - a kind or unit with a comparison: `元>=1亿`, `money>1000万`, `吨<5000`,
//!   `percent>=20`; the operators are `>=` `<=` `>` `<` `=` (also `≥` `≤` `＞` `＜`),
//!   the number may carry 万, 亿, 千, 百万, 千万 or 万亿, and for percentages it is in
//!   per cent (`%>=20` is 20% and more). The low end of a range is compared.
//! - a bound name (`exact`, `approx`, `at_least`, `more_than`, `at_most`, `less_than`);
//! - `park:NAME`: figures of articles about the parks NAME names (a name, alias or
//!   pinyin, as `--park` and the park finder match);
//! - `date>=2024-07` (also `<=` `>` `<` `=`, with 2024, 2024-07 or 2024-07-30): figures
//!   of articles dated so; undated articles fail it. (`date` alone is the kind.)
//!
//! The unit may be repeated after the number (`元>=1亿元`). Any other term is an
//! error that names it, never a filter that quietly keeps nothing.

use std::collections::{HashMap, HashSet};

use crate::core::article::{Article, Bound, Figure, FigureKind, Figures};
use crate::core::article_filter::{names_matching, parse_date_bound, span_of};
use crate::core::collection::{give_back_freed_memory, BringBack, Collection, NO_PARK};
use crate::core::dates::PageDate;
use crate::core::figures::units::{reported_name, strip_unit_of_kind};
use crate::core::parks::finder::pinyin_order_key;

/// One row: figure `figure` of article `article` (indices into the collection).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct FigureRef {
    pub article: usize,
    pub figure: usize,
}

impl FigureRef {
    pub fn get<'a>(&self, articles: &'a [Article]) -> Option<(&'a Article, &'a Figure)> {
        let article = articles.get(self.article)?;
        Some((article, article.figures.get(self.figure)?))
    }
}

/// What the table sorts and filters a figure by, kept apart from the figure: its
/// article and place, kind, bound, unit and value. A table over a whole archive
/// holds these, 24 bytes a row, not the figures themselves (960,000 of them over
/// 20,000 pages): the figures of the rows in view are brought back to be drawn.
#[derive(Debug, Clone, Default)]
pub struct FigureKeys {
    keys: Vec<FigureKey>,
    /// The units as reported, each once; a key names its unit by its place here.
    units: Vec<String>,
    unit_ids: HashMap<String, u16>,
}

/// 24 bytes: an article's 65,536th figure and a table's 65,536th unit are the
/// last told apart (no page has a thousand).
#[derive(Debug, Clone, Copy)]
struct FigureKey {
    article: u32,
    figure: u16,
    unit: u16,
    kind: FigureKind,
    bound: Bound,
    value: f64,
}

impl FigureKey {
    fn at(&self) -> FigureRef {
        FigureRef {
            article: self.article as usize,
            figure: self.figure as usize,
        }
    }
}

impl FigureKeys {
    /// The keys of the figures the articles at `scope` (every article when None)
    /// hold now, in article order.
    pub fn of(articles: &[Article], scope: Option<&[usize]>) -> FigureKeys {
        let mut indexes: Vec<usize> = match scope {
            Some(scope) => scope.to_vec(),
            None => (0..articles.len()).collect(),
        };
        indexes.sort_unstable();
        indexes.dedup();
        let mut keys = FigureKeys::default();
        for i in indexes {
            if let Some(article) = articles.get(i) {
                keys.add(i, &article.figures);
            }
        }
        keys
    }

    /// Add the keys of article `article`'s figures.
    pub fn add(&mut self, article: usize, figures: &[Figure]) {
        let Ok(article) = u32::try_from(article) else {
            return;
        };
        for (figure, f) in figures.iter().enumerate() {
            let unit = self.unit_id(&f.unit);
            self.keys.push(FigureKey {
                article,
                figure: u16::try_from(figure).unwrap_or(u16::MAX),
                unit,
                kind: f.kind,
                bound: f.bound,
                value: f.value,
            });
        }
    }

    fn unit_id(&mut self, unit: &str) -> u16 {
        if let Some(&id) = self.unit_ids.get(unit) {
            return id;
        }
        let id = u16::try_from(self.units.len()).unwrap_or(u16::MAX);
        self.units.push(unit.to_string());
        self.unit_ids.insert(unit.to_string(), id);
        id
    }

    /// Put the keys in article order (added out of it, a batch at a time).
    pub fn in_article_order(&mut self) {
        self.keys.sort_unstable_by_key(|k| (k.article, k.figure));
        self.keys.dedup_by_key(|k| (k.article, k.figure));
        self.keys.shrink_to_fit();
    }

    fn unit(&self, key: &FigureKey) -> &str {
        self.units.get(key.unit as usize).map_or("", String::as_str)
    }
}

/// Articles whose figures are brought back at once while keying a collection.
const KEY_STEP: usize = 2048;

/// The keys of the figures of the articles at `scope` (every article when None),
/// found where missing. Articles whose bodies are away (see `collection::bodies`)
/// have theirs brought back a step at a time and let go again once keyed, unless
/// they held them before: a whole archive's figures are never all held at once.
pub fn keys_of_collection(collection: &mut Collection, scope: Option<&[usize]>) -> FigureKeys {
    let mut indexes: Vec<usize> = match scope {
        Some(scope) => scope.to_vec(),
        None => (0..collection.articles.len()).collect(),
    };
    indexes.sort_unstable();
    indexes.dedup();
    let (away, here): (Vec<usize>, Vec<usize>) = indexes.into_iter().partition(|&i| {
        collection.body_is_away(i)
            && collection
                .articles
                .get(i)
                .is_some_and(|a| !a.figures.are_found())
    });
    collection.find_figures_of(&here);
    let mut keys = FigureKeys::default();
    for &i in &here {
        keys.add(i, &collection.articles[i].figures);
    }
    for step in away.chunks(KEY_STEP) {
        collection.bring_back(step, BringBack::Figures);
        for &i in step {
            if let Some(article) = collection.articles.get_mut(i) {
                keys.add(i, &article.figures);
                article.figures = Figures::NotScanned;
            }
        }
    }
    if !away.is_empty() {
        give_back_freed_memory();
    }
    keys.in_article_order();
    keys
}

/// How the table is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortKey {
    /// As the articles read.
    #[default]
    Reading,
    /// Largest value first.
    Value,
    /// Newest article first, undated ones last.
    Date,
    /// By park name in pinyin order (`park_finder::pinyin_order_key`), then as the
    /// articles read.
    Park,
}

impl SortKey {
    pub const ALL: [SortKey; 4] = [
        SortKey::Reading,
        SortKey::Value,
        SortKey::Date,
        SortKey::Park,
    ];

    pub fn name(self) -> &'static str {
        match self {
            SortKey::Reading => "reading",
            SortKey::Value => "value",
            SortKey::Date => "date",
            SortKey::Park => "park",
        }
    }

    pub fn from_name(name: &str) -> Option<SortKey> {
        SortKey::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The next key in `ALL`, round again after the last.
    pub fn next(self) -> SortKey {
        let i = SortKey::ALL.iter().position(|&k| k == self).unwrap_or(0);
        SortKey::ALL[(i + 1) % SortKey::ALL.len()]
    }
}

/// Sort `rows` by `key`; rows that compare equal keep their order.
fn sort_rows(rows: &mut [&FigureKey], keys: &FigureKeys, articles: &[Article], key: SortKey) {
    let article = |r: &FigureKey| articles.get(r.article as usize);
    match key {
        SortKey::Reading => rows.sort_by_key(|r| (r.article, r.figure)),
        SortKey::Value => sort_by_value(rows, keys),
        SortKey::Date => rows.sort_by(|a, b| {
            let date = |r: &&FigureKey| article(r).and_then(|a| a.date);
            // Newest first; undated after every dated one.
            match (date(a), date(b)) {
                (Some(x), Some(y)) => y.cmp(&x),
                (x, y) => x.is_none().cmp(&y.is_none()),
            }
        }),
        // By pinyin, as a Chinese index orders names; articles with no park last. The
        // key is worked out once per park, not at every comparison.
        SortKey::Park => {
            let mut order: HashMap<&str, (Vec<Vec<u8>>, String)> = HashMap::new();
            for park in rows.iter().filter_map(|r| article(r)?.park.as_deref()) {
                order.entry(park).or_insert_with(|| pinyin_order_key(park));
            }
            rows.sort_by(|a, b| {
                let key = |r: &&FigureKey| article(r)?.park.as_deref().and_then(|p| order.get(p));
                match (key(a), key(b)) {
                    (Some(x), Some(y)) => x.cmp(y),
                    (x, y) => x.is_none().cmp(&y.is_none()),
                }
            })
        }
    }
}

/// Values compare only within one kind and unit: money by money (元 apart from
/// 美元), counts by counts. Kinds go in `FigureKind::ALL` order with dates last, the
/// units of a kind most rows first; within them the largest value first. Dates are
/// no quantity: they go newest first (their coded value orders them so).
fn sort_by_value(rows: &mut [&FigureKey], keys: &FigureKeys) {
    let kind_rank = |kind: FigureKind| {
        if kind == FigureKind::Date {
            FigureKind::ALL.len()
        } else {
            FigureKind::ALL.iter().position(|&k| k == kind).unwrap_or(0)
        }
    };
    let mut unit_rows: HashMap<(usize, u16), usize> = HashMap::new();
    for f in rows.iter() {
        *unit_rows.entry((kind_rank(f.kind), f.unit)).or_default() += 1;
    }
    rows.sort_by(|a, b| {
        let key = |f: &&FigureKey| {
            let kind = kind_rank(f.kind);
            // Dates are one sequence whatever their unit (年, 月, 日).
            let unit = if f.kind == FigureKind::Date {
                ""
            } else {
                keys.unit(f)
            };
            let count = unit_rows.get(&(kind, f.unit)).copied().unwrap_or(0);
            let count = if unit.is_empty() { 0 } else { count };
            (kind, std::cmp::Reverse(count), unit)
        };
        key(a)
            .cmp(&key(b))
            // Largest first within one kind and unit.
            .then_with(|| {
                b.value
                    .partial_cmp(&a.value)
                    .unwrap_or(std::cmp::Ordering::Equal)
            })
    });
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Op {
    AtLeast,
    AtMost,
    Above,
    Below,
    Equal,
}

impl Op {
    fn holds(self, value: f64, limit: f64) -> bool {
        match self {
            Op::AtLeast => value >= limit,
            Op::AtMost => value <= limit,
            Op::Above => value > limit,
            Op::Below => value < limit,
            Op::Equal => (value - limit).abs() <= limit.abs() * 1e-9,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Subject {
    Kind(FigureKind),
    Unit(String),
}

impl Subject {
    fn matches(&self, kind: FigureKind, unit: &str) -> bool {
        match self {
            Subject::Kind(k) => kind == *k,
            Subject::Unit(u) => unit == u,
        }
    }

    fn is_percent(&self) -> bool {
        matches!(self, Subject::Kind(FigureKind::Percent))
            || matches!(self, Subject::Unit(u) if u == "%")
    }
}

/// A parsed filter (see the module docs for its syntax).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    kinds: Vec<FigureKind>,
    bounds: Vec<Bound>,
    conditions: Vec<(Subject, Option<(Op, f64)>)>,
    /// `park:` queries, each of which must name the article's park.
    parks: Vec<String>,
    /// `date>=` … terms: the article's date compared with the days a bound covers.
    dates: Vec<(Op, (PageDate, PageDate))>,
}

const OPERATORS: &[(&str, Op)] = &[
    (">=", Op::AtLeast),
    ("<=", Op::AtMost),
    ("≥", Op::AtLeast),
    ("≤", Op::AtMost),
    ("＞＝", Op::AtLeast),
    ("＜＝", Op::AtMost),
    (">", Op::Above),
    ("<", Op::Below),
    ("＞", Op::Above),
    ("＜", Op::Below),
    ("=", Op::Equal),
    ("＝", Op::Equal),
];
const BOUNDS: [Bound; 6] = [
    Bound::Exact,
    Bound::Approx,
    Bound::AtLeast,
    Bound::MoreThan,
    Bound::AtMost,
    Bound::LessThan,
];

/// What a filter term may be, for the error that names an unknown one.
const TERM_HELP: &str = "a kind (money, percent, multiple, count, quantity, duration, \
     date, rate), a unit (元, 吨, 元/吨, % …), a bound (exact, approx, at_least, \
     more_than, at_most, less_than), a comparison (元>=1亿), park:NAME or date>=2024-07";

impl Filter {
    /// Parse `text`; an empty text keeps every figure. A term that is none of the
    /// known forms is an error naming it.
    pub fn parse(text: &str) -> Result<Filter, String> {
        let mut filter = Filter::default();
        for term in text.split_whitespace() {
            filter.add_term(term)?;
        }
        Ok(filter)
    }

    fn add_term(&mut self, term: &str) -> Result<(), String> {
        if let Some(query) = term
            .strip_prefix("park:")
            .or_else(|| term.strip_prefix("park："))
        {
            if query.is_empty() {
                return Err(format!("`{term}`: a park name goes after park:"));
            }
            self.parks.push(query.to_string());
            return Ok(());
        }
        let split = OPERATORS
            .iter()
            .filter_map(|&(op, o)| term.find(op).map(|at| (at, op, o)))
            .min_by_key(|&(at, op, _)| (at, std::cmp::Reverse(op.len())));
        let (name, comparison) = match split {
            Some((at, op, o)) => (&term[..at], Some((op, o, &term[at + op.len()..]))),
            None => (term, None),
        };
        if name.is_empty() {
            return Err(format!(
                "`{term}`: a kind or unit goes before the comparison"
            ));
        }
        let Some((op_text, op, limit_text)) = comparison else {
            if let Some(kind) = FigureKind::from_name(name) {
                self.kinds.push(kind);
            } else if let Some(bound) = BOUNDS.into_iter().find(|b| b.name() == name) {
                self.bounds.push(bound);
            } else {
                self.conditions.push((subject_of(term, name)?, None));
            }
            return Ok(());
        };
        // date>=2024-07 compares the article's date; a date figure's coded value is
        // no quantity to compare.
        if name == "date" {
            let bound = parse_date_bound(limit_text).map_err(|e| format!("`{term}`: {e}"))?;
            self.dates.push((op, bound));
            return Ok(());
        }
        let subject = subject_of(term, name)?;
        let limit = parse_limit(&subject, limit_text)
            .ok_or_else(|| format!("`{term}`: no number after {op_text}"))?;
        let limit = if subject.is_percent() {
            limit / 100.0
        } else {
            limit
        };
        self.conditions.push((subject, Some((op, limit))));
        Ok(())
    }

    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
            && self.bounds.is_empty()
            && self.conditions.is_empty()
            && self.parks.is_empty()
            && self.dates.is_empty()
    }

    /// Does the filter keep the figure, leaving its article's park and date aside?
    pub fn matches(&self, figure: &Figure) -> bool {
        self.keeps(figure.kind, figure.bound, &figure.unit, figure.value)
    }

    /// `matches`, on what the filter looks at of a figure.
    fn keeps(&self, kind: FigureKind, bound: Bound, unit: &str, value: f64) -> bool {
        (self.kinds.is_empty() || self.kinds.contains(&kind))
            && (self.bounds.is_empty() || self.bounds.contains(&bound))
            && self.conditions.iter().all(|(subject, comparison)| {
                subject.matches(kind, unit)
                    && comparison.is_none_or(|(op, limit)| op.holds(value, limit))
            })
    }

    /// Does the filter keep the article's figures by date (`park:` terms are
    /// matched over the park names, by `table`)? Undated articles fail a date term.
    fn keeps_date(&self, article: &Article) -> bool {
        if self.dates.is_empty() {
            return true;
        }
        let Some(date) = article.date else {
            return false;
        };
        let (first, last) = span_of(date);
        self.dates.iter().all(|&(op, (from, to))| match op {
            Op::AtLeast => last >= from,
            Op::Above => first > to,
            Op::AtMost => first <= to,
            Op::Below => last < from,
            Op::Equal => last >= from && first <= to,
        })
    }

    /// The park names (as articles carry them) every `park:` term names; None when
    /// there is no such term.
    fn parks_kept<'a>(&self, names: &[&'a str]) -> Option<HashSet<&'a str>> {
        if self.parks.is_empty() {
            return None;
        }
        let mut kept: HashSet<&str> = names.iter().copied().collect();
        for query in &self.parks {
            let found: HashSet<&str> = names_matching(query, names)
                .into_iter()
                .map(|n| names[n])
                .collect();
            kept.retain(|n| found.contains(n));
        }
        Some(kept)
    }
}

/// The subject of a term: a kind, or a unit as reported (港币 is 港元, a rate is
/// units on both sides of /). Anything else is an error naming the term.
fn subject_of(term: &str, name: &str) -> Result<Subject, String> {
    if let Some(kind) = FigureKind::from_name(name) {
        return Ok(Subject::Kind(kind));
    }
    let parts: Option<Vec<&str>> = name.split('/').map(reported_name).collect();
    match parts {
        Some(parts) if !parts.is_empty() => Ok(Subject::Unit(parts.join("/"))),
        _ => Err(format!("unknown filter term `{term}`: use {TERM_HELP}")),
    }
}

/// The number a comparison is against: `1亿`, or `1亿元` with the term's own unit
/// (or a unit of its kind) repeated.
fn parse_limit(subject: &Subject, text: &str) -> Option<f64> {
    if let Some(amount) = parse_amount(text) {
        return Some(amount);
    }
    let bare = match subject {
        Subject::Unit(unit) => text.trim().strip_suffix(unit.as_str())?,
        Subject::Kind(kind) => strip_unit_of_kind(text.trim(), *kind)?,
    };
    parse_amount(bare.strip_suffix('％').unwrap_or(bare))
}

/// 1亿, 2.5万, 3000, 1千万: a number with an optional Chinese magnitude.
fn parse_amount(text: &str) -> Option<f64> {
    const MAGNITUDES: &[(&str, f64)] = &[
        ("万亿", 1e12),
        ("千万", 1e7),
        ("百万", 1e6),
        ("亿", 1e8),
        ("万", 1e4),
        ("千", 1e3),
    ];
    let text = text.trim();
    let (number, scale) = MAGNITUDES
        .iter()
        .find_map(|&(m, s)| text.strip_suffix(m).map(|n| (n, s)))
        .unwrap_or((text, 1.0));
    let number: f64 = number.replace(',', "").parse().ok()?;
    number.is_finite().then_some(number * scale)
}

/// The park names of the articles in scope that the filter's `park:` terms keep.
fn park_names_kept<'a>(
    articles: &'a [Article],
    scope: Option<&[usize]>,
    filter: &Filter,
) -> Option<HashSet<&'a str>> {
    if filter.parks.is_empty() {
        return None;
    }
    let in_scope: Box<dyn Iterator<Item = &Article>> = match scope {
        Some(scope) => Box::new(scope.iter().filter_map(|&i| articles.get(i))),
        None => Box::new(articles.iter()),
    };
    let mut names: Vec<&str> = in_scope
        .map(|a| a.park.as_deref().unwrap_or(NO_PARK))
        .collect();
    names.sort_unstable();
    names.dedup();
    filter.parks_kept(&names)
}

/// The rows of `articles` that `filter` keeps, sorted by `key`: over the figures
/// the articles at `scope` (every article when None) hold.
pub fn table(
    articles: &[Article],
    scope: Option<&[usize]>,
    filter: &Filter,
    key: SortKey,
) -> Vec<FigureRef> {
    table_of(
        &FigureKeys::of(articles, scope),
        articles,
        scope,
        filter,
        key,
    )
}

/// `table` over the keys of the figures, not the figures: their articles are
/// `articles`, in `scope`.
pub fn table_of(
    keys: &FigureKeys,
    articles: &[Article],
    scope: Option<&[usize]>,
    filter: &Filter,
    key: SortKey,
) -> Vec<FigureRef> {
    let parks = park_names_kept(articles, scope, filter);
    // References, not copies: a whole archive's keys are sorted.
    let mut rows: Vec<&FigureKey> = keys
        .keys
        .iter()
        .filter(|k| {
            let Some(a) = articles.get(k.article as usize) else {
                return false;
            };
            filter.keeps(k.kind, k.bound, keys.unit(k), k.value)
                && filter.keeps_date(a)
                && parks
                    .as_ref()
                    .is_none_or(|kept| kept.contains(a.park.as_deref().unwrap_or(NO_PARK)))
        })
        .collect();
    sort_rows(&mut rows, keys, articles, key);
    rows.iter().map(|k| k.at()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dates::PageDate;

    fn figure(text: &str, value: f64, unit: &str, kind: FigureKind, bound: Bound) -> Figure {
        Figure {
            bound,
            ..Figure::new(text, value, unit, kind)
        }
    }

    fn articles() -> Vec<Article> {
        let mut a = Article::new("a", "甲园区");
        a.park = Some("乙园区".into());
        a.date = PageDate::new(2024, 7, Some(1));
        a.figures = vec![
            figure("55亿元", 5.5e9, "元", FigureKind::Money, Bound::Exact),
            figure("20%", 0.2, "%", FigureKind::Percent, Bound::Exact),
            figure("3000吨", 3000.0, "吨", FigureKind::Quantity, Bound::Exact),
        ]
        .into();
        let mut b = Article::new("b", "乙文");
        b.park = Some("甲园区".into());
        b.date = PageDate::new(2024, 8, Some(2));
        b.figures = vec![
            figure("超3亿美元", 3e8, "美元", FigureKind::Money, Bound::MoreThan),
            figure("5000万元", 5e7, "元", FigureKind::Money, Bound::Exact),
            figure(
                "35元/平方米",
                35.0,
                "元/平方米",
                FigureKind::Rate,
                Bound::Exact,
            ),
        ]
        .into();
        let mut c = Article::new("c", "无日期");
        c.figures = vec![figure("8%", 0.08, "%", FigureKind::Percent, Bound::Approx)].into();
        vec![a, b, c]
    }

    fn texts(rows: &[FigureRef], articles: &[Article]) -> Vec<String> {
        rows.iter()
            .filter_map(|r| r.get(articles))
            .map(|(_, f)| f.text.clone())
            .collect()
    }

    fn shown(filter: &str, key: SortKey) -> Vec<String> {
        let articles = articles();
        let filter = Filter::parse(filter).unwrap_or_else(|e| panic!("{e}"));
        texts(&table(&articles, None, &filter, key), &articles)
    }

    #[test]
    fn money_of_a_hundred_million_yuan_and_more_largest_first() {
        assert_eq!(shown("元>=1亿", SortKey::Value), ["55亿元"]);
        assert_eq!(shown("money>=1亿", SortKey::Value), ["55亿元", "超3亿美元"]);
        // 元 and 美元 are not one measure: each by itself, the unit with more rows first.
        assert_eq!(
            shown("money", SortKey::Value),
            ["55亿元", "5000万元", "超3亿美元"]
        );
    }

    #[test]
    fn a_value_sort_keeps_kinds_and_units_apart_and_dates_by_date() {
        let mut articles = articles();
        articles[2].figures.extend([
            figure("2020年", 20200000.0, "年", FigureKind::Date, Bound::Exact),
            figure("7月29日", 729.0, "日", FigureKind::Date, Bound::Exact),
            figure(
                "2024年7月1日",
                20240701.0,
                "日",
                FigureKind::Date,
                Bound::Exact,
            ),
            figure("12家", 12.0, "家", FigureKind::Count, Bound::Exact),
        ]);
        let rows = table(&articles, None, &Filter::default(), SortKey::Value);
        let got = texts(&rows, &articles);
        // Money (元, then 美元), percent, count, quantity, rate; dates last, newest
        // first (a day with no year after every dated one).
        assert_eq!(
            got,
            [
                "55亿元",
                "5000万元",
                "超3亿美元",
                "20%",
                "8%",
                "12家",
                "3000吨",
                "35元/平方米",
                "2024年7月1日",
                "2020年",
                "7月29日"
            ]
        );
    }

    #[test]
    fn kinds_units_bounds_and_percentages() {
        assert_eq!(shown("rate", SortKey::Reading), ["35元/平方米"]);
        assert_eq!(shown("money rate", SortKey::Reading).len(), 4);
        assert_eq!(shown("%>=10", SortKey::Reading), ["20%"]);
        assert_eq!(shown("percent<10", SortKey::Reading), ["8%"]);
        assert_eq!(shown("more_than", SortKey::Reading), ["超3亿美元"]);
        assert_eq!(shown("吨=3000", SortKey::Reading), ["3000吨"]);
        assert_eq!(
            shown("元＞1000万", SortKey::Reading),
            ["55亿元", "5000万元"]
        );
        assert_eq!(shown("", SortKey::Reading).len(), 7);
    }

    #[test]
    fn a_bad_filter_says_what_is_wrong() {
        assert!(Filter::parse("元>=").is_err());
        assert!(Filter::parse(">=5").is_err());
        assert!(Filter::parse("元>=abc").is_err());
    }

    #[test]
    fn an_unknown_term_is_an_error_naming_it() {
        for term in ["moeny", "foo", "moeny>=5", "park:", "date>=2024-13"] {
            let error = Filter::parse(&format!("money {term}")).expect_err(term);
            assert!(error.contains(&format!("`{term}`")), "{term}: {error}");
        }
        // Known units, as typed: 港币 is reported as 港元, rates are unit/unit.
        for term in ["元", "港币", "元/吨", "元/平方米", "％", "个百分点"] {
            assert!(Filter::parse(term).is_ok(), "{term}");
        }
    }

    #[test]
    fn the_unit_may_be_repeated_after_the_number() {
        assert_eq!(shown("元>=1亿元", SortKey::Value), ["55亿元"]);
        assert_eq!(
            shown("money>=1亿美元", SortKey::Value),
            ["55亿元", "超3亿美元"]
        );
        assert_eq!(shown("%>=10%", SortKey::Reading), ["20%"]);
        assert!(
            Filter::parse("元>=1亿吨").is_err(),
            "another unit is no number"
        );
    }

    #[test]
    fn park_and_date_terms_look_at_the_article() {
        assert_eq!(
            shown("park:乙园区", SortKey::Reading),
            ["55亿元", "20%", "3000吨"]
        );
        assert_eq!(
            shown("money park:甲园区", SortKey::Reading),
            ["超3亿美元", "5000万元"]
        );
        // By pinyin, as the park finder matches (甲 jia).
        assert_eq!(shown("park:jia money", SortKey::Reading).len(), 2);
        assert!(shown("park:深圳", SortKey::Reading).is_empty());
        // Dates: the undated article (8%) fails every date term.
        assert_eq!(shown("date>=2024-08", SortKey::Reading).len(), 3);
        assert_eq!(shown("date<2024-08 percent", SortKey::Reading), ["20%"]);
        assert_eq!(shown("date=2024-07-01", SortKey::Reading).len(), 3);
        assert_eq!(shown("date<=2024", SortKey::Reading).len(), 6);
        assert!(shown("date>2024", SortKey::Reading).is_empty());
        // `date` alone is still the kind.
        assert!(shown("date", SortKey::Reading).is_empty());
    }

    #[test]
    fn sorted_by_date_newest_first_then_undated() {
        let got = shown("percent", SortKey::Date);
        assert_eq!(got, ["20%", "8%"]);
        let got = shown("money", SortKey::Date);
        assert_eq!(got, ["超3亿美元", "5000万元", "55亿元"]);
    }

    #[test]
    fn sorted_by_park_then_reading_order_and_limited_to_a_park() {
        // 甲 (jiǎ) before 乙 (yǐ): by pinyin, not by code point (乙 is U+4E59, 甲 U+7532).
        let got = shown("money", SortKey::Park);
        assert_eq!(got, ["超3亿美元", "5000万元", "55亿元"]);
        let articles = articles();
        // The articles about 乙园区, as its park group lists them.
        let park: Vec<usize> = (0..articles.len())
            .filter(|&i| articles[i].park.as_deref() == Some("乙园区"))
            .collect();
        let rows = table(&articles, Some(&park), &Filter::default(), SortKey::Reading);
        assert_eq!(texts(&rows, &articles), ["55亿元", "20%", "3000吨"]);
    }

    #[test]
    fn sort_keys_cycle() {
        let mut key = SortKey::Reading;
        for _ in 0..SortKey::ALL.len() {
            key = key.next();
        }
        assert_eq!(key, SortKey::Reading);
        assert_eq!(SortKey::from_name("value"), Some(SortKey::Value));
    }
}
