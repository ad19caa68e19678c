//! How many threads a piece of work is worth: one per core. A leaf: the loader,
//! the search, ids and the CLI's output all ask it.

use std::sync::OnceLock;

/// The cores this process may use, asked of the system once: on Linux the answer
/// reads cgroup files, and a search asks on every scan.
pub fn cores() -> usize {
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// Threads worth starting for `jobs` pieces of work: one per core, at most one a job.
pub fn worker_count(jobs: usize) -> usize {
    cores().min(jobs).max(1)
}
