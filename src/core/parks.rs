//! Parks: the registry in `data/parks.toml`, and finding the park an article is about.

use std::sync::OnceLock;

use serde::Deserialize;

/// One entry of the registry.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Park {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub province: Option<String>,
    #[serde(default)]
    pub city: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParkRegistry {
    #[serde(default, rename = "park")]
    pub parks: Vec<Park>,
}

const BUILTIN_REGISTRY: &str = include_str!("../../data/parks.toml");

impl ParkRegistry {
    pub fn from_toml(text: &str) -> Result<ParkRegistry, toml::de::Error> {
        toml::from_str(text)
    }

    /// The registry built into the binary.
    pub fn builtin() -> &'static ParkRegistry {
        static REGISTRY: OnceLock<ParkRegistry> = OnceLock::new();
        // The built-in file is checked by a test; an empty registry is the safe fallback.
        REGISTRY.get_or_init(|| ParkRegistry::from_toml(BUILTIN_REGISTRY).unwrap_or_default())
    }

    /// The entry whose name or alias is `name`, or a short/full form of one.
    pub fn lookup(&self, name: &str) -> Option<&Park> {
        let name = normalize(name);
        self.parks
            .iter()
            .find(|p| p.forms().any(|f| normalize(f) == name))
            .or_else(|| {
                self.parks
                    .iter()
                    .find(|p| p.forms().any(|f| same_park(f, &name)))
            })
    }
}

