//! Article layout against the rules of issue 4: property tests over random
//! Chinese, punctuation, numbers and Latin at widths 1 to 120; seed and unseen
//! paragraphs at the acceptance widths; every built-in article; the width
//! function against ratatui's own cell count.

mod checks;

use std::ops::Range;

use checks::{check_article, check_text, check_text_keeping};
use proptest::prelude::*;
use yuanqu::core::collection::Collection;
use yuanqu::core::layout::{
    layout_article, str_width, wrap_lines, wrap_paragraph, AmbiguousWidth, LayoutOptions, Part,
    PreparedArticle,
};
use yuanqu::core::page::parse_page;
use yuanqu::core::{Article, Block, BlockKind};

const ACCEPTANCE_WIDTHS: [usize; 5] = [20, 21, 31, 40, 79];
const SEED: &str = include_str!("../../data/keji-ribao-yuanqu-page.txt");
const UNSEEN: &str = include_str!("../data/layout/unseen-paragraphs.txt");
const UNSEEN_PAGE: &str = include_str!("../data/pages/hefei-page.txt");
const UNSEEN_PAGES: [&str; 3] = [
    UNSEEN_PAGE,
    include_str!("../data/pages/wuhan-changsha-page.txt"),
    include_str!("../data/pages/figures-page.txt"),
];

fn seed_paragraphs() -> Vec<String> {
    parse_page(SEED)
        .into_iter()
        .flat_map(|a| a.blocks.into_iter().map(|b| b.text))
        .collect()
}

fn rows_of(text: &str, ranges: &[Range<usize>]) -> Vec<String> {
    ranges.iter().map(|r| text[r.clone()].to_string()).collect()
}

fn both_modes() -> [AmbiguousWidth; 2] {
    [AmbiguousWidth::Narrow, AmbiguousWidth::Wide]
}

// ---------- property tests ----------

fn token() -> impl Strategy<Value = String> {
    let chinese = prop::sample::select(
        "园区企业科技创新产业发展中国赣州高新稀土材料亿元倍年月日说"
            .chars()
            .collect::<Vec<_>>(),
    )
    .prop_map(String::from);
    let punctuation = prop::sample::select(vec![
        "，", "。", "、", "；", "：", "？", "！", "“", "”", "‘", "’", "（", "）", "《", "》", "——",
        "……", "·", "「", "」", "%", "％",
    ])
    .prop_map(String::from);
    let numbers = prop_oneof![
        prop::sample::select(vec![
            "3.7", "20%", "1,500", "1+N", "2024", "1.7亿", "3.7倍", "０８"
        ])
        .prop_map(String::from),
        (0u32..100_000).prop_map(|n| n.to_string()),
    ];
    let latin = prop::sample::select(vec![
        "AI",
        "5G",
        "hello",
        "world",
        "BioBAY",
        "R&D",
        "don’t",
        "Apollo",
        "internationalization",
    ])
    .prop_map(String::from);
    let space = prop::sample::select(vec![" ", "  "]).prop_map(String::from);
    let odd = prop::sample::select(vec![
        "e\u{301}",
        "“\u{fe01}",
        "❤\u{fe0f}",
        "ｶﾞ",
        "\u{1}",
        "👨\u{200d}👩",
    ])
    .prop_map(String::from);
    prop_oneof![8 => chinese, 4 => punctuation, 2 => numbers, 2 => latin, 1 => space, 1 => odd]
}

fn mixed_text() -> impl Strategy<Value = String> {
    prop::collection::vec(token(), 0..80).prop_map(|t| t.concat())
}

