//! Where words, spaces and joiners stand among the chars: the small look-ups every
//! part of the scan makes.

use super::super::numerals::is_arabic_digit;
use super::super::units::starts_with_at;
/// The spaces at `at` that print text puts between a number and its unit (10 亿元):
/// one or two, else none.
pub(super) fn gap_at(chars: &[char], at: usize) -> usize {
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
pub(super) fn gap_before(chars: &[char], at: usize) -> usize {
    (1..=2)
        .find(|&len| at >= len && gap_at(chars, at - len) == len)
        .unwrap_or(0)
}

pub(super) fn one_of(chars: &[char], at: usize, words: &[&'static str]) -> Option<&'static str> {
    words.iter().copied().find(|w| starts_with_at(chars, at, w))
}

pub(super) fn is_minus(c: char) -> bool {
    matches!(c, '-' | '－' | '−')
}

pub(super) fn is_slash(c: char) -> bool {
    matches!(c, '/' | '／')
}

/// 0797-8123456, 10:30, 2024/7/29: digits joined into a code, not a quantity.
pub(super) fn joined_on(chars: &[char], at: usize) -> bool {
    let joiner = chars
        .get(at)
        .is_some_and(|&c| matches!(c, '-' | '－' | '/' | ':' | '：' | '_' | '—'));
    joiner && chars.get(at + 1).is_some_and(|&c| is_arabic_digit(c))
}

pub(super) fn joined_before(chars: &[char], at: usize) -> bool {
    let Some(before) = at.checked_sub(1).map(|b| chars[b]) else {
        return false;
    };
    if before.is_ascii_alphanumeric() || matches!(before, '+' | '＋' | '_' | '#' | '.' | '．') {
        return true;
    }
    // 7×24小时: service hours, not a duration.
    let joiner = matches!(before, '-' | '－' | '/' | ':' | '：' | '×' | '*');
    joiner
        && at
            .checked_sub(2)
            .is_some_and(|b| chars[b].is_ascii_alphanumeric() || is_arabic_digit(chars[b]))
}
