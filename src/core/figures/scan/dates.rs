//! Dates: 2024年7月29日, 7月初, 三季度, 今年6月 and dates in digits (2024/7/29,
//! 2024-07-29, 2024.7.29, 2024-07), with the value coding of `Figure::value`.

use super::super::numerals::{is_arabic_digit, read_arabic, Decimal};
use super::super::units::{char_len, unit_at, UnitClass};
use super::number::{integer_in, past_gap, read_number};
use super::parts::{DateParts, Number, Quantity, Written};
use super::qualifiers::has_qualifier;
use super::text::{gap_at, joined_before, one_of};

use crate::core::dates::PageDate;

pub(super) fn is_date_separator(c: char) -> bool {
    matches!(c, '-' | '－' | '/' | '／' | '.' | '．')
}

/// 2024/7/29, 2024-07-29, 2024.7.29, 2024-07: a date in digits, the same separator
/// throughout; with dots only a full date (2024.7 is a decimal).
pub(super) fn read_numeric_date(chars: &[char], at: usize) -> Option<Quantity> {
    let digits_from = |from: usize, max: usize| {
        let len = chars[from.min(chars.len())..]
            .iter()
            .take(max + 1)
            .take_while(|&&c| is_arabic_digit(c))
            .count();
        (1..=max).contains(&len).then_some(len)
    };
    let sep = *chars.get(at + 4)?;
    if !is_date_separator(sep) || digits_from(at, 4) != Some(4) {
        return None;
    }
    let year_number = read_arabic(&chars[..at + 4], at).ok()?;
    let year = year_number
        .value
        .as_integer()
        .filter(|y| (1900..=2100).contains(y))?;
    let number_at = |from: usize, len: usize| {
        chars[from..from + len]
            .iter()
            .filter_map(|&c| super::super::numerals::arabic_digit(c))
            .fold(0, |v, d| v * 10 + d)
    };
    let month_len = digits_from(at + 5, 2)?;
    let month = number_at(at + 5, month_len);
    let mut end = at + 5 + month_len;
    let mut day = None;
    if chars.get(end) == Some(&sep) {
        let day_len = digits_from(end + 1, 2)?;
        day = Some(number_at(end + 1, day_len));
        end += 1 + day_len;
    }
    let dotted = matches!(sep, '.' | '．');
    let joined_after = chars.get(end).is_some_and(|&c| {
        c.is_ascii_alphanumeric()
            || is_date_separator(c) && chars.get(end + 1).is_some_and(|&n| is_arabic_digit(n))
    });
    if !(1..=12).contains(&month)
        || day.is_some_and(|d| !is_real_day(Some(year), Some(month), d))
        || dotted && day.is_none()
        || day.is_none() && unit_at(chars, end).is_some()
        || joined_after
        || joined_before(chars, at)
    {
        return None;
    }
    let number = Number {
        start: at,
        end,
        value: Decimal::integer(f64::from(year)),
        value_max: None,
        written: Written::Arabic(year_number),
    };
    Some(Quantity {
        date: Some(DateParts {
            year: Some(year),
            month: Some(month),
            day,
            quarter: None,
        }),
        end,
        ..Quantity::bare(at, number, None)
    })
}

pub(super) fn is_year_number(n: &Number) -> bool {
    match n.written {
        Written::Arabic(a) => {
            a.int_digits == 4
                && !a.grouped
                && !a.has_decimals
                && integer_in(n, 1000..=2999).is_some()
        }
        Written::Chinese(c) => c.place_digits == 4 && integer_in(n, 1000..=2999).is_some(),
        Written::Half => false,
    }
}

/// 2024年7月29日, 7月初, 29日, 三季度: dates, read as far as they go.
/// `Err` when a month or day is out of range (18月): no figure there.
pub(super) fn read_date(chars: &[char], q: &mut Quantity) -> Result<(), usize> {
    let Some(unit) = q.unit else { return Ok(()) };
    let plain = q.magnitude == 0 && q.inner.is_none() && !matches!(q.number.written, Written::Half);
    let reject = q.number.end;
    let mut date = DateParts::default();
    match unit.class {
        UnitClass::Year if plain && is_year_number(&q.number) => {
            date.year = q.number.value.as_integer();
        }
        UnitClass::Month => {
            date.month = Some(
                integer_in(&q.number, 1..=12)
                    .filter(|_| plain)
                    .ok_or(reject)?,
            );
        }
        UnitClass::Day => {
            let arabic = matches!(q.number.written, Written::Arabic(_));
            date.day = Some(
                integer_in(&q.number, 1..=31)
                    .filter(|_| plain && arabic)
                    .ok_or(reject)?,
            );
        }
        UnitClass::Quarter => {
            date.quarter = Some(
                integer_in(&q.number, 1..=4)
                    .filter(|_| plain)
                    .ok_or(reject)?,
            );
        }
        _ => return Ok(()),
    }
    let mut pos = q.end;
    if date.year.is_some() {
        if let Some((month, after)) = date_part(chars, pos, UnitClass::Month, 1..=12) {
            date.month = Some(month);
            pos = after;
        }
    }
    if date.month.is_some() && date.day.is_none() {
        let day =
            date_part(chars, pos, UnitClass::Day, 1..=31).or_else(|| day_with_hao(chars, pos));
        if let Some((day, after)) = day {
            // 2月30日 is no date, and its 30日 no day either: skip past it whole.
            if !is_real_day(date.year, date.month, day) {
                return Err(after);
            }
            date.day = Some(day);
            pos = after;
        }
    }
    if date.month.is_some() {
        pos += one_of(chars, pos, &["上旬", "中旬", "下旬", "初", "底", "末"]).map_or(0, char_len);
    }
    q.end = pos;
    q.date = Some(date);
    Ok(())
}

