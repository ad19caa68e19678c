//! A file's bytes mapped into memory, read-only. A listing's entry (tens of
//! megabytes, read on every run that is not replayed) is then read where the
//! page cache holds it: copied into fresh memory instead, faulting in and
//! zeroing its pages took the kernel longer than the copy.
//!
//! A mapped file must not be cut short while it is mapped: reading past its new
//! end kills the process (SIGBUS). Entries are never written in place, only
//! put in place by a rename, and a file removed stays mapped whole; as with
//! git's packs and ripgrep's mapped searches, only another program cutting the
//! very file mid-run could. (memmap2 is the crate for this, but it is not in the
//! offline registry this project builds from; libc is a dependency already.)

use std::fs::File;
use std::os::fd::AsRawFd;
use std::ptr::NonNull;

/// The whole of a file as it was when mapped.
pub struct Mapped {
    start: NonNull<u8>,
    len: usize,
}

// SAFETY: the mapping is read-only and owned by this value alone; it is
// unmapped only when the value is dropped, after every borrow of its bytes.
unsafe impl Send for Mapped {}
// SAFETY: as above; shared access only ever reads.
unsafe impl Sync for Mapped {}

impl Mapped {
    /// Map all of `file`, its pages mapped at once (none to fault in one by one
    /// later); `None` for an empty file or when the system will not map it.
    pub fn of(file: &File) -> Option<Mapped> {
        let len = usize::try_from(file.metadata().ok()?.len()).ok()?;
        if len == 0 {
            return None;
        }
        #[cfg(target_os = "linux")]
        let flags = libc::MAP_PRIVATE | libc::MAP_POPULATE;
        #[cfg(not(target_os = "linux"))]
        let flags = libc::MAP_PRIVATE;
        // SAFETY: a new read-only mapping of an open file, at an address the
        // system chooses; the result is checked before it is used.
        let start = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                len,
                libc::PROT_READ,
                flags,
                file.as_raw_fd(),
                0,
            )
        };
        if start == libc::MAP_FAILED {
            return None;
        }
        let start = NonNull::new(start.cast::<u8>())?;
        Some(Mapped { start, len })
    }

    pub fn bytes(&self) -> &[u8] {
        // SAFETY: `len` bytes from `start` are mapped readable for as long as
        // `self` lives, and nothing writes to them.
        unsafe { std::slice::from_raw_parts(self.start.as_ptr(), self.len) }
    }
}

impl Drop for Mapped {
    fn drop(&mut self) {
        // SAFETY: the mapping made in `of`, unmapped once; no borrow of its
        // bytes outlives `self`.
        unsafe {
            libc::munmap(self.start.as_ptr().cast(), self.len);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn a_mapped_file_reads_as_its_bytes() {
        let path = std::env::temp_dir().join(format!("yuanqu-mapped-{}", std::process::id()));
        let bytes: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
        File::create(&path).unwrap().write_all(&bytes).unwrap();
        let mapped = Mapped::of(&File::open(&path).unwrap()).expect("maps");
        // Removed while mapped: still read whole.
        std::fs::remove_file(&path).unwrap();
        assert_eq!(mapped.bytes(), &bytes[..]);
        let empty =
            std::env::temp_dir().join(format!("yuanqu-mapped-empty-{}", std::process::id()));
        File::create(&empty).unwrap();
        assert!(Mapped::of(&File::open(&empty).unwrap()).is_none());
        std::fs::remove_file(&empty).unwrap();
    }
}
