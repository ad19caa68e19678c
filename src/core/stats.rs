//! The numbers behind the pictures: articles per month over a span (empty months
//! kept), per source and per park counts with their date spans, and per park and
//! unit the figures' count, sum, largest and date span, with the money figures over
//! time and the ten largest of each unit. One function, [`stats`], serves
//! `yuanqu stats`, `yuanqu report` and the reader's `i` and `O` views.
//!
//! Figures are taken as the articles hold them: a collection loaded without them
//! (`Detail::Outline`) counts none until they are found (`find_figures_of`).

use std::cmp::Ordering;
use std::collections::HashMap;

use serde::{Serialize, Serializer};

use super::article::{Article, FigureKind};
use super::collection::Collection;
use super::dates::PageDate;

/// A calendar month; orders oldest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: u16,
    pub month: u8,
}

impl Month {
    pub fn of(date: PageDate) -> Month {
        Month {
            year: date.year,
            month: date.month,
        }
    }

    /// The month after this one.
    pub fn next(self) -> Month {
        if self.month >= 12 {
            Month {
                year: self.year.saturating_add(1),
                month: 1,
            }
        } else {
            Month {
                month: self.month + 1,
                ..self
            }
        }
    }

    /// This month `n` months earlier (at most back to year 0).
    pub fn back(self, n: u32) -> Month {
        let index = (u32::from(self.year) * 12 + u32::from(self.month) - 1).saturating_sub(n);
        Month {
            year: (index / 12) as u16,
            month: (index % 12) as u8 + 1,
        }
    }

    /// Months from `self` to `last`, both included (empty when `last` is earlier).
    pub fn through(self, last: Month) -> impl Iterator<Item = Month> {
        let first = Some(self).filter(|m| *m <= last);
        std::iter::successors(first, move |m| Some(m.next()).filter(|n| *n <= last))
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl Serialize for Month {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The first and the last month of a span, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MonthSpan {
    pub first: Month,
    pub last: Month,
}

impl MonthSpan {
    pub fn contains(&self, month: Month) -> bool {
        self.first <= month && month <= self.last
    }

    /// Every month of the span, in order.
    pub fn months(&self) -> Vec<Month> {
        self.first.through(self.last).collect()
    }

    /// The last `n` months of this span (all of it when it is shorter).
    pub fn last_months(&self, n: u32) -> MonthSpan {
        let first = self.last.back(n.saturating_sub(1)).max(self.first);
        MonthSpan { first, ..*self }
    }
}

/// The oldest and newest date of something (an article, a figure's article).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DateSpan {
    pub first: PageDate,
    pub last: PageDate,
}

impl DateSpan {
    fn widen(span: &mut Option<DateSpan>, date: Option<PageDate>) {
        let Some(date) = date else { return };
        *span = Some(match *span {
            None => DateSpan {
                first: date,
                last: date,
            },
            Some(s) => DateSpan {
                first: s.first.min(date),
                last: s.last.max(date),
            },
        });
    }
}

/// Articles of one month of the span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MonthCount {
    pub month: Month,
    pub articles: usize,
}

/// One source (paper): its articles and their dates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceStats {
    pub name: String,
    pub articles: usize,
    pub span: Option<DateSpan>,
}

/// One figure, placed: its article (index, id, title, date) and its position there.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigurePoint {
    pub text: String,
    pub value: f64,
    pub date: Option<PageDate>,
    #[serde(rename = "article")]
    pub article_id: String,
    pub title: String,
    /// Index into the collection's articles.
    #[serde(skip)]
    pub article: usize,
    /// Index into the article's figures.
    pub figure: usize,
}

/// The figures of one park in one kind and unit (元, 吨, %…).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitStats {
    pub kind: FigureKind,
    pub unit: String,
    pub count: usize,
    pub sum: f64,
    pub largest: f64,
    pub span: Option<DateSpan>,
    /// The ten largest, largest first (ties: newest first).
    pub top: Vec<FigurePoint>,
    /// Money only: every dated figure as (date, value), oldest first, for the chart.
    #[serde(skip)]
    pub series: Vec<(PageDate, f64)>,
}

/// One park: counts, per month over the whole span, per source, per unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParkStats {
    pub name: String,
    pub province: Option<String>,
    pub city: Option<String>,
    pub articles: usize,
    pub undated: usize,
    pub span: Option<DateSpan>,
    /// Figures other than dates.
    pub figures: usize,
    /// Articles per month, one entry per month of `Stats::span` (empty months 0).
    pub months: Vec<MonthCount>,
    /// Articles per source, most first.
    pub sources: Vec<SourceStats>,
    /// Per kind and unit, money first, then most figures first.
    pub units: Vec<UnitStats>,
}