fn ambiguous() -> impl Strategy<Value = AmbiguousWidth> {
    prop_oneof![Just(AmbiguousWidth::Narrow), Just(AmbiguousWidth::Wide)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(384))]

    #[test]
    fn wrapped_mixed_text_keeps_every_rule(text in mixed_text(), width in 1usize..=120, amb in ambiguous()) {
        let rows = wrap_paragraph(&text, width, amb);
        if let Err(e) = check_text(&text, &rows, &[width], amb) {
            return Err(TestCaseError::fail(format!("{e}\nwidth {width} {amb:?}\ntext {text:?}\nrows {:?}", rows_of(&text, &rows))));
        }
    }

    #[test]
    fn a_narrower_first_row_keeps_every_rule(text in mixed_text(), first in 0usize..=60, rest in 1usize..=60, amb in ambiguous()) {
        let rows = wrap_lines(&text, first, rest, amb);
        if let Err(e) = check_text(&text, &rows, &[first, rest], amb) {
            return Err(TestCaseError::fail(format!("{e}\nwidths {first}/{rest}\ntext {text:?}\nrows {:?}", rows_of(&text, &rows))));
        }
    }

    #[test]
    fn laid_out_articles_keep_every_rule(
        title in mixed_text(),
        paragraphs in prop::collection::vec(mixed_text(), 0..4),
        width in 0usize..=120,
        reading in prop::option::of(1usize..=80),
        indent in 0usize..=4,
        amb in ambiguous(),
    ) {
        let mut article = Article::new("x", title);
        article.byline.raw = "◎本报记者 张三".into();
        for (i, p) in paragraphs.into_iter().enumerate() {
            let kind = [BlockKind::Paragraph, BlockKind::Heading, BlockKind::Caption][i % 3];
            article.blocks.push(Block::new(kind, p));
        }
        let opts = LayoutOptions { width, reading_width: reading, paragraph_indent: indent, ambiguous: amb };
        let layout = layout_article(&article, &opts);
        prop_assert!(check_article(&article, &layout, &opts).is_ok(), "{:?}", check_article(&article, &layout, &opts));
        for row in &layout.rows {
            let w = row.indent + row.text_width(amb);
            let lone_cluster = unicode_segmentation::UnicodeSegmentation::graphemes(row.text.as_str(), true).count() == 1;
            prop_assert!(w <= width.max(1) || lone_cluster, "{row:?} over {width}");
        }
    }

    #[test]
    fn the_width_is_the_cells_ratatui_draws(text in mixed_text()) {
        use ratatui::buffer::Buffer;
        use ratatui::layout::Rect;
        let mut buffer = Buffer::empty(Rect::new(0, 0, 1000, 1));
        let (x, _) = buffer.set_stringn(0, 0, &text, 1000, ratatui::style::Style::default());
        prop_assert_eq!(str_width(&text, AmbiguousWidth::Narrow), usize::from(x));
    }
}

// ---------- seed and unseen paragraphs ----------

#[test]
fn seed_and_unseen_paragraphs_keep_every_rule_at_acceptance_widths() {
    let mut texts = seed_paragraphs();
    texts.extend(UNSEEN.lines().map(String::from));
    assert!(texts.len() > 50);
    for text in &texts {
        for width in ACCEPTANCE_WIDTHS.into_iter().chain([1, 2, 3, 5, 120]) {
            for amb in both_modes() {
                let rows = wrap_paragraph(text, width, amb);
                if let Err(e) = check_text(text, &rows, &[width], amb) {
                    panic!(
                        "{e}\nwidth {width} {amb:?}\nrows {:#?}",
                        rows_of(text, &rows)
                    );
                }
            }
        }
    }
}

/// Rows of a paragraph, each closed by `|` at its end so the ragged edge shows.
fn boxed(text: &str, width: usize) -> String {
    let rows = wrap_paragraph(text, width, AmbiguousWidth::Narrow);
    let mut out = format!("width {width}\n");
    for r in rows {
        let row = &text[r];
        let pad = width.saturating_sub(str_width(row, AmbiguousWidth::Narrow));
        out.push_str(&format!("{row}{}|\n", " ".repeat(pad)));
    }
    out
}

