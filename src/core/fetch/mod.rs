//! `yuanqu fetch`: the archive kept current from feeds, e-papers and article pages.
//!
//! The pipeline, each module importing only those listed before it:
//! 1. `source`: sources and settings as the configuration resolves them;
//! 2. `http`: one client with timeouts, a body limit counted after decompression,
//!    two requests at most per host, conditional GET, Retry-After;
//! 3. `archive`: article files written atomically into dated folders; the lock;
//! 4. `memory`: validators, items fetched and titles kept, between runs;
//! 5. `feed`: feed bytes to items;
//! 6. `report`, `run`: what a fetch tells, and its shared state with `Run::keep`;
//! 7. `walk`: each kind of source walked to its articles, each extracted
//!    (`core::extract`) and kept; `add`: single pages kept the same way;
//! 8. this module: every source on a few threads, a report each.
//!
//! Sources are fetched on a few threads at once; one source failing never stops
//! another, and every article written is whole.

pub mod add;
pub mod archive;
pub mod feed;
pub mod http;
pub mod memory;
pub mod report;
mod run;
pub mod source;
mod walk;

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

pub use self::report::{FetchOutcome, SourceReport};
use self::run::{with_run, Run};
use self::source::{FetchSettings, Source};

/// Sources fetched at the same time.
const SOURCE_THREADS: usize = 4;

/// Fetch `sources` into `archive`. `done` counts the sources finished, for a
/// progress line. Errs only when the archive itself cannot be used.
pub fn fetch_all(
    sources: &[Source],
    settings: &FetchSettings,
    archive: &Path,
    done: &AtomicUsize,
) -> Result<FetchOutcome, String> {
    let (reports, notes) = with_run(archive, settings, |run| each_source(run, sources, done))?;
    Ok(FetchOutcome { reports, notes })
}

fn each_source(run: &Run, sources: &[Source], done: &AtomicUsize) -> Vec<SourceReport> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<SourceReport>>> = Mutex::new(vec![None; sources.len()]);
    std::thread::scope(|scope| {
        for _ in 0..SOURCE_THREADS.min(sources.len()) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(source) = sources.get(i) else { break };
                let report = fetch_source(run, source);
                results.lock().unwrap_or_else(|p| p.into_inner())[i] = Some(report);
                done.fetch_add(1, Ordering::Relaxed);
            });
        }
    });
    let results = results.into_inner().unwrap_or_else(|p| p.into_inner());
    results
        .into_iter()
        .zip(sources)
        .map(|(report, source)| {
            report.unwrap_or_else(|| SourceReport {
                name: source.name.clone(),
                error: Some("internal error".into()),
                ..SourceReport::default()
            })
        })
        .collect()
}

/// One source, walked; a panic in it costs that source only.
fn fetch_source(run: &Run, source: &Source) -> SourceReport {
    let mut report = SourceReport {
        name: source.name.clone(),
        ..SourceReport::default()
    };
    let host = crate::core::extract::host_of(source.first_url())
        .unwrap_or("")
        .to_string();
    if let Some(wait) = run.asked_to_wait(&host) {
        report.error = Some(format!(
            "not asked: the server asked to wait another {wait} s (Retry-After)"
        ));
        return report;
    }
    let walked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        walk::walk(run, source, &mut report)
    }));
    match walked {
        Ok(Ok(())) => {}
        Ok(Err(e)) => {
            if let http::FetchError::RetryLater(_, secs) = e {
                run.wait_for(&host, secs);
            }
            report.error = Some(e.to_string());
        }
        Err(_) => report.error = Some("internal error while fetching this source".into()),
    }
    report
}
