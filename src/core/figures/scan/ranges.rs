//! Ranges: 3至5年, 10%—20%, 2021—2025年, 7月29日至8月2日 as one figure.

use super::dates::spaced_digit;
use super::judgement::number_is_sound;
use super::number::{could_start_number, leading_zero};
use super::parts::{DateParts, Found, Quantity, Sign, Written};
use super::qualifiers::{attach_date_prefix, join_qualifiers, vague};
use super::quantity::{read_quantity, to_found};
use super::rates::same_per;
use super::text::{gap_at, joined_on};

pub(super) fn is_connector(c: char) -> bool {
    matches!(c, '至' | '到' | '—' | '–' | '-' | '－' | '~' | '～' | '〜')
}

pub(super) fn is_hyphen(c: char) -> bool {
    matches!(c, '—' | '–' | '-' | '－')
}

/// 3至5年, 10%—20%, 2021—2025年, 7月29日至8月2日: one figure from the first number
/// to the second, when both speak of the same unit.
pub(super) fn read_range(chars: &[char], a: &Quantity, floor: usize) -> Option<Found> {
    // 3 - 5 年: spaces around the connector, in print text.
    let a_arabic = matches!(a.number.written, Written::Arabic(_));
    let spaced = a.end + if a_arabic { gap_at(chars, a.end) } else { 0 };
    let connector_at = if chars.get(spaced).is_some_and(|&c| is_connector(c)) {
        spaced
    } else {
        a.end
    };
    let connector = *chars.get(connector_at)?;
    if !is_connector(connector) || a.suffix.is_some() {
        return None;
    }
    // 从2家到20家 is a change, not a range.
    let from_to = matches!(connector, '至' | '到')
        && a.unit.is_some()
        && a.start
            .checked_sub(1)
            .is_some_and(|b| matches!(chars[b], '从' | '由'));
    if from_to {
        return None;
    }
    let mut b_at = connector_at + 1;
    if connector == '—' && chars.get(b_at) == Some(&'—') {
        b_at += 1;
    }
    if connector_at > a.end {
        b_at = spaced_digit(chars, b_at);
    }
    if !chars.get(b_at).is_some_and(|&c| could_start_number(c)) {
        return None;
    }
    let b = read_quantity(chars, b_at).ok()?;
    let b_unit = b.unit?;
    if is_hyphen(connector) && (leading_zero(&b) || joined_on(chars, b.number.end)) {
        return None;
    }
    let same_unit = match (a.unit, a.date, b.date) {
        (_, Some(_), Some(_)) => true,
        (Some(au), None, None) => au.name == b_unit.name && same_per(a.per, b.per),
        (None, None, _) => a.magnitude == 0 || b.magnitude == a.magnitude,
        _ => false,
    };
    if !same_unit || !number_is_sound(chars, &b, false) || !number_is_sound(chars, a, true) {
        return None;
    }
    let mut a = if a.unit.is_none() {
        adopt_unit(a, &b)?
    } else {
        *a
    };
    if a.date
        .is_some_and(|d| d.year.is_none() && d.month.is_some())
    {
        attach_date_prefix(chars, &mut a, floor);
    }
    let mut range = to_found(&a);
    let high = to_found(&b);
    range.end = high.end;
    let high_value = high.value_max.unwrap_or(high.value);
    // 零下5至10℃ is −5 to −10; -5至3℃ is −5 to 3.
    range.value_max = Some(if a.sign == Some(Sign::Word) {
        -high_value
    } else {
        high_value
    });
    range.qualifier = join_qualifiers(&[a.prefix, a.inner, b.inner, b.suffix, vague(&b)]);
    Some(range)
}

/// The low end of 3至5万元 read with the high end's magnitude and unit.
pub(super) fn adopt_unit(a: &Quantity, b: &Quantity) -> Option<Quantity> {
    let mut a = *a;
    a.unit = b.unit;
    a.per = a.per.or(b.per);
    if a.magnitude == 0 {
        a.magnitude = b.magnitude;
    }
    if let Some(bd) = b.date {
        let n = a.number.value.as_integer()?;
        a.date = Some(DateParts::like_first_of(bd, n));
    }
    Some(a)
}

#[cfg(test)]
mod tests {
    use super::super::{only, scan_text, surfaces};

    #[test]
    fn a_range_is_one_figure_with_both_ends() {
        for (text, surface, low, high) in [
            ("3至5年", "3至5年", 3.0, 5.0),
            ("10%—20%", "10%—20%", 0.1, 0.2),
            ("3 - 5 年", "3 - 5 年", 3.0, 5.0),
            ("3至5万元", "3至5万元", 3e4, 5e4),
            ("零下5至10℃", "零下5至10℃", -5.0, -10.0),
        ] {
            let all = scan_text(text);
            assert_eq!(all.len(), 1, "{text}: {all:?}");
            let (s, f) = &all[0];
            assert_eq!(s, surface);
            assert_eq!((f.value, f.value_max), (low, Some(high)), "{text}");
        }
    }

    #[test]
    fn dates_range_over_their_own_level() {
        let f = only("7月29日至8月2日");
        assert_eq!((f.value, f.value_max), (729.0, Some(802.0)));
        assert_eq!(only("1—6月").value, 100.0);
    }

    #[test]
    fn a_change_or_a_code_is_no_range() {
        assert_eq!(surfaces("从2家到20家"), ["2家", "20家"]);
        assert_eq!(surfaces("3万元至5吨"), ["3万元", "5吨"]);
        assert!(surfaces("0797-8123456").is_empty());
    }
}
