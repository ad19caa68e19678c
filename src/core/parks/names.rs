//! Park names: how a name ends (高新区, 经济技术开发区 …), what may stand in it,
//! and when two names are short and full forms of one park.

use std::borrow::Cow;
use std::sync::{LazyLock, OnceLock};

use icu_segmenter::options::WordBreakInvariantOptions;
use icu_segmenter::{WordSegmenter, WordSegmenterBorrowed};

/// Park-name endings, longest first where one ends another, each with the class
/// that lets a short form (赣州高新区) meet its full form (赣州高新技术产业开发区).
pub(super) const SUFFIXES: &[(&str, &str)] = &[
    ("高新技术产业开发区", "高新区"),
    ("高新技术产业园区", "高新区"),
    ("新技术产业开发区", "高新区"),
    ("新技术开发区", "高新区"),
    ("高新区", "高新区"),
    ("经济技术开发区", "经开区"),
    ("经济开发区", "经开区"),
    ("经开区", "经开区"),
    ("综合保税区", "综保区"),
    ("综保区", "综保区"),
    ("保税港区", "保税港区"),
    ("自由贸易试验区", "自贸区"),
    ("自由贸易港", "自贸港"),
    ("自贸试验区", "自贸区"),
    ("自贸区", "自贸区"),
    ("自贸港", "自贸港"),
    ("示范区", "示范区"),
    ("开发区", "开发区"),
    ("新区", "新区"),
    ("工业园区", "工业园"),
    ("工业园", "工业园"),
    ("产业园区", "产业园"),
    ("产业园", "产业园"),
    ("高科技园区", "科技园"),
    ("科技园区", "科技园"),
    ("科技园", "科技园"),
    ("科创园", "科创园"),
    ("科技城", "科技城"),
    ("科学城", "科学城"),
    ("科创中心", "科创中心"),
];

/// Prefixes that name a kind of park, not a park (国家级高新区, 自主创新示范区).
pub(super) const GENERIC_PREFIXES: &[&str] = &[
    "国家级",
    "省级",
    "市级",
    "自主创新",
    "国家自主创新",
    "产学研",
    "全国",
    "全省",
    "全市",
    "各类",
    "这个",
    "一个",
    "多个",
    "首个",
    "该",
    "本",
    "全",
    "各",
    "其",
    "新",
    "高新",
    "国家",
    "园区",
    "中试",
];

/// Characters that never stand inside a park name: they end the scan backwards.
pub(super) fn ends_name(c: char) -> bool {
    // The CJK Unified Ideographs (U+4E00–U+9FFF) are all alphabetic: most chars
    // asked about are, and need no Unicode table.
    let in_words =
        ('\u{4e00}'..='\u{9fff}').contains(&c) || c.is_alphanumeric() || matches!(c, '（' | '）');
    !in_words
        || matches!(
            c,
            '在' | '的'
                | '和'
                | '与'
                | '及'
                | '于'
                | '了'
                | '是'
                | '为'
                | '将'
                | '到'
                | '把'
                | '被'
                | '从'
                | '对'
                | '向'
                | '由'
                | '以'
                | '等'
                | '并'
                | '或'
                | '让'
                | '给'
                | '省'
                | '市'
                | '县'
        )
}

/// Verbs that often stand right before a park name (落地沈抚示范区): never part of it.
pub(super) const LEADING_VERBS: &[&str] = &[
    "落地", "落户", "走进", "位于", "入驻", "来到", "地处", "举办", "举行", "支持", "助力", "推动",
    "携手", "联合", "签约", "建设", "打造", "成立", "揭牌", "启动", "进驻", "扎根", "服务",
];

pub(super) fn normalize_cow(text: &str) -> Cow<'_, str> {
    if memchr::memchr2(b'(', b')', text.as_bytes()).is_some() {
        Cow::Owned(normalize(text))
    } else {
        Cow::Borrowed(text)
    }
}

/// ASCII brackets become full-width ones so 鄂尔多斯(上海) meets 鄂尔多斯（上海）.
pub fn normalize(name: &str) -> String {
    if !name.contains(['(', ')']) {
        return name.trim().to_string();
    }
    name.trim()
        .chars()
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect()
}

/// Split a name into (prefix, suffix class), if it ends like a park.
/// A kind of park alone (高新区, which ends in 新区) is not split.
pub(super) fn split_suffix(name: &str) -> Option<(&str, &'static str)> {
    if SUFFIXES.iter().any(|(s, _)| *s == name) {
        return None;
    }
    SUFFIXES
        .iter()
        .find(|(s, _)| name.ends_with(s) && name.len() > s.len())
        .map(|(s, class)| (&name[..name.len() - s.len()], *class))
}

/// China's province-level regions by their full names: a park's place, never
/// part of its name.
pub const PROVINCES: &[&str] = &[
    "北京市",
    "天津市",
    "上海市",
    "重庆市",
    "河北省",
    "山西省",
    "辽宁省",
    "吉林省",
    "黑龙江省",
    "江苏省",
    "浙江省",
    "安徽省",
    "福建省",
    "江西省",
    "山东省",
    "河南省",
    "湖北省",
    "湖南省",
    "广东省",
    "海南省",
    "四川省",
    "贵州省",
    "云南省",
    "陕西省",
    "甘肃省",
    "青海省",
    "台湾省",
    "内蒙古自治区",
    "广西壮族自治区",
    "西藏自治区",
    "宁夏回族自治区",
    "新疆维吾尔自治区",
    "香港特别行政区",
    "澳门特别行政区",
];

