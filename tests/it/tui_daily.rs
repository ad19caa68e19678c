//! The reader's daily-use keys (issue 19): catching up, unread only, stars, the jump
//! list, handing an article on, and the edges a daily reader hits.

use crate::tui_support::{sample_collection, Harness};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use yuanqu::core::collection::Collection;
use yuanqu::core::dates::PageDate;
use yuanqu::core::{Article, Block, BlockKind};
use yuanqu::state::State;
use yuanqu::tui::app::{App, Effect, External, Focus};
use yuanqu::tui::config::Config;
use yuanqu::tui::theme::{ColourDepth, Theme};

fn sample() -> Harness {
    Harness::new(sample_collection(), 120, 36)
}

/// One park of `n` articles dated a day apart, and a second park of one.
fn one_big_park(n: usize) -> Collection {
    let mut articles: Vec<Article> = (0..n)
        .map(|i| {
            let mut a = Article::new(format!("a{i}"), format!("常州高新区第{i}篇报道"));
            a.park = Some("常州高新区".into());
            a.date = PageDate::new(2024, 7, Some(1 + (i % 28) as u8));
            a.blocks = vec![Block::new(BlockKind::Paragraph, "园区产值增长。")];
            a
        })
        .collect();
    let mut other = Article::new("b0", "芜湖经开区新闻");
    other.park = Some("芜湖经开区".into());
    other.blocks = vec![Block::new(BlockKind::Paragraph, "项目开工。")];
    articles.push(other);
    Collection::from_articles(articles, Vec::new())
}

fn ctrl(h: &mut Harness, c: char) {
    h.key_with(KeyCode::Char(c), KeyModifiers::CONTROL);
}

#[test]
fn a_marks_the_park_read_and_c_asks_before_marking_all() {
    let mut h = Harness::new(one_big_park(30), 120, 36);
    let park = h.app.park;
    assert_eq!(h.app.unread_in_park(park), 30);
    h.keys("A");
    assert_eq!(h.app.unread_in_park(park), 0);
    assert!(
        h.screen().contains("常州高新区: 30 marked read"),
        "{}",
        h.screen()
    );
    assert!(!h.app.is_read(30), "the other park is untouched");
    // C asks; any key but y says no.
    h.keys("C");
    assert!(h.screen().contains("(y/n)"), "{}", h.screen());
    h.keys("n");
    assert!(!h.app.is_read(30));
    assert!(!h.app.quitting());
    h.keys("Cy");
    assert!((0..31).all(|a| h.app.is_read(a)));
    assert!(h.app.reading_changed);
}

#[test]
fn t_lists_unread_articles_only_and_is_kept_in_the_state() {
    let mut h = sample();
    // Read the 大同 and 贵阳 articles (parks 2 and 3), then come back to park 1.
    h.app.set_read(1, true);
    h.app.set_read(2, true);
    h.keys("t");
    assert!(h.app.unread_only && h.app.reading.unread_only);
    let screen = h.screen();
    assert!(!screen.contains("大同经济技术开发区"), "{screen}");
    assert!(!screen.contains("贵阳综合保税区"), "{screen}");
    assert!(screen.contains("西安高新区"), "{screen}");
    insta::assert_snapshot!("unread_only_120x36", screen);
    h.keys("t");
    assert!(h.screen().contains("大同经济技术开发区"));
    // A new reader with the saved state starts in unread-only.
    let state = State {
        unread_only: true,
        ..State::default()
    };
    let config = Config::builtin().expect("config");
    let theme = Theme::new(&config.colours, ColourDepth::TrueColor);
    let app = App::with_state(sample_collection(), config, theme, state);
    assert!(app.unread_only);
}

