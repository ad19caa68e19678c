//! SVG pictures of a rendered buffer: every cell placed by column, text kept as text.

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

const CELL_WIDTH: f32 = 8.4;
const CELL_HEIGHT: f32 = 18.0;
/// Narrow cells take their glyphs from a Western monospace font, as a terminal does:
/// a CJK font's “ and ◎ are full-width glyphs that squeezed into one cell overlap
/// the next character.
const NARROW_FONTS: &str = "'DejaVu Sans Mono', 'Menlo', 'Consolas', monospace";
/// Wide cells take theirs from a CJK monospace font.
const WIDE_FONTS: &str = "'Sarasa Mono SC', 'Noto Sans Mono CJK SC', 'Noto Sans CJK SC', monospace";
const FOREGROUND: &str = "#1f2328";
const BACKGROUND: &str = "#ffffff";

/// The buffer as an SVG document: a background rectangle per styled run, then each
/// cell's symbol at its column, wide characters spanning two cells.
pub fn buffer_to_svg(buf: &Buffer) -> String {
    let area = buf.area;
    let width = f32::from(area.width) * CELL_WIDTH;
    let height = f32::from(area.height) * CELL_HEIGHT;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"{BACKGROUND}\"/>\n\
         <g font-family=\"{NARROW_FONTS}\" font-size=\"14\" xml:space=\"preserve\">\n"
    );
    for y in 0..area.height {
        let mut skip = 0;
        for x in 0..area.width {
            let cell = &buf[(area.x + x, area.y + y)];
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = cell.symbol();
            let cells = unicode_width::UnicodeWidthStr::width(symbol).max(1) as u16;
            skip = cells - 1;
            let reversed = cell.modifier.contains(Modifier::REVERSED);
            let (mut fg, mut bg) = (colour(cell.fg, FOREGROUND), colour(cell.bg, BACKGROUND));
            if reversed {
                std::mem::swap(&mut fg, &mut bg);
            }
            let left = f32::from(x) * CELL_WIDTH;
            let top = f32::from(y) * CELL_HEIGHT;
            if bg != BACKGROUND {
                svg.push_str(&format!(
                    "<rect x=\"{left:.1}\" y=\"{top:.1}\" width=\"{:.1}\" height=\"{CELL_HEIGHT}\" fill=\"{bg}\"/>\n",
                    f32::from(cells) * CELL_WIDTH
                ));
            }
            if symbol.trim().is_empty() {
                continue;
            }
            let mut attributes = format!("fill=\"{fg}\"");
            if cells > 1 {
                attributes.push_str(&format!(" font-family=\"{WIDE_FONTS}\""));
            }
            if cell.modifier.contains(Modifier::BOLD) {
                attributes.push_str(" font-weight=\"bold\"");
            }
            if cell.modifier.contains(Modifier::ITALIC) {
                attributes.push_str(" font-style=\"italic\"");
            }
            if cell.modifier.contains(Modifier::UNDERLINED) {
                attributes.push_str(" text-decoration=\"underline\"");
            }
            svg.push_str(&format!(
                "<text x=\"{left:.1}\" y=\"{:.1}\" textLength=\"{:.1}\" lengthAdjust=\"spacingAndGlyphs\" {attributes}>{}</text>\n",
                top + CELL_HEIGHT * 0.75,
                f32::from(cells) * CELL_WIDTH,
                escape(symbol)
            ));
        }
    }
    svg.push_str("</g>\n</svg>\n");
    svg
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A cell colour as SVG paints it on a light page.
fn colour(color: Color, default: &str) -> String {
    let rgb = |r: u8, g: u8, b: u8| format!("#{r:02x}{g:02x}{b:02x}");
    match color {
        Color::Reset => default.to_string(),
        Color::Rgb(r, g, b) => rgb(r, g, b),
        Color::Indexed(n) => {
            let (r, g, b) = indexed(n);
            rgb(r, g, b)
        }
        Color::Black => rgb(0, 0, 0),
        Color::Red => rgb(205, 0, 0),
        Color::Green => rgb(0, 150, 0),
        Color::Yellow => rgb(175, 135, 0),
        Color::Blue => rgb(0, 0, 238),
        Color::Magenta => rgb(205, 0, 205),
        Color::Cyan => rgb(0, 135, 175),
        Color::Gray => rgb(128, 128, 128),
        Color::DarkGray => rgb(96, 96, 96),
        Color::LightRed => rgb(255, 85, 85),
        Color::LightGreen => rgb(85, 200, 85),
        Color::LightYellow => rgb(255, 215, 95),
        Color::LightBlue => rgb(92, 92, 255),
        Color::LightMagenta => rgb(255, 85, 255),
        Color::LightCyan => rgb(85, 215, 255),
        Color::White => rgb(255, 255, 255),
    }
}

fn indexed(n: u8) -> (u8, u8, u8) {
    const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];
    match n {
        16..=231 => {
            let i = n - 16;
            (
                LEVELS[(i / 36) as usize],
                LEVELS[((i / 6) % 6) as usize],
                LEVELS[(i % 6) as usize],
            )
        }
        232..=255 => {
            let v = 8 + (n - 232) * 10;
            (v, v, v)
        }
        _ => (128, 128, 128),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_span_two_cells_and_text_stays_text() {
        let buf = Buffer::with_lines(["赣州 <a>"]);
        let svg = buffer_to_svg(&buf);
        assert!(svg.contains(">赣</text>"));
        assert!(svg.contains("x=\"16.8\""), "州 starts at column 2");
        assert!(svg.contains("textLength=\"16.8\""));
        assert!(svg.contains("&lt;"));
    }
}
