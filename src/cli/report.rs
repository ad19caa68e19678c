//! `yuanqu report -o FILE.html`: the pictures and tables of `stats` as one
//! self-contained HTML file — inline SVG and CSS, no script, no font, image or link
//! from elsewhere — with one section per park. Written atomically.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::commands::{load, status};
use super::error::CliError;
use super::stats::{scoped, span_text, Scope};
use crate::config::Config;
use crate::core::dates::PageDate;
use crate::core::figures::format_amount;
use crate::core::page::Detail;
use crate::core::stats::{MonthCount, ParkStats, SourceStats, Stats, UnitStats};
use crate::core::FigureKind;

pub fn report(
    paths: &[PathBuf],
    config: &Config,
    scope: &Scope,
    output: &Path,
) -> Result<ExitCode, CliError> {
    let collection = load(paths, config, Detail::Figures);
    let (stats, named) = scoped(&collection, scope)?;
    let html = report_html(&stats, &named, scope);
    write_atomically(output, html.as_bytes())?;
    Ok(status(collection))
}

/// Write `bytes` over `path` whole (see `core::files`), the error naming the file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    crate::core::files::write_atomically(path, bytes).map_err(|source| CliError::Write {
        path: path.to_path_buf(),
        source,
    })
}

/// Text safe inside HTML elements and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Fonts the reader's system already has; no font file is named or needed.
const STYLE: &str = "
body { font-family: 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC',
  'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif; color: #1f2328; background: #fff;
  max-width: 1100px; margin: 2em auto; padding: 0 1em; line-height: 1.5; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.3em; border-bottom: 2px solid #d0d7de; padding-bottom: 0.2em; margin-top: 2em; }
h3 { font-size: 1.05em; margin: 1.2em 0 0.4em; }
.meta { color: #57606a; }
table { border-collapse: collapse; margin: 0.4em 0 1em; font-size: 0.92em; }
th, td { padding: 0.2em 0.8em 0.2em 0; text-align: left; vertical-align: top; }
th { color: #57606a; font-weight: normal; border-bottom: 1px solid #d0d7de; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
svg { display: block; margin: 0.3em 0 0.8em; font-size: 11px; max-width: 100%; height: auto; }
svg text { fill: #57606a; }
svg .bar { fill: #3b6ea5; }
svg .bar.hbar { fill: #6a8f3b; }
svg .axis { stroke: #8c959f; stroke-width: 1; }
svg .grid { stroke: #eaeef2; stroke-width: 1; }
svg .dot { fill: #b3541e; fill-opacity: 0.75; }
nav a { margin-right: 1em; }
";

pub fn report_html(stats: &Stats, named: &[String], scope: &Scope) -> String {
    let parks: Vec<&ParkStats> = if named.is_empty() {
        stats.parks.iter().collect()
    } else {
        named.iter().filter_map(|n| stats.park(n)).collect()
    };
    let title = match parks.as_slice() {
        [one] => format!("{} · 园区报告", one.name),
        _ => "园区报告".to_string(),
    };
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        escape(&title),
        escape(&title)
    );
    let _ = writeln!(
        h,
        "<p class=\"meta\">{}</p>",
        escape(&scope_line(stats, scope))
    );
    if parks.len() > 1 {
        h.push_str("<nav>");
        for (i, p) in parks.iter().enumerate() {
            let _ = write!(h, "<a href=\"#park-{}\">{}</a> ", i + 1, escape(&p.name));
        }
        h.push_str("</nav>\n");
    }
    // One park's section says all the overview would.
    if parks.len() != 1 {
        overview(&mut h, stats);
    }
    for (i, park) in parks.iter().enumerate() {
        park_section(&mut h, i + 1, park);
    }
    h.push_str("</body>\n</html>\n");
    h
}

/// What the report covers: articles, span, and the filters given.
fn scope_line(stats: &Stats, scope: &Scope) -> String {
    let span = stats.span.map_or_else(
        || "无日期".to_string(),
        |s| format!("{} 至 {}", s.first, s.last),
    );
    let mut line = format!("共 {} 篇文章 · {span}", stats.articles);
    if stats.undated > 0 {
        let _ = write!(line, " · {} 篇无日期", stats.undated);
    }
    if let Some(since) = &scope.since {
        let _ = write!(line, " · 自 {since}");
    }
    if let Some(until) = &scope.until {
        let _ = write!(line, " · 至 {until}");
    }
    line
}

fn overview(h: &mut String, stats: &Stats) {
    h.push_str("<section id=\"overview\">\n<h2>总览 Overview</h2>\n<h3>每月文章数 Articles per month</h3>\n");
    month_bars(h, &stats.months);
    h.push_str("<h3>来源 Sources</h3>\n");
    source_table(h, &stats.sources);
    h.push_str("</section>\n");
}

fn park_section(h: &mut String, number: usize, p: &ParkStats) {
    let place: Vec<&str> = [p.province.as_deref(), p.city.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let _ = writeln!(
        h,
        "<section class=\"park\" id=\"park-{number}\">\n<h2>{}</h2>\n\
         <p class=\"meta\">{}{}{} 篇文章 · {} 个来源 · {} 个数字 · {}</p>",
        escape(&p.name),
        escape(&place.join(" ")),
        if place.is_empty() { "" } else { " · " },
        p.articles,
        p.sources.len(),
        p.figures,
        escape(&span_text(p.span)),
    );
    h.push_str("<h3>每月文章数 Articles per month</h3>\n");
    month_bars(h, &p.months);
    h.push_str("<h3>来源 Sources</h3>\n");
    source_bars(h, &p.sources);
    if let Some(money) = p.units.iter().find(|u| u.kind == FigureKind::Money) {
        let _ = writeln!(h, "<h3>金额 Money over time ({})</h3>", escape(&money.unit));
        money_chart(h, money);
    }
    if !p.units.is_empty() {
        h.push_str("<h3>数字 Figures by unit</h3>\n");
        unit_table(h, &p.units);
        for u in p.units.iter().filter(|u| !u.top.is_empty()) {
            top_table(h, u);
        }
    }
    h.push_str("</section>\n");
}

const CHART_WIDTH: f64 = 1060.0;
const BAR_HEIGHT: f64 = 160.0;
const LEFT: f64 = 44.0;

/// One bar per month (a month with none is a gap of its own), height in proportion
/// to the count, years labelled under their first month.
fn month_bars(h: &mut String, months: &[MonthCount]) {
    if months.is_empty() {
        h.push_str("<p class=\"meta\">没有带日期的文章 No dated articles.</p>\n");
        return;
    }
    let max = months.iter().map(|m| m.articles).max().unwrap_or(0).max(1);
    let step = (CHART_WIDTH - LEFT) / months.len() as f64;
    let height = BAR_HEIGHT + 36.0;
    let _ = writeln!(
        h,
        "<svg class=\"months\" width=\"{CHART_WIDTH}\" height=\"{height}\" viewBox=\"0 0 {CHART_WIDTH} {height}\" role=\"img\" aria-label=\"articles per month\">"
    );
    let base = 10.0 + BAR_HEIGHT;
    let _ = writeln!(
        h,
        "<line class=\"axis\" x1=\"{LEFT}\" y1=\"{base}\" x2=\"{CHART_WIDTH}\" y2=\"{base}\"/>\
         <text x=\"{}\" y=\"{}\" text-anchor=\"end\">{max}</text>\
         <text x=\"{}\" y=\"{base}\" text-anchor=\"end\">0</text>",
        LEFT - 4.0,
        14.0,
        LEFT - 4.0
    );
    // Years labelled so that labels do not overlap: every year, or every 2, 5, 10.
    let years = months.len() as f64 / 12.0;
    let every = [1u16, 2, 5, 10, 20, 50]
        .into_iter()
        .find(|&n| years / f64::from(n) * 40.0 <= CHART_WIDTH - LEFT)
        .unwrap_or(100);
    for (i, m) in months.iter().enumerate() {
        let x = LEFT + i as f64 * step;
        let bar = m.articles as f64 / max as f64 * BAR_HEIGHT;
        let _ = writeln!(
            h,
            "<rect class=\"bar\" data-month=\"{}\" data-count=\"{}\" x=\"{x:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{bar:.2}\"><title>{} {} 篇</title></rect>",
            m.month,
            m.articles,
            base - bar,
            (step * 0.8).max(0.5),
            m.month,
            m.articles
        );
        let first_label = i == 0 && months.len() < 12;
        if (m.month.month == 1 && m.month.year.is_multiple_of(every)) || first_label {
            let _ = writeln!(
                h,
                "<line class=\"axis\" x1=\"{x:.2}\" y1=\"{base}\" x2=\"{x:.2}\" y2=\"{}\"/><text x=\"{x:.2}\" y=\"{}\" text-anchor=\"{}\">{}</text>",
                base + 4.0,
                base + 18.0,
                // A label at the right edge ends there rather than run out of the picture.
                if x > CHART_WIDTH - 60.0 { "end" } else { "start" },
                if months.len() <= 24 { m.month.to_string() } else { m.month.year.to_string() }
            );
        }
    }
    h.push_str("</svg>\n");
}

fn source_table(h: &mut String, sources: &[SourceStats]) {
    h.push_str("<table><tr><th>来源 source</th><th class=\"n\">文章 articles</th><th>日期 dates</th></tr>\n");
    for s in sources {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            escape(&s.name),
            s.articles,
            escape(&span_text(s.span))
        );
    }
    h.push_str("</table>\n");
}

/// Horizontal bars, one per source, with its count.
fn source_bars(h: &mut String, sources: &[SourceStats]) {
    let shown = &sources[..sources.len().min(20)];
    let max = shown.iter().map(|s| s.articles).max().unwrap_or(0).max(1);
    let (row, label) = (22.0, 260.0);
    let height = row * shown.len() as f64 + 4.0;
    let _ = writeln!(
        h,
        "<svg class=\"sources\" width=\"{CHART_WIDTH}\" height=\"{height}\" viewBox=\"0 0 {CHART_WIDTH} {height}\" role=\"img\" aria-label=\"articles per source\">"
    );
    for (i, s) in shown.iter().enumerate() {
        let y = i as f64 * row + 2.0;
        let width = s.articles as f64 / max as f64 * (CHART_WIDTH - label - 60.0);
        let _ = writeln!(
            h,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><rect class=\"bar hbar\" data-count=\"{}\" x=\"{label}\" y=\"{y}\" width=\"{width:.2}\" height=\"{}\"/><text x=\"{:.2}\" y=\"{}\">{}</text>",
            label - 6.0,
            y + 14.0,
            escape(&s.name),
            s.articles,
            row - 6.0,
            label + width + 6.0,
            y + 14.0,
            s.articles
        );
    }
    h.push_str("</svg>\n");
}

/// A date as a position on a time axis, in months.
fn months_since_zero(d: PageDate) -> f64 {
    f64::from(d.year) * 12.0 + f64::from(d.month - 1) + f64::from(d.day.unwrap_or(15) - 1) / 31.0
}

/// Each dated money figure as a dot: time across, value up; a log scale when the
/// values span more than two orders of magnitude.
fn money_chart(h: &mut String, money: &UnitStats) {
    let points: Vec<(f64, f64)> = money
        .series
        .iter()
        .filter(|(_, v)| *v > 0.0)
        .map(|(d, v)| (months_since_zero(*d), *v))
        .collect();
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        h.push_str("<p class=\"meta\">没有带日期的金额 No dated money figures.</p>\n");
        return;
    };
    let low = points.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let high = points.iter().map(|p| p.1).fold(0.0, f64::max);
    let log = high / low > 100.0;
    let scale = |v: f64| if log { v.log10() } else { v };
    let (y0, y1) = if log {
        (
            low.log10().floor(),
            high.log10().ceil().max(low.log10().floor() + 1.0),
        )
    } else {
        (0.0, high)
    };
    let (t0, t1) = (first.0, last.0.max(first.0 + 1.0));
    let (left, height, plot) = (90.0, 220.0, 190.0);
    let x = |t: f64| left + (t - t0) / (t1 - t0) * (CHART_WIDTH - left - 10.0);
    let y = |v: f64| 10.0 + plot - (scale(v) - y0) / (y1 - y0).max(f64::MIN_POSITIVE) * plot;
    let _ = writeln!(
        h,
        "<svg class=\"money\" width=\"{CHART_WIDTH}\" height=\"{height}\" viewBox=\"0 0 {CHART_WIDTH} {height}\" role=\"img\" aria-label=\"money figures over time\">"
    );
    let ticks: Vec<f64> = if log {
        (y0 as i32..=y1 as i32).map(|e| 10f64.powi(e)).collect()
    } else {
        (0..=4).map(|i| high * f64::from(i) / 4.0).collect()
    };
    for v in ticks {
        let at = y(v.max(f64::MIN_POSITIVE));
        let _ = writeln!(
            h,
            "<line class=\"grid\" x1=\"{left}\" y1=\"{at:.2}\" x2=\"{CHART_WIDTH}\" y2=\"{at:.2}\"/><text x=\"{}\" y=\"{:.2}\" text-anchor=\"end\">{}</text>",
            left - 6.0,
            at + 4.0,
            escape(&format_amount(v, FigureKind::Money, &money.unit))
        );
    }
    let (d0, d1) = (
        money.series.first().map(|s| s.0),
        money.series.last().map(|s| s.0),
    );
    let bottom = 10.0 + plot;
    let _ = writeln!(
        h,
        "<line class=\"axis\" x1=\"{left}\" y1=\"{bottom}\" x2=\"{CHART_WIDTH}\" y2=\"{bottom}\"/><text x=\"{left}\" y=\"{}\">{}</text><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
        bottom + 16.0,
        d0.map(|d| d.to_string()).unwrap_or_default(),
        CHART_WIDTH - 10.0,
        bottom + 16.0,
        d1.map(|d| d.to_string()).unwrap_or_default(),
    );
    for &(t, v) in &points {
        let _ = writeln!(
            h,
            "<circle class=\"dot\" cx=\"{:.2}\" cy=\"{:.2}\" r=\"3\"/>",
            x(t),
            y(v)
        );
    }
    if log {
        let _ = writeln!(
            h,
            "<text x=\"{}\" y=\"10\" text-anchor=\"end\">对数刻度 log scale</text>",
            CHART_WIDTH - 10.0
        );
    }
    h.push_str("</svg>\n");
}

fn unit_table(h: &mut String, units: &[UnitStats]) {
    h.push_str(
        "<table><tr><th>类 kind</th><th>单位 unit</th><th class=\"n\">个数 count</th>\
         <th class=\"n\">合计 sum</th><th class=\"n\">最大 largest</th><th>日期 dates</th></tr>\n",
    );
    for u in units {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            u.kind.name(),
            escape(&u.unit),
            u.count,
            escape(&format_amount(u.sum, u.kind, &u.unit)),
            escape(&format_amount(u.largest, u.kind, &u.unit)),
            escape(&span_text(u.span)),
        );
    }
    h.push_str("</table>\n");
}

fn top_table(h: &mut String, u: &UnitStats) {
    let _ = writeln!(
        h,
        "<h3>最大的数字 Largest: {} {}</h3>\n<table><tr><th class=\"n\">数值 value</th><th>原文 figure</th><th>日期 date</th><th>文章 article</th></tr>",
        u.kind.name(),
        escape(&u.unit)
    );
    for p in &u.top {
        let _ = writeln!(
            h,
            "<tr><td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{} <span class=\"meta\">({})</span></td></tr>",
            escape(&format_amount(p.value, u.kind, &u.unit)),
            escape(&p.text),
            p.date.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
            escape(&p.title),
            escape(&p.article_id),
        );
    }
    h.push_str("</table>\n");
}
