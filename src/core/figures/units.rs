//! Units and measure words, longest first, with what kind of figure each makes.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::core::article::FigureKind;

/// What a unit says about the number before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UnitClass {
    Money,
    Percent,
    Multiple,
    Count,
    Measure,
    Duration,
    /// 年: a date after a year (2024年), a duration otherwise (30年).
    Year,
    /// 月 without 个: a month (7月).
    Month,
    /// 日 or 号: a day of the month (29日).
    Day,
    /// 季度 without 个: a quarter (三季度).
    Quarter,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Unit {
    /// As written.
    pub surface: &'static str,
    /// As reported: half- and full-width forms made one.
    pub name: &'static str,
    pub class: UnitClass,
    /// Power of ten the value is scaled by: −2 for %, −1 for 成.
    pub exp10: i32,
    /// Only after Arabic digits or a magnitude: after a bare Chinese numeral the
    /// word means something else (两度 is "twice", not two kWh).
    pub digits_only: bool,
}

impl Unit {
    pub fn kind(&self) -> FigureKind {
        match self.class {
            UnitClass::Money => FigureKind::Money,
            UnitClass::Percent => FigureKind::Percent,
            UnitClass::Multiple => FigureKind::Multiple,
            UnitClass::Count => FigureKind::Count,
            UnitClass::Measure => FigureKind::Quantity,
            UnitClass::Duration | UnitClass::Year => FigureKind::Duration,
            UnitClass::Month | UnitClass::Day | UnitClass::Quarter => FigureKind::Date,
        }
    }

    pub fn is_latin(&self) -> bool {
        self.surface
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
    }

    /// Units after which 多, 余 and 半 still belong to the figure (一年多, 两天半).
    pub fn takes_trailing_approximation(&self) -> bool {
        matches!(
            self.class,
            UnitClass::Duration | UnitClass::Year | UnitClass::Multiple
        )
    }
}

const fn unit(surface: &'static str, name: &'static str, class: UnitClass, exp10: i32) -> Unit {
    Unit {
        surface,
        name,
        class,
        exp10,
        digits_only: false,
    }
}

const fn digits_only(surface: &'static str, name: &'static str, class: UnitClass) -> Unit {
    Unit {
        surface,
        name,
        class,
        exp10: 0,
        digits_only: true,
    }
}

use UnitClass::*;

