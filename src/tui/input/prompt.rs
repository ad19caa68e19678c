//! A one-line prompt that edits like a shell's: a cursor moved with ← →, Home and End,
//! Backspace and Delete, Ctrl-U (to the start), Ctrl-W (the word before the cursor),
//! ↑ ↓ through earlier entries. Used by the search prompt and the park finder.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::core::layout::{char_width, AmbiguousWidth};
pub use crate::tui::action::Edit;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prompt {
    text: String,
    /// Char index of the cursor in `text`.
    cursor: usize,
    /// While recalling history: the entry shown, counted back from the newest.
    recalled: Option<usize>,
    /// What was typed before recalling began, given back by ↓ past the newest.
    draft: String,
}

/// The edit a key makes in a prompt, as shells bind them (Emacs keys): ← → Home End
/// (Ctrl-A, Ctrl-E, Ctrl-B, Ctrl-F), Backspace (Ctrl-H), Delete (Ctrl-D), Ctrl-U, Ctrl-W,
/// ↑ ↓ (Ctrl-P, Ctrl-N); plain characters are typed.
pub fn edit_for_key(key: &KeyEvent) -> Option<Edit> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    Some(match key.code {
        KeyCode::Left => Edit::Left,
        KeyCode::Right => Edit::Right,
        KeyCode::Home => Edit::Home,
        KeyCode::End => Edit::End,
        KeyCode::Backspace => Edit::Backspace,
        KeyCode::Delete => Edit::Delete,
        KeyCode::Up => Edit::Older,
        KeyCode::Down => Edit::Newer,
        KeyCode::Char(c) if ctrl => match c.to_ascii_lowercase() {
            'a' => Edit::Home,
            'e' => Edit::End,
            'b' => Edit::Left,
            'f' => Edit::Right,
            'h' => Edit::Backspace,
            'd' => Edit::Delete,
            'u' => Edit::KillToStart,
            'w' => Edit::KillWord,
            'p' => Edit::Older,
            'n' => Edit::Newer,
            _ => return None,
        },
        KeyCode::Char(c) if !alt => Edit::Insert(c),
        _ => return None,
    })
}

impl Prompt {
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn clear(&mut self) {
        *self = Prompt::default();
    }

    fn byte(&self, char_index: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_index)
            .map_or(self.text.len(), |(b, _)| b)
    }

    fn set(&mut self, text: &str) {
        self.text = text.to_string();
        self.cursor = self.text.chars().count();
    }

    /// Apply an edit; returns whether the text changed. `history` is oldest first.
    pub fn edit(&mut self, edit: Edit, history: &[String]) -> bool {
        let before = self.text.clone();
        let len = self.text.chars().count();
        match edit {
            Edit::Insert(c) => {
                let at = self.byte(self.cursor);
                self.text.insert(at, c);
                self.cursor += 1;
            }
            Edit::Backspace if self.cursor > 0 => {
                let at = self.byte(self.cursor - 1);
                self.text.remove(at);
                self.cursor -= 1;
            }
            Edit::Delete if self.cursor < len => {
                let at = self.byte(self.cursor);
                self.text.remove(at);
            }
            Edit::Backspace | Edit::Delete => {}
            Edit::Left => self.cursor = self.cursor.saturating_sub(1),
            Edit::Right => self.cursor = (self.cursor + 1).min(len),
            Edit::Home => self.cursor = 0,
            Edit::End => self.cursor = len,
            Edit::KillToStart => {
                let at = self.byte(self.cursor);
                self.text.replace_range(..at, "");
                self.cursor = 0;
            }
            Edit::KillWord => {
                let chars: Vec<char> = self.text.chars().collect();
                let mut from = self.cursor;
                while from > 0 && chars[from - 1].is_whitespace() {
                    from -= 1;
                }
                while from > 0 && !chars[from - 1].is_whitespace() {
                    from -= 1;
                }
                let (a, b) = (self.byte(from), self.byte(self.cursor));
                self.text.replace_range(a..b, "");
                self.cursor = from;
            }
            Edit::Older => {
                let back = self.recalled.map_or(0, |r| r + 1);
                if back < history.len() {
                    if self.recalled.is_none() {
                        self.draft = self.text.clone();
                    }
                    self.recalled = Some(back);
                    let entry = history[history.len() - 1 - back].clone();
                    self.set(&entry);
                }
            }
            Edit::Newer => match self.recalled {
                Some(0) => {
                    self.recalled = None;
                    let draft = std::mem::take(&mut self.draft);
                    self.set(&draft);
                }
                Some(back) => {
                    self.recalled = Some(back - 1);
                    let entry = history[history.len() - back].clone();
                    self.set(&entry);
                }
                None => {}
            },
        }
        if !matches!(edit, Edit::Older | Edit::Newer) && self.text != before {
            // Typing over a recalled entry makes it the new draft.
            self.recalled = None;
        }
        self.text != before
    }

    /// What fits in `width` cells with the cursor in view (a block after the text stands
    /// for the cursor at the end): the shown text and the cursor's column in it. The
    /// view scrolls by whole characters; a `…` marks text cut off on either side.
    pub fn window(&self, width: usize, ambiguous: AmbiguousWidth) -> (String, usize) {
        let cell = |c: char| char_width(c, ambiguous);
        let chars: Vec<char> = self.text.chars().collect();
        // One cell for the cursor past the end.
        let total: usize = chars.iter().map(|&c| cell(c)).sum::<usize>() + 1;
        if total <= width || width < 3 {
            let column = chars[..self.cursor].iter().map(|&c| cell(c)).sum();
            return (self.text.clone(), column);
        }
        // Grow a window around the cursor: first leftwards (what was just typed), then right.
        let budget = width - 2; // room for a … on each side
        let mut start = self.cursor;
        let mut end = self.cursor;
        let mut used = if self.cursor < chars.len() {
            end += 1;
            cell(chars[self.cursor])
        } else {
            1
        };
        while start > 0 && used + cell(chars[start - 1]) <= budget {
            start -= 1;
            used += cell(chars[start]);
        }
        while end < chars.len() && used + cell(chars[end]) <= budget {
            used += cell(chars[end]);
            end += 1;
        }
        let mut shown = String::new();
        let mut column = 0;
        if start > 0 {
            shown.push('…');
            column += cell('…');
        }
        shown.extend(&chars[start..end]);
        column += chars[start..self.cursor]
            .iter()
            .map(|&c| cell(c))
            .sum::<usize>();
        if end < chars.len() {
            shown.push('…');
        }
        (shown, column)
    }
}

