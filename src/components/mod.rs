//! One component per panel of the page.

pub mod article;
pub mod editor;
pub mod header;
pub mod io;
pub mod library;
pub mod notices;
pub mod panel;
pub mod review;
pub mod suggestions;
pub mod toolbar;
