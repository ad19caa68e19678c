//! Search across a collection: plain substring matches over one folded text.
//!
//! The text the article pane shows (title, subtitle, byline, blocks, credits) of every
//! article is folded once into one contiguous text, with an index from byte offsets
//! to (article, part). A query is folded the same way and found with `memchr::memmem`,
//! so a search is one linear scan, with no copy of the collection.
//!
//! The text is kept as UTF-16 (little-endian bytes): Chinese text is mostly CJK, two
//! bytes a char there against three in UTF-8, and the search text is most of what a
//! reader holds. A hit at an odd byte offset straddles two units and is passed over.
//!
//! `build` folds articles in reading order, so matches come out in reading order.
//! A loader folds them as files come instead ([`SearchBuilder`]), letting each file's
//! bodies go once folded; the index then keeps each article's reading rank, and
//! matches are put in reading order after the scan.
//!
//! Folding maps each char to one char, so char offsets in the folded text are char
//! offsets in the original: full-width ASCII forms (`５`, `％`, `（`, `／`) become their
//! half-width forms, the ideographic space a space, and ASCII letters lowercase.

use std::io;

use super::collection::Collection;
pub use super::fold::fold;
use super::fold::push_folded_utf16;
use super::folded_text::{FoldedText, Segment, DROPPED};
use super::layout::Part;
use super::reading_order::ReadingOrder;
use super::search_text::{overlaps_itself, SearchText};

/// One occurrence of the query, in char offsets of the part's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub article: usize,
    pub part: Part,
    pub start: usize,
    pub end: usize,
    /// Byte offset in the index's folded text, for narrowing a search as a query grows.
    pub offset: usize,
}

/// The folded text of a collection, built once, searched per query.
#[derive(Debug, Default)]
pub struct SearchIndex {
    /// UTF-16LE, folded; in memory, or in a file of its own (`search_text`).
    text: SearchText,
    /// In text order: in reading order unless `rank` is given.
    segments: Vec<Segment>,
    /// Each article's place in reading order, when the text was folded in another
    /// order (as files were loaded, see [`SearchBuilder`]): matches are put in
    /// reading order by it. Empty when the text is in reading order.
    rank: Vec<u32>,
}

/// Folds articles as they are loaded, file by file, so that a loader can let each
/// file's bodies go once folded instead of holding every body until the whole
/// collection is known. The articles are numbered as they come; `finish` renames
/// them as the collection finally numbers them and ranks them in reading order.
#[derive(Debug, Default)]
pub struct SearchBuilder {
    index: SearchIndex,
    /// Articles folded so far.
    count: usize,
}

/// Room asked for the folded text and its segments before the first article: the
/// text then grows in place instead of being copied as it doubles, which would
/// leave the allocator holding both copies. Room never written costs no memory.
const TEXT_ROOM: usize = 64 << 20;
const SEGMENT_ROOM: usize = 1 << 20;

impl SearchBuilder {
    pub fn new() -> SearchBuilder {
        let mut builder = SearchBuilder::default();
        // Without the room (a system that refuses it), the text grows as usual.
        builder.index.text.try_reserve_exact(TEXT_ROOM);
        let _ = builder.index.segments.try_reserve_exact(SEGMENT_ROOM);
        builder
    }

    /// A builder whose text goes to a file under `dir` as it is appended (see
    /// `search_text`); `None` where no file can be made there.
    pub fn in_file_under(dir: &std::path::Path) -> Option<SearchBuilder> {
        SearchText::in_file_under(dir)
            .ok()
            .map(SearchBuilder::in_file)
    }

    /// A builder whose text goes to a new file at `path`, which stays there (see
    /// `searchable_entry`); `None` where it cannot be made.
    pub fn in_named_file(path: &std::path::Path) -> Option<SearchBuilder> {
        SearchText::in_named_file(path)
            .ok()
            .map(SearchBuilder::in_file)
    }