#[test]
fn seed_paragraphs_snapshot() {
    let paragraphs = seed_paragraphs();
    let picks = [
        paragraphs.iter().find(|p| p.contains("20%")),
        paragraphs.iter().find(|p| p.contains("3.7倍")),
        paragraphs.iter().find(|p| p.contains("——")),
        paragraphs.iter().find(|p| p.starts_with("“‘最强大脑’")),
    ];
    for (n, text) in picks.into_iter().enumerate() {
        let text = text.expect("seed paragraph present");
        let all: String = ACCEPTANCE_WIDTHS
            .iter()
            .map(|&w| boxed(text, w))
            .collect::<Vec<_>>()
            .join("\n");
        insta::assert_snapshot!(format!("seed_paragraph_{n}"), all);
    }
}

#[test]
fn numbers_and_units_are_never_torn_in_the_seed() {
    for text in seed_paragraphs() {
        for width in ACCEPTANCE_WIDTHS {
            let rows = rows_of(&text, &wrap_paragraph(&text, width, AmbiguousWidth::Narrow));
            for pair in rows.windows(2) {
                let (a, b) = (&pair[0], &pair[1]);
                let (Some(end), Some(start)) = (a.chars().last(), b.chars().next()) else {
                    continue;
                };
                assert!(!end.is_ascii_digit(), "{a:?} | {b:?}");
                assert!(!"，。、；：？！）》”’·%".contains(start), "{a:?} | {b:?}");
                assert!(!"（《“‘".contains(end), "{a:?} | {b:?}");
                assert!(!(end == start && "—…".contains(end)), "{a:?} | {b:?}");
            }
        }
    }
}

// ---------- whole articles ----------

fn option_sets() -> Vec<LayoutOptions> {
    let mut sets = Vec::new();
    for width in ACCEPTANCE_WIDTHS.into_iter().chain([0, 1, 2, 7, 200]) {
        for ambiguous in both_modes() {
            sets.push(LayoutOptions {
                width,
                ambiguous,
                ..LayoutOptions::default()
            });
            sets.push(LayoutOptions {
                width,
                ambiguous,
                reading_width: Some(40),
                paragraph_indent: 1,
            });
        }
    }
    sets
}

#[test]
fn every_builtin_article_keeps_every_rule() {
    let collection = Collection::builtin();
    let articles: Vec<&Article> = collection.articles.iter().collect();
    assert!(!articles.is_empty());
    for article in articles {
        for opts in option_sets() {
            let layout = layout_article(article, &opts);
            if let Err(e) = check_article(article, &layout, &opts) {
                panic!("{}: {e}\n{opts:?}\n{}", article.id, layout.to_plain_text());
            }
        }
    }
}

#[test]
fn an_unseen_page_keeps_every_rule() {
    let articles = parse_page(UNSEEN_PAGE);
    assert!(!articles.is_empty());
    for article in &articles {
        for opts in option_sets() {
            let layout = layout_article(article, &opts);
            if let Err(e) = check_article(article, &layout, &opts) {
                panic!("{}: {e}\n{opts:?}\n{}", article.id, layout.to_plain_text());
            }
        }
    }
}

/// Figure occurrences laid out at `widths`, and how many are cut across two rows
/// (all, and those that would fit a row).
fn figure_splits(articles: &[Article], widths: &[usize]) -> (usize, usize, usize) {
    let (mut occurrences, mut split, mut split_fitting) = (0, 0, 0);
    for article in articles {
        for &width in widths {
            let opts = LayoutOptions {
                width,
                ..LayoutOptions::default()
            };
            let layout = layout_article(article, &opts);
            for f in &article.figures {
                occurrences += 1;
                let rows: Vec<_> = layout
                    .rows
                    .iter()
                    .filter(|r| r.part == Some(Part::Block(f.block)))
                    .collect();
                let cut = rows
                    .iter()
                    .any(|r| r.chars.start > f.start && r.chars.start < f.end);
                if cut {
                    split += 1;
                    if str_width(&f.text, opts.ambiguous) <= width {
                        split_fitting += 1;
                    }
                }
            }
        }
    }
    (occurrences, split, split_fitting)
}