#[test]
fn star_shows_in_the_row_survives_a_restart_and_quote_steps_to_the_next() {
    let mut h = sample();
    h.keys("*");
    assert!(h.app.is_starred(0));
    h.keys("4*");
    assert!(h.app.is_starred(3));
    let screen = h.screen();
    assert!(screen.contains("★以概念验证"), "{screen}");
    insta::assert_snapshot!("starred_120x36", screen);
    // ' goes to the next starred article, round again after the last.
    h.keys("'");
    assert_eq!(h.app.article(), Some(0));
    h.keys("'");
    assert_eq!(h.app.article(), Some(3));
    // Unstar; the state a restart reads keeps the other star.
    h.keys("*");
    assert!(!h.app.is_starred(3));
    let config = Config::builtin().expect("config");
    let theme = Theme::new(&config.colours, ColourDepth::TrueColor);
    let app = App::with_state(sample_collection(), config, theme, h.app.reading.clone());
    assert!(app.is_starred(0) && !app.is_starred(3));
    // Nothing starred: ' says so.
    let mut h = sample();
    h.keys("'");
    assert!(h.screen().contains("no starred articles"));
}

#[test]
fn ctrl_o_goes_back_to_the_table_with_its_filter_sort_and_row() {
    let mut h = sample();
    h.keys("Fa/元>=1亿\n");
    let table = h.app.figure_table().expect("the table");
    assert!(table.whole && table.rows.len() >= 2);
    h.keys("j");
    let row = h.app.figure_table().unwrap().cursor;
    assert_eq!(row, 1);
    h.keys("\n");
    assert!(h.app.figure_table().is_none(), "Enter opened the article");
    ctrl(&mut h, 'o');
    let table = h.app.figure_table().expect("back in the table");
    assert!(table.whole);
    assert_eq!(table.filter_text, "元>=1亿");
    assert_eq!(table.cursor, row);
    // Back from a park jump, and again further back; nothing more is said so.
    h.keys("\u{1b}");
    let before = h.app.article();
    h.keys("4");
    assert_ne!(h.app.article(), before);
    ctrl(&mut h, 'o');
    assert_eq!(h.app.article(), before);
    for _ in 0..3 {
        ctrl(&mut h, 'o');
    }
    assert!(h.screen().contains("no earlier place"));
}

#[test]
fn ctrl_f_and_ctrl_b_page_as_in_less() {
    let mut h = Harness::new(sample_collection(), 80, 16);
    h.keys("4");
    let height = h.app.article_height();
    ctrl(&mut h, 'f');
    assert_eq!(h.app.scroll(), height - 1);
    ctrl(&mut h, 'b');
    assert_eq!(h.app.scroll(), 0);
}

#[test]
fn a_message_goes_at_the_next_key() {
    let mut h = sample();
    h.keys("4}");
    assert!(h.screen().contains("the last article"));
    h.keys("j");
    let status = h.screen().lines().last().unwrap().to_string();
    assert!(!status.contains("the last article"), "{status}");
    assert!(status.contains("西安高新区 1/1 ›"), "{status}");
}

#[test]
fn the_figures_table_keeps_its_scope_sort_and_row_for_the_session() {
    let mut h = sample();
    h.keys("Fas");
    let (whole, sort) = {
        let t = h.app.figure_table().unwrap();
        (t.whole, t.sort)
    };
    h.keys("jj");
    h.keys("\u{1b}");
    assert!(h.app.figure_table().is_none());
    h.keys("F");
    let t = h.app.figure_table().expect("open again");
    assert_eq!((t.whole, t.sort, t.cursor), (whole, sort, 2));
}

#[test]
fn q_closes_the_table_and_quits_only_from_the_reader() {
    let mut h = sample();
    h.keys("F");
    h.keys("q");
    assert!(h.app.figure_table().is_none());
    assert!(!h.app.quitting(), "q closed the table");
    h.keys("?q");
    assert!(h.app.help().is_none() && !h.app.quitting());
    h.keys("q");
    assert!(h.app.quitting());
}

