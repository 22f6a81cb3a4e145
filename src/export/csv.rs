//! CSV: RFC 4180 (CRLF, quotes where needed), UTF-8, a header row. A cell that starts
//! like a formula (`=`, `+`, `-`, `@` or their fullwidth forms, also after spaces or line
//! breaks; tab, carriage return) gets a leading `'`, so a spreadsheet shows it as text
//! instead of running it (OWASP's advice for CSV injection). A pure function of the plan:
//! no store, no clock, no file.

use std::borrow::Cow;

use ::csv::{Terminator, WriterBuilder};

use super::one_line;
use crate::domain::text::looks_like_formula;
use crate::domain::week::WeekPlan;

/// The contact person comes last: it was added after the others, and readers take columns
/// by position.
pub const HEADER: [&str; 11] = [
    "date", "kind", "priority", "customer", "action", "reason", "phone", "email", "context", "key", "contact",
];

pub fn render(plan: &WeekPlan) -> String {
    let mut w = WriterBuilder::new()
        .terminator(Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail; every record has the header's length.
    let _ = w.write_record(HEADER);
    for item in &plan.items {
        let date = item.date.to_string();
        let priority = item.priority.letter().to_string();
        let key = item.key();
        let _ = w.write_record(
            [
                date.as_str(),
                item.kind.as_str(),
                &priority,
                &item.customer,
                &item.action,
                &item.reason,
                &item.phone,
                &item.email,
                item.channel.as_str(),
                &key,
                &item.contact,
            ]
            .map(|cell| neutralise(cell).into_owned()),
        );
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// The cell as text a spreadsheet will not evaluate, on one line.
fn neutralise(cell: &str) -> Cow<'_, str> {
    if looks_like_formula(cell) {
        return Cow::Owned(format!("'{}", one_line(cell)));
    }
    one_line(cell)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_text() {
        for bad in ["=1+1", "+31 20 555", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert!(neutralise(bad).starts_with('\''), "{bad:?}");
        }
        for bad in [
            " =1+1",
            "\n=1",
            "  \n @x",
            "\u{3000}-2",
            "＝1+1",
            "＋31",
            "－2",
            "＠SUM(A1)",
            " ＝1",
        ] {
            assert!(neutralise(bad).starts_with('\''), "{bad:?}");
        }
        assert_eq!(neutralise("\n=1"), "' =1");
        assert_eq!(neutralise("Acme = good"), "Acme = good");
        assert_eq!(neutralise("=HYPERLINK(\"x\")\n"), "'=HYPERLINK(\"x\") ");
    }
}
