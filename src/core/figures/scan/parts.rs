//! The pieces a figure is read into: the number as written, the quantity around it
//! (magnitude, unit, qualifiers, date parts, sign), and the figure found.

use super::super::numerals::{ArabicNumber, ChineseNumber, Decimal};
use super::super::units::Unit;
use crate::core::article::FigureKind;

/// A figure found in a block, before it is given its block index and context.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub value: f64,
    pub value_max: Option<f64>,
    pub unit: String,
    pub kind: FigureKind,
    pub qualifier: Option<String>,
}

#[derive(Debug, Clone, Copy)]
pub(super) enum Written {
    Arabic(ArabicNumber),
    Chinese(ChineseNumber),
    /// 半年, 半个月.
    Half,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Number {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) value: Decimal,
    pub(super) value_max: Option<Decimal>,
    pub(super) written: Written,
}

/// A number with all that goes with it, read but not yet judged.
#[derive(Debug, Clone, Copy)]
pub(super) struct Quantity {
    pub(super) start: usize,
    pub(super) number: Number,
    /// 万 亿 千万 after Arabic digits (or after 一百多): a power of ten.
    pub(super) magnitude: i32,
    /// 多 余 来 between the number and the unit (100多人, 1500余名).
    pub(super) inner: Option<&'static str>,
    pub(super) unit: Option<&'static Unit>,
    /// The unit a rate is per: 平方米 in 35元/平方米 and in 每平方米35元.
    pub(super) per: Option<&'static Unit>,
    /// A trailing 半 (一年半, 两个半月).
    pub(super) half: bool,
    pub(super) suffix: Option<&'static str>,
    pub(super) prefix: Option<&'static str>,
    pub(super) date: Option<DateParts>,
    /// A sign before the number that makes the value negative.
    pub(super) sign: Option<Sign>,
    pub(super) end: usize,
}

impl Quantity {
    /// A number from `start`, with `unit` if one is known yet and nothing else read.
    pub(super) fn bare(start: usize, number: Number, unit: Option<&'static Unit>) -> Quantity {
        Quantity {
            start,
            number,
            magnitude: 0,
            inner: None,
            unit,
            per: None,
            half: false,
            suffix: None,
            prefix: None,
            date: None,
            sign: None,
            end: number.end,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Sign {
    /// -5%, －5%, −3.5℃: only the number it stands before.
    Minus,
    /// 负增长3.2%, 零下15℃, 负2.1%: the whole figure, both ends of a range.
    Word,
}

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct DateParts {
    pub(super) year: Option<u32>,
    pub(super) month: Option<u32>,
    pub(super) day: Option<u32>,
    pub(super) quarter: Option<u32>,
}

impl DateParts {
    /// year·10000 + month·100 + day, missing parts 0 (2024年7月29日 → 20240729,
    /// 7月29日 → 729); a quarter is its number.
    pub(super) fn value(self) -> f64 {
        if let Some(q) = self.quarter {
            return f64::from(q);
        }
        let (y, m, d) = (
            self.year.unwrap_or(0),
            self.month.unwrap_or(0),
            self.day.unwrap_or(0),
        );
        f64::from(y) * 10000.0 + f64::from(m) * 100.0 + f64::from(d)
    }

    pub(super) fn unit(self) -> &'static str {
        if self.quarter.is_some() {
            "季度"
        } else if self.day.is_some() {
            "日"
        } else if self.month.is_some() {
            "月"
        } else {
            "年"
        }
    }

    /// The same date level as the first part of `other`, holding `n`: 1 in 1—6月 is a month.
    pub(super) fn like_first_of(other: DateParts, n: u32) -> DateParts {
        let mut d = DateParts::default();
        if other.quarter.is_some() {
            d.quarter = Some(n);
        } else if other.year.is_some() {
            d.year = Some(n);
        } else if other.month.is_some() {
            d.month = Some(n);
        } else {
            d.day = Some(n);
        }
        d
    }
}