/// Longest first where one is a prefix of another (平方公里 before 公里, 个月 before 个).
static UNITS: &[Unit] = &[
    // percent and multiples
    unit("个百分点", "个百分点", Percent, -2),
    unit("百分点", "个百分点", Percent, -2),
    unit("%", "%", Percent, -2),
    unit("％", "%", Percent, -2),
    unit("‰", "‰", Percent, -3),
    unit("成", "成", Percent, -1),
    unit("倍", "倍", Multiple, 0),
    // 翻一番: only after 翻, and worth 2^n (the scanner sees to both).
    unit("番", "倍", Multiple, 0),
    // money
    unit("美元", "美元", Money, 0),
    unit("欧元", "欧元", Money, 0),
    unit("日元", "日元", Money, 0),
    unit("港元", "港元", Money, 0),
    unit("港币", "港元", Money, 0),
    unit("英镑", "英镑", Money, 0),
    unit("元", "元", Money, 0),
    // time
    unit("个工作日", "个工作日", Duration, 0),
    unit("工作日", "个工作日", Duration, 0),
    unit("个小时", "小时", Duration, 0),
    unit("小时", "小时", Duration, 0),
    unit("分钟", "分钟", Duration, 0),
    unit("个星期", "周", Duration, 0),
    unit("星期", "周", Duration, 0),
    unit("个季度", "个季度", Duration, 0),
    unit("个多月", "个月", Duration, 0),
    unit("个半月", "个月", Duration, 0),
    unit("个月", "个月", Duration, 0),
    unit("周年", "周年", Duration, 0),
    unit("周", "周", Duration, 0),
    unit("天", "天", Duration, 0),
    unit("秒", "秒", Duration, 0),
    unit("年", "年", Year, 0),
    unit("月份", "月", Month, 0),
    unit("月", "月", Month, 0),
    unit("日", "日", Day, 0),
    unit("季度", "季度", Quarter, 0),
    // area, length, mass, energy, volume
    unit("平方公里", "平方公里", Measure, 0),
    unit("平方千米", "平方公里", Measure, 0),
    unit("平方米", "平方米", Measure, 0),
    unit("立方米", "立方米", Measure, 0),
    unit("标准立方米", "立方米", Measure, 0),
    unit("立方", "立方米", Measure, 0),
    unit("公顷", "公顷", Measure, 0),
    unit("亩", "亩", Measure, 0),
    unit("公里", "公里", Measure, 0),
    unit("千米", "公里", Measure, 0),
    unit("厘米", "厘米", Measure, 0),
    unit("毫米", "毫米", Measure, 0),
    unit("微米", "微米", Measure, 0),
    unit("纳米", "纳米", Measure, 0),
    unit("米", "米", Measure, 0),
    unit("吨标准煤", "吨标准煤", Measure, 0),
    unit("吨", "吨", Measure, 0),
    unit("公斤", "公斤", Measure, 0),
    unit("千克", "公斤", Measure, 0),
    unit("克", "克", Measure, 0),
    unit("斤", "斤", Measure, 0),
    unit("千瓦时", "千瓦时", Measure, 0),
    unit("毫安时", "毫安时", Measure, 0),
    unit("安时", "安时", Measure, 0),
    unit("太瓦时", "太瓦时", Measure, 0),
    unit("兆帕", "兆帕", Measure, 0),
    unit("千帕", "千帕", Measure, 0),
    unit("兆赫", "兆赫", Measure, 0),
    unit("赫兹", "赫兹", Measure, 0),
    unit("英寸", "英寸", Measure, 0),
    unit("标准煤", "吨标准煤", Measure, 0),
    unit("千瓦", "千瓦", Measure, 0),
    unit("兆瓦时", "兆瓦时", Measure, 0),
    unit("兆瓦", "兆瓦", Measure, 0),
    unit("吉瓦时", "吉瓦时", Measure, 0),
    unit("吉瓦", "吉瓦", Measure, 0),
    unit("千伏", "千伏", Measure, 0),
    unit("度电", "度", Measure, 0),
    digits_only("度", "度", Measure),
    unit("瓦时", "瓦时", Measure, 0),
    digits_only("瓦", "瓦", Measure),
    digits_only("伏", "伏", Measure),
    unit("毫升", "毫升", Measure, 0),
    digits_only("升", "升", Measure),
    unit("标准箱", "标箱", Measure, 0),
    unit("标箱", "标箱", Measure, 0),
    unit("岁", "岁", Measure, 0),
    unit("摄氏度", "℃", Measure, 0),
    unit("℃", "℃", Measure, 0),
    unit("°C", "℃", Measure, 0),
    unit("㎡", "平方米", Measure, 0),
    unit("m²", "平方米", Measure, 0),
    unit("kWh", "千瓦时", Measure, 0),
    unit("kW", "千瓦", Measure, 0),
    unit("MWh", "兆瓦时", Measure, 0),
    unit("MW", "兆瓦", Measure, 0),
    unit("GWh", "吉瓦时", Measure, 0),
    unit("GW", "吉瓦", Measure, 0),
    unit("km", "公里", Measure, 0),
    unit("kg", "公斤", Measure, 0),
    unit("mm", "毫米", Measure, 0),
    unit("nm", "纳米", Measure, 0),
    unit("TEU", "标箱", Measure, 0),
    unit("mAh", "毫安时", Measure, 0),
    unit("Ah", "安时", Measure, 0),
    unit("TWh", "太瓦时", Measure, 0),
    unit("MPa", "兆帕", Measure, 0),
    unit("GHz", "吉赫", Measure, 0),
    unit("MHz", "兆赫", Measure, 0),
    unit("TB", "TB", Measure, 0),
    unit("PB", "PB", Measure, 0),
    unit("GB", "GB", Measure, 0),
    // counts: measure words
    unit("台（套）", "台（套）", Count, 0),
    unit("台(套)", "台（套）", Count, 0),
    unit("台/套", "台（套）", Count, 0),
    unit("台套", "台（套）", Count, 0),
    unit("家次", "家次", Count, 0),
    unit("场次", "场次", Count, 0),
    unit("批次", "批次", Count, 0),
    unit("班次", "班次", Count, 0),
    unit("人次", "人次", Count, 0),
    unit("架次", "架次", Count, 0),
    unit("车次", "车次", Count, 0),
    unit("航次", "航次", Count, 0),
    unit("艘次", "艘次", Count, 0),
    unit("户次", "户次", Count, 0),
    unit("件次", "件次", Count, 0),
    unit("项次", "项次", Count, 0),
    unit("列", "列", Count, 0),
    unit("票", "票", Count, 0),
    unit("单", "单", Count, 0),
    unit("册", "册", Count, 0),
    unit("头", "头", Count, 0),
    unit("棵", "棵", Count, 0),
    unit("部门", "个部门", Count, 0),
    unit("家", "家", Count, 0),
    unit("项", "项", Count, 0),
    unit("个", "个", Count, 0),
    unit("名", "名", Count, 0),
    unit("位", "位", Count, 0),
    unit("人", "人", Count, 0),
    unit("支", "支", Count, 0),
    unit("只", "只", Count, 0),
    unit("条", "条", Count, 0),
    unit("辆", "辆", Count, 0),
    unit("座", "座", Count, 0),
    unit("台", "台", Count, 0),
    unit("套", "套", Count, 0),
    unit("件", "件", Count, 0),
    unit("所", "所", Count, 0),
    unit("款", "款", Count, 0),
    unit("种", "种", Count, 0),
    unit("批", "批", Count, 0),
    unit("次", "次", Count, 0),
    unit("场", "场", Count, 0),
    unit("户", "户", Count, 0),
    unit("栋", "栋", Count, 0),
    unit("幢", "幢", Count, 0),
    unit("间", "间", Count, 0),
    unit("张", "张", Count, 0),
    unit("本", "本", Count, 0),
    unit("篇", "篇", Count, 0),
    unit("部", "部", Count, 0),
    unit("架", "架", Count, 0),
    unit("艘", "艘", Count, 0),
    unit("颗", "颗", Count, 0),
    unit("株", "株", Count, 0),
    unit("份", "份", Count, 0),
    unit("枚", "枚", Count, 0),
    unit("例", "例", Count, 0),
    unit("处", "处", Count, 0),
    unit("类", "类", Count, 0),
    unit("组", "组", Count, 0),
    unit("届", "届", Count, 0),
    unit("轮", "轮", Count, 0),
    unit("块", "块", Count, 0),
    unit("片", "片", Count, 0),
    unit("层", "层", Count, 0),
];

