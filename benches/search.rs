//! Search over a big archive: building the folded text once, one query, and one search
//! keystroke from key to drawn frame.
//!
//! The archive is the folder in `$YUANQU_BENCH_PAGES` (e.g. `scripts/gen-pages.py DIR
//! 2000`), loaded as the reader loads it (its search text folded file by file, and
//! matches put in reading order after each scan), else the built-in collection
//! repeated 2,000 times.

use std::path::PathBuf;
use std::sync::OnceLock;

use divan::Bencher;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use yuanqu::core::collection::{Collection, LoadProgress};
use yuanqu::core::index::IndexPlace;
use yuanqu::core::reading_order::ReadingOrder;
use yuanqu::core::search::SearchIndex;
use yuanqu::core::searchable::{load_searchable, SearchableCollection};
use yuanqu::tui::config::Config;
use yuanqu::tui::input::prompt::Edit;
use yuanqu::tui::theme::{ColourDepth, Theme};
use yuanqu::tui::{dispatch, settle, view, Action, App};

fn main() {
    divan::main();
}

/// The archive as the reader holds it: from `$YUANQU_BENCH_PAGES` loaded as the reader
/// loads (bodies let go, the search text folded while loading), else the built-in
/// collection repeated.
fn archive() -> &'static SearchableCollection {
    static ARCHIVE: OnceLock<SearchableCollection> = OnceLock::new();
    ARCHIVE.get_or_init(load)
}

/// From `$YUANQU_BENCH_PAGES` as the reader loads it, else the built-in collection
/// repeated (with its bodies).
fn load() -> SearchableCollection {
    match std::env::var_os("YUANQU_BENCH_PAGES") {
        Some(dir) => load_searchable(
            &IndexPlace::from_env(),
            &[PathBuf::from(dir)],
            &LoadProgress::default(),
            |_| {},
        ),
        None => repeated_builtin().into(),
    }
}

fn repeated_builtin() -> Collection {
    let one = Collection::builtin();
    let articles = (0..2000)
        .flat_map(|copy| {
            one.articles.iter().map(move |a| {
                let mut a = a.clone();
                a.title = format!("{}（{copy}）", a.title);
                a
            })
        })
        .collect();
    Collection::from_articles(articles, Vec::new())
}

/// The archive's search index: as folded while loading, else built.
fn index() -> &'static SearchIndex {
    static INDEX: OnceLock<SearchIndex> = OnceLock::new();
    let archive = archive();
    match &archive.search {
        Some(index) => index,
        None => INDEX.get_or_init(|| {
            SearchIndex::build(&archive.collection, &ReadingOrder::new(&archive.collection))
        }),
    }
}

/// Building the folded text of the built-in collection repeated 2,000 times, in
/// reading order (a collection with its bodies; a loaded one folds while loading).
#[divan::bench]
fn build_index(bencher: Bencher) {
    let collection = repeated_builtin();
    let order = ReadingOrder::new(&collection);
    bencher.bench(|| SearchIndex::build(&collection, &order));
}

#[divan::bench(args = ["园区", "高新区", "金磁微粒", "５５亿元"])]
fn find_all(bencher: Bencher, query: &str) {
    let index = index();
    bencher.bench(|| index.find_all(query).map_or(0, |m| m.len()));
}

/// One key typed into the search prompt: the search and the frame drawn after it.
/// Alternates adding the fourth character of 金磁微粒 (the matches of 金磁微 narrowed)
/// and taking it back (a scan of the whole archive): the median lies between the two.
#[divan::bench]
fn keystroke_to_frame(bencher: Bencher) {
    let config = Config::builtin().expect("built-in config");
    let theme = Theme::new(&config.colours, ColourDepth::TrueColor);
    // The app's own copy, as the reader loads it (not timed).
    let loaded = load();
    let mut app = App::new(loaded, config, theme);
    dispatch(&mut app, Action::Resize(120, 36));
    dispatch(&mut app, Action::Search);
    for c in "金磁微".chars() {
        dispatch(&mut app, Action::SearchEdit(Edit::Insert(c)));
    }
    settle(&mut app);
    let area = Rect::new(0, 0, 120, 36);
    let mut buffer = Buffer::empty(area);
    let mut add = true;
    bencher.bench_local(|| {
        let edit = if add {
            Edit::Insert('粒')
        } else {
            Edit::Backspace
        };
        add = !add;
        dispatch(&mut app, Action::SearchEdit(edit));
        settle(&mut app);
        buffer.reset();
        view::render(area, &mut buffer, &app);
        app.search.matches.len()
    });
}
