//! khabar extract: what an analyst wants from an article.
//!
//! * [`ner`]: named-entity mentions (PERS, LOC, ORG, MISC) from a trained model,
//!   merged into entities;
//! * numbers, dates, quotations, PLOVER events, keywords and a summary (the
//!   reading of an article).
//!
//! Every span is a byte range into the text the caller passed in.

pub mod ner;

pub use ner::{EntityLabel, Mention};