    /// A builder appending to `text`, a file (room for the text is not asked for).
    fn in_file(text: SearchText) -> SearchBuilder {
        let mut builder = SearchBuilder {
            index: SearchIndex {
                text,
                ..SearchIndex::default()
            },
            count: 0,
        };
        let _ = builder.index.segments.try_reserve_exact(SEGMENT_ROOM);
        builder
    }

    /// Append folded articles (a file's, say), numbered after those before:
    /// returns the number the first is known by until `finish`.
    pub fn append(&mut self, folded: &FoldedText) -> usize {
        let (text, count) = (self.index.text.len(), self.count);
        self.index.text.append(&folded.units, &folded.pair_ends);
        self.index
            .segments
            .extend(folded.segments.iter().map(|s| Segment {
                start: s.start + text,
                article: u32::try_from(s.article as usize + count).unwrap_or(DROPPED),
                part: s.part,
            }));
        self.count += folded.articles;
        count
    }

    /// The index of the collection the folded articles ended up in:
    /// `renumber` gives each folded article's index there (None for one dropped),
    /// `order` that collection's reading order.
    pub fn finish(
        self,
        renumber: impl Fn(usize) -> Option<usize>,
        order: &ReadingOrder,
    ) -> SearchIndex {
        let mut index = self.index;
        for segment in &mut index.segments {
            segment.article = renumber(segment.article as usize)
                .and_then(|i| u32::try_from(i).ok())
                .unwrap_or(DROPPED);
        }
        index.rank = (0..order.len())
            .map(|article| u32::try_from(order.rank(article)).unwrap_or(u32::MAX))
            .collect();
        // Not shrunk: room never written costs no memory, while shrinking may copy
        // the whole text (an allocator that moves a block under its size for mapping).
        index
    }
}

/// A query as the text is kept: folded, UTF-16LE; and its length in chars.
fn needle_of(query: &str) -> (Vec<u8>, usize) {
    let mut needle = Vec::with_capacity(query.len() * 2);
    let mut pair_ends = Vec::new();
    push_folded_utf16(&mut needle, query, &mut pair_ends);
    let chars = needle.len() / 2 - pair_ends.len();
    (needle, chars)
}

impl SearchIndex {
    /// Fold every article's shown text, visiting articles in `order`.
    pub fn build(collection: &Collection, order: &ReadingOrder) -> SearchIndex {
        let mut folded = FoldedText::default();
        for &article in order.articles() {
            if let Some(a) = collection.articles.get(article) {
                folded.push_article(article, a);
            }
        }
        let mut segments = folded.segments;
        // Held for the whole session: without the room growing it left.
        segments.shrink_to_fit();
        SearchIndex {
            text: SearchText::in_memory(folded.units, folded.pair_ends),
            segments,
            rank: Vec::new(),
        }
    }

    /// What the index is made of besides its text: the places of pairs' second
    /// units, the segments, and the reading ranks (see the fields).
    pub(crate) fn parts(&self) -> (&[usize], &[Segment], &[u32]) {
        (self.text.pair_ends(), &self.segments, &self.rank)
    }

    /// The index whose text is the first `len` bytes of `file`, from what `parts`
    /// gave, for a collection of `articles` articles; `None` when the parts do not
    /// fit together (segments out of order or past the text, articles that are not
    /// the collection's, a rank for each but not every article).
    pub(crate) fn from_parts(
        file: std::fs::File,
        len: usize,
        pair_ends: Vec<usize>,
        segments: Vec<Segment>,
        rank: Vec<u32>,
        articles: usize,
    ) -> Option<SearchIndex> {
        let segments_fit = segments.iter().enumerate().all(|(i, s)| {
            let in_order = i == 0 || segments[i - 1].start <= s.start;
            let article = s.article == DROPPED || (s.article as usize) < articles;
            in_order && article && s.start <= len && s.start.is_multiple_of(2)
        });
        let ranks_fit = rank.is_empty() || rank.len() == articles;
        if !segments_fit || !ranks_fit {
            return None;
        }
        Some(SearchIndex {
            text: SearchText::from_file(file, len, pair_ends)?,
            segments,
            rank,
        })
    }

