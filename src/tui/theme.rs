//! Colours: one style per screen element, reduced to what the terminal can show.
//!
//! Emphasis (bold, underline, reverse) is fixed here, not configurable, so that every
//! distinction still shows with NO_COLOR or on a monochrome terminal.

use ratatui::style::{Color, Modifier, Style};

/// Every element the theme colours; the config's `[theme]` keys are these names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Element {
    Border,
    BorderFocused,
    PaneTitle,
    ParkNumber,
    Count,
    Selection,
    Title,
    Subtitle,
    Byline,
    Heading,
    Paragraph,
    Caption,
    Figure,
    FigureSelected,
    Match,
    MatchCurrent,
    Context,
    Status,
    Help,
}

pub const ELEMENTS: &[(&str, Element)] = &[
    ("border", Element::Border),
    ("border_focused", Element::BorderFocused),
    ("pane_title", Element::PaneTitle),
    ("park_number", Element::ParkNumber),
    ("count", Element::Count),
    ("selection", Element::Selection),
    ("title", Element::Title),
    ("subtitle", Element::Subtitle),
    ("byline", Element::Byline),
    ("heading", Element::Heading),
    ("paragraph", Element::Paragraph),
    ("caption", Element::Caption),
    ("figure", Element::Figure),
    ("figure_selected", Element::FigureSelected),
    ("match", Element::Match),
    ("match_current", Element::MatchCurrent),
    ("context", Element::Context),
    ("status", Element::Status),
    ("help", Element::Help),
];

impl Element {
    pub fn from_name(name: &str) -> Option<Element> {
        ELEMENTS.iter().find(|(n, _)| *n == name).map(|(_, e)| *e)
    }

    /// The emphasis that carries the meaning without colour. With no colour at all
    /// (NO_COLOR) the marks in the text need more: figures underlined, the selected
    /// figure underlined and bold, search matches reversed, the current match
    /// reversed, bold and underlined — four different sets (docs/reader.md).
    fn modifiers(self, depth: ColourDepth) -> Modifier {
        if depth == ColourDepth::None {
            match self {
                Element::Figure => return Modifier::UNDERLINED,
                Element::FigureSelected => return Modifier::UNDERLINED | Modifier::BOLD,
                Element::Match => return Modifier::REVERSED,
                Element::MatchCurrent => {
                    return Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED
                }
                _ => {}
            }
        }
        match self {
            // The focused pane is told by its heavy frame (┏━┓) and colour; a bold frame
            // would only cost a style change on every row it shares with text.
            Element::PaneTitle | Element::Title => Modifier::BOLD,
            Element::Heading | Element::ParkNumber => Modifier::BOLD,
            Element::Selection | Element::Status => Modifier::REVERSED,
            Element::Figure => Modifier::UNDERLINED,
            Element::FigureSelected => Modifier::BOLD | Modifier::UNDERLINED | Modifier::REVERSED,
            Element::Match => Modifier::UNDERLINED,
            Element::MatchCurrent => Modifier::BOLD | Modifier::UNDERLINED | Modifier::REVERSED,
            Element::Caption | Element::Byline | Element::Subtitle => Modifier::ITALIC,
            _ => Modifier::empty(),
        }
    }
}

/// A configured colour, before reduction to the terminal's depth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colour {
    Default,
    Ansi(Color),
    Indexed(u8),
    Rgb(u8, u8, u8),
}

const NAMED: &[(&str, Color)] = &[
    ("black", Color::Black),
    ("red", Color::Red),
    ("green", Color::Green),
    ("yellow", Color::Yellow),
    ("blue", Color::Blue),
    ("magenta", Color::Magenta),
    ("cyan", Color::Cyan),
    ("gray", Color::Gray),
    ("darkgray", Color::DarkGray),
    ("lightred", Color::LightRed),
    ("lightgreen", Color::LightGreen),
    ("lightyellow", Color::LightYellow),
    ("lightblue", Color::LightBlue),
    ("lightmagenta", Color::LightMagenta),
    ("lightcyan", Color::LightCyan),
    ("white", Color::White),
];