/// What the pictures draw, over the articles kept.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub articles: usize,
    pub undated: usize,
    /// The months shown: from the oldest to the newest article kept, unless given.
    pub span: Option<MonthSpan>,
    /// Articles per month over `span`, every month present.
    pub months: Vec<MonthCount>,
    /// Sources, most articles first.
    pub sources: Vec<SourceStats>,
    /// Parks with at least one article kept, most articles first.
    pub parks: Vec<ParkStats>,
}

impl Stats {
    pub fn park(&self, name: &str) -> Option<&ParkStats> {
        self.parks.iter().find(|p| p.name == name)
    }
}

/// How many of the largest figures each unit keeps.
pub const TOP_FIGURES: usize = 10;

/// The statistics of the articles of `collection` that `keep` keeps. `span` fixes
/// the months (articles dated outside it are left out, undated ones kept); without
/// it the months run from the oldest to the newest article kept.
pub fn stats(
    collection: &Collection,
    keep: impl Fn(&Article) -> bool,
    span: Option<MonthSpan>,
) -> Stats {
    let articles = &collection.articles;
    let in_span = |a: &Article| match (span, a.date) {
        (Some(s), Some(d)) => s.contains(Month::of(d)),
        _ => true,
    };
    let kept: Vec<bool> = articles.iter().map(|a| keep(a) && in_span(a)).collect();
    let span = span.or_else(|| {
        months_of(
            articles
                .iter()
                .zip(&kept)
                .filter(|(_, k)| **k)
                .map(|(a, _)| a),
        )
    });
    let all: Vec<usize> = (0..articles.len()).filter(|&i| kept[i]).collect();
    let mut parks: Vec<ParkStats> = collection
        .parks
        .iter()
        .filter_map(|group| {
            let indexes: Vec<usize> = group
                .articles
                .iter()
                .copied()
                .filter(|&i| kept[i])
                .collect();
            if indexes.is_empty() {
                return None;
            }
            let mut park = ParkStats {
                name: group.name.clone(),
                province: group.province.clone(),
                city: group.city.clone(),
                articles: indexes.len(),
                undated: undated(articles, &indexes),
                span: date_span(articles, &indexes),
                figures: 0,
                months: month_counts(articles, &indexes, span),
                sources: sources(articles, &indexes),
                units: units(articles, &indexes),
            };
            park.figures = park.units.iter().map(|u| u.count).sum();
            Some(park)
        })
        .collect();
    // Stable: parks with as many articles keep the collection's order.
    parks.sort_by_key(|p| std::cmp::Reverse(p.articles));
    Stats {
        articles: all.len(),
        undated: undated(articles, &all),
        span,
        months: month_counts(articles, &all, span),
        sources: sources(articles, &all),
        parks,
    }
}

/// The months from the oldest to the newest dated article; None when none is dated.
pub fn months_of<'a>(articles: impl IntoIterator<Item = &'a Article>) -> Option<MonthSpan> {
    let months = articles.into_iter().filter_map(|a| a.date.map(Month::of));
    months.fold(None, |span, m| {
        Some(match span {
            None => MonthSpan { first: m, last: m },
            Some(s) => MonthSpan {
                first: s.first.min(m),
                last: s.last.max(m),
            },
        })
    })
}

fn undated(articles: &[Article], indexes: &[usize]) -> usize {
    indexes
        .iter()
        .filter(|&&i| articles[i].date.is_none())
        .count()
}

fn date_span(articles: &[Article], indexes: &[usize]) -> Option<DateSpan> {
    let mut span = None;
    for &i in indexes {
        DateSpan::widen(&mut span, articles[i].date);
    }
    span
}

/// One count per month of `span`, empty months included.
fn month_counts(
    articles: &[Article],
    indexes: &[usize],
    span: Option<MonthSpan>,
) -> Vec<MonthCount> {
    let Some(span) = span else {
        return Vec::new();
    };
    let mut counts: Vec<MonthCount> = span
        .months()
        .into_iter()
        .map(|month| MonthCount { month, articles: 0 })
        .collect();
    for &i in indexes {
        let Some(month) = articles[i].date.map(Month::of) else {
            continue;
        };
        if let Ok(at) = counts.binary_search_by(|c| c.month.cmp(&month)) {
            counts[at].articles += 1;
        }
    }
    counts
}

/// Extensions of the files articles are loaded from.
const PAGE_EXTENSIONS: [&str; 4] = ["txt", "toml", "html", "htm"];

