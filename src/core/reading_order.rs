//! The order the reader lists articles in: park by park as the parks pane shows them,
//! then any article no park lists. Built once per collection, so asking an article's
//! place or park is a lookup, not a scan.

use super::collection::Collection;

#[derive(Debug, Clone, Default)]
pub struct ReadingOrder {
    /// Article indexes in reading order.
    order: Vec<usize>,
    /// For each article index, its place in `order`.
    rank: Vec<usize>,
    /// For each article index, the first park that lists it.
    park: Vec<Option<usize>>,
}

impl ReadingOrder {
    pub fn new(collection: &Collection) -> ReadingOrder {
        let count = collection.articles.len();
        let mut order = Vec::with_capacity(count);
        let mut park = vec![None; count];
        for (p, group) in collection.parks.iter().enumerate() {
            for &article in &group.articles {
                if article < count && park[article].is_none() {
                    park[article] = Some(p);
                    order.push(article);
                }
            }
        }
        // Articles no park lists are still read (and searched), after the rest.
        order.extend((0..count).filter(|&a| park[a].is_none()));
        let mut rank = vec![0; count];
        for (place, &article) in order.iter().enumerate() {
            rank[article] = place;
        }
        ReadingOrder { order, rank, park }
    }

    pub fn articles(&self) -> &[usize] {
        &self.order
    }

    /// The article's place in reading order (past the end for an unknown index).
    pub fn rank(&self, article: usize) -> usize {
        self.rank.get(article).copied().unwrap_or(self.order.len())
    }

    /// The park that lists the article, if any.
    pub fn park_of(&self, article: usize) -> Option<usize> {
        self.park.get(article).copied().flatten()
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::collection::ParkGroup;
    use crate::core::Article;

    #[test]
    fn parks_first_then_unlisted_each_article_once() {
        let group = |articles: Vec<usize>| ParkGroup {
            name: "p".into(),
            province: None,
            city: None,
            articles,
        };
        let collection = Collection {
            articles: (0..5).map(|i| Article::new(i.to_string(), "t")).collect(),
            // Article 1 listed twice, 3 never, 9 does not exist.
            parks: vec![group(vec![2, 1]), group(vec![1, 0, 9])],
            warnings: vec![],
        };
        let order = ReadingOrder::new(&collection);
        assert_eq!(order.articles(), &[2, 1, 0, 3, 4]);
        assert_eq!(order.rank(0), 2);
        assert_eq!(order.rank(3), 3);
        assert_eq!(order.rank(99), 5);
        assert_eq!(order.park_of(1), Some(0));
        assert_eq!(order.park_of(0), Some(1));
        assert_eq!(order.park_of(3), None);
    }
}
