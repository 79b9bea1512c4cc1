//! Storage: the one adapter over the browser's local storage ([`storage`]), and what the app
//! keeps there in the layout of [`quotemark_store`] — loading and migrating ([`load`]), saving
//! the open document's changes ([`records`]), the library and its versions ([`library`]),
//! rejected suggestions ([`rejected`]), colleagues' layers compared with a document ([`layers`]), the library-wide settings (roles, fact-check publisher:
//! [`settings`]) and changes from other tabs ([`sync`]); every stored value is read through
//! [`readers`] (a chunk of its own in the release build). Every write returns
//! its failure for the caller to report. It may use the core, the store crate and the browser
//! glue, never the app's state, actions or components.

pub mod away;
pub mod layers;
pub mod library;
pub mod load;
pub mod mirror;
pub mod readers;
pub mod records;
pub mod rejected;
pub mod settings;
pub mod storage;
pub mod sync;
pub mod vault;

pub use load::{current_id, load, migrate, Loaded};
pub use records::Persistence;
pub use storage::{open_store, MemoryStore, Store, WriteError};
