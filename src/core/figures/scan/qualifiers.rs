//! Qualifiers before and after a number (近, 约, 超过, 最高 …, 以上, 左右 …) and
//! the bound they give the value.

use super::*;
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
    let verb = CAP_VERBS
        .iter()
        .find(|v| at >= floor + char_len(v) && starts_with_at(chars, at - char_len(v), v))?;
    let verb_at = at - char_len(verb);
    DETACHED_PREFIXES.iter().find_map(|&p| {
        let len = char_len(p);
        (verb_at >= floor + len && starts_with_at(chars, verb_at - len, p))
            .then(|| (verb_at - len, p))
    })
}

/// Words a qualifier character also ends: 最近 is "recent", 节约 is "save".
pub(super) fn is_false_prefix(prefix: &str, before: Option<char>) -> bool {
    let Some(b) = before else { return false };
    match prefix {
        "近" => "最附邻临亲贴靠就".contains(b),
        "约" => "节签预制合契特相邀履公条违缔践毁隐".contains(b),
        "超" => "赶高".contains(b),
        "上" => "线以之".contains(b),
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
    if let Some((start, prefix)) = detached_prefix(chars, at, floor) {
        q.prefix = Some(prefix);
        q.start = start;
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
        "余" | "多" | "以上" | "超过" | "超" | "逾" | "突破" | "之多" | "有余" | "上" | "数"
        | "几" => Bound::MoreThan,
        "不低于" | "不少于" | "至少" | "最低" | "最少" => Bound::AtLeast,
        "不超过" | "不高于" | "不多于" | "最多" | "最高" | "以下" | "以内" => {
            Bound::AtMost
        }
        "不到" | "不足" => Bound::LessThan,
        _ => return None,
    })
}
