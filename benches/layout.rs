//! Layout speed: the whole seed page at width 80 (target ≥ 20 MB/s), and
//! relayout of a ~100,000-char article on resize (target < 10 ms).

use divan::counter::BytesCount;
use divan::{black_box, Bencher};
use yuanqu::core::layout::{layout_article, AmbiguousWidth, LayoutOptions, PreparedArticle};
use yuanqu::core::page::parse_page;
use yuanqu::core::{Article, Block};

const SEED: &str = include_str!("../data/keji-ribao-yuanqu-page.txt");

fn main() {
    divan::main();
}

fn seed_articles() -> Vec<Article> {
    parse_page(SEED)
}

fn text_bytes(articles: &[Article]) -> usize {
    articles
        .iter()
        .map(|a| {
            a.title.len()
                + a.subtitle.as_ref().map_or(0, String::len)
                + a.byline.raw.len()
                + a.blocks.iter().map(|b| b.text.len()).sum::<usize>()
        })
        .sum()
}

/// An article of about 100,000 chars made of the seed's blocks, repeated.
fn long_article() -> Article {
    let articles = seed_articles();
    let blocks: Vec<&Block> = articles.iter().flat_map(|a| &a.blocks).collect();
    let mut article = Article::new("long", "长文");
    let mut chars = 0;
    for block in blocks.iter().cycle() {
        if chars >= 100_000 {
            break;
        }
        chars += block.text.chars().count();
        article.blocks.push((*block).clone());
    }
    article
}

fn at(width: usize) -> LayoutOptions {
    LayoutOptions {
        width,
        ..LayoutOptions::default()
    }
}

#[divan::bench]
fn seed_page_at_80(bencher: Bencher) {
    let articles = seed_articles();
    bencher
        .counter(BytesCount::new(text_bytes(&articles)))
        .bench(|| {
            for article in &articles {
                black_box(layout_article(black_box(article), &at(80)));
            }
        });
}

#[divan::bench]
fn long_article_full_layout(bencher: Bencher) {
    let article = long_article();
    bencher
        .counter(BytesCount::new(text_bytes(std::slice::from_ref(&article))))
        .bench(|| black_box(layout_article(black_box(&article), &at(80))));
}

/// A resize: the prepared (width-independent) analysis is kept, rows refilled.
#[divan::bench(args = [40, 79, 120])]
fn long_article_relayout(bencher: Bencher, width: usize) {
    let prepared = PreparedArticle::new(&long_article(), AmbiguousWidth::Narrow);
    bencher.bench(|| black_box(prepared.layout(&at(black_box(width)))));
}

/// Baseline, same run and text: textwrap's default wrapping (UAX #14, optimal fit)
/// of every part of the seed at width 80.
#[divan::bench]
fn baseline_textwrap_seed_at_80(bencher: Bencher) {
    let articles = seed_articles();
    let texts: Vec<String> = articles
        .iter()
        .flat_map(|a| {
            [
                a.title.clone(),
                a.subtitle.clone().unwrap_or_default(),
                a.byline.raw.clone(),
            ]
            .into_iter()
            .chain(a.blocks.iter().map(|b| b.text.clone()))
        })
        .collect();
    bencher
        .counter(BytesCount::new(text_bytes(&articles)))
        .bench(|| {
            for text in &texts {
                black_box(textwrap::wrap(black_box(text), 80));
            }
        });
}
