//! Articles folded for search: the text the article pane shows, folded
//! (`fold::push_folded_utf16`) into one stretch of UTF-16LE units, each part
//! starting a segment that names its article and part.
//!
//! A stretch is folded from articles with their bodies, or read back from the
//! index, which keeps each file's (`encode`, `decode`), so that a reader loading
//! an archive it has loaded before neither decodes the bodies nor folds them again.

use super::article::Article;
use super::fold::push_folded_utf16;
use super::layout::{shown_parts, Part};

/// Parts are separated by a zero unit, which folding makes a space wherever
/// else it occurs (text and query alike): no match spans two parts.
const SEPARATOR: [u8; 2] = [0, 0];

/// Folded articles: their text, its segments, and where pairs end.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FoldedText {
    /// UTF-16LE units.
    pub(crate) units: Vec<u8>,
    /// In text order; articles numbered as folded.
    pub(crate) segments: Vec<Segment>,
    /// Byte offsets of the second units of pairs (chars past U+FFFF), in order.
    pub(crate) pair_ends: Vec<usize>,
    /// Articles folded.
    pub(crate) articles: usize,
}

impl FoldedText {
    /// `articles`, numbered from 0 in their order.
    pub fn of_articles(articles: &[Article]) -> FoldedText {
        let mut folded = FoldedText::default();
        for (number, article) in articles.iter().enumerate() {
            folded.push_article(number, article);
        }
        // Held until the step is appended, a step's files at once: without the room
        // growing left (up to as much again).
        folded.units.shrink_to_fit();
        folded.segments.shrink_to_fit();
        folded
    }

    /// Append one article's shown text, its segments naming it `number`.
    pub fn push_article(&mut self, number: usize, a: &Article) {
        // The column name shown over the article (园镜头) is searched too; a match
        // there lands on the article's top, marking nothing in its text.
        if let Some(column) = a.column.as_deref().filter(|c| !c.is_empty()) {
            self.push_part(number, None, column);
        }
        // What the article pane shows is what is searched (credits too, no hidden byline).
        for (part, _, text) in shown_parts(a) {
            self.push_part(number, Some(part), &text);
        }
        self.articles = self.articles.max(number + 1);
    }

    fn push_part(&mut self, number: usize, part: Option<Part>, text: &str) {
        self.segments
            .push(Segment::new(self.units.len(), number, part));
        push_folded_utf16(&mut self.units, text, &mut self.pair_ends);
        self.units.extend_from_slice(&SEPARATOR);
    }

    /// As the index keeps it: the counts of segments and pairs, each segment's
    /// start, article and part, the pairs' places, then the units (u32 little-endian).
    pub fn encode(&self) -> Option<Vec<u8>> {
        let mut out = Vec::with_capacity(8 + 12 * self.segments.len() + self.units.len());
        let mut put = |n: usize| -> Option<()> {
            out.extend_from_slice(&u32::try_from(n).ok()?.to_le_bytes());
            Some(())
        };
        put(self.segments.len())?;
        put(self.pair_ends.len())?;
        for s in &self.segments {
            put(s.start)?;
            put(s.article as usize)?;
            put(s.part as usize)?;
        }
        for &p in &self.pair_ends {
            put(p)?;
        }
        out.extend_from_slice(&self.units);
        Some(out)
    }

    /// What `encode` gave, for a file of `articles` articles; `None` when it is not
    /// that (a damaged entry: the file is parsed instead).
    pub fn decode(bytes: &[u8], articles: usize) -> Option<FoldedText> {
        let mut words = bytes
            .chunks_exact(4)
            .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]) as usize);
        let (segment_count, pair_count) = (words.next()?, words.next()?);
        // Words before the units: the two counts, three a segment, one a pair.
        let words_before = segment_count
            .checked_mul(3)?
            .checked_add(pair_count)?
            .checked_add(2)?;
        let header = words_before.checked_mul(4)?;
        let units = bytes.get(header..)?.to_vec();
        let mut segments = Vec::with_capacity(segment_count);
        for _ in 0..segment_count {
            let (start, article, part) = (words.next()?, words.next()?, words.next()?);
            let after_last = segments.last().is_none_or(|s: &Segment| s.start <= start);
            if !after_last || start % 2 == 1 || start > units.len() || article >= articles {
                return None;
            }
            segments.push(Segment {
                start,
                article: u32::try_from(article).ok()?,
                part: u32::try_from(part).ok()?,
            });
        }
        let pair_ends: Vec<usize> = (0..pair_count)
            .map(|_| words.next())
            .collect::<Option<_>>()?;
        let in_order = pair_ends.windows(2).all(|w| w[0] < w[1]);
        if units.len() % 2 == 1 || !in_order || pair_ends.iter().any(|&p| p >= units.len()) {
            return None;
        }
        Some(FoldedText {
            units,
            segments,
            pair_ends,
            articles,
        })
    }
}

