//! Web pages and feeds from anywhere: extraction and feed parsing must never panic,
//! and nothing they give may carry a control character to the terminal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yuanqu::core::extract::charset::decode_document;
use yuanqu::core::extract::extract_html;
use yuanqu::core::fetch::feed::parse_feed;
use yuanqu::core::page::Detail;

fuzz_target!(|data: &[u8]| {
    let (text, _) = decode_document(data, None);
    if let Ok(article) = extract_html(&text, Some("http://127.0.0.1/a/2025-03/14/content_1.htm"), Detail::Full) {
        for text in std::iter::once(&article.title).chain(article.blocks.iter().map(|b| &b.text)) {
            assert!(!text.chars().any(|c| c.is_control()), "{text:?}");
        }
    }
    let _ = parse_feed(data, None);
});
