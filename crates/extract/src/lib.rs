//! khabar extract stage (work in progress).