/// Does the day exist in that month (of that year; any leap year when unknown)?
fn is_real_day(year: Option<u32>, month: Option<u32>, day: u32) -> bool {
    let Some(month) = month else { return true };
    // A year outside the calendar the page dates know is checked as a leap year.
    let year = year
        .and_then(|y| u16::try_from(y).ok())
        .filter(|y| (1900..=2099).contains(y))
        .unwrap_or(2000);
    let (Ok(month), Ok(day)) = (u8::try_from(month), u8::try_from(day)) else {
        return false;
    };
    PageDate::new(year, month, Some(day)).is_some()
}

pub(super) fn date_part(
    chars: &[char],
    at: usize,
    class: UnitClass,
    range: std::ops::RangeInclusive<u32>,
) -> Option<(u32, usize)> {
    let n = read_number(chars, spaced_digit(chars, at)).ok()?;
    let unit_at_pos = past_gap(chars, n.end, matches!(n.written, Written::Arabic(_)));
    let unit = unit_at(chars, unit_at_pos).filter(|u| u.class == class)?;
    let value = integer_in(&n, range)?;
    Some((value, unit_at_pos + char_len(unit.surface)))
}

/// `at`, or past the spaces there when an Arabic digit follows them (2024 年 7 月).
pub(super) fn spaced_digit(chars: &[char], at: usize) -> usize {
    let next = at + gap_at(chars, at);
    if next > at && chars.get(next).is_some_and(|&c| is_arabic_digit(c)) {
        next
    } else {
        at
    }
}

/// 7月29号: 号 counts as a day only right after a month (3号线 is a name).
pub(super) fn day_with_hao(chars: &[char], at: usize) -> Option<(u32, usize)> {
    let n = read_number(chars, spaced_digit(chars, at)).ok()?;
    (chars.get(n.end) == Some(&'号')).then_some(())?;
    Some((integer_in(&n, 1..=31)?, n.end + 1))
}

pub(super) fn is_bare_year(q: &Quantity) -> bool {
    q.magnitude == 0
        && !has_qualifier(q)
        && is_year_number(&q.number)
        && integer_in(&q.number, 1900..=2100).is_some()
}

#[cfg(test)]
mod tests {
    use super::super::{only, surfaces};
    use crate::core::article::FigureKind;

    #[test]
    fn dates_are_coded_year_month_day() {
        for (text, value, unit) in [
            ("2024年7月29日", 20240729.0, "日"),
            ("2024年7月", 20240700.0, "月"),
            ("7月29日", 729.0, "日"),
            ("7月29号", 729.0, "日"),
            ("今年6月", 600.0, "月"),
            ("7月初", 700.0, "月"),
            ("1992年", 19920000.0, "年"),
            ("2024 年 7 月", 20240700.0, "月"),
            ("三季度", 3.0, "季度"),
        ] {
            let f = only(text);
            assert_eq!(
                (f.kind, f.value, f.unit.as_str()),
                (FigureKind::Date, value, unit),
                "{text}"
            );
        }
    }

    #[test]
    fn dates_in_digits_keep_one_separator() {
        assert_eq!(only("2024/7/29").value, 20240729.0);
        assert_eq!(only("2024-07-29").value, 20240729.0);
        assert_eq!(only("2024.7.29").value, 20240729.0);
        assert_eq!(only("2024-07").value, 20240700.0);
        // 2024.7 is a decimal; 2024-13 no month; a code after it.
        assert!(surfaces("2024.7亿元").iter().all(|s| s != "2024.7"));
        assert!(surfaces("编号2024-13").is_empty());
        assert!(surfaces("2024-07-29A").is_empty());
    }

    #[test]
    fn impossible_days_are_no_figures() {
        for text in [
            "2月30日",
            "2023年2月29日",
            "4月31日",
            "2月30号",
            "2024-02-30",
            "2023/2/29",
        ] {
            let found = surfaces(text);
            assert!(
                found.iter().all(|s| s.contains('年') && !s.contains('日')),
                "{text}: {found:?}"
            );
        }
        // Real ones still are: a leap day, and 29 February with no year.
        assert_eq!(only("2024年2月29日").value, 20240229.0);
        assert_eq!(only("2月29日").value, 229.0);
        assert_eq!(only("4月30日").value, 430.0);
    }

    #[test]
    fn out_of_range_parts_and_bare_years() {
        assert!(surfaces("18月").is_empty());
        assert!(surfaces("32日").is_empty());
        assert_eq!(only("成立于2019，").value, 20190000.0);
        assert_eq!(only("30年").kind, FigureKind::Duration);
    }
}
