//! Numbers as Chinese news writes them: Arabic digits (half- or full-width, with
//! thousands separators and decimals) and Chinese numerals (三千五百, 两, 十几, 二〇二四).

/// An exact decimal `mantissa × 10^exp10`, so that 1.7亿 is 17 × 10^7 and not
/// 1.7 × 10^8 with a binary rounding error.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Decimal {
    pub mantissa: f64,
    pub exp10: i32,
}

impl Decimal {
    pub fn integer(n: f64) -> Self {
        Decimal {
            mantissa: n,
            exp10: 0,
        }
    }

    pub fn scaled(self, exp10: i32) -> Self {
        Decimal {
            mantissa: self.mantissa,
            exp10: self.exp10.saturating_add(exp10),
        }
    }

    pub fn value(self) -> f64 {
        let exp = self.exp10.clamp(-300, 300);
        if exp >= 0 {
            self.mantissa * 10f64.powi(exp)
        } else {
            self.mantissa / 10f64.powi(-exp)
        }
    }

    /// The integer it stands for, when it is one.
    pub fn as_integer(self) -> Option<u32> {
        let v = self.value();
        (v.fract() == 0.0 && (0.0..=u32::MAX as f64).contains(&v)).then_some(v as u32)
    }
}

pub(crate) const fn arabic_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

pub(crate) const fn is_arabic_digit(c: char) -> bool {
    arabic_digit(c).is_some()
}

fn is_decimal_point(c: char) -> bool {
    matches!(c, '.' | '．')
}

/// An Arabic number, with what its writing says about it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ArabicNumber {
    pub value: Decimal,
    pub end: usize,
    pub int_digits: usize,
    pub grouped: bool,
    pub has_decimals: bool,
    pub leading_zero: bool,
}

