//! Select Graphic Rendition: the pen (colours and attributes) a terminal draws with,
//! and the shortest sequence from one pen to another.

use ratatui::buffer::Cell;
use ratatui::style::{Color, Modifier};

/// The terminal's current graphic rendition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pen {
    pub fg: Color,
    pub bg: Color,
    pub underline: Color,
    pub modifier: Modifier,
}

impl Pen {
    pub const PLAIN: Pen = Pen {
        fg: Color::Reset,
        bg: Color::Reset,
        underline: Color::Reset,
        modifier: Modifier::empty(),
    };

    pub fn of(cell: &Cell) -> Pen {
        Pen {
            fg: cell.fg,
            bg: cell.bg,
            underline: cell.underline_color,
            modifier: cell.modifier,
        }
    }
}

const MODIFIER_CODES: [(Modifier, u8, u8); 9] = [
    (Modifier::BOLD, 1, 22),
    (Modifier::DIM, 2, 22),
    (Modifier::ITALIC, 3, 23),
    (Modifier::UNDERLINED, 4, 24),
    (Modifier::SLOW_BLINK, 5, 25),
    (Modifier::RAPID_BLINK, 6, 25),
    (Modifier::REVERSED, 7, 27),
    (Modifier::HIDDEN, 8, 28),
    (Modifier::CROSSED_OUT, 9, 29),
];

/// From a reset: `CSI m` and `CSI ;1;31 m`, the reset as an empty first parameter
/// (ECMA-48: an empty parameter is 0), a byte saved on every style change.
pub fn sgr_from_reset(pen: Pen) -> String {
    let mut params = vec![String::new()];
    for (m, on, _) in MODIFIER_CODES {
        if pen.modifier.contains(m) {
            params.push(on.to_string());
        }
    }
    for (colour, layer) in [
        (pen.fg, Layer::Fg),
        (pen.bg, Layer::Bg),
        (pen.underline, Layer::Underline),
    ] {
        if colour != Color::Reset {
            params.push(colour_code(colour, layer));
        }
    }
    params.join(";")
}

pub fn sgr_step(from: Pen, to: Pen) -> String {
    let mut params: Vec<String> = Vec::new();
    let removed = from.modifier - to.modifier;
    let mut add = to.modifier - from.modifier;
    let mut offs: Vec<u8> = Vec::new();
    for (m, _, off) in MODIFIER_CODES {
        if removed.contains(m) && !offs.contains(&off) {
            offs.push(off);
            // 22 ends bold and dim together, 25 both blinks: put back the one kept.
            for (other, _, other_off) in MODIFIER_CODES {
                if other_off == off && to.modifier.contains(other) {
                    add |= other;
                }
            }
        }
    }
    params.extend(offs.iter().map(u8::to_string));
    for (m, on, _) in MODIFIER_CODES {
        if add.contains(m) {
            params.push(on.to_string());
        }
    }
    for (a, b, layer) in [
        (from.fg, to.fg, Layer::Fg),
        (from.bg, to.bg, Layer::Bg),
        (from.underline, to.underline, Layer::Underline),
    ] {
        if a != b {
            params.push(colour_code(b, layer));
        }
    }
    params.join(";")
}

#[derive(Clone, Copy)]
enum Layer {
    Fg,
    Bg,
    Underline,
}

/// SGR parameters for a colour: the 16 colours as 30–37/90–97 (40–47/100–107), never
/// `38;5;N`, so 16-colour terminals understand them.
fn colour_code(colour: Color, layer: Layer) -> String {
    let ansi = match colour {
        Color::Reset => None,
        Color::Black => Some(0),
        Color::Red => Some(1),
        Color::Green => Some(2),
        Color::Yellow => Some(3),
        Color::Blue => Some(4),
        Color::Magenta => Some(5),
        Color::Cyan => Some(6),
        Color::Gray => Some(7),
        Color::DarkGray => Some(8),
        Color::LightRed => Some(9),
        Color::LightGreen => Some(10),
        Color::LightYellow => Some(11),
        Color::LightBlue => Some(12),
        Color::LightMagenta => Some(13),
        Color::LightCyan => Some(14),
        Color::White => Some(15),
        Color::Indexed(n) if n < 16 => Some(n),
        Color::Indexed(_) | Color::Rgb(..) => None,
    };
    match (layer, colour, ansi) {
        (Layer::Fg, Color::Reset, _) => "39".into(),
        (Layer::Bg, Color::Reset, _) => "49".into(),
        (Layer::Underline, Color::Reset, _) => "59".into(),
        (Layer::Fg | Layer::Bg, _, Some(n)) => {
            let base = if n < 8 { 30 + n } else { 90 + n - 8 };
            let base = if matches!(layer, Layer::Bg) {
                base + 10
            } else {
                base
            };
            base.to_string()
        }
        (Layer::Underline, _, Some(n)) => format!("58;5;{n}"),
        (_, Color::Indexed(n), None) => format!("{};5;{n}", layer_prefix(layer)),
        (_, Color::Rgb(r, g, b), None) => format!("{};2;{r};{g};{b}", layer_prefix(layer)),
        _ => layer_prefix(layer).to_string(),
    }
}

fn layer_prefix(layer: Layer) -> &'static str {
    match layer {
        Layer::Fg => "38",
        Layer::Bg => "48",
        Layer::Underline => "58",
    }
}

#[cfg(test)]
mod tests {
    use crate::tui::term::sgr::{colour_code, Layer};
    use ratatui::style::Color;

    #[test]
    fn colours_of_16_never_use_the_256_form() {
        for (colour, fg, bg) in [
            (Color::Black, "30", "40"),
            (Color::Gray, "37", "47"),
            (Color::DarkGray, "90", "100"),
            (Color::White, "97", "107"),
            (Color::Indexed(9), "91", "101"),
        ] {
            assert_eq!(colour_code(colour, Layer::Fg), fg);
            assert_eq!(colour_code(colour, Layer::Bg), bg);
        }
        assert_eq!(colour_code(Color::Indexed(208), Layer::Fg), "38;5;208");
    }
}
