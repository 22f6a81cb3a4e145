//! The rules of the product as pure functions over plain structs and an injected `now`.
//! Nothing in here knows SQL or the screen.

pub mod balance;
pub mod company;
pub(crate) mod customer;
pub mod email;
pub mod feed;
pub mod follow_up;
pub mod item_code;
pub(crate) mod kind;
pub(crate) mod limits;
pub mod moment;
pub mod money;
pub mod nudge;
pub mod person;
pub mod phone;
pub(crate) mod prose;
pub mod quicklog;
pub(crate) mod ranged;
pub mod reach;
pub mod remind;
pub mod reminders_stopped;
pub mod search;
pub(crate) mod text;
pub mod trigger;
pub(crate) mod typed;
pub mod week;
pub mod when;
pub mod whom;
pub mod words;
pub mod workdays;

pub use customer::{Cadence, Customer, Pause, Tags};
pub(crate) use follow_up::FollowUp;
pub use kind::Kind;
