//! The use cases: every user action once, for both front ends; knows the rules and the
//! store contract, never SQL, the screen or the command line.

pub mod agenda;
pub mod card;
mod nudges;
pub mod urgency;
pub mod week;
