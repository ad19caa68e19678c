//! Finding a park by what one types: a Chinese substring (赣州), full pinyin (ganzhou),
//! initials (gz), or any mix (gzgx, ganzx, 赣zhou).
//!
//! Each character of a name may be typed as itself or as any prefix of any of its
//! readings (the `pinyin` crate's heteronym table), so a polyphone matches under every
//! reading: 长沙 answers both cs and zs, 重庆 cq and zq. The query must match a run of
//! consecutive characters of the name. Results rank by how many characters matched only
//! through an unusual reading (the usual one being the place-name reading from
//! [`PLACE_READINGS`], else the crate's first), then by where the match starts (a prefix
//! first), then by the shorter name, then by the parks' own order.

use pinyin::ToPinyinMulti;

use crate::core::fold::fold_char;

/// Readings of polyphones as place names say them, where the first reading of the
/// character table is not the one (长子 is zhǎngzǐ, so no single rule fixes 长).
/// Each entry: the characters and their readings, one per character.
pub const PLACE_READINGS: &[(&str, &[&str])] = &[
    ("重庆", &["chong", "qing"]),
    ("长沙", &["chang", "sha"]),
    ("长春", &["chang", "chun"]),
    ("长治", &["chang", "zhi"]),
    ("长兴", &["chang", "xing"]),
    ("长安", &["chang", "an"]),
    ("长乐", &["chang", "le"]),
    ("长子", &["zhang", "zi"]),
    ("厦门", &["xia", "men"]),
    ("蚌埠", &["beng", "bu"]),
    ("六安", &["lu", "an"]),
    ("六合", &["lu", "he"]),
    ("丽水", &["li", "shui"]),
    ("乐清", &["yue", "qing"]),
    ("乐山", &["le", "shan"]),
    ("乐亭", &["lao", "ting"]),
    ("东莞", &["dong", "guan"]),
    ("番禺", &["pan", "yu"]),
    ("台州", &["tai", "zhou"]),
    ("天台", &["tian", "tai"]),
    ("铅山", &["yan", "shan"]),
    ("蔚县", &["yu", "xian"]),
    ("莘县", &["shen", "xian"]),
    ("单县", &["shan", "xian"]),
    ("洪洞", &["hong", "tong"]),
    ("句容", &["ju", "rong"]),
    ("泌阳", &["bi", "yang"]),
    ("荥阳", &["xing", "yang"]),
    ("枞阳", &["zong", "yang"]),
    ("都江堰", &["du", "jiang", "yan"]),
    ("成都", &["cheng", "du"]),
    ("宿迁", &["su", "qian"]),
    ("宿州", &["su", "zhou"]),
    ("亳州", &["bo", "zhou"]),
    ("西藏", &["xi", "zang"]),
    ("朝阳", &["chao", "yang"]),
    ("阆中", &["lang", "zhong"]),
    ("中山", &["zhong", "shan"]),
    ("什邡", &["shi", "fang"]),
    ("犍为", &["qian", "wei"]),
    ("浚县", &["xun", "xian"]),
    ("渑池", &["mian", "chi"]),
    ("济南", &["ji", "nan"]),
    ("济宁", &["ji", "ning"]),
    ("大足", &["da", "zu"]),
    ("华阴", &["hua", "yin"]),
    ("茌平", &["chi", "ping"]),
];

/// One character of a name: itself, folded, and its readings with the usual one first.
#[derive(Debug, Clone)]
struct NameChar {
    ch: char,
    readings: Vec<Vec<u8>>,
}

/// The park names, prepared once for matching.
#[derive(Debug, Clone, Default)]
pub struct ParkFinder {
    names: Vec<Vec<NameChar>>,
}

/// How well a name matched: lower is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Score {
    /// Characters matched only through a reading other than the usual one.
    pub unusual: usize,
    /// Char index in the name where the match starts.
    pub start: usize,
    /// The name's length in chars.
    pub length: usize,
}

/// The readings of `c`, usual first, as lowercase ASCII (ü as v, and as u after it).
fn readings_of(c: char) -> Vec<Vec<u8>> {
    let Some(multi) = c.to_pinyin_multi() else {
        return Vec::new();
    };
    let mut readings: Vec<Vec<u8>> = Vec::new();
    for reading in multi {
        let plain = reading.plain();
        for spelling in [plain.replace('ü', "v"), plain.replace('ü', "u")] {
            let bytes = spelling.into_bytes();
            if bytes.is_ascii() && !readings.contains(&bytes) {
                readings.push(bytes);
            }
        }
    }
    readings
}