#[test]
fn no_figure_that_fits_a_row_is_split_at_the_acceptance_widths() {
    let mut articles = parse_page(SEED);
    for page in UNSEEN_PAGES {
        articles.extend(parse_page(page));
    }
    let (occurrences, split, fitting) = figure_splits(&articles, &ACCEPTANCE_WIDTHS);
    // The same layout without figure spans, for the measure of what this rule changes.
    let blind: Vec<Article> = articles
        .iter()
        .map(|a| {
            let mut plain = a.clone();
            plain.figures = yuanqu::core::Figures::Found(Vec::new());
            plain
        })
        .collect();
    let mut before = (0, 0);
    for (a, plain) in articles.iter().zip(&blind) {
        for &width in &ACCEPTANCE_WIDTHS {
            let opts = LayoutOptions {
                width,
                ..LayoutOptions::default()
            };
            let layout = layout_article(plain, &opts);
            for f in &a.figures {
                let cut = layout.rows.iter().any(|r| {
                    r.part == Some(Part::Block(f.block))
                        && r.chars.start > f.start
                        && r.chars.start < f.end
                });
                before.0 += usize::from(cut);
                before.1 += usize::from(cut && str_width(&f.text, opts.ambiguous) <= width);
            }
        }
    }
    eprintln!(
        "figure occurrences at widths {ACCEPTANCE_WIDTHS:?}: {occurrences}; split without spans {} ({} that fit), with spans {split} ({fitting} that fit)",
        before.0, before.1
    );
    assert_eq!(fitting, 0, "{split} split");
    assert!(
        before.1 > 0,
        "the pages should hold figures a blind layout splits"
    );
    for article in &articles {
        for opts in option_sets() {
            let layout = layout_article(article, &opts);
            if let Err(e) = check_article(article, &layout, &opts) {
                panic!("{}: {e}\n{opts:?}\n{}", article.id, layout.to_plain_text());
            }
        }
    }
}

#[test]
fn plain_text_rows_fit_and_paragraph_rows_join_back() {
    let article = parse_page(SEED).into_iter().next().expect("an article");
    for width in ACCEPTANCE_WIDTHS {
        let opts = LayoutOptions {
            width,
            ..LayoutOptions::default()
        };
        let plain = layout_article(&article, &opts).to_plain_text();
        for line in plain.lines() {
            assert!(str_width(line, AmbiguousWidth::Narrow) <= width, "{line:?}");
        }
        // Paragraphs are separated by blank lines; a paragraph's lines, leading
        // spaces trimmed, join back to its text.
        let shown: Vec<String> = plain
            .split("\n\n")
            .map(|chunk| chunk.lines().map(|l| l.trim_start_matches(' ')).collect())
            .collect();
        for block in article.blocks_of(BlockKind::Paragraph) {
            assert!(
                shown.contains(&block.text),
                "{:?} not shown whole at {width}",
                block.text
            );
        }
    }
}

#[test]
fn relayout_of_a_prepared_article_matches_a_fresh_layout() {
    let article = parse_page(SEED).into_iter().next().expect("an article");
    let prepared = PreparedArticle::new(&article, AmbiguousWidth::Narrow);
    for opts in option_sets() {
        assert_eq!(
            prepared.layout(&opts),
            layout_article(&article, &opts),
            "{opts:?}"
        );
    }
}

#[test]
fn locate_finds_every_char_of_every_part() {
    let article = parse_page(SEED).into_iter().next().expect("an article");
    let opts = LayoutOptions {
        width: 31,
        reading_width: Some(24),
        ..LayoutOptions::default()
    };
    let layout = layout_article(&article, &opts);
    for (i, block) in article.blocks.iter().enumerate() {
        let chars: Vec<char> = block.text.chars().collect();
        for (offset, &c) in chars.iter().enumerate() {
            let (row, col) = layout.locate(Part::Block(i), offset).expect("located");
            let r = &layout.rows[row];
            let prefix: String = r.text.chars().take(offset - r.chars.start).collect();
            assert_eq!(col, r.indent + str_width(&prefix, AmbiguousWidth::Narrow));
            assert_eq!(r.text.chars().nth(offset - r.chars.start), Some(c));
        }
        let end = layout
            .locate(Part::Block(i), chars.len())
            .expect("end located");
        assert!(end.1 <= 31);
        assert_eq!(layout.locate(Part::Block(i), chars.len() + 1), None);
    }
}

