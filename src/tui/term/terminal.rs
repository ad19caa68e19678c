//! The terminal: set up and always put back — on quit, panic, signals and suspend —
//! and each frame sent as one write inside a synchronized update (see `screen` and
//! `lean_backend` for what a frame writes).

use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::Arc;
use std::thread;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{self, DisableBracketedPaste, DisableMouseCapture, Event};
use ratatui::crossterm::style::{Attribute, SetAttribute};
use ratatui::crossterm::terminal::{
    self, EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
};
use ratatui::crossterm::{cursor, execute};
use ratatui::layout::Rect;

use crate::tui::term::screen::Screen;

pub struct Tui {
    /// ratatui's buffers and cell diff, written by the lean writer (one write per
    /// frame inside a synchronized update; nothing for a frame that changes nothing).
    /// Not ratatui's `Terminal`: its drop shows the cursor and `eprintln!`s on failure,
    /// which panics when the terminal is gone, and its previous frame cannot be shifted
    /// when the terminal is scrolled.
    screen: Screen<Box<dyn Write>>,
}

/// Where frames go: on unix a second handle on stdout's file, because `Stdout` is
/// line-buffered and would send a frame with a line feed in it as two writes.
fn frame_out() -> Box<dyn Write> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let Ok(fd) = io::stdout().as_fd().try_clone_to_owned() {
            return Box::new(std::fs::File::from(fd));
        }
    }
    Box::new(io::stdout())
}

/// Raw mode, alternate screen, hidden cursor. No terminal queries beyond the size ioctl.
fn enter() -> io::Result<()> {
    terminal::enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, cursor::Hide)
}

