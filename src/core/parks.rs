//! Parks: the registry in `data/parks.toml`, and finding the park an article is about.

use std::borrow::Cow;

use memchr::memmem;
use std::collections::HashMap;
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
struct RegistryFile {
    #[serde(default, rename = "park")]
    parks: Vec<Park>,
}

#[derive(Debug, Clone, Default)]
pub struct ParkRegistry {
    pub parks: Vec<Park>,
    /// Every name and alias, normalised, with the index of its park.
    forms: Vec<(String, usize)>,
    /// Indexes into `forms` by their first char, for one-pass search.
    by_first_char: HashMap<char, Vec<usize>>,
    /// Each form split into place prefix and kind of park, for short/full matching.
    form_kinds: Vec<Option<(String, &'static str)>>,
}

const BUILTIN_REGISTRY: &str = include_str!("../../data/parks.toml");

impl ParkRegistry {
    pub fn from_toml(text: &str) -> Result<ParkRegistry, toml::de::Error> {
        let file: RegistryFile = toml::from_str(text)?;
        Ok(ParkRegistry::new(file.parks))
    }

    pub fn new(parks: Vec<Park>) -> ParkRegistry {
        let forms = parks
            .iter()
            .enumerate()
            .flat_map(|(i, p)| p.forms().map(move |f| (normalize(f), i)))
            .filter(|(f, _)| !f.is_empty())
            .collect();
        let forms: Vec<(String, usize)> = forms;
        let mut by_first_char: HashMap<char, Vec<usize>> = HashMap::new();
        for (k, (form, _)) in forms.iter().enumerate() {
            if let Some(c) = form.chars().next() {
                by_first_char.entry(c).or_default().push(k);
            }
        }
        let form_kinds = forms
            .iter()
            .map(|(f, _)| split_suffix(f).map(|(p, c)| (p.to_string(), c)))
            .collect();
        ParkRegistry {
            parks,
            forms,
            by_first_char,
            form_kinds,
        }
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
        if let Some(&(_, i)) = self.forms.iter().find(|(f, _)| *f == name) {
            return Some(&self.parks[i]);
        }
        // Short and full forms: only forms of the same kind of park can match.
        let key = split_suffix(&name).map(|(p, c)| (p.to_string(), c))?;
        self.forms
            .iter()
            .zip(&self.form_kinds)
            .find(|(_, kind)| kind.as_ref().is_some_and(|k| same_key(k, &key)))
            .map(|(&(_, i), _)| &self.parks[i])
    }