/// The end of the cluster of digits and inner separators starting at `start`:
/// everything a reader would take for one written number (1,234.5 but also 1.2.3).
pub(crate) fn arabic_cluster_end(chars: &[char], start: usize) -> usize {
    let mut i = start;
    while i < chars.len() {
        let c = chars[i];
        let joins_digits = matches!(c, '.' | '．' | ',')
            && i > start
            && chars.get(i + 1).is_some_and(|&n| is_arabic_digit(n));
        if is_arabic_digit(c) || joins_digits {
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// Read the Arabic number at `start`. `Err(end)` when the cluster there is not one
/// well-formed number (a version 1.2.3, a list 1,2,3): the caller skips it whole.
pub(crate) fn read_arabic(chars: &[char], start: usize) -> Result<ArabicNumber, usize> {
    let end = arabic_cluster_end(chars, start);
    let cluster = &chars[start..end];
    let mut mantissa = 0f64;
    let mut int_digits = 0usize;
    let mut frac_digits = 0i32;
    let mut in_fraction = false;
    let mut grouped = false;
    let mut group_len = 0usize;
    for &c in cluster {
        if let Some(d) = arabic_digit(c) {
            mantissa = mantissa * 10.0 + f64::from(d);
            if in_fraction {
                frac_digits += 1;
            } else {
                int_digits += 1;
                group_len += 1;
            }
        } else if is_decimal_point(c) {
            if in_fraction || (grouped && group_len != 3) {
                return Err(end);
            }
            in_fraction = true;
        } else {
            // A thousands comma: only in the integer part, 1–3 digits before the
            // first, exactly 3 between and after.
            let first_group_ok = !grouped && (1..=3).contains(&group_len);
            if in_fraction || !(first_group_ok || (grouped && group_len == 3)) {
                return Err(end);
            }
            grouped = true;
            group_len = 0;
        }
    }
    if grouped && !in_fraction && group_len != 3 {
        return Err(end);
    }
    let leading_zero = int_digits > 1 && cluster.first().and_then(|&c| arabic_digit(c)) == Some(0);
    Ok(ArabicNumber {
        value: Decimal {
            mantissa,
            exp10: -frac_digits,
        },
        end,
        int_digits,
        grouped,
        has_decimals: in_fraction,
        leading_zero,
    })
}

pub(crate) const fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// 十 百 千: powers inside a section of four digits.
pub(crate) const fn chinese_power(c: char) -> Option<i32> {
    match c {
        '十' => Some(1),
        '百' => Some(2),
        '千' => Some(3),
        _ => None,
    }
}

/// 万 亿: the section markers, also used after Arabic digits (55亿, 1.2万).
pub(crate) const fn chinese_big(c: char) -> Option<i32> {
    match c {
        '万' => Some(4),
        '亿' => Some(8),
        _ => None,
    }
}

const JI: char = '几';

pub(crate) const fn is_chinese_numeral(c: char) -> bool {
    chinese_digit(c).is_some() || chinese_power(c).is_some() || chinese_big(c).is_some() || c == JI
}

/// A Chinese numeral, with what its writing says about it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ChineseNumber {
    pub value: Decimal,
    /// 三四家: an approximate range, 3 to 4.
    pub value_max: Option<Decimal>,
    pub end: usize,
    /// 十几, 几百: written with 几, "some".
    pub vague: bool,
    /// Just 一: mostly the indefinite article (一批, 一项技改项目) or an idiom (最后一公里).
    pub lone_one: bool,
    /// Just 二: mostly ordinal or adjectival (二次开发, 二级).
    pub lone_two: bool,
    /// A bare 百, 千, 万 or 亿: mostly an idiom or a name (百年老店, 万人计划).
    pub lone_magnitude: bool,
    /// Digits written place by place, as years are (二〇二四).
    pub place_digits: usize,
    /// Holds 万 or 亿 (so 千万 is a number, not a word).
    pub has_big: bool,
}

/// Read the run of Chinese numerals at `start`. `stop_before(i)` says where a unit
/// begins with a numeral character (千瓦, 百分点), which ends the run. `Err(end)`
/// when the run is not one number (十四五, 三五成群): the caller skips it whole.
pub(crate) fn read_chinese(
    chars: &[char],
    start: usize,
    stop_before: impl Fn(usize) -> bool,
) -> Result<ChineseNumber, usize> {
    let mut end = start;
    let mut point = None;
    while end < chars.len() {
        let c = chars[end];
        let is_point = c == '点'
            && point.is_none()
            && end > start
            && chars
                .get(end + 1)
                .is_some_and(|&n| chinese_digit(n).is_some());
        if is_point {
            point = Some(end);
        } else if !is_chinese_numeral(c) || (end > start && is_place_char(c) && stop_before(end)) {
            break;
        }
        end += 1;
    }
    let run = &chars[start..end];
    if run.is_empty() || run == [JI] {
        // A lone 几 ("a few") has no value to give.
        return Err(end.max(start + 1));
    }
    let parsed = match point {
        Some(p) => read_with_point(&chars[start..p], &chars[p + 1..end]),
        None => read_run(run),
    };
    let (value, value_max, place_digits) = parsed.ok_or(end)?;
    Ok(ChineseNumber {
        value,
        value_max,
        end,
        vague: run.contains(&JI),
        lone_one: run == ['一'],
        lone_two: run == ['二'],
        lone_magnitude: run.len() == 1
            && (chinese_power(run[0]).is_some_and(|p| p > 1) || chinese_big(run[0]).is_some()),
        place_digits,
        has_big: run.iter().any(|&c| chinese_big(c).is_some()),
    })
}

fn is_place_char(c: char) -> bool {
    chinese_power(c).is_some() || chinese_big(c).is_some()
}

type Reading = (Decimal, Option<Decimal>, usize);

fn read_run(run: &[char]) -> Option<Reading> {
    let all_digits = run.iter().all(|&c| chinese_digit(c).is_some());
    if all_digits && run.len() >= 3
        || all_digits && run.len() == 2 && run.iter().any(|&c| matches!(c, '〇' | '零'))
    {
        return read_place_digits(run).map(|v| (v, None, run.len()));
    }
    if all_digits && run.len() == 2 {
        // 三四家, 七八个: two neighbouring digits say "three or four".
        let (a, b) = (chinese_digit(run[0])?, chinese_digit(run[1])?);
        return (a >= 1 && b == a + 1).then(|| {
            (
                Decimal::integer(f64::from(a)),
                Some(Decimal::integer(f64::from(b))),
                0,
            )
        });
    }
    if let Some(range) = read_neighbour_range(run) {
        return Some(range);
    }
    read_positional(run).map(|v| (Decimal::integer(v), None, 0))
}

/// 两三百, 三四千万: two neighbouring digits before a place, "two or three hundred".
fn read_neighbour_range(run: &[char]) -> Option<Reading> {
    let (a, b) = (chinese_digit(*run.first()?)?, chinese_digit(*run.get(1)?)?);
    if a == 0 || b != a + 1 || !run.get(2).is_some_and(|&c| is_place_char(c)) {
        return None;
    }
    let rest = &run[2..];
    let with = |digit: char| {
        let mut digits = vec![digit];
        digits.extend_from_slice(rest);
        read_positional(&digits)
    };
    Some((
        Decimal::integer(with(run[0])?),
        Some(Decimal::integer(with(run[1])?)),
        0,
    ))
}

fn read_place_digits(run: &[char]) -> Option<Decimal> {
    if run.contains(&'两') {
        return None;
    }
    let mut v = 0f64;
    for &c in run {
        v = v * 10.0 + f64::from(chinese_digit(c)?);
    }
    Some(Decimal::integer(v))
}

/// 三点五, 一点二万: digits after 点, then any magnitude.
fn read_with_point(int_part: &[char], rest: &[char]) -> Option<Reading> {
    let int = read_positional(int_part)?;
    let frac_len = rest
        .iter()
        .take_while(|&&c| chinese_digit(c).is_some())
        .count();
    let mut mantissa = int;
    for &c in &rest[..frac_len] {
        mantissa = mantissa * 10.0 + f64::from(chinese_digit(c)?);
    }
    let mut exp10 = -(frac_len as i32);
    for &c in &rest[frac_len..] {
        exp10 += chinese_power(c).or_else(|| chinese_big(c))?;
    }
    Some((Decimal { mantissa, exp10 }, None, 0))
}

/// The positional reading: 三千五百万 = 35,000,000, 一百零五 = 105, 三千五 = 3500.
/// 几 counts 1 before a power (几十 → 10) and 0 after one (十几 → 10).
fn read_positional(run: &[char]) -> Option<f64> {
    let mut total = 0f64; // sections already closed by 万 or 亿
    let mut section = 0f64; // below 万
    let mut digit: Option<f64> = None;
    let mut last_place = 0i32;
    let mut zero_since_place = false;
    let mut any = false;
    for (i, &c) in run.iter().enumerate() {
        if let Some(d) = chinese_digit(c) {
            if d == 0 {
                zero_since_place = true;
                continue;
            }
            if digit.is_some() {
                return None; // 十四五: two digits in a row are not one number
            }
            digit = Some(f64::from(d));
        } else if c == JI {
            if digit.is_some() {
                return None;
            }
            let before_place = run.get(i + 1).is_some_and(|&n| is_place_char(n));
            digit = Some(if before_place { 1.0 } else { 0.0 });
        } else if let Some(p) = chinese_power(c) {
            section += digit.take().unwrap_or(1.0) * 10f64.powi(p);
            last_place = p;
            zero_since_place = false;
        } else if let Some(b) = chinese_big(c) {
            let here = section + digit.take().unwrap_or(0.0);
            let here = if here == 0.0 && total == 0.0 {
                1.0
            } else {
                here
            };
            total = if b == 8 {
                (total + here) * 1e8
            } else {
                total + here * 1e4
            };
            section = 0.0;
            last_place = b;
            zero_since_place = false;
        } else {
            return None;
        }
        any = true;
    }
    if !any {
        return None;
    }
    if let Some(d) = digit {
        // 三千五 is 3500 and 一万五 is 15000: a last digit right after a place
        // counts one place lower.
        let shift = if last_place > 0 && !zero_since_place {
            last_place - 1
        } else {
            0
        };
        section += d * 10f64.powi(shift);
    }
    Some(total + section)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chinese(s: &str) -> Option<f64> {
        let chars: Vec<char> = s.chars().collect();
        read_chinese(&chars, 0, |_| false)
            .ok()
            .map(|n| n.value.value())
    }

    fn arabic(s: &str) -> Option<f64> {
        let chars: Vec<char> = s.chars().collect();
        read_arabic(&chars, 0).ok().map(|n| n.value.value())
    }

    #[test]
    fn chinese_numerals_read_positionally() {
        assert_eq!(chinese("十二"), Some(12.0));
        assert_eq!(chinese("二十五"), Some(25.0));
        assert_eq!(chinese("三千五百"), Some(3500.0));
        assert_eq!(chinese("三千五百万"), Some(35_000_000.0));
        assert_eq!(chinese("一百零五"), Some(105.0));
        assert_eq!(chinese("三千五"), Some(3500.0));
        assert_eq!(chinese("一万五"), Some(15000.0));
        assert_eq!(chinese("三亿五千万"), Some(350_000_000.0));
        assert_eq!(chinese("一万亿"), Some(1e12));
        assert_eq!(chinese("两"), Some(2.0));
        assert_eq!(chinese("十几"), Some(10.0));
        assert_eq!(chinese("几百万"), Some(1e6));
        assert_eq!(chinese("二〇二四"), Some(2024.0));
        assert_eq!(chinese("三点五"), Some(3.5));
        assert_eq!(chinese("十四五"), None);
        assert_eq!(chinese("三五"), None);
        assert_eq!(chinese("几"), None);
        assert_eq!(chinese("两三百"), Some(200.0));
    }

    #[test]
    fn arabic_numbers_with_separators_and_decimals() {
        assert_eq!(arabic("1,234.5"), Some(1234.5));
        assert_eq!(arabic("１２３"), Some(123.0));
        assert_eq!(arabic("1.7"), Some(1.7));
        assert_eq!(arabic("1.2.3"), None);
        assert_eq!(arabic("1,23"), None);
        assert_eq!(arabic("12,345,678"), Some(12_345_678.0));
    }
}
