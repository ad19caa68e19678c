//! How many threads a piece of work is worth: one per core, and a map over items
//! on every core. A leaf: the loader, the search, ids and the CLI's output all ask it.

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

/// `f` of every item, in order, on every core: the items cut into one run per
/// worker, at least `per_worker` items each (fewer run on the calling thread).
pub fn map_on_every_core<T: Sync, R: Send>(
    items: &[T],
    per_worker: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let workers = worker_count(items.len() / per_worker.max(1));
    if workers == 1 {
        return items.iter().map(f).collect();
    }
    let part = items.len().div_ceil(workers);
    let f = &f;
    std::thread::scope(|scope| {
        let parts: Vec<_> = items
            .chunks(part)
            .map(|chunk| scope.spawn(move || chunk.iter().map(f).collect::<Vec<_>>()))
            .collect();
        parts
            .into_iter()
            .flat_map(|p| p.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_is_mapped_once_in_order() {
        for n in [0, 1, 5, 1000, 4097] {
            let items: Vec<usize> = (0..n).collect();
            let doubled = map_on_every_core(&items, 16, |i| i * 2);
            assert_eq!(doubled, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        }
    }
}
