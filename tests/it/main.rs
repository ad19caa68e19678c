//! The integration tests, as one binary: one link instead of one per file.
//!
//! Each module is a former test file; `tui_support` drives the reader on a
//! `TestBackend` and `layout::checks` holds the layout rules' independent oracles.

#[path = "../support/private_folder.rs"]
mod private_folder;

mod architecture;
mod archive;
mod cli;
mod cli_daily;
mod cli_options;
mod fetch;
mod figures;
mod index;
mod layout;
mod list_rows;
mod parse_pages;
mod parse_props;
mod report;
mod stats;
mod tui_archive;
mod tui_bodies;
mod tui_bytes;
mod tui_daily;
mod tui_figure_table;
mod tui_keys;
mod tui_pictures;
mod tui_reading;
mod tui_screens;
mod tui_screenshots;
mod tui_support;
mod web_pages;
mod wrapping_baselines;
