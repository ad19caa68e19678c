//! Search across every article: plain substring matches, ASCII case folded.

use crate::core::collection::Collection;
use crate::core::layout::{shown_parts, Part};

/// One occurrence of the query, in char offsets of the part's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub article: usize,
    pub part: Part,
    pub start: usize,
    pub end: usize,
}

/// Every match of `query` in the articles, visiting them in `order`.
pub fn find_all(collection: &Collection, order: &[usize], query: &str) -> Vec<Match> {
    if query.is_empty() {
        return Vec::new();
    }
    // ASCII-only folding keeps byte offsets unchanged.
    let needle = query.to_ascii_lowercase();
    let needle_chars = needle.chars().count();
    let mut matches = Vec::new();
    for &index in order {
        let Some(article) = collection.articles.get(index) else {
            continue;
        };
        // What the article pane shows is what is searched (credits too, no hidden byline).
        for (part, _, text) in shown_parts(article) {
            let haystack = text.to_ascii_lowercase();
            let mut chars_before = 0;
            let mut last_byte = 0;
            for (byte, _) in haystack.match_indices(&needle) {
                chars_before += haystack[last_byte..byte].chars().count();
                last_byte = byte;
                matches.push(Match {
                    article: index,
                    part,
                    start: chars_before,
                    end: chars_before + needle_chars,
                });
            }
        }
    }
    matches
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::collection::ParkGroup;
    use crate::core::{Article, Block, BlockKind};

    #[test]
    fn finds_char_offsets_in_order() {
        let mut a = Article::new("a", "Alpha 园区");
        a.blocks
            .push(Block::new(BlockKind::Paragraph, "园区在园区里。园区"));
        let b = Article::new("b", "园区 beta");
        let collection = Collection {
            articles: vec![a, b],
            parks: vec![ParkGroup {
                name: "x".into(),
                province: None,
                city: None,
                articles: vec![0, 1],
            }],
            warnings: vec![],
        };
        let found = find_all(&collection, &[1, 0], "园区");
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
        assert_eq!(find_all(&collection, &[0, 1], "BETA").len(), 1);
        assert!(find_all(&collection, &[0, 1], "").is_empty());
    }
}