#[test]
fn pipe_hands_the_article_on_with_its_header() {
    let mut h = sample();
    h.keys("|");
    assert!(h.screen().contains("| command"), "{}", h.screen());
    h.keys("cat\n");
    let Some(Effect::Run(External::Pipe { command, text })) = h.app.take_effects().pop() else {
        panic!("a pipe request");
    };
    assert_eq!(command, "cat");
    let header: String = text.lines().take(4).collect::<Vec<_>>().join("\n");
    insta::assert_snapshot!("pipe_header", header);
    assert!(text.contains("园区设立基金6只"));
    // Esc at the prompt hands nothing on.
    h.keys("|x\u{1b}");
    assert!(h.app.take_effects().is_empty() && h.app.pipe_prompt().is_none());
}

#[test]
fn the_pipe_runs_the_command_with_the_text_on_its_input() {
    let out = crate::private_folder::test_folder("pipe").join("piped.txt");
    let external = External::Pipe {
        command: format!("cat > '{}'", out.display()),
        text: "Title: 甲\n\n正文。\n".to_string(),
    };
    let said = yuanqu::tui::run_external(&external);
    assert!(said.starts_with("piped the article"), "{said}");
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "Title: 甲\n\n正文。\n"
    );
    let _ = std::fs::remove_file(out);
    let failed = yuanqu::tui::run_external(&External::Pipe {
        command: "exit 3".into(),
        text: String::new(),
    });
    assert!(failed.contains("exit status: 3"), "{failed}");
}

#[test]
fn o_says_when_the_article_has_no_url() {
    let mut h = sample();
    h.keys("o");
    assert!(h.screen().contains("has no url"), "{}", h.screen());
    assert!(h.app.take_effects().is_empty());
}

#[test]
fn y_says_what_it_did_and_what_tmux_needs() {
    let mut h = sample();
    h.app.in_tmux = true;
    h.keys("y");
    let status = h.screen().lines().last().unwrap().to_string();
    assert!(status.contains("(OSC 52)"), "{status}");
    let said = yuanqu::tui::app::copy::sent_message("the article", 12, true);
    assert!(said.contains("set-clipboard on"), "{said}");
    assert!(!yuanqu::tui::app::copy::sent_message("the article", 12, false).contains("tmux"));
}

#[test]
fn n_with_no_search_says_so() {
    let mut h = sample();
    h.keys("n");
    assert!(h.screen().contains("no search"), "{}", h.screen());
}

#[test]
fn rows_of_alike_articles_tell_them_apart_and_undated_show_no_file_name() {
    let articles = ["宁德", "株洲", "芜湖"]
        .iter()
        .enumerate()
        .map(|(i, city)| {
            let mut a = Article::new(format!("x{i}"), "以概念验证解决科技创新落地难题");
            a.subtitle = Some(format!("{city}高新区打通成果转化“最初一公里”"));
            a.park = Some("示范园区".into());
            a.source = format!("page-0000{i}.txt");
            a.blocks = vec![Block::new(BlockKind::Paragraph, "正文。")];
            a
        })
        .collect();
    let mut h = Harness::new(Collection::from_articles(articles, Vec::new()), 80, 24);
    h.keys("h");
    assert_eq!(h.app.focus, Focus::Parks);
    let screen = h.screen();
    let rows: Vec<&str> = screen
        .lines()
        // The parks pane alone: the article pane begins at its right border.
        .filter_map(|l| l.split("┃│").next())
        .filter(|l| l.contains("├ ") || l.contains("└ "))
        .collect();
    assert_eq!(rows.len(), 3, "{screen}");
    for city in ["宁德", "株洲", "芜湖"] {
        assert_eq!(
            rows.iter().filter(|r| r.contains(city)).count(),
            1,
            "{city}: {screen}"
        );
    }
    assert!(
        rows.iter().all(|r| !r.contains("page-0000")),
        "no file name where a date goes: {rows:?}"
    );
}

