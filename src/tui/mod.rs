//! The reader: three panes driven by the keyboard. Built on `crate::core`.
//!
//! Shaped after the Elm architecture: terminal events become [`Action`]s, [`update`]
//! applies them to the [`App`] state, and [`view::render`] draws the state. The
//! folders, each importing only those listed after it:
//!
//! - `view/`: the screen drawn from the state: the panes, the status bar, and the
//!   open modes over them;
//! - `app/`: the state ([`App`]), its mode stack, key routing and `update`;
//! - `modes/`: the modes over the reader (help, figures table, pictures, finder, park
//!   number), each with its state, keys and drawing;
//! - `paint/`: cutting text to a width, painting lines, frames and charts;
//! - `input/`, `config.rs`, `theme.rs`, `action.rs`, `scroll.rs`: the keymap and
//!   the prompt, the reader's settings, the colours, the actions, the one scrolling type;
//! - `term/`: the terminal: setup and restore, the lean backend, OSC 52.
//!
//! `event_loop.rs`, `loader.rs` and `news.rs` run it: the loop, the background load,
//! fetching and watching folders.

pub mod action;
pub mod app;
pub mod config;
pub mod effect;
pub mod event_loop;
pub mod input;
pub mod loader;
pub mod modes;
pub mod news;
pub mod paint;
pub mod scroll;
pub mod term;
pub mod theme;
pub mod view;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub use action::Action;
pub use app::update::update;
pub use app::App;
pub use effect::{Effect, External};
pub use event_loop::{dispatch, handle_event, run_external, settle, step};

use crate::core::collection::Collection;
use crate::core::sanitize::escape_for_terminal as printable;
use crate::core::searchable::SearchableCollection;
use crate::state::{self, Store};
use config::Config;
use event_loop::{event_loop, Saver};
use loader::Loader;
use term::terminal;
use theme::{ColourDepth, Theme};

/// Run the reader on `paths` (the built-in collection when empty). With `no_state` (or
/// `[state] save = false`) no reading state is read or written.
pub fn run(paths: &[PathBuf], config_path: Option<&Path>, no_state: bool) -> ExitCode {
    let config = match Config::load(config_path) {
        Ok(config) => config,
        Err(e) => {
            say(&format!("yuanqu: {e}"));
            return ExitCode::from(1);
        }
    };
    if let Err(why) = terminal::check_terminal(|name| std::env::var(name).ok()) {
        say(&format!("yuanqu: {why}"));
        return ExitCode::from(2);
    }
    let theme = Theme::new(&config.colours, ColourDepth::from_env());
    let tried = tried_paths(paths, &config);
    let store = (!no_state && config.state_save)
        .then(state::default_dir)
        .flatten()
        .map(Store::new);
    // The reader stays open: its memory is what it holds, not the index it read.
    crate::core::index::read_without_mapping();
    let (collection, loader) = load_collection(paths, &config);
    let mut saver = Saver::new(store);
    let (reading, message) = saver.load();
    let mut app = App::with_state(collection, config, theme, reading);
    app.in_tmux = std::env::var_os("TMUX").is_some_and(|t| !t.is_empty());
    app.tried = tried;
    if message.is_some() {
        app.notice = message;
    }
    let news = news::News::new(paths, &app.config);
    let outcome = event_loop(&mut app, &mut saver, loader, news);
    // Quit, a signal, or the terminal gone: the reading state is saved on every way out.
    app.note_reading();
    saver.save(&mut app);
    terminal::restore();
    if let Some(e) = &saver.error {
        say(&format!("yuanqu: {e}"));
    }
    for w in &app.collection.warnings {
        say(&format!(
            "yuanqu: skipped {}: {}",
            printable(&w.path.display().to_string()),
            printable(&w.message)
        ));
    }
    if let Err(e) = &outcome {
        say(&format!("yuanqu: terminal: {}", printable(&e.to_string())));
    }
    ExitCode::from(exit_status(&outcome, app.collection.has_errors()))
}

/// The reader's exit status: 128 + the signal that ended it, 1 for a terminal error or
/// for input that could not be read (the warnings name it), else 0.
fn exit_status(outcome: &io::Result<Option<i32>>, load_errors: bool) -> u8 {
    match outcome {
        // Ended by a signal: the shell's convention, 128 + its number.
        Ok(Some(signal)) => u8::try_from(128 + signal).unwrap_or(1),
        Err(_) => 1,
        Ok(None) if load_errors => 1,
        Ok(None) => 0,
    }
}

/// Command-line paths, else the config's data paths and the archive, else the
/// built-in collection.
/// In outline: the reader finds an article's figures when it is first shown. A load
/// that takes more than a moment comes with the loader still reading the rest.
fn load_collection(paths: &[PathBuf], config: &Config) -> (SearchableCollection, Option<Loader>) {
    let source = read_paths(paths, config);
    if source.is_empty() {
        return (Collection::builtin().into(), None);
    }
    match loader::start(source.to_vec()) {
        loader::Start::Complete(loaded) => (loaded, None),
        loader::Start::Partial(first, loader) => (first.into(), Some(loader)),
    }
}

/// What `load_collection` reads, as the nothing-loaded screen names it.
fn tried_paths(paths: &[PathBuf], config: &Config) -> Vec<String> {
    read_paths(paths, config)
        .iter()
        .map(|p| p.display().to_string())
        .collect()
}

/// The paths given, else the configured data paths and the archive.
pub fn read_paths(paths: &[PathBuf], config: &Config) -> Vec<PathBuf> {
    if paths.is_empty() {
        config.read_paths()
    } else {
        paths.to_vec()
    }
}

/// A line on stderr that cannot panic when stderr has gone with the terminal.
fn say(line: &str) {
    let _ = writeln!(io::stderr(), "{line}");
}

#[cfg(test)]
mod tests {
    use crate::tui::exit_status;
    use std::io;

    #[test]
    fn bad_input_makes_a_clean_quit_exit_1() {
        assert_eq!(exit_status(&Ok(None), false), 0);
        assert_eq!(exit_status(&Ok(None), true), 1);
        assert_eq!(exit_status(&Ok(Some(1)), true), 129);
        assert_eq!(exit_status(&Ok(Some(15)), false), 143);
        let gone = Err(io::Error::new(io::ErrorKind::BrokenPipe, "gone"));
        assert_eq!(exit_status(&gone, false), 1);
    }
}