    /// Whether the folded text is kept in a file, out of memory.
    pub fn is_in_file(&self) -> bool {
        self.text.is_in_file()
    }

    /// Bytes of folded text (in memory or in its file).
    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Every match of `query`, in reading order. Overlapping occurrences count once each
    /// where they do not overlap (as `str::match_indices`). An error when the text's
    /// file cannot be read.
    pub fn find_all(&self, query: &str) -> io::Result<Vec<Match>> {
        let (needle, needle_chars) = needle_of(query);
        if needle.is_empty() {
            return Ok(Vec::new());
        }
        let mut matches = Vec::new();
        // Walks forward with the matches: the segment the last one was in.
        let mut segment = 0;
        self.text.find_each(&needle, |byte| {
            while segment + 1 < self.segments.len() && self.segments[segment + 1].start <= byte {
                segment += 1;
            }
            let Some(seg) = self.segments.get(segment).filter(|s| s.article != DROPPED) else {
                return;
            };
            let (start, end) = if seg.is_column() {
                (0, 0)
            } else {
                let chars_before = self.text.chars_between(seg.start, byte);
                (chars_before, chars_before + needle_chars)
            };
            matches.push(Match {
                article: seg.article as usize,
                part: seg.part(),
                start,
                end,
                offset: byte,
            });
        })?;
        self.in_reading_order(&mut matches);
        Ok(matches)
    }

    /// Matches found in text order, put in reading order: the article's rank, then
    /// the place in its text (an article's parts are folded in reading order).
    fn in_reading_order(&self, matches: &mut [Match]) {
        if !self.rank.is_empty() {
            let rank = |article: usize| self.rank.get(article).copied().unwrap_or(u32::MAX);
            matches.sort_unstable_by_key(|m| (rank(m.article), m.offset));
        }
    }
}

impl SearchIndex {
    /// The matches of `query` found from the matches of `previous`, a query it begins
    /// with (typing on): each earlier match is checked in place, instead of scanning
    /// the whole text again. The same matches as `find_all(query)`, or None when that
    /// cannot be promised (the earlier query overlaps itself, or is not a beginning).
    pub fn narrow(
        &self,
        previous: &str,
        found: &[Match],
        query: &str,
    ) -> io::Result<Option<Vec<Match>>> {
        let (old, new) = (fold(previous), fold(query));
        if old.is_empty() || !new.starts_with(&old) || overlaps_itself(old.as_bytes()) {
            return Ok(None);
        }
        let (needle, needle_chars) = needle_of(&new);
        let offsets: Vec<usize> = found.iter().map(|m| m.offset).collect();
        let still = self.text.starts_with_at(&offsets, &needle)?;
        let mut narrowed = Vec::new();
        // The last match kept: `found` is in reading order, which is text order
        // within an article but not across articles folded in load order.
        let mut kept: Option<(usize, usize)> = None;
        for (m, still) in found.iter().zip(still) {
            // Occurrences of `new` are occurrences of `old`, which never overlap, so
            // `found` holds them all; keep the first of two that overlap, as a scan does.
            let overlaps = kept.is_some_and(|(start, end)| (start..end).contains(&m.offset));
            if overlaps || !still {
                continue;
            }
            kept = Some((m.offset, m.offset + needle.len()));
            // A match in a column name marks nothing (start == end), a real one its chars.
            let end = if m.start == m.end {
                m.end
            } else {
                m.start + needle_chars
            };
            narrowed.push(Match { end, ..*m });
        }
        Ok(Some(narrowed))
    }
}

/// Where a part comes in the article pane: kicker, title, subtitle, byline, then each block
/// followed by its credit line, then the truncation mark.
pub fn part_rank(part: Part) -> (usize, usize) {
    match part {
        Part::Kicker => (0, 0),
        Part::Title => (0, 1),
        Part::Subtitle => (1, 0),
        Part::Byline => (2, 0),
        Part::Block(i) => (3, 2 * i),
        Part::Credit(i) => (3, 2 * i + 1),
        Part::Truncation => (4, 0),
    }
}

