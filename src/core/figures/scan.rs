//! Finding the figures of one block: a number, its magnitude, its unit and its
//! qualifiers, read as one span of chars that never begins or ends inside a number.

use super::numerals::{
    chinese_big, chinese_power, is_arabic_digit, is_chinese_numeral, read_arabic, read_chinese,
    ArabicNumber, ChineseNumber, Decimal,
};
use super::units::{char_len, starts_with_at, unit_at, Unit, UnitClass};
use super::FigureKind;

/// A figure found in a block, before it is given its block index and context.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub value: f64,
    pub value_max: Option<f64>,
    pub unit: &'static str,
    pub kind: FigureKind,
    pub qualifier: Option<String>,
}

/// Every figure in `chars`, in order, none overlapping.
pub(crate) fn find_figures(chars: &[char]) -> Vec<Found> {
    let mut found = Vec::new();
    let mut floor = 0;
    let mut i = 0;
    while i < chars.len() {
        if !could_start_number(chars[i]) {
            i += 1;
            continue;
        }
        match figure_at(chars, i, floor) {
            Ok(figure) => {
                i = figure.end.max(i + 1);
                floor = figure.end;
                found.push(figure);
            }
            Err(skip_to) => i = skip_to.max(i + 1),
        }
    }
    found
}

fn could_start_number(c: char) -> bool {
    is_arabic_digit(c) || is_chinese_numeral(c) || c == '半'
}

#[derive(Debug, Clone, Copy)]
enum Written {
    Arabic(ArabicNumber),
    Chinese(ChineseNumber),
    /// 半年, 半个月.
    Half,
}

#[derive(Debug, Clone, Copy)]
struct Number {
    start: usize,
    end: usize,
    value: Decimal,
    value_max: Option<Decimal>,
    written: Written,
}

#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct DateParts {
    year: Option<u32>,
    month: Option<u32>,
    day: Option<u32>,
    quarter: Option<u32>,
}

