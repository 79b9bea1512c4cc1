//! The views: one component per part of the page. They render the state and call the actions;
//! they never touch storage. Each may use the state, the actions, the browser glue, the text
//! helpers and the other components.

pub mod article;
pub mod cards;
pub mod charts;
pub mod compare;
pub mod editor;
pub mod emphasis;
pub mod filters;
pub mod header;
pub mod insights;
pub mod io;
pub mod later;
pub mod library;
pub mod notices;
pub mod panel;
pub mod restore;
pub mod review;
pub mod suggestions;
pub mod toolbar;
