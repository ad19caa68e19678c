//! A page's date: a day or a month, read from its path (`2024-07-30.txt`,
//! `20240730.txt`, `2024/07/30/…`, `2024-07/…`) or given in a TOML article.

use std::fmt;
use std::path::Path;

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

/// A calendar day, or a month when the day is not known. Orders oldest first,
/// a month before the days in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PageDate {
    pub year: u16,
    pub month: u8,
    pub day: Option<u8>,
}

/// Years a news page can carry; outside them a run of digits is a number, not a date.
const YEARS: std::ops::RangeInclusive<u16> = 1900..=2099;

impl PageDate {
    /// A date if the parts name a real one (30 February does not).
    pub fn new(year: u16, month: u8, day: Option<u8>) -> Option<PageDate> {
        if !YEARS.contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        if let Some(d) = day {
            if d < 1 || d > days_in_month(year, month) {
                return None;
            }
        }
        Some(PageDate { year, month, day })
    }

    /// `2024-07-30` or `2024-07`; `2024-7-3` is read too.
    pub fn parse(text: &str) -> Option<PageDate> {
        let mut parts = text.trim().split('-');
        let year = number(parts.next()?, 4..=4)?;
        let month = number(parts.next()?, 1..=2)?;
        let day = match parts.next() {
            Some(d) => Some(number(d, 1..=2)?),
            None => None,
        };
        if parts.next().is_some() {
            return None;
        }
        PageDate::new(year, u8::try_from(month).ok()?, day.map(|d| d as u8))
    }
}

/// Beijing time is UTC+8 all year: news dates are read there.
const CHINA_OFFSET_SECONDS: i64 = 8 * 3600;

impl PageDate {
    /// The calendar day in China (UTC+8) of a Unix time in seconds.
    pub fn from_unix_in_china(seconds: i64) -> Option<PageDate> {
        let days = (seconds + CHINA_OFFSET_SECONDS).div_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        PageDate::new(u16::try_from(year).ok()?, month, Some(day))
    }

    /// Today in China, by the system clock.
    pub fn today_in_china() -> Option<PageDate> {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        PageDate::from_unix_in_china(i64::try_from(now.as_secs()).ok()?)
    }

    /// The day before (None for a month, or before 1900).
    pub fn previous_day(self) -> Option<PageDate> {
        let day = self.day?;
        if day > 1 {
            return PageDate::new(self.year, self.month, Some(day - 1));
        }
        let (year, month) = if self.month == 1 {
            (self.year.checked_sub(1)?, 12)
        } else {
            (self.year, self.month - 1)
        };
        PageDate::new(year, month, Some(days_in_month(year, month)))
    }

    /// The day after (None for a month, or after 2099).
    pub fn next_day(self) -> Option<PageDate> {
        let day = self.day?;
        if day < days_in_month(self.year, self.month) {
            return PageDate::new(self.year, self.month, Some(day + 1));
        }
        let (year, month) = if self.month == 12 {
            (self.year + 1, 1)
        } else {
            (self.year, self.month + 1)
        };
        PageDate::new(year, month, Some(1))
    }
}

/// Year, month and day of a count of days since 1970-01-01 (Howard Hinnant's
/// `civil_from_days`, proleptic Gregorian).
fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// All ASCII digits, as many as `len` allows.
fn number(text: &str, len: std::ops::RangeInclusive<usize>) -> Option<u16> {
    if !len.contains(&text.len()) || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// A date's text, 2024-07-30 or 2024-07, made without the formatting machinery:
/// every article's id and every JSON row writes one.
pub(crate) struct DateText {
    /// The longest: 65535-255-255.
    bytes: [u8; 13],
    len: usize,
}

impl DateText {
    pub(crate) fn as_str(&self) -> &str {
        // Only ASCII digits and '-' are ever written.
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }

    fn push_digits(&mut self, value: u16, width: usize) {
        let mut digits = [0u8; 5];
        let mut n = value;
        let mut count = 0;
        while n > 0 || count < width {
            digits[count] = b'0' + (n % 10) as u8;
            n /= 10;
            count += 1;
        }
        for &d in digits[..count].iter().rev() {
            self.bytes[self.len] = d;
            self.len += 1;
        }
    }
}

impl PageDate {
    /// As `Display` writes it: {year:04}-{month:02}, then -{day:02} when known.
    pub(crate) fn text(&self) -> DateText {
        let mut text = DateText {
            bytes: [0; 13],
            len: 0,
        };
        text.push_digits(self.year, 4);
        text.bytes[text.len] = b'-';
        text.len += 1;
        text.push_digits(u16::from(self.month), 2);
        if let Some(d) = self.day {
            text.bytes[text.len] = b'-';
            text.len += 1;
            text.push_digits(u16::from(d), 2);
        }
        text
    }
}

impl fmt::Display for PageDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text().as_str())
    }
}