#[cfg(test)]
mod tests {
    use crate::tui::input::prompt::*;

    fn typed(text: &str) -> Prompt {
        let mut p = Prompt::default();
        for c in text.chars() {
            p.edit(Edit::Insert(c), &[]);
        }
        p
    }

    #[test]
    fn inserts_at_the_cursor_and_moves_by_chars() {
        let mut p = typed("园区");
        p.edit(Edit::Left, &[]);
        p.edit(Edit::Insert('高'), &[]);
        assert_eq!((p.text(), p.cursor()), ("园高区", 2));
        p.edit(Edit::Home, &[]);
        p.edit(Edit::Left, &[]);
        assert_eq!(p.cursor(), 0);
        p.edit(Edit::Delete, &[]);
        assert_eq!(p.text(), "高区");
        p.edit(Edit::End, &[]);
        p.edit(Edit::Right, &[]);
        assert_eq!(p.cursor(), 2);
        assert!(p.edit(Edit::Backspace, &[]));
        assert_eq!(p.text(), "高");
        assert!(!typed("").clone().edit(Edit::Backspace, &[]));
    }

    #[test]
    fn ctrl_u_and_ctrl_w_kill_like_a_shell() {
        let mut p = typed("foo bar  baz");
        p.edit(Edit::KillWord, &[]);
        assert_eq!(p.text(), "foo bar  ");
        p.edit(Edit::KillWord, &[]);
        assert_eq!(p.text(), "foo ");
        let mut p = typed("abc def");
        p.edit(Edit::Left, &[]);
        p.edit(Edit::Left, &[]);
        p.edit(Edit::KillToStart, &[]);
        assert_eq!((p.text(), p.cursor()), ("ef", 0));
    }

    #[test]
    fn up_and_down_walk_the_history_and_give_back_the_draft() {
        let history = vec!["first".to_string(), "second".to_string()];
        let mut p = typed("dr");
        p.edit(Edit::Older, &history);
        assert_eq!(p.text(), "second");
        p.edit(Edit::Older, &history);
        assert_eq!(p.text(), "first");
        p.edit(Edit::Older, &history);
        assert_eq!(p.text(), "first", "stops at the oldest");
        p.edit(Edit::Newer, &history);
        assert_eq!(p.text(), "second");
        p.edit(Edit::Newer, &history);
        assert_eq!((p.text(), p.cursor()), ("dr", 2));
        p.edit(Edit::Newer, &history);
        assert_eq!(p.text(), "dr");
        assert!(!Prompt::default().edit(Edit::Older, &[]));
    }

    #[test]
    fn a_long_query_scrolls_to_keep_the_cursor_in_view() {
        let amb = AmbiguousWidth::Narrow;
        let short = typed("园区");
        assert_eq!(short.window(30, amb), ("园区".to_string(), 4));
        // 20 wide chars, 41 cells with the cursor: more than 30.
        let mut long = typed("一二三四五六七八九十甲乙丙丁戊己庚辛壬癸");
        let (shown, column) = long.window(30, amb);
        assert!(shown.starts_with('…') && shown.ends_with('癸'), "{shown}");
        assert!(column < 30 && column == unicode_width::UnicodeWidthStr::width(&shown[..]));
        for _ in 0..20 {
            long.edit(Edit::Left, &[]);
        }
        let (shown, column) = long.window(30, amb);
        assert_eq!(column, 0);
        assert!(shown.starts_with('一') && shown.ends_with('…'), "{shown}");
        for _ in 0..10 {
            long.edit(Edit::Right, &[]);
        }
        let (shown, column) = long.window(30, amb);
        let width = unicode_width::UnicodeWidthStr::width(&shown[..]);
        assert!(width <= 30 && column < 30, "{shown} {column}");
        // The character at the cursor is shown at the cursor's column.
        let at: String = shown
            .chars()
            .scan(0, |cells, c| {
                let here = *cells;
                *cells += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                Some((here, c))
            })
            .filter(|(here, _)| *here == column)
            .map(|(_, c)| c)
            .collect();
        assert_eq!(at, "甲");
    }
}
