//! The reader over an archive: park numbers past nine, the park finder, long parks,
//! the nothing-loaded screen, and search that keeps up (prompt editing, n from here).

use crate::tui_support::{sample_collection, Harness};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use yuanqu::core::collection::Collection;
use yuanqu::core::{Article, Block, BlockKind};
use yuanqu::tui::app::{Focus, ParkItem, SearchMode, PARK_PREVIEW};
use yuanqu::tui::config::Config;
use yuanqu::tui::{dispatch, settle, Action};

/// Parks named from a list of real places, the third with `long` articles; each
/// article's text names its park and its number.
fn archive(long: usize) -> Collection {
    let places = [
        "西安高新区",
        "赣州高新区",
        "长沙经济技术开发区",
        "重庆两江新区",
        "厦门火炬高新区",
        "蚌埠高新区",
        "中山火炬开发区",
        "苏州工业园区",
        "合肥高新区",
        "武汉东湖高新区",
        "成都高新区",
        "郑州航空港经济综合实验区",
        "南宁经济技术开发区",
        "贵阳综合保税区",
        "大同经济技术开发区",
    ];
    let mut articles = Vec::new();
    for (p, place) in places.iter().enumerate() {
        let count = if p == 2 { long } else { 1 };
        for i in 0..count {
            let mut a = Article::new(format!("a{p}-{i}"), format!("{place}第{i}篇报道"));
            a.park = Some(place.to_string());
            a.blocks.push(Block::new(
                BlockKind::Paragraph,
                format!("{place}今年新增企业{i}家，园区产值增长２０％。"),
            ));
            articles.push(a);
        }
    }
    Collection::from_articles(articles, Vec::new())
}

fn park_named(h: &Harness, name: &str) -> usize {
    h.app
        .collection
        .parks
        .iter()
        .position(|p| p.name == name)
        .expect("park in the archive")
}

#[test]
fn every_park_shows_its_number_and_two_keys_reach_it() {
    // Tall enough for the parks pane (half the left column) to list all fifteen.
    let mut h = Harness::new(archive(1), 120, 44);
    let parks = h.app.collection.parks.len();
    assert!(parks > 9);
    let screen = h.screen();
    for number in [1, 9, 10, parks] {
        let name = &h.app.collection.parks[number - 1].name;
        assert!(
            screen.contains(&format!("{number:>2} {name}")),
            "park {number} numbered on screen:\n{screen}"
        );
    }
    // 1 could begin 10–15: it waits, and says so.
    h.keys("1");
    assert_eq!(h.app.park, 0);
    assert!(h.screen().contains("go to park 1_"));
    h.keys("2");
    assert_eq!(h.app.park, 11, "1 2 is park 12");
    assert!(!h.screen().contains("go to park"));
    // 3 can begin no longer number: it goes at once.
    h.keys("3");
    assert_eq!(h.app.park, 2);
    // 1 then Enter is park 1; 1 then 0 is park 10.
    h.keys("1\n");
    assert_eq!(h.app.park, 0);
    h.keys("10");
    assert_eq!(h.app.park, 9);
    // Backspace takes a digit back, Esc drops the number, another key goes to it and acts.
    h.keys("1");
    h.key(KeyCode::Backspace);
    assert!(h.app.park_number().is_none());
    h.keys("1\u{1b}");
    assert_eq!((h.app.park, h.app.park_number().is_none()), (9, true));
    h.keys("1]");
    assert_eq!(
        (h.app.park, h.app.park_number().is_none()),
        (1, true),
        "park 1, then ]"
    );
    h.keys("10");
    // No such park: said, and nothing moves.
    h.keys("19");
    assert_eq!(h.app.park, 9);
    assert!(h.screen().contains("no park 19"));
}

