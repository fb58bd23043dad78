//! Measurements of the reading on held-out data, as library code returning
//! typed reports (the `khabar eval` command prints them).
//!
//! * [`events`]: PLOVER event-type recall and actor accuracy on the
//!   UniversalPetrarch gold sentences, and events found where none are
//!   expected (a corpus category such as sport).

pub mod events;