/// Put the terminal back as the shell had it. Safe to call twice and from the panic hook.
pub fn restore() {
    let _ = execute!(
        io::stdout(),
        EndSynchronizedUpdate,
        SetAttribute(Attribute::Reset),
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = terminal::disable_raw_mode();
}

/// The terminal's size from the ioctl.
fn terminal_size() -> io::Result<(u16, u16)> {
    terminal::size()
}

impl Tui {
    /// `scroll_region`: scroll the terminal for full-width scrolls (see `screen`).
    pub fn init(scroll_region: bool) -> io::Result<Tui> {
        install_panic_hook();
        enter().inspect_err(|_| restore())?;
        let (width, height) = terminal_size().inspect_err(|_| restore())?;
        Ok(Tui {
            screen: Screen::new(frame_out(), width, height, scroll_region),
        })
    }

    pub fn size(&self) -> io::Result<(u16, u16)> {
        terminal_size()
    }

    /// Draw one frame at the terminal's current size.
    pub fn draw(&mut self, render: impl FnOnce(Rect, &mut Buffer)) -> io::Result<()> {
        let (width, height) = self.size()?;
        if self.screen.area() != Rect::new(0, 0, width, height) {
            self.screen.resize(width, height);
        }
        self.screen.draw(render).map(|_| ())
    }

    /// Ctrl-L: erase the terminal and repaint everything on the next draw.
    pub fn repaint(&mut self) {
        self.screen.clear();
    }

    /// Bytes outside any frame (an OSC 52 clipboard request).
    pub fn send(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.screen.writer_mut().send(bytes)
    }

    /// Ctrl-Z: give the terminal back, stop, and on `fg` take it again and redraw all.
    /// Give the terminal to `run` (a pager, a terminal browser) and take it back after,
    /// drawing everything again.
    pub fn hand_over<T>(&mut self, run: impl FnOnce() -> T) -> io::Result<T> {
        restore();
        let result = run();
        enter()?;
        self.screen.forget();
        Ok(result)
    }

    pub fn suspend(&mut self) -> io::Result<()> {
        restore();
        signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
        // Running again: the shell may have changed anything.
        enter()?;
        self.screen.forget();
        Ok(())
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        restore();
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// SIGINT, SIGTERM and SIGHUP set a flag the loop checks (the number of the signal);
/// a second one of them while the first is pending ends the process at once.
pub fn watch_signals() -> io::Result<Arc<AtomicUsize>> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let caught = Arc::new(AtomicUsize::new(0));
    for signal in [SIGINT, SIGTERM, SIGHUP] {
        let pending = Arc::new(std::sync::atomic::AtomicBool::new(false));
        signal_hook::flag::register_conditional_shutdown(signal, 1, Arc::clone(&pending))?;
        signal_hook::flag::register(signal, pending)?;
        signal_hook::flag::register_usize(signal, Arc::clone(&caught), signal as usize)?;
    }
    Ok(caught)
}

pub fn caught_signal(flag: &AtomicUsize) -> Option<i32> {
    match flag.load(Ordering::Relaxed) {
        0 => None,
        n => i32::try_from(n).ok(),
    }
}

/// Terminal events read on their own thread. crossterm's reader loops without end when
/// the pty is gone (read gives 0 or EIO, crossterm#793); on this thread that cannot
/// stall the main loop, which waits with a timeout and checks the terminal itself.
pub fn spawn_event_reader() -> (Receiver<io::Result<Event>>, Arc<AtomicBool>) {
    let (sender, receiver) = mpsc::sync_channel(256);
    // While set, the reader leaves the terminal's input alone: a pager has it.
    let paused = Arc::new(AtomicBool::new(false));
    let pause = Arc::clone(&paused);
    thread::Builder::new()
        .name("terminal-events".into())
        .spawn(move || loop {
            if pause.load(Ordering::SeqCst) {
                thread::sleep(READER_PAUSE_STEP);
                continue;
            }
            match event::poll(READER_PAUSE_STEP) {
                Ok(false) => continue,
                Ok(true) if pause.load(Ordering::SeqCst) => continue,
                Ok(true) => {}
                Err(e) => {
                    let _ = sender.send(Err(e));
                    break;
                }
            }
            let event = event::read();
            let failed = event.is_err();
            if sender.send(event).is_err() || failed {
                break;
            }
        })
        .ok();
    (receiver, paused)
}

/// How long the event reader waits for input before it looks at its pause flag again;
/// after pausing it, wait twice this before handing the terminal over.
pub const READER_PAUSE_STEP: std::time::Duration = std::time::Duration::from_millis(25);

/// False once the terminal has hung up: a tty that hung up fails every ioctl with EIO.
pub fn terminal_present() -> bool {
    io::stdout().is_terminal()
}

/// Whether the reader can run here. Keys come from stdin when it is a terminal, else
/// from /dev/tty (crossterm opens it itself, as less does), so `ls *.txt | xargs
/// yuanqu` works; frames go to stdout, which must be a terminal; and TERM must name a
/// terminal that can move the cursor.
pub fn check_terminal(var: impl Fn(&str) -> Option<String>) -> Result<(), String> {
    usable_term(var("TERM").as_deref())?;
    let plain = "for plain output use `yuanqu list` or `yuanqu read ID`";
    if !io::stdout().is_terminal() {
        return Err(format!(
            "the reader needs a terminal on standard output; {plain}"
        ));
    }
    if !io::stdin().is_terminal() {
        std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/tty")
            .map_err(|e| {
                format!("no terminal to read keys from (standard input is not one and /dev/tty: {e}); {plain}")
            })?;
    }
    Ok(())
}

/// TERM unset, empty or `dumb`: a terminal that cannot address the cursor.
pub fn usable_term(term: Option<&str>) -> Result<(), String> {
    let plain = "the reader needs a terminal that can move the cursor; use `yuanqu list` and `yuanqu read ID` instead";
    match term.map(str::trim) {
        None | Some("") => Err(format!("TERM is not set: {plain}")),
        Some("dumb") => Err(format!("TERM is dumb: {plain}")),
        Some(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use crate::tui::term::terminal::usable_term;

    #[test]
    fn dumb_or_missing_term_is_refused_with_a_way_out() {
        for term in [None, Some(""), Some("dumb")] {
            let message = usable_term(term).unwrap_err();
            assert!(message.contains("yuanqu list"), "{message}");
        }
        for term in ["xterm", "linux", "screen", "xterm-256color"] {
            assert!(usable_term(Some(term)).is_ok());
        }
    }
}