// ---------- the checkers catch what they are meant to ----------

/// Byte ranges for rows given as strings that tile `text`.
fn ranges(rows: &[&str]) -> Vec<Range<usize>> {
    let mut at = 0;
    rows.iter()
        .map(|r| {
            at += r.len();
            at - r.len()..at
        })
        .collect()
}

#[test]
fn the_checkers_reject_faulty_rows() {
    let n = AmbiguousWidth::Narrow;
    let bad: [(&str, &[&str], usize); 9] = [
        ("园区企，业", &["园区企", "，业"], 6),   // row starts with ，
        ("说“中国”", &["说“", "中国”"], 6),       // row ends with “
        ("增长1.7亿元", &["增长1.", "7亿元"], 6), // number torn
        ("增长1.7亿元", &["增长1.7", "亿元"], 8), // number torn from its unit
        ("中心——好", &["中心—", "—好"], 7),       // —— split
        ("园区企业众木", &["园区", "企业众木"], 8), // ended early
        ("园区企业", &["园区企业"], 6),           // too wide
        ("园区企业", &["园区", "企"], 4),         // text lost
        ("园区企业", &["园", "区企业"], 4),       // wide char past the last column
    ];
    for (text, rows, width) in bad {
        assert!(
            check_text(text, &ranges(rows), &[width], n).is_err(),
            "{rows:?} at {width} passed"
        );
    }
    assert!(check_text("园区企，业", &ranges(&["园区", "企，业"]), &[6], n).is_ok());
    // A figure that fits a row is never split: 55亿|元 is rejected, 55亿元 whole on
    // the next row passes; without the figure the split is a plain break.
    let text = "总规模达55亿元，其中";
    let at = text.find("55亿元").unwrap_or_default();
    let zone = at..at + "55亿元".len();
    let figure = std::slice::from_ref(&zone);
    let split = ranges(&["总规模达55亿", "元，其中"]);
    assert!(check_text_keeping(text, &split, &[12], n, figure).is_err());
    assert!(check_text(text, &split, &[12], n).is_ok());
    let whole = ranges(&["总规模达", "55亿元，其中"]);
    assert!(check_text_keeping(text, &whole, &[12], n, figure).is_ok());
    // Keeping a figure whole is the one early break allowed; others are not.
    assert!(check_text(text, &whole, &[12], n).is_err());
    // A figure wider than a row breaks at its own break points, filling each row.
    let text = "最高给予1000万元奖励";
    let zone = 0..text.find("奖").unwrap_or_default();
    let figure = std::slice::from_ref(&zone);
    let good = ranges(&["最高给予", "1000万元奖", "励"]);
    assert!(check_text_keeping(text, &good, &[10], n, figure).is_ok());
    let early = ranges(&["最高", "给予1000万", "元奖励"]);
    assert!(check_text_keeping(text, &early, &[10], n, figure).is_err());
    // A byline with spaces breaks at them.
    let text = "◎本报记者 魏依晨 通讯员 杨天卓";
    let words: Vec<Range<usize>> = text
        .split(' ')
        .scan(0, |at, w| {
            let r = *at..*at + w.len();
            *at += w.len() + 1;
            Some(r)
        })
        .collect();
    let inside = ranges(&["◎本报记者 魏依晨 通讯员 杨", "天卓"]);
    assert!(check_text_keeping(text, &inside, &[28], n, &words).is_err());
    let at_space = ranges(&["◎本报记者 魏依晨 通讯员 ", "杨天卓"]);
    assert!(check_text_keeping(text, &at_space, &[28], n, &words).is_ok());
    // A piece wider than the row may be split anywhere between clusters.
    assert!(check_text("1234567", &ranges(&["123", "456", "7"]), &[3], n).is_ok());
}
