//! Measurements of the reading against gold annotations.
//!
//! * [`reading`]: the project's own gold from the ANT development corpus
//!   (`gold/reading/*.jsonl`): quotations and speakers, numbers, dates, events.

pub mod reading;
