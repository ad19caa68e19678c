//! yuanqu (园区): a terminal reader for Chinese news about industrial and high-tech parks.
//!
//! `core` is the text core (parsing, figures, parks, layout) and knows nothing of the
//! terminal; `tui` is the reader, built on the core; `cli` wires the commands; `state`
//! keeps the reader's reading state between runs (files only, no terminal).

pub mod cli;
pub mod config;
pub mod core;
pub mod state;
pub mod tui;

/// The unit tests' own folder and cache (tests/support/private_folder.rs): no test
/// writes the user's index.
#[cfg(test)]
#[path = "../tests/support/private_folder.rs"]
mod private_folder;
