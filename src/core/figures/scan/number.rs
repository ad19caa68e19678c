//! Reading the number itself and what trails it: digits or numerals, a magnitude
//! (万, 亿), the spaces print text puts before a unit, and 半, 多, 以上 … after it.

use super::super::numerals::{
    chinese_big, chinese_power, is_arabic_digit, is_chinese_numeral, read_arabic, read_chinese,
    Decimal,
};
use super::super::units::{char_len, unit_at};
use super::parts::{Number, Quantity, Written};
use super::qualifiers::SUFFIXES;
use super::text::{gap_at, one_of};
pub(super) fn could_start_number(c: char) -> bool {
    is_arabic_digit(c) || is_chinese_numeral(c) || c == '半'
}

pub(super) fn read_number(chars: &[char], at: usize) -> Result<Number, usize> {
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
pub(super) fn read_magnitude(chars: &[char], mut pos: usize) -> (i32, usize) {
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

pub(super) fn integer_in(n: &Number, range: std::ops::RangeInclusive<u32>) -> Option<u32> {
    n.value.as_integer().filter(|v| range.contains(v))
}

/// `at`, or past the spaces there when what follows them belongs to the number
/// before: a magnitude, 多 or 余, a unit, 以上 … (never a digit, 年代, 第 …).
pub(super) fn past_gap(chars: &[char], at: usize, arabic: bool) -> usize {
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

/// What may follow the unit: 半 (一年半), 多 or 余 after time (一年多),
/// and 以上, 左右 ….
pub(super) fn read_trailing(chars: &[char], q: &mut Quantity) {
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

pub(super) fn leading_zero(q: &Quantity) -> bool {
    matches!(q.number.written, Written::Arabic(a) if a.leading_zero)
}