/// A key that orders park names as a Chinese index does: by each character's usual
/// reading (the place-name one where it differs, 长沙 before 常州 as chang·sha before
/// chang·zhou), a character with no reading by itself, and the name last for ties.
pub fn pinyin_order_key(name: &str) -> (Vec<Vec<u8>>, String) {
    let readings = prepare(name)
        .into_iter()
        .map(|c| {
            c.readings
                .into_iter()
                .next()
                .unwrap_or_else(|| c.ch.to_string().into_bytes())
        })
        .collect();
    (readings, name.to_string())
}

fn prepare(name: &str) -> Vec<NameChar> {
    let chars: Vec<char> = name.chars().collect();
    let mut prepared: Vec<NameChar> = chars
        .iter()
        .map(|&c| NameChar {
            ch: fold_char(c),
            readings: readings_of(c),
        })
        .collect();
    for (phrase, readings) in PLACE_READINGS {
        let phrase: Vec<char> = phrase.chars().collect();
        for at in 0..chars.len() {
            if !chars[at..].starts_with(&phrase) {
                continue;
            }
            for (offset, reading) in readings.iter().enumerate() {
                let list = &mut prepared[at + offset].readings;
                let reading = reading.as_bytes().to_vec();
                list.retain(|r| *r != reading);
                list.insert(0, reading);
            }
        }
    }
    prepared
}

/// The query as matched: folded as search folds, without spaces and apostrophes
/// (gan zhou, xi'an).
fn prepare_query(query: &str) -> Vec<char> {
    query
        .chars()
        .map(fold_char)
        .filter(|c| !c.is_whitespace() && *c != '\'')
        .collect()
}

/// The best match of `query` in `name`, if it matches.
fn best_match(name: &[NameChar], query: &[char]) -> Option<Score> {
    let m = query.len();
    if m == 0 {
        return None;
    }
    let mut best: Option<Score> = None;
    // cost[j]: the fewest unusual readings with which name[start..i] spells query[..j].
    let mut cost: Vec<Option<usize>> = vec![None; m + 1];
    let mut next: Vec<Option<usize>> = vec![None; m + 1];
    for start in 0..name.len() {
        cost.fill(None);
        cost[0] = Some(0);
        for c in &name[start..] {
            next.fill(None);
            let mut any = false;
            for j in 0..m {
                let Some(so_far) = cost[j] else { continue };
                let mut reach = |to: usize, extra: usize| {
                    let total = so_far + extra;
                    if next[to].is_none_or(|t| total < t) {
                        next[to] = Some(total);
                    }
                };
                if query[j] == c.ch {
                    reach(j + 1, 0);
                    any = true;
                }
                for (k, reading) in c.readings.iter().enumerate() {
                    // Any prefix of the reading: its initial, the whole, or as far as typed.
                    for (len, &letter) in reading.iter().enumerate() {
                        if j + len >= m || query[j + len] != char::from(letter) {
                            break;
                        }
                        reach(j + len + 1, usize::from(k > 0));
                        any = true;
                    }
                }
            }
            if let Some(unusual) = next[m] {
                let score = Score {
                    unusual,
                    start,
                    length: name.len(),
                };
                if best.is_none_or(|b| score < b) {
                    best = Some(score);
                }
            }
            if !any {
                break;
            }
            std::mem::swap(&mut cost, &mut next);
        }
        // A later start can only rank lower, unless this one needed unusual readings.
        if best.is_some_and(|b| b.unusual == 0) {
            break;
        }
    }
    best
}