impl Park {
    /// The canonical name and every alias.
    pub fn forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// Park-name endings, longest first where one ends another, each with the class
/// that lets a short form (赣州高新区) meet its full form (赣州高新技术产业开发区).
const SUFFIXES: &[(&str, &str)] = &[
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
const GENERIC_PREFIXES: &[&str] = &[
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
fn ends_name(c: char) -> bool {
    !is_name_char(c)
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
                | '·'
                | '“'
                | '”'
        )
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '（' | '）' | '·')
}

/// Verbs that often stand right before a park name (落地沈抚示范区): never part of it.
const LEADING_VERBS: &[&str] = &[
    "落地", "落户", "走进", "位于", "入驻", "来到", "地处", "举办", "举行", "支持", "助力", "推动",
    "携手", "联合", "签约", "建设", "打造", "成立", "揭牌", "启动", "进驻", "扎根", "服务",
];

/// Longest prefix of a park name, in chars, not counting a bracketed part.
const MAX_PREFIX_CHARS: usize = 10;

/// How much of an article park detection reads: plenty for any real lead.
const MAX_SCANNED_CHARS: usize = 20_000;
const MAX_LEAD_CHARS: usize = 2_000;
const MAX_MENTIONS: usize = 64;

fn prefix_chars(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// ASCII brackets become full-width ones so 鄂尔多斯(上海) meets 鄂尔多斯（上海）.
pub fn normalize(name: &str) -> String {
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
fn split_suffix(name: &str) -> Option<(&str, &'static str)> {
    SUFFIXES
        .iter()
        .find(|(s, _)| name.ends_with(s) && name.len() > s.len())
        .map(|(s, class)| (&name[..name.len() - s.len()], *class))
}

/// True when `a` and `b` are short and full forms of one park: same kind of park,
/// and one place prefix starts the other (沈抚示范区 / 沈抚改革创新示范区).
pub fn same_park(a: &str, b: &str) -> bool {
    let (a, b) = (normalize(a), normalize(b));
    if a == b {
        return true;
    }
    match (split_suffix(&a), split_suffix(&b)) {
        (Some((pa, ca)), Some((pb, cb))) => {
            ca == cb
                && !pa.is_empty()
                && !pb.is_empty()
                && (pa.starts_with(pb) || pb.starts_with(pa))
        }
        _ => false,
    }
}

/// A park name found in text, with where it stood.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Mention {
    name: String,
    /// Char position in the searched text.
    at: usize,
}

/// Park names ending at each suffix in `text` (already normalised), with the
/// extent chosen by how often each longer form recurs in `whole`; at most `limit`.
fn find_mentions(text: &[char], whole: &str, limit: usize) -> Vec<Mention> {
    let mut found = Vec::new();
    let mut end = 0;
    while end < text.len() && found.len() < limit {
        let mut matched = None;
        for (suffix, _) in SUFFIXES {
            let s: Vec<char> = suffix.chars().collect();
            if text[end..].starts_with(&s) {
                matched = Some(s.len());
                break;
            }
        }
        let Some(suffix_len) = matched else {
            end += 1;
            continue;
        };
        if let Some(m) = mention_before(text, end, suffix_len, whole) {
            found.push(m);
        }
        end += suffix_len;
    }
    found
}

/// The best park name whose suffix starts at `suffix_at`.
fn mention_before(
    text: &[char],
    suffix_at: usize,
    suffix_len: usize,
    whole: &str,
) -> Option<Mention> {
    let suffix: String = text[suffix_at..suffix_at + suffix_len].iter().collect();
    // Candidate starts, nearest first: one per prefix char, a bracketed group taken whole.
    let mut starts = Vec::new();
    let mut i = suffix_at;
    let mut plain = 0;
    while i > 0 && plain < MAX_PREFIX_CHARS {
        let c = text[i - 1];
        if c == '）' {
            match text[..i - 1].iter().rposition(|&c| c == '（') {
                Some(open) if open > 0 && i - open <= 8 => i = open,
                _ => break,
            }
            continue;
        }
        if ends_name(c) {
            break;
        }
        i -= 1;
        plain += 1;
        starts.push(i);
    }
    let candidates: Vec<String> = starts
        .iter()
        .filter(|&&s| text[s] != '（')
        .map(|&s| text[s..suffix_at].iter().collect::<String>())
        .filter(|prefix| prefix.chars().count() >= 2)
        .map(|prefix| strip_leading_verb(&prefix).to_string())
        .filter(|prefix| prefix.chars().count() >= 2)
        .collect();
    // 唯一的国家级高新区: a kind of park, not one.
    let longest = candidates.last()?;
    if GENERIC_PREFIXES
        .iter()
        .any(|g| g.chars().count() >= 2 && longest.ends_with(g))
    {
        return None;
    }
    let candidates: Vec<String> = candidates
        .into_iter()
        .filter(|p| !GENERIC_PREFIXES.contains(&p.as_str()))
        .collect();
    let shortest = candidates.first()?;
    let base = count(whole, &format!("{shortest}{suffix}"));
    // The longest form that still recurs at least half as often as the shortest.
    let prefix = candidates
        .iter()
        .rev()
        .find(|p| 2 * count(whole, &format!("{p}{suffix}")) >= base)
        .unwrap_or(shortest);
    let name = format!("{prefix}{suffix}");
    Some(Mention {
        at: suffix_at - prefix.chars().count(),
        name,
    })
}

fn strip_leading_verb(prefix: &str) -> &str {
    // The verb may stand anywhere before the name proper: cut after the last one.
    let mut rest = prefix;
    for verb in LEADING_VERBS {
        if let Some(pos) = rest.rfind(verb) {
            rest = &rest[pos + verb.len()..];
        }
    }
    rest
}

fn count(haystack: &str, needle: &str) -> usize {
    if needle.is_empty() {
        0
    } else {
        haystack.matches(needle).count()
    }
}

/// First registry form (or detected name) in `text`, as (position, canonical name).
fn first_in(text: &str, whole: &str, registry: &ParkRegistry) -> Option<(usize, String)> {
    let chars: Vec<char> = text.chars().collect();
    let mut best: Option<(usize, String)> = None;
    let mut consider = |at: usize, name: String| {
        if best.as_ref().is_none_or(|(b, _)| at < *b) {
            best = Some((at, name));
        }
    };
    for park in &registry.parks {
        for form in park.forms() {
            let form = normalize(form);
            if let Some(byte) = text.find(&form) {
                consider(text[..byte].chars().count(), park.name.clone());
            }
        }
    }
    for m in find_mentions(&chars, whole, 1) {
        consider(m.at, m.name);
    }
    best
}

/// The park an article is about: the first one named in its title (then
/// subtitle), else in its lead paragraph; registry names win, and a short form
/// gives way to a full form of the same park named elsewhere in the article.
pub fn detect_park(
    title: &str,
    subtitle: Option<&str>,
    lead: &str,
    body: &str,
    registry: &ParkRegistry,
) -> Option<String> {
    // Bounded inputs keep detection fast on any page, however long or odd.
    let all = format!("{title}\n{}\n{lead}\n{body}", subtitle.unwrap_or(""));
    let whole = normalize(prefix_chars(&all, MAX_SCANNED_CHARS));
    let found = [title, subtitle.unwrap_or(""), lead]
        .iter()
        .find_map(|t| {
            first_in(
                &normalize(prefix_chars(t, MAX_LEAD_CHARS)),
                &whole,
                registry,
            )
        })?
        .1;
    if let Some(park) = registry.lookup(&found) {
        return Some(park.name.clone());
    }
    // Prefer the fullest form of the same park the article uses.
    let chars: Vec<char> = whole.chars().collect();
    let fullest = find_mentions(&chars, &whole, MAX_MENTIONS)
        .into_iter()
        .map(|m| m.name)
        .filter(|n| same_park(n, &found))
        .max_by_key(|n| n.chars().count())
        .unwrap_or(found);
    Some(fullest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn empty() -> ParkRegistry {
        ParkRegistry::default()
    }

    #[test]
    fn builtin_registry_parses() {
        let reg = ParkRegistry::from_toml(BUILTIN_REGISTRY).expect("data/parks.toml");
        assert!(reg.parks.len() >= 5);
        assert_eq!(
            reg.lookup("贵阳综保区").map(|p| p.name.as_str()),
            Some("贵阳综合保税区")
        );
        assert_eq!(
            reg.lookup("沈抚示范区").map(|p| p.name.as_str()),
            Some("沈抚改革创新示范区")
        );
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
    fn finds_park_in_title_without_registry() {
        let p = detect_park(
            "宁德高新区打造锂电产业集群",
            None,
            "近日，记者走进宁德高新区。",
            "",
            &empty(),
        );
        assert_eq!(p.as_deref(), Some("宁德高新区"));
    }

    #[test]
    fn stops_at_province_and_function_words() {
        let p = detect_park(
            "智能制造基地启用",
            None,
            "记者8月2日获悉，该基地日前在湖南省株洲经济技术开发区正式启用。",
            "",
            &empty(),
        );
        assert_eq!(p.as_deref(), Some("株洲经济技术开发区"));
    }

    #[test]
    fn leading_verb_is_not_part_of_the_name() {
        let body = "长江示范区相关负责人介绍，长江示范区将加快发展。长江示范区…";
        let p = detect_park(
            "氢能中试平台落地长江示范区",
            None,
            "平台日前落地长江示范区。",
            body,
            &empty(),
        );
        assert_eq!(p.as_deref(), Some("长江示范区"));
    }

    #[test]
    fn short_form_in_title_takes_full_form_from_lead() {
        let p = detect_park(
            "芜湖综保区跨境电商提速",
            None,
            "今年以来，安徽省芜湖综合保税区跨境电商业务快速增长。",
            "",
            &empty(),
        );
        assert_eq!(p.as_deref(), Some("芜湖综合保税区"));
    }

    #[test]
    fn bracketed_place_stays_in_the_name() {
        let p = detect_park(
            "暖城包头(北京)人才科创中心开园",
            None,
            "暖城包头（北京）人才科创中心日前开园。",
            "暖城包头（北京）人才科创中心是……",
            &empty(),
        );
        assert_eq!(p.as_deref(), Some("暖城包头（北京）人才科创中心"));
    }

    #[test]
    fn registry_name_wins() {
        let p = detect_park(
            "西安高新技术产业开发区新政出台",
            None,
            "",
            "",
            ParkRegistry::builtin(),
        );
        assert_eq!(p.as_deref(), Some("西安高新区"));
    }

    #[test]
    fn generic_kinds_are_not_parks() {
        let p = detect_park(
            "创新成果丰硕",
            None,
            "这里是国家级高新区和自主创新示范区。",
            "",
            &empty(),
        );
        assert_eq!(p, None);
    }
}
