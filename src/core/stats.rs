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
mod tests {
    use super::*;
    use crate::core::figures::Figure;

    fn day(y: u16, m: u8, d: u8) -> Option<PageDate> {
        PageDate::new(y, m, Some(d))
    }

    fn article(id: &str, park: &str, date: Option<PageDate>, source: &str) -> Article {
        let mut a = Article::new(id, format!("{park}的新闻{id}"));
        a.park = Some(park.to_string());
        a.date = date;
        a.source = source.to_string();
        a
    }

    fn money(text: &str, value: f64) -> Figure {
        Figure::new(text, value, "元", FigureKind::Money)
    }

    /// 合肥: Jan, Jan, Apr 2024 and one undated; 芜湖: Mar 2024. Nothing in February.
    fn sample() -> Collection {
        let mut a = article("a1", "合肥高新区", day(2024, 1, 5), "2024-01-05-kjrb.txt");
        a.figures = vec![
            money("3亿元", 3e8),
            money("500万元", 5e6),
            Figure::new("2024年", 20240000.0, "年", FigureKind::Date),
            Figure::new("20%", 0.2, "%", FigureKind::Percent),
        ]
        .into();
        let mut b = article("a2", "合肥高新区", day(2024, 1, 20), "2024-01-20-kjrb.txt");
        b.figures = vec![money("12亿元", 1.2e9)].into();
        let c = article("a3", "合肥高新区", day(2024, 4, 2), "科技日报20240402.txt");
        let d = article("a4", "合肥高新区", None, "notes.toml");
        let mut e = article("a5", "芜湖经开区", day(2024, 3, 9), "2024-03-09-kjrb.txt");
        e.figures = vec![Figure::new("300吨", 300.0, "吨", FigureKind::Quantity)].into();
        Collection::from_articles(vec![a, b, c, d, e], Vec::new())
    }

    fn month(year: u16, month: u8) -> Month {
        Month { year, month }
    }

    #[test]
    fn every_month_of_the_span_is_counted_empty_ones_too() {
        let s = stats(&sample(), |_| true, None);
        let months: Vec<(String, usize)> = s
            .months
            .iter()
            .map(|m| (m.month.to_string(), m.articles))
            .collect();
        let expected = [
            ("2024-01", 2),
            ("2024-02", 0),
            ("2024-03", 1),
            ("2024-04", 1),
        ];
        let expected: Vec<(String, usize)> =
            expected.iter().map(|(m, n)| (m.to_string(), *n)).collect();
        assert_eq!(months, expected);
        assert_eq!((s.articles, s.undated), (5, 1));
        let hefei = s.park("合肥高新区").unwrap();
        // A park's months run over the whole span, not only its own.
        let counts: Vec<usize> = hefei.months.iter().map(|m| m.articles).collect();
        assert_eq!(counts, [2, 0, 0, 1]);
        assert_eq!(hefei.undated, 1);
        let span = hefei.span.unwrap();
        assert_eq!(
            (span.first, span.last),
            (day(2024, 1, 5).unwrap(), day(2024, 4, 2).unwrap())
        );
    }

    #[test]
    fn parks_go_most_articles_first() {
        let s = stats(&sample(), |_| true, None);
        let names: Vec<(&str, usize)> = s
            .parks
            .iter()
            .map(|p| (p.name.as_str(), p.articles))
            .collect();
        assert_eq!(names, [("合肥高新区", 4), ("芜湖经开区", 1)]);
    }

    #[test]
    fn units_have_count_sum_largest_and_span_and_dates_are_no_unit() {
        let s = stats(&sample(), |_| true, None);
        let hefei = s.park("合肥高新区").unwrap();
        let yuan = &hefei.units[0];
        assert_eq!((yuan.kind, yuan.unit.as_str()), (FigureKind::Money, "元"));
        assert_eq!(yuan.count, 3);
        assert_eq!(yuan.sum, 3e8 + 5e6 + 1.2e9);
        assert_eq!(yuan.largest, 1.2e9);
        let span = yuan.span.unwrap();
        assert_eq!(
            (span.first, span.last),
            (day(2024, 1, 5).unwrap(), day(2024, 1, 20).unwrap())
        );
        let top: Vec<(&str, &str, usize)> = yuan
            .top
            .iter()
            .map(|p| (p.text.as_str(), p.article_id.as_str(), p.figure))
            .collect();
        assert_eq!(
            top,
            [
                ("12亿元", "a2", 0),
                ("3亿元", "a1", 0),
                ("500万元", "a1", 1)
            ]
        );
        // Oldest first, for the chart.
        let series: Vec<f64> = yuan.series.iter().map(|(_, v)| *v).collect();
        assert_eq!(series, [5e6, 3e8, 1.2e9]);
        assert!(hefei.units.iter().all(|u| u.kind != FigureKind::Date));
        assert_eq!(hefei.figures, 4, "three money figures and one percentage");
    }

