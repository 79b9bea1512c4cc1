//! Offset conversions between Unicode code points (the model's unit), UTF-16 code units (the DOM's)
//! and UTF-8 bytes (Rust's). Being written; see issue 3.
