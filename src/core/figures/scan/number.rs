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
    // Most chars of a page are neither: the common case is a range test and a
    // bit test, not the numeral matches.
    match u32::from(c) {
        0x30..=0x39 => true,
        code @ CJK_FIRST..=CJK_LAST => {
            let bit = (code - CJK_FIRST) as usize;
            STARTS_NUMBER_CJK[bit / 64] & (1 << (bit % 64)) != 0
        }
        _ => starts_number(c),
    }
}

const fn starts_number(c: char) -> bool {
    is_arabic_digit(c) || is_chinese_numeral(c) || c == '半'
}

/// The CJK Unified Ideographs block, where the Chinese numerals are.
const CJK_FIRST: u32 = 0x4E00;
const CJK_LAST: u32 = 0x9FFF;

/// `starts_number` for every char of the CJK block, one bit each.
static STARTS_NUMBER_CJK: [u64; ((CJK_LAST - CJK_FIRST) as usize + 64) / 64] = {
    let mut bits = [0u64; ((CJK_LAST - CJK_FIRST) as usize + 64) / 64];
    let mut code = CJK_FIRST;
    while code <= CJK_LAST {
        if let Some(c) = char::from_u32(code) {
            if starts_number(c) {
                let bit = (code - CJK_FIRST) as usize;
                bits[bit / 64] |= 1 << (bit % 64);
            }
        }
        code += 1;
    }
    bits
};

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_agrees_with_the_numerals_for_every_char() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(could_start_number(c), starts_number(c), "{c:?}");
        }
    }
}
