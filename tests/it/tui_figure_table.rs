//! The figures table's own state: the cursor kept in view, a filter in error.

use yuanqu::core::collection::Collection;
use yuanqu::core::figure_table::FigureKeys;
use yuanqu::tui::modes::figure_table::FigureTable;
use yuanqu::tui::scroll::Motion;

/// The table over the whole collection, keyed by the figures its articles hold.
fn whole_table(c: &Collection) -> FigureTable {
    let mut t = FigureTable::over(None);
    t.rescope();
    t.set_keys(FigureKeys::of(&c.articles, None), &c.articles);
    t
}

#[test]
fn the_cursor_moves_inside_the_view() {
    let c = Collection::builtin();
    let mut t = whole_table(&c);
    assert!(t.rows.len() > 10);
    t.move_by(Motion::By(3), 5);
    assert_eq!((t.cursor, t.offset.first()), (3, 0));
    t.move_by(Motion::By(4), 5);
    assert_eq!((t.cursor, t.offset.first()), (7, 3));
    t.move_by(Motion::By(-6), 5);
    assert_eq!((t.cursor, t.offset.first()), (1, 1));
    t.move_by(Motion::Bottom, 5);
    assert_eq!(t.cursor, t.rows.len() - 1);
}

#[test]
fn a_filter_in_error_says_so_and_shows_no_rows_as_matching() {
    let c = Collection::builtin();
    let mut t = whole_table(&c);
    t.set_filter("元>=1亿".into(), &c.articles);
    let money = t.rows.len();
    assert!(money > 0);
    for bad in ["元>=", "moeny"] {
        t.set_filter(bad.into(), &c.articles);
        assert!(t.filter_error.is_some(), "{bad}");
        assert!(
            t.rows.is_empty(),
            "{bad}: the last filter's rows are not shown"
        );
        // Still none after a change of sort or scope.
        t.next_sort(&c.articles);
        assert!(t.rows.is_empty());
    }
    t.set_filter("元>=1亿".into(), &c.articles);
    assert_eq!(t.rows.len(), money);
}
