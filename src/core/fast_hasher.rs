//! Fast hashing: `fast_hash` of bytes (ids, digests, entries' names), and a
//! hasher for the maps keyed by ids, park names and paths that a load fills with
//! every article or file: std's SipHash, made to resist keys chosen against it,
//! was a third of the time ids took over 113,000 articles. These keys come from
//! the archive, and a key chosen to collide costs a probe, not a failure.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A quick 64-bit mix of bytes, eight at a time (FNV goes a byte at a time,
/// which shows on an archive where many headlines recur).
pub(crate) fn fast_hash(seed: u64, bytes: &[u8]) -> u64 {
    let mut hash = seed ^ 0x9e37_79b9_7f4a_7c15 ^ bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        hash = (hash ^ u64::from_le_bytes(word)).wrapping_mul(0x0100_0000_01b3_0001);
        hash ^= hash >> 29;
    }
    for &b in chunks.remainder() {
        hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// `fast_hash` over what is written, in turn.
#[derive(Default)]
pub(crate) struct FastHasher(u64);

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = fast_hash(self.0, bytes);
    }

    fn finish(&self) -> u64 {
        // A last mix: hashbrown takes its control bits from the top of the hash.
        let h = self.0 ^ (self.0 >> 32);
        h.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ (h >> 29)
    }
}

pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;
pub(crate) type FastSet<K> = HashSet<K, BuildHasherDefault<FastHasher>>;

/// An empty map with room for `n` entries.
pub(crate) fn map_with_capacity<K, V>(n: usize) -> FastMap<K, V> {
    FastMap::with_capacity_and_hasher(n, BuildHasherDefault::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_that_differ_hash_apart_and_alike_hash_alike() {
        let hash = |s: &str| {
            let mut h = FastHasher::default();
            std::hash::Hash::hash(s, &mut h);
            h.finish()
        };
        assert_eq!(hash("7tzxfs"), hash("7tzxfs"));
        let ids = [
            "7tzxfs",
            "7tzxfs-2",
            "7tzxft",
            "",
            "常州高新区",
            "常州高新区 ",
        ];
        let distinct: HashSet<u64> = ids.iter().map(|s| hash(s)).collect();
        assert_eq!(distinct.len(), ids.len());
    }
}
