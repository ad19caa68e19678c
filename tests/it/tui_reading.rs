//! Reading on and reading state in the reader: read marks, next article, the one-pane
//! layout's article actions, hidden panes, places kept across sizes, the help overlay.

use std::time::{Duration, Instant};

use crate::tui_support::{sample_collection, Harness};
use ratatui::crossterm::event::KeyCode;
use yuanqu::state::State;
use yuanqu::tui::app::{App, Focus};
use yuanqu::tui::config::Config;
use yuanqu::tui::theme::{ColourDepth, Theme};
use yuanqu::tui::{dispatch, Action};

fn sample(width: u16, height: u16) -> Harness {
    Harness::new(sample_collection(), width, height)
}

/// The text of the article row at the top of the view.
fn top_row_text(h: &Harness) -> String {
    let layout = h.app.current_layout().expect("article shown");
    layout.rows[h.app.scroll()].text.clone()
}

#[test]
fn next_and_previous_article_cross_parks() {
    let mut h = sample(120, 36);
    assert_eq!(h.app.article(), Some(0));
    h.keys("}");
    assert_eq!(
        (h.app.park, h.app.article()),
        (1, Some(1)),
        "next park's first"
    );
    h.keys("}}");
    assert_eq!(h.app.article(), Some(3));
    h.keys("}");
    assert_eq!(h.app.article(), Some(3), "the last article stays");
    assert_eq!(h.app.notice.as_deref(), Some("the last article"));
    h.keys("{");
    assert_eq!((h.app.park, h.app.article()), (2, Some(2)));
}

#[test]
fn page_down_at_the_end_goes_on_to_the_next_article() {
    let mut h = sample(80, 16);
    h.keys("3");
    // The short article fits: page down goes straight on.
    h.keys(" ");
    assert_eq!(h.app.article(), Some(3));
    assert_eq!(h.app.scroll(), 0, "the next article from its top");
    h.keys(" ");
    assert_eq!(h.app.article(), Some(3), "a long article pages first");
    assert!(h.app.scroll() > 0);
    // Turned off, page down at the end stays.
    let config = Config::merge(Some((
        std::path::Path::new("mine.toml"),
        "[reader]\nspace_continues = false\n",
    )))
    .unwrap();
    let mut h = Harness::with_config(sample_collection(), config, 80, 16);
    h.keys("3 ");
    assert_eq!(h.app.article(), Some(2));
}

#[test]
fn read_marks_from_time_the_end_and_u() {
    let mut h = sample(80, 16);
    assert!(!h.app.is_read(0));
    h.app.tick(Instant::now() + Duration::from_secs(60));
    assert!(h.app.is_read(0), "open a moment: read");
    h.keys("u");
    assert!(!h.app.is_read(0), "u marks it unread");
    h.app.tick(Instant::now() + Duration::from_secs(120));
    assert!(!h.app.is_read(0), "and it stays unread while open");
    h.keys("4");
    assert!(!h.app.is_read(3));
    h.keys("G");
    assert!(h.app.is_read(3), "scrolled to its end: read");
    assert_eq!(h.app.unread_in_park(3), 0);
    assert_eq!(h.app.unread_in_park(1), 1);
    // U: the next unread, wrapping around the collection.
    h.keys("U");
    assert_eq!(h.app.article(), Some(0));
    h.keys("U");
    assert_eq!(h.app.article(), Some(1));
    // The parks pane marks unread articles and counts them.
    let screen = h.screen();
    assert!(screen.contains("•└ “晋创谷"), "{screen}");
    assert!(screen.contains("1/1"), "{screen}");
}

#[test]
fn one_pane_actions_about_the_article_show_it() {
    // Tab to highlights, j j, Enter: the article with that figure marked, in view.
    let mut h = sample(40, 15);
    h.keys("\tjj\n");
    assert_eq!(h.app.focus, Focus::Article);
    let marked = h.app.marked_figure().expect("a figure marked");
    let figure = &h.app.collection.articles[0].figures[marked];
    assert_eq!(figure.text, "2亿元", "the third in highlight order");
    assert!(h.screen().contains("2亿元"));
    // A search landing shows the article.
    let mut h = sample(40, 15);
    h.keys("\t\t");
    assert_eq!(h.app.focus, Focus::Parks);
    h.keys("/金磁微粒\n");
    assert_eq!(h.app.focus, Focus::Article);
    assert!(h.screen().contains("金磁微粒"));
    // Enter on an article row, and } from the parks pane.
    let mut h = sample(40, 15);
    h.keys("\t\t\n");
    assert_eq!((h.app.focus, h.app.article()), (Focus::Article, Some(0)));
    h.keys("\t\t}");
    assert_eq!((h.app.focus, h.app.article()), (Focus::Article, Some(1)));
}

#[test]
fn side_panes_hide_and_show() {
    let mut h = sample(120, 36);
    let article_width = |h: &Harness| h.app.panes.article.unwrap().width;
    let before = article_width(&h);
    h.keys("P");
    assert!(h.app.panes.parks.is_none());
    // The article keeps its reading width; highlights take the room parks leave.
    assert_eq!(article_width(&h), before);
    assert_eq!(h.app.panes.highlights.unwrap().width, 120 - before);
    h.keys("\t\t");
    assert_ne!(h.app.focus, Focus::Parks, "a hidden pane takes no focus");
    h.keys("H");
    assert!(h.app.panes.highlights.is_none());
    assert_eq!(h.app.focus, Focus::Article);
    assert_eq!(article_width(&h), 120, "both hidden: the article alone");
    h.keys("PH");
    assert!(h.app.panes.parks.is_some() && h.app.panes.highlights.is_some());
    assert_eq!(article_width(&h), before);
}

