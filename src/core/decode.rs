//! Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else GBK/GB18030.

use std::borrow::Cow;

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeError {
    /// NUL bytes outside UTF-16: an image, an archive, not a page.
    Binary,
    /// Neither UTF-8 nor GB18030 decodes it cleanly.
    UnknownEncoding,
    /// A UTF-16 BOM but broken UTF-16 after it.
    BrokenUtf16,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DecodeError::Binary => "binary data (NUL bytes), not a text page",
            DecodeError::UnknownEncoding => "not UTF-8, UTF-16 or GBK/GB18030 text",
            DecodeError::BrokenUtf16 => "invalid UTF-16 after its byte-order mark",
        })
    }
}

impl std::error::Error for DecodeError {}

/// Decode a file's bytes; the name of the encoding used comes back with the text.
pub fn decode_bytes(bytes: &[u8]) -> Result<(Cow<'_, str>, &'static str), DecodeError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest).map(|s| (s, "UTF-8"));
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        if enc == UTF_16LE || enc == UTF_16BE {
            let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
            if had_errors {
                return Err(DecodeError::BrokenUtf16);
            }
            return Ok((text, enc.name()));
        }
    }
    if has_nul(bytes) {
        return Err(DecodeError::Binary);
    }
    // Checked for NULs just above: validated as UTF-8 without a second scan.
    if let Some(s) = UTF_8.decode_without_bom_handling_and_without_replacement(bytes) {
        return Ok((s, "UTF-8"));
    }
    let (text, had_errors) = GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(DecodeError::UnknownEncoding);
    }
    Ok((text, GB18030.name()))
}

/// Valid UTF-8 borrowed as it is (encoding_rs validates with SIMD, several
/// times faster than `str::from_utf8` on Chinese text).
fn utf8(bytes: &[u8]) -> Result<Cow<'_, str>, DecodeError> {
    if has_nul(bytes) {
        return Err(DecodeError::Binary);
    }
    UTF_8
        .decode_without_bom_handling_and_without_replacement(bytes)
        .ok_or(DecodeError::UnknownEncoding)
}

/// Any NUL byte? (memchr's vectorised search: several times faster than
/// `<[u8]>::contains` over a whole page.)
fn has_nul(bytes: &[u8]) -> bool {
    memchr::memchr(0, bytes).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode_bytes("园区".as_bytes()).unwrap().0, "园区");
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice("园区".as_bytes());
        assert_eq!(decode_bytes(&with_bom).unwrap().0, "园区");
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        for u in "高新区".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        let (text, encoding) = decode_bytes(&le).unwrap();
        assert_eq!((text.as_ref(), encoding), ("高新区", "UTF-16LE"));
        let mut be = vec![0xFE, 0xFF];
        for u in "高新区".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode_bytes(&be).unwrap().0, "高新区");
    }

    #[test]
    fn gbk_when_not_utf8() {
        let (bytes, _, _) = encoding_rs::GBK.encode("赣州高新区打造稀土新材料高地。");
        let (text, enc) = decode_bytes(&bytes).unwrap();
        assert_eq!(text, "赣州高新区打造稀土新材料高地。");
        assert_eq!(enc, "gb18030");
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(
            decode_bytes(b"\x89PNG\r\n\x1a\n\0\0"),
            Err(DecodeError::Binary)
        );
    }

    #[test]
    fn undecodable_is_refused() {
        // 0xFF never starts a GB18030 sequence.
        assert_eq!(
            decode_bytes(b"abc\xFF\xFFdef"),
            Err(DecodeError::UnknownEncoding)
        );
    }
}