#[test]
fn help_opens_with_how_to_leave() {
    for (w, height) in [(80, 24), (120, 36)] {
        let mut h = Harness::new(sample_collection(), w, height);
        h.keys("?");
        let screen = h.screen();
        let first = screen
            .lines()
            .position(|l| l.contains("quit"))
            .expect("q on the first screen");
        assert!(first < 4, "{screen}");
    }
    let h = sample();
    let lines = yuanqu::tui::modes::help::help_lines(&h.app.config);
    let says = |text: &str| lines.iter().any(|(_, what)| what.contains(text));
    assert!(says("next sort (value, date, park, reading)"));
    assert!(says("hide / show the figures pane"));
    assert!(
        says("unread / all articles"),
        "the parks pane's counts explained"
    );
    for group in ["moving", "parks", "reading", "search", "figures", "copy"] {
        assert!(says(&format!("── {group}")), "{group}");
    }
}

#[test]
fn rows_of_articles_alike_in_every_word_show_their_files() {
    let articles = (0..3)
        .map(|i| {
            let mut a = Article::new(format!("y{i}"), "以概念验证解决科技创新落地难题");
            a.subtitle = Some("宁德高新区打通成果转化“最初一公里”".into());
            a.park = Some("示范园区".into());
            a.source = format!("page-0000{i}.txt");
            a.blocks = vec![Block::new(BlockKind::Paragraph, "正文。")];
            a
        })
        .collect();
    let mut h = Harness::new(Collection::from_articles(articles, Vec::new()), 80, 24);
    let screen = h.screen();
    let rows: Vec<&str> = screen
        .lines()
        .filter_map(|l| l.split("┃│").next().and_then(|l| l.split("│┏").next()))
        .filter(|l| l.contains("├ ") || l.contains("└ "))
        .collect();
    assert_eq!(rows.len(), 3, "{screen}");
    // Each shows the end of its file's name from where the names differ: …00, …01, …02.
    for i in 0..3 {
        let tail = format!("（…0{i}）");
        assert_eq!(
            rows.iter().filter(|r| r.contains(&tail)).count(),
            1,
            "{screen}"
        );
    }
}

#[test]
fn a_message_is_not_cut_for_the_whole_file_name() {
    let mut h = Harness::new(Collection::builtin(), 130, 36);
    h.app.in_tmux = true;
    h.keys("y");
    let status = h.screen().lines().last().unwrap().to_string();
    assert!(status.contains("set-clipboard on`"), "{status}");
    // With no message, the park › title line and the whole file name both show.
    h.keys("j");
    let status = h.screen().lines().last().unwrap().to_string();
    assert!(status.contains("keji-ribao-yuanqu-page"), "{status}");
}

#[test]
fn ctrl_o_goes_back_to_where_a_search_began() {
    let mut h = sample();
    h.keys("/金磁微粒\n");
    assert_eq!(h.app.article(), Some(3));
    ctrl(&mut h, 'o');
    assert_eq!(h.app.article(), Some(0));
}

#[test]
fn q_drops_a_park_number_being_typed() {
    let articles = (0..12)
        .map(|i| {
            let mut a = Article::new(format!("p{i}"), format!("第{i}个园区的新闻"));
            a.park = Some(format!("测试{i}号高新区"));
            a.blocks = vec![Block::new(BlockKind::Paragraph, "正文。")];
            a
        })
        .collect();
    let mut h = Harness::new(Collection::from_articles(articles, Vec::new()), 120, 36);
    h.keys("1");
    assert!(h.app.park_number().is_some(), "1 waits: 10-12 could follow");
    h.keys("q");
    assert!(h.app.park_number().is_none());
    assert!(!h.app.quitting(), "q closed the number, not the reader");
    h.keys("q");
    assert!(h.app.quitting());
}

#[test]
fn the_pipe_prompt_leaves_room_to_type_in_a_narrow_terminal() {
    let mut h = Harness::new(sample_collection(), 40, 20);
    h.keys("|less");
    let status = h.screen().lines().last().unwrap().to_string();
    assert!(status.contains("|less"), "{status}");
}
