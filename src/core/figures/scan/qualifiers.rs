//! Qualifiers before and after a number (近, 约, 超过, 最高 …, 以上, 左右 …) and
//! the bound they give the value.

use super::super::numerals::{chinese_big, chinese_power};
use super::super::units::{starts_with_at, word_before};
use super::parts::{Quantity, Written};
use super::text::gap_before;

use crate::core::article::Bound;

/// Qualifiers written after the unit.
pub(super) const SUFFIXES: &[&str] = &["以上", "以下", "以内", "左右", "之多", "有余", "上下"];

/// Qualifiers written before the number, longest first.
pub(super) const PREFIXES: &[&str] = &[
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
    "突破",
    "至少",
    "最多",
    "最高",
    "最低",
    "最少",
    "逾",
    "超",
    "近",
    "约",
    "上",
    "数",
];

/// Caps and floors that may stand a verb away from their number: 最高给予1000万元,
/// 最多可申请3项, 至少安排500万元.
const DETACHED_PREFIXES: &[&str] = &["最高", "最多", "最低", "最少", "至少"];

/// The verbs that may stand between a detached prefix and its number, longest first.
const CAP_VERBS: &[&str] = &[
    "可获得",
    "可申请",
    "可享受",
    "可达到",
    "给予",
    "奖励",
    "补贴",
    "补助",
    "资助",
    "支持",
    "安排",
    "达到",
    "可获",
    "可享",
    "可达",
    "可",
    "达",
    "为",
];

/// 最高给予 right before `at`: where the prefix starts, and the prefix.
fn detached_prefix(chars: &[char], at: usize, floor: usize) -> Option<(usize, &'static str)> {
    let verb_at = CAP_VERBS
        .iter()
        .find_map(|v| word_before(chars, at, v).filter(|&s| s >= floor))?;
    DETACHED_PREFIXES.iter().find_map(|&p| {
        word_before(chars, verb_at, p)
            .filter(|&s| s >= floor)
            .map(|s| (s, p))
    })
}

/// Words a qualifier character also ends: 最近 is "recent", 节约 is "save".
pub(super) fn is_false_prefix(prefix: &str, before: Option<char>) -> bool {
    let Some(b) = before else { return false };
    match prefix {
        "近" => "最附邻临亲贴靠就".contains(b),
        "约" => "节签预制合契特相邀履公条违缔践毁隐".contains(b),
        "超" => "赶高".contains(b),
        // 迈上千亿元台阶, 登上: a step up to a milestone, not "upwards of".
        "上" => "线以之迈登走跃站冲".contains(b),
        "数" => "指总人次".contains(b),
        // 技术突破3项, 重大突破: a breakthrough counted, not a bound.
        "突破" => "术大新性要".contains(b),
        _ => false,
    }
}

pub(super) fn attach_prefix(chars: &[char], q: &mut Quantity, floor: usize) {
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
        let Some(start) = word_before(chars, at, prefix).filter(|&s| s >= floor) else {
            continue;
        };
        let needs_place = matches!(prefix, "上" | "数");
        if needs_place && !begins_with_place
            || at < q.start && at - start == 1 && !"约近逾超".contains(prefix)
            || is_false_prefix(prefix, start.checked_sub(1).map(|b| chars[b]))
        {
            continue;
        }
        q.prefix = Some(prefix);
        q.start = start;
        return;
    }
    // The cap bounds the figure, but the verb between is not part of it: the figure
    // of 最高给予1000万元 is 1000万元, at most.
    if let Some((_, prefix)) = detached_prefix(chars, at, floor) {
        q.prefix = Some(prefix);
    }
}

pub(super) fn has_qualifier(q: &Quantity) -> bool {
    q.prefix.is_some() || q.inner.is_some() || q.suffix.is_some()
}

pub(super) fn vague(q: &Quantity) -> Option<&'static str> {
    matches!(q.number.written, Written::Chinese(n) if n.vague).then_some("几")
}

