//! khabar server stage (work in progress).
