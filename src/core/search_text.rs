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

use super::workers::cores;

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

    /// A text kept in a new file at `path`, which stays there (a whole-load entry,
    /// `searchable_entry`, is written on after the text and renamed into place).
    pub fn in_named_file(path: &Path) -> io::Result<SearchText> {
        let file = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(path)?;
        Ok(SearchText {
            store: Store::File(file),
            ..SearchText::default()
        })
    }

    /// The text that a file holds in its first `len` bytes (even), with the places of
    /// its pairs' second units (in order, each within `len`); `None` when they do not
    /// fit it. Only read: nothing is appended to it.
    pub fn from_file(file: File, len: usize, pair_ends: Vec<usize>) -> Option<SearchText> {
        let in_order = pair_ends.windows(2).all(|w| w[0] < w[1]);
        let within = pair_ends
            .last()
            .is_none_or(|&p| p < len && p.is_multiple_of(2));
        (len.is_multiple_of(2) && in_order && within).then_some(SearchText {
            store: Store::File(file),
            len,
            pair_ends,
            window: WINDOW,
        })
    }

    /// Byte offsets of the second units of pairs, in order.
    pub fn pair_ends(&self) -> &[usize] {
        &self.pair_ends
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
        let file = match &self.store {
            Store::Memory(bytes) => {
                scan(&finder, bytes, 0, bytes.len(), &mut 0, &mut hit);
                return Ok(());
            }
            Store::File(file) => file,
        };
        // A needle that cannot overlap itself has occurrences that never overlap, so
        // halves scanned apart give what one scan gives: the file is read on two cores.
        if cores() > 1 && self.len >= 4 * self.window && !overlaps_itself(needle) {
            let middle = (self.len / 2) & !1;
            let (first, second) = std::thread::scope(|scope| {
                let first = scope.spawn(|| self.hits_between(file, &finder, 0, middle));
                let second = self.hits_between(file, &finder, middle, self.len);
                let first = first
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e));
                (first, second)
            });
            first?.into_iter().chain(second?).for_each(hit);
            return Ok(());
        }
        let mut at = 0;
        self.each_window(file, &finder, 0, self.len, |window, base, own_end| {
            scan(&finder, window, base, own_end, &mut at, &mut hit)
        })
    }

    /// The occurrences that start from `from` up to `to`, scanned as `find_each` does.
    fn hits_between(
        &self,
        file: &File,
        finder: &memmem::Finder,
        from: usize,
        to: usize,
    ) -> io::Result<Vec<usize>> {
        let (mut hits, mut at) = (Vec::new(), from);
        self.each_window(file, finder, from, to, |window, base, own_end| {
            scan(finder, window, base, own_end, &mut at, &mut |h| {
                hits.push(h)
            })
        })?;
        Ok(hits)
    }

    /// Read the file from `from` up to `to` a window at a time; `each` gets the
    /// window, its start, and the end of the bytes it is the window of. Each reads on
    /// by the needle's length less one, so that an occurrence starting in it is seen
    /// whole.
    fn each_window(
        &self,
        file: &File,
        finder: &memmem::Finder,
        from: usize,
        to: usize,
        mut each: impl FnMut(&[u8], usize, usize),
    ) -> io::Result<()> {
        let mut buffer = Vec::new();
        let mut base = from;
        while base < to {
            let own_end = (base + self.window).min(to);
            let end = (own_end + finder.needle().len() - 1).min(self.len);
            buffer.resize(end - base, 0);
            read_exact_at(file, &mut buffer, base)?;
            each(&buffer, base, own_end);
            base = own_end;
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

/// The occurrences in `window` (the text from `base`) that start before `own_end`
/// and at or after `at`, the end of the one before: each goes to `hit`.
fn scan(
    finder: &memmem::Finder,
    window: &[u8],
    base: usize,
    own_end: usize,
    at: &mut usize,
    hit: &mut impl FnMut(usize),
) {
    let needle_len = finder.needle().len();
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
        *at = byte + needle_len;
        from = *at - base;
    }
}

/// True when `needle` can overlap itself (some proper prefix is also a suffix, as in
/// `aa` or `aba`): then non-overlapping matches are not all its occurrences.
pub fn overlaps_itself(needle: &[u8]) -> bool {
    (1..needle.len()).any(|k| needle[..k] == needle[needle.len() - k..])
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
        let dir = crate::private_folder::test_folder("search-text-full");
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
