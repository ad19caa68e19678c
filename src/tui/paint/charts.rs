//! The pictures of the `i` and `O` views, drawn with ratatui's `BarChart`,
//! `Sparkline` and `Chart` from `core::stats`: articles per month (empty months
//! empty, years labelled, one month marked), horizontal bars with their labels, money
//! over time (Braille dots, a log scale over more than two orders of magnitude).
//! Bars are shapes, so they read without colour; with ambiguous-width characters
//! drawn wide, the block elements give way to ASCII.
//!
//! A view is drawn as one tall page into a buffer of its own, then the rows in view
//! are copied onto the screen ([`blit`]): the view scrolls at any height.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::symbols;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Bar, BarChart, BarGroup, Chart, Dataset, GraphType, Sparkline, Widget,
};

use crate::core::figures::format_amount;
use crate::core::layout::{str_width, AmbiguousWidth};
use crate::core::stats::{Month, MonthCount, UnitStats};
use crate::tui::paint::line::{fit, paint_line};
use crate::tui::theme::{Element, Theme};

/// Sparkline levels and bar blocks; ASCII where block elements are drawn wide.
fn bar_set(amb: AmbiguousWidth) -> symbols::bar::Set<'static> {
    match amb {
        AmbiguousWidth::Narrow => symbols::bar::NINE_LEVELS,
        AmbiguousWidth::Wide => symbols::bar::Set {
            full: "#",
            seven_eighths: "#",
            three_quarters: "=",
            five_eighths: "=",
            half: "-",
            three_eighths: "-",
            one_quarter: "_",
            one_eighth: "_",
            empty: " ",
        },
    }
}

/// `1 article`, `2 articles`.
pub fn counted(n: usize, thing: &str) -> String {
    if n == 1 {
        format!("1 {thing}")
    } else {
        format!("{n} {thing}s")
    }
}

/// Copy rows `scroll..` of `page` onto `area` of `buf`.
pub fn blit(page: &Buffer, scroll: usize, area: Rect, buf: &mut Buffer) {
    for y in 0..area.height {
        let Some(from) = u16::try_from(scroll + usize::from(y))
            .ok()
            .filter(|&r| r < page.area.height)
        else {
            break;
        };
        for x in 0..area.width.min(page.area.width) {
            buf[(area.x + x, area.y + y)] = page[(x, from)].clone();
        }
    }
}

/// Draw one line of text in a one-row rect of the page.
pub fn text_row(buf: &mut Buffer, x: u16, y: u16, width: u16, line: Line, amb: AmbiguousWidth) {
    paint_line(&line, Rect::new(x, y, width, 1), buf, amb);
}

/// Rows the months picture takes in a view `height` rows high: its bars, the
/// marker row and the year labels; fewer bars in a short view, so that what is
/// under it still shows.
pub fn months_height(height: u16) -> u16 {
    if height < 30 {
        6
    } else {
        8
    }
}

/// Articles per month over a span: one column per month where the width holds
/// them (a `BarChart`), else one column per 2, 3, 4, 6 or 12… months (a
/// `Sparkline`); under it the marked month (`^`) and the years.
pub struct MonthsChart<'a> {
    pub months: &'a [MonthCount],
    pub marked: Option<Month>,
    pub theme: &'a Theme,
    pub amb: AmbiguousWidth,
}

/// The heading of the months picture: the most articles in a column, and how many
/// months a column holds when more than one.
pub fn months_title(months: &[MonthCount], width: u16, amb: AmbiguousWidth) -> String {
    let per = months_per_column(months.len(), usize::from(width));
    let most = columns(months, per).iter().map(|c| c.1).max().unwrap_or(0);
    let mut title = format!("每月文章 articles per month · highest {most}");
    if per > 1 {
        title.push_str(&format!(" · a column is {per} months"));
    }
    fit(&title, usize::from(width), amb)
}

