//! Article ids: short, stable (a hash of the headline), unique in a collection.

use std::collections::{HashMap, HashSet};

use super::article::Article;

/// FNV-1a: tiny, stable across platforms and releases, unlike `DefaultHasher`.
fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Letters that cannot be misread for each other (no 0/o, 1/l/i).
const ALPHABET: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyz";

/// Six characters from the title and subtitle.
pub fn article_id(title: &str, subtitle: Option<&str>) -> String {
    let mut key = title.to_string();
    if let Some(s) = subtitle {
        key.push('\u{1f}');
        key.push_str(s);
    }
    let mut hash = fnv1a64(key.as_bytes());
    let base = ALPHABET.len() as u64;
    (0..6)
        .map(|_| {
            let c = ALPHABET[(hash % base) as usize] as char;
            hash /= base;
            c
        })
        .collect()
}

/// Give every article without an id one, and make all ids unique (-2, -3 …).
pub fn assign_unique_ids(articles: &mut [Article]) {
    let mut seen = HashSet::new();
    // Next suffix to try per id, so a thousand copies of one headline stay linear.
    let mut next_suffix: HashMap<String, usize> = HashMap::new();
    for article in articles.iter_mut() {
        if article.id.trim().is_empty() {
            article.id = article_id(&article.title, article.subtitle.as_deref());
        }
        if seen.insert(article.id.clone()) {
            continue;
        }
        let base = article.id.clone();
        let n = next_suffix.entry(base.clone()).or_insert(2);
        loop {
            let candidate = format!("{base}-{n}");
            *n += 1;
            if seen.insert(candidate.clone()) {
                article.id = candidate;
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_short() {
        let a = article_id("赣州高新区打造稀土新材料高地", Some("产业“聚链成群”"));
        assert_eq!(
            a,
            article_id("赣州高新区打造稀土新材料高地", Some("产业“聚链成群”"))
        );
        assert_eq!(a.len(), 6);
        assert_ne!(a, article_id("赣州高新区打造稀土新材料高地", None));
    }

    #[test]
    fn duplicates_get_suffixes() {
        let mut list = vec![
            Article::new("", "同题"),
            Article::new("", "同题"),
            Article::new("", "同题"),
        ];
        assign_unique_ids(&mut list);
        let base = article_id("同题", None);
        let ids: Vec<&str> = list.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(
            ids,
            [base.clone(), format!("{base}-2"), format!("{base}-3")]
        );
    }
}
