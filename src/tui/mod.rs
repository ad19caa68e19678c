//! The reader: three panes driven by the keyboard. Built on `crate::core`.
//!
//! Shaped after the Elm architecture: terminal events become [`Action`]s, [`update`]
//! applies them to the [`App`] state, and [`view::render`] draws the state.

pub mod action;
pub mod app;
pub mod clipboard;
pub mod config;
pub mod copy;
pub mod input;
pub mod keymap;
pub mod lean_backend;
pub mod panes;
pub mod screen;
pub mod search;
pub mod terminal;
pub mod theme;
pub mod update;
pub mod view;
pub mod widgets;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::RecvTimeoutError;
use std::time::Duration;

pub use action::Action;
pub use app::App;
pub use update::update;

use crate::core::collection::Collection;
use crate::core::page::Detail;
use crate::core::sanitize::escape_for_terminal as printable;
use config::Config;
use terminal::Tui;
use theme::{ColourDepth, Theme};

/// How long the loop waits for input before checking signals and the terminal again.
const TICK: Duration = Duration::from_millis(100);

/// Run the reader on `paths` (the built-in collection when empty).
pub fn run(paths: &[PathBuf], config_path: Option<&Path>) -> ExitCode {
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
    let collection = load_collection(paths, &config);
    let theme = Theme::new(&config.colours, ColourDepth::from_env());
    let warnings = collection.warnings.clone();
    let load_errors = collection.has_errors();
    let mut app = App::new(collection, config, theme);
    let outcome = event_loop(&mut app);
    terminal::restore();
    for w in &warnings {
        say(&format!(
            "yuanqu: skipped {}: {}",
            printable(&w.path.display().to_string()),
            printable(&w.message)
        ));
    }
    if let Err(e) = &outcome {
        say(&format!("yuanqu: terminal: {}", printable(&e.to_string())));
    }
    ExitCode::from(exit_status(&outcome, load_errors))
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

/// Command-line paths, else the config's data paths, else the built-in collection.
fn load_collection(paths: &[PathBuf], config: &Config) -> Collection {
    Collection::open(paths, &config.data_paths, Detail::Full)
}

/// A line on stderr that cannot panic when stderr has gone with the terminal.
fn say(line: &str) {
    let _ = writeln!(io::stderr(), "{line}");
}

/// Apply an action and the follow-ups it asks for.
pub fn dispatch(app: &mut App, action: Action) {
    let mut next = Some(action);
    while let Some(action) = next {
        next = update(app, action);
    }
}

/// Returns the signal that ended the reader, if one did.
fn event_loop(app: &mut App) -> io::Result<Option<i32>> {
    let signals = terminal::watch_signals()?;
    let mut tui = Tui::init(app.config.scroll_region)?;
    let events = terminal::spawn_event_reader();
    let mut dirty = true;
    loop {
        if let Some(signal) = terminal::caught_signal(&signals) {
            return Ok(Some(signal));
        }
        if dirty {
            let (width, height) = tui.size()?;
            if (width, height) != (app.screen.width, app.screen.height) {
                dispatch(app, Action::Resize(width, height));
            }
            tui.draw(|area, buf| view::render(area, buf, app))?;
            dirty = false;
        }
        match events.recv_timeout(TICK) {
            Ok(event) => {
                // Take every pending event before drawing, so held keys and resize
                // storms cost one frame.
                let mut event = Some(event);
                while let Some(next) = event {
                    input::handle_event(app, &next?);
                    event = events.try_recv().ok();
                }
                dirty = true;
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => {
                return Err(io::Error::new(
                    io::ErrorKind::BrokenPipe,
                    "terminal input closed",
                ));
            }
        }
        if app.quit {
            return Ok(None);
        }
        if !terminal::terminal_present() {
            return Err(io::Error::new(
                io::ErrorKind::BrokenPipe,
                "the terminal went away",
            ));
        }
        if let Some(request) = app.clipboard_request.take() {
            tui.send(&request)?;
        }
        if app.repaint_requested {
            app.repaint_requested = false;
            tui.repaint();
            dirty = true;
        }
        if app.suspend_requested {
            app.suspend_requested = false;
            tui.suspend()?;
            dirty = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::exit_status;
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