impl ParkFinder {
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> ParkFinder {
        ParkFinder {
            names: names.into_iter().map(prepare).collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// How name `index` matches `query`, if it does.
    pub fn score(&self, index: usize, query: &str) -> Option<Score> {
        best_match(self.names.get(index)?, &prepare_query(query))
    }

    /// The indexes of the names that match `query`, best first. An empty query
    /// matches every name, in order.
    pub fn find(&self, query: &str) -> Vec<usize> {
        let query = prepare_query(query);
        if query.is_empty() {
            return (0..self.names.len()).collect();
        }
        let mut found: Vec<(Score, usize)> = self
            .names
            .iter()
            .enumerate()
            .filter_map(|(i, name)| Some((best_match(name, &query)?, i)))
            .collect();
        found.sort_unstable();
        found.into_iter().map(|(_, i)| i).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_order_by_their_usual_reading() {
        let mut names = vec![
            "重庆两江新区",
            "西安高新区",
            "厦门火炬高新区",
            "常州高新区",
            "成都高新区",
            "长沙经开区",
            "A区",
        ];
        names.sort_by_key(|n| pinyin_order_key(n));
        // a; chang·sha (长 read as in 长沙) before chang·zhou; cheng; chong; xi before xia.
        assert_eq!(
            names,
            [
                "A区",
                "长沙经开区",
                "常州高新区",
                "成都高新区",
                "重庆两江新区",
                "西安高新区",
                "厦门火炬高新区"
            ]
        );
    }

    fn finder(names: &[&str]) -> ParkFinder {
        ParkFinder::new(names.iter().copied())
    }

    fn finds(names: &[&str], query: &str) -> Vec<String> {
        let f = finder(names);
        f.find(query)
            .into_iter()
            .map(|i| names[i].to_string())
            .collect()
    }

    #[test]
    fn chinese_substring_full_pinyin_initials_and_mixed() {
        let names = ["西安高新区", "赣州高新区", "大同经济技术开发区"];
        for query in [
            "赣州", "ganzhou", "gz", "gzgx", "ganzg", "赣zhou", "GZ", "gan zhou",
        ] {
            assert_eq!(finds(&names, query), ["赣州高新区"], "{query}");
        }
        // Both 高新区 parks, the earlier-listed first at equal scores.
        assert_eq!(finds(&names, "gxq"), ["西安高新区", "赣州高新区"]);
        assert_eq!(finds(&names, "xi'an"), ["西安高新区"]);
        assert!(finds(&names, "gzz").is_empty());
        assert!(finds(&names, "深圳").is_empty());
    }

    #[test]
    fn every_reading_of_a_polyphone_matches() {
        let names = [
            "长沙经济技术开发区",
            "重庆两江新区",
            "厦门火炬高新区",
            "蚌埠高新区",
        ];
        for (query, park) in [
            ("cs", "长沙经济技术开发区"),
            ("zs", "长沙经济技术开发区"),
            ("changsha", "长沙经济技术开发区"),
            ("zhangsha", "长沙经济技术开发区"),
            ("cq", "重庆两江新区"),
            ("zq", "重庆两江新区"),
            ("chongqing", "重庆两江新区"),
            ("xm", "厦门火炬高新区"),
            ("xiamen", "厦门火炬高新区"),
            ("shamen", "厦门火炬高新区"),
            ("bb", "蚌埠高新区"),
            ("bengbu", "蚌埠高新区"),
            ("bangbu", "蚌埠高新区"),
        ] {
            assert_eq!(finds(&names, query), [park], "{query}");
        }
    }

    #[test]
    fn the_usual_place_reading_ranks_first() {
        // zs: 中山 by its usual reading, 长沙 only by zhǎng.
        let names = ["长沙高新区", "中山火炬开发区"];
        assert_eq!(finds(&names, "zs"), ["中山火炬开发区", "长沙高新区"]);
        let f = finder(&names);
        assert_eq!(f.score(0, "cs").map(|s| s.unusual), Some(0));
        assert_eq!(f.score(0, "zs").map(|s| s.unusual), Some(1));
        // 长子县 is zhǎngzǐ: there zz is the usual reading and cz the unusual one.
        let names = ["长子县工业园区"];
        let f = finder(&names);
        assert_eq!(f.score(0, "zz").map(|s| s.unusual), Some(0));
        assert_eq!(f.score(0, "cz").map(|s| s.unusual), Some(1));
        // 重庆 is chóngqìng, not zhòngqìng.
        let f = finder(&["重庆经开区"]);
        assert_eq!(f.score(0, "cq").map(|s| s.unusual), Some(0));
        assert_eq!(f.score(0, "zq").map(|s| s.unusual), Some(1));
    }

    #[test]
    fn a_prefix_ranks_before_a_match_inside() {
        let names = ["江西赣州经开区", "赣州高新区"];
        assert_eq!(finds(&names, "gz"), ["赣州高新区", "江西赣州经开区"]);
    }

    #[test]
    fn an_empty_query_keeps_every_park_in_order() {
        let names = ["甲", "乙", "丙"];
        assert_eq!(finder(&names).find(" "), [0, 1, 2]);
    }

    #[test]
    fn latin_and_digits_in_names_match_as_typed() {
        let names = ["中关村Z3园区", "苏州工业园区"];
        assert_eq!(finds(&names, "z3"), ["中关村Z3园区"]);
        assert_eq!(finds(&names, "ｚ３"), ["中关村Z3园区"]);
    }
}
