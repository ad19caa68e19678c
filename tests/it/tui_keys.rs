//! Key handling: key events through the keymap and `update`, as the event loop does it.

use crate::tui_support::{sample_collection, Harness};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use yuanqu::core::layout::Part;
use yuanqu::tui::app::{Focus, SearchMode};
use yuanqu::tui::config::Config;
use yuanqu::tui::view::parks::ParksPane;

fn sample() -> Harness {
    Harness::new(sample_collection(), 120, 36)
}

#[test]
fn number_keys_and_brackets_move_between_parks() {
    let mut h = sample();
    assert_eq!((h.app.park, h.app.article()), (0, Some(0)));
    h.keys("4");
    assert_eq!((h.app.park, h.app.article()), (3, Some(3)));
    h.keys("9");
    assert_eq!(h.app.park, 3, "no 9th park: nothing happens");
    h.keys("[");
    assert_eq!((h.app.park, h.app.article()), (2, Some(2)));
    h.keys("]]]]");
    assert_eq!(h.app.park, 3, "stops at the last park");
}

#[test]
fn focus_cycles_and_moves_left_right() {
    let mut h = sample();
    assert_eq!(h.app.focus, Focus::Article);
    h.keys("\t");
    assert_eq!(h.app.focus, Focus::Highlights);
    h.keys("\t");
    assert_eq!(h.app.focus, Focus::Parks);
    h.key_with(KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(h.app.focus, Focus::Highlights);
    h.keys("hhh");
    assert_eq!(h.app.focus, Focus::Parks);
    h.key(KeyCode::Right);
    assert_eq!(h.app.focus, Focus::Article);
}

#[test]
fn article_scrolls_by_row_page_and_ends() {
    let mut h = Harness::new(sample_collection(), 80, 16);
    h.keys("4");
    let height = h.app.article_height();
    let max = h.app.max_scroll();
    assert!(max > height, "the long article scrolls");
    h.keys("jj");
    assert_eq!(h.app.scroll(), 2);
    h.keys("k");
    assert_eq!(h.app.scroll(), 1);
    h.keys(" ");
    assert_eq!(h.app.scroll(), 1 + height - 1);
    h.keys("b");
    assert_eq!(h.app.scroll(), 1);
    h.key_with(KeyCode::Char('d'), KeyModifiers::CONTROL);
    assert_eq!(h.app.scroll(), 1 + (height - 1) / 2);
    h.keys("G");
    assert_eq!(h.app.scroll(), max);
    h.keys("j");
    assert_eq!(h.app.scroll(), max, "no scrolling past the end");
    h.keys("g");
    assert_eq!(h.app.scroll(), 0);
    h.key(KeyCode::End);
    assert_eq!(h.app.scroll(), max);
}

#[test]
fn enter_in_parks_opens_the_selected_item() {
    let mut h = sample();
    h.keys("h");
    assert_eq!(h.app.focus, Focus::Parks);
    // Cursor is on article 0 (row 1); down to park 2 (row 2), Enter opens its article.
    h.keys("j\n");
    assert_eq!((h.app.park, h.app.article()), (1, Some(1)));
}

#[test]
fn enter_in_highlights_marks_the_figure_and_scrolls_to_it() {
    let mut h = Harness::new(sample_collection(), 120, 12);
    h.keys("l");
    assert_eq!(h.app.focus, Focus::Highlights);
    h.keys("jjjjjjj\n");
    // Highlight order puts the date last: 7 steps down is 20%, figure 8.
    assert_eq!(h.app.marked_figure(), Some(8));
    let layout = h.app.current_layout().unwrap();
    let (row, _) = layout.locate(Part::Block(3), 0).unwrap();
    assert!(h.app.scroll() <= row && row < h.app.scroll() + h.app.article_height());
    h.keys("\u{1b}");
    assert_eq!(h.app.marked_figure(), None, "Esc clears the mark");
}

#[test]
fn search_is_incremental_lands_across_articles_and_cancels() {
    let mut h = sample();
    h.keys("/金磁");
    assert_eq!(h.app.search_mode(), SearchMode::Typing);
    assert_eq!(
        h.app.article(),
        Some(3),
        "the view follows the first match while typing"
    );
    h.keys("微粒\n");
    assert_eq!(h.app.search_mode(), SearchMode::Results);
    assert_eq!(h.app.search.matches.len(), 1);
    assert!(h.screen().contains("match 1/1"));
    // Several matches across articles: n and N walk them, wrapping.
    h.keys("1/区\n");
    let count = h.app.search.matches.len();
    assert!(count > 2);
    let articles: Vec<_> = (0..count)
        .map(|_| {
            h.keys("n");
            h.app.article()
        })
        .collect();
    assert_eq!(h.app.search.current, Some(0), "wrapped back to the first");
    assert!(
        articles.contains(&Some(0)) && articles.contains(&Some(2)),
        "{articles:?}"
    );
    h.keys("N");
    assert_eq!(h.app.search.current, Some(count - 1));
    // Esc while typing goes back to where the search began.
    h.keys("\u{1b}2/金磁");
    assert_eq!(h.app.article(), Some(3));
    h.keys("\u{1b}");
    assert_eq!(
        (h.app.article(), h.app.search_mode()),
        (Some(1), SearchMode::Off)
    );
    // A query without matches leaves the view alone and says so.
    h.keys("/没有这个词\n");
    assert_eq!(h.app.article(), Some(1));
    assert!(h.screen().contains("no match"));
}

#[test]
fn typing_in_search_does_not_trigger_bindings_but_ctrl_c_quits() {
    let mut h = sample();
    h.keys("/q6z?");
    assert!(!h.app.quitting() && !h.app.zoom && h.app.help().is_none());
    assert_eq!(h.app.search.query(), "q6z?");
    h.key(KeyCode::Backspace);
    assert_eq!(h.app.search.query(), "q6z");
    h.key_with(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(h.app.quitting());
}

#[test]
fn help_swallows_keys_and_esc_or_question_mark_closes_it() {
    let mut h = sample();
    h.keys("?3");
    assert!(h.app.help().is_some());
    assert_eq!(h.app.park, 0, "keys under help do not act on the reader");
    h.keys("?");
    assert!(h.app.help().is_none());
    h.keys("?\u{1b}");
    assert!(h.app.help().is_none());
    // q closes the help, as in less and man; ctrl-c still quits from it.
    h.keys("?q");
    assert!(h.app.help().is_none());
    assert!(!h.app.quitting());
    h.keys("?");
    h.key_with(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(h.app.quitting());
}

#[test]
fn zoom_toggles_and_esc_leaves_it() {
    let mut h = sample();
    h.keys("z");
    assert!(h.app.zoom);
    assert!(h.app.panes.parks.is_none());
    h.keys("\u{1b}");
    assert!(!h.app.zoom);
}

#[test]
fn rebinding_from_config_changes_keys_and_help() {
    let config = Config::merge(Some((
        std::path::Path::new("mine.toml"),
        "[keys]\nzoom = [\"Z\"]\n",
    )))
    .unwrap();
    let mut h = Harness::with_config(sample_collection(), config, 120, 36);
    h.keys("z");
    assert!(!h.app.zoom);
    h.keys("Z");
    assert!(h.app.zoom);
    h.keys("Z?");
    // The help is generated from the live keymap; page through it to the line.
    let mut zoom_line = None;
    for _ in 0..4 {
        let screen = h.screen();
        zoom_line = screen
            .lines()
            .find(|l| l.contains("zoom the article"))
            .map(str::to_string);
        if zoom_line.is_some() {
            break;
        }
        h.keys(" ");
    }
    let zoom_line = zoom_line.expect("zoom in the help");
    assert!(zoom_line.contains(" Z "), "{zoom_line}");
}

#[test]
fn parks_pane_renders_numbers_counts_markers() {
    let h = sample();
    let mut buf = Buffer::empty(Rect::new(0, 0, 30, 8));
    ParksPane { app: &h.app }.render(buf.area, &mut buf);
    let expected = Buffer::with_lines([
        "┌ 园区 Parks ────────────────┐",
        "│ 1 赣州高新区            1/1│",
        "│▶•└ 赣州高新区打造稀土新材… │",
        "│ 2 大同经济技术开发区    1/1│",
        "│ 3 贵阳综合保税区        1/1│",
        "│ 4 西安高新区            1/1│",
        "│                            │",
        "└────────────────────────────┘",
    ]);
    let symbols = |b: &Buffer| {
        b.content
            .iter()
            .map(|c| c.symbol().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(symbols(&buf), symbols(&expected));
}

#[test]
fn wide_ambiguous_characters_are_followed_by_a_skipped_cell() {
    use ratatui::buffer::CellDiffOption;
    use yuanqu::core::layout::{AmbiguousWidth, Row, RowStyle};
    use yuanqu::tui::theme::Theme;
    use yuanqu::tui::view::article::paint_row;
    let row = Row {
        style: RowStyle::Paragraph,
        part: Some(Part::Block(0)),
        indent: 0,
        chars: 0..4,
        text: "“中”a".to_string(),
    };
    let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
    paint_row(
        &row,
        &[],
        buf.area,
        &mut buf,
        &Theme::monochrome(),
        AmbiguousWidth::Wide,
    );
    let symbols: Vec<&str> = buf.content.iter().map(|c| c.symbol()).collect();
    assert_eq!(&symbols[..7], &["“", " ", "中", " ", "”", " ", "a"]);
    assert_eq!(buf.content[1].diff_option, CellDiffOption::Skip);
    assert_eq!(buf.content[5].diff_option, CellDiffOption::Skip);
    assert_eq!(
        buf.content[3].diff_option,
        CellDiffOption::None,
        "中 is wide in every terminal"
    );
}

/// The columns a terminal that draws ambiguous characters wide would give each row:
/// every drawn cell must start where the glyphs before it end, or the row shifts.
fn check_rows_aligned_in_a_wide_terminal(buf: &Buffer, what: &str) {
    use ratatui::buffer::CellDiffOption;
    use unicode_width::UnicodeWidthStr;
    let width = usize::from(buf.area.width);
    for (y, row) in buf.content.chunks(width).enumerate() {
        let mut covered = 0;
        let mut hidden = 0;
        let mut text = String::new();
        for (x, cell) in row.iter().enumerate() {
            if hidden > 0 {
                hidden -= 1;
                continue;
            }
            if cell.diff_option == CellDiffOption::Skip {
                continue;
            }
            text.push_str(cell.symbol());
            assert!(
                x >= covered,
                "{what}: row {y} draws {:?} at column {x}, under the glyph before it: {text}",
                cell.symbol()
            );
            covered = x + cell.symbol().width_cjk();
            hidden = cell.symbol().width().saturating_sub(1);
        }
        assert!(
            covered <= width,
            "{what}: row {y} runs past the edge: {text}"
        );
    }
}

#[test]
fn wide_ambiguous_mode_keeps_every_pane_aligned() {
    let config = Config::merge(Some((
        std::path::Path::new("mine.toml"),
        "[layout]\nambiguous_width = \"wide\"\n",
    )))
    .unwrap();
    for (width, height) in [(120, 36), (80, 24), (40, 20)] {
        let mut h = Harness::with_config(sample_collection(), config.clone(), width, height);
        let what = format!("{width}×{height}");
        check_rows_aligned_in_a_wide_terminal(&h.buffer(), &format!("{what} first screen"));
        // Highlights focused: the ▶ marker on a figure and the pane title.
        h.keys("ll");
        check_rows_aligned_in_a_wide_terminal(&h.buffer(), &format!("{what} highlights"));
        h.keys("hh");
        check_rows_aligned_in_a_wide_terminal(&h.buffer(), &format!("{what} parks"));
        h.keys("2");
        check_rows_aligned_in_a_wide_terminal(&h.buffer(), &format!("{what} 大同"));
        h.keys("?");
        check_rows_aligned_in_a_wide_terminal(&h.buffer(), &format!("{what} help"));
        h.keys("\u{1b}/金磁");
        check_rows_aligned_in_a_wide_terminal(&h.buffer(), &format!("{what} search"));
    }
}

#[test]
fn narrow_help_wraps_descriptions() {
    let mut h = Harness::new(sample_collection(), 40, 60);
    h.keys("?");
    let screen = h.screen();
    let lines: Vec<&str> = screen.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("l right"))
        .expect("the focus-right binding is listed");
    assert!(lines[at].contains(" pane to the "), "{}", lines[at]);
    assert!(lines[at + 1].contains(" right "), "{}", lines[at + 1]);
    let help_rows = &lines[..lines.len() - 1];
    assert!(
        help_rows.iter().all(|l| !l.contains('…')),
        "nothing cut:\n{screen}"
    );
}

#[test]
fn enter_on_an_empty_search_cancels_it() {
    let mut h = sample();
    h.keys("4G");
    let place = h.app.place();
    h.keys("/金");
    assert_eq!(h.app.search_mode(), SearchMode::Typing);
    h.key(KeyCode::Backspace);
    h.keys("\n");
    assert_eq!(h.app.search_mode(), SearchMode::Off);
    assert_eq!(h.app.notice, None, "no `no match for ` notice");
    assert_eq!(h.app.place(), place);
    let status = h.screen().lines().last().unwrap().to_string();
    assert!(!status.contains("no match"), "{status}");
}

#[test]
fn status_position_reads_top_bot_all_or_percent() {
    let status = |h: &mut Harness| h.screen().lines().nth(23).unwrap().to_string();
    let mut h = Harness::new(sample_collection(), 80, 24);
    assert!(status(&mut h).contains(" All "), "{}", status(&mut h));
    h.keys("4");
    assert!(h.app.max_scroll() > 2);
    assert!(status(&mut h).contains(" Top "), "{}", status(&mut h));
    h.keys("j");
    // As less: how far down the bottom row of the view is.
    let rows = h.app.current_layout().unwrap().rows.len();
    let expected = format!(" {}% ", (1 + h.app.article_height()) * 100 / rows);
    assert!(status(&mut h).contains(&expected), "{}", status(&mut h));
    h.keys("G");
    assert!(status(&mut h).contains(" Bot "), "{}", status(&mut h));
}

#[test]
fn resizing_keeps_the_text_at_the_top_of_the_view() {
    let mut h = Harness::new(sample_collection(), 80, 16);
    h.keys("4");
    // Scroll well down, until the view starts inside a paragraph, past its first row.
    for _ in 0..200 {
        let layout = h.app.current_layout().expect("an article is shown");
        if h.app.scroll() >= 15 && layout.rows[h.app.scroll()].chars.start > 0 {
            break;
        }
        h.keys("j");
    }
    let layout = h.app.current_layout().expect("an article is shown");
    assert!(
        layout.rows[h.app.scroll()].chars.start > 0,
        "the sample scrolls into a paragraph"
    );
    let first = layout.rows[h.app.scroll()..]
        .iter()
        .find(|r| r.part.is_some())
        .cloned()
        .expect("text in view");
    h.resize(100, 16);
    let layout = h.app.current_layout().expect("an article is shown");
    let shown = &layout.rows[h.app.scroll()];
    assert_eq!(
        shown.part, first.part,
        "same part at the top after the resize"
    );
    assert!(
        shown.chars.contains(&first.chars.start),
        "the first char shown before ({:?}) is on the top row after ({:?})",
        first.chars,
        shown.chars
    );
}

#[test]
fn wide_ambiguous_mode_keeps_the_pictures_aligned() {
    let config = Config::merge(Some((
        std::path::Path::new("mine.toml"),
        "[layout]\nambiguous_width = \"wide\"\n",
    )))
    .unwrap();
    for (width, height) in [(120, 36), (80, 24), (40, 20)] {
        let archive = crate::tui_pictures::pictures_archive();
        let mut h = Harness::with_config(archive, config.clone(), width, height);
        let what = format!("{width}×{height}");
        h.keys("i");
        check_rows_aligned_in_a_wide_terminal(&h.buffer(), &format!("{what} i"));
        h.keys("G");
        check_rows_aligned_in_a_wide_terminal(&h.buffer(), &format!("{what} i, bottom"));
        h.keys("\u{1b}O");
        check_rows_aligned_in_a_wide_terminal(&h.buffer(), &format!("{what} O"));
    }
}
