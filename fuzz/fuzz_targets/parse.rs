//! Any bytes as a page or a TOML article: no panic, no hang, nothing unsafe out.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use yuanqu::core::collection::parse_file_bytes;
use yuanqu::core::page::Detail;

fuzz_target!(|data: &[u8]| {
    for name in ["page.txt", "article.toml"] {
        if let Ok(articles) = parse_file_bytes(Path::new(name), data, Detail::Full) {
            for a in &articles {
                let json = serde_json::to_string(a).expect("articles serialise");
                assert!(!json.contains("\\u001b"), "escape reached the JSON");
                for f in &a.figures {
                    let text: String = a.blocks[f.block].text.chars().skip(f.start).take(f.end - f.start).collect();
                    assert_eq!(text, f.text);
                }
            }
        }
    }
});
