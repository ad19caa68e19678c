//! What the reader writes to the terminal: byte budgets per key press, and the bytes
//! replayed into a terminal emulator (vt100) after every frame to check that the
//! terminal shows exactly what the reader drew — scroll regions, erases and styles
//! included. Keys go through the same path as the real event loop.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};
use yuanqu::core::collection::Collection;
use yuanqu::tui::config::Config;
use yuanqu::tui::term::screen::Screen;
use yuanqu::tui::theme::{ColourDepth, Theme};
use yuanqu::tui::{view, App, Effect};

use crate::tui_support::sample_collection;

/// less's median bytes per page down at 80×24 on `yuanqu read ID --width 80 | less`
/// of the 赣州 article, recorded with `scripts/measure-bytes.sh target/release/yuanqu
/// 80x24 21` (tmux pipe-pane, TERM=xterm-256color), in the same run as the reader.
const LESS_PAGE_DOWN_80X24: usize = 1563;

struct Driver {
    app: App,
    screen: Screen<Vec<u8>>,
    term: vt100::Parser,
    /// Effects the loop would do that the driver does not (suspend, quit …).
    other_effects: Vec<Effect>,
}

impl Driver {
    fn new(collection: Collection, config: Config, depth: ColourDepth, w: u16, h: u16) -> Driver {
        let theme = Theme::new(&config.colours, depth);
        let scroll_region = config.scroll_region;
        let mut driver = Driver {
            app: App::new(collection, config, theme),
            screen: Screen::new(Vec::new(), w, h, scroll_region),
            other_effects: Vec::new(),
            term: vt100::Parser::new(nonzero(h), nonzero(w), 0),
        };
        driver.event(Event::Resize(w, h));
        driver.frame();
        driver
    }

    fn builtin(w: u16, h: u16) -> Driver {
        Driver::new(
            Collection::builtin(),
            Config::builtin().expect("built-in config"),
            ColourDepth::Ansi256,
            w,
            h,
        )
    }

    fn event(&mut self, event: Event) {
        yuanqu::tui::step(&mut self.app, vec![event]);
    }

    /// Press a key and draw as the event loop does; the bytes that frame sent.
    fn press_with(&mut self, code: KeyCode, modifiers: KeyModifiers) -> usize {
        self.event(Event::Key(KeyEvent::new(code, modifiers)));
        self.frame()
    }

    fn press(&mut self, code: KeyCode) -> usize {
        self.press_with(code, KeyModifiers::NONE)
    }

    fn resize(&mut self, w: u16, h: u16) {
        self.screen.resize(w, h);
        self.term.set_size(nonzero(h), nonzero(w));
        self.event(Event::Resize(w, h));
        self.frame();
    }

    /// One turn of the loop after events: clipboard, repaint, draw; then the
    /// emulator must show what the reader drew.
    fn frame(&mut self) -> usize {
        let before = self.screen.writer().get_ref().len();
        for effect in self.app.take_effects() {
            match effect {
                Effect::Copy(request) => self.screen.writer_mut().send(&request).expect("send"),
                Effect::Repaint => self.screen.clear(),
                other => self.other_effects.push(other),
            }
        }
        let app = &self.app;
        self.screen
            .draw(|area, buf| view::render(area, buf, app))
            .expect("draw");
        let bytes = self.screen.writer().get_ref()[before..].to_vec();
        self.term.process(&bytes);
        if std::env::var("DUMP").is_ok() {
            eprintln!("{:?}", String::from_utf8_lossy(&bytes));
        }
        self.check();
        bytes.len()
    }

    fn written(&self) -> &[u8] {
        self.screen.writer().get_ref()
    }

    /// The emulator's screen equals a fresh render of the app, cell by cell.
    fn check(&self) {
        let area = self.screen.area();
        let mut expected = Buffer::empty(area);
        view::render(area, &mut expected, &self.app);
        assert_eq!(
            &expected,
            self.screen.last_frame(),
            "the last frame is the render"
        );
        let screen = self.term.screen();
        for y in 0..area.height {
            for x in 0..area.width {
                let want = &expected[(x, y)];
                let got = screen.cell(y, x).expect("cell in emulator");
                if let Some(what) = differs(want, got) {
                    let row = |f: &dyn Fn(u16) -> String| {
                        (0..area.width).map(f).collect::<Vec<_>>().join("|")
                    };
                    panic!(
                        "{what} differs at row {y} col {x}\n{}\nwant row: {}\ngot row:  {}",
                        screen.contents(),
                        row(&|x| format!("{:?}", expected[(x, y)])),
                        row(&|x| format!("{:?}", screen.cell(y, x))),
                    );
                }
            }
        }
    }
}

