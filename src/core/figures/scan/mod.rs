//! Finding the figures of one block: a number, its magnitude, its unit and its
//! qualifiers, read as one span of chars that never begins or ends inside a number.

use super::numerals::{
    chinese_big, chinese_power, is_arabic_digit, is_chinese_numeral, read_arabic, read_chinese,
    ArabicNumber, ChineseNumber, Decimal,
};
mod dates;
mod fractions;
mod judgement;
mod qualifiers;
mod ranges;
mod rates;

use dates::*;
use fractions::*;
use judgement::*;
pub(crate) use qualifiers::bound_of;
use qualifiers::*;
use ranges::*;
use rates::*;

use super::units::{char_len, starts_with_at, unit_at, word_before, Unit, UnitClass};
use super::FigureKind;

/// A figure found in a block, before it is given its block index and context.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub value: f64,
    pub value_max: Option<f64>,
    pub unit: String,
    pub kind: FigureKind,
    pub qualifier: Option<String>,
}

/// Every figure in `chars`, in order, none overlapping.
pub(crate) fn find_figures(chars: &[char]) -> Vec<Found> {
    let mut found = Vec::new();
    let mut floor = 0;
    let mut i = 0;
    while i < chars.len() {
        if !could_start_number(chars[i]) {
            i += 1;
            continue;
        }
        match figure_at(chars, i, floor) {
            Ok(figure) => {
                i = figure.end.max(i + 1);
                floor = figure.end;
                found.push(figure);
            }
            Err(skip_to) => i = skip_to.max(i + 1),
        }
    }
    found
}

fn could_start_number(c: char) -> bool {
    is_arabic_digit(c) || is_chinese_numeral(c) || c == '半'
}

#[derive(Debug, Clone, Copy)]
enum Written {
    Arabic(ArabicNumber),
    Chinese(ChineseNumber),
    /// 半年, 半个月.
    Half,
}

#[derive(Debug, Clone, Copy)]
struct Number {
    start: usize,
    end: usize,
    value: Decimal,
    value_max: Option<Decimal>,
    written: Written,
}

/// A number with all that goes with it, read but not yet judged.
#[derive(Debug, Clone, Copy)]
struct Quantity {
    start: usize,
    number: Number,
    /// 万 亿 千万 after Arabic digits (or after 一百多): a power of ten.
    magnitude: i32,
    /// 多 余 来 between the number and the unit (100多人, 1500余名).
    inner: Option<&'static str>,
    unit: Option<&'static Unit>,
    /// The unit a rate is per: 平方米 in 35元/平方米 and in 每平方米35元.
    per: Option<&'static Unit>,
    /// A trailing 半 (一年半, 两个半月).
    half: bool,
    suffix: Option<&'static str>,
    prefix: Option<&'static str>,
    date: Option<DateParts>,
    /// A sign before the number that makes the value negative.
    sign: Option<Sign>,
    end: usize,
}

