//! The one scrolling type: the first row a list or a text shows, kept between
//! frames, and the [`Motion`]s that move cursors and views.
//!
//! Deriving the first row from the cursor alone pins the cursor to the bottom row once
//! it is past the first page. A kept offset moves only when the cursor would leave the
//! view, as in less or a file manager. `update` calls [`ListOffset::follow`] after each
//! action (it knows the pane's height); the widget draws from [`ListOffset::first`].

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ListOffset {
    first: usize,
}

impl ListOffset {
    /// The first row shown.
    pub fn first(&self) -> usize {
        self.first
    }

    /// Scroll as little as possible so that rows `start..end` (the cursor's rows) are in
    /// a view of `height` rows over a list of `len` rows; never past the list's end.
    pub fn follow(&mut self, start: usize, end: usize, height: usize, len: usize) {
        if height == 0 {
            return;
        }
        let end = end.max(start + 1);
        if start < self.first {
            self.first = start;
        } else if end > self.first + height {
            self.first = end.saturating_sub(height).min(start);
        }
        self.first = self.first.min(len.saturating_sub(height));
    }

    /// Scroll a view of `height` rows over `len` rows by `motion`, as a pager does:
    /// never past the last row at the bottom.
    pub fn scroll(&mut self, motion: Motion, len: usize, height: usize) {
        let last_first = len.saturating_sub(height);
        self.first = motion.apply(self.first, last_first + 1);
    }

    /// Back to the top (a new list).
    pub fn reset(&mut self) {
        self.first = 0;
    }
}

#[cfg(test)]
mod tests {
    use crate::tui::scroll::{ListOffset, Motion};

    #[test]
    fn the_view_moves_only_when_the_cursor_leaves_it() {
        let mut list = ListOffset::default();
        for cursor in 0..10 {
            list.follow(cursor, cursor + 1, 10, 30);
            assert_eq!(list.first(), 0);
        }
        list.follow(12, 13, 10, 30);
        assert_eq!(list.first(), 3, "cursor on the bottom row");
        // Coming back up, the cursor leaves the bottom row; the view stays.
        list.follow(8, 9, 10, 30);
        assert_eq!(list.first(), 3);
        list.follow(2, 3, 10, 30);
        assert_eq!(list.first(), 2, "cursor on the top row");
        // Two-row entries stay whole.
        list.follow(20, 22, 10, 30);
        assert_eq!(list.first(), 12);
        // A shorter list or a taller view pulls the offset back.
        list.follow(5, 6, 10, 8);
        assert_eq!(list.first(), 0);
        list.reset();
        assert_eq!(list.first(), 0);
        let mut list = ListOffset::default();
        list.follow(3, 4, 0, 10);
        assert_eq!(list.first(), 0, "no view, no change");
    }

    /// The parks pane's moves, as the list's cursor goes (one row each).
    #[test]
    fn a_jump_puts_the_cursor_on_the_edge_it_came_through() {
        let at = |first: usize, cursor: usize, height: usize, len: usize| {
            let mut list = ListOffset { first };
            list.follow(cursor, cursor + 1, height, len);
            list.first()
        };
        assert_eq!(at(0, 9, 10, 100), 0);
        assert_eq!(at(0, 10, 10, 100), 1);
        assert_eq!(at(1, 5, 10, 100), 1);
        assert_eq!(at(0, 50, 10, 100), 41);
        assert_eq!(at(41, 20, 10, 100), 20);
        // The list shrank (a park folded): no empty rows under the end.
        assert_eq!(at(90, 12, 10, 15), 5);
        assert_eq!(at(3, 0, 10, 4), 0);
    }

    #[test]
    fn a_pager_scroll_stops_with_the_last_row_at_the_bottom() {
        let mut list = ListOffset::default();
        list.scroll(Motion::By(5), 12, 10);
        assert_eq!(list.first(), 2);
        list.scroll(Motion::By(-1), 12, 10);
        assert_eq!(list.first(), 1);
        list.scroll(Motion::Bottom, 30, 10);
        assert_eq!(list.first(), 20);
        list.scroll(Motion::By(0), 15, 10);
        assert_eq!(list.first(), 5, "a shorter text pulls it back");
        list.scroll(Motion::Top, 15, 10);
        assert_eq!(list.first(), 0);
    }
}

/// A cursor's move in a list: by some rows (negative: up), or to either end. The ends
/// are moves of their own, not huge row counts, so no arithmetic can overflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Motion {
    By(isize),
    Top,
    Bottom,
}

impl Motion {
    /// Where a cursor at `at` in a list of `len` rows lands (0 in an empty list).
    pub fn apply(self, at: usize, len: usize) -> usize {
        let last = len.saturating_sub(1);
        match self {
            Motion::By(delta) => at.saturating_add_signed(delta).min(last),
            Motion::Top => 0,
            Motion::Bottom => last,
        }
    }
}

#[cfg(test)]
mod motion_tests {
    use crate::tui::scroll::Motion;

    #[test]
    fn moves_stay_inside_the_list() {
        assert_eq!(Motion::By(3).apply(5, 10), 8);
        assert_eq!(Motion::By(30).apply(5, 10), 9);
        assert_eq!(Motion::By(-30).apply(5, 10), 0);
        assert_eq!(Motion::Top.apply(5, 10), 0);
        assert_eq!(Motion::Bottom.apply(5, 10), 9);
        assert_eq!(Motion::Bottom.apply(0, 0), 0);
        assert_eq!(
            Motion::By(isize::MAX).apply(usize::MAX - 1, usize::MAX),
            usize::MAX - 1
        );
    }
}
