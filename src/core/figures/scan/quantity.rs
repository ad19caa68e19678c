//! A whole quantity: read from where a number starts (number, magnitude, unit,
//! per-unit, date or fraction), and made into the figure found.

use super::super::numerals::Decimal;
use super::super::units::{char_len, starts_with_at, unit_at};
use super::dates::{is_bare_year, read_date, read_numeric_date};
use super::fractions::{
    read_fraction, read_percent_phrase, read_slash_fraction, FRACTION, PERCENT_PHRASE,
    PERMILLE_PHRASE,
};
use super::number::{past_gap, read_magnitude, read_number, read_trailing};
use super::parts::{DateParts, Found, Quantity, Written};
use super::qualifiers::{join_qualifiers, vague};
use super::rates::per_unit_after;
use super::text::one_of;
use crate::core::article::FigureKind;
pub(super) fn read_quantity(chars: &[char], at: usize) -> Result<Quantity, usize> {
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

pub(super) fn to_found(q: &Quantity) -> Found {
    let mut found = to_found_unsigned(q);
    if q.sign.is_some() && found.kind != FigureKind::Date {
        found.value = -found.value;
        found.value_max = found.value_max.map(|v| -v);
    }
    found
}

pub(super) fn to_found_unsigned(q: &Quantity) -> Found {
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
