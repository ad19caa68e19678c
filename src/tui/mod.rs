//! The reader: three panes driven by the keyboard. Built on `crate::core`.
//!
//! Shaped after the Elm architecture: terminal events become [`Action`]s, [`update`]
//! applies them to the [`App`] state, and [`view::render`] draws the state.

pub mod action;
pub mod app;
pub mod config;
pub mod copy;
pub mod daily;
pub mod effect;
pub mod input;
pub mod loader;
pub mod modes;
pub mod news;
pub mod term;
pub mod update;
pub mod view;

use std::collections::HashSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::RecvTimeoutError;
use std::time::{Duration, Instant};

pub use action::Action;
pub use app::App;
pub use effect::{Effect, External};
pub use update::update;

use crate::core::collection::Collection;
use crate::core::page::Detail;
use crate::core::sanitize::escape_for_terminal as printable;
use crate::state::{self, State, Store};
use config::Config;
use loader::Loader;
use modes::{finder, search};
use ratatui::crossterm::event::Event;
use term::terminal::{self, Tui};
use view::theme::{ColourDepth, Theme};

/// How long the loop waits for input before checking signals and the terminal again.
const TICK: Duration = Duration::from_millis(100);
/// While reading, the state is saved at most this often (and at quit and on signals).
const SAVE_EVERY: Duration = Duration::from_secs(5);

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
    let (collection, loader) = load_collection(paths, &config);
    let mut saver = Saver::new(store, &collection);
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
fn load_collection(paths: &[PathBuf], config: &Config) -> (Collection, Option<Loader>) {
    let source = read_paths(paths, config);
    if source.is_empty() {
        return (Collection::builtin(), None);
    }
    match loader::start(source.to_vec(), Detail::Outline) {
        loader::Start::Complete(collection) => (collection, None),
        loader::Start::Partial(first, loader) => (first, Some(loader)),
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

/// Apply an action and the follow-ups it asks for.
pub fn dispatch(app: &mut App, action: Action) {
    let mut next = Some(action);
    while let Some(action) = next {
        next = update(app, action);
    }
}

/// The reading state's file, and when it was last written.
struct Saver {
    store: Option<Store>,
    /// Ids of the articles read, so that entries of articles gone can age out.
    present: HashSet<String>,
    last: Instant,
    /// The last failure to save, said once on screen and again on exit.
    error: Option<String>,
}

impl Saver {
    fn new(store: Option<Store>, collection: &Collection) -> Saver {
        Saver {
            store,
            present: collection.articles.iter().map(|a| a.id.clone()).collect(),
            last: Instant::now(),
            error: None,
        }
    }

    /// The saved state and a message when the file had to be set aside.
    fn load(&mut self) -> (State, Option<String>) {
        let Some(store) = &self.store else {
            return (State::default(), None);
        };
        let loaded = store.load();
        if !loaded.writable {
            self.store = None;
        }
        (loaded.state, loaded.message)
    }

    /// Write the state if it changed; other readers' marks come back merged.
    fn save(&mut self, app: &mut App) {
        self.last = Instant::now();
        let Some(store) = &self.store else {
            return;
        };
        if !app.reading_changed {
            return;
        }
        let present = |id: &str| self.present.contains(id);
        match store.save(&app.reading, &present) {
            Ok(merged) => {
                app.reading = merged;
                app.reading_changed = false;
            }
            Err(e) => {
                let message = format!(
                    "cannot save the reading state in {}: {}",
                    printable(&store.path().display().to_string()),
                    printable(&e.to_string())
                );
                if self.error.as_ref() != Some(&message) {
                    app.notice = Some(message.clone());
                }
                self.error = Some(message);
            }
        }
    }

    /// The whole collection came after a preview: its articles are the ones present.
    fn collection_changed(&mut self, collection: &Collection) {
        self.present = collection.articles.iter().map(|a| a.id.clone()).collect();
    }

    fn save_now_and_then(&mut self, app: &mut App) {
        if self.last.elapsed() >= SAVE_EVERY {
            self.save(app);
        }
    }
}

/// Of the resizes in a batch of events only the last counts: the others would each lay
/// the article out again for a size already gone.
fn drop_stale_resizes(events: Vec<Event>) -> Vec<Event> {
    let last = events.iter().rposition(|e| matches!(e, Event::Resize(..)));
    events
        .into_iter()
        .enumerate()
        .filter(|(i, e)| !matches!(e, Event::Resize(..)) || Some(*i) == last)
        .map(|(_, e)| e)
        .collect()
}

/// Work deferred while a batch of queued events was applied: run it once, now.
pub fn settle(app: &mut App) {
    search::settle(app);
}

/// Apply what a fetch and the folder watcher bring; true when the screen changed.
fn apply_news(app: &mut App, saver: &mut Saver, news: &mut news::News, loading: bool) -> bool {
    let mut dirty = false;
    for event in news.poll(&app.config, loading) {
        match event {
            news::NewsEvent::Progress(done, total) => {
                dirty |= app.fetching != Some((done, total));
                app.fetching = Some((done, total));
            }
            news::NewsEvent::Fetched(summary) => {
                app.fetching = None;
                app.notice = Some(summary);
                dirty = true;
            }
            news::NewsEvent::Reloaded(collection) => {
                app.reload_collection(collection);
                saver.collection_changed(&app.collection);
                if app.finder.is_some() {
                    finder::refresh_names(app);
                }
                settle(app);
                dirty = true;
            }
        }
    }
    dirty
}

/// Returns the signal that ended the reader, if one did.
fn event_loop(
    app: &mut App,
    saver: &mut Saver,
    mut loader: Option<Loader>,
    mut news: news::News,
) -> io::Result<Option<i32>> {
    let signals = terminal::watch_signals()?;
    let mut tui = Tui::init(app.config.scroll_region)?;
    let (events, reader_paused) = terminal::spawn_event_reader();
    let mut dirty = true;
    loop {
        if let Some(signal) = terminal::caught_signal(&signals) {
            return Ok(Some(signal));
        }
        if let Some(load) = &loader {
            let count = Some(load.count());
            if app.loading != count {
                app.loading = count;
                dirty = true;
            }
            if let Some(done) = load.finished() {
                if let Ok(whole) = done {
                    app.replace_collection(whole);
                    saver.collection_changed(&app.collection);
                    if app.finder.is_some() {
                        finder::refresh_names(app);
                    }
                }
                app.loading = None;
                loader = None;
                settle(app);
                dirty = true;
            }
        }
        dirty |= apply_news(app, saver, &mut news, loader.is_some());
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
                let mut batch = vec![event];
                batch.extend(events.try_iter());
                let mut failed = None;
                let mut good = Vec::with_capacity(batch.len());
                for event in batch {
                    match event {
                        Ok(event) => good.push(event),
                        Err(e) => {
                            failed = Some(e);
                            break;
                        }
                    }
                }
                for event in drop_stale_resizes(good) {
                    input::handle_event(app, &event);
                }
                if let Some(e) = failed {
                    return Err(e);
                }
                // The search runs once for the whole batch (an IME commit, a fast typist).
                settle(app);
                dirty = true;
            }
            Err(RecvTimeoutError::Timeout) => {
                // Idle with the whole collection: fold it for search now, so the first
                // search key does not wait for it.
                if loader.is_none() && app.search_index.is_none() {
                    app.search_index();
                }
            }
            Err(RecvTimeoutError::Disconnected) => {
                return Err(io::Error::new(
                    io::ErrorKind::BrokenPipe,
                    "terminal input closed",
                ));
            }
        }
        let read_before = app.reading_changed;
        app.tick(Instant::now());
        dirty |= app.reading_changed != read_before;
        saver.save_now_and_then(app);
        // A park number that could still grow goes after a pause.
        if app
            .park_number
            .as_ref()
            .is_some_and(|n| n.is_due(std::time::Instant::now()))
        {
            dispatch(app, Action::ParkNumberDone);
            dirty = true;
        }
        if app.quitting() {
            return Ok(None);
        }
        if !terminal::terminal_present() {
            return Err(io::Error::new(
                io::ErrorKind::BrokenPipe,
                "the terminal went away",
            ));
        }
        for effect in app.take_effects() {
            dirty |= do_effect(app, effect, &mut tui, &mut news, &reader_paused)?;
        }
    }
}

