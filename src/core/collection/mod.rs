//! A collection: articles from pages and TOML files, grouped by park.
//!
//! `model` is what a collection is; `load` how one is made from files and folders,
//! `indexed` the same through the archive index; `files` what both share (the walk,
//! reading and parsing one file, the workers). A reader lets bodies go after
//! loading: `bodies` brings one back when wanted, and `figures` finds an article's
//! figures when first asked, from its text or brought back with it.

mod bodies;
mod figures;
mod files;
mod indexed;
mod listed;
mod load;
mod model;

pub use bodies::{give_back_freed_memory, BringBack};
pub use files::{
    files_to_read, parse_file_bytes, read_file, read_file_with, FileError, MAX_FILE_BYTES,
};
pub use listed::{load_listed, ListedFile};
pub use load::{LoadProgress, StepFile, PREVIEW_FILES};
pub(crate) use model::{arrange, Arranged};
pub use model::{Collection, LoadWarning, ParkGroup, NO_PARK};
