//! One component per panel of the page.

pub mod article;
pub mod header;
pub mod panel;