impl DateParts {
    /// year·10000 + month·100 + day, missing parts 0 (2024年7月29日 → 20240729,
    /// 7月29日 → 729); a quarter is its number.
    fn value(self) -> f64 {
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

    fn unit(self) -> &'static str {
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
    fn like_first_of(other: DateParts, n: u32) -> DateParts {
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

/// A number with all that goes with it, read but not yet judged.
#[derive(Debug, Clone, Copy)]
struct Quantity {
    start: usize,
    number: Number,
    /// 万 亿 千万 after Arabic digits (or after 一百多): a power of ten.
    magnitude: i32,
    /// 多 余 来 between the number and the unit (100多人, 1500余名).
    inner: Option<&'static str>,
    unit: Option<&'static Unit>,
    /// A trailing 半 (一年半, 两个半月).
    half: bool,
    suffix: Option<&'static str>,
    prefix: Option<&'static str>,
    date: Option<DateParts>,
    /// A sign before the number that makes the value negative.
    sign: Option<Sign>,
    end: usize,
}

impl Quantity {
    /// A number from `start`, with `unit` if one is known yet and nothing else read.
    fn bare(start: usize, number: Number, unit: Option<&'static Unit>) -> Quantity {
        Quantity {
            start,
            number,
            magnitude: 0,
            inner: None,
            unit,
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
enum Sign {
    /// -5%, －5%, −3.5℃: only the number it stands before.
    Minus,
    /// 负增长3.2%, 零下15℃, 负2.1%: the whole figure, both ends of a range.
    Word,
}

fn figure_at(chars: &[char], at: usize, floor: usize) -> Result<Found, usize> {
    let mut q = read_quantity(chars, at)?;
    let skip = skip_end(chars, &q);
    if q.unit.is_some_and(|u| u.surface == "番") {
        return read_doubling(chars, &q, floor).ok_or(skip);
    }
    attach_sign(chars, &mut q, floor);
    attach_prefix(chars, &mut q, floor);
    if let Some(range) = read_range(chars, &q, floor) {
        return Ok(range);
    }
    if is_figure(chars, &q) {
        Ok(to_found(&q))
    } else {
        Err(skip)
    }
}

/// 翻一番, 翻了两番: doubled n times, a multiple of 2^n, with 翻 as part of the text.
fn read_doubling(chars: &[char], q: &Quantity, floor: usize) -> Option<Found> {
    let verb = ["翻了", "翻"].into_iter().find(|v| {
        let len = char_len(v);
        q.start >= floor + len && starts_with_at(chars, q.start - len, v)
    })?;
    let times = q.number.value.value();
    (matches!(q.number.written, Written::Chinese(_) | Written::Arabic(_)) && times <= 10.0).then(
        || Found {
            start: q.start - char_len(verb),
            end: q.end,
            value: 2f64.powf(times),
            value_max: None,
            unit: "倍",
            kind: FigureKind::Multiple,
            qualifier: None,
        },
    )
}

/// Where to resume after a rejected quantity: past its whole number, so that no
/// later figure starts inside it.
fn skip_end(chars: &[char], q: &Quantity) -> usize {
    let mut end = q.number.end;
    match q.number.written {
        Written::Arabic(_) => {
            while end < chars.len() && chinese_big(chars[end]).is_some() {
                end += 1;
            }
        }
        Written::Chinese(_) | Written::Half => {
            while end < chars.len() && is_chinese_numeral(chars[end]) {
                end += 1;
            }
        }
    }
    end
}

static PERCENT_PHRASE: Unit = Unit {
    surface: "百分之",
    name: "%",
    class: UnitClass::Percent,
    exp10: -2,
    digits_only: false,
};

static PERMILLE_PHRASE: Unit = Unit {
    surface: "千分之",
    name: "‰",
    class: UnitClass::Percent,
    exp10: -3,
    digits_only: false,
};

fn read_quantity(chars: &[char], at: usize) -> Result<Quantity, usize> {
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

fn read_percent_phrase(
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

static FRACTION: Unit = Unit {
    surface: "分之",
    name: "分之",
    class: UnitClass::Percent,
    exp10: 0,
    digits_only: false,
};

/// 三分之一: a fraction, valued as a ratio (0.333…).
fn read_fraction(chars: &[char], denominator: Number) -> Result<Quantity, usize> {
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
fn fraction(start: usize, number: Number) -> Quantity {
    Quantity::bare(start, number, Some(&FRACTION))
}

fn is_slash(c: char) -> bool {
    matches!(c, '/' | '／')
}

/// 1/3, 2/5: a fraction written with a slash, valued as a ratio. Only a proper
/// fraction of plain integers over 2 to 10, 100 or 1000, so that 7/24 and 24/7
/// (service hours), 3/1 (a score) and 2024/7/29 (a date) are none.
fn read_slash_fraction(chars: &[char], numerator: Number) -> Option<Quantity> {
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

fn is_date_separator(c: char) -> bool {
    matches!(c, '-' | '－' | '/' | '／' | '.' | '．')
}

/// 2024/7/29, 2024-07-29, 2024.7.29, 2024-07: a date in digits, the same separator
/// throughout; with dots only a full date (2024.7 is a decimal).
fn read_numeric_date(chars: &[char], at: usize) -> Option<Quantity> {
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
            .filter_map(|&c| super::numerals::arabic_digit(c))
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
        || day.is_some_and(|d| !(1..=31).contains(&d))
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

fn read_number(chars: &[char], at: usize) -> Result<Number, usize> {
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
fn read_magnitude(chars: &[char], mut pos: usize) -> (i32, usize) {
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

/// The spaces at `at` that print text puts between a number and its unit (10 亿元):
/// one or two, else none.
fn gap_at(chars: &[char], at: usize) -> usize {
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
fn gap_before(chars: &[char], at: usize) -> usize {
    (1..=2)
        .find(|&len| at >= len && gap_at(chars, at - len) == len)
        .unwrap_or(0)
}

/// `at`, or past the spaces there when what follows them belongs to the number
/// before: a magnitude, 多 or 余, a unit, 以上 … (never a digit, 年代, 第 …).
fn past_gap(chars: &[char], at: usize, arabic: bool) -> usize {
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

fn one_of(chars: &[char], at: usize, words: &[&'static str]) -> Option<&'static str> {
    words.iter().copied().find(|w| starts_with_at(chars, at, w))
}

fn integer_in(n: &Number, range: std::ops::RangeInclusive<u32>) -> Option<u32> {
    n.value.as_integer().filter(|v| range.contains(v))
}

fn is_year_number(n: &Number) -> bool {
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
fn read_date(chars: &[char], q: &mut Quantity) -> Result<(), usize> {
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
        if let Some((day, after)) = date_part(chars, pos, UnitClass::Day, 1..=31) {
            date.day = Some(day);
            pos = after;
        } else if let Some((day, after)) = day_with_hao(chars, pos) {
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

fn date_part(
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
fn spaced_digit(chars: &[char], at: usize) -> usize {
    let next = at + gap_at(chars, at);
    if next > at && chars.get(next).is_some_and(|&c| is_arabic_digit(c)) {
        next
    } else {
        at
    }
}

/// 7月29号: 号 counts as a day only right after a month (3号线 is a name).
fn day_with_hao(chars: &[char], at: usize) -> Option<(u32, usize)> {
    let n = read_number(chars, spaced_digit(chars, at)).ok()?;
    (chars.get(n.end) == Some(&'号')).then_some(())?;
    Some((integer_in(&n, 1..=31)?, n.end + 1))
}

/// What may follow the unit: 半 (一年半), 多 or 余 after time (一年多),
/// and 以上, 左右 ….
fn read_trailing(chars: &[char], q: &mut Quantity) {
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

/// Qualifiers written after the unit.
const SUFFIXES: &[&str] = &["以上", "以下", "以内", "左右", "之多", "有余", "上下"];

/// Qualifiers written before the number, longest first.
const PREFIXES: &[&str] = &[
    "不低于",
    "不少于",
    "不超过",
    "不高于",
    "不多于",
    "不足",
    "不到",
    "将近",
    "接近",
    "几近",
    "大约",
    "超过",
    "至少",
    "最多",
    "逾",
    "超",
    "近",
    "约",
    "上",
    "数",
];

/// Words a qualifier character also ends: 最近 is "recent", 节约 is "save".
fn is_false_prefix(prefix: &str, before: Option<char>) -> bool {
    let Some(b) = before else { return false };
    match prefix {
        "近" => "最附邻临亲贴靠就".contains(b),
        "约" => "节签预制合契特相邀履公条违缔践毁隐".contains(b),
        "超" => "赶高".contains(b),
        "上" => "线以之".contains(b),
        "数" => "指总人次".contains(b),
        _ => false,
    }
}

fn attach_prefix(chars: &[char], q: &mut Quantity, floor: usize) {
    if let Some(date) = q.date {
        if date.year.is_none() && date.month.is_some() {
            attach_date_prefix(chars, q, floor);
        }
        return;
    }
    let arabic = matches!(q.number.written, Written::Arabic(_));
    let at = if arabic && q.start >= floor + gap_before(chars, q.start) {
        q.start - gap_before(chars, q.start)
    } else {
        q.start
    };
    let begins_with_place = match q.number.written {
        Written::Chinese(_) => chars
            .get(at)
            .is_some_and(|&c| chinese_power(c).is_some() || chinese_big(c).is_some()),
        _ => false,
    };
    for &prefix in PREFIXES {
        let len = char_len(prefix);
        if len > at || at - len < floor || !starts_with_at(chars, at - len, prefix) {
            continue;
        }
        let needs_place = matches!(prefix, "上" | "数");
        if needs_place && !begins_with_place
            || at < q.start && len == 1 && !"约近逾超".contains(prefix)
            || is_false_prefix(prefix, (at - len).checked_sub(1).map(|b| chars[b]))
        {
            continue;
        }
        q.prefix = Some(prefix);
        q.start = at - len;
        return;
    }
}

fn is_minus(c: char) -> bool {
    matches!(c, '-' | '－' | '−')
}

/// A sign right before the number: a minus (-5%), or 负增长, 零下, 负 (负增长3.2%),
/// which become part of the text. Never on a date, and never a hyphen after a
/// digit, a letter or the figure before (3-5年, 2024-07, A-5, 3月-5%).
fn attach_sign(chars: &[char], q: &mut Quantity, floor: usize) {
    if q.date.is_some() || q.unit.is_none() && is_bare_year(q) {
        return;
    }
    let at = q.start;
    let before = |i: usize| i.checked_sub(1).map(|b| chars[b]);
    if matches!(q.number.written, Written::Arabic(_)) && before(at).is_some_and(is_minus) {
        let minus = at - 1;
        let joined = before(minus).is_some_and(|c| {
            is_arabic_digit(c)
                || c.is_ascii_alphanumeric()
                || is_minus(c)
                || matches!(c, '%' | '％' | '.' | '．' | '/' | '／' | '_' | '+' | '＋')
        });
        let after_figure = floor > 0 && minus == floor;
        if !joined && !after_figure && minus >= floor {
            q.start = minus;
            q.sign = Some(Sign::Minus);
        }
        return;
    }
    for word in ["负增长", "零下", "负"] {
        let len = char_len(word);
        if at < floor + len || !starts_with_at(chars, at - len, word) {
            continue;
        }
        // 正负5%: plus or minus, no sign.
        if word == "负" && before(at - len) == Some('正') {
            return;
        }
        q.start = at - len;
        q.sign = Some(Sign::Word);
        return;
    }
}

/// 今年6月: the year word belongs to the date.
fn attach_date_prefix(chars: &[char], q: &mut Quantity, floor: usize) {
    let at = q.start - gap_before(chars, q.start);
    for word in ["今年", "去年", "明年", "前年", "同年", "当年"] {
        if at >= floor + 2 && starts_with_at(chars, at - 2, word) {
            q.start = at - 2;
            return;
        }
    }
}

fn is_connector(c: char) -> bool {
    matches!(c, '至' | '到' | '—' | '–' | '-' | '－' | '~' | '～' | '〜')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '—' | '–' | '-' | '－')
}

/// 3至5年, 10%—20%, 2021—2025年, 7月29日至8月2日: one figure from the first number
/// to the second, when both speak of the same unit.
fn read_range(chars: &[char], a: &Quantity, floor: usize) -> Option<Found> {
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
        (Some(au), None, None) => au.name == b_unit.name,
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
fn adopt_unit(a: &Quantity, b: &Quantity) -> Option<Quantity> {
    let mut a = *a;
    a.unit = b.unit;
    if a.magnitude == 0 {
        a.magnitude = b.magnitude;
    }
    if let Some(bd) = b.date {
        let n = a.number.value.as_integer()?;
        a.date = Some(DateParts::like_first_of(bd, n));
    }
    Some(a)
}

fn leading_zero(q: &Quantity) -> bool {
    matches!(q.number.written, Written::Arabic(a) if a.leading_zero)
}

/// 0797-8123456, 10:30, 2024/7/29: digits joined into a code, not a quantity.
fn joined_on(chars: &[char], at: usize) -> bool {
    let joiner = chars
        .get(at)
        .is_some_and(|&c| matches!(c, '-' | '－' | '/' | ':' | '：' | '_' | '—'));
    joiner && chars.get(at + 1).is_some_and(|&c| is_arabic_digit(c))
}

fn joined_before(chars: &[char], at: usize) -> bool {
    let Some(before) = at.checked_sub(1).map(|b| chars[b]) else {
        return false;
    };
    if before.is_ascii_alphanumeric() || matches!(before, '+' | '＋' | '_' | '#' | '.' | '．') {
        return true;
    }
    let joiner = matches!(before, '-' | '－' | '/' | ':' | '：');
    joiner
        && at
            .checked_sub(2)
            .is_some_and(|b| chars[b].is_ascii_alphanumeric() || is_arabic_digit(chars[b]))
}

/// The checks on the number itself, apart from what surrounds it: not an ordinal
/// (第三), not a name or code (G60, 5G, 1+N, 0797-…).
/// `check_before` says whether to look before the number for a joiner (a range's high end
/// follows its connector).
fn number_is_sound(chars: &[char], q: &Quantity, check_before: bool) -> bool {
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

fn has_qualifier(q: &Quantity) -> bool {
    q.prefix.is_some() || q.inner.is_some() || q.suffix.is_some()
}

/// Whether a read quantity is a figure: see the module docs for what is not.
fn is_figure(chars: &[char], q: &Quantity) -> bool {
    if !number_is_sound(chars, q, true) || joined_on(chars, q.number.end) {
        return false;
    }
    let Some(unit) = q.unit else {
        if q.date.is_some() {
            return true; // 2024/7/29
        }
        return match q.number.written {
            Written::Arabic(_) => is_bare_year(q) || q.magnitude > 0 || has_qualifier(q),
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

fn chinese_is_figure(chars: &[char], q: &Quantity, n: &ChineseNumber, unit: &Unit) -> bool {
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

fn is_bare_year(q: &Quantity) -> bool {
    q.magnitude == 0
        && !has_qualifier(q)
        && is_year_number(&q.number)
        && integer_in(&q.number, 1900..=2100).is_some()
}

fn vague(q: &Quantity) -> Option<&'static str> {
    matches!(q.number.written, Written::Chinese(n) if n.vague).then_some("几")
}

fn join_qualifiers(parts: &[Option<&'static str>]) -> Option<String> {
    let present: Vec<&str> = parts.iter().flatten().copied().collect();
    (!present.is_empty()).then(|| present.join("…"))
}

fn to_found(q: &Quantity) -> Found {
    let mut found = to_found_unsigned(q);
    if q.sign.is_some() && found.kind != FigureKind::Date {
        found.value = -found.value;
        found.value_max = found.value_max.map(|v| -v);
    }
    found
}

fn to_found_unsigned(q: &Quantity) -> Found {
    let qualifier = join_qualifiers(&[q.prefix, q.inner, vague(q), q.suffix]);
    if let Some(date) = q.date {
        return Found {
            start: q.start,
            end: q.end,
            value: date.value(),
            value_max: None,
            unit: date.unit(),
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
            unit: "年",
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
        unit: q.unit.map_or("", |u| u.name),
        kind: q.unit.map_or(FigureKind::Count, |u| u.kind()),
        qualifier,
    }
}
