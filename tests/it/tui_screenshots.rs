//! Regenerates screenshots/*.svg from the same buffers the snapshot tests draw:
//!
//!     cargo test --test it tui_screenshots -- --ignored

use crate::tui_pictures::pictures_archive;
use crate::tui_support::screenshot::buffer_to_svg;
use crate::tui_support::Harness;
use yuanqu::core::collection::Collection;

/// (file name, width, height, keys typed first)
const SHOTS: &[(&str, u16, u16, &str)] = &[
    ("first-screen-120x36", 120, 36, ""),
    ("park-6-120x36", 120, 36, "6"),
    ("search-120x36", 120, 36, "/金磁微粒\n"),
    ("help-120x36", 120, 36, "?"),
    ("zoom-120x36", 120, 36, "z"),
    ("first-screen-80x24", 80, 24, ""),
    ("first-screen-40x20", 40, 20, ""),
];

/// (file name, width, height, keys typed first) over `pictures_archive`.
const PICTURE_SHOTS: &[(&str, u16, u16, &str)] = &[
    ("park-view-120x36", 120, 36, "i"),
    ("park-view-80x24", 80, 24, "i"),
    ("overview-120x36", 120, 36, "O"),
];

#[test]
#[ignore = "writes screenshots/; run with --ignored to regenerate them"]
fn regenerate_screenshots() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("screenshots");
    std::fs::create_dir_all(&dir).expect("screenshots folder");
    for (name, width, height, keys) in SHOTS {
        let mut harness = Harness::new(Collection::builtin(), *width, *height);
        harness.keys(keys);
        let svg = buffer_to_svg(&harness.buffer());
        std::fs::write(dir.join(format!("{name}.svg")), svg).expect("write screenshot");
    }
    // The pictures need dated articles: the small archive of their tests.
    for (name, width, height, keys) in PICTURE_SHOTS {
        let mut harness = Harness::new(pictures_archive(), *width, *height);
        harness.keys(keys);
        let svg = buffer_to_svg(&harness.buffer());
        std::fs::write(dir.join(format!("{name}.svg")), svg).expect("write screenshot");
    }
}

#[test]
fn screenshots_keep_the_chinese_as_text() {
    let mut harness = Harness::new(Collection::builtin(), 120, 36);
    let svg = buffer_to_svg(&harness.buffer());
    assert!(svg.starts_with("<svg"));
    for c in "赣州高新区".chars() {
        assert!(svg.contains(&format!(">{c}</text>")), "{c}");
    }
}