/// Words that begin like a unit but are not one after a number: 80年代 is a
/// decade, 三年级 a school year, 两位数 "double digits".
static NOT_UNITS: &[&str] = &[
    "年代",
    "年级",
    "位数",
    "只是",
    "只有",
    "只要",
    "只能",
    "次方",
    "成为",
    "成立",
    "成果",
    "成本",
    "元素",
    "元宇宙",
    "天然",
    "部分",
    "人才",
    "个性",
    "条件",
    "种类",
    "种子",
    "名单",
    "名牌",
    "周边",
    "处理",
    "批准",
    "间隔",
    "层次",
    "家庭",
    "本地",
    "本土",
    "列入",
    "列为",
    "单位",
    "单元",
    "单独",
    "单项",
    "头部",
    "立方体",
    "票据",
    "列车",
    "单价",
    "单笔",
    "单体",
    "单日",
    "单月",
];

pub(crate) fn starts_with_at(chars: &[char], at: usize, word: &str) -> bool {
    let mut rest = chars.get(at..).unwrap_or(&[]).iter();
    word.chars().all(|w| rest.next() == Some(&w))
}

/// Where `word` starts when it ends right before `at`. Compared from its last char,
/// so the usual miss costs one comparison (the scanner asks this of every qualifier
/// at every number).
pub(crate) fn word_before(chars: &[char], at: usize, word: &str) -> Option<usize> {
    let mut start = at.min(chars.len());
    for w in word.chars().rev() {
        start = start.checked_sub(1)?;
        if chars[start] != w {
            return None;
        }
    }
    Some(start)
}

pub(crate) fn char_len(word: &str) -> usize {
    word.chars().count()
}

/// The units grouped by first char, in table order, so a lookup reads a handful,
/// with the words that begin like a unit but are none (`NOT_UNITS`) beginning
/// with that char.
struct FirstChar {
    units: Vec<&'static Unit>,
    not_units: Vec<&'static str>,
}

fn units_by_first_char() -> &'static HashMap<char, FirstChar, CharHash> {
    static INDEX: OnceLock<HashMap<char, FirstChar, CharHash>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: HashMap<char, FirstChar, CharHash> = HashMap::default();
        for unit in UNITS {
            if let Some(first) = unit.surface.chars().next() {
                index
                    .entry(first)
                    .or_insert_with(|| FirstChar {
                        units: Vec::new(),
                        not_units: Vec::new(),
                    })
                    .units
                    .push(unit);
            }
        }
        for word in NOT_UNITS {
            let first = word.chars().next();
            if let Some(entry) = first.and_then(|c| index.get_mut(&c)) {
                entry.not_units.push(word);
            }
        }
        index
    })
}

