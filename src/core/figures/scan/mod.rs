//! Finding the figures of one block: a number, its magnitude, its unit and its
//! qualifiers, read as one span of chars that never begins or ends inside a number.
//!
//! The files, from the leaves up (each imports only those before it): `parts` (what
//! a figure is read into), `text` (words and spaces among the chars), `qualifiers`,
//! `rates`, `number` (the number and what trails it), `dates`, `fractions`,
//! `judgement` (is it a figure at all), `quantity` (a whole quantity read and made a
//! figure), `ranges`; this file finds the figures of a block with them.

mod dates;
mod fractions;
mod judgement;
mod number;
mod parts;
mod qualifiers;
mod quantity;
mod ranges;
mod rates;
mod text;

pub(crate) use parts::Found;
pub(crate) use qualifiers::bound_of;

use super::numerals::{chinese_big, is_arabic_digit, is_chinese_numeral};
use super::units::word_before;
use crate::core::article::FigureKind;
use dates::is_bare_year;
use judgement::is_figure;
use number::could_start_number;
use parts::{Quantity, Sign, Written};
use qualifiers::attach_prefix;
use quantity::{read_quantity, to_found};
use ranges::read_range;
use rates::attach_per_unit_before;
use text::is_minus;

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
