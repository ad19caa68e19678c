//! Figure extraction throughput over a generated collection of a few MB: the seed's
//! paragraphs repeated with their numbers varied, so the scanner meets fresh digits.

use divan::counter::BytesCount;
use divan::Bencher;
use yuanqu::core::figures::extract_figures;
use yuanqu::core::{Block, BlockKind};

const SEED: &str = include_str!("../data/keji-ribao-yuanqu-page.txt");
const TARGET_BYTES: usize = 4 << 20;

fn main() {
    let blocks = collection();
    let bytes: usize = blocks.iter().map(|b| b.text.len()).sum();
    let start = std::time::Instant::now();
    let figures = extract_figures(&blocks).len();
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "figures: {:.1} MB of text, {figures} figures, one pass {:.1} ms = {:.0} MB/s",
        bytes as f64 / 1e6,
        seconds * 1e3,
        bytes as f64 / 1e6 / seconds
    );
    divan::main();
}

/// Every paragraph of the seed, again and again, each copy with its digits shifted
/// by the copy number (a cheap, deterministic mutation).
fn collection() -> Vec<Block> {
    let paragraphs: Vec<&str> = SEED
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("##"))
        .collect();
    let mut blocks = Vec::new();
    let mut bytes = 0;
    let mut copy = 0u32;
    while bytes < TARGET_BYTES {
        for paragraph in &paragraphs {
            let text: String = paragraph
                .chars()
                .map(|c| match c.to_digit(10) {
                    Some(d) => char::from_digit((d + copy) % 10, 10).unwrap_or(c),
                    None => c,
                })
                .collect();
            bytes += text.len();
            blocks.push(Block::new(BlockKind::Paragraph, text));
        }
        copy += 1;
    }
    blocks
}

#[divan::bench(sample_count = 20)]
fn extract_collection(bencher: Bencher) {
    let blocks = collection();
    let bytes: usize = blocks.iter().map(|b| b.text.len()).sum();
    bencher
        .counter(BytesCount::new(bytes))
        .bench(|| extract_figures(divan::black_box(&blocks)));
}

/// Baseline, same run and blocks: one pass that only finds the digits.
#[divan::bench(sample_count = 20)]
fn baseline_find_digits(bencher: Bencher) {
    let blocks = collection();
    let bytes: usize = blocks.iter().map(|b| b.text.len()).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        blocks
            .iter()
            .map(|b| {
                divan::black_box(&b.text)
                    .chars()
                    .filter(char::is_ascii_digit)
                    .count()
            })
            .sum::<usize>()
    });
}
