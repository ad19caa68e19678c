//! The event loop: terminal events and background news in, one [`step`] of actions
//! applied per batch, effects done, the screen drawn when it changed. The reading
//! state is saved now and then ([`Saver`]).

use std::collections::HashSet;
use std::io::{self, Write};
use std::sync::mpsc::RecvTimeoutError;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::Event;

use crate::core::sanitize::escape_for_terminal as printable;
use crate::state::{State, Store};
use crate::tui::action::Action;
use crate::tui::app::keys::{action_for_event, keys_for_event};
use crate::tui::app::search;
use crate::tui::app::update::update;
use crate::tui::app::App;
use crate::tui::effect::{Effect, External};
use crate::tui::loader::Loader;
use crate::tui::news;
use crate::tui::term::terminal::{self, Tui};
use crate::tui::view;

/// How long the loop waits for input before checking signals and the terminal again.
const TICK: Duration = Duration::from_millis(100);
/// How long it waits while the archive loads: the loop is what takes the loaded
/// collection in, so its end shows within this (within a whole tick, it was up to a
/// third of a warm 2,000-page load).
const LOADING_TICK: Duration = Duration::from_millis(5);
/// While reading, the state is saved at most this often (and at quit and on signals).
const SAVE_EVERY: Duration = Duration::from_secs(5);

/// Apply one action, as a key or the loop asks for it.
pub fn dispatch(app: &mut App, action: Action) {
    update(app, action);
}

/// Apply one terminal event; an Esc read with the next key as one Alt-key is applied
/// as the two keys, each read in the mode the one before left.
pub fn handle_event(app: &mut App, event: &Event) {
    for event in keys_for_event(app, event) {
        if let Some(action) = action_for_event(app, &event) {
            update(app, action);
        }
    }
}

/// One step of the loop: a batch of terminal events applied (of its resizes only the
/// last), then the work deferred while they were applied. Tests step the reader the
/// same way.
pub fn step(app: &mut App, events: Vec<Event>) {
    for event in drop_stale_resizes(events) {
        handle_event(app, &event);
    }
    // The search runs once for the whole batch (an IME commit, a fast typist).
    settle(app);
}

/// The reading state's file, and when it was last written.
pub struct Saver {
    store: Option<Store>,
    /// Ids of the collection's articles, so that entries of articles gone can age
    /// out: gathered at the first save after the collection changed, not before
    /// the first screen (113,000 ids over 20,000 pages took 35 ms).
    present: Option<HashSet<String>>,
    last: Instant,
    /// The last failure to save, said once on screen and again on exit.
    pub error: Option<String>,
}

impl Saver {
    pub fn new(store: Option<Store>) -> Saver {
        Saver {
            store,
            present: None,
            last: Instant::now(),
            error: None,
        }
    }

    /// The saved state and a message when the file had to be set aside.
    pub fn load(&mut self) -> (State, Option<String>) {
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
    pub fn save(&mut self, app: &mut App) {
        self.last = Instant::now();
        let Some(store) = &self.store else {
            return;
        };
        if !app.reading_changed {
            return;
        }
        let ids = self.present.get_or_insert_with(|| {
            (app.collection.articles.iter())
                .map(|a| a.id.clone())
                .collect()
        });
        let present = |id: &str| ids.contains(id);
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

    /// The whole collection came after a preview, or was read again: the articles
    /// present are gathered anew at the next save.
    fn collection_changed(&mut self) {
        self.present = None;
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
                saver.collection_changed();
                settle(app);
                dirty = true;
            }
        }
    }
    dirty
}

/// Returns the signal that ended the reader, if one did.
pub fn event_loop(
    app: &mut App,
    saver: &mut Saver,
    mut loader: Option<Loader>,
    mut news: news::News,
) -> io::Result<Option<i32>> {
    let signals = terminal::watch_signals()?;
    let mut tui = Tui::init(app.config.scroll_region)?;
    let (events, reader_paused) = terminal::spawn_event_reader();
    let mut dirty = true;
    let mut count_shown: Option<Instant> = None;
    loop {
        if let Some(signal) = terminal::caught_signal(&signals) {
            return Ok(Some(signal));
        }
        // The loading count is drawn once a tick, however often the loop looks.
        let show_count = count_shown.is_none_or(|shown| shown.elapsed() >= TICK);
        if show_count {
            count_shown = Some(Instant::now());
        }
        dirty |= poll_loader(app, saver, &mut loader, show_count);
        dirty |= apply_news(app, saver, &mut news, loader.is_some());
        if dirty {
            let (width, height) = tui.size()?;
            if (width, height) != (app.screen.width, app.screen.height) {
                dispatch(app, Action::Resize(width, height));
            }
            tui.draw(|area, buf| view::render(area, buf, app))?;
            dirty = false;
        }
        let wait = if loader.is_some() { LOADING_TICK } else { TICK };
        match events.recv_timeout(wait) {
            Ok(first) => {
                // Take every pending event before drawing, so held keys and resize
                // storms cost one frame.
                let batch = std::iter::once(first).chain(events.try_iter());
                let batch: Vec<Event> = batch.collect::<io::Result<_>>()?;
                step(app, batch);
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
        dirty |= as_time_passes(app, saver);
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

/// The background load's count (when `show_count`), and the whole collection once it
/// is read; true when the screen changed.
fn poll_loader(
    app: &mut App,
    saver: &mut Saver,
    loader: &mut Option<Loader>,
    show_count: bool,
) -> bool {
    let Some(load) = loader else {
        return false;
    };
    let count = Some(load.count());
    let mut dirty = show_count && app.loading != count;
    if show_count {
        app.loading = count;
    }
    if let Some(done) = load.finished() {
        if let Ok(whole) = done {
            app.replace_collection(whole);
            saver.collection_changed();
        }
        app.loading = None;
        *loader = None;
        settle(app);
        dirty = true;
    }
    dirty
}

/// What time does: the read mark after a moment, the state saved now and then, a
/// park number that could still grow going after a pause. True when the screen changed.
fn as_time_passes(app: &mut App, saver: &mut Saver) -> bool {
    let read_before = app.reading_changed;
    app.tick(Instant::now());
    let mut dirty = app.reading_changed != read_before;
    saver.save_now_and_then(app);
    if app.park_number().is_some_and(|n| n.is_due(Instant::now())) {
        dispatch(app, Action::ParkNumberDone);
        dirty = true;
    }
    dirty
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
    use crate::tui::event_loop::drop_stale_resizes;
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};

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
}