#[test]
fn a_screen_too_small_and_back_keeps_the_place() {
    let mut h = sample(120, 16);
    h.keys("4");
    for _ in 0..12 {
        h.keys("j");
    }
    let place = top_row_text(&h);
    assert!(h.app.scroll() > 0);
    h.resize(30, 4);
    assert!(h.screen().contains("too small"));
    assert!(
        !h.app.is_read(3),
        "an article out of sight is not read to its end"
    );
    h.resize(120, 16);
    assert_eq!(top_row_text(&h), place);
    // Back and forth through other widths: no drift.
    for w in [70, 90, 160, 55, 101] {
        h.resize(w, 16);
        h.resize(120, 16);
        assert_eq!(top_row_text(&h), place, "after {w} columns");
    }
}

#[test]
fn help_scrolls_no_further_than_it_shows_and_hides_the_panes() {
    let mut h = sample(120, 20);
    h.keys("?");
    for _ in 0..200 {
        h.keys("j");
    }
    let at_bottom = h.screen();
    h.keys("k");
    assert_ne!(
        h.screen(),
        at_bottom,
        "k moves at once after scrolling to the end"
    );
    h.keys("G");
    let screen = h.screen();
    assert!(screen.contains("always quits"), "{screen}");
    // Beside the box, nothing of the panes shows.
    for line in screen.lines().take(19) {
        let outside = line.trim_start();
        assert!(
            outside.starts_with('┌') || outside.starts_with('│') || outside.starts_with('└'),
            "{line}"
        );
    }
}

#[test]
fn highlights_keep_their_offset_when_the_cursor_goes_back_up() {
    let mut h = sample(120, 12);
    h.keys("l");
    assert_eq!(h.app.focus, Focus::Highlights);
    let rows = h.app.panes.inner_height(Focus::Highlights);
    for _ in 0..8 {
        h.keys("j");
    }
    let first = h.app.view.unwrap().highlights.first();
    assert!(first > 0, "scrolled with the cursor");
    h.keys("k");
    assert_eq!(
        h.app.view.unwrap().highlights.first(),
        first,
        "the view stays while the cursor is in it ({rows} rows)"
    );
    let screen = h.screen();
    let cursor_line = screen
        .lines()
        .position(|l| l.contains('▶') && l.contains("%"));
    assert!(cursor_line.is_some(), "{screen}");
}

#[test]
fn saved_state_opens_the_last_article_at_its_place() {
    let mut h = sample(100, 16);
    h.keys("4");
    for _ in 0..10 {
        h.keys("j");
    }
    let place = top_row_text(&h);
    assert!(
        place.starts_with("第"),
        "scrolled into the paragraphs: {place}"
    );
    h.keys("P");
    h.app.note_reading();
    let saved: State = h.app.reading.clone();
    assert_eq!(saved.last_article.as_deref(), Some("xa"));
    assert!(saved.hide_parks && !saved.hide_highlights);
    // Another width: the same text at the top.
    let config = Config::builtin().unwrap();
    let theme = Theme::new(&config.colours, ColourDepth::TrueColor);
    let mut app = App::with_state(sample_collection(), config, theme, saved);
    dispatch(&mut app, Action::Resize(100, 16));
    assert_eq!(app.article(), Some(3));
    assert_eq!(app.notice.as_deref(), Some("back where you left off"));
    assert!(app.hidden.parks, "hidden panes are remembered");
    dispatch(&mut app, Action::ToggleParks);
    assert_eq!(app.notice, None, "said briefly: gone at the next key");
    let layout = app.current_layout().unwrap();
    assert_eq!(layout.rows[app.scroll()].text, place);
    dispatch(&mut app, Action::Resize(160, 16));
    let layout = app.current_layout().unwrap();
    let start: String = place.chars().take(2).collect();
    assert!(layout.rows[app.scroll()].text.contains(&start), "{place}");
}

#[test]
fn ctrl_c_quits_from_the_help_and_q_only_closes_it() {
    let mut h = sample(80, 24);
    h.keys("?q");
    assert!(h.app.help().is_none() && !h.app.quitting());
    h.key(KeyCode::Char('?'));
    h.key_with(
        KeyCode::Char('c'),
        ratatui::crossterm::event::KeyModifiers::CONTROL,
    );
    assert!(h.app.quitting());
}

#[test]
fn up_and_down_in_the_search_prompt_recall_earlier_searches() {
    let mut h = sample(120, 36);
    h.keys("/金磁\n\u{1b}/概念\n\u{1b}/");
    h.key(KeyCode::Up);
    assert_eq!(h.app.search.query(), "概念");
    h.key(KeyCode::Up);
    assert_eq!(h.app.search.query(), "金磁");
    assert_eq!(h.app.article(), Some(3), "the recalled query searches");
    h.key(KeyCode::Up);
    assert_eq!(h.app.search.query(), "金磁", "the oldest stays");
    h.key(KeyCode::Down);
    assert_eq!(h.app.search.query(), "概念");
    h.key(KeyCode::Down);
    assert_eq!(h.app.search.query(), "");
    assert_eq!(h.app.reading.search_history, ["金磁", "概念"]);
}