/// How many months one column holds for `n` months in `width` columns: a number
/// that divides a year or a whole number of years, so columns start with years.
pub fn months_per_column(n: usize, width: usize) -> usize {
    [1, 2, 3, 4, 6, 12, 24, 36, 60, 120, 240, 600]
        .into_iter()
        .find(|k| n.div_ceil(*k) < width.max(1))
        .unwrap_or(1200)
}

/// Month `m` as a count of months since year 0.
fn index(m: Month) -> usize {
    usize::from(m.year) * 12 + usize::from(m.month) - 1
}

/// The columns: their first month and their sum, aligned so a column starts a year
/// when it holds a divisor of 12 months.
fn columns(months: &[MonthCount], per: usize) -> Vec<(Month, u64)> {
    let Some(first) = months.first() else {
        return Vec::new();
    };
    let base = index(first.month) / per * per;
    let mut cols: Vec<(Month, u64)> = Vec::new();
    for m in months {
        let col = (index(m.month) - base) / per;
        if col >= cols.len() {
            cols.resize(col + 1, (m.month, 0));
        }
        cols[col].1 += m.articles as u64;
    }
    cols
}

impl Widget for MonthsChart<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let bars_height = area.height.saturating_sub(2);
        if self.months.is_empty() || area.width < 4 || bars_height == 0 {
            let line = Line::from("no dated articles");
            text_row(buf, area.x, area.y, area.width, line, self.amb);
            return;
        }
        let per = months_per_column(self.months.len(), usize::from(area.width));
        let cols = columns(self.months, per);
        let bar_style = self.theme.style(Element::Count);
        let bars_area = Rect {
            height: bars_height,
            ..area
        };
        // Bars as wide as the room allows, a gap between them.
        let step = (usize::from(area.width) / cols.len().max(1)).clamp(1, 4);
        if step >= 2 {
            let bars: Vec<Bar> = cols
                .iter()
                .map(|(_, n)| Bar::default().value(*n).text_value(String::new()))
                .collect();
            BarChart::default()
                .data(BarGroup::default().bars(&bars))
                .bar_width(step as u16 - 1)
                .bar_gap(1)
                .bar_set(bar_set(self.amb))
                .bar_style(bar_style)
                .render(bars_area, buf);
        } else {
            let data: Vec<u64> = cols.iter().map(|(_, n)| *n).collect();
            Sparkline::default()
                .data(&data)
                .bar_set(bar_set(self.amb))
                .style(bar_style)
                .render(bars_area, buf);
        }
        let base = index(self.months[0].month) / per * per;
        let column_of = |m: Month| (index(m) - base) / per * step;
        let marker_y = area.y + bars_height;
        let in_span = |m: &Month| {
            self.months.first().is_some_and(|f| f.month <= *m)
                && self.months.last().is_some_and(|l| *m <= l.month)
        };
        if let Some(marked) = self.marked.filter(in_span) {
            let x = column_of(marked);
            let note = format!("^ {marked}");
            let width = str_width(&note, self.amb);
            // The note after the mark, or before it at the right edge.
            let (start, text) = if x + width <= usize::from(area.width) {
                (x, note)
            } else {
                (x.saturating_sub(width - 1), format!("{marked} ^"))
            };
            let line = Line::from(Span::styled(text, self.theme.style(Element::ParkNumber)));
            let rest = area.width.saturating_sub(start as u16);
            text_row(buf, area.x + start as u16, marker_y, rest, line, self.amb);
        }
        let first = self.months[0].month;
        year_labels(cols.len(), first, base, step, per, area, buf, self.amb);
    }
}

/// Years under the columns that start them, as many as fit without touching; the
/// first column, when it starts no year, by its month (2023-08); the other months
/// by their number where the bars leave room (09, 10 …).
#[allow(clippy::too_many_arguments)]
fn year_labels(
    columns: usize,
    first: Month,
    base: usize,
    step: usize,
    per: usize,
    area: Rect,
    buf: &mut Buffer,
    amb: AmbiguousWidth,
) {
    let y = area.y + area.height - 1;
    let mut free = 0;
    for i in 0..columns {
        let start = base + i * per;
        // Bars three cells apart or more have room for their month (08, 09 …).
        let label = if start.is_multiple_of(12) {
            (start / 12).to_string()
        } else if i == 0 {
            first.to_string()
        } else if per == 1 && step >= 3 {
            format!("{:02}", start % 12 + 1)
        } else {
            continue;
        };
        let x = i * step;
        let width = str_width(&label, amb);
        if x < free || x + width > usize::from(area.width) {
            continue;
        }
        text_row(
            buf,
            area.x + x as u16,
            y,
            width as u16,
            Line::from(label),
            amb,
        );
        free = x + width + 1;
    }
}

