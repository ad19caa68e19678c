//! Copy through the terminal: OSC 52 (`ESC ] 52 ; c ; BASE64 ESC \`) asks the
//! terminal to set its clipboard, which works over SSH and mosh. Inside tmux the
//! request reaches the outer terminal only with `set -g set-clipboard on` (the README
//! says so); it is not wrapped in tmux's passthrough, which is off by default too.
//!
//! base64 is a dozen lines here rather than a crate: encoding is all we need.

/// The largest request sent, in bytes of base64: terminals drop larger ones (some at
/// about 74 KB, xterm's default limit is lower), so a larger copy is refused with a
/// message instead of failing silently. 64 KiB of base64 is 48 KiB of text, about
/// 16,000 Chinese characters.
pub const MAX_BASE64: usize = 64 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CopyError {
    /// The text's base64 is this many bytes, over [`MAX_BASE64`].
    TooLarge(usize),
}

/// The OSC 52 request that puts `text` on the clipboard. `text` must already be
/// sanitised (see `core::plain_text`).
pub fn osc52(text: &str) -> Result<Vec<u8>, CopyError> {
    let encoded = base64(text.as_bytes());
    if encoded.len() > MAX_BASE64 {
        return Err(CopyError::TooLarge(encoded.len()));
    }
    let mut request = b"\x1b]52;c;".to_vec();
    request.extend_from_slice(encoded.as_bytes());
    request.extend_from_slice(b"\x1b\\");
    Ok(request)
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding (RFC 4648 §4).
pub fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::tui::term::clipboard::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
        assert_eq!(base64("园区".as_bytes()), "5Zut5Yy6");
    }

    #[test]
    fn request_is_one_osc_52_and_large_ones_are_refused() {
        assert_eq!(osc52("hi").unwrap(), b"\x1b]52;c;aGk=\x1b\\".to_vec());
        let big = "园".repeat(MAX_BASE64 / 4 + 1);
        assert!(matches!(osc52(&big), Err(CopyError::TooLarge(n)) if n > MAX_BASE64));
    }
}