pub(super) fn join_qualifiers(parts: &[Option<&'static str>]) -> Option<String> {
    let present: Vec<&str> = parts.iter().flatten().copied().collect();
    (!present.is_empty()).then(|| present.join("…"))
}

/// The bound a qualifier gives the value, as written ("近", "约…左右"): the first word
/// that says something wins; none, or none known, is `exact`.
pub(crate) fn bound_of(qualifier: Option<&str>) -> Bound {
    qualifier
        .into_iter()
        .flat_map(|q| q.split('…'))
        .find_map(word_bound)
        .unwrap_or(Bound::Exact)
}

fn word_bound(word: &str) -> Option<Bound> {
    Some(match word {
        "近" | "将近" | "接近" | "几近" | "约" | "大约" | "左右" | "上下" => {
            Bound::Approx
        }
        "余" | "多" | "超过" | "超" | "逾" | "突破" | "之多" | "有余" | "上" | "数" | "几" => {
            Bound::MoreThan
        }
        // 以上 and 以下 include the number itself, as the Civil Code (art. 1259) reads them.
        "以上" | "不低于" | "不少于" | "至少" | "最低" | "最少" => Bound::AtLeast,
        "不超过" | "不高于" | "不多于" | "最多" | "最高" | "以下" | "以内" => {
            Bound::AtMost
        }
        "不到" | "不足" => Bound::LessThan,
        _ => return None,
    })
}

/// 今年6月: the year word belongs to the date.
pub(super) fn attach_date_prefix(chars: &[char], q: &mut Quantity, floor: usize) {
    let at = q.start - gap_before(chars, q.start);
    for word in ["今年", "去年", "明年", "前年", "同年", "当年"] {
        if at >= floor + 2 && starts_with_at(chars, at - 2, word) {
            q.start = at - 2;
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::scan_text;
    use super::*;

    fn bound(text: &str) -> (String, Bound) {
        let all = scan_text(text);
        assert_eq!(all.len(), 1, "{text}: {all:?}");
        let (surface, f) = &all[0];
        (surface.clone(), bound_of(f.qualifier.as_deref()))
    }

    #[test]
    fn every_qualifier_gives_its_bound() {
        for (text, surface, expected) in [
            ("近30年", "近30年", Bound::Approx),
            ("约3年左右", "约3年左右", Bound::Approx),
            ("逾2000家", "逾2000家", Bound::MoreThan),
            ("超3000人", "超3000人", Bound::MoreThan),
            ("突破100亿元", "突破100亿元", Bound::MoreThan),
            ("1500余名", "1500余名", Bound::MoreThan),
            ("10%以上", "10%以上", Bound::AtLeast),
            ("至少3000人", "至少3000人", Bound::AtLeast),
            ("最低50万元", "最低50万元", Bound::AtLeast),
            ("不低于10%", "不低于10%", Bound::AtLeast),
            ("最高1000万元", "最高1000万元", Bound::AtMost),
            ("最多3项", "最多3项", Bound::AtMost),
            ("不超过5天", "不超过5天", Bound::AtMost),
            ("不足200人", "不足200人", Bound::LessThan),
            ("达55亿元", "55亿元", Bound::Exact),
        ] {
            assert_eq!(bound(text), (surface.to_string(), expected), "{text}");
        }
    }

    #[test]
    fn caps_reach_over_a_verb() {
        // The figure is the number and its unit; the cap is its bound and qualifier.
        for (text, surface) in [
            ("最高给予1000万元奖励", "1000万元"),
            ("每家企业最多补助500万元", "500万元"),
            ("企业最多可申请3项", "3项"),
            ("至少安排200万元", "200万元"),
        ] {
            let all = scan_text(text);
            assert_eq!(all.len(), 1, "{text}: {all:?}");
            let (found, f) = &all[0];
            assert_eq!(found, surface, "{text}");
            let expected = if text.contains("至少") {
                Bound::AtLeast
            } else {
                Bound::AtMost
            };
            assert_eq!(bound_of(f.qualifier.as_deref()), expected, "{text}");
            assert!(f.qualifier.is_some(), "{text}");
        }
        // A verb alone lends nothing.
        assert_eq!(bound("给予1000万元").1, Bound::Exact);
    }

    #[test]
    fn words_ending_like_a_qualifier_lend_nothing() {
        assert_eq!(bound("最近3年").0, "3年");
        assert_eq!(bound("节约30%").0, "30%");
        assert_eq!(bound("技术突破3项").0, "3项");
        assert_eq!(bound("迈上千亿元台阶").1, Bound::Exact);
    }

    #[test]
    fn unknown_and_joined_qualifiers() {
        assert_eq!(bound_of(None), Bound::Exact);
        assert_eq!(bound_of(Some("某")), Bound::Exact);
        assert_eq!(bound_of(Some("约…左右")), Bound::Approx);
    }
}
