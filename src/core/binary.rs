//! The binary encoding of the cache's entry files (`searchable_entry`,
//! `list_rows`): little-endian numbers, length-prefixed bytes, tagged options, and
//! paths as their bytes. Entries are this program's own and checked by a hash;
//! decoding still refuses, never panics on, bytes it did not write.

use std::path::{Path, PathBuf};

use crate::core::dates::PageDate;

/// What an entry is written into.
#[derive(Default)]
pub(crate) struct Out(pub(crate) Vec<u8>);

impl Out {
    pub(crate) fn u8(&mut self, n: u8) {
        self.0.push(n);
    }
    pub(crate) fn u32(&mut self, n: u32) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }
    pub(crate) fn u64(&mut self, n: u64) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }
    pub(crate) fn count(&mut self, n: usize) {
        self.u64(n as u64);
    }
    pub(crate) fn bytes(&mut self, b: &[u8]) {
        self.count(b.len());
        self.0.extend_from_slice(b);
    }
    pub(crate) fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }
    /// A tag byte, then the string if there is one.
    pub(crate) fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => {
                self.u8(1);
                self.str(s);
            }
            None => self.u8(0),
        }
    }
    /// A tag byte, then year, month and day (0: none).
    pub(crate) fn date(&mut self, date: Option<PageDate>) {
        match date {
            Some(d) => {
                self.u8(1);
                self.u32(u32::from(d.year));
                self.u8(d.month);
                self.u8(d.day.unwrap_or(0));
            }
            None => self.u8(0),
        }
    }
}

/// Reads what `Out` wrote from bytes in memory, lending slices of them; `None`
/// past their end or on bytes that are not that.
pub(crate) struct Bytes<'a> {
    rest: &'a [u8],
}

impl<'a> Bytes<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Bytes<'a> {
        Bytes { rest: bytes }
    }

    /// The bytes not read yet.
    pub(crate) fn len(&self) -> usize {
        self.rest.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (head, rest) = self.rest.split_first_chunk::<N>()?;
        self.rest = rest;
        Some(*head)
    }
    pub(crate) fn u8(&mut self) -> Option<u8> {
        Some(self.take::<1>()?[0])
    }
    pub(crate) fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take()?))
    }
    pub(crate) fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take()?))
    }
    /// A count of things still to come: never more than the bytes left, so a
    /// damaged count cannot ask for a huge allocation.
    pub(crate) fn count(&mut self) -> Option<usize> {
        let n = usize::try_from(self.u64()?).ok()?;
        (n <= self.rest.len()).then_some(n)
    }
    pub(crate) fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.count()?;
        let (head, rest) = self.rest.split_at_checked(n)?;
        self.rest = rest;
        Some(head)
    }
    /// The next `n` bytes, with no length before them.
    pub(crate) fn raw(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.rest.split_at_checked(n)?;
        self.rest = rest;
        Some(head)
    }
    pub(crate) fn str(&mut self) -> Option<&'a str> {
        std::str::from_utf8(self.bytes()?).ok()
    }
    pub(crate) fn opt_str(&mut self) -> Option<Option<&'a str>> {
        match self.u8()? {
            0 => Some(None),
            1 => self.str().map(Some),
            _ => None,
        }
    }
    pub(crate) fn date(&mut self) -> Option<Option<PageDate>> {
        match self.u8()? {
            0 => Some(None),
            1 => {
                let (year, month, day) = (self.u32()?, self.u8()?, self.u8()?);
                Some(Some(PageDate {
                    year: u16::try_from(year).ok()?,
                    month,
                    day: (day != 0).then_some(day),
                }))
            }
            _ => None,
        }
    }
}

#[cfg(unix)]
pub(crate) fn path_bytes(path: &Path) -> &[u8] {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes()
}

#[cfg(unix)]
pub(crate) fn path_of(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
}

// Elsewhere there is no index (`FileStamp::of`), so no entry is ever made or read.
#[cfg(not(unix))]
pub(crate) fn path_bytes(path: &Path) -> &[u8] {
    path.to_str().unwrap_or_default().as_bytes()
}

#[cfg(not(unix))]
pub(crate) fn path_of(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_out_writes_reads_back() {
        let date = PageDate {
            year: 2024,
            month: 7,
            day: Some(30),
        };
        let mut out = Out::default();
        out.u8(7);
        out.u32(70_000);
        out.u64(u64::MAX - 1);
        out.str("园区");
        out.opt_str(None);
        out.opt_str(Some("高新区"));
        out.date(Some(date));
        out.date(None);
        let mut input = Bytes::new(&out.0);
        assert_eq!(input.u8(), Some(7));
        assert_eq!(input.u32(), Some(70_000));
        assert_eq!(input.u64(), Some(u64::MAX - 1));
        assert_eq!(input.str(), Some("园区"));
        assert_eq!(input.opt_str(), Some(None));
        assert_eq!(input.opt_str(), Some(Some("高新区")));
        assert_eq!(input.date(), Some(Some(date)));
        assert_eq!(input.date(), Some(None));
        assert!(input.is_empty());
        assert_eq!(input.u8(), None);
    }

    #[test]
    fn a_count_beyond_the_bytes_left_is_refused() {
        let mut out = Out::default();
        out.count(1 << 40);
        out.0.extend_from_slice(b"ab");
        assert_eq!(Bytes::new(&out.0).bytes(), None);
        // A string that is not UTF-8, and a tag that is neither 0 nor 1.
        assert_eq!(Bytes::new(&[1, 0, 0, 0, 0, 0, 0, 0, 0xff]).str(), None);
        assert_eq!(Bytes::new(&[2]).opt_str(), None);
    }
}