/// The paper a file is from: its name without the date and the extension
/// (`2024-07-30-kjrb-yuanqu.txt` → `kjrb-yuanqu`, `科技日报20240730.txt` → 科技日报);
/// the whole name when nothing else is left. A source that is no file name (what a
/// fetch writes) is itself.
pub fn paper_of(source: &str) -> String {
    // A file's extension goes; a source named by a fetch (kjrb, www.stdaily.com) stays.
    let stem = match source.rsplit_once('.') {
        Some((stem, ext))
            if !stem.is_empty() && PAGE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()) =>
        {
            stem
        }
        _ => source,
    };
    let is_date_char = |c: char| c.is_ascii_digit() || "-_.年月日 ".contains(c);
    let mut kept = String::new();
    let mut run = String::new();
    for c in stem.chars().chain(['\0']) {
        if c != '\0' && is_date_char(c) {
            run.push(c);
            continue;
        }
        // A run with four digits or more is a date; shorter ones are part of the name.
        if run.chars().filter(char::is_ascii_digit).count() < 4 {
            kept.push_str(&run);
        } else if !kept.is_empty() && c != '\0' {
            kept.push('-');
        }
        run.clear();
        if c != '\0' {
            kept.push(c);
        }
    }
    let paper = kept.trim_matches(|c: char| "-_. ".contains(c));
    if paper.is_empty() {
        source.to_string()
    } else {
        paper.to_string()
    }
}

fn sources(articles: &[Article], indexes: &[usize]) -> Vec<SourceStats> {
    let mut by_name: HashMap<String, usize> = HashMap::new();
    let mut list: Vec<SourceStats> = Vec::new();
    for &i in indexes {
        let a = &articles[i];
        let name = paper_of(&a.source);
        let at = *by_name.entry(name.clone()).or_insert_with(|| {
            list.push(SourceStats {
                name,
                articles: 0,
                span: None,
            });
            list.len() - 1
        });
        list[at].articles += 1;
        DateSpan::widen(&mut list[at].span, a.date);
    }
    list.sort_by(|a, b| {
        b.articles
            .cmp(&a.articles)
            .then_with(|| a.name.cmp(&b.name))
    });
    list
}

/// Per kind and unit: count, sum, largest, span, the ten largest and the money series.
fn units(articles: &[Article], indexes: &[usize]) -> Vec<UnitStats> {
    let mut by_unit: HashMap<(&str, &str), usize> = HashMap::new();
    let mut list: Vec<UnitStats> = Vec::new();
    for &i in indexes {
        let a = &articles[i];
        for (n, f) in a.figures.iter().enumerate() {
            if f.kind == FigureKind::Date || !f.value.is_finite() {
                continue;
            }
            let at = *by_unit
                .entry((f.kind.name(), f.unit.as_str()))
                .or_insert_with(|| {
                    list.push(UnitStats {
                        kind: f.kind,
                        unit: f.unit.clone(),
                        count: 0,
                        sum: 0.0,
                        largest: f64::NEG_INFINITY,
                        span: None,
                        top: Vec::new(),
                        series: Vec::new(),
                    });
                    list.len() - 1
                });
            let u = &mut list[at];
            u.count += 1;
            u.sum += f.value;
            u.largest = u.largest.max(f.value);
            DateSpan::widen(&mut u.span, a.date);
            if f.kind == FigureKind::Money {
                if let Some(date) = a.date {
                    u.series.push((date, f.value));
                }
            }
            push_top(
                &mut u.top,
                FigurePoint {
                    text: f.text.clone(),
                    value: f.value,
                    date: a.date,
                    article_id: a.id.clone(),
                    title: a.title.clone(),
                    article: i,
                    figure: n,
                },
            );
        }
    }
    for u in &mut list {
        u.series
            .sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    }
    list.sort_by(|a, b| {
        let money = |u: &UnitStats| u.kind != FigureKind::Money;
        money(a)
            .cmp(&money(b))
            .then(b.count.cmp(&a.count))
            .then_with(|| a.unit.cmp(&b.unit))
    });
    list
}

/// Larger first; of equal values the newer article first, then reading order.
fn top_order(a: &FigurePoint, b: &FigurePoint) -> Ordering {
    b.value
        .total_cmp(&a.value)
        .then(b.date.cmp(&a.date))
        .then(a.article.cmp(&b.article))
        .then(a.figure.cmp(&b.figure))
}

/// Keep `point` among the ten largest.
fn push_top(top: &mut Vec<FigurePoint>, point: FigurePoint) {
    let at = top.partition_point(|p| top_order(p, &point) == Ordering::Less);
    if at < TOP_FIGURES {
        top.insert(at, point);
        top.truncate(TOP_FIGURES);
    }
}

#[cfg(test)]
mod tests;
