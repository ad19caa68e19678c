//! Article ids: short, unique in a collection, and stable as the archive grows.
//!
//! An id is six characters hashed from the article's title, subtitle and date
//! (undated articles: title and subtitle only), so it depends on the article
//! alone: not on which files were loaded, in what order, or where they lie.
//! Articles that hash alike (the same headline on the same day) are ordered by
//! a hash of their text; the first keeps the id, the others get `-2`, `-3` ….

use std::collections::hash_map::Entry;

pub(crate) use crate::core::fast_hasher::fast_hash;
use crate::core::fast_hasher::{map_with_capacity, FastMap, FastSet};

use super::article::Article;
use super::dates::PageDate;

/// FNV-1a: tiny, stable across platforms and releases, unlike `DefaultHasher`.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a carried on from `hash` over `bytes`: pieces hashed in turn hash as
/// their concatenation does.
fn fnv1a64_on(mut hash: u64, bytes: &[u8]) -> u64 {
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
    dated_article_id(title, subtitle, None)
}

/// Six characters from the title, subtitle and date; without a date, as `article_id`.
pub fn dated_article_id(title: &str, subtitle: Option<&str>, date: Option<PageDate>) -> String {
    // The hash of title + U+001F + subtitle + U+001E + date, taken piece by piece.
    let mut hash = fnv1a64_on(FNV_OFFSET, title.as_bytes());
    if let Some(s) = subtitle {
        hash = fnv1a64_on(hash, &[0x1f]);
        hash = fnv1a64_on(hash, s.as_bytes());
    }
    if let Some(date) = date {
        hash = fnv1a64_on(hash, &[0x1e]);
        hash = fnv1a64_on(hash, date.text().as_str().as_bytes());
    }
    let base = ALPHABET.len() as u64;
    (0..6)
        .map(|_| {
            let c = ALPHABET[(hash % base) as usize] as char;
            hash /= base;
            c
        })
        .collect()
}

/// A hash of everything an article says, to order articles whose ids clash.
/// Not part of any id, so it may change between versions; it only has to be fast.
/// An article whose body was let go kept the hash it had.
pub(crate) fn content_hash(article: &Article) -> u64 {
    if let Some(summary) = article.body_summary {
        return summary.text_hash;
    }
    let mut hash = fast_hash(0, article.title.as_bytes());
    for block in &article.blocks {
        hash = fast_hash(hash, block.text.as_bytes());
    }
    fast_hash(hash, article.byline.raw.as_bytes())
}

/// What id assignment reads of an article, and sets: an `Article`, or the record
/// of one that a listing keeps (`core::listing_entry`), which must get the very ids
/// the article would.
pub(crate) trait Identified {
    fn id(&self) -> &str;
    fn set_id(&mut self, id: String);
    /// The id made from the article itself (`dated_article_id`).
    fn made_id(&self) -> String;
    /// `content_hash`: orders articles whose ids clash.
    fn text_hash(&self) -> u64;
    /// Where it came from: orders articles whose ids and text hashes are alike.
    fn source(&self) -> &str;
}

impl Identified for Article {
    fn id(&self) -> &str {
        &self.id
    }

    fn set_id(&mut self, id: String) {
        self.id = id;
    }

    fn made_id(&self) -> String {
        dated_article_id(&self.title, self.subtitle.as_deref(), self.date)
    }

    fn text_hash(&self) -> u64 {
        content_hash(self)
    }

    fn source(&self) -> &str {
        &self.source
    }
}

/// Give every article without an id one, and make all ids unique: of articles
/// with one id, the one whose text hashes lowest keeps it, the others get
/// `-2`, `-3` … in that order (ties, which are the same text twice, by source).
pub fn assign_unique_ids(articles: &mut [Article]) {
    assign_unique(articles);
}

/// `assign_unique_ids` over anything `Identified`.
pub(crate) fn assign_unique<T: Identified + Sync>(articles: &mut [T]) {
    for article in articles.iter_mut() {
        if article.id().trim().is_empty() {
            let id = article.made_id();
            article.set_id(id);
        }
    }
    let (clashes, dashed) = clashes_of(articles);
    if clashes.is_empty() {
        return;
    }
    let hashes = clash_hashes(articles, &clashes);
    let mut renamed = suffixed_ids(articles, clashes, &hashes, &dashed);
    // In the articles' order: a clash's members lie all over a large collection.
    renamed.sort_unstable_by_key(|(i, _)| *i);
    for (i, id) in renamed {
        articles[i].set_id(id);
    }
}

/// An id more than one article has, and its articles in order.
type Clash = (String, Vec<usize>);

