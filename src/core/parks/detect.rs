//! Finding the park an article is about, from its title, subtitle and lead.

use std::cell::RefCell;
use std::sync::OnceLock;

use memchr::memmem;

use super::names::{
    ends_name, ends_region, normalize, normalize_cow, split_suffix, starts_suffix, suffix_at,
    word_starts, GENERIC_PREFIXES, LEADING_VERBS, PROVINCES, SUFFIXES,
};
use super::registry::ParkRegistry;
use crate::core::article::{Article, BlockKind};

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
        // 广西壮族自治区南宁经开区: the region is where the park is, not its name.
        if ends_name(c) || (i >= 2 && is_leading_verb(&text[i - 2..i])) || ends_region(&text[..i]) {
            break;
        }
        i -= 1;
        plain += 1;
        if plain >= 2 && text[i] != '（' {
            starts.push(i);
        }
    }
    // Stopped by the length limit inside a run of name characters: the farthest
    // starts may cut a word (疆维吾尔… of 新疆维吾尔…), so only word starts stay.
    let cut_short = plain >= MAX_PREFIX_CHARS && i > 0 && !ends_name(text[i - 1]);
    if cut_short {
        let words = word_starts(text, i, suffix_start);
        starts.retain(|s| words.contains(s));
    }
    // Prefixes are compared as chars where they stand: no string made for each start.
    let prefix = |s: usize| &text[s..suffix_start];
    let generic = generic_prefixes();
    // 唯一的国家级高新区: a kind of park, not one.
    let longest = prefix(*starts.last()?);
    if generic.iter().any(|g| g.len() >= 2 && longest.ends_with(g)) {
        return None;
    }
    starts.retain(|&s| !generic.iter().any(|g| prefix(s) == g.as_slice()));
    let shortest_start = *starts.first()?;
    // The name is its prefix and the suffix, which stands right after it.
    let name_end = suffix_start + suffix.len();
    let name = |s: usize| -> String { text[s..name_end].iter().collect() };
    let shortest = name(shortest_start);
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
    Some((start, name(start)))
}

/// `GENERIC_PREFIXES` as chars, made once.
fn generic_prefixes() -> &'static [Vec<char>] {
    static CHARS: OnceLock<Vec<Vec<char>>> = OnceLock::new();
    CHARS.get_or_init(|| {
        GENERIC_PREFIXES
            .iter()
            .map(|g| g.chars().collect())
            .collect()
    })
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
    let mut best_chars = best.chars().count();
    let prefix_chars = prefix.chars().count();
    // The endings of the found name's kind, longest first as in SUFFIXES.
    let endings: Vec<&str> = SUFFIXES
        .iter()
        .filter(|(_, cl)| *cl == class)
        .map(|(s, _)| *s)
        .collect();
    for at in memmem::find_iter(whole.as_bytes(), prefix.as_bytes()) {
        let after = &whole[at + prefix.len()..];
        // `n` chars stand in `after[..j]`.
        for (n, (j, c)) in after.char_indices().enumerate() {
            let same_kind = starts_suffix(c)
                .then(|| endings.iter().find(|s| after[j..].starts_with(**s)))
                .flatten();
            if let Some(s) = same_kind {
                let form_chars = prefix_chars + n + s.chars().count();
                if form_chars > best_chars {
                    best = format!("{prefix}{}{s}", &after[..j]);
                    best_chars = form_chars;
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
    thread_local! {
        /// The buffer for the article's searched texts, kept between articles:
        /// one allocation per thread, not one of several kilobytes per article.
        static WHOLE: RefCell<String> = const { RefCell::new(String::new()) };
    }
    WHOLE.with(|whole| match whole.try_borrow_mut() {
        Ok(mut whole) => detect_park_in(title, subtitle, lead, body, registry, &mut whole),
        Err(_) => detect_park_in(title, subtitle, lead, body, registry, &mut String::new()),
    })
}

fn detect_park_in(
    title: &str,
    subtitle: Option<&str>,
    lead: &str,
    body: &[&str],
    registry: &ParkRegistry,
    whole: &mut String,
) -> Option<String> {
    // The texts searched for recurring forms: bounded, so detection stays fast on
    // any article, and normalised only where they hold ASCII brackets.
    whole.clear();
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
        let detected = first_mention(&chars, whole);
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
    Some(fullest_form(&found, whole))
}

/// The province-level region named right before `name` in one of `texts`
/// (湖南省株洲经开区, 广西壮族自治区南宁经开区), in the registry's full form.
pub fn province_before(name: &str, texts: &[&str]) -> Option<&'static str> {
    if name.is_empty() {
        return None;
    }
    texts.iter().find_map(|text| {
        memmem::find_iter(text.as_bytes(), name.as_bytes()).find_map(|at| {
            let before = &text[..at];
            PROVINCES.iter().copied().find(|p| before.ends_with(p))
        })
    })
}

/// The province named right before `park` in the article's title, subtitle or lead.
/// An article whose body was let go answers from its summary, for its own park.
pub fn province_in(article: &Article, park: &str) -> Option<&'static str> {
    if let Some(summary) = article.body_summary {
        return summary.province;
    }
    let lead = article
        .blocks_of(BlockKind::Paragraph)
        .next()
        .map_or("", |b| b.text.as_str());
    let texts = [
        article.title.as_str(),
        article.subtitle.as_deref().unwrap_or(""),
        lead,
    ];
    province_before(park, &texts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn empty() -> ParkRegistry {
        ParkRegistry::default()
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
    fn a_province_or_region_is_not_part_of_the_name() {
        let table = [
            (
                "广西壮族自治区南宁经济技术开发区日前举行签约仪式。",
                "南宁经济技术开发区",
            ),
            (
                "新疆维吾尔自治区石河子经济技术开发区新增企业百余家。",
                "石河子经济技术开发区",
            ),
            (
                "记者从宁夏回族自治区银川经济技术开发区获悉，项目已投产。",
                "银川经济技术开发区",
            ),
            ("内蒙古自治区鄂尔多斯高新区推出十条新政。", "鄂尔多斯高新区"),
            ("项目落户湖南省株洲高新区。", "株洲高新区"),
        ];
        for (lead, want) in table {
            let p = detect_park("园区动态", None, lead, &[], &empty());
            assert_eq!(p.as_deref(), Some(want), "{lead}");
            assert!(province_before(want, &[lead]).is_some(), "{lead}");
        }
        assert_eq!(
            province_before("南宁经济技术开发区", &[table[0].0]),
            Some("广西壮族自治区")
        );
        assert_eq!(
            province_before("株洲高新区", &["株洲高新区再添新项目"]),
            None
        );
    }

    #[test]
    fn a_long_name_is_never_cut_inside_a_word() {
        // Fourteen characters before 示范区: more than a name's prefix may hold.
        let lead = "长江三角洲生态绿色一体化发展示范区日前发布新一批项目。";
        let p = detect_park("园区动态", None, lead, &[lead], &empty()).unwrap();
        assert!(p.ends_with("一体化发展示范区"), "{p}");
        assert!(!p.starts_with('洲') && !p.starts_with('角'), "{p}");
        assert!(lead.contains(&p));
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