impl Serialize for PageDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.text().as_str())
    }
}

/// From a string (`"2024-07-30"`, JSON) or a TOML date (`date = 2024-07-30`).
impl<'de> Deserialize<'de> for PageDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct DateVisitor;
        const EXPECTED: &str = "a date such as 2024-07-30 or 2024-07";
        impl<'de> de::Visitor<'de> for DateVisitor {
            type Value = PageDate;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(EXPECTED)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<PageDate, E> {
                PageDate::parse(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
            }
            // A TOML date arrives as a one-entry map holding its text.
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<PageDate, A::Error> {
                let Some((_, text)) = map.next_entry::<String, String>()? else {
                    return Err(de::Error::custom(EXPECTED));
                };
                PageDate::parse(&text).ok_or_else(|| {
                    de::Error::custom(format!("{text} is not {EXPECTED} (no time of day)"))
                })
            }
        }
        d.deserialize_any(DateVisitor)
    }
}

/// The date a path names: the file's own name first, then its folders
/// (`2024/07/30/page.txt`, `2024-07/30.txt`, `2024/07/page.txt`). None when no
/// part of the path reads as a real date.
pub fn date_from_path(path: &Path) -> Option<PageDate> {
    let mut parts: Vec<String> = path
        .components()
        .filter_map(|c| match c {
            std::path::Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    // The file's extension is not part of its name's date (`2024-07-30.txt`).
    if let (Some(last), Some(stem)) = (parts.last_mut(), path.file_stem()) {
        *last = stem.to_string_lossy().into_owned();
    }
    for j in (0..parts.len()).rev() {
        let next_as_day = || parts.get(j + 1).and_then(|p| day_number(p));
        if let Some(date) = date_in_name(&parts[j]) {
            return match (date.day, next_as_day()) {
                // `2024-07/30.txt`
                (None, Some(day)) => PageDate::new(date.year, date.month, Some(day)).or(Some(date)),
                _ => Some(date),
            };
        }
        // `2024/07/…`, `2024/07/30/…`
        let year = number(&parts[j], 4..=4);
        let month = parts.get(j + 1).and_then(|p| number(p, 1..=2));
        if let (Some(year), Some(month)) = (year, month) {
            let month = u8::try_from(month).ok()?;
            let day = parts.get(j + 2).and_then(|p| day_number(p));
            if let Some(date) = PageDate::new(year, month, day).or(PageDate::new(year, month, None))
            {
                return Some(date);
            }
        }
    }
    None
}

/// A path part that is only a day of the month: `30`, `07`.
fn day_number(part: &str) -> Option<u8> {
    number(part, 1..=2).and_then(|d| u8::try_from(d).ok())
}

/// The first date written inside one name: `2024-07-30`, `2024_07_30`, `2024.07.30`,
/// `20240730`, `2024-07`, `2024年7月30日`. Digits glued to Latin letters or other
/// digits are not a date (`v20240730beta`, `120240730`); any other neighbour is fine
/// (`kjrb-2024-07-30`, `科技日报20240730`).
pub fn date_in_name(name: &str) -> Option<PageDate> {
    let bytes = name.as_bytes();
    let glued = |i: usize| bytes.get(i).is_some_and(|b| b.is_ascii_alphanumeric());
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && glued(i - 1)) {
            i += 1;
            continue;
        }
        let run = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        let rest = &name[i..];
        let found = match run {
            8 if !glued(i + 8) => {
                let n = |a: usize, b: usize| rest[a..b].parse::<u16>().ok();
                PageDate::new(n(0, 4)?, n(4, 6)? as u8, Some(n(6, 8)? as u8))
            }
            4 => separated_date(rest),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
        i += run;
    }
    None
}

/// `2024-07-30`, `2024-07`, `2024年7月30日` at the start of `text`, not glued to more.
fn separated_date(text: &str) -> Option<PageDate> {
    let year: u16 = text.get(..4)?.parse().ok()?;
    let rest = &text[4..];
    let (sep, month_sep, day_end) = match rest.chars().next()? {
        c @ ('-' | '_' | '.') => (c, c, None),
        '年' => ('年', '月', Some('日')),
        _ => return None,
    };
    let rest = &rest[sep.len_utf8()..];
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let m = digits(rest);
    let month: u8 = rest
        .get(..m)
        .filter(|_| (1..=2).contains(&m))?
        .parse()
        .ok()?;
    let rest = &rest[m..];
    let after_month = rest.chars().next();
    let is_glued = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    // `2024-07-30`
    if let Some(rest) = rest.strip_prefix(month_sep) {
        let d = digits(rest);
        if (1..=2).contains(&d) && !is_glued(rest[d..].chars().next()) {
            let day: u8 = rest[..d].parse().ok()?;
            if day_end.is_none_or(|end| rest[d..].starts_with(end)) {
                return PageDate::new(year, month, Some(day));
            }
        }
        // `2024年7月` with no day, `2024-07-` followed by a word.
        if day_end.is_some() || !rest.starts_with(|c: char| c.is_ascii_digit()) {
            return PageDate::new(year, month, None);
        }
        return None;
    }
    // `2024-07` (a month), but not the start of something else (`2024-07x`).
    if day_end.is_none() && !is_glued(after_month) {
        return PageDate::new(year, month, None);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_text_is_what_the_format_string_wrote() {
        let formatted = |d: &PageDate| {
            let mut s = format!("{:04}-{:02}", d.year, d.month);
            if let Some(day) = d.day {
                s.push_str(&format!("-{day:02}"));
            }
            s
        };
        for year in [0, 7, 99, 1986, 2024, 9999, 10000, u16::MAX] {
            for month in [0, 1, 9, 10, 12, 99, 100, u8::MAX] {
                for day in [None, Some(0), Some(1), Some(31), Some(100), Some(u8::MAX)] {
                    let date = PageDate { year, month, day };
                    assert_eq!(date.to_string(), formatted(&date));
                    assert_eq!(
                        serde_json::to_string(&date).unwrap(),
                        format!("\"{}\"", formatted(&date))
                    );
                }
            }
        }
    }

    fn day(y: u16, m: u8, d: u8) -> Option<PageDate> {
        Some(PageDate {
            year: y,
            month: m,
            day: Some(d),
        })
    }

    fn month(y: u16, m: u8) -> Option<PageDate> {
        Some(PageDate {
            year: y,
            month: m,
            day: None,
        })
    }

    #[test]
    fn dates_from_each_path_form() {
        let table = [
            ("2024-07-30.txt", day(2024, 7, 30)),
            ("20240730.txt", day(2024, 7, 30)),
            ("2024/07/30/page.txt", day(2024, 7, 30)),
            ("archive/2024/07/30/a.txt", day(2024, 7, 30)),
            ("2024-07-30-kjrb-yuanqu.txt", day(2024, 7, 30)),
            ("kjrb-2024-07-30.txt", day(2024, 7, 30)),
            ("科技日报20240730.txt", day(2024, 7, 30)),
            ("2024_07_30.txt", day(2024, 7, 30)),
            ("2024.07.30.txt", day(2024, 7, 30)),
            ("2024年7月30日园区版.txt", day(2024, 7, 30)),
            ("2024-7-3.txt", day(2024, 7, 3)),
            ("2024-07/page.txt", month(2024, 7)),
            ("2024-07/30.txt", day(2024, 7, 30)),
            ("2024/07/page.txt", month(2024, 7)),
            ("2024-07-kjrb.txt", month(2024, 7)),
            ("2024年7月/园区.txt", month(2024, 7)),
            // The file's own name wins over its folder.
            ("2023-01/2024-07-30.txt", day(2024, 7, 30)),
            ("2024-02-29.txt", day(2024, 2, 29)),
            ("2024-07-30.toml", day(2024, 7, 30)),
        ];
        for (path, want) in table {
            assert_eq!(date_from_path(Path::new(path)), want, "{path}");
        }
    }

    #[test]
    fn paths_that_are_not_dates() {
        let table = [
            "2024-13-45.txt",
            "2024-02-30.txt",
            "2023-02-29.txt",
            "v20240730beta.txt",
            "12345678.txt",
            "120240730.txt",
            "page-00001.txt",
            "keji-ribao-yuanqu-page.txt",
            "2024.txt",
            "2024/page.txt",
            "1850-01-01.txt",
            "data/2024x07/page.txt",
            "",
        ];
        for path in table {
            assert_eq!(date_from_path(Path::new(path)), None, "{path}");
        }
    }

    #[test]
    fn a_bad_day_falls_back_to_the_month_of_its_folders() {
        // 2024/07/45: no such day, but the folders still name July.
        assert_eq!(
            date_from_path(Path::new("2024/07/45/page.txt")),
            month(2024, 7)
        );
    }

    #[test]
    fn written_and_read_back() {
        for text in ["2024-07-30", "2024-07"] {
            assert_eq!(PageDate::parse(text).unwrap().to_string(), text);
        }
        assert_eq!(
            PageDate::parse("2024-7-3").unwrap().to_string(),
            "2024-07-03"
        );
        for bad in ["2024", "2024-07-30-1", "24-07-30", "2024-00", "x"] {
            assert_eq!(PageDate::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn ordered_oldest_first_with_a_month_before_its_days() {
        let mut dates = [day(2024, 7, 30), month(2024, 7), day(2023, 12, 31)];
        dates.sort();
        assert_eq!(dates, [day(2023, 12, 31), month(2024, 7), day(2024, 7, 30)]);
    }

    #[test]
    fn read_from_toml_dates_and_strings() {
        #[derive(Deserialize)]
        struct T {
            date: PageDate,
        }
        let t: T = toml::from_str("date = 2024-07-30").unwrap();
        assert_eq!(Some(t.date), day(2024, 7, 30));
        let t: T = toml::from_str("date = \"2024-07\"").unwrap();
        assert_eq!(Some(t.date), month(2024, 7));
        assert!(toml::from_str::<T>("date = 2024-07-30T10:00:00").is_err());
        assert!(toml::from_str::<T>("date = \"2024-13-01\"").is_err());
        let t: T = serde_json::from_str(r#"{"date": "2024-07-30"}"#).unwrap();
        assert_eq!(Some(t.date), day(2024, 7, 30));
    }

    #[test]
    fn unix_times_are_read_as_days_in_china() {
        // 2024-07-29 16:00:00 UTC: an edition's midnight in Beijing.
        assert_eq!(
            PageDate::from_unix_in_china(1_722_268_800),
            PageDate::new(2024, 7, Some(30))
        );
        assert_eq!(
            PageDate::from_unix_in_china(1_722_268_799).map(|d| d.to_string()),
            Some("2024-07-29".into())
        );
        assert_eq!(
            PageDate::from_unix_in_china(951_782_400).map(|d| d.to_string()),
            Some("2000-02-29".into())
        );
    }

    #[test]
    fn days_step_over_months_and_years() {
        let d = PageDate::parse("2024-03-01").unwrap();
        assert_eq!(d.previous_day().unwrap().to_string(), "2024-02-29");
        let d = PageDate::parse("2024-12-31").unwrap();
        assert_eq!(d.next_day().unwrap().to_string(), "2025-01-01");
        assert_eq!(PageDate::parse("2024-07").unwrap().next_day(), None);
    }
}