/// A place in reading order; places order as a reader meets them (fields in order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Spot {
    /// The article's rank in reading order.
    pub article_rank: usize,
    /// The part's rank within the article (`part_rank`).
    pub part_rank: (usize, usize),
    /// A char offset into the part.
    pub offset: usize,
}

impl Spot {
    /// The start of the article ranked `article_rank`.
    pub fn article_start(article_rank: usize) -> Spot {
        Spot {
            article_rank,
            part_rank: (0, 0),
            offset: 0,
        }
    }
}

/// The reading-order place of a match's start.
pub fn spot(order: &ReadingOrder, article: usize, part: Part, offset: usize) -> Spot {
    Spot {
        article_rank: order.rank(article),
        part_rank: part_rank(part),
        offset,
    }
}

/// The match `n` goes to from `from`: the first that starts after it (at it, when
/// `inclusive`), wrapping to the first. `matches` are in reading order.
pub fn next_from(
    order: &ReadingOrder,
    matches: &[Match],
    from: Spot,
    inclusive: bool,
) -> Option<usize> {
    if matches.is_empty() {
        return None;
    }
    let i = matches.partition_point(|m| {
        let s = spot(order, m.article, m.part, m.start);
        if inclusive {
            s < from
        } else {
            s <= from
        }
    });
    Some(if i == matches.len() { 0 } else { i })
}

