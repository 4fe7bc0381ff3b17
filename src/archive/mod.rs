//! The core of Jianbao: parsing, storage, search, import. Never imports egui, eframe or rfd.

pub mod import;
pub mod model;
pub mod parse;
pub mod search;
pub mod store;

pub use model::{Article, ArticleId, Edition, Page, Project};
pub use store::{Store, StoreError};