/// What the terminal shows differently from the cell the reader drew, if anything.
fn differs(want: &ratatui::buffer::Cell, got: &vt100::Cell) -> Option<&'static str> {
    if got.is_wide_continuation() {
        // The right half of a wide character: the reader left it blank.
        return (want.symbol() != " ").then_some("half of a wide character");
    }
    let symbol = match got.contents() {
        "" => " ",
        s => s,
    };
    let m = want.modifier;
    // On a space, foreground, bold and italic do not show.
    let blank = want.symbol() == " ";
    [
        (symbol != want.symbol(), "symbol"),
        (got.bgcolor() != colour(want.bg), "background"),
        (
            got.underline() != m.contains(Modifier::UNDERLINED),
            "underline",
        ),
        (got.inverse() != m.contains(Modifier::REVERSED), "reverse"),
        (!blank && got.fgcolor() != colour(want.fg), "foreground"),
        (!blank && got.bold() != m.contains(Modifier::BOLD), "bold"),
        (
            !blank && got.italic() != m.contains(Modifier::ITALIC),
            "italic",
        ),
    ]
    .into_iter()
    .find_map(|(bad, what)| bad.then_some(what))
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a size of at least 1")
}

fn colour(c: Color) -> vt100::Color {
    let named = [
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ];
    match c {
        Color::Reset => vt100::Color::Default,
        Color::Indexed(n) => vt100::Color::Idx(n),
        Color::Rgb(r, g, b) => vt100::Color::Rgb(r, g, b),
        other => vt100::Color::Idx(named.iter().position(|n| *n == other).unwrap_or(0) as u8),
    }
}

fn median(mut values: Vec<usize>) -> usize {
    values.sort_unstable();
    values[values.len() / 2]
}

/// Median bytes of `n` presses alternating `a` and `b`.
fn presses(driver: &mut Driver, a: KeyCode, b: KeyCode, n: usize) -> usize {
    let bytes: Vec<usize> = (0..n)
        .map(|i| driver.press(if i % 2 == 0 { a } else { b }))
        .collect();
    eprintln!("{a:?}/{b:?}: {bytes:?}");
    median(bytes)
}

#[test]
fn a_key_that_changes_nothing_sends_nothing() {
    let mut d = Driver::builtin(80, 24);
    assert_eq!(d.press(KeyCode::Char('k')), 0, "k at the top");
    assert_eq!(d.press(KeyCode::Char('%')), 0, "an unbound key");
    d.press(KeyCode::Char('z'));
    assert_eq!(d.press(KeyCode::Char('k')), 0, "k at the top, zoomed");
}

#[test]
fn one_row_scroll_in_zoom_costs_a_row() {
    let mut d = Driver::builtin(80, 24);
    d.press(KeyCode::Char('z'));
    let j = KeyCode::Char('j');
    let cost = presses(&mut d, j, j, 21);
    assert!(cost <= 300, "one-row scroll in zoom: {cost} bytes");
}

#[test]
fn one_row_scroll_in_the_article_pane_within_budget() {
    let mut d = Driver::builtin(80, 24);
    let j = KeyCode::Char('j');
    let cost = presses(&mut d, j, j, 21);
    assert!(cost <= 1500, "one-row scroll, article pane: {cost} bytes");
}

#[test]
fn page_down_costs_at_most_a_third_more_than_less() {
    let mut d = Driver::builtin(80, 24);
    let cost = presses(&mut d, KeyCode::Char(' '), KeyCode::Char('b'), 21);
    let budget = LESS_PAGE_DOWN_80X24 * 13 / 10;
    assert!(cost <= budget, "page down: {cost} bytes, budget {budget}");
}

#[test]
fn next_park_within_budget() {
    let mut d = Driver::builtin(80, 24);
    let cost = presses(&mut d, KeyCode::Char(']'), KeyCode::Char('['), 21);
    assert!(cost <= 2500, "next park: {cost} bytes");
}

#[test]
fn terminal_matches_the_reader_after_every_scroll() {
    use KeyCode::Char;
    let keys = [
        Char('j'),
        Char('j'),
        Char('z'),
        Char('j'),
        Char('j'),
        Char('j'),
        Char('k'),
        Char(' '),
        Char('b'),
        Char('G'),
        Char('k'),
        Char('g'),
        Char('z'),
        Char(']'),
        Char('j'),
        Char('['),
        Char('l'),
        Char('j'),
        Char('j'),
        KeyCode::Enter,
        Char('h'),
        Char('z'),
        KeyCode::PageDown,
        Char('j'),
    ];
    for (w, h) in [(80, 24), (120, 36), (40, 20), (60, 12), (24, 8)] {
        for collection in [Collection::builtin(), sample_collection()] {
            let mut d = Driver::new(
                collection,
                Config::builtin().expect("config"),
                ColourDepth::Ansi256,
                w,
                h,
            );
            for key in keys {
                d.press(key);
            }
            d.resize(w + 7, h + 3);
            d.press(Char('j'));
        }
    }
}

