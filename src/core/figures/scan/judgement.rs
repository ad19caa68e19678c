//! Whether a read quantity is a figure: ordinals, names, codes and idioms are not.

use super::super::numerals::{is_arabic_digit, ChineseNumber};
use super::super::units::{Unit, UnitClass};
use super::dates::is_bare_year;
use super::parts::{Quantity, Written};
use super::qualifiers::has_qualifier;
use super::text::{gap_before, joined_before, joined_on};

/// The checks on the number itself, apart from what surrounds it: not an ordinal
/// (第三), not a name or code (G60, 5G, 1+N, 0797-…).
/// `check_before` says whether to look before the number for a joiner (a range's high end
/// follows its connector).
pub(super) fn number_is_sound(chars: &[char], q: &Quantity, check_before: bool) -> bool {
    let start = q.number.start;
    let gap = gap_before(chars, start);
    if start > gap && chars[start - gap - 1] == '第' {
        return false;
    }
    let Written::Arabic(a) = q.number.written else {
        return true;
    };
    if a.leading_zero || check_before && joined_before(chars, start) {
        return false;
    }
    // 12 345: a space between digit groups; no part of it is a figure alone.
    if check_before && gap > 0 && start > gap && is_arabic_digit(chars[start - gap - 1]) {
        return false;
    }
    let next = chars.get(a.end).copied();
    if next.is_some_and(|c| matches!(c, '+' | '＋')) {
        return false;
    }
    // 5G, 3D: letters glued to digits make a name unless they are a unit (5MW).
    let latin_unit = q.unit.is_some_and(|u| u.is_latin());
    if next.is_some_and(|c| c.is_ascii_alphabetic()) && !(latin_unit && q.magnitude == 0) {
        return false;
    }
    if latin_unit && chars.get(q.end).is_some_and(|c| c.is_ascii_alphanumeric()) {
        return false;
    }
    true
}

/// A bare year glued to the words after it is part of a name (2024第三届…大会,
/// 2023世界智能产业博览会), not a date; 2024年 has its unit and stays one.
pub(super) fn names_an_event(chars: &[char], q: &Quantity) -> bool {
    chars
        .get(q.end)
        .is_some_and(|&c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// A count in words opening a short quoted slogan: “三个一批”, “两个率先”, “五个一”.
pub(super) fn opens_a_slogan(chars: &[char], q: &Quantity) -> bool {
    let quoted = q.start.checked_sub(1).is_some_and(|b| chars[b] == '“');
    let closes_soon = || chars.iter().skip(q.end).take(6).any(|&c| c == '”');
    matches!(q.number.written, Written::Chinese(_)) && quoted && closes_soon()
}

/// Whether a read quantity is a figure: see the module docs for what is not.
pub(super) fn is_figure(chars: &[char], q: &Quantity) -> bool {
    if !number_is_sound(chars, q, true)
        || joined_on(chars, q.number.end)
        || opens_a_slogan(chars, q)
    {
        return false;
    }
    let Some(unit) = q.unit else {
        if q.date.is_some() {
            return true; // 2024/7/29
        }
        return match q.number.written {
            Written::Arabic(_) => {
                is_bare_year(q) && !names_an_event(chars, q) || q.magnitude > 0 || has_qualifier(q)
            }
            _ => false,
        };
    };
    // 一个个, 一次次: a reduplicated measure word means "one after another".
    let mut unit_chars = unit.surface.chars();
    let single = unit_chars.next().filter(|_| unit_chars.next().is_none());
    if single.is_some() && q.date.is_none() && chars.get(q.end) == single.as_ref() {
        return false;
    }
    match q.number.written {
        Written::Arabic(_) => true,
        Written::Chinese(n) => chinese_is_figure(chars, q, &n, unit),
        Written::Half => {
            let before = q.start.checked_sub(1).map(|b| chars[b]);
            matches!(unit.class, UnitClass::Duration | UnitClass::Year)
                && !before.is_some_and(|b| "上下前后大过".contains(b))
        }
    }
}

pub(super) fn chinese_is_figure(
    chars: &[char],
    q: &Quantity,
    n: &ChineseNumber,
    unit: &Unit,
) -> bool {
    if unit.digits_only && !n.has_big && q.magnitude == 0 {
        return false;
    }
    if n.lone_one {
        // 一 is mostly "a" (一批, 一项技改项目) or an idiom (最后一公里); it counts
        // as a number when qualified (近一年, 一年多) or as a ratio (一倍, 一成).
        let ratio = matches!(unit.class, UnitClass::Multiple)
            || unit.class == UnitClass::Percent && chars.get(q.end) != Some(&'不');
        return ratio || q.date.is_some() || has_qualifier(q) || q.half;
    }
    if n.lone_two && unit.class == UnitClass::Count {
        return false; // 二次开发, 二级: ordinal or adjective; counts use 两
    }
    if n.lone_magnitude {
        return has_qualifier(q) || unit.class == UnitClass::Percent; // 近百项, 上万人; but 百年老店, 万人计划
    }
    true
}

#[cfg(test)]
mod tests {
    use super::super::surfaces;

    #[test]
    fn ordinals_names_and_codes_are_no_figures() {
        for none in [
            "第三届",
            "第5名",
            "5G基站",
            "G60走廊",
            "1+N模式",
            "0797-8123456",
            "10:30",
            "7×24小时",
            "地铁3号线",
            "二次开发",
            "一批企业",
            "一个个难题",
            "百年老店",
            "万人计划",
            "12 345",
        ] {
            assert!(surfaces(none).is_empty(), "{none}: {:?}", surfaces(none));
        }
    }

    #[test]
    fn a_year_glued_to_a_name_is_no_date() {
        assert!(surfaces("2024第三届永磁电机大会").is_empty());
        assert!(surfaces("2023世界智能产业博览会").is_empty());
        assert_eq!(surfaces("2024年第三届"), ["2024年"]);
    }

    #[test]
    fn slogans_in_quotes_are_no_counts() {
        assert!(surfaces("坚持“三个一批”机制").is_empty());
        assert!(surfaces("“两个率先”目标").is_empty());
        assert_eq!(surfaces("引进“3个”项目"), ["3个"]);
    }

    #[test]
    fn a_lone_one_counts_when_qualified_or_a_ratio() {
        assert_eq!(surfaces("近一年"), ["近一年"]);
        assert_eq!(surfaces("增长一倍"), ["一倍"]);
        assert!(surfaces("一项技改").is_empty());
    }
}
