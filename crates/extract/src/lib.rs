//! khabar extract: what an analyst wants from an article.
//!
//! * [`ner`]: named-entity mentions (PERS, LOC, ORG, MISC) from a trained model,
//!   merged into entities;
//! * numbers, dates, quotations, PLOVER events, keywords and a summary (the
//!   reading of an article).
//!
//! Every span is a byte range into the text the caller passed in.

pub mod dates;
mod doc;
pub mod entities;
mod error;
pub mod eval;
pub mod events;
pub mod keywords;
mod lexicon;
pub mod ner;
pub mod numbers;
pub mod ontology;
pub mod quotes;
pub mod reading;
mod roles;
pub mod summary;
mod vocab;

pub use chrono::NaiveDate;
pub use entities::Entity;
pub use error::Error;
pub use ner::{EntityLabel, Mention};
pub use ontology::{EventMode, EventType, ParticipantKind};
pub use reading::{
    date_of_timestamp, key_of_span, read_article, read_with_mentions, Reading, READING_VERSION,
};
pub use roles::Participant;
