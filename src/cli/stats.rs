//! `yuanqu stats`: the numbers behind the pictures (`core::stats`), as text, JSON or
//! CSV; and the scope (`--park`, `--since`, `--until`) that `stats` and `report` share.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::commands::{csv_error, emit, emit_json, emit_with, load, status};
use super::error::CliError;
use crate::config::Config;
use crate::core::article_filter::{ArticleFilter, ParkMatches};
use crate::core::collection::Collection;
use crate::core::dates::PageDate;
use crate::core::figures::format_amount;
use crate::core::page::Detail;
use crate::core::stats::{months_of, stats as compute, DateSpan, Month, MonthSpan, Stats};

/// How `yuanqu stats` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatsOutput {
    Text,
    Json,
    Csv,
}

/// Which articles a picture covers: parks named (none: every park) and a date span.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    pub parks: Vec<String>,
    pub since: Option<String>,
    pub until: Option<String>,
}

impl Scope {
    pub fn of(parks: Vec<String>, since: Option<String>, until: Option<String>) -> Scope {
        Scope {
            parks,
            since,
            until,
        }
    }
}

/// The statistics of `collection` within `scope`, and the names of the parks named
/// (in the order asked for; empty when none was). The months run from `--since` to
/// `--until` where given, else from the oldest to the newest article kept.
pub fn scoped(collection: &Collection, scope: &Scope) -> Result<(Stats, Vec<String>), CliError> {
    let (since, until) = (scope.since.as_deref(), scope.until.as_deref());
    let filters: Vec<ArticleFilter> = if scope.parks.is_empty() {
        vec![ArticleFilter::new(None, since, until).map_err(CliError::Scope)?]
    } else {
        let each = scope.parks.iter();
        each.map(|p| ArticleFilter::new(Some(p), since, until))
            .collect::<Result<_, _>>()
            .map_err(CliError::Scope)?
    };
    let mut named = Vec::new();
    let mut matches: Vec<ParkMatches> = Vec::new();
    for filter in &filters {
        let found = filter.park_matches(collection).map_err(CliError::Scope)?;
        if filter.park.is_some() {
            for &g in &found.groups {
                let name = &collection.parks[g].name;
                if !named.contains(name) {
                    named.push(name.clone());
                }
            }
        }
        matches.push(found);
    }
    let keep = |a: &crate::core::Article| filters.iter().zip(&matches).any(|(f, m)| f.keeps(a, m));
    let kept = months_of(collection.articles.iter().filter(|a| keep(a)));
    let bound = |d: Option<PageDate>| d.map(Month::of);
    let first = bound(filters[0].since).or(kept.map(|s| s.first));
    let last = bound(filters[0].until).or(kept.map(|s| s.last));
    let span = first
        .zip(last)
        .map(|(first, last)| MonthSpan { first, last });
    Ok((compute(collection, keep, span), named))
}

pub fn stats(
    paths: &[PathBuf],
    config: &Config,
    scope: &Scope,
    output: StatsOutput,
) -> Result<ExitCode, CliError> {
    let collection = load(paths, config, Detail::Figures);
    let (stats, _) = scoped(&collection, scope)?;
    match output {
        StatsOutput::Json => emit_json(&stats)?,
        StatsOutput::Csv => emit_with(|out| write_csv(out, &stats))?,
        StatsOutput::Text => emit(&text(&stats))?,
    }
    Ok(status(collection))
}

pub fn span_text(span: Option<DateSpan>) -> String {
    span.map_or_else(|| "-".into(), |s| format!("{} … {}", s.first, s.last))
}

/// Sections of rows, columns separated by two spaces.
fn text(s: &Stats) -> String {
    let mut out = String::new();
    let span = s.span.map_or_else(
        || "no dated articles".into(),
        |m| format!("{} … {}", m.first, m.last),
    );
    out.push_str(&format!(
        "{} articles ({} undated), {span}\n\n",
        s.articles, s.undated
    ));
    out.push_str("articles per month\n");
    for m in &s.months {
        out.push_str(&format!("  {}  {:>5}\n", m.month, m.articles));
    }
    out.push_str("\nsources\n");
    for x in &s.sources {
        let span = span_text(x.span);
        out.push_str(&format!("  {}  {}  {span}\n", x.name, x.articles));
    }
    out.push_str("\nparks\n");
    for p in &s.parks {
        out.push_str(&format!(
            "  {}  {}  {}  sources {}  figures {}\n",
            p.name,
            p.articles,
            span_text(p.span),
            p.sources.len(),
            p.figures
        ));
    }
    out.push_str("\nfigures by park and unit\n");
    for p in &s.parks {
        for u in &p.units {
            out.push_str(&format!(
                "  {}  {} {}  count {}  sum {}  largest {}  {}\n",
                p.name,
                u.kind.name(),
                u.unit,
                u.count,
                format_amount(u.sum, u.kind, &u.unit),
                format_amount(u.largest, u.kind, &u.unit),
                span_text(u.span),
            ));
        }
    }
    out
}

const CSV_HEADER: [&str; 11] = [
    "table", "park", "month", "source", "kind", "unit", "count", "sum", "largest", "first", "last",
];

/// A row of the CSV: the columns its table has, the rest empty.
#[derive(Default)]
struct CsvRow<'a> {
    table: &'a str,
    park: &'a str,
    month: String,
    source: &'a str,
    kind: &'a str,
    unit: &'a str,
    count: usize,
    sum_largest: Option<(f64, f64)>,
    span: Option<DateSpan>,
}

impl CsvRow<'_> {
    fn cells(&self) -> [String; 11] {
        let (sum, largest) = self
            .sum_largest
            .map_or((String::new(), String::new()), |(s, l)| {
                (s.to_string(), l.to_string())
            });
        let (first, last) = self.span.map_or((String::new(), String::new()), |s| {
            (s.first.to_string(), s.last.to_string())
        });
        [
            self.table.to_string(),
            self.park.to_string(),
            self.month.clone(),
            self.source.to_string(),
            self.kind.to_string(),
            self.unit.to_string(),
            self.count.to_string(),
            sum,
            largest,
            first,
            last,
        ]
    }
}

/// One table of rows: `month`, `source`, `park` and `unit` rows, each filling the
/// columns it has (RFC 4180, UTF-8, CRLF).
fn write_csv(out: &mut dyn Write, s: &Stats) -> std::io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let mut rows: Vec<CsvRow> = Vec::new();
    rows.extend(s.months.iter().map(|m| CsvRow {
        table: "month",
        month: m.month.to_string(),
        count: m.articles,
        ..CsvRow::default()
    }));
    rows.extend(s.sources.iter().map(|x| CsvRow {
        table: "source",
        source: &x.name,
        count: x.articles,
        span: x.span,
        ..CsvRow::default()
    }));
    rows.extend(s.parks.iter().map(|p| CsvRow {
        table: "park",
        park: &p.name,
        count: p.articles,
        span: p.span,
        ..CsvRow::default()
    }));
    for p in &s.parks {
        rows.extend(p.units.iter().map(|u| CsvRow {
            table: "unit",
            park: &p.name,
            kind: u.kind.name(),
            unit: &u.unit,
            count: u.count,
            sum_largest: Some((u.sum, u.largest)),
            span: u.span,
            ..CsvRow::default()
        }));
    }
    w.write_record(CSV_HEADER).map_err(csv_error)?;
    for row in &rows {
        w.write_record(row.cells()).map_err(csv_error)?;
    }
    w.flush()
}