    #[test]
    fn ten_largest_are_kept_largest_first() {
        let mut a = article("b1", "合肥高新区", day(2023, 5, 1), "x.txt");
        a.figures = (1..=25)
            .map(|n| money(&format!("{n}万元"), f64::from(n) * 1e4))
            .collect();
        let c = Collection::from_articles(vec![a], Vec::new());
        let s = stats(&c, |_| true, None);
        let top: Vec<f64> = s.parks[0].units[0].top.iter().map(|p| p.value).collect();
        let expected: Vec<f64> = (16..=25).rev().map(|n| f64::from(n) * 1e4).collect();
        assert_eq!(top, expected);
        assert_eq!(s.parks[0].units[0].count, 25);
    }

    #[test]
    fn a_given_span_fixes_the_months_and_leaves_out_what_is_outside() {
        let span = MonthSpan {
            first: month(2023, 12),
            last: month(2024, 3),
        };
        let s = stats(&sample(), |_| true, Some(span));
        let counts: Vec<usize> = s.months.iter().map(|m| m.articles).collect();
        assert_eq!(counts, [0, 2, 0, 1]);
        // April's article is out; the undated one stays.
        assert_eq!((s.articles, s.undated), (4, 1));
    }

    #[test]
    fn keep_filters_articles_and_parks() {
        let s = stats(&sample(), |a| a.park.as_deref() == Some("芜湖经开区"), None);
        assert_eq!(s.parks.len(), 1);
        assert_eq!(s.articles, 1);
        assert_eq!(
            s.span,
            Some(MonthSpan {
                first: month(2024, 3),
                last: month(2024, 3)
            })
        );
        assert_eq!(s.parks[0].units[0].unit, "吨");
    }

    #[test]
    fn sources_are_papers_with_counts_and_spans() {
        let s = stats(&sample(), |_| true, None);
        let sources: Vec<(&str, usize)> = s
            .sources
            .iter()
            .map(|x| (x.name.as_str(), x.articles))
            .collect();
        assert_eq!(sources, [("kjrb", 3), ("notes", 1), ("科技日报", 1)]);
        let kjrb = s.sources[0].span.unwrap();
        assert_eq!(
            (kjrb.first, kjrb.last),
            (day(2024, 1, 5).unwrap(), day(2024, 3, 9).unwrap())
        );
        assert_eq!(s.sources[1].span, None);
    }

    #[test]
    fn a_paper_is_its_file_name_without_date_and_extension() {
        for (file, paper) in [
            ("2024-07-30-kjrb-yuanqu.txt", "kjrb-yuanqu"),
            ("kjrb-2024-07-30.txt", "kjrb"),
            ("科技日报20240730.txt", "科技日报"),
            ("2024年7月30日.txt", "2024年7月30日.txt"),
            ("page.txt", "page"),
            ("g60-news.txt", "g60-news"),
            ("2024-07-30-kjrb.HTML", "kjrb"),
            ("www.stdaily.com", "www.stdaily.com"),
            ("kjrb", "kjrb"),
            ("", ""),
        ] {
            assert_eq!(paper_of(file), paper, "{file}");
        }
    }

    #[test]
    fn months_step_across_years() {
        let months: Vec<String> = month(2023, 11)
            .through(month(2024, 2))
            .map(|m| m.to_string())
            .collect();
        assert_eq!(months, ["2023-11", "2023-12", "2024-01", "2024-02"]);
        assert_eq!(month(2024, 2).back(3), month(2023, 11));
        assert_eq!(month(2024, 2).through(month(2024, 1)).count(), 0);
        let span = MonthSpan {
            first: month(2020, 1),
            last: month(2024, 6),
        };
        assert_eq!(span.last_months(12).first, month(2023, 7));
    }

    #[test]
    fn nothing_kept_is_no_span_and_no_months() {
        let s = stats(&sample(), |_| false, None);
        assert_eq!(
            (s.articles, s.span, s.months.len(), s.parks.len()),
            (0, None, 0, 0)
        );
    }
}
