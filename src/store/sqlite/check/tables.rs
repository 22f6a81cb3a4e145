//! The value rules per table: every column touchbase reads with its rule, and the record
//! columns the summaries are summed from. Data only: the checking is elsewhere.

use super::rules::Rule;

const KINDS: &[&str] = &[
    "call",
    "email",
    "meeting",
    "visit",
    "message",
    "note",
    "gift",
    "complaint",
];

/// Every column touchbase reads, by table, with its rule. The summary columns of customers
/// are not here: they are compared with what their records sum up to instead.
pub(super) const TABLES: &[(&str, &[(&str, Rule)])] = &[
    (
        "customers",
        &[
            ("name", Rule::Text { empty: false }),
            ("company", Rule::Text { empty: true }),
            ("email", Rule::Text { empty: true }),
            ("phone", Rule::Text { empty: true }),
            ("tags", Rule::Tags),
            ("cadence_days", Rule::Cadence),
            ("notes", Rule::Text { empty: true }),
            (
                "archived",
                Rule::Int {
                    min: 0,
                    max: 1,
                    what: "is not 0 or 1",
                },
            ),
            ("created_at", Rule::Time { null: false }),
            ("updated_at", Rule::Time { null: false }),
        ],
    ),
    (
        "interactions",
        &[
            ("at", Rule::Time { null: false }),
            ("kind", Rule::Word(KINDS)),
            ("direction", Rule::Word(&["in", "out"])),
            ("note", Rule::Text { empty: true }),
            ("satisfaction", Rule::Satisfaction),
        ],
    ),
    (
        "follow_ups",
        &[
            ("text", Rule::Text { empty: false }),
            ("due", Rule::Day),
            ("first_due", Rule::Day),
            ("created_at", Rule::Time { null: false }),
            ("done_at", Rule::Time { null: true }),
        ],
    ),
    (
        "moments",
        &[
            ("title", Rule::Text { empty: false }),
            ("expected", Rule::Day),
            ("concerns", Rule::Text { empty: true }),
            ("steps", Rule::Text { empty: true }),
            ("response", Rule::Text { empty: true }),
            ("status", Rule::Word(&["upcoming", "won", "lost", "passed"])),
            ("planned_at", Rule::Time { null: false }),
            ("closed_at", Rule::Time { null: true }),
            ("outcome_note", Rule::Text { empty: true }),
        ],
    ),
    (
        "triggers",
        &[
            ("kind", Rule::Word(&["situational", "reactional", "influential"])),
            ("note", Rule::Text { empty: true }),
            ("opened_at", Rule::Time { null: false }),
            ("resolved_at", Rule::Time { null: true }),
            ("resolution_note", Rule::Text { empty: true }),
        ],
    ),
    (
        "balance_entries",
        &[
            ("side", Rule::Word(&["give", "ask"])),
            ("note", Rule::Text { empty: true }),
            (
                "weight",
                Rule::Int {
                    min: 1,
                    max: 5,
                    what: "is not a weight (1 to 5)",
                },
            ),
            ("at", Rule::Time { null: false }),
        ],
    ),
    (
        "orders",
        &[
            ("ordered_on", Rule::Day),
            (
                "amount_cents",
                Rule::Int {
                    min: 1,
                    max: i64::MAX,
                    what: "is not an amount above zero (in cents)",
                },
            ),
            ("currency", Rule::Text { empty: false }),
            ("note", Rule::Text { empty: true }),
            ("created_at", Rule::Time { null: false }),
        ],
    ),
];

/// The record columns `summary::refresh` sums up: while one of them is damaged beyond
/// repair, its customer's summary is not recomputed (a text among the times would become
/// the last contact). An amount that is a whole number still adds up.
pub(super) const SUMMED: &[(&str, &str)] = &[
    ("interactions", "at"),
    ("interactions", "kind"),
    ("interactions", "satisfaction"),
    ("orders", "amount_cents"),
    ("orders", "ordered_on"),
    ("balance_entries", "side"),
    ("balance_entries", "at"),
];
