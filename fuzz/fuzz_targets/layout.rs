//! Any bytes, any width: the layout never panics, never loses or reorders text,
//! and never makes a row wider than the width (but for one cluster too wide
//! for any row).
#![no_main]

use libfuzzer_sys::fuzz_target;
use unicode_segmentation::UnicodeSegmentation;
use yuanqu::core::layout::{
    layout_article, str_width, wrap_lines, AmbiguousWidth, LayoutOptions, Part,
};
use yuanqu::core::{Article, Block, BlockKind};

fuzz_target!(|data: &[u8]| {
    let Some((&[w, first, flags], rest)) = data.split_first_chunk::<3>() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let ambiguous = if flags & 1 == 0 {
        AmbiguousWidth::Narrow
    } else {
        AmbiguousWidth::Wide
    };
    let (width, first) = (usize::from(w % 130), usize::from(first % 130));

    let rows = wrap_lines(&text, first, width, ambiguous);
    let mut at = 0;
    for (k, r) in rows.iter().enumerate() {
        assert_eq!(r.start, at, "rows tile the text");
        assert!(r.end > r.start, "no empty row");
        at = r.end;
        let row = &text[r.clone()];
        let limit = if k == 0 { first } else { width }.max(1);
        assert!(
            str_width(row, ambiguous) <= limit || row.graphemes(true).count() == 1,
            "row {row:?} over {limit}"
        );
    }
    assert_eq!(at, text.len(), "nothing lost");

    let mut article = Article::new("fuzz", text.as_ref());
    for (i, piece) in text.split('\n').enumerate() {
        let kind = [BlockKind::Paragraph, BlockKind::Heading, BlockKind::Caption][i % 3];
        article.blocks.push(Block::new(kind, piece));
    }
    let opts = LayoutOptions {
        width,
        reading_width: (flags & 2 != 0).then_some(first),
        paragraph_indent: usize::from(flags >> 4),
        ambiguous,
    };
    let layout = layout_article(&article, &opts);
    for (i, block) in article.blocks.iter().enumerate() {
        let joined: String = layout
            .rows
            .iter()
            .filter(|r| r.part == Some(Part::Block(i)))
            .map(|r| r.text.as_str())
            .collect();
        assert_eq!(joined, block.text);
        let _ = layout.locate(Part::Block(i), block.text.chars().count());
    }
    let _ = layout.to_plain_text();
});
