//! Parse throughput: the seed page, and a collection of varied pages in its layout.

use divan::counter::BytesCount;
use divan::Bencher;
use yuanqu::core::page::parse_page;

const SEED: &str = include_str!("../data/keji-ribao-yuanqu-page.txt");

fn main() {
    divan::main();
}

/// The seed with park names and digits varied, as scripts/gen-pages.py does.
fn varied_pages(n: usize) -> Vec<String> {
    let cities = [
        "合肥", "宁德", "株洲", "芜湖", "洛阳", "绵阳", "常州", "烟台",
    ];
    (0..n)
        .map(|i| {
            let mut page = SEED.to_string();
            for (k, old) in ["赣州", "西安", "贵阳", "大同", "沈抚"].iter().enumerate() {
                page = page.replace(old, cities[(i + k) % cities.len()]);
            }
            page.chars()
                .enumerate()
                .map(|(j, c)| match c.to_digit(10) {
                    Some(d) if (i + j) % 3 == 0 => char::from_digit((d + 1) % 10, 10).unwrap_or(c),
                    _ => c,
                })
                .collect()
        })
        .collect()
}

#[divan::bench]
fn seed_page(bencher: Bencher) {
    bencher
        .counter(BytesCount::of_str(SEED))
        .bench(|| parse_page(divan::black_box(SEED)));
}

#[divan::bench(sample_count = 10)]
fn two_hundred_varied_pages(bencher: Bencher) {
    let pages = varied_pages(200);
    let bytes: usize = pages.iter().map(String::len).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        pages
            .iter()
            .map(|p| parse_page(divan::black_box(p)).len())
            .sum::<usize>()
    });
}

/// Without figures, as `yuanqu list` parses.
#[divan::bench(sample_count = 10)]
fn two_hundred_varied_pages_outline(bencher: Bencher) {
    use yuanqu::core::page::{parse_page_with, Detail};
    use yuanqu::core::parks::ParkRegistry;
    let pages = varied_pages(200);
    let bytes: usize = pages.iter().map(String::len).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        pages
            .iter()
            .map(|p| {
                parse_page_with(
                    divan::black_box(p),
                    ParkRegistry::builtin(),
                    Detail::Outline,
                )
                .len()
            })
            .sum::<usize>()
    });
}

/// Baseline, same run and pages: decode every char once and count the 。, as
/// `rg -c 。` does — the floor any parser of this text stands on.
#[divan::bench(sample_count = 10)]
fn baseline_count_full_stops(bencher: Bencher) {
    let pages = varied_pages(200);
    let bytes: usize = pages.iter().map(String::len).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        pages
            .iter()
            .map(|p| divan::black_box(p).chars().filter(|&c| c == '。').count())
            .sum::<usize>()
    });
}
