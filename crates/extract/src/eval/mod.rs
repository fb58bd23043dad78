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