/// Approximate RGB of the 16 ANSI colours (xterm defaults), for nearest-colour search.
const ANSI_RGB: [(Color, (u8, u8, u8)); 16] = [
    (Color::Black, (0, 0, 0)),
    (Color::Red, (205, 0, 0)),
    (Color::Green, (0, 205, 0)),
    (Color::Yellow, (205, 205, 0)),
    (Color::Blue, (0, 0, 238)),
    (Color::Magenta, (205, 0, 205)),
    (Color::Cyan, (0, 205, 205)),
    (Color::Gray, (229, 229, 229)),
    (Color::DarkGray, (127, 127, 127)),
    (Color::LightRed, (255, 0, 0)),
    (Color::LightGreen, (0, 255, 0)),
    (Color::LightYellow, (255, 255, 0)),
    (Color::LightBlue, (92, 92, 255)),
    (Color::LightMagenta, (255, 0, 255)),
    (Color::LightCyan, (0, 255, 255)),
    (Color::White, (255, 255, 255)),
];

impl Colour {
    pub fn parse(text: &str) -> Result<Colour, String> {
        let lower = text.trim().to_ascii_lowercase();
        if lower == "default" || lower == "reset" {
            return Ok(Colour::Default);
        }
        if let Some((_, c)) = NAMED.iter().find(|(n, _)| *n == lower) {
            return Ok(Colour::Ansi(*c));
        }
        if let Some(hex) = lower.strip_prefix('#') {
            if hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
                let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0);
                return Ok(Colour::Rgb(byte(0), byte(2), byte(4)));
            }
        }
        if let Ok(n) = lower.parse::<u8>() {
            return Ok(Colour::Indexed(n));
        }
        Err(format!(
            "unknown colour {text:?}: use \"default\", a name such as \"cyan\", 0-255 or \"#rrggbb\""
        ))
    }

    /// The colour as the terminal can show it.
    pub fn at_depth(self, depth: ColourDepth) -> Color {
        match (self, depth) {
            (_, ColourDepth::None) | (Colour::Default, _) => Color::Reset,
            (Colour::Ansi(c), _) => c,
            (Colour::Indexed(n), ColourDepth::Ansi16) if n >= 16 => nearest_ansi(indexed_rgb(n)),
            (Colour::Indexed(n), ColourDepth::Ansi16) => ANSI_RGB[n as usize].0,
            (Colour::Indexed(n), _) => Color::Indexed(n),
            (Colour::Rgb(r, g, b), ColourDepth::TrueColor) => Color::Rgb(r, g, b),
            (Colour::Rgb(r, g, b), ColourDepth::Ansi256) => Color::Indexed(nearest_256(r, g, b)),
            (Colour::Rgb(r, g, b), ColourDepth::Ansi16) => nearest_ansi((r, g, b)),
        }
    }
}

/// What the terminal can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColourDepth {
    /// NO_COLOR: emphasis only.
    None,
    Ansi16,
    Ansi256,
    TrueColor,
}

impl ColourDepth {
    /// From NO_COLOR (https://no-color.org: set and not empty), COLORTERM and TERM.
    pub fn detect(var: impl Fn(&str) -> Option<String>) -> ColourDepth {
        if var("NO_COLOR").is_some_and(|v| !v.is_empty()) {
            return ColourDepth::None;
        }
        let colorterm = var("COLORTERM").unwrap_or_default().to_ascii_lowercase();
        if colorterm == "truecolor" || colorterm == "24bit" {
            return ColourDepth::TrueColor;
        }
        let term = var("TERM").unwrap_or_default().to_ascii_lowercase();
        if term == "dumb" {
            ColourDepth::None
        } else if term.contains("256color") {
            ColourDepth::Ansi256
        } else {
            ColourDepth::Ansi16
        }
    }

    pub fn from_env() -> ColourDepth {
        ColourDepth::detect(|name| std::env::var(name).ok())
    }
}

fn indexed_rgb(n: u8) -> (u8, u8, u8) {
    const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];
    match n {
        0..=15 => ANSI_RGB[n as usize].1,
        16..=231 => {
            let i = n - 16;
            (
                LEVELS[(i / 36) as usize],
                LEVELS[((i / 6) % 6) as usize],
                LEVELS[(i % 6) as usize],
            )
        }
        _ => {
            let v = 8 + (n - 232) * 10;
            (v, v, v)
        }
    }
}

fn distance(a: (u8, u8, u8), b: (u8, u8, u8)) -> u32 {
    let d = |x: u8, y: u8| (i32::from(x) - i32::from(y)).pow(2) as u32;
    d(a.0, b.0) + d(a.1, b.1) + d(a.2, b.2)
}