impl Quantity {
    /// A number from `start`, with `unit` if one is known yet and nothing else read.
    fn bare(start: usize, number: Number, unit: Option<&'static Unit>) -> Quantity {
        Quantity {
            start,
            number,
            magnitude: 0,
            inner: None,
            unit,
            per: None,
            half: false,
            suffix: None,
            prefix: None,
            date: None,
            sign: None,
            end: number.end,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sign {
    /// -5%, －5%, −3.5℃: only the number it stands before.
    Minus,
    /// 负增长3.2%, 零下15℃, 负2.1%: the whole figure, both ends of a range.
    Word,
}

fn figure_at(chars: &[char], at: usize, floor: usize) -> Result<Found, usize> {
    let mut q = read_quantity(chars, at)?;
    let skip = skip_end(chars, &q);
    if q.unit.is_some_and(|u| u.surface == "番") {
        return read_doubling(chars, &q, floor).ok_or(skip);
    }
    attach_sign(chars, &mut q, floor);
    attach_prefix(chars, &mut q, floor);
    attach_per_unit_before(chars, &mut q, floor);
    if let Some(range) = read_range(chars, &q, floor) {
        return Ok(range);
    }
    if is_figure(chars, &q) {
        Ok(to_found(&q))
    } else {
        Err(skip)
    }
}

/// 翻一番, 翻了两番: doubled n times, a multiple of 2^n, with 翻 as part of the text.
fn read_doubling(chars: &[char], q: &Quantity, floor: usize) -> Option<Found> {
    let verb_at = ["翻了", "翻"]
        .into_iter()
        .find_map(|v| word_before(chars, q.start, v).filter(|&s| s >= floor))?;
    let times = q.number.value.value();
    (matches!(q.number.written, Written::Chinese(_) | Written::Arabic(_)) && times <= 10.0).then(
        || Found {
            start: verb_at,
            end: q.end,
            value: 2f64.powf(times),
            value_max: None,
            unit: "倍".to_string(),
            kind: FigureKind::Multiple,
            qualifier: None,
        },
    )
}

/// Where to resume after a rejected quantity: past its whole number, so that no
/// later figure starts inside it.
fn skip_end(chars: &[char], q: &Quantity) -> usize {
    let mut end = q.number.end;
    match q.number.written {
        Written::Arabic(_) => {
            while end < chars.len() && chinese_big(chars[end]).is_some() {
                end += 1;
            }
        }
        Written::Chinese(_) | Written::Half => {
            while end < chars.len() && is_chinese_numeral(chars[end]) {
                end += 1;
            }
        }
    }
    end
}

fn read_quantity(chars: &[char], at: usize) -> Result<Quantity, usize> {
    for phrase in [&PERCENT_PHRASE, &PERMILLE_PHRASE] {
        if starts_with_at(chars, at, phrase.surface) {
            return read_percent_phrase(chars, at, phrase);
        }
    }
    if let Some(date) = read_numeric_date(chars, at) {
        return Ok(date);
    }
    let number = read_number(chars, at)?;
    if starts_with_at(chars, number.end, FRACTION.surface) {
        return read_fraction(chars, number);
    }
    if let Some(fraction) = read_slash_fraction(chars, number) {
        return Ok(fraction);
    }
    let mut q = Quantity::bare(at, number, None);
    let arabic = matches!(number.written, Written::Arabic(_));
    let mut pos = past_gap(chars, number.end, arabic);
    if !matches!(number.written, Written::Half) {
        q.inner = one_of(chars, pos, &["多", "余", "来"]);
        pos += q.inner.map_or(0, char_len);
        let takes_magnitude = matches!(number.written, Written::Arabic(_)) || q.inner.is_some();
        if takes_magnitude {
            let (magnitude, after) = read_magnitude(chars, pos);
            q.magnitude = magnitude;
            pos = after;
            if magnitude > 0 {
                let spaced = past_gap(chars, pos, arabic);
                if unit_at(chars, spaced).is_some() {
                    pos = spaced; // 10 亿 元
                }
            }
            if q.inner.is_none() && magnitude > 0 {
                q.inner = one_of(chars, pos, &["多", "余"]);
                pos += q.inner.map_or(0, char_len);
            }
        }
    }
    q.unit = unit_at(chars, pos);
    if q.unit.is_none() && q.inner.is_none() && q.magnitude == 0 {
        pos = number.end; // no space kept after a bare number
    }
    match q.unit {
        Some(unit) => {
            pos += char_len(unit.surface);
            match unit.surface {
                "个多月" => q.inner = q.inner.or(Some("多")),
                "个半月" => q.half = true,
                _ => {}
            }
            if let Some((per, after)) = per_unit_after(chars, pos, unit) {
                q.per = Some(per);
                pos = after;
            }
        }
        None if q.inner == Some("来") => {
            // 来 only means "about" before a unit; 三十年来 is "over thirty years".
            pos -= 1;
            q.inner = None;
        }
        None => {}
    }
    q.end = pos;
    read_date(chars, &mut q)?;
    if q.date.is_none() {
        read_trailing(chars, &mut q);
    }
    Ok(q)
}

fn read_number(chars: &[char], at: usize) -> Result<Number, usize> {
    let c = *chars.get(at).ok_or(at + 1)?;
    if is_arabic_digit(c) {
        let n = read_arabic(chars, at)?;
        return Ok(Number {
            start: at,
            end: n.end,
            value: n.value,
            value_max: None,
            written: Written::Arabic(n),
        });
    }
    if c == '半' {
        return Ok(Number {
            start: at,
            end: at + 1,
            value: Decimal {
                mantissa: 5.0,
                exp10: -1,
            },
            value_max: None,
            written: Written::Half,
        });
    }
    if is_chinese_numeral(c) {
        let n = read_chinese(chars, at, |i| unit_at(chars, i).is_some())?;
        return Ok(Number {
            start: at,
            end: n.end,
            value: n.value,
            value_max: n.value_max,
            written: Written::Chinese(n),
        });
    }
    Err(at + 1)
}

/// 万, 亿, 千万, 百万, 万亿 after a number, stopping where a unit begins (100万千瓦).
fn read_magnitude(chars: &[char], mut pos: usize) -> (i32, usize) {
    let mut exp10 = 0;
    while let Some(&c) = chars.get(pos) {
        let place = chinese_big(c).or_else(|| chinese_power(c).filter(|&p| p >= 2));
        match place {
            Some(p) if unit_at(chars, pos).is_none() => {
                exp10 += p;
                pos += 1;
            }
            _ => break,
        }
    }
    (exp10, pos)
}

/// The spaces at `at` that print text puts between a number and its unit (10 亿元):
/// one or two, else none.
fn gap_at(chars: &[char], at: usize) -> usize {
    let is_gap = |i: usize| {
        chars
            .get(i)
            .is_some_and(|&c| matches!(c, ' ' | '\u{a0}' | '\u{3000}' | '\u{2009}' | '\u{202f}'))
    };
    match (is_gap(at), is_gap(at + 1), is_gap(at + 2)) {
        (true, true, false) => 2,
        (true, false, _) => 1,
        _ => 0,
    }
}

/// The spaces just before `at`, counted as [`gap_at`] does.
fn gap_before(chars: &[char], at: usize) -> usize {
    (1..=2)
        .find(|&len| at >= len && gap_at(chars, at - len) == len)
        .unwrap_or(0)
}

/// `at`, or past the spaces there when what follows them belongs to the number
/// before: a magnitude, 多 or 余, a unit, 以上 … (never a digit, 年代, 第 …).
fn past_gap(chars: &[char], at: usize, arabic: bool) -> usize {
    let gap = if arabic { gap_at(chars, at) } else { 0 };
    if gap == 0 {
        return at;
    }
    let next = at + gap;
    let belongs = chars
        .get(next)
        .is_some_and(|&c| chinese_big(c).is_some() || chinese_power(c).is_some_and(|p| p >= 2))
        || one_of(chars, next, &["多", "余"]).is_some()
        || unit_at(chars, next).is_some()
        || one_of(chars, next, SUFFIXES).is_some();
    if belongs {
        next
    } else {
        at
    }
}

fn one_of(chars: &[char], at: usize, words: &[&'static str]) -> Option<&'static str> {
    words.iter().copied().find(|w| starts_with_at(chars, at, w))
}

fn integer_in(n: &Number, range: std::ops::RangeInclusive<u32>) -> Option<u32> {
    n.value.as_integer().filter(|v| range.contains(v))
}

/// What may follow the unit: 半 (一年半), 多 or 余 after time (一年多),
/// and 以上, 左右 ….
fn read_trailing(chars: &[char], q: &mut Quantity) {
    let mut pos = q.end;
    let approximable = q.unit.is_some_and(|u| u.takes_trailing_approximation());
    if approximable && !q.half && chars.get(pos) == Some(&'半') {
        q.half = true;
        pos += 1;
    }
    if approximable && q.inner.is_none() && !q.half {
        q.inner = one_of(chars, pos, &["多", "余"]);
        pos += q.inner.map_or(0, char_len);
    }
    // 20% 以上: a space before the qualifier, in print text.
    let arabic = matches!(q.number.written, Written::Arabic(_));
    let at = if arabic {
        pos + gap_at(chars, pos)
    } else {
        pos
    };
    q.suffix =
        one_of(chars, at, SUFFIXES).filter(|&s| !(s == "上下" && chars.get(at + 2) == Some(&'游')));
    if q.suffix.is_some() {
        pos = at;
    }
    pos += q.suffix.map_or(0, char_len);
    q.end = pos;
}

fn is_minus(c: char) -> bool {
    matches!(c, '-' | '－' | '−')
}

/// A sign right before the number: a minus (-5%), or 负增长, 零下, 负 (负增长3.2%),
/// which become part of the text. Never on a date, and never a hyphen after a
/// digit, a letter or the figure before (3-5年, 2024-07, A-5, 3月-5%).
fn attach_sign(chars: &[char], q: &mut Quantity, floor: usize) {
    if q.date.is_some() || q.unit.is_none() && is_bare_year(q) {
        return;
    }
    let at = q.start;
    let before = |i: usize| i.checked_sub(1).map(|b| chars[b]);
    if matches!(q.number.written, Written::Arabic(_)) && before(at).is_some_and(is_minus) {
        let minus = at - 1;
        let joined = before(minus).is_some_and(|c| {
            is_arabic_digit(c)
                || c.is_ascii_alphanumeric()
                || is_minus(c)
                || matches!(c, '%' | '％' | '.' | '．' | '/' | '／' | '_' | '+' | '＋')
        });
        let after_figure = floor > 0 && minus == floor;
        if !joined && !after_figure && minus >= floor {
            q.start = minus;
            q.sign = Some(Sign::Minus);
        }
        return;
    }
    for word in ["负增长", "零下", "负"] {
        let Some(start) = word_before(chars, at, word).filter(|&s| s >= floor) else {
            continue;
        };
        // 正负5%: plus or minus, no sign.
        if word == "负" && before(start) == Some('正') {
            return;
        }
        q.start = start;
        q.sign = Some(Sign::Word);
        return;
    }
}

fn to_found(q: &Quantity) -> Found {
    let mut found = to_found_unsigned(q);
    if q.sign.is_some() && found.kind != FigureKind::Date {
        found.value = -found.value;
        found.value_max = found.value_max.map(|v| -v);
    }
    found
}

fn to_found_unsigned(q: &Quantity) -> Found {
    let qualifier = join_qualifiers(&[q.prefix, q.inner, vague(q), q.suffix]);
    if let Some(date) = q.date {
        return Found {
            start: q.start,
            end: q.end,
            value: date.value(),
            value_max: None,
            unit: date.unit().to_string(),
            kind: FigureKind::Date,
            qualifier,
        };
    }
    if q.unit.is_none() && is_bare_year(q) {
        let year = DateParts {
            year: q.number.value.as_integer(),
            ..DateParts::default()
        };
        return Found {
            start: q.start,
            end: q.end,
            value: year.value(),
            value_max: None,
            unit: "年".to_string(),
            kind: FigureKind::Date,
            qualifier,
        };
    }
    let exp10 = q.magnitude + q.unit.map_or(0, |u| u.exp10);
    let half = if q.half { 0.5 } else { 0.0 };
    let scale = |d: Decimal| {
        let whole = d.scaled(exp10).value();
        whole
            + Decimal {
                mantissa: half,
                exp10,
            }
            .value()
    };
    Found {
        start: q.start,
        end: q.end,
        value: scale(q.number.value),
        value_max: q.number.value_max.map(scale),
        unit: match (q.unit, q.per) {
            (Some(u), Some(per)) => format!("{}/{}", u.name, per.name),
            (Some(u), None) => u.name.to_string(),
            (None, _) => String::new(),
        },
        kind: match (q.unit, q.per) {
            (_, Some(_)) => FigureKind::Rate,
            (Some(u), None) => u.kind(),
            (None, _) => FigureKind::Count,
        },
        qualifier,
    }
}

/// What the modules' unit tests read: each figure of `text` with its surface.
#[cfg(test)]
fn scan_text(text: &str) -> Vec<(String, Found)> {
    let chars: Vec<char> = text.chars().collect();
    find_figures(&chars)
        .into_iter()
        .map(|f| (chars[f.start..f.end].iter().collect(), f))
        .collect()
}

#[cfg(test)]
fn surfaces(text: &str) -> Vec<String> {
    scan_text(text).into_iter().map(|(s, _)| s).collect()
}

#[cfg(test)]
fn only(text: &str) -> Found {
    let mut all = scan_text(text);
    assert_eq!(all.len(), 1, "{text}: {all:?}");
    all.remove(0).1
}
