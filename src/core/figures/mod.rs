//! Figures: the quantities an article reports (55亿元, 3000吨, 20%, 1500余名), found whole.
//!
//! A figure is a number (Arabic or Chinese), an optional magnitude (万, 亿, 千万), a unit
//! or measure word, and the qualifiers written next to it (近, 约, 超过, 余, 多, 以上 …).
//! Dates (2024年, 7月29日, 今年6月) are figures of kind `date`.
//!
//! Signs: a minus written right before an Arabic number (-5%, －5%, −3.5℃) is part
//! of the figure and makes its value negative; so do 负增长, 零下 and 负 (负增长3.2%,
//! 零下15℃, 负2.1%), which are kept in `text` so that the text shows what the value
//! was read from, as 翻 is in 翻一番. Verbs of decline (下降, 减少, 降低) are context:
//! 下降3.2% is the figure 3.2% with value 0.032. A hyphen after a digit, a letter or
//! the figure before is a connector, never a sign (3-5年, 2024-07, A-5); 正负5% is 5%.
//! A sign word covers both ends of a range (零下5至10℃ → −5 to −10), a minus only the
//! number it stands before (-5至3℃ → −5 to 3). Dates take no sign.
//!
//! Print text often puts a space between a number and its unit (10 亿元, 20 %): the
//! space belongs to the figure when a magnitude, unit, 多/余 or 以上 … follows it,
//! and never otherwise (第 3 名, 12 345 are no figures; 2024 年 is a date).
//!
//! Fractions with a slash (1/3, 2/5的企业) are ratios of kind `percent` and unit 分之,
//! like 三分之一: only proper fractions of plain integers over 2–10, 100 or 1000, so
//! that 7/24, 24/7 (service hours), 3/1 (a score) and codes stay none. Dates in digits
//! (2024/7/29, 2024-07-29, 2024.7.29, 2024-07) are dates, valued as 2024年7月29日 is.
//!
//! What is deliberately not a figure:
//! - ordinals and names: 第三届, 国六, 5G, G60, 1+N, 二次开发, 三大 (大 is an epithet,
//!   not a measure word: 三大板块 names three sections more than it counts them);
//! - a lone 一 before a measure word, which is the indefinite article or an idiom
//!   (一批, 一项技改项目, 一个个, 最后一公里), unless qualified (近一年) or a ratio (一倍);
//! - a bare 百, 千, 万 or 亿 without a qualifier (百年老店, 万人计划; but 近百项);
//! - Arabic numbers with no unit, magnitude or qualifier (rank, code, phone, id),
//!   except four-digit years (2024), which are dates;
//! - 达, 突破, 高达 before a number: verbs that state the value, not qualifiers.

mod numerals;
mod scan;
mod units;

use super::article::Block;
pub use super::article::{Figure, FigureKind};
use super::punctuation;

/// Every figure in the blocks, in reading order.
pub fn extract_figures(blocks: &[Block]) -> Vec<Figure> {
    let mut figures = Vec::new();
    let mut chars = Vec::new();
    for (index, block) in blocks.iter().enumerate() {
        chars.clear();
        chars.extend(block.text.chars());
        for found in scan::find_figures(&chars) {
            figures.push(Figure {
                text: chars[found.start..found.end].iter().collect(),
                value: found.value,
                unit: found.unit.to_string(),
                kind: found.kind,
                qualifier: found.qualifier,
                block: index,
                start: found.start,
                end: found.end,
                context: sentence_around(&chars, found.start, found.end),
                value_max: found.value_max,
            });
        }
    }
    figures
}

fn ends_sentence(c: char) -> bool {
    punctuation::ends_sentence(c) || matches!(c, '\n' | '\r')
}

/// The sentence holding chars `start..end`: from after the previous 。！？； or line
/// end to the next one, with its closing quotes.
fn sentence_around(chars: &[char], start: usize, end: usize) -> String {
    let mut from = start.min(chars.len());
    while from > 0 && !ends_sentence(chars[from - 1]) {
        from -= 1;
    }
    while from < start && (punctuation::closes_sentence(chars[from]) || chars[from].is_whitespace())
    {
        from += 1;
    }
    let mut to = end.min(chars.len());
    while to < chars.len() && !ends_sentence(chars[to]) {
        to += 1;
    }
    if to < chars.len() && chars[to] != '\n' && chars[to] != '\r' {
        to += 1;
        while to < chars.len() && punctuation::closes_sentence(chars[to]) {
            to += 1;
        }
    }
    chars[from..to]
        .iter()
        .collect::<String>()
        .trim()
        .to_string()
}

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

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(value: f64, unit: &str, kind: FigureKind) -> Figure {
        Figure {
            text: String::new(),
            value,
            unit: unit.to_string(),
            kind,
            qualifier: None,
            block: 0,
            start: 0,
            end: 0,
            context: String::new(),
            value_max: None,
        }
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
    fn context_is_the_sentence_with_its_quotes() {
        let chars: Vec<char> = "他说：“产值10亿元。”随后离开。另一句".chars().collect();
        let start = 5;
        assert_eq!(
            sentence_around(&chars, start, start + 5),
            "他说：“产值10亿元。”"
        );
        assert_eq!(sentence_around(&chars, 17, 18), "另一句");
    }
}
