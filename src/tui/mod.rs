//! The reader: three panes driven by the keyboard. Built on `crate::core`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Run the reader on `paths` (the built-in collection when empty).
pub fn run(paths: &[PathBuf], config_path: Option<&Path>) -> ExitCode {
    let _ = (paths, config_path);
    eprintln!("yuanqu: the reader is not built yet; try `yuanqu list`");
    ExitCode::SUCCESS
}
