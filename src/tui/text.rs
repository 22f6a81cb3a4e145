//! What each edit does to a line of text in a prompt or a form's field (a ratatui-textarea
//! `TextArea`). It knows no keys: the keymap says which key is which edit.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{CursorMove, TextArea};

use super::action::Edit;

/// Applies `edit`, which `key` asked for (the character typed; Shift held, which makes a
/// move select). Whether the text changed.
pub fn apply(text: &mut TextArea<'_>, edit: Edit, key: KeyEvent) -> bool {
    let select = key.modifiers.contains(KeyModifiers::SHIFT);
    match edit {
        Edit::Type => match key.code {
            KeyCode::Char(c) => {
                text.insert_char(c);
                true
            }
            _ => false,
        },
        Edit::Left => move_to(text, CursorMove::Back, select),
        Edit::Right => move_to(text, CursorMove::Forward, select),
        Edit::WordLeft => move_to(text, CursorMove::WordBack, select),
        Edit::WordRight => move_to(text, word_end(text), select),
        Edit::Home => move_to(text, CursorMove::Head, select),
        Edit::End => move_to(text, CursorMove::End, select),
        Edit::DeleteBack => text.delete_char(),
        Edit::DeleteForward => text.delete_next_char(),
        Edit::DeleteWordBack => text.delete_word(),
        Edit::DeleteWordForward => text.delete_next_word(),
        Edit::DeleteToEnd => text.delete_line_by_end(),
        Edit::DeleteToStart => text.delete_line_by_head(),
        Edit::Undo => text.undo(),
        Edit::Redo => text.redo(),
        Edit::Paste => text.paste(),
        Edit::Cut => text.cut(),
        Edit::NewLine => {
            text.insert_newline();
            true
        }
    }
}

/// Readline's Alt-F: past the end of this word, or of the next one when the cursor is
/// between words (the text area's own word move stops at the next word's start, as vim's
/// `w` does). At the end of a line, on to the next.
fn word_end(text: &TextArea<'_>) -> CursorMove {
    let ratatui_textarea::DataCursor(row, col) = text.cursor();
    let Some(line) = text.lines().get(row) else {
        return CursorMove::WordForward;
    };
    let after: Vec<char> = line.chars().skip(col).collect();
    if after.is_empty() {
        return CursorMove::WordForward;
    }
    let gap = after.iter().take_while(|c| !c.is_alphanumeric()).count();
    let word = after[gap..].iter().take_while(|c| c.is_alphanumeric()).count();
    let to = col + gap + word;
    CursorMove::Jump(
        u16::try_from(row).unwrap_or(u16::MAX),
        u16::try_from(to).unwrap_or(u16::MAX),
    )
}

/// A move: with Shift it starts or extends the selection, without it drops it (as the
/// text area's own keys did).
fn move_to(text: &mut TextArea<'_>, to: CursorMove, select: bool) -> bool {
    if !select {
        text.cancel_selection();
    } else if !text.is_selecting() {
        text.start_selection();
    }
    text.move_cursor(to);
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    fn edit(text: &mut TextArea<'_>, edits: &[Edit]) {
        for e in edits {
            apply(text, *e, key(KeyCode::Null, KeyModifiers::NONE));
        }
    }

    fn typed(s: &str) -> TextArea<'static> {
        let mut text = TextArea::default();
        for c in s.chars() {
            apply(&mut text, Edit::Type, key(KeyCode::Char(c), KeyModifiers::NONE));
        }
        text
    }

    #[test]
    fn readline_habits_edit_the_line() {
        let mut text = typed("call: hello world");
        edit(&mut text, &[Edit::DeleteWordBack]);
        assert_eq!(text.lines(), ["call: hello "]);
        edit(&mut text, &[Edit::Home, Edit::DeleteToEnd]);
        assert_eq!(text.lines(), [""]);
        edit(&mut text, &[Edit::Paste]);
        assert_eq!(
            text.lines(),
            ["call: hello "],
            "Ctrl-Y puts back what Ctrl-K took"
        );
        edit(&mut text, &[Edit::WordLeft, Edit::DeleteToStart]);
        assert_eq!(text.lines(), ["hello "]);
        edit(&mut text, &[Edit::Undo]);
        assert_eq!(text.lines(), ["call: hello "]);
        edit(&mut text, &[Edit::Redo, Edit::End, Edit::Left, Edit::DeleteBack]);
        assert_eq!(text.lines(), ["hell "]);
    }

    #[test]
    fn a_word_on_stops_past_the_word_as_readline_does() {
        let mut text = typed("ruft Müller an");
        edit(&mut text, &[Edit::Home, Edit::WordRight]);
        assert_eq!(text.cursor(), (0, 4));
        edit(&mut text, &[Edit::WordRight]);
        assert_eq!(text.cursor(), (0, 11), "past \"Müller\", counted in characters");
        edit(&mut text, &[Edit::WordRight, Edit::WordRight]);
        assert_eq!(text.cursor(), (0, 14), "at the end it stays");
        edit(&mut text, &[Edit::WordLeft, Edit::WordLeft]);
        assert_eq!(text.cursor(), (0, 5), "Alt-B: the start of the word");
    }

    #[test]
    fn shift_with_a_move_selects_and_cut_takes_the_selection() {
        let mut text = typed("send quote");
        let shift = key(KeyCode::Left, KeyModifiers::SHIFT);
        for _ in 0..5 {
            apply(&mut text, Edit::Left, shift);
        }
        assert!(apply(
            &mut text,
            Edit::Cut,
            key(KeyCode::Null, KeyModifiers::NONE)
        ));
        assert_eq!(text.lines(), ["send "]);
    }
}
