//! The use cases: every user action once, for both front ends; knows the rules and the
//! contract, never SQL or the screen.

pub mod import;
