//! The folded search text (UTF-16LE bytes, see `search`), held in memory or kept
//! in a file of its own, and scanned a window at a time.
//!
//! A reader over an archive keeps its text in a file: over 2,000 pages it is 21 MB,
//! a third of what the reader held with it, and over 20,000 pages 213 MB, a half.
//! A scan reads the file through one window of [`WINDOW`] bytes, so the text is the
//! system's page cache (shared, given back under pressure), never the reader's own
//! memory. The file is removed from its folder as soon as it is made: it lives
//! while the reader holds it open, and nothing is left behind, whatever the end.
//!
//! Chars are counted from the units, less the second units of pairs (chars past
//! U+FFFF), whose places are noted as the text is folded: no scan reads the text
//! twice to count.

use std::fs::{self, File};
use std::io;
use std::path::Path;

use memchr::memmem;

/// Bytes read at once when the text is in a file (even, as units are two bytes).
pub const WINDOW: usize = 1 << 20;

/// Folded text, appended to while loading, then scanned.
#[derive(Debug)]
pub struct SearchText {
    store: Store,
    len: usize,
    /// Byte offsets of the second units of pairs, in order.
    pair_ends: Vec<usize>,
    /// Bytes read at once from a file: [`WINDOW`] but in tests.
    window: usize,
}

impl Default for SearchText {
    fn default() -> SearchText {
        SearchText {
            store: Store::default(),
            len: 0,
            pair_ends: Vec::new(),
            window: WINDOW,
        }
    }
}

#[derive(Debug)]
enum Store {
    Memory(Vec<u8>),
    /// A file removed from its folder, written up to `len`.
    File(File),
}

impl Default for Store {
    fn default() -> Store {
        Store::Memory(Vec::new())
    }
}

impl SearchText {
    /// A text held in memory: UTF-16LE units, and the places of pairs' second units.
    pub fn in_memory(mut units: Vec<u8>, mut pair_ends: Vec<usize>) -> SearchText {
        // Held for the whole session: without the room growing it left.
        units.shrink_to_fit();
        pair_ends.shrink_to_fit();
        SearchText {
            len: units.len(),
            store: Store::Memory(units),
            pair_ends,
            window: WINDOW,
        }
    }

