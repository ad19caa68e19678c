//! The claims of docs/wrapping.md, kept true: textwrap's default wrapping and
//! ratatui's `Paragraph` make the faults the note shows; ours makes none.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Widget, Wrap};
use yuanqu::core::layout::{str_width, wrap_paragraph, AmbiguousWidth};

const PARAGRAPH: &str = "此外，园区积极推动稀土人才培养。赣州高新区和赣县区联合出台了“人才新政15条”，推出“8个2000万元”奖励措施，组建人才发展公司。同时，赣州高新区创办中国稀土谷稀土产业学院，已招收1500余名学生。";
const WIDTH: usize = 31;

fn starts_badly(row: &str) -> bool {
    row.starts_with(['，', '。', '、', '”', '）'])
}

fn number_torn(rows: &[String]) -> bool {
    rows.windows(2).any(|w| {
        w[0].ends_with(|c: char| c.is_ascii_digit())
            && !w[1].starts_with(|c: char| c.is_ascii_digit() || c == ' ')
    })
}

#[test]
fn textwrap_default_tears_a_number_from_its_unit() {
    let rows: Vec<String> = textwrap::wrap(PARAGRAPH, WIDTH)
        .into_iter()
        .map(|c| c.into_owned())
        .collect();
    assert!(number_torn(&rows), "{rows:#?}");
}

#[test]
fn ratatui_paragraph_starts_rows_with_closing_marks_and_spills() {
    // Four spare cells to the right show a row drawn past the widget's area.
    let mut buf = Buffer::empty(Rect::new(0, 0, WIDTH as u16 + 4, 8));
    Paragraph::new(PARAGRAPH)
        .wrap(Wrap { trim: false })
        .render(Rect::new(0, 0, WIDTH as u16, 8), &mut buf);
    let rows: Vec<String> = (0..8)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .filter(|r| !r.is_empty())
        .collect();
    assert!(rows.iter().any(|r| starts_badly(r)), "{rows:#?}");
}

#[test]
fn ours_has_none_of_those_faults() {
    let rows: Vec<String> = wrap_paragraph(PARAGRAPH, WIDTH, AmbiguousWidth::Narrow)
        .into_iter()
        .map(|r| PARAGRAPH[r].to_string())
        .collect();
    assert!(!number_torn(&rows), "{rows:#?}");
    assert!(!rows.iter().any(|r| starts_badly(r)));
    assert!(rows
        .iter()
        .all(|r| str_width(r, AmbiguousWidth::Narrow) <= WIDTH));
    assert_eq!(rows.concat(), PARAGRAPH);
}
