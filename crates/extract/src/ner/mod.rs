//! Named-entity recognition.
//!
//! The public API below is what the rest of khabar calls; the model behind it
//! is being built (issue 4).

use serde::{Deserialize, Serialize};

/// The ANERcorp entity classes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityLabel {
    Pers,
    Loc,
    Org,
    Misc,
}

/// One entity mention: a byte range into the text and its class.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub label: EntityLabel,
    /// The mention's display form (see `khabar_text::display_form`).
    pub text: String,
}

/// Finds the entity mentions of a text with the default (bundled) model.
pub fn mentions(_text: &str) -> Vec<Mention> {
    Vec::new()
}