/// The match `N` goes to from `from`: the last that starts before it, wrapping to the last.
pub fn prev_from(order: &ReadingOrder, matches: &[Match], from: Spot) -> Option<usize> {
    if matches.is_empty() {
        return None;
    }
    let i = matches.partition_point(|m| spot(order, m.article, m.part, m.start) < from);
    Some(if i == 0 { matches.len() - 1 } else { i - 1 })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::collection::ParkGroup;
    use crate::core::search_text::WINDOW;
    use crate::core::{Article, Block, BlockKind};

    fn collection() -> Collection {
        let mut a = Article::new("a", "Alpha 园区");
        a.blocks
            .push(Block::new(BlockKind::Paragraph, "园区在园区里。园区"));
        let b = Article::new("b", "园区 beta");
        let mut c = Article::new("c", "无关");
        c.blocks.push(Block::new(
            BlockKind::Paragraph,
            "总规模达／５５亿元，增长２０％（上海）",
        ));
        c.blocks.push(Block::new(
            BlockKind::Paragraph,
            "规模55亿元，增长20%(上海)",
        ));
        Collection {
            articles: vec![a, b, c],
            parks: vec![
                ParkGroup {
                    name: "x".into(),
                    province: None,
                    city: None,
                    articles: vec![1, 0],
                },
                ParkGroup {
                    name: "y".into(),
                    province: None,
                    city: None,
                    articles: vec![2],
                },
            ],
            warnings: vec![],
        }
    }

    fn index(c: &Collection) -> (ReadingOrder, SearchIndex) {
        let order = ReadingOrder::new(c);
        let index = SearchIndex::build(c, &order);
        (order, index)
    }

    #[test]
    fn finds_char_offsets_in_reading_order() {
        let c = collection();
        let (_, index) = index(&c);
        let found = index.find_all("园区").unwrap();
        let spots: Vec<(usize, Part, usize)> =
            found.iter().map(|m| (m.article, m.part, m.start)).collect();
        assert_eq!(
            spots,
            vec![
                (1, Part::Title, 0),
                (0, Part::Title, 6),
                (0, Part::Block(0), 0),
                (0, Part::Block(0), 3),
                (0, Part::Block(0), 7),
            ]
        );
        assert!(found.iter().all(|m| m.end == m.start + 2));
        assert!(index.find_all("").unwrap().is_empty());
    }

    #[test]
    fn ascii_case_folds() {
        let c = collection();
        let (_, index) = index(&c);
        assert_eq!(index.find_all("BETA").unwrap().len(), 1);
        assert_eq!(index.find_all("alpha").unwrap().len(), 1);
    }

    #[test]
    fn full_and_half_width_forms_match_each_other() {
        let c = collection();
        let (_, index) = index(&c);
        for query in ["／５５亿元", "/55亿元"] {
            let found = index.find_all(query).unwrap();
            assert_eq!(found.len(), 1, "{query}");
            assert_eq!((found[0].part, found[0].start), (Part::Block(0), 4));
        }
        // Both spellings of each are found by either spelling.
        for query in ["20％", "２０%", "20%"] {
            assert_eq!(index.find_all(query).unwrap().len(), 2, "{query}");
        }
        for query in ["(上海)", "（上海）"] {
            let found = index.find_all(query).unwrap();
            assert_eq!(found.len(), 2, "{query}");
            assert!(found.iter().all(|m| m.end - m.start == 4));
        }
    }

    #[test]
    fn a_match_never_spans_two_parts() {
        let c = collection();
        let (_, index) = index(&c);
        // The title of b ends in "beta", a's title begins with "Alpha".
        assert!(index.find_all("betaalpha").unwrap().is_empty());
        assert!(index.find_all("里。园区无关").unwrap().is_empty());
    }

    #[test]
    fn next_and_prev_go_from_a_place_and_wrap() {
        let c = collection();
        let (order, index) = index(&c);
        let found = index.find_all("园区").unwrap();
        // From the start of article 0's text (rank 1): its title match comes next.
        let from = spot(&order, 0, Part::Title, 0);
        assert_eq!(next_from(&order, &found, from, true), Some(1));
        assert_eq!(prev_from(&order, &found, from), Some(0));
        // Exclusive of the match itself.
        let at = spot(&order, 0, Part::Block(0), 3);
        assert_eq!(next_from(&order, &found, at, false), Some(4));
        assert_eq!(next_from(&order, &found, at, true), Some(3));
        // From article 2 (after every match): wraps to the first, back to the last.
        let end = spot(&order, 2, Part::Title, 0);
        assert_eq!(next_from(&order, &found, end, true), Some(0));
        assert_eq!(prev_from(&order, &found, end), Some(4));
        assert_eq!(next_from(&order, &[], end, true), None);
    }

    #[test]
    fn the_column_name_is_searched_and_lands_on_the_article() {
        let mut c = collection();
        c.articles[2].column = Some("园镜头".into());
        let (_, index) = index(&c);
        let found = index.find_all("镜头").unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(
            (
                found[0].article,
                found[0].part,
                found[0].start,
                found[0].end
            ),
            (2, Part::Title, 0, 0)
        );
        // Still a part of its own: no match runs from the column into the title.
        assert!(index.find_all("镜头无关").unwrap().is_empty());
    }

    #[test]
    fn folding_bytes_folds_each_char_as_fold_char_does() {
        let chars: String = (0..0x11000u32)
            .chain(0xFF00..0xFF70)
            .filter_map(char::from_u32)
            .collect();
        let expected: String = chars.chars().map(crate::core::fold::fold_char).collect();
        assert_eq!(fold(&chars), expected);
        assert_eq!(
            fold("／５５亿元，２０％（上海）ＡＢｃ\u{3000}x"),
            "/55亿元,20%(上海)abc x"
        );
        let mut units = Vec::new();
        push_folded_utf16(&mut units, &chars, &mut Vec::new());
        let expected: Vec<u8> = expected.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(
            units, expected,
            "the UTF-16 folding folds as fold_char does"
        );
        assert_eq!(needle_of("园区ab𠀋").1, 5);
    }

    #[test]
    fn narrowing_gives_what_a_new_scan_gives() {
        let mut c = collection();
        c.articles[2].column = Some("园区镜头".into());
        c.articles[1].blocks.push(Block::new(
            BlockKind::Paragraph,
            "aaab ababab 园区园区园 ＡＡＡＢ",
        ));
        let (_, index) = index(&c);
        for (old, new) in [
            ("园", "园区"),
            ("园区", "园区在"),
            ("园", "园区园"),
            ("a", "ab"),
            ("ab", "abab"),
            ("aa", "aab"),
            ("aba", "abab"),
            ("Ａ", "aaab"),
            ("规模", "规模55"),
        ] {
            let found = index.find_all(old).unwrap();
            let expected = index.find_all(new).unwrap();
            match index.narrow(old, &found, new).unwrap() {
                Some(narrowed) => assert_eq!(narrowed, expected, "{old} → {new}"),
                None => assert!(
                    overlaps_itself(fold(old).as_bytes()),
                    "{old} → {new} not narrowed"
                ),
            }
        }
        assert!(
            index.narrow("园区", &[], "区").unwrap().is_none(),
            "not a beginning"
        );
        assert!(overlaps_itself(b"aa") && overlaps_itself(b"aba"));
        assert!(!overlaps_itself(b"ab") && !overlaps_itself("园区".as_bytes()));
    }

    /// The collection's index built with its text in a file read `window` bytes at a time.
    fn in_file(c: &Collection, window: usize) -> SearchIndex {
        // Not emptied first: the tests that build one run at once, and share it.
        let dir = crate::private_folder::private_folder().join("search-text");
        let order = ReadingOrder::new(c);
        let mut builder = SearchBuilder::in_file_under(&dir).expect("a file made in the temp dir");
        assert!(builder.index.text.is_in_file());
        builder.index.text.set_window(window);
        for &article in order.articles() {
            builder.append(&FoldedText::of_articles(std::slice::from_ref(
                &c.articles[article],
            )));
        }
        let numbers = order.articles().to_vec();
        let index = builder.finish(|n| numbers.get(n).copied(), &order);
        let left = std::fs::read_dir(&dir).map_or(0, |d| d.count());
        assert_eq!(
            left, 0,
            "the text's file is removed from its folder at once"
        );
        index
    }

    #[test]
    fn a_text_in_a_file_gives_what_one_in_memory_gives() {
        let mut c = collection();
        // Chars past U+FFFF (two units each) before matches, and a long part.
        c.articles[1].blocks.push(Block::new(
            BlockKind::Paragraph,
            "𠀋𠀋园区𠀋 ab园区aaab".repeat(40),
        ));
        let (_, memory) = index(&c);
        let queries = [
            "园区",
            "园",
            "区园",
            "𠀋园",
            "园区𠀋",
            "b园区a",
            "aaab",
            "aa",
            "a",
            "55亿元",
            "无关",
            "X",
        ];
        // Small windows: the file is read on two cores too, in halves (see find_each).
        for window in [2, 4, 6, 10, 64, WINDOW] {
            let file = in_file(&c, window);
            assert_eq!(file.len(), memory.len());
            for query in queries {
                let expected = memory.find_all(query).unwrap();
                assert_eq!(
                    file.find_all(query).unwrap(),
                    expected,
                    "{query}, window {window}"
                );
                let longer = format!("{query}区");
                assert_eq!(
                    file.narrow(query, &expected, &longer).unwrap(),
                    memory.narrow(query, &expected, &longer).unwrap(),
                    "{query} → {longer}, window {window}"
                );
            }
        }
        let found = memory.find_all("园区𠀋").unwrap();
        assert_eq!(found.len(), 40);
        // In "𠀋𠀋园区𠀋 …": two chars before the match, not four units.
        assert_eq!((found[0].start, found[0].end), (2, 5));
    }

    #[test]
    fn credits_come_after_their_caption() {
        assert!(part_rank(Part::Block(1)) < part_rank(Part::Credit(1)));
        assert!(part_rank(Part::Credit(1)) < part_rank(Part::Block(2)));
        assert!(part_rank(Part::Byline) < part_rank(Part::Block(0)));
    }
}
