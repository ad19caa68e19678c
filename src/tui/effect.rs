//! What the reader asks of the event loop: everything an action does outside the
//! reader's own state (quitting, the terminal, the clipboard, a fetch, a program
//! run with the terminal). `update` queues effects on the `App`; the loop takes them
//! in order after each batch of keys, as gitui's internal queue does, so no flag is
//! left set and no request is forgotten or done twice.

/// One thing for the event loop to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
    /// Ctrl-Z: give the terminal back to the shell until resumed.
    Suspend,
    /// Ctrl-L: erase the terminal and draw everything again.
    Repaint,
    /// An OSC 52 sequence for the terminal (`y`).
    Copy(Vec<u8>),
    /// `R`: fetch every source in the background.
    Fetch,
    /// `|` or `o`: run a program with the terminal.
    Run(External),
}

/// Something to run outside the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum External {
    /// Run `command` with the shell, `text` on its standard input, the terminal
    /// given to it meanwhile.
    Pipe { command: String, text: String },
    /// Open `url` with `browser` (the terminal kept: a browser opens its own window).
    Open { browser: String, url: String },
}
