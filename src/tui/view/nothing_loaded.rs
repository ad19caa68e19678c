//! What the reader shows when nothing loaded: what it tried and why each gave nothing,
//! so a bad path, an empty folder or a mistyped command (`yuanqu lits`) is seen on
//! screen, not only in the lines printed after quitting.

use std::path::Path;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use crate::core::collection::LoadWarning;
use crate::core::sanitize::escape_for_terminal;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::paint::{fit, paint_line, render_pane};

/// The commands a mistyped word may have meant.
const COMMANDS: &[&str] = &["parse", "list", "figures", "read", "help"];

pub struct NothingLoaded<'a> {
    pub app: &'a App,
}

impl Widget for NothingLoaded<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let amb = app.config.ambiguous;
        let inner = render_pane("Nothing loaded", true, &app.theme, amb, area, buf);
        let quit = app.config.keymap.hint(Action::Quit);
        let mut lines = explain(&app.tried, &app.collection.warnings);
        lines.push(String::new());
        lines.push(format!("{quit} quits."));
        for (row, line) in lines.iter().enumerate().take(inner.height as usize) {
            let row_area = Rect {
                y: inner.y + row as u16,
                height: 1,
                ..inner
            };
            let text = fit(line, inner.width as usize, amb);
            paint_line(&Line::from(text), row_area, buf, amb);
        }
    }
}

/// The lines that say what was tried and why nothing came of it. File names and
/// messages are escaped: they may hold control characters.
pub fn explain(tried: &[String], warnings: &[LoadWarning]) -> Vec<String> {
    let mut lines = vec!["No articles were loaded.".to_string(), String::new()];
    if tried.is_empty() {
        lines.push("Nothing was named to read.".to_string());
    } else {
        lines.push("Tried:".to_string());
    }
    for path in tried {
        let shown = escape_for_terminal(path);
        let under: Vec<&LoadWarning> = warnings
            .iter()
            .filter(|w| w.path.starts_with(Path::new(path)))
            .collect();
        match under.as_slice() {
            [] => lines.push(format!(
                "  {shown}: no pages (.txt) or articles (.toml) in it"
            )),
            [one] if one.path == Path::new(path) => {
                lines.push(format!("  {shown}: {}", escape_for_terminal(&one.message)));
            }
            many => {
                lines.push(format!("  {shown}: {} files gave nothing:", many.len()));
                for w in many.iter().take(5) {
                    lines.push(format!("    {w}"));
                }
                if many.len() > 5 {
                    lines.push(format!("    … {} more", many.len() - 5));
                }
            }
        }
        let missing = !Path::new(path).exists();
        if let Some(command) = COMMANDS
            .iter()
            .find(|c| missing && edit_distance(path, c) <= 2)
        {
            lines.push(format!(
                "  (`{shown}` is no file or folder: did you mean `yuanqu {command}`?)"
            ));
        }
    }
    lines.push(String::new());
    lines.push(
        "The reader reads pages (.txt: UTF-8, UTF-16 or GBK), articles (.toml) and folders of them."
            .to_string(),
    );
    lines
}

/// Levenshtein distance in chars, for "did you mean".
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use crate::tui::view::nothing_loaded::*;
    use std::path::PathBuf;

    fn warning(path: &str, message: &str) -> LoadWarning {
        LoadWarning {
            path: PathBuf::from(path),
            message: message.into(),
            is_error: true,
        }
    }

    #[test]
    fn a_mistyped_command_is_named_with_what_it_may_mean() {
        let lines = explain(
            &["lits".into()],
            &[warning("lits", "no such file or folder")],
        );
        let text = lines.join("\n");
        assert!(text.contains("  lits: no such file or folder"), "{text}");
        assert!(text.contains("did you mean `yuanqu list`?"), "{text}");
    }

    #[test]
    fn an_empty_folder_says_it_had_no_pages() {
        let dir = crate::private_folder::test_folder("nothing-loaded-empty");
        let path = dir.display().to_string();
        let text = explain(std::slice::from_ref(&path), &[]).join("\n");
        assert!(text.contains(&format!(
            "  {path}: no pages (.txt) or articles (.toml) in it"
        )));
        assert!(
            !text.contains("did you mean"),
            "an existing folder is no typo"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn files_under_a_folder_are_listed_and_escaped() {
        let warnings = [
            warning("pages/a.txt", "no articles found"),
            warning("pages/b\u{1b}[31m.txt", "not valid text"),
        ];
        let text = explain(&["pages".into()], &warnings).join("\n");
        assert!(text.contains("pages: 2 files gave nothing:"));
        assert!(text.contains("pages/a.txt: no articles found"));
        assert!(!text.contains('\u{1b}'), "{text}");
    }

    #[test]
    fn edit_distance_counts_single_char_edits() {
        assert_eq!(edit_distance("lits", "list"), 2);
        assert_eq!(edit_distance("figure", "figures"), 1);
        assert_eq!(edit_distance("read", "read"), 0);
        assert!(edit_distance("data", "parse") > 2);
    }
}
