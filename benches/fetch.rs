//! News in: extracting one 50 KB e-paper article page, and a fetch of 100 sources
//! on 127.0.0.1 that all answer 304 Not Modified (the usual morning for most).
//! Peak memory under a gzip bomb is measured by scripts/bench-fetch.sh.

use std::sync::atomic::AtomicUsize;

use divan::counter::BytesCount;
use divan::Bencher;
use yuanqu::core::extract::extract_html;
use yuanqu::core::fetch::fetch_all;
use yuanqu::core::fetch::source::{FetchSettings, Follow, Source, SourceKind};
use yuanqu::core::page::Detail;

#[allow(dead_code)]
#[path = "../tests/support/fixture_server.rs"]
mod fixture_server;

fn main() {
    divan::main();
}

/// A Founder article page of about 50 KB: the 人民日报 fixture with its body
/// paragraphs repeated, as a long feature story is.
fn epaper_page() -> String {
    let page = include_str!("../tests/data/web/rmrb-pc-content.html");
    let (head, rest) = page.split_once("<div id=\"ozoom\">").expect("a body");
    let (body, tail) = rest.split_once("</div>").expect("its end");
    let mut out = format!("{head}<div id=\"ozoom\">");
    while out.len() + tail.len() < 50_000 {
        out.push_str(body);
    }
    out.push_str("</div>");
    out.push_str(tail);
    out
}

#[divan::bench]
fn extract_50kb_epaper_article(bencher: Bencher) {
    let page = epaper_page();
    bencher
        .counter(BytesCount::of_str(&page))
        .bench(|| extract_html(divan::black_box(&page), None, Detail::Full));
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn fetch_100_sources_all_not_modified(bencher: Bencher) {
    let server = fixture_server::FixtureServer::start(0);
    let archive = std::env::temp_dir().join(format!("yuanqu-bench-fetch-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&archive);
    let sources: Vec<Source> = (0..100)
        .map(|i| Source {
            name: format!("source-{i}"),
            kind: SourceKind::Feed {
                url: server.url(&format!("/static/feeds/feed.json?{i}")),
                follow: Follow::Never,
            },
        })
        .collect();
    let settings = FetchSettings::default();
    // The first fetch writes the articles and keeps the validators.
    fetch_all(&sources, &settings, &archive, &AtomicUsize::new(0)).expect("a first fetch");
    bencher.bench(|| fetch_all(&sources, &settings, &archive, &AtomicUsize::new(0)));
    let _ = std::fs::remove_dir_all(&archive);
}

/// The same page without the figure scan, and html5ever's parse alone: where the
/// time of `extract_50kb_epaper_article` goes.
#[divan::bench]
fn extract_50kb_epaper_article_outline(bencher: Bencher) {
    let page = epaper_page();
    bencher.bench(|| extract_html(divan::black_box(&page), None, Detail::Outline));
}

#[divan::bench]
fn parse_50kb_html_only(bencher: Bencher) {
    let page = epaper_page();
    bencher.bench(|| scraper::Html::parse_document(divan::black_box(&page)));
}