/// Horizontal bars, one per row: the name and its count on the left (at most half
/// the width; a long name is cut, never the count), the bar in proportion to the count.
pub struct LabelledBars<'a> {
    /// (name, count); the name may begin with a park's number.
    pub rows: &'a [(String, u64)],
    pub theme: &'a Theme,
    pub amb: AmbiguousWidth,
}

impl Widget for LabelledBars<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let amb = self.amb;
        let label = |(name, count): &(String, u64)| format!("{name} {count}");
        let widest = self.rows.iter().map(|r| str_width(&label(r), amb)).max();
        let label_width = widest.unwrap_or(0).min(usize::from(area.width) / 2);
        // Labels drawn as all text is, so they hold in a terminal that draws ambiguous
        // characters (…) wide; the bars right of them.
        for (i, (name, count)) in self.rows.iter().take(usize::from(area.height)).enumerate() {
            let count_text = format!(" {count}");
            let room = label_width.saturating_sub(str_width(&count_text, amb));
            let text = format!("{}{count_text}", fit(name, room, amb));
            text_row(
                buf,
                area.x,
                area.y + i as u16,
                label_width as u16,
                Line::from(text),
                amb,
            );
        }
        let bars: Vec<Bar> = self
            .rows
            .iter()
            .take(usize::from(area.height))
            .map(|(_, count)| Bar::default().value(*count).text_value(String::new()))
            .collect();
        let gap = u16::from(label_width > 0);
        let bars_area = Rect {
            x: area.x + label_width as u16 + gap,
            width: area.width.saturating_sub(label_width as u16 + gap),
            ..area
        };
        BarChart::horizontal(bars)
            .bar_width(1)
            .bar_gap(0)
            .bar_set(bar_set(amb))
            .bar_style(self.theme.style(Element::Count))
            .render(bars_area, buf);
    }
}

/// A date as a position on the time axis, in months since year 0.
fn when(date: crate::core::dates::PageDate) -> f64 {
    f64::from(date.year) * 12.0
        + f64::from(date.month - 1)
        + f64::from(date.day.unwrap_or(15) - 1) / 31.0
}

/// Money over time: each dated figure a Braille dot; the value axis labelled as the
/// reader writes values (万, 亿), on a log scale when the values span more than two
/// orders of magnitude.
pub struct MoneyChart<'a> {
    pub money: &'a UnitStats,
    pub theme: &'a Theme,
    pub amb: AmbiguousWidth,
}

impl MoneyChart<'_> {
    /// True when the chart's value axis is logarithmic.
    pub fn is_log(money: &UnitStats) -> bool {
        let positive = money.series.iter().map(|s| s.1).filter(|v| *v > 0.0);
        let (low, high) = positive.fold((f64::INFINITY, 0.0f64), |(l, h), v| (l.min(v), h.max(v)));
        high > 0.0 && high / low > 100.0
    }
}

