//! yuanqu (园区): a terminal reader for Chinese news about industrial and high-tech parks.
//!
//! `core` is the text core (parsing, figures, parks, layout) and knows nothing of the
//! terminal; `tui` is the reader, built on the core; `cli` wires the commands.

pub mod cli;
pub mod config;
pub mod core;
pub mod tui;