    /// The earliest registry form in `text` (normalised): (char position, canonical name).
    /// One pass over the text, trying only the forms that start with each char.
    fn first_form_in(&self, text: &str) -> Option<(usize, &str)> {
        for (pos, (at, c)) in text.char_indices().enumerate() {
            let Some(candidates) = self.by_first_char.get(&c) else {
                continue;
            };
            let rest = &text[at..];
            let hit = candidates
                .iter()
                .map(|&k| &self.forms[k])
                .filter(|(f, _)| rest.starts_with(f.as_str()))
                .max_by_key(|(f, _)| f.len());
            if let Some(&(_, i)) = hit {
                return Some((pos, self.parks[i].name.as_str()));
            }
        }
        None
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
    !(c.is_alphanumeric() || matches!(c, '（' | '）'))
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
const LEADING_VERBS: &[&str] = &[
    "落地", "落户", "走进", "位于", "入驻", "来到", "地处", "举办", "举行", "支持", "助力", "推动",
    "携手", "联合", "签约", "建设", "打造", "成立", "揭牌", "启动", "进驻", "扎根", "服务",
];

/// Longest prefix of a park name, in chars, not counting a bracketed part.
const MAX_PREFIX_CHARS: usize = 10;

/// How much of an article park detection reads for recurring and fuller forms:
/// the opening few thousand characters, where a report names its park in full
/// and repeats it; reading further changes no choice but costs time on every page.
const MAX_SCANNED_BYTES: usize = 8 * 1024;
const MAX_LEAD_CHARS: usize = 2_000;

fn prefix_chars(s: &str, n: usize) -> &str {
    if s.len() <= n {
        return s;
    }
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

fn normalize_cow(text: &str) -> Cow<'_, str> {
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
fn split_suffix(name: &str) -> Option<(&str, &'static str)> {
    SUFFIXES
        .iter()
        .find(|(s, _)| name.ends_with(s) && name.len() > s.len())
        .map(|(s, class)| (&name[..name.len() - s.len()], *class))
}

/// True when `a` and `b` are short and full forms of one park: same kind of park,
/// and one place prefix starts the other (沈抚示范区 / 沈抚改革创新示范区).
pub fn same_park(a: &str, b: &str) -> bool {
    same_park_normalized(&normalize(a), &normalize(b))
}

/// A park name as (place prefix, kind of park), for comparing short and full forms
/// without normalising again; None when the name does not end like a park.
pub fn park_key(name: &str) -> Option<(String, &'static str)> {
    let name = normalize(name);
    split_suffix(&name).map(|(p, c)| (p.to_string(), c))
}

/// Do two park keys name one park?
pub fn same_key(a: &(String, &'static str), b: &(String, &'static str)) -> bool {
    a.1 == b.1 && (a.0.starts_with(b.0.as_str()) || b.0.starts_with(a.0.as_str()))
}

fn same_park_normalized(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    match (split_suffix(a), split_suffix(b)) {
        (Some((pa, ca)), Some((pb, cb))) => ca == cb && (pa.starts_with(pb) || pb.starts_with(pa)),
        _ => false,
    }
}

/// Cheap first test: can a park suffix start with `c`? (Every suffix starts with one of these.)
fn starts_suffix(c: char) -> bool {
    matches!(
        c,
        '高' | '新' | '经' | '综' | '保' | '自' | '示' | '开' | '工' | '产' | '科'
    )
}

/// The suffix (as chars) starting at `at`, longest first where one ends another.
fn suffix_at(text: &[char], at: usize) -> Option<&'static [char]> {
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

/// The first park name in `text` (normalised, as chars), its extent chosen by how
/// often each longer form recurs in the article's texts: (char position, name).
fn first_mention(text: &[char], whole: &str) -> Option<(usize, String)> {
    let mut at = 0;
    while at < text.len() {
        match suffix_at(text, at) {
            Some(suffix) => {
                if let Some(found) = mention_before(text, at, suffix, whole) {
                    return Some(found);
                }
                at += suffix.len();
            }
            None => at += 1,
        }
    }
    None
}

/// The park name whose suffix starts at `suffix_at`, if the words before it name one.
fn mention_before(
    text: &[char],
    suffix_start: usize,
    suffix: &[char],
    whole: &str,
) -> Option<(usize, String)> {
    // Possible starts, nearest first: one per prefix char, a bracketed group taken whole.
    let mut starts = Vec::new();
    let mut i = suffix_start;
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
        if ends_name(c) || (i >= 2 && is_leading_verb(&text[i - 2..i])) {
            break;
        }
        i -= 1;
        plain += 1;
        if plain >= 2 && text[i] != '（' {
            starts.push(i);
        }
    }
    let prefix = |s: usize| -> String { text[s..suffix_start].iter().collect() };
    // 唯一的国家级高新区: a kind of park, not one.
    let longest = prefix(*starts.last()?);
    if GENERIC_PREFIXES
        .iter()
        .any(|g| g.chars().count() >= 2 && longest.ends_with(g))
    {
        return None;
    }
    starts.retain(|&s| !GENERIC_PREFIXES.contains(&prefix(s).as_str()));
    let shortest_start = *starts.first()?;
    let suffix: String = suffix.iter().collect();
    let shortest = format!("{}{suffix}", prefix(shortest_start));
    // How far each recurrence of the shortest form matches the longer prefixes,
    // read backwards: one pass over the article.
    let extension: Vec<char> = text[*starts.last()?..shortest_start]
        .iter()
        .rev()
        .copied()
        .collect();
    let reach: Vec<usize> = memmem::find_iter(whole.as_bytes(), shortest.as_bytes())
        .map(|at| {
            whole[..at]
                .chars()
                .rev()
                .zip(&extension)
                .take_while(|(a, b)| a == *b)
                .count()
        })
        .collect();
    let count_reaching = |n: usize| reach.iter().filter(|&&r| r >= n).count();
    // The longest form that still recurs at least half as often as the shortest.
    let base = reach.len();
    let start = starts
        .iter()
        .rev()
        .find(|&&s| 2 * count_reaching(shortest_start - s) >= base)
        .copied()
        .unwrap_or(shortest_start);
    Some((start, format!("{}{suffix}", prefix(start))))
}

fn is_leading_verb(pair: &[char]) -> bool {
    LEADING_VERBS
        .iter()
        .any(|v| v.chars().eq(pair.iter().copied()))
}

/// The fullest form of `found` the article uses: 沈抚示范区 → 沈抚改革创新示范区.
fn fullest_form(found: &str, whole: &str) -> String {
    let Some((prefix, class)) = split_suffix(found) else {
        return found.to_string();
    };
    let mut best = found.to_string();
    if prefix.is_empty() {
        return best;
    }
    for at in memmem::find_iter(whole.as_bytes(), prefix.as_bytes()) {
        let after = &whole[at + prefix.len()..];
        for (n, (j, c)) in after.char_indices().enumerate() {
            let same_kind = SUFFIXES
                .iter()
                .filter(|_| starts_suffix(c))
                .find(|(s, cl)| *cl == class && after[j..].starts_with(s));
            if let Some((s, _)) = same_kind {
                let form = format!("{prefix}{}{s}", &after[..j]);
                if form.chars().count() > best.chars().count() {
                    best = form;
                }
                break;
            }
            if n >= MAX_PREFIX_CHARS || ends_name(c) {
                break;
            }
        }
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
    body: &[&str],
    registry: &ParkRegistry,
) -> Option<String> {
    // The texts searched for recurring forms: bounded, so detection stays fast on
    // any article, and normalised only where they hold ASCII brackets.
    let mut whole = String::with_capacity(
        MAX_SCANNED_BYTES
            .min(title.len() + lead.len() + body.iter().map(|b| b.len() + 1).sum::<usize>() + 64),
    );
    for piece in [title, subtitle.unwrap_or(""), lead]
        .into_iter()
        .chain(body.iter().copied())
    {
        if whole.len() >= MAX_SCANNED_BYTES {
            break;
        }
        whole.push_str(&normalize_cow(piece));
        whole.push('\n');
    }
    let found = [title, subtitle.unwrap_or(""), lead].iter().find_map(|t| {
        let text = normalize(prefix_chars(t, MAX_LEAD_CHARS));
        let chars: Vec<char> = text.chars().collect();
        let detected = first_mention(&chars, &whole);
        let registered = registry.first_form_in(&text);
        match (detected, registered) {
            (Some((d, _)), Some((r, name))) if r <= d => Some(name.to_string()),
            (None, Some((_, name))) => Some(name.to_string()),
            (detected, _) => detected.map(|(_, name)| name),
        }
    })?;
    if let Some(park) = registry.lookup(&found) {
        return Some(park.name.clone());
    }
    Some(fullest_form(&found, &whole))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn empty() -> ParkRegistry {
        ParkRegistry::default()
    }

    #[test]
    fn every_suffix_passes_the_first_char_test() {
        for (suffix, _) in SUFFIXES {
            assert!(starts_suffix(suffix.chars().next().unwrap()), "{suffix}");
        }
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
            &[],
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
            &[],
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
            &[body],
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
            &[],
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
            &["暖城包头（北京）人才科创中心是……"],
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
            &[],
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
            &[],
            &empty(),
        );
        assert_eq!(p, None);
    }
}