/// The ids more than one article has, each with its articles in order, in id order
/// (so a suffix that meets another id is settled the same way each time); and
/// the ids with a `-` in them, the only ones a suffixed id can meet. Each
/// article's first holder is remembered by index: no list is made for the ids
/// that are unique, nearly all of them.
fn clashes_of<T: Identified>(articles: &[T]) -> (Vec<Clash>, FastSet<&str>) {
    let mut first_of: FastMap<&str, usize> = map_with_capacity(articles.len());
    let mut clashes: FastMap<&str, Vec<usize>> = FastMap::default();
    let mut dashed = FastSet::default();
    for (i, article) in articles.iter().enumerate() {
        if article.id().contains('-') {
            dashed.insert(article.id());
        }
        match first_of.entry(article.id()) {
            Entry::Vacant(first) => {
                first.insert(i);
            }
            Entry::Occupied(first) => clashes
                .entry(article.id())
                .or_insert_with(|| vec![*first.get()])
                .push(i),
        }
    }
    let mut clashes: Vec<(String, Vec<usize>)> = clashes
        .into_iter()
        .map(|(id, members)| (id.to_string(), members))
        .collect();
    clashes.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    (clashes, dashed)
}

/// The new ids of the clashing articles but the first of each: `-2`, `-3` … in
/// the order of their hashes, never an id any article had (of which `dashed` are
/// those that could be one of these). Two ids made here never meet: what follows the last `-` is the number, so `{a}-{n}` and
/// `{b}-{m}` are one id only when a = b and n = m, and each base's numbers only go up.
fn suffixed_ids<T: Identified>(
    articles: &[T],
    clashes: Vec<(String, Vec<usize>)>,
    hashes: &[u64],
    dashed: &FastSet<&str>,
) -> Vec<(usize, String)> {
    let mut renamed = Vec::new();
    let mut candidate = String::new();
    let mut hashes = hashes.iter();
    for (base, members) in clashes {
        // Each member's hash and source taken once, not at every comparison: in
        // an archive where thousands of undated headlines recur, hashes tie often.
        let mut keyed: Vec<(u64, &str, usize)> = members
            .into_iter()
            .map(|i| (hashes.next().copied().unwrap_or(0), articles[i].source(), i))
            .collect();
        // The index breaks every tie: unstable sorting orders them all the same.
        keyed.sort_unstable();
        let mut n = 2;
        for &(_, _, i) in &keyed[1..] {
            loop {
                candidate.clear();
                candidate.push_str(&base);
                candidate.push('-');
                candidate.push_str(itoa(n, &mut [0u8; 20]));
                n += 1;
                if dashed.is_empty() || !dashed.contains(candidate.as_str()) {
                    break;
                }
            }
            renamed.push((i, candidate.clone()));
        }
    }
    renamed
}

/// `n` in decimal, written into `buf`: no string made for each candidate, of
/// which an archive where thousands of headlines recur tries as many.
fn itoa(mut n: usize, buf: &mut [u8; 20]) -> &str {
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    std::str::from_utf8(&buf[at..]).unwrap_or_default()
}

/// Clashing articles with fewer than this many members are hashed on the
/// calling thread: starting threads would cost more than it saves.
const PARALLEL_HASHING_FROM: usize = 512;