    /// A text kept in a new file in `dir` (made if missing), which is removed from
    /// the folder at once. Where no such file can be made, an error says why.
    #[cfg(unix)]
    pub fn in_file_under(dir: &Path) -> io::Result<SearchText> {
        fs::create_dir_all(dir)?;
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let path = dir.join(format!("search-text-{}-{stamp}.tmp", std::process::id()));
        let file = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)?;
        fs::remove_file(&path)?;
        Ok(SearchText {
            store: Store::File(file),
            ..SearchText::default()
        })
    }

    /// Elsewhere the text stays in memory.
    #[cfg(not(unix))]
    pub fn in_file_under(_: &Path) -> io::Result<SearchText> {
        Err(io::Error::new(
            io::ErrorKind::Unsupported,
            "kept in memory here",
        ))
    }

    /// Read a file `window` bytes at a time (even): tests cross windows with few bytes.
    #[cfg(test)]
    pub fn set_window(&mut self, window: usize) {
        self.window = window.max(2) & !1;
    }

    /// Whether the text is kept in a file.
    pub fn is_in_file(&self) -> bool {
        matches!(self.store, Store::File(_))
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Append folded units, with the places of their pairs' second units (from
    /// their own start).
    pub fn append(&mut self, units: &[u8], pair_ends: &[usize]) {
        if let Store::File(file) = &self.store {
            if write_all_at(file, units, self.len).is_err() {
                // A full disk, say: the text goes on in memory. What the file held is
                // read back (should even that fail, blanks keep the offsets right).
                let held = self
                    .bytes(0, self.len)
                    .unwrap_or_else(|_| vec![0; self.len]);
                self.store = Store::Memory(held);
            }
        }
        if let Store::Memory(bytes) = &mut self.store {
            bytes.extend_from_slice(units);
        }
        let at = self.len;
        self.pair_ends.extend(pair_ends.iter().map(|p| p + at));
        self.len += units.len();
    }

    /// Try to reserve room for `bytes` more in memory (nothing for a file): the
    /// text then grows in place instead of being copied as it doubles.
    pub fn try_reserve_exact(&mut self, bytes: usize) {
        if let Store::Memory(held) = &mut self.store {
            let _ = held.try_reserve_exact(bytes);
        }
    }

    /// Chars from byte `from` up to byte `to` (both on unit bounds).
    pub fn chars_between(&self, from: usize, to: usize) -> usize {
        let pairs = self.pair_ends.partition_point(|&p| p < to)
            - self.pair_ends.partition_point(|&p| p < from);
        (to - from) / 2 - pairs
    }

    /// Every occurrence of `needle` at a unit bound, from the start, each found
    /// after the end of the one before (as `str::match_indices`): `hit` gets its byte
    /// offset. `needle` is not empty.
    pub fn find_each(&self, needle: &[u8], mut hit: impl FnMut(usize)) -> io::Result<()> {
        let finder = memmem::Finder::new(needle);
        let mut at: usize = 0;
        let mut scan = |window: &[u8], base: usize, own_end: usize| {
            let mut from = at.saturating_sub(base);
            while let Some(found) = window.get(from..).and_then(|w| finder.find(w)) {
                let byte = base + from + found;
                if byte >= own_end {
                    break;
                }
                // Bytes that straddle two units are no match of whole units.
                if byte % 2 == 1 {
                    from = byte + 1 - base;
                    continue;
                }
                hit(byte);
                at = byte + needle.len();
                from = at - base;
            }
        };
        match &self.store {
            Store::Memory(bytes) => scan(bytes, 0, bytes.len()),
            Store::File(file) => {
                // Each window reads on by the needle's length less one, so that an
                // occurrence starting in it is seen whole.
                let mut buffer = Vec::new();
                let mut base = 0;
                while base < self.len {
                    let own_end = (base + self.window).min(self.len);
                    let end = (own_end + needle.len() - 1).min(self.len);
                    buffer.resize(end - base, 0);
                    read_exact_at(file, &mut buffer, base)?;
                    scan(&buffer, base, own_end);
                    base = own_end;
                }
            }
        }
        Ok(())
    }

    /// For each of `offsets`, whether the text there begins with `needle`.
    pub fn starts_with_at(&self, offsets: &[usize], needle: &[u8]) -> io::Result<Vec<bool>> {
        let file = match &self.store {
            Store::Memory(bytes) => {
                return Ok(offsets
                    .iter()
                    .map(|&o| bytes.get(o..).is_some_and(|t| t.starts_with(needle)))
                    .collect())
            }
            Store::File(file) => file,
        };
        // Read in text order, a window of nearby offsets at a time.
        let mut by_place: Vec<usize> = (0..offsets.len()).collect();
        by_place.sort_unstable_by_key(|&i| offsets[i]);
        let mut answers = vec![false; offsets.len()];
        let mut buffer = Vec::new();
        let mut rest = by_place.as_slice();
        while let Some(&first) = rest.first() {
            let base = offsets[first];
            let limit = base + self.window.max(needle.len());
            let taken = rest.partition_point(|&i| offsets[i] + needle.len() <= limit);
            let (window, after) = rest.split_at(taken.max(1));
            let end = window
                .iter()
                .map(|&i| offsets[i] + needle.len())
                .max()
                .unwrap_or(base)
                .min(self.len);
            buffer.resize(end.saturating_sub(base), 0);
            read_exact_at(file, &mut buffer, base)?;
            for &i in window {
                answers[i] = buffer
                    .get(offsets[i] - base..)
                    .is_some_and(|t| t.starts_with(needle));
            }
            rest = after;
        }
        Ok(answers)
    }

    /// The bytes from `from` to `to`.
    pub fn bytes(&self, from: usize, to: usize) -> io::Result<Vec<u8>> {
        let to = to.min(self.len);
        let from = from.min(to);
        match &self.store {
            Store::Memory(bytes) => Ok(bytes[from..to].to_vec()),
            Store::File(file) => {
                let mut buffer = vec![0; to - from];
                read_exact_at(file, &mut buffer, from)?;
                Ok(buffer)
            }
        }
    }
}

#[cfg(unix)]
fn read_exact_at(file: &File, buffer: &mut [u8], at: usize) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buffer, at as u64)
}

#[cfg(unix)]
fn write_all_at(file: &File, bytes: &[u8], at: usize) -> io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, at as u64)
}

// No file is ever made elsewhere (`in_file_under`).
#[cfg(not(unix))]
fn read_exact_at(_: &File, _: &mut [u8], _: usize) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

#[cfg(not(unix))]
fn write_all_at(_: &File, _: &[u8], _: usize) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_file_that_cannot_be_written_leaves_the_text_in_memory_whole() {
        let dir = std::env::temp_dir().join(format!("yuanqu-text-full-{}", std::process::id()));
        let mut text = SearchText::in_file_under(&dir).unwrap();
        let first: Vec<u8> = "园区𠀋".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let second: Vec<u8> = "高新区".encode_utf16().flat_map(u16::to_le_bytes).collect();
        text.append(&first, &[6]);
        assert!(text.is_in_file());
        // As a full disk would, the file now refuses writes (it reads what was written).
        let path = dir.join("refuses-writes");
        fs::write(&path, &first).unwrap();
        text.store = Store::File(File::open(&path).unwrap());
        text.append(&second, &[]);
        assert!(!text.is_in_file(), "the text went on in memory");
        let whole = [first.as_slice(), second.as_slice()].concat();
        assert_eq!(text.bytes(0, text.len()).unwrap(), whole);
        // 园区𠀋高新区: six chars in seven units.
        assert_eq!(text.chars_between(0, text.len()), 6);
        let mut hits = Vec::new();
        text.find_each(&second, |at| hits.push(at)).unwrap();
        assert_eq!(hits, vec![first.len()]);
        fs::remove_dir_all(&dir).unwrap();
    }
}
