//! The small form for adding or editing a customer.

use ratatui::style::{Modifier, Style};
use ratatui_textarea::{CursorMove, TextArea};

use crate::domain::Customer;

pub const FIELDS: [&str; 6] = ["Name", "Company", "Email", "Phone", "Cadence", "Tags"];

pub struct CustomerForm {
    /// The customer being edited, or `None` when adding.
    pub editing: Option<Customer>,
    pub fields: Vec<TextArea<'static>>,
    pub focus: usize,
    pub error: Option<String>,
}

impl CustomerForm {
    pub fn add() -> CustomerForm {
        let mut fields: Vec<TextArea<'static>> = FIELDS.iter().map(|_| TextArea::default()).collect();
        fields[4].set_placeholder_text("30d (or 14d, 2w, 3m)");
        fields[5].set_placeholder_text("vip logistics");
        let mut form = CustomerForm {
            editing: None,
            fields,
            focus: 0,
            error: None,
        };
        form.focus_on(0);
        form
    }

    pub fn edit(c: &Customer) -> CustomerForm {
        let values = [
            c.name.clone(),
            c.company.clone(),
            c.email.clone(),
            c.phone.clone(),
            c.cadence.to_string(),
            c.tags.as_slice().join(" "),
        ];
        let fields = values
            .into_iter()
            .map(|v| {
                let mut t = TextArea::new(vec![v]);
                t.move_cursor(CursorMove::End);
                t
            })
            .collect();
        let mut form = CustomerForm {
            editing: Some(c.clone()),
            fields,
            focus: 0,
            error: None,
        };
        form.focus_on(0);
        form
    }

    pub fn value(&self, i: usize) -> String {
        self.fields[i].lines().join(" ").trim().to_string()
    }

    pub fn next(&mut self) {
        self.focus_on((self.focus + 1) % FIELDS.len());
    }

    pub fn prev(&mut self) {
        self.focus_on((self.focus + FIELDS.len() - 1) % FIELDS.len());
    }

    /// Only the focused field shows a cursor.
    fn focus_on(&mut self, i: usize) {
        self.focus = i;
        for (n, field) in self.fields.iter_mut().enumerate() {
            let cursor = if n == i {
                Style::new().add_modifier(Modifier::REVERSED)
            } else {
                Style::new()
            };
            field.set_cursor_style(cursor);
        }
    }

    pub fn title(&self) -> &'static str {
        if self.editing.is_some() {
            "Edit customer"
        } else {
            "Add customer"
        }
    }
}
