//! The crate's one error type.

/// What can go wrong in khabar-extract: loading or training an NER model.
/// (The reading itself cannot fail: it returns values.)
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    #[error("bad NER model: {0}")]
    Model(String),
    #[error("the NER model was trained with other word clusters or gazetteers (retrain it)")]
    ResourceMismatch,
    #[error("NER training failed: {0}")]
    Train(String),
}
