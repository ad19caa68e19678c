//! What reaches the terminal, and how: the terminal's setup and signals
//! (`terminal`), the frame kept as the terminal shows it (`screen`), the backend
//! that writes only what changed (`lean_backend`, with `sgr` for styles), and OSC 52 copying (`clipboard`).
//! Nothing here knows the reader's state.

pub mod clipboard;
pub mod lean_backend;
pub mod screen;
pub mod sgr;
pub mod terminal;
