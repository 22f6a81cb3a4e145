//! Small forms over the screen: adding or editing a customer, planning a decision moment,
//! editing a record of the card (prefilled from the row: `records`). It holds the fields,
//! what they held at first and what they are for; which keys edit them is the keymap's,
//! what they save the app's.

use ratatui::style::{Modifier, Style};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use super::theme::Theme;
use crate::app::records::Row;
use crate::domain::Customer;

const CUSTOMER_FIELDS: [&str; 7] = ["Name", "Company", "Email", "Phone", "Cadence", "Tags", "Notes"];
const MOMENT_FIELDS: [&str; 6] = ["Title", "When", "Concerns", "Steps", "Response", "People"];
/// What a moment's People field takes (`domain::moment::parse_people`).
pub const PEOPLE_HINT: &str = "decides: thomas; signs: albrecht; anna, jan";
const CLOSE_FIELDS: [&str; 1] = ["Outcome"];
/// The customer's notes: the field of `CUSTOMER_FIELDS` that takes several lines.
const NOTES: usize = 6;
/// How many rows a field of several lines shows; more scroll inside it.
pub const LINES_SHOWN: u16 = 4;

#[derive(Debug, Clone, PartialEq)]
pub enum FormKind {
    AddCustomer,
    EditCustomer(Box<Customer>),
    Moment {
        customer_id: i64,
        name: String,
    },
    /// Closing a decision moment: which, and its title.
    CloseMoment {
        id: i64,
        title: String,
    },
    /// Editing a record of the card, as it was when the form opened, and the form's title.
    Record {
        row: Box<Row>,
        title: String,
    },
}

pub struct Form {
    pub kind: FormKind,
    pub labels: &'static [&'static str],
    pub fields: Vec<TextArea<'static>>,
    /// What each field held when the form opened: an edit changes only what was changed.
    pub initial: Vec<String>,
    pub focus: usize,
    /// The field that takes several lines (Enter starts a new one there), if any.
    pub lines: Option<usize>,
    pub error: Option<String>,
    pub theme: Theme,
}

impl Form {
    pub(super) fn new(
        kind: FormKind,
        labels: &'static [&'static str],
        values: &[String],
        hints: &[&str],
        theme: Theme,
    ) -> Form {
        let fields = labels
            .iter()
            .enumerate()
            .map(|(i, _)| {
                let mut t = TextArea::new(vec![values.get(i).cloned().unwrap_or_default()]);
                t.move_cursor(CursorMove::End);
                if let Some(hint) = hints.get(i).filter(|h| !h.is_empty()) {
                    t.set_placeholder_text(*hint);
                }
                t
            })
            .collect();
        let mut form = Form {
            kind,
            labels,
            fields,
            initial: Vec::new(),
            focus: 0,
            lines: None,
            error: None,
            theme,
        };
        form.initial = (0..labels.len()).map(|i| form.value(i)).collect();
        form.focus_on(0);
        form
    }

    /// Field `i` takes several lines, and holds `value`'s lines as they are.
    fn with_lines(mut self, i: usize, value: &str) -> Form {
        let mut text = TextArea::new(value.lines().map(str::to_string).collect());
        text.set_wrap_mode(WrapMode::WordOrGlyph);
        text.move_cursor(CursorMove::Bottom);
        text.move_cursor(CursorMove::End);
        self.fields[i] = text;
        self.lines = Some(i);
        self.initial[i] = self.value(i);
        self.focus_on(self.focus);
        self
    }

    /// Whether the focused field takes several lines: Enter starts a new one there.
    pub fn on_lines(&self) -> bool {
        self.lines == Some(self.focus)
    }

    pub fn add_customer(theme: Theme) -> Form {
        let hints = ["", "", "", "", "30d (or 14d, 2w, 3m)", "vip logistics"];
        Form::new(FormKind::AddCustomer, &CUSTOMER_FIELDS, &[], &hints, theme).with_lines(NOTES, "")
    }

    pub fn edit_customer(c: &Customer, theme: Theme) -> Form {
        let values = [
            c.name.clone(),
            c.company.clone(),
            c.email.clone(),
            c.phone.clone(),
            c.cadence.to_string(),
            c.tags.as_slice().join(" "),
        ];
        Form::new(
            FormKind::EditCustomer(Box::new(c.clone())),
            &CUSTOMER_FIELDS,
            &values,
            &[],
            theme,
        )
        .with_lines(NOTES, &c.notes)
    }

    pub fn moment(customer_id: i64, name: String, theme: Theme) -> Form {
        let hints = [
            "Board approves the 2027 budget",
            "fri, +2w, 2026-12-10",
            "what worries them about this decision",
            "the steps they take to decide",
            "how we will respond",
            PEOPLE_HINT,
        ];
        Form::new(
            FormKind::Moment { customer_id, name },
            &MOMENT_FIELDS,
            &[],
            &hints,
            theme,
        )
    }

    /// How a decision moment went.
    pub fn close_moment(id: i64, title: String, theme: Theme) -> Form {
        Form::new(
            FormKind::CloseMoment { id, title },
            &CLOSE_FIELDS,
            &[],
            &["won, lost or passed"],
            theme,
        )
    }

    /// What field `i` holds, trimmed: its lines joined by newlines if it takes several
    /// (each without trailing spaces), else by spaces.
    pub fn value(&self, i: usize) -> String {
        let lines = self.fields[i].lines();
        if self.lines == Some(i) {
            let kept: Vec<&str> = lines.iter().map(|l| l.trim_end()).collect();
            kept.join("\n").trim().to_string()
        } else {
            lines.join(" ").trim().to_string()
        }
    }

    /// The field's value if it differs from what it held when the form opened.
    pub fn changed(&self, i: usize) -> Option<String> {
        let v = self.value(i);
        (self.initial.get(i) != Some(&v)).then_some(v)
    }

    pub fn next(&mut self) {
        self.focus_on((self.focus + 1) % self.fields.len());
    }

    pub fn prev(&mut self) {
        self.focus_on((self.focus + self.fields.len() - 1) % self.fields.len());
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

    pub fn title(&self) -> String {
        match &self.kind {
            FormKind::AddCustomer => "Add customer".to_string(),
            FormKind::EditCustomer(_) => "Edit customer".to_string(),
            FormKind::Moment { name, .. } => format!("Decision moment for {name}"),
            FormKind::CloseMoment { title, .. } => format!("Close “{title}”"),
            FormKind::Record { title, .. } => title.clone(),
        }
    }
}
