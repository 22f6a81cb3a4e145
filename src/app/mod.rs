//! The use cases: every user action once, for both front ends; knows the rules and the
//! store contract, never SQL, the screen or the command line.

pub mod agenda;
pub mod archive;
pub(crate) mod balance;
pub mod calendar;
pub(crate) mod customer;
pub mod customers;
pub(crate) mod export;
pub mod follow_ups;
pub mod import;
pub mod items;
pub mod log;
pub mod merge;
pub mod moments;
mod nudges;
pub mod orders;
pub mod people;
pub mod quiet;
pub mod records;
pub(crate) mod refused;
pub mod remind;
pub mod search;
pub mod setup;
pub mod status;
pub mod triggers;
pub mod undo;
pub mod urgency;
pub mod week;

pub use customers::Who;
pub use refused::Refused;
