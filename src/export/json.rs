//! JSON: `{week, start, end, items, left_out}`; the schema is in the README and changes
//! only by adding fields.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::nudge::NudgeKind;
use crate::domain::week::{Item, WeekPlan};

#[derive(Serialize)]
struct WeekJson<'a> {
    week: String,
    start: NaiveDate,
    end: NaiveDate,
    items: Vec<ItemJson<'a>>,
    left_out: LeftOutJson,
}

#[derive(Serialize)]
struct ItemJson<'a> {
    date: NaiveDate,
    kind: &'static str,
    priority: String,
    customer_id: i64,
    customer: &'a str,
    action: &'a str,
    reason: &'a str,
    phone: &'a str,
    email: &'a str,
    context: &'static str,
    follow_up_id: Option<i64>,
    moment_id: Option<i64>,
    trigger_id: Option<i64>,
    nudge: Option<&'static str>,
    key: String,
    /// The person to contact, whose phone and e-mail these are ("" when no one is named).
    contact: &'a str,
    contact_id: Option<i64>,
}

#[derive(Serialize)]
struct LeftOutJson {
    overdue: usize,
    follow_up: usize,
    moment: usize,
    touch_base: usize,
}

impl<'a> From<&'a Item> for ItemJson<'a> {
    fn from(i: &'a Item) -> Self {
        ItemJson {
            date: i.date,
            kind: i.kind.as_str(),
            priority: i.priority.letter().to_string(),
            customer_id: i.customer_id,
            customer: &i.customer,
            action: &i.action,
            reason: &i.reason,
            phone: &i.phone,
            email: &i.email,
            context: i.channel.as_str(),
            follow_up_id: i.follow_up_id,
            moment_id: i.moment_id,
            trigger_id: i.trigger_id,
            nudge: i.nudge.map(NudgeKind::as_str),
            key: i.key(),
            contact: &i.contact,
            contact_id: i.contact_id,
        }
    }
}

pub fn render(plan: &WeekPlan) -> String {
    let doc = WeekJson {
        week: plan.week.to_string(),
        start: plan.start,
        end: plan.end,
        items: plan.items.iter().map(ItemJson::from).collect(),
        left_out: LeftOutJson {
            overdue: plan.left_out.overdue,
            follow_up: plan.left_out.follow_ups,
            moment: plan.left_out.moments,
            touch_base: plan.left_out.touch_base,
        },
    };
    // Plain structs of strings and numbers always serialise.
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}
