//! Fractions and ratios in words and digits: 百分之五, 千分之三, 三分之一, 1/3.

use super::super::numerals::{is_arabic_digit, read_arabic, ArabicNumber, Decimal};
use super::super::units::{char_len, Unit, UnitClass};
use super::number::{read_number, read_trailing};
use super::parts::{Number, Quantity, Written};
use super::text::{is_slash, joined_on};

pub(super) static PERCENT_PHRASE: Unit = Unit {
    surface: "百分之",
    name: "%",
    class: UnitClass::Percent,
    exp10: -2,
    digits_only: false,
};

pub(super) static PERMILLE_PHRASE: Unit = Unit {
    surface: "千分之",
    name: "‰",
    class: UnitClass::Percent,
    exp10: -3,
    digits_only: false,
};

pub(super) fn read_percent_phrase(
    chars: &[char],
    at: usize,
    phrase: &'static Unit,
) -> Result<Quantity, usize> {
    let after = at + char_len(phrase.surface);
    let number = read_number(chars, after).map_err(|_| after)?;
    let mut q = Quantity::bare(at, number, Some(phrase));
    q.number.start = at;
    read_trailing(chars, &mut q);
    Ok(q)
}

pub(super) static FRACTION: Unit = Unit {
    surface: "分之",
    name: "分之",
    class: UnitClass::Percent,
    exp10: 0,
    digits_only: false,
};

/// 三分之一: a fraction, valued as a ratio (0.333…).
pub(super) fn read_fraction(chars: &[char], denominator: Number) -> Result<Quantity, usize> {
    let after = denominator.end + char_len(FRACTION.surface);
    let numerator = read_number(chars, after).map_err(|_| after)?;
    let (d, n) = (denominator.value.value(), numerator.value.value());
    if d == 0.0 || matches!(numerator.written, Written::Half) {
        return Err(numerator.end);
    }
    let number = Number {
        end: numerator.end,
        value: Decimal::integer(n / d),
        value_max: None,
        ..denominator
    };
    let mut q = fraction(denominator.start, number);
    read_trailing(chars, &mut q);
    Ok(q)
}

/// A fraction (三分之一, 1/3) from `start` to the end of `number`, valued as a ratio.
pub(super) fn fraction(start: usize, number: Number) -> Quantity {
    Quantity::bare(start, number, Some(&FRACTION))
}

/// 1/3, 2/5: a fraction written with a slash, valued as a ratio. Only a proper
/// fraction of plain integers over 2 to 10, 100 or 1000, so that 7/24 and 24/7
/// (service hours), 3/1 (a score) and 2024/7/29 (a date) are none.
pub(super) fn read_slash_fraction(chars: &[char], numerator: Number) -> Option<Quantity> {
    let Written::Arabic(top) = numerator.written else {
        return None;
    };
    let slash = numerator.end;
    if !chars.get(slash).is_some_and(|&c| is_slash(c))
        || !chars.get(slash + 1).is_some_and(|&c| is_arabic_digit(c))
    {
        return None;
    }
    let bottom = read_arabic(chars, slash + 1).ok()?;
    let plain = |a: &ArabicNumber| !a.grouped && !a.has_decimals && !a.leading_zero;
    let (n, d) = (top.value.as_integer()?, bottom.value.as_integer()?);
    let proper = plain(&top) && plain(&bottom) && n >= 1 && n < d;
    if !proper || !((2..=10).contains(&d) || d == 100 || d == 1000) {
        return None;
    }
    // 1/3/5, 1/3:2, 1/3G: part of a code.
    let next = chars.get(bottom.end).copied();
    if next.is_some_and(|c| c.is_ascii_alphanumeric()) || joined_on(chars, bottom.end) {
        return None;
    }
    let number = Number {
        end: bottom.end,
        value: Decimal::integer(f64::from(n) / f64::from(d)),
        value_max: None,
        ..numerator
    };
    let mut q = fraction(numerator.start, number);
    read_trailing(chars, &mut q);
    Some(q)
}

#[cfg(test)]
mod tests {
    use super::super::{only, surfaces};
    use crate::core::article::FigureKind;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn fractions_in_words_are_ratios() {
        assert!(close(only("三分之一").value, 1.0 / 3.0));
        assert!(close(only("百分之五").value, 0.05));
        assert!(close(only("千分之三").value, 0.003));
        assert_eq!(only("三分之一").kind, FigureKind::Percent);
    }

    #[test]
    fn slash_fractions_are_proper_over_small_or_round_denominators() {
        assert!(close(only("1/3的企业").value, 1.0 / 3.0));
        assert!(close(only("占2/5").value, 0.4));
        assert!(close(only("3/100").value, 0.03));
        for none in ["7/24", "24/7", "3/1", "1/3/5", "1/3G", "5/12"] {
            assert!(surfaces(none).is_empty(), "{none}");
        }
    }
}