/// The content hash of every article in a clash, the clashes' members one after
/// another: on all cores when there are many (an archive where many headlines
/// recur hashes most of its text).
fn clash_hashes<T: Identified + Sync>(
    articles: &[T],
    clashes: &[(String, Vec<usize>)],
) -> Vec<u64> {
    let members: Vec<usize> = clashes
        .iter()
        .flat_map(|(_, m)| m.iter().copied())
        .collect();
    let threads = crate::core::workers::cores();
    if threads <= 1 || members.len() < PARALLEL_HASHING_FROM {
        return members.iter().map(|&i| articles[i].text_hash()).collect();
    }
    let chunk = members.len().div_ceil(threads);
    let mut hashes = vec![0u64; members.len()];
    std::thread::scope(|scope| {
        for (indexes, out) in members.chunks(chunk).zip(hashes.chunks_mut(chunk)) {
            scope.spawn(move || {
                for (&i, hash) in indexes.iter().zip(out) {
                    *hash = articles[i].text_hash();
                }
            });
        }
    });
    hashes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::article::{Block, BlockKind};

    fn article(title: &str, text: &str, date: Option<&str>) -> Article {
        let mut a = Article::new("", title);
        a.blocks.push(Block::new(BlockKind::Paragraph, text));
        a.date = date.and_then(PageDate::parse);
        a
    }

    fn ids(list: &[Article]) -> Vec<&str> {
        list.iter().map(|a| a.id.as_str()).collect()
    }

    #[test]
    fn ids_are_stable_and_short() {
        let a = article_id("宁德高新区打造锂电产业集群", Some("链主企业带动"));
        assert_eq!(
            a,
            article_id("宁德高新区打造锂电产业集群", Some("链主企业带动"))
        );
        assert_eq!(a.len(), 6);
        assert_ne!(a, article_id("宁德高新区打造锂电产业集群", None));
    }

    #[test]
    fn an_id_hashes_the_joined_key() {
        // The key as one string, hashed at once: what ids were made from before the
        // pieces were hashed in turn (ids must not change between versions).
        let reference = |title: &str, subtitle: Option<&str>, date: Option<PageDate>| {
            let mut key = title.to_string();
            if let Some(s) = subtitle {
                key.push('\u{1f}');
                key.push_str(s);
            }
            if let Some(d) = date {
                key.push('\u{1e}');
                key.push_str(&format!("{:04}-{:02}", d.year, d.month));
                if let Some(day) = d.day {
                    key.push_str(&format!("-{day:02}"));
                }
            }
            let mut hash = fnv1a64_on(FNV_OFFSET, key.as_bytes());
            (0..6)
                .map(|_| {
                    let c = ALPHABET[(hash % ALPHABET.len() as u64) as usize] as char;
                    hash /= ALPHABET.len() as u64;
                    c
                })
                .collect::<String>()
        };
        let dates = [
            None,
            Some(PageDate {
                year: 2024,
                month: 7,
                day: Some(30),
            }),
            Some(PageDate {
                year: 1986,
                month: 4,
                day: None,
            }),
        ];
        for title in ["洛阳高新区新材料项目签约", "", "A"] {
            for subtitle in [None, Some("总投资12亿元"), Some("")] {
                for date in dates {
                    assert_eq!(
                        dated_article_id(title, subtitle, date),
                        reference(title, subtitle, date)
                    );
                }
            }
        }
        // And one pinned (the built-in page's first article), so the reference
        // cannot drift with the code.
        assert_eq!(
            article_id(
                "赣州高新区打造稀土新材料高地",
                Some("产业“聚链成群” 企业“众木成林”")
            ),
            "m2abkh"
        );
    }

    #[test]
    fn the_date_is_part_of_the_id() {
        let undated = dated_article_id("同题", None, None);
        assert_eq!(undated, article_id("同题", None));
        let july = dated_article_id("同题", None, PageDate::parse("2024-07-30"));
        let june = dated_article_id("同题", None, PageDate::parse("2024-06-30"));
        assert_ne!(july, undated);
        assert_ne!(july, june);
    }

    #[test]
    fn clashes_are_ordered_by_content_not_arrival() {
        let mk = || {
            vec![
                article("同题", "甲文。", None),
                article("同题", "乙文。", None),
                article("同题", "丙文。", None),
            ]
        };
        let mut forward = mk();
        assign_unique_ids(&mut forward);
        let mut backward: Vec<Article> = mk().into_iter().rev().collect();
        assign_unique_ids(&mut backward);
        backward.reverse();
        assert_eq!(ids(&forward), ids(&backward));
        let base = article_id("同题", None);
        let mut sorted: Vec<&str> = ids(&forward);
        sorted.sort();
        assert_eq!(
            sorted,
            [base.clone(), format!("{base}-2"), format!("{base}-3")]
        );
    }

    #[test]
    fn another_dated_copy_leaves_the_id_alone() {
        let mut one = vec![article("同题", "原文。", Some("2024-07-30"))];
        assign_unique_ids(&mut one);
        let before = one[0].id.clone();
        let mut two = vec![
            article("同题", "改过的旧文。", Some("2024-06-30")),
            one[0].clone(),
        ];
        two[1].id.clear();
        assign_unique_ids(&mut two);
        assert_eq!(two[1].id, before);
        assert_ne!(two[0].id, before);
    }

    #[test]
    fn a_suffix_never_takes_a_given_id() {
        let base = article_id("同题", None);
        let mut list = vec![
            article("同题", "甲文。", None),
            article("同题", "乙文。", None),
            Article::new(format!("{base}-2"), "另一篇"),
        ];
        assign_unique_ids(&mut list);
        let mut all = ids(&list);
        all.sort();
        all.dedup();
        assert_eq!(all.len(), 3, "{all:?}");
        assert_eq!(list[2].id, format!("{base}-2"));
    }

    #[test]
    fn suffixed_bases_and_their_suffixes_stay_apart() {
        // Two articles share an id that is itself suffixed (given so), two share
        // its base, and the base's second suffix is taken: every id stays unique.
        let mut list = vec![
            Article::new("ab23cd", "甲"),
            Article::new("ab23cd", "乙"),
            Article::new("ab23cd-2", "丙"),
            Article::new("ab23cd-2", "丁"),
            Article::new("ab23cd-3", "戊"),
        ];
        assign_unique_ids(&mut list);
        let mut all = ids(&list);
        all.sort();
        assert_eq!(
            all,
            ["ab23cd", "ab23cd-2", "ab23cd-2-2", "ab23cd-3", "ab23cd-4"]
        );
    }

    #[test]
    fn many_clashing_articles_are_ordered_by_their_content_hash() {
        // More than are hashed on one thread, so the threaded path is the one tested.
        let n = PARALLEL_HASHING_FROM + 89;
        let mut list: Vec<Article> = (0..n)
            .map(|i| article("同一标题", &format!("第{i}段正文。"), Some("2025-03-04")))
            .collect();
        assign_unique_ids(&mut list);
        let mut by_hash: Vec<(u64, usize)> = list
            .iter()
            .enumerate()
            .map(|(i, a)| (content_hash(a), i))
            .collect();
        by_hash.sort();
        let base = dated_article_id("同一标题", None, PageDate::parse("2025-03-04"));
        assert_eq!(list[by_hash[0].1].id, base);
        for (rank, &(_, i)) in by_hash.iter().enumerate().skip(1) {
            assert_eq!(list[i].id, format!("{base}-{}", rank + 1));
        }
    }
}