#[test]
fn zoomed_scroll_uses_a_scroll_region_and_can_be_turned_off() {
    let mut d = Driver::builtin(80, 24);
    d.press(KeyCode::Char('z'));
    let start = d.written().len();
    d.press(KeyCode::Char('j'));
    let frame = String::from_utf8_lossy(&d.written()[start..]).into_owned();
    assert!(
        frame.contains("\x1b[S") && frame.contains("\x1b[r"),
        "{frame:?}"
    );

    let config = Config::merge(Some((
        std::path::Path::new("c.toml"),
        "[terminal]\nscroll_region = false\n",
    )))
    .expect("config");
    let mut d = Driver::new(Collection::builtin(), config, ColourDepth::Ansi256, 80, 24);
    d.press(KeyCode::Char('z'));
    let start = d.written().len();
    d.press(KeyCode::Char('j'));
    let frame = String::from_utf8_lossy(&d.written()[start..]).into_owned();
    assert!(
        !frame.contains("\x1b[S") && !frame.contains('r'),
        "{frame:?}"
    );
}

#[test]
fn sixteen_colour_terminals_get_no_256_colour_codes() {
    let mut d = Driver::new(
        Collection::builtin(),
        Config::builtin().expect("config"),
        ColourDepth::Ansi16,
        100,
        30,
    );
    for key in ['j', 'l', 'j', 'z', ' '] {
        d.press(KeyCode::Char(key));
    }
    let all = String::from_utf8_lossy(d.written()).into_owned();
    assert!(!all.contains("38;5;") && !all.contains("48;5;"));
    assert!(all.contains("\x1b[") && all.contains('m'));
}

#[test]
fn ctrl_l_repaints_over_junk() {
    let mut d = Driver::builtin(80, 24);
    d.term
        .process(b"\x1b[5;5Hjunk from another program\x1b[1;31m!!");
    d.press_with(KeyCode::Char('l'), KeyModifiers::CONTROL);
    // `frame` checked the emulator against the render; junk would have failed it.
    assert!(!d.term.screen().contents().contains("junk"));
}

#[test]
fn esc_and_a_key_in_one_read_close_the_prompt_then_move() {
    let mut d = Driver::builtin(80, 24);
    d.press(KeyCode::Char('/'));
    d.press(KeyCode::Char('x'));
    // crossterm reads ESC j arriving together as Alt-j.
    d.press_with(KeyCode::Char('j'), KeyModifiers::ALT);
    assert_eq!(
        d.app.search_mode(),
        yuanqu::tui::app::SearchMode::Off,
        "prompt closed"
    );
    assert_eq!(d.app.scroll(), 1, "and j moved down");
    // Out of the prompt too, when Alt-j is bound to nothing: Esc (unzoom), then j.
    d.press(KeyCode::Char('z'));
    d.press_with(KeyCode::Char('j'), KeyModifiers::ALT);
    assert!(!d.app.zoom, "Esc left zoom");
    assert_eq!(d.app.scroll(), 2, "and j moved down");
}

fn decode_base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let digits: Vec<u8> = text.bytes().filter(|&c| c != b'=').map(value).collect();
    let mut out = Vec::new();
    for chunk in digits.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &d)| n | (u32::from(d) << (18 - 6 * i)));
        for i in 0..chunk.len().saturating_sub(1) {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    out
}

#[test]
fn y_copies_the_article_as_one_osc_52() {
    let mut d = Driver::new(
        sample_collection(),
        Config::builtin().expect("config"),
        ColourDepth::Ansi256,
        100,
        30,
    );
    let start = d.written().len();
    d.press(KeyCode::Char('y'));
    let sent = String::from_utf8_lossy(&d.written()[start..]).into_owned();
    assert_eq!(sent.matches("\x1b]52;").count(), 1);
    let payload = sent
        .split("\x1b]52;c;")
        .nth(1)
        .and_then(|rest| rest.split("\x1b\\").next())
        .expect("OSC 52 payload");
    let text = String::from_utf8(decode_base64(payload)).expect("utf-8");
    let article = &d.app.collection.articles[0];
    assert!(
        text.starts_with(&format!("Title: {}", article.title)),
        "{text}"
    );
    assert!(text.lines().any(|l| l == article.blocks[0].text), "{text}");
    assert!(
        text.lines().any(|l| l == format!("Id: {}", article.id)),
        "{text}"
    );
    let status = d.term.screen().contents();
    assert!(
        status.contains("sent the article") && status.contains("(OSC 52)"),
        "{status}"
    );

    // The highlights pane copies the selected figure.
    d.press(KeyCode::Char('l'));
    d.press(KeyCode::Char('y'));
    assert!(d.term.screen().contents().contains("sent the figure"));

    let config = Config::merge(Some((
        std::path::Path::new("c.toml"),
        "[copy]\nosc52 = false\n",
    )))
    .expect("config");
    let mut d = Driver::new(sample_collection(), config, ColourDepth::Ansi256, 100, 30);
    let start = d.written().len();
    d.press(KeyCode::Char('y'));
    assert!(!String::from_utf8_lossy(&d.written()[start..]).contains("\x1b]52"));
    assert!(d.term.screen().contents().contains("copying is off"));
}

