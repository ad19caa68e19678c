//! Each test process works in a folder of its own under the temp dir,
//! `yuanqu-test-<pid>/`, removed when the process exits (however many tests
//! failed; set `YUANQU_KEEP_TEST_FILES=1` to keep it for a look). Inside it:
//!
//! - `cache/`: before `main` (so before any test thread starts, and before any
//!   loader or child process reads it), `XDG_CACHE_HOME` is pointed here. Every
//!   `yuanqu` the tests start inherits it, and every `Collection::load` in the
//!   tests reads it, so the archive index they build is theirs, never the user's.
//!   A test that wants a cache of its own still sets `XDG_CACHE_HOME` on its
//!   command.
//! - one folder per test that writes files (`test_folder`), so that a run leaves
//!   nothing behind in the temp dir.
//!
//! Included by the integration tests (tests/it/main.rs) and the library's unit
//! tests (src/lib.rs).

use std::path::PathBuf;

/// This test process's folder.
pub fn private_folder() -> PathBuf {
    std::env::temp_dir().join(format!("yuanqu-test-{}", std::process::id()))
}

/// The cache folder of this test process.
pub fn private_cache() -> PathBuf {
    private_folder().join("cache")
}

/// An empty folder named `name` inside this process's folder (emptied if a test
/// of the same name made it before). Names must be unique across the tests.
pub fn test_folder(name: &str) -> PathBuf {
    let dir = private_folder().join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("make a test folder in the temp dir");
    dir
}

#[cfg(target_os = "linux")]
extern "C" fn point_the_cache_away() {
    // Before main: one thread, nothing has read the environment yet.
    std::env::set_var("XDG_CACHE_HOME", private_cache());
}

#[cfg(target_os = "linux")]
extern "C" fn remove_the_folder() {
    if std::env::var_os("YUANQU_KEEP_TEST_FILES").is_none_or(|v| v.is_empty() || v == "0") {
        let _ = std::fs::remove_dir_all(private_folder());
    }
}

// Run by the dynamic loader before main and at exit, as C constructors are.
#[cfg(target_os = "linux")]
#[used]
#[link_section = ".init_array"]
static POINT_THE_CACHE_AWAY: extern "C" fn() = point_the_cache_away;

#[cfg(target_os = "linux")]
#[used]
#[link_section = ".fini_array"]
static REMOVE_THE_FOLDER: extern "C" fn() = remove_the_folder;
