//! Measurements of the reading, as library code returning typed reports (the
//! `khabar eval` command prints them).
//!
//! * [`events`]: PLOVER event-type recall and actor accuracy on the
//!   UniversalPetrarch gold sentences, and events found where none are
//!   expected (a corpus category such as sport).
//! * [`reading`]: the project's own gold from the ANT development corpus
//!   (`gold/reading/*.jsonl`): quotations and speakers, numbers, dates, events.

pub mod events;
pub mod reading;

/// `a / b`, or 0 when `b` is 0: the share every report prints.
pub fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}