#[test]
fn n_after_an_unfinished_park_number_goes_on_from_that_park() {
    let mut h = Harness::new(archive(1), 120, 36);
    // The search begins at park 5: its current match is there.
    h.keys("5/产值\n");
    assert_eq!(h.app.park, 4);
    // 1 could begin 10–15; n goes to park 1 first, then to the next match from there.
    h.keys("1n");
    assert_eq!(h.app.park, 0);
    let first = h.app.collection.parks[0].articles[0];
    assert_eq!(h.app.article(), Some(first));
}

#[test]
fn a_pause_completes_a_park_number() {
    let mut h = Harness::new(archive(1), 120, 36);
    h.keys("1");
    // What the event loop does once the pause has passed.
    dispatch(&mut h.app, Action::ParkNumberDone);
    assert_eq!((h.app.park, h.app.park_number().is_none()), (0, true));
    h.keys("4");
    assert_eq!(h.app.park, 3);
}

#[test]
fn with_nine_parks_or_fewer_a_digit_jumps_at_once() {
    let mut h = Harness::new(sample_collection(), 120, 36);
    h.keys("3");
    assert_eq!(h.app.park, 2);
    assert!(h.app.park_number().is_none());
    h.keys("0");
    assert_eq!(h.app.park, 2, "0 is no park");
}

#[test]
fn the_park_finder_filters_by_pinyin_and_opens_the_first() {
    let mut h = Harness::new(archive(1), 120, 36);
    let ganzhou = park_named(&h, "赣州高新区");
    h.keys("pgz");
    assert_eq!(h.app.focus, Focus::Parks);
    let screen = h.screen();
    assert!(screen.contains("park: gz"), "{screen}");
    assert!(
        screen.contains(&format!("{} 赣州高新区", ganzhou + 1)),
        "{screen}"
    );
    assert_eq!(
        h.app.park_items(),
        [ParkItem::Park(ganzhou)],
        "only 赣州 is listed"
    );
    h.keys("\n");
    assert_eq!(h.app.park, ganzhou);
    assert!(h.app.finder().is_none());
    assert_eq!(h.app.focus, Focus::Article, "back to the pane it came from");
    // Polyphones: every reading finds them, the usual one ranks first.
    for (query, park) in [
        ("cs", "长沙经济技术开发区"),
        ("zq", "重庆两江新区"),
        ("xm", "厦门火炬高新区"),
        ("bb", "蚌埠高新区"),
        ("gzgx", "赣州高新区"),
        ("ganzhou", "赣州高新区"),
        ("赣州", "赣州高新区"),
    ] {
        h.keys(&format!("p{query}\n"));
        assert_eq!(h.app.park, park_named(&h, park), "{query}");
    }
    h.keys("pzs");
    let found: Vec<_> = h.app.park_items();
    assert_eq!(
        found[..2],
        [
            ParkItem::Park(park_named(&h, "中山火炬开发区")),
            ParkItem::Park(park_named(&h, "长沙经济技术开发区"))
        ]
    );
    // Down picks the second.
    h.key(KeyCode::Down);
    h.keys("\n");
    assert_eq!(h.app.park, park_named(&h, "长沙经济技术开发区"));
}

#[test]
fn esc_in_the_finder_gives_back_the_view() {
    let mut h = Harness::new(archive(1), 120, 36);
    h.keys("4");
    h.keys("jjj");
    let before = (h.app.place(), h.app.focus, h.screen());
    h.keys("pgz");
    h.keys("\u{1b}");
    assert!(h.app.finder().is_none());
    assert_eq!((h.app.place(), h.app.focus, h.screen()), before);
    // Backspace on an empty finder prompt leaves it too.
    h.keys("px");
    h.key(KeyCode::Backspace);
    h.key(KeyCode::Backspace);
    assert!(h.app.finder().is_none());
    assert_eq!((h.app.place(), h.app.focus), (before.0, before.1));
    // Nothing found: said in the pane, Enter stays.
    h.keys("pqqqq\n");
    assert!(h.app.finder().is_some());
    assert!(h.screen().contains("(no park matches)"));
}

