//! The model of a collection: its articles, grouped by park, and what went wrong
//! while loading it. How it is loaded is in `load` (and `indexed`).

use std::path::Path;

use crate::core::article::Article;
use crate::core::dates::PageDate;
use crate::core::fast_hasher::FastMap;
use crate::core::ids::{assign_unique, Identified};
use crate::core::parks::{province_in, ParkKey, ParkRegistry};
use crate::core::sanitize::escape_for_terminal;
use std::path::PathBuf;

/// Name of the group for articles that name no park.
pub const NO_PARK: &str = "其他";

/// The parks of a collection, each with its articles, in order of first appearance.
#[derive(Debug, Clone, PartialEq)]
pub struct ParkGroup {
    /// Canonical park name; `NO_PARK` for articles with no park.
    pub name: String,
    pub province: Option<String>,
    pub city: Option<String>,
    /// Indexes into `Collection::articles`.
    pub articles: Vec<usize>,
}

/// Something that went wrong with one path; the rest of the collection still loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadWarning {
    pub path: PathBuf,
    pub message: String,
    /// True for a broken or missing file; false for one skipped on purpose (a FIFO, an oversized file).
    pub is_error: bool,
}

impl std::fmt::Display for LoadWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write_path_message(f, &self.path, &self.message)
    }
}

/// `path: message`, both safe to print: file names and messages may hold controls.
pub(super) fn write_path_message(
    f: &mut std::fmt::Formatter<'_>,
    path: &Path,
    message: &str,
) -> std::fmt::Result {
    write!(
        f,
        "{}: {}",
        escape_for_terminal(&path.display().to_string()),
        escape_for_terminal(message)
    )
}

/// What putting articles in order and grouping them reads of an article: an
/// `Article`, or the record of one that a listing keeps (`core::listing_entry`),
/// which must be put where the article would.
pub(crate) trait Arranged: Identified + Sync {
    fn date(&self) -> Option<PageDate>;
    fn park(&self) -> Option<&str>;
    /// The province the article names before `park` (for a park the registry lacks).
    fn province_before(&self, park: &str) -> Option<&'static str>;
}

impl Arranged for Article {
    fn date(&self) -> Option<PageDate> {
        self.date
    }

    fn park(&self) -> Option<&str> {
        self.park.as_deref()
    }

    fn province_before(&self, park: &str) -> Option<&'static str> {
        province_in(self, park)
    }
}

/// Order articles newest first (undated ones after, in the order given), give
/// ids, and group them by park, parks in order of their newest article.
pub(crate) fn arrange<T: Arranged>(articles: &mut [T]) -> Vec<ParkGroup> {
    newest_first(articles);
    assign_unique(articles);
    group_by_park(articles)
}

/// Put articles newest first, undated ones last, each day's (and the undated)
/// in the order given. An archive has a few thousand days and a hundred thousand
/// articles: counted by day, each article's place is known in one pass, where
/// comparison sorting took a third of arranging. The articles are then moved
/// along the cycles of the permutation, in place: a scratch copy of them would
/// be 53 MB over 20,000 pages, at the top of a load's memory.
fn newest_first<T: Arranged>(articles: &mut [T]) {
    let days: Vec<u32> = articles.iter().map(|a| day_number(a.date())).collect();
    // Each day's slot, in the order days are met, and how many articles it has.
    let mut slot_of: FastMap<u32, usize> = FastMap::default();
    let mut slots = Vec::with_capacity(days.len());
    let mut counts: Vec<(u32, usize)> = Vec::new();
    for &day in &days {
        let slot = *slot_of.entry(day).or_insert_with(|| {
            counts.push((day, 0));
            counts.len() - 1
        });
        counts[slot].1 += 1;
        slots.push(slot);
    }
    // Where each day's articles begin: the newest day first, 0 (undated) last.
    let mut by_day: Vec<usize> = (0..counts.len()).collect();
    by_day.sort_unstable_by_key(|&slot| std::cmp::Reverse(counts[slot].0));
    let mut next = vec![0; counts.len()];
    let mut begins = 0;
    for slot in by_day {
        next[slot] = begins;
        begins += counts[slot].1;
    }
    // taken_from[place] = where the article to be put there is now.
    let mut taken_from = vec![0; days.len()];
    for (now, slot) in slots.into_iter().enumerate() {
        taken_from[next[slot]] = now;
        next[slot] += 1;
    }
    permute(articles, taken_from);
}

/// A date as a number in its order (a month before the days in it), 0 for none.
fn day_number(date: Option<PageDate>) -> u32 {
    date.map_or(0, |d| {
        (u32::from(d.year) << 16)
            | (u32::from(d.month) << 8)
            | d.day.map_or(1, |day| u32::from(day) + 2)
    })
}

/// Move `items[taken_from[i]]` to `i` for every `i`, in place: each cycle of the
/// permutation is followed once, and marked done as it is.
fn permute<T>(items: &mut [T], mut taken_from: Vec<usize>) {
    for start in 0..items.len() {
        let mut at = start;
        while taken_from[at] != start {
            let from = taken_from[at];
            items.swap(at, from);
            taken_from[at] = at;
            at = from;
        }
        taken_from[at] = at;
    }
}

