//! The terminal: set up and always put back — on quit, panic, signals and suspend —
//! and each frame sent as one write inside a synchronized update.

use std::cell::Cell;
use std::io::{self, IsTerminal, Stdout, Write};
use std::mem::ManuallyDrop;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::Arc;
use std::thread;

use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, DisableBracketedPaste, DisableMouseCapture, Event};
use ratatui::crossterm::terminal::{
    self, BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen,
    LeaveAlternateScreen,
};
use ratatui::crossterm::{cursor, execute, queue};
use ratatui::{Frame, Terminal};

/// Bytes a frame may take before it is written early; frames are far smaller.
const FRAME_BUFFER: usize = 64 * 1024;

/// Stdout behind a 64 KiB buffer whose `flush` is held while a frame is open, so that
/// ratatui's own flush inside `draw` does not split the frame into several writes.
pub struct FrameWriter {
    buffer: Vec<u8>,
    out: Stdout,
    frame_open: Rc<Cell<bool>>,
}

impl Write for FrameWriter {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= FRAME_BUFFER && !self.frame_open.get() {
            self.flush()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.frame_open.get() || self.buffer.is_empty() {
            return Ok(());
        }
        let result = self
            .out
            .write_all(&self.buffer)
            .and_then(|()| self.out.flush());
        self.buffer.clear();
        result
    }
}

pub struct Tui {
    /// Never dropped: ratatui's drop shows the cursor and `eprintln!`s on failure, which
    /// panics when the terminal is gone; `restore` does that job instead.
    terminal: ManuallyDrop<Terminal<CrosstermBackend<FrameWriter>>>,
    frame_open: Rc<Cell<bool>>,
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
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = terminal::disable_raw_mode();
}

impl Tui {
    pub fn init() -> io::Result<Tui> {
        install_panic_hook();
        enter().inspect_err(|_| restore())?;
        let frame_open = Rc::new(Cell::new(false));
        let writer = FrameWriter {
            buffer: Vec::with_capacity(FRAME_BUFFER),
            out: io::stdout(),
            frame_open: Rc::clone(&frame_open),
        };
        let terminal = Terminal::new(CrosstermBackend::new(writer)).inspect_err(|_| restore())?;
        Ok(Tui {
            terminal: ManuallyDrop::new(terminal),
            frame_open,
        })
    }

    pub fn size(&self) -> io::Result<(u16, u16)> {
        let size = self.terminal.size()?;
        Ok((size.width, size.height))
    }

    /// Draw one frame: begin synchronized update, the changed cells, end; one write.
    pub fn draw(&mut self, render: impl FnOnce(&mut Frame)) -> io::Result<()> {
        self.frame_open.set(true);
        let drawn = queue!(self.terminal.backend_mut(), BeginSynchronizedUpdate)
            .and_then(|()| self.terminal.draw(render).map(|_| ()))
            .and_then(|()| queue!(self.terminal.backend_mut(), EndSynchronizedUpdate));
        self.frame_open.set(false);
        drawn?;
        self.terminal.backend_mut().flush()
    }

    /// Ctrl-Z: give the terminal back, stop, and on `fg` take it again and redraw all.
    pub fn suspend(&mut self) -> io::Result<()> {
        restore();
        signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
        // Running again: the shell may have changed anything.
        enter()?;
        // Not `Terminal::clear`: it asks the terminal for the cursor position, and the
        // reply would go to the event thread, stalling the redraw for two seconds.
        let size = self.terminal.size()?;
        self.terminal
            .resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
        self.terminal.backend_mut().flush()
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
pub fn spawn_event_reader() -> Receiver<io::Result<Event>> {
    let (sender, receiver) = mpsc::sync_channel(256);
    thread::Builder::new()
        .name("terminal-events".into())
        .spawn(move || loop {
            let event = event::read();
            let failed = event.is_err();
            if sender.send(event).is_err() || failed {
                break;
            }
        })
        .ok();
    receiver
}

/// False once the terminal has hung up: a tty that hung up fails every ioctl with EIO.
pub fn terminal_present() -> bool {
    io::stdout().is_terminal()
}
