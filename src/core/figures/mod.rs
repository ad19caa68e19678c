//! Figures: the quantities an article reports (55亿元, 3000吨, 20%, 1500余名), found whole.
//!
//! A figure is a number (Arabic or Chinese), an optional magnitude (万, 亿, 千万), a unit
//! or measure word, and the qualifiers written next to it (近, 约, 超过, 余, 多, 以上 …).
//! Dates (2024年, 7月29日, 今年6月) are figures of kind `date`. Per-unit rates
//! (35元/平方米, 80万元/亩, 0.38元/千瓦时, 5000吨/年, 每吨2.6万元) are one figure of kind
//! `rate`, unit numerator/denominator (元/平方米), value per one denominator unit.
//!
//! Bounds: each figure's `bound` says what its qualifiers make of the value —
//! `approx` (近, 约, 左右), `more_than` (超过, 超, 逾, 突破, 余, 多),
//! `at_least` (以上, 至少, 最低, 不低于, 不少于), `at_most` (最高, 最多, 不超过, 以下, 以内),
//! `less_than` (不足, 不到), else `exact`. 最高, 最多, 最低 and 至少 may stand a verb
//! away (最高给予1000万元: the verb is part of the text). 达 and 高达 state the value.
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
//!   except four-digit years (2024), which are dates — unless glued to the name
//!   after them (2024第三届…大会, 2023世界…博览会);
//! - counts in words opening a short quoted slogan (“三个一批”), and service hours
//!   written 7×24小时.

mod format;
mod numerals;
mod scan;
pub mod units;

pub use format::{format_amount, format_value, grouped_number, normalised_value, reading_value};

use super::article::Block;
pub use super::article::{Figure, FigureKind};
use super::punctuation;

/// Every figure in the blocks, in reading order.
pub fn extract_figures(blocks: &[Block]) -> Vec<Figure> {
    // Found first over all the blocks' chars, so that the figures (large, and many
    // in a long report) are allocated once, not grown and copied block by block.
    // A char takes at least a byte: room for every block's chars at once.
    let mut chars = Vec::with_capacity(blocks.iter().map(|b| b.text.len()).sum());
    let mut spans = Vec::with_capacity(blocks.len());
    let mut found = Vec::new();
    for block in blocks {
        let from = chars.len();
        chars.extend(block.text.chars());
        let in_block = scan::find_figures(&chars[from..]);
        spans.push((from, found.len(), in_block.len()));
        found.extend(in_block);
    }
    let mut figures = Vec::with_capacity(found.len());
    let mut found = found.into_iter();
    for (index, &(from, first, count)) in spans.iter().enumerate() {
        let end = spans.get(index + 1).map_or(chars.len(), |next| next.0);
        let chars = &chars[from..end];
        for found in found.by_ref().take(count) {
            figures.push(Figure {
                bound: scan::bound_of(found.qualifier.as_deref()),
                text: chars[found.start..found.end].iter().collect(),
                value: found.value,
                unit: found.unit,
                kind: found.kind,
                qualifier: found.qualifier,
                block: index,
                start: found.start,
                end: found.end,
                context: sentence_around(chars, found.start, found.end),
                value_max: found.value_max,
            });
        }
        debug_assert_eq!(figures.len(), first + count);
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
    // Trimmed as `str::trim` trims (White_Space), before the one copy is made.
    let mut sentence = &chars[from..to];
    while let [first, rest @ ..] = sentence {
        if !first.is_whitespace() {
            break;
        }
        sentence = rest;
    }
    while let [rest @ .., last] = sentence {
        if !last.is_whitespace() {
            break;
        }
        sentence = rest;
    }
    sentence.iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
