//! The pictures: `i` (a park at a glance) and `O` (the archive at a glance), on a
//! fixed small archive of dated articles from two papers.

use ratatui::crossterm::event::KeyCode;
use yuanqu::core::collection::Collection;
use yuanqu::core::dates::PageDate;
use yuanqu::core::figures::{Figure, FigureKind};
use yuanqu::core::{Article, Block, BlockKind};

use crate::tui_support::Harness;

fn money(blocks: &[Block], text: &str, value: f64) -> Figure {
    let block = blocks
        .iter()
        .position(|b| b.text.contains(text))
        .expect("figure in text");
    let byte = blocks[block].text.find(text).unwrap();
    let start = blocks[block].text[..byte].chars().count();
    Figure {
        block,
        start,
        end: start + text.chars().count(),
        context: blocks[block].text.clone(),
        ..Figure::new(text, value, "元", FigureKind::Money)
    }
}

/// (park, year, month, day, paper, money figures as (text, value)).
type Row = (
    &'static str,
    u16,
    u8,
    u8,
    &'static str,
    &'static [(&'static str, f64)],
);

const ROWS: &[Row] = &[
    ("赣州高新区", 2023, 3, 7, "kjrb", &[("8000万元", 8e7)]),
    ("赣州高新区", 2023, 3, 21, "kjrb", &[]),
    (
        "赣州高新区",
        2023,
        6,
        13,
        "jxrb",
        &[("12亿元", 1.2e9), ("300万元", 3e6)],
    ),
    ("赣州高新区", 2023, 11, 2, "kjrb", &[("55亿元", 5.5e9)]),
    ("赣州高新区", 2024, 1, 16, "kjrb", &[("2亿元", 2e8)]),
    ("赣州高新区", 2024, 1, 30, "jxrb", &[]),
    ("赣州高新区", 2024, 2, 6, "kjrb", &[("6000万元", 6e7)]),
    ("赣州高新区", 2024, 5, 14, "kjrb", &[("10亿元", 1e9)]),
    ("赣州高新区", 2024, 7, 30, "kjrb", &[("3.5亿元", 3.5e8)]),
    ("西安高新区", 2023, 4, 4, "kjrb", &[("1.2亿元", 1.2e8)]),
    ("西安高新区", 2024, 2, 20, "kjrb", &[]),
    ("西安高新区", 2024, 7, 2, "sxrb", &[("4000万元", 4e7)]),
    ("合肥高新区", 2023, 9, 5, "kjrb", &[]),
    ("合肥高新区", 2024, 6, 18, "ahrb", &[("20亿元", 2e9)]),
    ("贵阳综合保税区", 2024, 3, 12, "kjrb", &[]),
];

pub(crate) fn pictures_archive() -> Collection {
    let articles = ROWS
        .iter()
        .enumerate()
        .map(|(i, (park, y, m, d, paper, figures))| {
            let mut a = Article::new(
                format!("p{i:02}"),
                format!("{park}第{i}篇：项目签约与产业发展"),
            );
            a.park = Some(park.to_string());
            a.date = PageDate::new(*y, *m, Some(*d));
            a.source = format!("{y}-{m:02}-{d:02}-{paper}.txt");
            let sentence: String = figures
                .iter()
                .map(|(text, _)| format!("园区签约项目总投资{text}。"))
                .collect();
            a.blocks = vec![Block::new(
                BlockKind::Paragraph,
                format!("{park}日前召开推进会。{sentence}园区将继续优化营商环境。"),
            )];
            a.figures = figures
                .iter()
                .map(|(t, v)| money(&a.blocks, t, *v))
                .collect();
            a
        })
        .collect();
    Collection::from_articles(articles, Vec::new())
}

const SIZES: [(u16, u16); 2] = [(120, 36), (80, 24)];

