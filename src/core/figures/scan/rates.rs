//! Per-unit rates, one figure each: 35元/平方米, 80万元/亩, 0.38元/千瓦时, 5000吨/年,
//! 20次/秒, and the 每 forms 每吨2.6万元, 每平方米35元. The unit reads 元/平方米
//! (numerator/denominator, each as reported) and the kind is `rate`.

use super::super::units::{char_len, unit_at, Unit, UnitClass};
use super::parts::Quantity;
use super::text::is_slash;

/// Whether `unit` may be counted per something: money, measures and counts.
fn is_numerator(unit: &Unit) -> bool {
    matches!(
        unit.class,
        UnitClass::Money | UnitClass::Measure | UnitClass::Count
    )
}

/// Whether a rate may be per `unit`: any measure, count or time, not a ratio.
fn is_denominator(unit: &Unit) -> bool {
    !matches!(
        unit.class,
        UnitClass::Money | UnitClass::Percent | UnitClass::Multiple
    )
}

/// `/平方米` at `at`, after the numerator `unit`: the unit per and where it ends.
pub(super) fn per_unit_after(
    chars: &[char],
    at: usize,
    unit: &Unit,
) -> Option<(&'static Unit, usize)> {
    if !is_numerator(unit) || !chars.get(at).is_some_and(|&c| is_slash(c)) {
        return None;
    }
    let per = unit_at(chars, at + 1).filter(|u| is_denominator(u))?;
    let end = at + 1 + char_len(per.surface);
    // 元/吨CO2, 台/套A: the slash is part of a code or a longer name.
    if chars.get(end).is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    Some((per, end))
}

/// 每吨, 每平方米 right before the quantity: it becomes a rate per that unit, with
/// 每 and its unit part of the text.
pub(super) fn attach_per_unit_before(chars: &[char], q: &mut Quantity, floor: usize) {
    if q.per.is_some() || q.date.is_some() || !q.unit.is_some_and(is_numerator) {
        return;
    }
    for len in (1..=4).rev() {
        let Some(unit_at_pos) = q.start.checked_sub(len) else {
            continue;
        };
        if unit_at_pos < floor + 1 || chars[unit_at_pos - 1] != '每' {
            continue;
        }
        let per =
            unit_at(chars, unit_at_pos).filter(|u| char_len(u.surface) == len && is_denominator(u));
        if let Some(per) = per {
            q.per = Some(per);
            q.start = unit_at_pos - 1;
            return;
        }
    }
}

/// Both ends of a range are per the same unit, or the low end says none.
pub(super) fn same_per(a: Option<&'static Unit>, b: Option<&'static Unit>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.name == b.name,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::super::find_figures;
    use crate::core::article::FigureKind;

    fn found(text: &str) -> Vec<(String, f64, String, FigureKind)> {
        let chars: Vec<char> = text.chars().collect();
        find_figures(&chars)
            .into_iter()
            .map(|f| {
                let surface: String = chars[f.start..f.end].iter().collect();
                (surface, f.value, f.unit, f.kind)
            })
            .collect()
    }

    fn one(text: &str) -> (String, f64, String, FigureKind) {
        let all = found(text);
        assert_eq!(all.len(), 1, "{text}: {all:?}");
        all.into_iter().next().unwrap_or_else(|| unreachable!())
    }

    #[test]
    fn a_slash_rate_is_one_figure() {
        for (text, surface, value, unit) in [
            ("租金35元/平方米起", "35元/平方米", 35.0, "元/平方米"),
            ("地价80万元/亩。", "80万元/亩", 8e5, "元/亩"),
            ("电价0.38元/千瓦时", "0.38元/千瓦时", 0.38, "元/千瓦时"),
            ("产能5000吨/年", "5000吨/年", 5000.0, "吨/年"),
            ("运算20次/秒", "20次/秒", 20.0, "次/秒"),
            ("处理能力3万立方米/日", "3万立方米/日", 3e4, "立方米/日"),
        ] {
            let (s, v, u, k) = one(text);
            assert_eq!(
                (s.as_str(), u.as_str(), k),
                (surface, unit, FigureKind::Rate)
            );
            assert!((v - value).abs() < 1e-9, "{text}: {v}");
        }
    }

    #[test]
    fn a_mei_rate_takes_its_unit_before_the_number() {
        let (s, v, u, k) = one("每吨2.6万元的补贴");
        assert_eq!(
            (s.as_str(), u.as_str(), k),
            ("每吨2.6万元", "元/吨", FigureKind::Rate)
        );
        assert!((v - 26000.0).abs() < 1e-9);
        assert_eq!(one("每平方米约35元").0, "每平方米约35元");
        // 每年1月 is a date, 每年增长20% a percentage after a verb.
        assert_eq!(one("每年1月").3, FigureKind::Date);
        assert_eq!(one("每年增长20%").3, FigureKind::Percent);
    }

    #[test]
    fn a_slash_that_is_no_rate() {
        // 1/3 is a fraction; 20%/年 no rate of a ratio; a code after the slash.
        assert_eq!(one("占1/3").3, FigureKind::Percent);
        assert_eq!(one("增长20%/年").0, "20%");
        assert_eq!(one("3元/吨CO2").0, "3元");
    }

    #[test]
    fn a_range_of_rates_is_one_rate() {
        let (s, v, u, k) = one("售价3000至5000元/吨");
        assert_eq!(
            (s.as_str(), u.as_str(), k),
            ("3000至5000元/吨", "元/吨", FigureKind::Rate)
        );
        assert!((v - 3000.0).abs() < 1e-9);
    }
}
