//! The one set of number formatters for figures: the compact table value (55亿元,
//! 3–5年, 2024-07-29), the reading value with its bound (≈100项, ≥10%), the plain
//! normalised value of the text table (5500000000元), and digit grouping (5,500).

use crate::core::article::{Bound, Figure, FigureKind};

/// The value as a reader wants it in a table: 55亿元, 1.2万吨, 20%, 3.7倍, 3–5年,
/// 2024-07-29. Money and large counts use 万 and 亿; percentages are shown in %.
pub fn format_value(figure: &Figure) -> String {
    match figure.value_max {
        // 3–5年, 3万–5万元: the unit once, at the end; percentages and dates whole.
        Some(max) if !matches!(figure.kind, FigureKind::Date | FigureKind::Percent) => {
            format!(
                "{}–{}",
                with_magnitude(figure.value),
                format_one(figure, max)
            )
        }
        Some(max) => format!(
            "{}–{}",
            format_one(figure, figure.value),
            format_one(figure, max)
        ),
        None => format_one(figure, figure.value),
    }
}

/// Any value of a kind and unit as `format_value` writes a figure's: a sum or an axis
/// label (55亿元, 1.2万吨, 20%).
pub fn format_amount(value: f64, kind: FigureKind, unit: &str) -> String {
    format_one(&Figure::new("", value, unit, kind), value)
}

fn format_one(figure: &Figure, value: f64) -> String {
    match figure.kind {
        FigureKind::Date => format_date(value, &figure.unit),
        FigureKind::Percent if figure.unit == "个百分点" => {
            format!("{}个百分点", plain_number(value * 100.0))
        }
        FigureKind::Percent if figure.unit == "‰" => format!("{}‰", plain_number(value * 1000.0)),
        FigureKind::Percent => format!("{}%", plain_number(value * 100.0)),
        _ => format!("{}{}", with_magnitude(value), figure.unit),
    }
}

fn format_date(value: f64, unit: &str) -> String {
    if unit == "季度" {
        return format!("Q{}", plain_number(value));
    }
    let n = value.max(0.0) as u64;
    let (year, month, day) = (n / 10000, n / 100 % 100, n % 100);
    match (year, month, day) {
        (y, 0, 0) => format!("{y}"),
        (0, m, 0) => format!("--{m:02}"),
        (0, m, d) => format!("--{m:02}-{d:02}"),
        (y, m, 0) => format!("{y}-{m:02}"),
        (y, m, d) => format!("{y}-{m:02}-{d:02}"),
    }
}

/// 5500000000 → 55亿, 12000 → 1.2万, 3.7 → 3.7.
fn with_magnitude(value: f64) -> String {
    let magnitude = value.abs();
    if magnitude >= 1e8 {
        format!("{}亿", plain_number(value / 1e8))
    } else if magnitude >= 1e4 {
        format!("{}万", plain_number(value / 1e4))
    } else {
        plain_number(value)
    }
}