#[test]
fn a_park_at_a_glance() {
    for (w, h) in SIZES {
        let mut harness = Harness::new(pictures_archive(), w, h);
        harness.keys("i");
        let screen = harness.screen();
        for text in [
            "赣州高新区",
            "江西省",
            "9 articles",
            "2 sources",
            "highest 2",
            "^ 2024-07",
            "log scale",
            "55亿元",
        ] {
            assert!(screen.contains(text), "{text} at {w}×{h}:\n{screen}");
        }
        insta::assert_snapshot!(format!("park_view_{w}x{h}"), screen);
    }
}

#[test]
fn the_archive_at_a_glance() {
    for (w, h) in SIZES {
        let mut harness = Harness::new(pictures_archive(), w, h);
        harness.keys("O");
        let screen = harness.screen();
        for text in [
            "15 articles",
            "4 parks",
            "1 赣州高新区 9",
            "kjrb 11  2023-03-07 … 2024-07-30",
        ] {
            assert!(screen.contains(text), "{text} at {w}×{h}:\n{screen}");
        }
        insta::assert_snapshot!(format!("overview_{w}x{h}"), screen);
    }
}

/// Every row fits the width, measured as the terminal measures it.
fn fits(screen: &str, width: usize) {
    for line in screen.lines() {
        let cells = unicode_width::UnicodeWidthStr::width(line);
        assert!(cells <= width, "{cells} cells: {line}");
    }
}

#[test]
fn forty_columns_keep_labels_and_axes() {
    let mut harness = Harness::new(pictures_archive(), 40, 20);
    harness.keys("i");
    let screen = harness.screen();
    fits(&screen, 40);
    assert!(
        screen.contains("2023-03") && screen.contains("2024"),
        "{screen}"
    );
    // The page scrolls down to the money chart and its axis.
    harness.keys("GG");
    let screen = harness.screen();
    fits(&screen, 40);
    assert!(
        screen.contains("largest figures") || screen.contains("亿元"),
        "{screen}"
    );
    harness.keys("\u{1b}O");
    let screen = harness.screen();
    fits(&screen, 40);
    assert!(screen.contains("1 赣州高新区 9"), "{screen}");
}

#[test]
fn esc_and_q_return_exactly_where_you_were() {
    for before in ["", "2", "\tjj", "}}j"] {
        for open in ["i", "O"] {
            for close in ["\u{1b}", "q"] {
                let mut harness = Harness::new(pictures_archive(), 100, 30);
                harness.keys(before);
                let place = harness.app.place();
                let screen = harness.screen();
                harness.keys(open);
                assert_ne!(harness.screen(), screen, "{open} opens a view");
                harness.keys("jj");
                harness.keys(close);
                assert_eq!(harness.app.place(), place, "{before:?} {open} {close:?}");
                assert_eq!(harness.screen(), screen, "{before:?} {open} {close:?}");
                assert!(!harness.app.quitting());
            }
        }
    }
}

#[test]
fn enter_opens_the_article_at_the_figure() {
    let mut harness = Harness::new(pictures_archive(), 120, 36);
    harness.keys("ij\n");
    assert!(harness.app.park_view().is_none());
    // The second largest: 12亿元 of 2023-06-13.
    let article = harness.app.shown_article().expect("an article open");
    assert_eq!(
        article.date.map(|d| d.to_string()).as_deref(),
        Some("2023-06-13")
    );
    let marked = harness.app.marked_figure().expect("the figure marked");
    assert_eq!(article.figures[marked].text, "12亿元");
}

#[test]
fn i_on_a_park_in_the_parks_pane_is_that_park() {
    let mut harness = Harness::new(pictures_archive(), 120, 36);
    // The parks pane, down to the second park's row.
    harness.keys("2");
    harness.key(KeyCode::BackTab);
    harness.keys("i");
    let screen = harness.screen();
    assert!(screen.contains("Park · 西安高新区"), "{screen}");
    assert!(screen.contains("3 articles"), "{screen}");
}

