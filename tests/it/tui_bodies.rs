//! The reader over a loaded archive holds outlines and its search text, not the
//! articles' bodies: a body comes back when its article is shown (or handed on),
//! and the whole-archive table keeps the keys of its figures, bringing back (without
//! their sentences) only the figures of the rows in view.

use std::path::PathBuf;

use crate::tui_support::Harness;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use yuanqu::core::collection::LoadProgress;
use yuanqu::core::index::IndexPlace;
use yuanqu::core::searchable::{load_searchable, SearchableCollection};

/// A folder of `pages` dated copies of the built-in page, each with its own words.
fn archive(name: &str, pages: usize) -> (PathBuf, SearchableCollection) {
    let dir = crate::private_folder::test_folder(&format!("tui-bodies-{name}"));
    let page = include_str!("../../data/keji-ribao-yuanqu-page.txt");
    for n in 0..pages {
        let text = page.replacen("园区", &format!("园区第{n}号"), 1);
        let name = format!("2024-{:02}-{:02}.txt", 1 + n / 28, 1 + n % 28);
        std::fs::write(dir.join(name), text).unwrap();
    }
    let loaded = load_searchable(
        &IndexPlace::from_env(),
        std::slice::from_ref(&dir),
        &LoadProgress::default(),
        |_| {},
    );
    (dir, loaded)
}

fn with_bodies(h: &Harness) -> usize {
    h.app
        .collection
        .articles
        .iter()
        .filter(|a| !a.blocks.is_empty())
        .count()
}

#[test]
fn bodies_stay_on_disk_until_shown_and_only_the_last_few_are_kept() {
    let (dir, loaded) = archive("kept", 12);
    assert!(loaded.search.is_some());
    assert!(loaded
        .collection
        .articles
        .iter()
        .all(|a| a.blocks.is_empty()));
    // The byline as written stays; the names parsed from it come back with the body.
    let articles = &loaded.collection.articles;
    assert!(articles
        .iter()
        .all(|a| a.byline.reporters.is_empty() && a.byline.correspondents.is_empty()));
    let reported = articles
        .iter()
        .position(|a| a.byline.raw.contains("记者"))
        .expect("a byline naming a reporter");
    let count = loaded.collection.articles.len();
    let mut h = Harness::new(loaded, 120, 36);
    // The first article shows with its text.
    let shown = h.app.shown_article().expect("an article shown");
    let first_words: String = shown.blocks[0].text.chars().take(8).collect();
    assert!(h.screen().contains(&first_words), "{first_words}");
    assert_eq!(with_bodies(&h), 1);
    h.app.open_article(reported);
    let byline = &h.app.shown_article().unwrap().byline;
    assert!(!byline.reporters.is_empty(), "{byline:?}");
    for article in 0..count {
        h.app.open_article(article);
    }
    assert!(with_bodies(&h) <= 16, "{} bodies kept", with_bodies(&h));
    let last = h.app.shown_article().unwrap();
    assert!(!last.blocks.is_empty() && last.figures.iter().all(|f| !f.context.is_empty()));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn search_finds_words_of_bodies_let_go_and_lands_on_them() {
    let (dir, loaded) = archive("search", 12);
    // The search text is out of memory, in a file (that it has no name left in
    // any folder is checked in core::search's tests, where no other test makes one).
    assert!(loaded.search.as_ref().is_some_and(|s| s.is_in_file()));
    let mut h = Harness::new(loaded, 120, 36);
    h.keys("/金磁微粒");
    h.key(KeyCode::Enter);
    // Once in each page's copy of the article.
    assert_eq!(h.app.search.matches.len(), 12);
    let shown = h.app.shown_article().unwrap();
    assert!(shown.blocks.iter().any(|b| b.text.contains("金磁微粒")));
    assert!(h.screen().contains("金磁微粒"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_whole_archive_table_brings_figures_back_and_an_article_shown_has_its_sentences() {
    let (dir, loaded) = archive("table", 12);
    let mut h = Harness::new(loaded, 120, 36);
    h.keys("Fa");
    let table = h.app.figure_table().expect("the table open");
    assert!(table.whole);
    assert!(table.rows.len() > 12 * 10, "{} rows", table.rows.len());
    assert!(h.screen().contains("55亿元"));
    // The table keeps the keys of its rows, not the figures: only the articles of
    // the rows in view (and the one shown) hold theirs, without their sentences.
    let holding: Vec<_> = h
        .app
        .collection
        .articles
        .iter()
        .filter(|a| a.figures.are_found())
        .collect();
    assert!(
        holding.len() <= 36,
        "{} articles hold figures",
        holding.len()
    );
    let thin = holding.iter().filter(|a| a.blocks.is_empty());
    assert!(thin
        .flat_map(|a| a.figures.iter())
        .all(|f| f.context.is_empty()));
    // Sorting and filtering work on the keys: 55亿元 and more, largest first.
    h.keys("/元>=55亿");
    h.key(KeyCode::Enter);
    assert!(!h.app.figure_table().unwrap().rows.is_empty());
    assert!(h.screen().contains("55亿元"));
    h.keys("/");
    h.key_with(KeyCode::Char('u'), KeyModifiers::CONTROL);
    h.key(KeyCode::Enter);
    // Moving through the table brings back the figures of the rows coming into view.
    h.keys("G");
    let last = h.app.figure_table().unwrap().selected().unwrap();
    let article = &h.app.collection.articles[last.article];
    assert!(article.figures.get(last.figure).is_some());
    h.keys("g");
    // Enter opens the article at a row: it shows with its body and its figures'
    // sentences, found again from the text.
    h.key(KeyCode::Enter);
    let shown = h.app.shown_article().unwrap();
    assert!(!shown.blocks.is_empty());
    assert!(!shown.figures.is_empty());
    assert!(shown.figures.iter().all(|f| !f.context.is_empty()));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_article_whose_file_changed_since_loading_says_so() {
    let (dir, loaded) = archive("changed", 3);
    let mut h = Harness::new(loaded, 120, 36);
    let other = (0..h.app.collection.articles.len())
        .find(|&i| Some(i) != h.app.article())
        .unwrap();
    let file = h.app.collection.articles[other]
        .source_file
        .clone()
        .unwrap();
    std::fs::write(&file, "## 别的文章\n\n园区今天没有新闻。\n").unwrap();
    h.app.open_article(other);
    let notice = h.app.notice.clone().unwrap_or_default();
    assert!(notice.contains("changed since it was loaded"), "{notice}");
    assert!(h.screen().contains("changed since"));
    std::fs::remove_dir_all(&dir).unwrap();
}
