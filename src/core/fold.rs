//! Folding text for comparison: full-width ASCII forms (`５`, `％`, `（`, `／`) to their
//! half-width forms, the ideographic space to a space, ASCII letters to lowercase.
//! Each char maps to one char, so char offsets in folded text are char offsets in
//! the original. A leaf: search and the park finder both fold with it.

/// Parts never match across each other: the folded text separates them with this,
/// which folding turns into a space wherever else it occurs (text and query alike).
pub const SEPARATOR: char = '\0';

/// The char a search compares: half-width for full-width ASCII forms, lowercase ASCII.
pub fn fold_char(c: char) -> char {
    let c = match c {
        // FULLWIDTH EXCLAMATION MARK … FULLWIDTH TILDE mirror ASCII ! … ~.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFF01 + 0x21).unwrap_or(c),
        '\u{3000}' => ' ',
        SEPARATOR => ' ',
        c => c,
    };
    c.to_ascii_lowercase()
}

/// Append `text` folded as [`fold_char`] folds each char, working on bytes: runs
/// without a full-width form are copied whole. Full-width forms are U+FF01–U+FF5E
/// (EF BC 81 – EF BD 9E in UTF-8), the ideographic space E3 80 80.
pub fn push_folded(into: &mut Vec<u8>, text: &str) {
    let start = into.len();
    let mut rest = text.as_bytes();
    while let Some(i) = memchr::memchr3(0xEF, 0xE3, 0x00, rest) {
        into.extend_from_slice(&rest[..i]);
        let tail = &rest[i..];
        let (byte, used) = match *tail {
            [0xEF, 0xBC, b @ 0x81..=0xBF, ..] => (b - 0x60, 3),
            [0xEF, 0xBD, b @ 0x80..=0x9E, ..] => (b - 0x20, 3),
            [0xE3, 0x80, 0x80, ..] => (b' ', 3),
            [0x00, ..] => (b' ', 1),
            [b, ..] => (b, 1),
            [] => break,
        };
        into.push(byte);
        rest = &tail[used..];
    }
    into.extend_from_slice(rest);
    into[start..].make_ascii_lowercase();
}

/// Append `text` folded as [`fold_char`] folds each char, as UTF-16 (little-endian
/// bytes): the search text is kept so, as a Chinese text is mostly CJK, which takes
/// two bytes a char there and three in UTF-8. Chars past U+FFFF (two units) are
/// left as they are, as `fold_char` leaves them; the byte offset (in `into`) of each
/// one's second unit is pushed to `pair_ends`, so that chars can be counted without
/// reading the text again.
pub fn push_folded_utf16(into: &mut Vec<u8>, text: &str, pair_ends: &mut Vec<usize>) {
    // Written into room made first (a char's UTF-16 is never longer than its UTF-8
    // times two), not pushed two bytes at a time: this runs over every page loaded.
    let start = into.len();
    into.resize(start + 2 * text.len(), 0);
    let mut end = start;
    for (unit, room) in text.encode_utf16().zip(into[start..].chunks_exact_mut(2)) {
        if (0xDC00..=0xDFFF).contains(&unit) {
            pair_ends.push(end);
        }
        room.copy_from_slice(&fold_unit(unit).to_le_bytes());
        end += 2;
    }
    into.truncate(end);
}

/// One UTF-16 unit as [`fold_char`] folds its char (a unit of a pair is left as is).
#[inline]
fn fold_unit(unit: u16) -> u16 {
    match unit {
        0x41..=0x5A => unit + 0x20,
        // Full-width forms of upper-case letters fold to lower-case ones.
        0xFF21..=0xFF3A => unit - 0xFF21 + 0x61,
        0xFF01..=0xFF5E => unit - 0xFF01 + 0x21,
        0x3000 | 0x0000 => 0x20,
        unit => unit,
    }
}

/// `text` as a search compares it.
pub fn fold(text: &str) -> String {
    let mut folded = Vec::with_capacity(text.len());
    push_folded(&mut folded, text);
    // Folding maps whole chars to whole chars, so the bytes stay UTF-8.
    String::from_utf8(folded).unwrap_or_default()
}