/// Does `before` end with an administrative region (…自治区, …自治州, …行政区)?
/// A park name never runs back across one.
pub(super) fn ends_region(before: &[char]) -> bool {
    const REGIONS: [[char; 3]; 3] = [['自', '治', '区'], ['自', '治', '州'], ['行', '政', '区']];
    REGIONS.iter().any(|r| before.ends_with(r))
}

/// Which of the positions `from..=to` in `text` start a word, by the dictionary
/// word segmenter (a few characters before `from` are read too, so a word
/// running across `from` is seen whole).
pub(super) fn word_starts(text: &[char], from: usize, to: usize) -> Vec<usize> {
    static SEGMENTER: LazyLock<WordSegmenterBorrowed<'static>> =
        LazyLock::new(|| WordSegmenter::new_dictionary(WordBreakInvariantOptions::default()));
    const CONTEXT: usize = 4;
    let start = from.saturating_sub(CONTEXT);
    let window: String = text[start..to.min(text.len())].iter().collect();
    SEGMENTER
        .segment_str(&window)
        .map(|boundary| start + window[..boundary].chars().count())
        .filter(|index| (from..=to).contains(index))
        .collect()
}

/// A park name as (place prefix, kind of park): 赣州高新区 and 赣州高新技术产业开发区
/// are both (赣州, 高新区).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParkKey {
    pub prefix: String,
    pub kind: &'static str,
}

impl ParkKey {
    /// The key of a name; None when it does not end like a park.
    pub fn of(name: &str) -> Option<ParkKey> {
        ParkKey::of_normalized(&normalize(name))
    }

    /// `of` for a name already normalised.
    pub fn of_normalized(name: &str) -> Option<ParkKey> {
        split_suffix(name).map(|(prefix, kind)| ParkKey {
            prefix: prefix.to_string(),
            kind,
        })
    }

    /// Short and full forms of one park: the same kind of park, and one place
    /// prefix starts the other (沈抚示范区 / 沈抚改革创新示范区).
    pub fn same_park(&self, other: &ParkKey) -> bool {
        self.kind == other.kind
            && (self.prefix.starts_with(other.prefix.as_str())
                || other.prefix.starts_with(self.prefix.as_str()))
    }
}

/// True when `a` and `b` name one park: the same name, or short and full forms.
pub fn same_park(a: &str, b: &str) -> bool {
    let (a, b) = (normalize(a), normalize(b));
    a == b
        || ParkKey::of_normalized(&a)
            .zip(ParkKey::of_normalized(&b))
            .is_some_and(|(a, b)| a.same_park(&b))
}

/// Cheap first test: can a park suffix start with `c`? (Every suffix starts with one of these.)
pub(super) fn starts_suffix(c: char) -> bool {
    matches!(
        c,
        '高' | '新' | '经' | '综' | '保' | '自' | '示' | '开' | '工' | '产' | '科'
    )
}

/// The suffix (as chars) starting at `at`, longest first where one ends another.
pub(super) fn suffix_at(text: &[char], at: usize) -> Option<&'static [char]> {
    if !starts_suffix(text[at]) {
        return None;
    }
    static SUFFIX_CHARS: OnceLock<Vec<Vec<char>>> = OnceLock::new();
    let suffixes =
        SUFFIX_CHARS.get_or_init(|| SUFFIXES.iter().map(|(s, _)| s.chars().collect()).collect());
    suffixes
        .iter()
        .find(|s| text[at..].starts_with(s))
        .map(Vec::as_slice)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cjk_unified_ideograph_is_alphanumeric() {
        let odd = ('\u{4e00}'..='\u{9fff}').find(|c| !c.is_alphanumeric());
        assert_eq!(odd, None, "ends_name's shortcut would be wrong");
    }

    #[test]
    fn every_suffix_passes_the_first_char_test() {
        for (suffix, _) in SUFFIXES {
            assert!(starts_suffix(suffix.chars().next().unwrap()), "{suffix}");
        }
    }

    #[test]
    fn short_and_full_forms_meet() {
        assert!(same_park("贵阳综保区", "贵阳综合保税区"));
        assert!(same_park("沈抚示范区", "沈抚改革创新示范区"));
        assert!(same_park("赣州高新区", "赣州高新技术产业开发区"));
        assert!(same_park("合肥经开区", "合肥经济技术开发区"));
        assert!(!same_park("合肥高新区", "合肥经开区"));
        assert!(!same_park("西安高新区", "赣州高新区"));
    }

    #[test]
    fn keys_meet_across_short_and_full_forms() {
        let short = ParkKey::of("芜湖综保区").unwrap();
        let full = ParkKey::of("芜湖综合保税区").unwrap();
        assert_eq!(short.kind, "综保区");
        assert!(short.same_park(&full) && full.same_park(&short));
        assert!(!short.same_park(&ParkKey::of("芜湖经开区").unwrap()));
        assert_eq!(ParkKey::of("芜湖市"), None);
        assert_eq!(ParkKey::of("高新区"), None, "a kind alone is no park");
    }
}