#[test]
fn the_scope_key_shows_the_last_twelve_months() {
    let mut harness = Harness::new(pictures_archive(), 120, 36);
    harness.keys("O");
    let whole = harness.app.overview().unwrap().stats.months.len();
    assert_eq!(whole, 17, "2023-03 to 2024-07");
    harness.keys("a");
    let view = harness.app.overview().unwrap();
    assert!(view.last_year);
    let months: Vec<String> = view
        .stats
        .months
        .iter()
        .map(|m| m.month.to_string())
        .collect();
    assert_eq!(months.len(), 12);
    assert_eq!(
        (months[0].as_str(), months[11].as_str()),
        ("2023-08", "2024-07")
    );
    // Articles of the last 12 months only: 15 less the four before August 2023.
    assert_eq!(view.stats.articles, 11);
    let screen = harness.screen();
    assert!(screen.contains("scope: the last 12 months"), "{screen}");
    // Twelve bars with room for their months: the first with its year.
    assert!(screen.contains("2023-08 10  11  12  2024"), "{screen}");
}

#[test]
fn a_park_number_in_the_overview_goes_there() {
    let mut harness = Harness::new(pictures_archive(), 120, 36);
    harness.keys("O2");
    assert!(harness.app.overview().is_none());
    assert_eq!(
        harness.app.collection.parks[harness.app.park].name,
        "西安高新区"
    );
}

#[test]
fn without_colour_the_bars_are_shapes() {
    use yuanqu::tui::theme::Theme;
    let mut harness = Harness::new(pictures_archive(), 120, 36);
    harness.app.theme = Theme::monochrome();
    harness.keys("i");
    let buffer = harness.buffer();
    let bars = buffer.content.iter().filter(|c| c.symbol() == "█").count();
    assert!(bars > 20, "{bars} bar cells");
    let dots = buffer
        .content
        .iter()
        .filter(|c| {
            c.symbol()
                .chars()
                .any(|ch| ('\u{2801}'..='\u{28ff}').contains(&ch))
        })
        .count();
    assert!(dots >= 5, "{dots} Braille cells for the money");
}

#[test]
fn a_long_name_is_cut_never_its_count() {
    let mut harness = Harness::new(Collection::builtin(), 80, 24);
    harness.keys("O");
    let screen = harness.screen();
    let row = screen
        .lines()
        .find(|l| l.contains("  2 暖城"))
        .unwrap_or_else(|| panic!("park 2 ranked:\n{screen}"));
    assert!(row.contains("… 1 "), "{row}");
    // Undated: the months say so rather than draw an empty axis.
    assert!(screen.contains("no dated articles"), "{screen}");
}

#[test]
fn enter_opens_only_a_figure_in_view() {
    let mut harness = Harness::new(pictures_archive(), 40, 20);
    // The list is below the first screen at 40×20: Enter there opens nothing.
    harness.keys("i\n");
    assert!(harness.app.park_view().is_some());
    // j scrolls down to it; then Enter opens the figure under the cursor.
    for _ in 0..40 {
        harness.keys("j");
    }
    harness.keys("\n");
    assert!(harness.app.park_view().is_none());
    assert!(harness.app.marked_figure().is_some());
}

#[test]
fn help_over_a_picture_closes_back_to_it_and_nothing_loaded_is_no_panic() {
    let mut harness = Harness::new(pictures_archive(), 100, 30);
    harness.keys("i");
    let picture = harness.screen();
    harness.keys("?");
    assert!(harness.app.help().is_some());
    harness.keys("\u{1b}");
    assert_eq!(
        harness.screen(),
        picture,
        "Esc closes the help, not the picture"
    );
    // Nothing loaded: i has no park to show, O counts nothing.
    let mut empty = Harness::new(Collection::default(), 80, 24);
    empty.keys("i");
    assert!(empty.app.park_view().is_none());
    empty.keys("O");
    assert!(empty.screen().contains("0 articles"));
    for (w, h) in [(20, 6), (1, 1)] {
        empty.resize(w, h);
        empty.screen();
        harness.resize(w, h);
        harness.screen();
    }
}