/// Up to four decimals, without trailing zeros.
fn plain_number(value: f64) -> String {
    let text = format!("{value:.4}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

/// The normalised value as a plain number (what the JSON holds), with its unit and
/// no space, so that a column of them cuts cleanly: 55亿元 → `5500000000元`,
/// 3至5年 → `3–5年`, 3.7倍 → `3.7倍`; percentages and dates as the reader's table
/// shows them (`20%`, `2024-07-29`), through the same formatter.
pub fn normalised_value(f: &Figure) -> String {
    let number = |v: f64| {
        if v.fract() == 0.0 && v.abs() < 1e15 {
            format!("{}", v as i64)
        } else {
            format!("{}", (v * 1e6).round() / 1e6)
        }
    };
    if matches!(f.kind, FigureKind::Date | FigureKind::Percent) {
        // 20240729 and 0.2 mean little to a reader; 2024-07-29 and 20% do.
        return format_value(f);
    }
    let mut text = number(f.value);
    if let Some(max) = f.value_max {
        text = format!("{text}–{}", number(max));
    }
    text.push_str(&f.unit);
    text
}

/// The value as a reader would say it, with the figure's bound as its sign:
/// = 5,500,000,000元, = 20%, = ×3.7, ≈100项, >1,500名, ≥10%, <3年; a range as the
/// table writes it (= 3–5年). Empty for dates. A qualifier that gives no bound is
/// shown as written: = 5天 (某).
pub fn reading_value(figure: &Figure) -> String {
    let sign = figure.bound.sign();
    if figure.value_max.is_some() && figure.kind != FigureKind::Date {
        return format!("{sign} {}", format_value(figure));
    }
    let (number, unit) = match figure.kind {
        FigureKind::Date => return String::new(),
        FigureKind::Percent => (format!("{}%", grouped_number(figure.value * 100.0)), ""),
        FigureKind::Multiple => (format!("×{}", grouped_number(figure.value)), ""),
        _ => (grouped_number(figure.value), figure.unit.as_str()),
    };
    match (figure.bound, figure.qualifier.as_deref()) {
        (Bound::Exact, Some(q)) if !q.is_empty() => format!("= {number}{unit} ({q})"),
        (Bound::Exact, _) => format!("= {number}{unit}"),
        (_, _) => format!("{sign}{number}{unit}"),
    }
}

/// Thousands separated, up to two decimals, no trailing zeros.
pub fn grouped_number(value: f64) -> String {
    if !value.is_finite() {
        return "?".to_string();
    }
    let rounded = (value * 100.0).round() / 100.0;
    let whole = rounded.trunc().abs() as u128;
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(d);
    }
    let fraction = (rounded.abs().fract() * 100.0).round() as u32;
    let sign = if rounded < 0.0 { "-" } else { "" };
    match fraction {
        0 => format!("{sign}{grouped}"),
        f if f % 10 == 0 => format!("{sign}{grouped}.{}", f / 10),
        f => format!("{sign}{grouped}.{f:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(value: f64, unit: &str, kind: FigureKind) -> Figure {
        Figure::new("", value, unit, kind)
    }

    #[test]
    fn values_format_for_a_table() {
        assert_eq!(
            format_value(&figure(5.5e9, "元", FigureKind::Money)),
            "55亿元"
        );
        assert_eq!(
            format_value(&figure(12000.0, "吨", FigureKind::Quantity)),
            "1.2万吨"
        );
        assert_eq!(format_value(&figure(0.2, "%", FigureKind::Percent)), "20%");
        assert_eq!(format_value(&figure(0.8, "成", FigureKind::Percent)), "80%");
        assert_eq!(
            format_value(&figure(3.7, "倍", FigureKind::Multiple)),
            "3.7倍"
        );
        assert_eq!(
            format_value(&figure(20240729.0, "日", FigureKind::Date)),
            "2024-07-29"
        );
        assert_eq!(
            format_value(&figure(729.0, "日", FigureKind::Date)),
            "--07-29"
        );
        assert_eq!(
            format_value(&figure(20240000.0, "年", FigureKind::Date)),
            "2024"
        );
        let mut range = figure(3.0, "年", FigureKind::Duration);
        range.value_max = Some(5.0);
        assert_eq!(format_value(&range), "3–5年");
    }

    #[test]
    fn normalised_values_have_no_space_inside() {
        assert_eq!(
            normalised_value(&figure(5.5e9, "元", FigureKind::Money)),
            "5500000000元"
        );
        // Percentages as the reader prints them (format_value), not as ratios.
        for (value, unit) in [(0.2, "%"), (0.035, "个百分点"), (0.8, "成")] {
            let f = figure(value, unit, FigureKind::Percent);
            assert_eq!(normalised_value(&f), format_value(&f));
        }
        assert_eq!(
            normalised_value(&figure(0.2, "%", FigureKind::Percent)),
            "20%"
        );
        assert_eq!(
            normalised_value(&figure(3.7, "倍", FigureKind::Multiple)),
            "3.7倍"
        );
        let mut range = figure(3.0, "年", FigureKind::Duration);
        range.value_max = Some(5.0);
        assert_eq!(normalised_value(&range), "3–5年");
    }

    #[test]
    fn reading_values_carry_the_bound() {
        let mut f = figure(100.0, "项", FigureKind::Count);
        assert_eq!(reading_value(&f), "= 100项");
        f.qualifier = Some("近".into());
        f.bound = Bound::Approx;
        assert_eq!(reading_value(&f), "≈100项");
        f.bound = Bound::MoreThan;
        assert_eq!(reading_value(&f), ">100项");
        f.bound = Bound::AtMost;
        assert_eq!(reading_value(&f), "≤100项");
        f.bound = Bound::Exact;
        f.qualifier = Some("某".into());
        assert_eq!(reading_value(&f), "= 100项 (某)");
        let mut p = figure(0.1, "%", FigureKind::Percent);
        p.bound = Bound::AtLeast;
        assert_eq!(reading_value(&p), "≥10%");
        assert_eq!(
            reading_value(&figure(20240729.0, "日", FigureKind::Date)),
            ""
        );
    }

    #[test]
    fn numbers_are_grouped() {
        assert_eq!(grouped_number(5_500_000_000.0), "5,500,000,000");
        assert_eq!(grouped_number(3.7), "3.7");
        assert_eq!(grouped_number(0.05), "0.05");
        assert_eq!(grouped_number(1500.0), "1,500");
        assert_eq!(grouped_number(-2.5), "-2.5");
        assert_eq!(grouped_number(f64::NAN), "?");
    }
}
