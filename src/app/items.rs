//! What an item code (`domain::item_code`) names in the book: the follow-up, moment or
//! trigger, or the customer's nudge of one kind; and what `done` or `snooze` on it means,
//! so both go to the use cases that already hold the rules (`follow_ups`, `triggers`,
//! `quiet`). Knows the store contract, not the command line.

use super::quiet::Target;
use super::refused::Refused;
use crate::domain::item_code::{CustomerNudge, ItemCode};
use crate::domain::nudge::NudgeKind;
use crate::store::{Book, NotFound};
use chrono::NaiveDate;

/// What marking `code` done does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Done {
    FollowUp(i64),
    ResolveTrigger(i64),
}

/// What `done CODE` is: a follow-up marked done, or a trigger resolved. A moment is closed
/// with its outcome, and a nudge about the customer ends when it is acted on: both are
/// refused, saying how.
pub fn done(code: ItemCode) -> Result<Done, Refused> {
    match code {
        ItemCode::FollowUp(id) => Ok(Done::FollowUp(id)),
        ItemCode::Trigger(id) => Ok(Done::ResolveTrigger(id)),
        ItemCode::Moment(id) => Err(Refused::DoneMoment(id)),
        ItemCode::Customer(id, kind) => Err(Refused::DoneNudge {
            code: code.to_string(),
            how: match kind {
                CustomerNudge::Cadence | CustomerNudge::Satisfaction => {
                    format!("log a contact with them: `touchbase log {id} \"call: …\"`")
                }
                CustomerNudge::Taking | CustomerNudge::Loyalty => {
                    format!("give them something: `touchbase give {id} NOTE`")
                }
                CustomerNudge::Single => format!(
                    "meet a second person there and log it: `touchbase person add {id} NAME`, then `touchbase log {id} \"meeting: …\"`"
                ),
            },
        }),
    }
}

/// What `snooze CODE WHEN` quiets: `None` for a follow-up (which is moved instead), else
/// the customer and the nudge, as `touchbase quiet` names it. A moment's nudge is the one
/// to prepare for it, or once its day has passed the one asking how it went; a trigger's
/// is its kind's.
pub fn snooze_target(
    store: &dyn Book,
    today: NaiveDate,
    code: ItemCode,
) -> anyhow::Result<Option<(i64, Target)>> {
    let target = |customer_id, kind, subject| Some((customer_id, Target { kind, subject }));
    Ok(match code {
        ItemCode::FollowUp(_) => None,
        ItemCode::Moment(id) => {
            let m = store
                .moment(id)?
                .ok_or_else(|| NotFound::new("decision moment", id))?;
            let kind = if m.expected < today {
                NudgeKind::MomentPassed
            } else {
                NudgeKind::MomentAhead
            };
            target(m.customer_id, kind, Some(id))
        }
        ItemCode::Trigger(id) => {
            let t = store.require_trigger(id)?;
            target(t.customer_id, t.kind.nudge_kind(), Some(id))
        }
        ItemCode::Customer(id, kind) => target(id, kind.kind(), None),
    })
}
