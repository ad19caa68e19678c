//! Bytes from the web to text: the HTTP charset, else the document's own
//! declaration (`<meta charset>`, `http-equiv`, the XML declaration), else
//! detection (chardetng, hinted with the `.cn` domain). GB2312 and GBK are decoded
//! as GB18030, their superset: Chinese pages labelled gb2312 often use GBK's and
//! GB18030's extra characters.

use encoding_rs::{Encoding, GB18030, GBK, UTF_8};

/// How far into a document its charset declaration is looked for (as browsers do).
const SNIFF_BYTES: usize = 4096;

/// Decode `bytes`; `http_charset` is the `charset` of the Content-Type, if any.
/// Returns the text and the name of the encoding used.
pub fn decode_document(bytes: &[u8], http_charset: Option<&str>) -> (String, &'static str) {
    let encoding = choose_encoding(bytes, http_charset);
    // decode() itself honours a BOM, which outranks every label.
    let (text, used, _) = encoding.decode(bytes);
    (text.into_owned(), used.name())
}

fn choose_encoding(bytes: &[u8], http_charset: Option<&str>) -> &'static Encoding {
    let declared = http_charset
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        .or_else(|| declared_in_document(bytes));
    let encoding = declared.unwrap_or_else(|| detect(bytes));
    widen(encoding)
}

/// GBK and GB2312 labels decode as GB18030; a UTF-16 label on bytes that were
/// sniffed as ASCII-compatible cannot be right, so it is taken as UTF-8 (the
/// HTML standard's rule).
fn widen(encoding: &'static Encoding) -> &'static Encoding {
    if encoding == GBK {
        GB18030
    } else if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        UTF_8
    } else {
        encoding
    }
}

fn detect(bytes: &[u8]) -> &'static Encoding {
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(Some(b"cn"), chardetng::Utf8Detection::Allow)
}

/// The charset a document names for itself in its first bytes: `<meta charset=…>`,
/// `<meta http-equiv="Content-Type" content="…; charset=…">` or `<?xml … encoding="…"?>`.
fn declared_in_document(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    if lower.starts_with(b"<?xml") {
        let end = memchr::memmem::find(&lower, b"?>")?;
        return label_after(&lower[..end], b"encoding");
    }
    memchr::memmem::find_iter(&lower, b"<meta").find_map(|start| {
        let end = lower[start..].iter().position(|&b| b == b'>')? + start;
        label_after(&lower[start..end], b"charset")
    })
}

/// The value after `name=` (quoted or not) inside a tag, as an encoding.
fn label_after(tag: &[u8], name: &[u8]) -> Option<&'static Encoding> {
    let at = memchr::memmem::find(tag, name)? + name.len();
    let rest = &tag[at..];
    let rest = rest.strip_prefix(b"=").or_else(|| {
        let trimmed = rest.trim_ascii_start();
        trimmed.strip_prefix(b"=")
    })?;
    let rest = rest.trim_ascii_start();
    let rest = rest
        .strip_prefix(b"\"")
        .or(rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let len = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':')))
        .unwrap_or(rest.len());
    Encoding::for_label(&rest[..len])
}

/// A feed decoded to UTF-8 with its XML declaration saying so, for a parser that
/// would otherwise decode it a second time by the declaration.
pub fn decode_xml(bytes: &[u8], http_charset: Option<&str>) -> String {
    let (mut text, _) = decode_document(bytes, http_charset);
    if let Some(rest) = text.strip_prefix('\u{feff}') {
        text = rest.to_string();
    }
    if text.starts_with("<?xml") {
        if let Some(end) = text.find("?>") {
            text.replace_range(..end + 2, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gbk(text: &str) -> Vec<u8> {
        GBK.encode(text).0.into_owned()
    }

    #[test]
    fn the_http_charset_comes_first() {
        let bytes = gbk("<meta charset=\"utf-8\"><p>园区新闻</p>");
        let (text, used) = decode_document(&bytes, Some("GBK"));
        assert_eq!(used, "gb18030");
        assert!(text.contains("园区新闻"));
    }

    #[test]
    fn a_meta_charset_is_read_in_either_form() {
        for head in [
            "<meta charset=gb2312>",
            "<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=GBK\">",
            "<meta charset='gbk' />",
        ] {
            let bytes = gbk(&format!(
                "<html><head>{head}</head><body>高新区项目签约</body>"
            ));
            let (text, used) = decode_document(&bytes, None);
            assert_eq!(used, "gb18030", "{head}");
            assert!(text.contains("高新区项目签约"), "{head}");
        }
    }

    #[test]
    fn gbk_with_no_label_anywhere_is_detected() {
        let body =
            "开发区今年新引进企业四十余家，总投资超过百亿元。园区负责人表示，将继续优化营商环境。";
        let bytes = gbk(&format!("<html><body><p>{body}</p></body></html>"));
        assert!(std::str::from_utf8(&bytes).is_err());
        let (text, _) = decode_document(&bytes, None);
        assert!(text.contains(body));
    }

    #[test]
    fn an_xml_feed_is_relabelled_as_utf8() {
        let feed = "<?xml version=\"1.0\" encoding=\"gb2312\"?><rss><channel><title>园区动态</title></channel></rss>";
        let text = decode_xml(&gbk(feed), None);
        assert!(text.starts_with(r#"<?xml version="1.0" encoding="UTF-8"?>"#));
        assert!(text.contains("园区动态"));
    }
}
