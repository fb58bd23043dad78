//! khabar index stage (work in progress).