#[test]
fn control_keys_in_the_search_prompt_act_and_are_not_typed() {
    let mut d = Driver::builtin(80, 24);
    d.press(KeyCode::Char('/'));
    d.press(KeyCode::Char('x'));
    d.press_with(KeyCode::Char('z'), KeyModifiers::CONTROL);
    assert_eq!(
        d.other_effects,
        [Effect::Suspend],
        "Ctrl-Z suspends from the prompt"
    );
    assert_eq!(d.app.search.query(), "x");
    d.other_effects.clear();
    d.term.process(b"\x1b[3;3Hjunk");
    d.press_with(KeyCode::Char('l'), KeyModifiers::CONTROL);
    assert_eq!(d.app.search.query(), "x", "Ctrl-L is not typed either");
}

#[test]
fn page_down_in_zoom_costs_at_most_a_third_more_than_less() {
    let mut d = Driver::builtin(80, 24);
    d.press(KeyCode::Char('z'));
    let cost = presses(&mut d, KeyCode::Char(' '), KeyCode::Char('b'), 21);
    let budget = LESS_PAGE_DOWN_80X24 * 13 / 10;
    assert!(
        cost <= budget,
        "page down in zoom: {cost} bytes, budget {budget}"
    );
}

#[test]
fn the_copy_opens_with_a_header_naming_park_file_and_id() {
    let page = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/pages/hefei-page.txt");
    let collection = Collection::load(std::slice::from_ref(&page));
    let mut d = Driver::new(
        collection,
        Config::builtin().expect("config"),
        ColourDepth::Ansi256,
        100,
        30,
    );
    let start = d.written().len();
    d.press(KeyCode::Char('y'));
    let sent = String::from_utf8_lossy(&d.written()[start..]).into_owned();
    let payload = sent
        .split("\x1b]52;c;")
        .nth(1)
        .and_then(|rest| rest.split("\x1b\\").next())
        .expect("OSC 52 payload");
    let text = String::from_utf8(decode_base64(payload)).expect("utf-8");
    let header: Vec<&str> = text.lines().take_while(|l| !l.is_empty()).collect();
    let article = d.app.shown_article().expect("an article");
    let has = |line: String| header.contains(&line.as_str());
    assert!(has(format!("Source: {}", page.display())), "{header:?}");
    assert!(has(format!("Id: {}", article.id)), "{header:?}");
    let park = d.app.article().and_then(|a| d.app.park_of(a));
    if let Some(park) = park.map(|p| d.app.collection.parks[p].name.clone()) {
        assert!(has(format!("Park: {park}")), "{header:?}");
    }
}

#[test]
fn in_the_pictures_a_key_that_changes_nothing_sends_nothing() {
    use crate::tui_pictures::pictures_archive;
    for depth in [ColourDepth::Ansi256, ColourDepth::Ansi16, ColourDepth::None] {
        for (w, h) in [(80, 24), (40, 20), (120, 36)] {
            let config = Config::builtin().expect("built-in config");
            let mut d = Driver::new(pictures_archive(), config, depth, w, h);
            assert!(d.press(KeyCode::Char('i')) > 0, "i draws the park");
            assert_eq!(d.press(KeyCode::Char('k')), 0, "k at the top of i, {w}×{h}");
            assert_eq!(d.press(KeyCode::Char('%')), 0, "an unbound key in i");
            assert!(d.press(KeyCode::Char('j')) > 0, "j moves the cursor");
            d.press(KeyCode::Esc);
            assert!(d.press(KeyCode::Char('O')) > 0, "O draws the archive");
            assert_eq!(d.press(KeyCode::Char('k')), 0, "k at the top of O, {w}×{h}");
            assert_eq!(d.press(KeyCode::Char('%')), 0, "an unbound key in O");
            // Every frame above was replayed into the emulator and matched.
        }
    }
}
