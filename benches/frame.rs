//! One full frame of the reader at 200×60 showing the longest built-in article.

use divan::Bencher;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::Terminal;
use yuanqu::core::collection::Collection;
use yuanqu::tui::config::Config;
use yuanqu::tui::theme::{ColourDepth, Theme};
use yuanqu::tui::{dispatch, view, Action, App};

fn main() {
    divan::main();
}

/// The reader at 200×60 on the longest article, with a search running so that marks
/// are drawn too.
fn app() -> App {
    let collection = Collection::builtin();
    let longest = (0..collection.articles.len())
        .max_by_key(|&i| {
            collection.articles[i]
                .blocks
                .iter()
                .map(|b| b.text.len())
                .sum::<usize>()
        })
        .unwrap_or(0);
    let config = Config::builtin().expect("built-in config");
    let theme = Theme::new(&config.colours, ColourDepth::TrueColor);
    let mut app = App::new(collection, config, theme);
    dispatch(&mut app, Action::Resize(200, 60));
    app.open_article(longest);
    dispatch(&mut app, Action::Search);
    for c in "高新区".chars() {
        dispatch(&mut app, Action::SearchInput(c));
    }
    dispatch(&mut app, Action::SearchSubmit);
    app
}

/// Rendering the whole screen into a buffer (the layout is cached, as between frames).
#[divan::bench]
fn render_200x60(bencher: Bencher) {
    let app = app();
    let area = Rect::new(0, 0, 200, 60);
    let mut buf = Buffer::empty(area);
    bencher.bench_local(|| {
        buf.reset();
        view::render(area, &mut buf, &app);
        divan::black_box(&buf);
    });
}

/// A full terminal frame: render, diff against the last frame and hand the changes to
/// the backend, scrolling one row each time so the diff has work to do.
#[divan::bench]
fn draw_scrolling_200x60(bencher: Bencher) {
    let mut app = app();
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
    let mut down = true;
    bencher.bench_local(|| {
        if app.scroll() == 0 || app.scroll() >= app.max_scroll() {
            down = !down;
        }
        app.focus = yuanqu::tui::app::Focus::Article;
        dispatch(&mut app, if down { Action::Down } else { Action::Up });
        terminal
            .draw(|frame| view::draw(frame, &app))
            .expect("draw");
    });
}

/// The reader's own frame path (`tui::screen`: diff, scroll detection, lean writer)
/// at 200×60, zoomed so that each one-row scroll is found and sent as a terminal scroll.
#[divan::bench]
fn screen_scrolling_zoomed_200x60(bencher: Bencher) {
    let mut app = app();
    app.focus = yuanqu::tui::app::Focus::Article;
    dispatch(&mut app, Action::Zoom);
    let mut screen = yuanqu::tui::term::screen::Screen::new(std::io::sink(), 200, 60, true);
    let mut down = true;
    bencher.bench_local(|| {
        if app.scroll() == 0 || app.scroll() >= app.max_scroll() {
            down = !down;
        }
        dispatch(&mut app, if down { Action::Down } else { Action::Up });
        let bytes = screen
            .draw(|area, buf| view::render(area, buf, &app))
            .expect("draw");
        divan::black_box(bytes);
    });
}

/// Baseline, same run and size: ratatui's own `Paragraph` drawing the same
/// article's text (unwrapped lines) into a 200×60 buffer.
#[divan::bench]
fn baseline_paragraph_200x60(bencher: Bencher) {
    use ratatui::widgets::{Paragraph, Widget};
    let collection = Collection::builtin();
    let text: String = collection
        .articles
        .iter()
        .max_by_key(|a| a.blocks.iter().map(|b| b.text.len()).sum::<usize>())
        .map(|a| {
            a.blocks
                .iter()
                .map(|b| b.text.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default();
    let area = Rect::new(0, 0, 200, 60);
    let mut buf = Buffer::empty(area);
    bencher.bench_local(|| {
        buf.reset();
        Paragraph::new(text.as_str()).render(area, &mut buf);
        divan::black_box(&buf);
    });
}