impl Widget for MoneyChart<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let money = self.money;
        let log = MoneyChart::is_log(money);
        let points: Vec<(f64, f64)> = money
            .series
            .iter()
            .filter(|(_, v)| *v > 0.0)
            .map(|(d, v)| (when(*d), if log { v.log10() } else { *v }))
            .collect();
        let (Some(first), Some(last)) = (money.series.first(), money.series.last()) else {
            return;
        };
        let high = points.iter().map(|p| p.1).fold(f64::MIN, f64::max);
        let low = points.iter().map(|p| p.1).fold(f64::MAX, f64::min);
        let (y_bounds, y_labels) = if log {
            let (lo, hi) = (low.floor(), high.ceil().max(low.floor() + 1.0));
            let labels = (lo as i32..=hi as i32)
                .map(|e| format_amount(10f64.powi(e), money.kind, &money.unit))
                .collect::<Vec<_>>();
            ([lo, hi], labels)
        } else {
            let top = high.max(1.0);
            let labels = [0.0, top / 2.0, top]
                .iter()
                .map(|v| format_amount(*v, money.kind, &money.unit))
                .collect();
            ([0.0, top], labels)
        };
        // No more value labels than rows to put them on.
        let rows = usize::from(area.height.saturating_sub(2)).max(2);
        let y_labels = thin(y_labels, rows);
        let (x0, x1) = (when(first.0), when(last.0).max(when(first.0) + 1.0));
        let x_labels = vec![first.0.year.to_string(), last.0.year.to_string()];
        let dataset = Dataset::default()
            .marker(symbols::Marker::Braille)
            .graph_type(GraphType::Scatter)
            .style(self.theme.style(Element::Figure))
            .data(&points);
        Chart::new(vec![dataset])
            .x_axis(Axis::default().bounds([x0, x1]).labels(x_labels))
            .y_axis(Axis::default().bounds(y_bounds).labels(y_labels))
            .render(area, buf);
        if self.amb == AmbiguousWidth::Wide {
            ascii_axes(area, buf);
        }
    }
}

/// The chart's axes in ASCII: box-drawing lines are ambiguous-width, and a terminal
/// that draws them wide would push the rest of the row out of place.
fn ascii_axes(area: Rect, buf: &mut Buffer) {
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let cell = &mut buf[(x, y)];
            let ascii = match cell.symbol() {
                "│" => "|",
                "─" => "-",
                "└" => "+",
                _ => continue,
            };
            cell.set_symbol(ascii);
        }
    }
}

/// At most `n` of `labels`, first and last kept, evenly picked: the chart spreads
/// them over its axis, so the ones kept still stand at their values only when the
/// steps between them are equal — which picking every k-th keeps.
fn thin(labels: Vec<String>, n: usize) -> Vec<String> {
    if labels.len() <= n {
        return labels;
    }
    let last = labels.len() - 1;
    // The largest step that divides the span and leaves at most n labels.
    let step = (1..=last)
        .find(|k| last.is_multiple_of(*k) && last / k < n)
        .unwrap_or(last);
    labels.into_iter().step_by(step).collect()
}

#[cfg(test)]
mod tests {
    use crate::tui::paint::charts::*;

    #[test]
    fn columns_hold_whole_divisors_of_a_year() {
        assert_eq!(months_per_column(12, 80), 1);
        assert_eq!(months_per_column(100, 80), 2);
        assert_eq!(months_per_column(460, 116), 4);
        assert_eq!(months_per_column(460, 100), 6);
        assert_eq!(months_per_column(460, 36), 24);
    }

    #[test]
    fn columns_start_with_years_and_sum_their_months() {
        let months: Vec<MonthCount> = Month {
            year: 2023,
            month: 11,
        }
        .through(Month {
            year: 2024,
            month: 3,
        })
        .enumerate()
        .map(|(i, month)| MonthCount {
            month,
            articles: i + 1,
        })
        .collect();
        let cols = columns(&months, 3);
        // Nov–Dec in the column of Oct–Dec, then Jan–Mar.
        let sums: Vec<(String, u64)> = cols.iter().map(|(m, n)| (m.to_string(), *n)).collect();
        assert_eq!(
            sums,
            [("2023-11".to_string(), 3), ("2024-01".to_string(), 12)]
        );
    }

    #[test]
    fn thinned_labels_keep_equal_steps() {
        let labels: Vec<String> = (0..7).map(|i| i.to_string()).collect();
        assert_eq!(thin(labels.clone(), 7), labels);
        assert_eq!(thin(labels.clone(), 4), ["0", "2", "4", "6"]);
        assert_eq!(thin(labels, 3), ["0", "3", "6"]);
    }
}