/// The park groups of articles in order: a group per park, named by the fullest
/// form met (unless the registry knows the first), in order of first appearance.
fn group_by_park<T: Arranged>(articles: &[T]) -> Vec<ParkGroup> {
    let registry = ParkRegistry::builtin();
    let mut parks: Vec<ParkGroup> = Vec::new();
    // Group lookup: by exact name first, else by short/full form of the name.
    let mut by_name: FastMap<&str, usize> = FastMap::default();
    let mut keys: Vec<Option<ParkKey>> = Vec::new();
    for (i, article) in articles.iter().enumerate() {
        let name = article.park().unwrap_or(NO_PARK);
        // The name a group goes by: nothing to look at but the article's place.
        if let Some(&g) = by_name.get(name).filter(|&&g| parks[g].name == name) {
            parks[g].articles.push(i);
            continue;
        }
        let group = by_name.get(name).copied().or_else(|| {
            let key = ParkKey::of(name).filter(|_| name != NO_PARK)?;
            keys.iter()
                .position(|k| k.as_ref().is_some_and(|k| k.same_park(&key)))
        });
        match group {
            Some(g) => {
                let group = &mut parks[g];
                // Of two forms of one park, the fuller names the group.
                if name.chars().count() > group.name.chars().count()
                    && registry.lookup(&group.name).is_none()
                {
                    group.name = name.to_string();
                    keys[g] = ParkKey::of(name);
                }
                by_name.insert(name, g);
                group.articles.push(i);
            }
            None => {
                let entry = registry.lookup(name);
                by_name.insert(name, parks.len());
                keys.push(ParkKey::of(name).filter(|_| name != NO_PARK));
                // Not in the registry: the province the article names before it.
                let province = match entry {
                    Some(park) => park.province.clone(),
                    None if name == NO_PARK => None,
                    None => article.province_before(name).map(str::to_string),
                };
                parks.push(ParkGroup {
                    name: name.to_string(),
                    province,
                    city: entry.and_then(|p| p.city.clone()),
                    articles: vec![i],
                });
            }
        }
    }
    parks
}

#[derive(Debug, Clone, Default)]
pub struct Collection {
    pub articles: Vec<Article>,
    pub parks: Vec<ParkGroup>,
    pub warnings: Vec<LoadWarning>,
}

impl Collection {
    /// Order articles newest first (undated ones after, in the order given),
    /// give ids, and group by park, parks in order of their newest article.
    pub fn from_articles(mut articles: Vec<Article>, warnings: Vec<LoadWarning>) -> Collection {
        let parks = arrange(&mut articles);
        Collection {
            articles,
            parks,
            warnings,
        }
    }

    pub fn find(&self, id: &str) -> Option<&Article> {
        self.articles.iter().find(|a| a.id == id)
    }

    /// The index in `articles` of the article with this id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.articles.iter().position(|a| a.id == id)
    }

    /// True when some path could not be read at all (not merely skipped).
    pub fn has_errors(&self) -> bool {
        self.warnings.iter().any(|w| w.is_error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Only a date and where it was given.
    struct Dated(Option<PageDate>, usize);

    impl Identified for Dated {
        fn id(&self) -> &str {
            ""
        }
        fn set_id(&mut self, _id: String) {}
        fn made_id(&self) -> String {
            String::new()
        }
        fn text_hash(&self) -> u64 {
            0
        }
        fn source(&self) -> &str {
            ""
        }
    }

    impl Arranged for Dated {
        fn date(&self) -> Option<PageDate> {
            self.0
        }
        fn park(&self) -> Option<&str> {
            None
        }
        fn province_before(&self, _park: &str) -> Option<&'static str> {
            None
        }
    }

    proptest::proptest! {
        /// The order a stable sort by (undated, newest first) gives, as the
        /// arranging had it before it counted days.
        #[test]
        fn newest_first_is_a_stable_sort_by_date(
            dates in proptest::collection::vec(
                proptest::option::of((2019u16..2022, 1u8..4, proptest::option::of(1u8..4))),
                0..80,
            )
        ) {
            let dated = |d: &Option<(u16, u8, Option<u8>)>| d.map(|(year, month, day)| PageDate { year, month, day });
            let mut articles: Vec<Dated> =
                dates.iter().enumerate().map(|(i, d)| Dated(dated(d), i)).collect();
            let mut expected: Vec<(Option<PageDate>, usize)> =
                articles.iter().map(|a| (a.0, a.1)).collect();
            expected.sort_by_key(|(d, _)| (d.is_none(), std::cmp::Reverse(*d)));
            newest_first(&mut articles);
            let got: Vec<(Option<PageDate>, usize)> = articles.iter().map(|a| (a.0, a.1)).collect();
            proptest::prop_assert_eq!(got, expected);
        }
    }
}