/// A hasher for the chars of the unit table: asked at every number, where SipHash
/// cost more than the look-up it keys. Not exposed to input that could choose
/// collisions (the keys are the table's own chars).
#[derive(Default, Clone, Copy)]
struct CharHash;

impl std::hash::BuildHasher for CharHash {
    type Hasher = CharHasher;
    fn build_hasher(&self) -> CharHasher {
        CharHasher(0)
    }
}

struct CharHasher(u64);

impl std::hash::Hasher for CharHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = (self.0 ^ u64::from(n)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// The name a unit is reported by, from how a person types it (its surface or its
/// name: 港币 → 港元, ％ → %); None when no unit is written so.
pub(crate) fn reported_name(text: &str) -> Option<&'static str> {
    UNITS
        .iter()
        .find(|u| u.surface == text || u.name == text)
        .map(|u| u.name)
}

/// `text` without the longest unit of `kind` it ends with: `1亿元` → `1亿`.
pub(crate) fn strip_unit_of_kind(text: &str, kind: FigureKind) -> Option<&str> {
    UNITS
        .iter()
        .filter(|u| u.kind() == kind)
        .filter_map(|u| {
            text.strip_suffix(u.surface)
                .map(|rest| (u.surface.len(), rest))
        })
        .max_by_key(|&(len, _)| len)
        .map(|(_, rest)| rest)
}

/// The unit written at `at`, if one is.
pub(crate) fn unit_at(chars: &[char], at: usize) -> Option<&'static Unit> {
    let first = units_by_first_char().get(chars.get(at)?)?;
    let unit = first
        .units
        .iter()
        .copied()
        .find(|u| starts_with_at(chars, at, u.surface))?;
    let shadowed = first.not_units.iter().any(|w| starts_with_at(chars, at, w));
    (!shadowed).then_some(unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn a_word_right_before_a_place() {
        let text = chars("最高给予1000万元");
        assert_eq!(word_before(&text, 4, "给予"), Some(2));
        assert_eq!(word_before(&text, 4, "最高给予"), Some(0));
        assert_eq!(word_before(&text, 2, "最高"), Some(0));
        // Not right before, longer than what stands before, or past the end.
        assert_eq!(word_before(&text, 3, "给予"), None);
        assert_eq!(word_before(&text, 1, "最高"), None);
        assert_eq!(word_before(&text, 0, "最"), None);
        assert_eq!(word_before(&text, 99, "万元"), Some(8));
        assert_eq!(word_before(&text, 4, ""), Some(4));
    }

    #[test]
    fn a_word_that_is_no_unit_still_shadows_one() {
        // Looked up by first char now: each must begin as a unit does, or it
        // shadows nothing and need not be listed.
        for word in NOT_UNITS {
            let first = word.chars().next().expect("no empty word");
            assert!(
                UNITS.iter().any(|u| u.surface.starts_with(first)),
                "{word} begins like no unit"
            );
            assert!(unit_at(&chars(word), 0).is_none(), "{word}");
        }
        assert_eq!(unit_at(&chars("年代"), 0).map(|u| u.name), None);
        assert_eq!(unit_at(&chars("年底"), 0).map(|u| u.name), Some("年"));
    }

    #[test]
    fn longest_unit_wins() {
        let name = |s: &str| unit_at(&chars(s), 0).map(|u| u.name);
        assert_eq!(name("平方公里的"), Some("平方公里"));
        assert_eq!(name("个月内"), Some("个月"));
        assert_eq!(name("个企业"), Some("个"));
        assert_eq!(name("台（套）设备"), Some("台（套）"));
        assert_eq!(name("年代"), None);
        assert_eq!(name("瓦时/公斤"), Some("瓦时"));
        assert_eq!(name("的"), None);
    }

    #[test]
    fn no_unit_is_shadowed_by_a_shorter_one_listed_before_it() {
        for (i, earlier) in UNITS.iter().enumerate() {
            for later in &UNITS[i + 1..] {
                assert!(
                    !(later.surface.starts_with(earlier.surface)
                        && later.surface != earlier.surface),
                    "{} is listed after {}",
                    later.surface,
                    earlier.surface
                );
            }
        }
    }
}