#[test]
fn a_long_park_lists_its_first_articles_and_a_more_row() {
    let long = 30;
    // Tall enough for the parks pane (half the left column) to hold every row.
    let mut h = Harness::new(archive(long), 120, 60);
    h.keys("3");
    let items = h.app.park_items();
    let hidden = long - PARK_PREVIEW;
    assert!(items.contains(&ParkItem::More { park: 2, hidden }));
    let screen = h.screen();
    assert!(screen.contains(&format!("… {hidden} more")), "{screen}");
    // The parks after it stay on screen.
    let last = h.app.collection.parks.len();
    assert!(
        screen.contains(&h.app.collection.parks[last - 1].name),
        "{screen}"
    );
    // Enter on the more row lists them all.
    h.keys("h");
    assert_eq!(h.app.focus, Focus::Parks);
    let more = items
        .iter()
        .position(|i| matches!(i, ParkItem::More { .. }))
        .unwrap();
    let steps = more - h.app.parks_cursor;
    h.keys(&"j".repeat(steps));
    h.keys("\n");
    assert!(h.app.park_full);
    assert_eq!(h.app.park_items().len(), items.len() - 1 + hidden);
    // Another park folds it again.
    h.keys("4");
    assert!(!h.app.park_full);
}

#[test]
fn a_search_match_past_the_preview_lists_the_park_in_full() {
    let mut h = Harness::new(archive(30), 120, 36);
    h.keys("/长沙经济技术开发区第25篇\n");
    assert_eq!(h.app.search_mode(), SearchMode::Results);
    assert!(h.app.park_full);
    let shown = h.app.article().unwrap();
    assert!(h.app.park_items().contains(&ParkItem::Article {
        park: 2,
        article: shown
    }));
}

#[test]
fn the_parks_list_keeps_its_offset_as_the_cursor_moves() {
    let mut h = Harness::new(archive(30), 120, 20);
    h.keys("3h");
    h.app.park_full = true;
    let height = h.app.panes.parks.unwrap().height as usize - 2;
    h.keys(&"j".repeat(height + 5));
    h.screen();
    let offset = h.app.parks_offset.first();
    assert!(offset > 0);
    // Up a few rows: the view stays put, the cursor moves inside it.
    h.keys("kkk");
    h.screen();
    assert_eq!(h.app.parks_offset.first(), offset);
    let screen = h.screen();
    let cursor_row = screen.lines().position(|l| l.contains('▶')).unwrap();
    assert!(cursor_row < height - 1, "not stuck to the bottom row");
}

#[test]
fn nothing_loaded_says_what_was_tried() {
    let collection = Collection::load(&["lits".into()]);
    let mut h = Harness::new(collection, 100, 30);
    h.app.tried = vec!["lits".into()];
    let screen = h.screen();
    assert!(screen.contains("No articles were loaded."), "{screen}");
    assert!(screen.contains("lits: no such file or folder"), "{screen}");
    assert!(screen.contains("did you mean `yuanqu list`?"), "{screen}");
}

#[test]
fn search_finds_full_and_half_width_forms() {
    let mut h = Harness::new(archive(1), 120, 36);
    for query in ["20%", "２０％", "20％"] {
        h.keys(&format!("/{query}\n"));
        assert_eq!(
            h.app.search.matches.len(),
            h.app.collection.articles.len(),
            "{query}"
        );
    }
}

#[test]
fn queued_keys_are_one_search() {
    let mut h = Harness::new(archive(1), 120, 36);
    h.keys("/");
    // Four characters in one batch, as an IME commits them.
    for c in "赣州高新".chars() {
        dispatch(
            &mut h.app,
            Action::SearchEdit(yuanqu::tui::input::prompt::Edit::Insert(c)),
        );
    }
    settle(&mut h.app);
    assert_eq!(h.app.search.runs, 1);
    assert!(!h.app.search.matches.is_empty());
    // Typed one by one, each key is a search of its own.
    h.keys("区");
    assert_eq!(h.app.search.runs, 2);
}

