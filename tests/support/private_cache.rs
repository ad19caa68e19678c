//! Tests never write the user's cache: before `main` (so before any test thread
//! starts, and before any loader or child process reads it), `XDG_CACHE_HOME` is
//! pointed at a folder of this test process's own under the temp dir, removed
//! again when the process exits. Every `yuanqu` the tests start inherits it, and
//! every `Collection::load` in the tests reads it, so the archive index they
//! build is theirs. A test that wants a cache of its own still sets
//! `XDG_CACHE_HOME` on its command.
//!
//! Included by the integration tests (tests/it/main.rs) and the library's unit
//! tests (src/lib.rs).

use std::path::PathBuf;

/// The cache folder of this test process.
pub fn private_cache() -> PathBuf {
    std::env::temp_dir().join(format!("yuanqu-test-cache-{}", std::process::id()))
}

#[cfg(target_os = "linux")]
extern "C" fn point_the_cache_away() {
    // Before main: one thread, nothing has read the environment yet.
    std::env::set_var("XDG_CACHE_HOME", private_cache());
}

#[cfg(target_os = "linux")]
extern "C" fn remove_the_cache() {
    let _ = std::fs::remove_dir_all(private_cache());
}

// Run by the dynamic loader before main and at exit, as C constructors are.
#[cfg(target_os = "linux")]
#[used]
#[link_section = ".init_array"]
static POINT_THE_CACHE_AWAY: extern "C" fn() = point_the_cache_away;

#[cfg(target_os = "linux")]
#[used]
#[link_section = ".fini_array"]
static REMOVE_THE_CACHE: extern "C" fn() = remove_the_cache;