/// One part's stretch of the folded text. Packed in 16 bytes: an archive has millions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Segment {
    /// Byte offset in the text.
    pub(crate) start: usize,
    /// The article's number; `DROPPED` for one no longer in the collection.
    pub(crate) article: u32,
    /// The part (see `Segment::new`), or `COLUMN` for the column name over the
    /// article, which is not a part of its text.
    pub(crate) part: u32,
}

/// A segment's article when its article was dropped after folding (a file found
/// to be a copy of another): its text is never matched.
pub(crate) const DROPPED: u32 = u32::MAX;

const COLUMN: u32 = u32::MAX;

impl Segment {
    fn new(start: usize, article: usize, part: Option<Part>) -> Segment {
        // The kind in the low 3 bits, a block's number above them.
        let (kind, number) = match part {
            None => return Segment::packed(start, article, COLUMN),
            Some(Part::Kicker) => (0, 0),
            Some(Part::Title) => (1, 0),
            Some(Part::Subtitle) => (2, 0),
            Some(Part::Byline) => (3, 0),
            Some(Part::Block(i)) => (4, i),
            Some(Part::Credit(i)) => (5, i),
            Some(Part::Truncation) => (6, 0),
        };
        let number = u32::try_from(number)
            .unwrap_or(u32::MAX >> 3)
            .min(u32::MAX >> 4);
        Segment::packed(start, article, number << 3 | kind)
    }

    fn packed(start: usize, article: usize, part: u32) -> Segment {
        Segment {
            start,
            article: u32::try_from(article).unwrap_or(DROPPED),
            part,
        }
    }

    pub(crate) fn is_column(&self) -> bool {
        self.part == COLUMN
    }

    /// The part; the title for the column name (a match there lands on the top).
    pub(crate) fn part(&self) -> Part {
        let number = (self.part >> 3) as usize;
        match self.part & 7 {
            _ if self.is_column() => Part::Title,
            0 => Part::Kicker,
            1 => Part::Title,
            2 => Part::Subtitle,
            3 => Part::Byline,
            4 => Part::Block(number),
            5 => Part::Credit(number),
            _ => Part::Truncation,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{Block, BlockKind};

    fn articles() -> Vec<Article> {
        let mut a = Article::new("a", "河口园区𠀋上新");
        a.column = Some("园镜头".into());
        a.blocks.push(Block::new(
            BlockKind::Paragraph,
            "总投资１２亿元，𠀋𠀋落地。",
        ));
        let mut b = Article::new("b", "第二篇");
        b.blocks.push(Block::new(BlockKind::Heading, "小标题"));
        vec![a, b]
    }

    #[test]
    fn what_is_encoded_decodes_to_the_same() {
        let folded = FoldedText::of_articles(&articles());
        assert_eq!(folded.articles, 2);
        // Column, title and block for the first, title and heading for the second
        // (no byline, none being given).
        assert_eq!(folded.segments.len(), 5);
        assert_eq!(folded.pair_ends.len(), 3);
        let bytes = folded.encode().unwrap();
        assert_eq!(FoldedText::decode(&bytes, 2), Some(folded));
    }

    #[test]
    fn a_damaged_or_foreign_encoding_is_refused() {
        let bytes = FoldedText::of_articles(&articles()).encode().unwrap();
        // Cut short anywhere in its counts, segments or pairs; an odd unit.
        for len in [0, 3, 7, 8, 20, 8 + 5 * 12 + 3 * 4 - 1] {
            assert_eq!(FoldedText::decode(&bytes[..len], 2), None, "{len} bytes");
        }
        assert_eq!(FoldedText::decode(&bytes[..bytes.len() - 1], 2), None);
        // A file that now gives one article where its entry folded two.
        assert_eq!(FoldedText::decode(&bytes, 1), None);
        // Counts far past the bytes there are.
        let mut huge = bytes.clone();
        huge[..4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(FoldedText::decode(&huge, 2), None);
        // Segments out of order.
        let mut swapped = bytes.clone();
        let (first, second) = (8..12, 20..24);
        let start = swapped[second.clone()].to_vec();
        swapped.copy_within(first.clone(), second.start);
        swapped[first].copy_from_slice(&start);
        assert_eq!(FoldedText::decode(&swapped, 2), None);
    }

    proptest::proptest! {
        /// Whatever an entry holds, decoding it never panics, and what decodes
        /// names only the articles the file has.
        #[test]
        fn any_bytes_decode_without_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..256), articles in 0usize..4) {
            if let Some(folded) = FoldedText::decode(&bytes, articles) {
                proptest::prop_assert!(folded.segments.iter().all(|s| (s.article as usize) < articles));
                proptest::prop_assert!(folded.segments.iter().all(|s| s.start <= folded.units.len()));
            }
        }

        /// Any text folded decodes to the same.
        #[test]
        fn any_text_folded_round_trips(title in "\\PC{0,12}", body in "\\PC{0,40}") {
            let mut a = Article::new("a", &title);
            a.blocks.push(Block::new(BlockKind::Paragraph, &body));
            let folded = FoldedText::of_articles(&[a]);
            let bytes = folded.encode().unwrap();
            proptest::prop_assert_eq!(FoldedText::decode(&bytes, 1), Some(folded));
        }
    }
}