/// Do what `update` asked of the loop; true when the screen must be drawn again.
fn do_effect(
    app: &mut App,
    effect: Effect,
    tui: &mut Tui,
    news: &mut news::News,
    reader_paused: &std::sync::atomic::AtomicBool,
) -> io::Result<bool> {
    match effect {
        // Quitting is seen before effects are done (`quitting`).
        Effect::Quit => return Ok(false),
        Effect::Copy(request) => {
            tui.send(&request)?;
            return Ok(false);
        }
        Effect::Run(external) => {
            // The terminal's input goes to the command, not to our reader thread.
            reader_paused.store(true, std::sync::atomic::Ordering::SeqCst);
            std::thread::sleep(terminal::READER_PAUSE_STEP * 2);
            let outcome = tui.hand_over(|| run_external(&external))?;
            reader_paused.store(false, std::sync::atomic::Ordering::SeqCst);
            app.notice = Some(printable(&outcome));
        }
        Effect::Repaint => tui.repaint(),
        Effect::Suspend => tui.suspend()?,
        Effect::Fetch => match news.start_fetch(&app.config) {
            Ok(total) => app.fetching = Some((0, total)),
            Err(why) => app.notice = Some(why),
        },
    }
    Ok(true)
}

/// Run what `|` or `o` asked for, with the terminal; what happened, for the status bar.
pub fn run_external(external: &External) -> String {
    use std::process::{Command, Stdio};
    match external {
        External::Pipe { command, text } => {
            let child = Command::new("sh")
                .arg("-c")
                .arg(command)
                .stdin(Stdio::piped())
                .spawn();
            let mut child = match child {
                Ok(child) => child,
                Err(e) => return format!("cannot run {command}: {e}"),
            };
            if let Some(mut stdin) = child.stdin.take() {
                // A pager that quits early closes the pipe: not an error.
                let _ = stdin.write_all(text.as_bytes());
            }
            match child.wait() {
                Ok(status) if status.success() => format!("piped the article to {command}"),
                Ok(status) => format!("{command} ended with {status}"),
                Err(e) => format!("{command}: {e}"),
            }
        }
        External::Open { browser, url } => match Command::new(browser).arg(url).status() {
            Ok(status) if status.success() => format!("opened {url} with {browser}"),
            Ok(status) => format!("{browser} ended with {status}"),
            Err(e) => format!("cannot run {browser}: {e} (set $BROWSER)"),
        },
    }
}

#[cfg(test)]
mod tests {
    use crate::tui::{drop_stale_resizes, exit_status};
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
    use std::io;

    #[test]
    fn only_the_last_resize_of_a_batch_counts() {
        let key = |c| Event::Key(KeyEvent::from(KeyCode::Char(c)));
        let batch = vec![
            Event::Resize(80, 24),
            key('j'),
            Event::Resize(90, 24),
            key('k'),
            Event::Resize(100, 30),
            key('l'),
        ];
        assert_eq!(
            drop_stale_resizes(batch),
            vec![key('j'), key('k'), Event::Resize(100, 30), key('l')]
        );
        assert_eq!(drop_stale_resizes(vec![key('q')]), vec![key('q')]);
    }

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