fn nearest_256(r: u8, g: u8, b: u8) -> u8 {
    // Only the cube and the grey ramp: the first 16 differ between terminals.
    (16..=255u8)
        .min_by_key(|&n| distance(indexed_rgb(n), (r, g, b)))
        .unwrap_or(16)
}

fn nearest_ansi(rgb: (u8, u8, u8)) -> Color {
    ANSI_RGB
        .iter()
        .min_by_key(|(_, c)| distance(*c, rgb))
        .map_or(Color::Reset, |(c, _)| *c)
}

/// Foreground and background of one element, as configured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColourPair {
    pub fg: Colour,
    pub bg: Colour,
}

impl Default for ColourPair {
    fn default() -> Self {
        ColourPair {
            fg: Colour::Default,
            bg: Colour::Default,
        }
    }
}

/// The resolved styles, one per element.
#[derive(Debug, Clone)]
pub struct Theme {
    styles: Vec<Style>,
}

impl Theme {
    pub fn new(colours: &[(Element, ColourPair)], depth: ColourDepth) -> Theme {
        let styles = ELEMENTS
            .iter()
            .map(|(_, element)| {
                let pair = colours
                    .iter()
                    .find(|(e, _)| e == element)
                    .map_or_else(ColourPair::default, |(_, p)| *p);
                Style::default()
                    .fg(pair.fg.at_depth(depth))
                    .bg(pair.bg.at_depth(depth))
                    .add_modifier(element.modifiers(depth))
            })
            .collect();
        Theme { styles }
    }

    /// Emphasis only, no colour: what NO_COLOR gives.
    pub fn monochrome() -> Theme {
        Theme::new(&[], ColourDepth::None)
    }

    pub fn style(&self, element: Element) -> Style {
        let index = ELEMENTS
            .iter()
            .position(|(_, e)| *e == element)
            .unwrap_or(0);
        self.styles.get(index).copied().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use crate::tui::theme::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn depth_follows_environment() {
        assert_eq!(
            ColourDepth::detect(env(&[("NO_COLOR", "1"), ("COLORTERM", "truecolor")])),
            ColourDepth::None
        );
        assert_eq!(
            ColourDepth::detect(env(&[("NO_COLOR", ""), ("COLORTERM", "truecolor")])),
            ColourDepth::TrueColor
        );
        assert_eq!(
            ColourDepth::detect(env(&[("TERM", "xterm-256color")])),
            ColourDepth::Ansi256
        );
        assert_eq!(
            ColourDepth::detect(env(&[("TERM", "xterm")])),
            ColourDepth::Ansi16
        );
        assert_eq!(
            ColourDepth::detect(env(&[("TERM", "dumb")])),
            ColourDepth::None
        );
    }

    #[test]
    fn colours_degrade() {
        let orange = Colour::parse("#ff8700").unwrap();
        assert_eq!(
            orange.at_depth(ColourDepth::TrueColor),
            Color::Rgb(255, 135, 0)
        );
        assert_eq!(orange.at_depth(ColourDepth::Ansi256), Color::Indexed(208));
        assert_eq!(
            Colour::parse("#000000")
                .unwrap()
                .at_depth(ColourDepth::Ansi16),
            Color::Black
        );
        assert_eq!(
            Colour::parse("#0087af")
                .unwrap()
                .at_depth(ColourDepth::Ansi16),
            Color::Cyan
        );
        assert_eq!(orange.at_depth(ColourDepth::None), Color::Reset);
        assert_eq!(
            Colour::parse("208").unwrap().at_depth(ColourDepth::Ansi16),
            Color::Yellow
        );
        assert!(Colour::parse("#12345").is_err());
        assert!(Colour::parse("mauve").is_err());
    }

    #[test]
    fn meaning_survives_without_colour() {
        let theme = Theme::monochrome();
        for element in [
            Element::Selection,
            Element::Figure,
            Element::Match,
            Element::MatchCurrent,
        ] {
            assert!(!theme.style(element).add_modifier.is_empty(), "{element:?}");
        }
        // Figures, the selected figure, matches and the current match all differ.
        let marks = [
            Element::Figure,
            Element::FigureSelected,
            Element::Match,
            Element::MatchCurrent,
        ]
        .map(|e| theme.style(e).add_modifier);
        for (i, a) in marks.iter().enumerate() {
            for b in &marks[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }
}