#[test]
fn n_goes_on_from_where_the_reader_is() {
    let mut h = Harness::new(archive(1), 120, 36);
    h.keys("/产值\n");
    assert_eq!(h.app.article(), Some(h.app.reading_order()[0]));
    // Jump to park 5, then n: the first match after park 5's article.
    h.keys("5n");
    let fifth = h.app.collection.parks[4].articles[0];
    assert_eq!(
        h.app.article(),
        Some(fifth),
        "the match in park 5's own article"
    );
    h.keys("n");
    assert_eq!(h.app.article(), Some(h.app.collection.parks[5].articles[0]));
    // N from park 9: park 8's match.
    h.keys("9N");
    assert_eq!(h.app.article(), Some(h.app.collection.parks[7].articles[0]));
}

#[test]
fn the_prompt_edits_like_a_shell() {
    let mut h = Harness::new(archive(1), 120, 36);
    h.keys("/高区");
    h.key(KeyCode::Left);
    h.keys("新");
    assert_eq!(h.app.search.query(), "高新区");
    h.key_with(KeyCode::Char('a'), KeyModifiers::CONTROL);
    h.keys("赣州");
    assert_eq!(h.app.search.query(), "赣州高新区");
    h.key(KeyCode::End);
    h.keys(" 产值");
    h.key_with(KeyCode::Char('w'), KeyModifiers::CONTROL);
    assert_eq!(h.app.search.query(), "赣州高新区 ");
    h.key_with(KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(h.app.search.query(), "");
    // Backspace on the empty prompt leaves search, back where it began.
    h.key(KeyCode::Backspace);
    assert_eq!(h.app.search_mode(), SearchMode::Off);
    // ↑ recalls earlier queries, newest first.
    h.keys("/西安\n/贵阳\n/");
    h.key(KeyCode::Up);
    assert_eq!(h.app.search.query(), "贵阳");
    h.key(KeyCode::Up);
    assert_eq!(h.app.search.query(), "西安");
    assert_eq!(h.app.reading.search_history, ["西安", "贵阳"]);
    h.key(KeyCode::Down);
    h.key(KeyCode::Down);
    assert_eq!(h.app.search.query(), "");
}

#[test]
fn a_long_query_scrolls_at_30_columns() {
    let mut h = Harness::new(archive(1), 30, 12);
    let query = "郑州航空港经济综合实验区今年新增企业";
    h.keys(&format!("/{query}"));
    let status = h.screen().lines().last().unwrap().to_string();
    assert!(
        status.contains("企业"),
        "the end, at the cursor, is shown: {status}"
    );
    assert!(status.contains('…'), "{status}");
    for _ in 0..query.chars().count() {
        h.key(KeyCode::Left);
    }
    let status = h.screen().lines().last().unwrap().to_string();
    assert!(
        status.contains("/郑州"),
        "the start, at the cursor, is shown: {status}"
    );
}

#[test]
fn article_rows_and_status_show_date_source_and_place_in_park() {
    let mut articles = Vec::new();
    for day in 1..=3u8 {
        let mut a = Article::new(format!("d{day}"), "赣州高新区建设稀土产业");
        a.park = Some("赣州高新区".into());
        a.date = yuanqu::core::dates::PageDate::new(2024, 7, Some(day));
        a.source = format!("2024-07-0{day}-kjrb.txt");
        a.column = Some("园镜头".into());
        a.blocks
            .push(Block::new(BlockKind::Paragraph, "园区产值增长。"));
        articles.push(a);
    }
    let collection = Collection::from_articles(articles, Vec::new());
    // A wide parks pane shows date and source, a narrow one the date.
    let mut config = Config::builtin().expect("built-in config");
    config.parks_width = 40;
    let mut wide = Harness::with_config(collection.clone(), config, 120, 36);
    let screen = wide.screen();
    // Newest first, each row with its date and the source without its date.
    assert!(screen.contains("├ 2024-07-03 kjrb 赣州"), "{screen}");
    assert!(screen.contains("└ 2024-07-01 kjrb 赣州"), "{screen}");
    // A narrower terminal leaves the parks pane room for the date alone.
    let mut h = Harness::new(collection, 110, 36);
    let screen = h.screen();
    assert!(screen.contains("├ 2024-07-03 赣州"), "{screen}");
    let status = screen.lines().last().unwrap();
    assert!(status.contains("赣州高新区 1/3 ›"), "{status}");
    assert!(status.contains("2024-07-03 kjrb"), "{status}");
    // The column over the article, and searchable.
    assert!(screen.contains("园镜头 · 赣州高新区"), "{screen}");
    h.keys("hj\n");
    let status = h.screen().lines().last().unwrap().to_string();
    assert!(status.contains("赣州高新区 2/3 ›"), "{status}");
    assert!(status.contains("2024-07-02 kjrb"), "{status}");
    h.keys("/园镜头\n");
    assert_eq!(h.app.search.matches.len(), 3);
}

#[test]
fn figures_are_found_when_an_article_is_opened() {
    let dir = crate::private_folder::test_folder("tui-lazy");
    let builtin = Collection::builtin();
    let page = include_str!("../../data/keji-ribao-yuanqu-page.txt");
    std::fs::write(dir.join("2024-07-30.txt"), page).unwrap();
    let outline = Collection::load_with(
        std::slice::from_ref(&dir),
        yuanqu::core::page::Detail::Outline,
    );
    assert!(outline.articles.iter().all(|a| a.figures.is_empty()));
    let mut h = Harness::new(outline, 120, 36);
    h.keys("2");
    let shown = h.app.article().unwrap();
    let title = &h.app.collection.articles[shown].title;
    let expected = builtin
        .articles
        .iter()
        .find(|a| &a.title == title)
        .map(|a| a.figures.clone())
        .unwrap();
    assert!(!expected.is_empty());
    assert_eq!(h.app.collection.articles[shown].figures, expected);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The table (`F`) over a collection loaded without figures, as the reader loads one:
/// every figure of the park (its short-form articles too), then of every article.
#[test]
fn the_figures_table_finds_the_figures_it_lists() {
    let mut collection = archive(30);
    // 长沙经开区 is the park 长沙经济技术开发区 written short: one park, one table.
    let mut short = Article::new("short", "长沙经开区再添新项目");
    short.park = Some("长沙经开区".into());
    short.blocks.push(Block::new(
        BlockKind::Paragraph,
        "长沙经开区签约项目8个，总投资12亿元。",
    ));
    collection.articles.push(short);
    let collection = Collection::from_articles(collection.articles, Vec::new());
    assert!(collection.articles.iter().all(|a| a.figures.is_empty()));
    let mut whole = collection.clone();
    whole.find_all_figures();
    let mut h = Harness::new(collection, 120, 36);
    let park = park_named(&h, "长沙经济技术开发区");
    h.keys(&(park + 1).to_string());
    h.keys("F");
    let in_park: usize = whole.parks[park]
        .articles
        .iter()
        .map(|&a| whole.articles[a].figures.len())
        .sum();
    assert_eq!(whole.parks[park].articles.len(), 31);
    let table = h.app.figure_table().expect("the table is open");
    assert_eq!(table.rows.len(), in_park);
    assert!(table
        .rows
        .iter()
        .any(|r| whole.articles[r.article].id == "short"));
    h.keys("a");
    let all: usize = whole.articles.iter().map(|a| a.figures.len()).sum();
    assert_eq!(h.app.figure_table().unwrap().rows.len(), all);
    assert!(all > in_park);
}

/// A table opened over the preview names articles by the preview's indexes: when the
/// whole collection arrives it is opened again over it, keeping its scope and filter.
#[test]
fn a_figures_table_open_when_the_whole_collection_arrives_follows_it() {
    let whole = archive(30);
    let first: Vec<Article> = whole.articles.iter().step_by(3).cloned().collect();
    let mut h = Harness::new(Collection::from_articles(first, Vec::new()), 120, 36);
    h.keys("F");
    h.keys("a");
    h.keys("/percent\n");
    h.app.replace_collection(whole.clone());
    let table = h.app.figure_table().expect("still open");
    assert!(table.whole);
    assert_eq!(table.filter_text, "percent");
    // Every article says 增长２０％ once: one row each, each naming its own article.
    assert_eq!(table.rows.len(), whole.articles.len());
    for row in &table.rows {
        let (article, figure) = row
            .get(&h.app.collection.articles)
            .expect("a row of the new collection");
        assert_eq!(figure.text, "２０％", "{}", article.id);
    }
    // Enter opens the row's article, as the new collection indexes it.
    let first_row = table.rows[0];
    h.keys("\n");
    assert_eq!(h.app.article(), Some(first_row.article));
}

#[test]
fn the_whole_collection_arrives_under_a_preview_keeping_the_place() {
    let whole = archive(30);
    // The preview: some of the articles only.
    let first: Vec<Article> = whole.articles.iter().step_by(3).cloned().collect();
    let mut h = Harness::new(Collection::from_articles(first, Vec::new()), 120, 36);
    h.app.loading = Some(yuanqu::tui::loader::LoadCount {
        done: 1200,
        files: 20000,
    });
    let status = h.screen().lines().last().unwrap().to_string();
    assert!(status.contains("loading 1,200/20,000 pages"), "{status}");
    // Usable meanwhile: go somewhere, search.
    h.keys("/第0篇\n");
    h.keys("n");
    let shown = h.app.shown_article().unwrap().id.clone();
    h.app.loading = None;
    h.app.replace_collection(whole.clone());
    assert_eq!(h.app.shown_article().unwrap().id, shown);
    assert_eq!(h.app.collection.articles.len(), whole.articles.len());
    // The search now covers the whole collection, from here.
    assert_eq!(h.app.search_mode(), SearchMode::Results);
    assert_eq!(
        h.app.search.matches.len(),
        whole
            .articles
            .iter()
            .filter(|a| a.title.contains("第0篇"))
            .count()
    );
    h.keys("n");
    assert!(h.app.shown_article().is_some());
    assert!(!h.screen().contains("loading"));
}

#[test]
fn a_preview_not_moved_from_opens_the_whole_collection_at_its_start() {
    let whole = archive(30);
    let first: Vec<Article> = whole.articles.iter().rev().step_by(4).cloned().collect();
    let mut h = Harness::new(Collection::from_articles(first, Vec::new()), 120, 36);
    h.screen();
    h.app.replace_collection(whole.clone());
    let mut fresh = Harness::new(whole, 120, 36);
    let at = |app: &yuanqu::tui::App| {
        (
            app.park,
            app.parks_cursor,
            app.article(),
            app.scroll(),
            app.focus,
        )
    };
    assert_eq!(at(&h.app), at(&fresh.app));
    assert!(!h.app.park_full);
    // The article pane shows the new article, not the layout cached for the old index.
    assert_eq!(h.screen(), fresh.screen());
}

#[test]
fn typing_on_finds_what_a_fresh_search_finds() {
    let mut h = Harness::new(archive(30), 120, 36);
    h.keys("/园");
    for (typed, query) in [("区", "园区"), ("产", "园区产"), ("值", "园区产值")] {
        h.keys(typed);
        let fresh = h.app.search_index().find_all(query).unwrap();
        assert!(!fresh.is_empty());
        assert_eq!(h.app.search.matches, fresh, "{query}");
    }
    h.key(KeyCode::Backspace);
    let fresh = h.app.search_index().find_all("园区产").unwrap();
    assert_eq!(h.app.search.matches, fresh);
}

#[test]
fn a_reload_keeps_the_article_and_its_place_and_shows_new_articles_unread() {
    let mut h = Harness::new(archive(30), 100, 30);
    let third = park_named(&h, "长沙经济技术开发区");
    h.keys(&(third + 1).to_string());
    h.keys("}}}");
    h.key(KeyCode::Tab);
    h.keys("jj");
    let shown = h.app.shown_article().unwrap().id.clone();
    let scroll = h.app.scroll();
    let focus = h.app.focus;
    // Another process added an article the day after the newest: it comes first.
    let mut articles = h.app.collection.articles.clone();
    let mut fresh = Article::new("", "西安高新区新增一家实验室");
    fresh.park = Some("西安高新区".into());
    fresh.date = yuanqu::core::dates::PageDate::parse("2030-01-01");
    fresh.blocks.push(Block::new(
        BlockKind::Paragraph,
        "西安高新区新增一家实验室。",
    ));
    articles.push(fresh);
    h.app
        .reload_collection(Collection::from_articles(articles, Vec::new()));
    settle(&mut h.app);
    assert_eq!(
        h.app.shown_article().unwrap().id,
        shown,
        "the same article is shown"
    );
    assert_eq!(h.app.scroll(), scroll, "at the same place");
    assert_eq!(h.app.focus, focus);
    let new = h
        .app
        .collection
        .articles
        .iter()
        .find(|a| a.title == "西安高新区新增一家实验室")
        .unwrap();
    assert!(!h.app.reading.is_read(&new.id), "a new article is unread");
}

#[test]
fn a_reload_keeps_the_first_article_too() {
    // Unlike the whole collection replacing a preview, a reload never moves a reader
    // who has not moved yet.
    let mut h = Harness::new(archive(1), 100, 30);
    let shown = h.app.shown_article().unwrap().id.clone();
    let mut articles = h.app.collection.articles.clone();
    let mut fresh = Article::new("", "大同经济技术开发区新项目开工");
    fresh.park = Some("大同经济技术开发区".into());
    fresh.date = yuanqu::core::dates::PageDate::parse("2030-01-01");
    fresh
        .blocks
        .push(Block::new(BlockKind::Paragraph, "新项目开工。"));
    articles.push(fresh);
    h.app
        .reload_collection(Collection::from_articles(articles, Vec::new()));
    assert_eq!(h.app.shown_article().unwrap().id, shown);
}

#[test]
fn an_e_paper_article_shows_its_kicker_and_its_page() {
    let mut a = Article::new("", "白鹭湾高新区打造氢能产业先导区");
    a.kicker = Some("园区观察".into());
    a.page = Some("园区".into());
    a.source = "科技日报".into();
    a.date = yuanqu::core::dates::PageDate::parse("2025-03-14");
    a.park = Some("白鹭湾高新区".into());
    a.blocks.push(Block::new(
        BlockKind::Paragraph,
        "高新区已集聚氢能企业四十余家。",
    ));
    let mut h = Harness::new(Collection::from_articles(vec![a], Vec::new()), 120, 30);
    let screen = h.screen();
    let kicker = screen
        .lines()
        .position(|l| l.contains("园区观察"))
        .expect("the kicker");
    let title = screen
        .lines()
        .position(|l| l.contains("打造氢能产业先导区"))
        .expect("the title");
    assert!(
        kicker < title,
        "the kicker stands over the title:\n{screen}"
    );
    assert!(screen.contains("2025-03-14 科技日报·园区"), "{screen}");
}

#[test]
fn esc_from_the_finder_after_the_whole_collection_arrives_keeps_the_focus() {
    // Issue 18's defect: the finder's origin was taken again after the swap, with
    // the finder's own focus (the parks pane) in it.
    let mut h = Harness::new(archive(3), 100, 30);
    assert_eq!(
        h.app.focus,
        Focus::Article,
        "the reader opens on the article"
    );
    let shown = h.app.shown_article().unwrap().id.clone();
    h.keys("p");
    assert_eq!(h.app.focus, Focus::Parks);
    let whole = archive(3);
    h.app.replace_collection(whole);
    settle(&mut h.app);
    h.key(KeyCode::Esc);
    assert_eq!(
        h.app.focus,
        Focus::Article,
        "back to the pane that had the focus"
    );
    assert_eq!(h.app.shown_article().unwrap().id, shown);
}
