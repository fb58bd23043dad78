//! One module per subcommand.

pub mod analyze;
pub mod entities;
pub mod eval;
pub mod export;
pub mod ingest;
pub mod ner;
pub mod search;
pub mod serve;
pub mod stats;
pub mod tokenize;

/// The bundled sample article (CSTO troops in Kazakhstan, January 2022): the
/// embedded default input.
pub static SAMPLE_ARTICLE: &str = include_str!("../../../../samples/csto-kazakhstan-2022.txt");
