//! The parser on anything: no panic, no hang, nothing unsafe in what comes out.

use proptest::prelude::*;
use yuanqu::core::page::parse_page;
use yuanqu::core::Article;

/// Pieces that steer the parser, mixed with text, controls and odd characters.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("## ".to_string()),
        Just("##".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("  \n".to_string()),
        Just("\r\n".to_string()),
        Just("◎本报记者 张三 通讯员 李四".to_string()),
        Just("科技日报（记者王五）".to_string()),
        Just("图为".to_string()),
        Just(" 尹才震摄".to_string()),
        Just("受访者供图".to_string()),
        Just("（资料图片）".to_string()),
        Just("高新区".to_string()),
        Just("经济技术开发区".to_string()),
        Just("综保区".to_string()),
        Just("（上海）".to_string()),
        Just("。".to_string()),
        Just("，".to_string()),
        Just("1.7亿元".to_string()),
        Just("\u{1b}[2J".to_string()),
        Just("\u{202e}".to_string()),
        Just("\u{200b}".to_string()),
        Just("\t".to_string()),
        Just("e\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}".to_string()),
        "[\u{4e00}-\u{4e80}]{1,12}",
        "[a-z0-9 ]{1,6}",
        any::<char>().prop_map(String::from),
    ]
}

fn page() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..80).prop_map(|v| v.concat())
}

fn texts(a: &Article) -> Vec<&str> {
    let mut t = vec![a.id.as_str(), a.title.as_str(), a.byline.raw.as_str()];
    t.extend(a.subtitle.as_deref());
    t.extend(a.column.as_deref());
    t.extend(a.park.as_deref());
    for b in &a.blocks {
        t.push(&b.text);
        t.extend(b.credit.as_deref());
    }
    t
}

fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}'..='\u{200f}' | '\u{feff}')
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_page_parses_to_safe_text(input in page()) {
        let articles = parse_page(&input);
        let mut ids = std::collections::HashSet::new();
        for a in &articles {
            prop_assert!(ids.insert(a.id.clone()), "duplicate id {}", a.id);
            prop_assert!(!a.title.is_empty());
            for t in texts(a) {
                prop_assert!(!t.chars().any(is_unsafe), "unsafe char in {:?}", t);
            }
            let json = serde_json::to_string(a).unwrap();
            prop_assert!(!json.contains("\\u001b"));
        }
    }

    #[test]
    fn paragraph_text_comes_from_the_page(input in page()) {
        // Every paragraph's characters stand in the input, in order.
        let clean = yuanqu::core::sanitize::sanitize_text(&input);
        for a in parse_page(&input) {
            for b in &a.blocks {
                let mut rest = clean.chars();
                for c in b.text.chars() {
                    prop_assert!(rest.any(|x| x == c), "{:?} not in page", b.text);
                }
            }
        }
    }
}

/// Pathological pages finish (linear work): one enormous unfinished paragraph,
/// thousands of credit lines, thousands of park suffixes.
#[test]
fn pathological_pages_finish() {
    let long_line = "高新区".repeat(200_000);
    let articles = parse_page(&format!("## 标题\n\n{long_line}\n"));
    assert_eq!(articles.len(), 1);
    let many_lines = "没有标点的一行\n".repeat(100_000);
    let articles = parse_page(&format!("## 标题\n\n{many_lines}"));
    assert_eq!(
        articles[0].blocks.len(),
        1,
        "unfinished lines join into one paragraph"
    );
    assert!(articles[0].truncated);
    let credits = "图为园区。\n受访者供图\n".repeat(20_000);
    let articles = parse_page(&format!("## 标题\n\n{credits}"));
    assert_eq!(articles[0].blocks.len(), 20_000);
    let headings = "## 甲\n## 乙\n\n正文。\n".repeat(20_000);
    assert_eq!(parse_page(&headings).len(), 20_000);
}
