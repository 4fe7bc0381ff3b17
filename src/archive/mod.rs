//! The core of Jianbao: parsing, storage, search, import, edits and the
//! session that ties them together. Never imports egui, eframe or rfd.

pub mod edit;
pub mod entities;
pub mod export;
pub mod import;
pub mod model;
pub mod page_image;
pub mod parse;
pub mod paths;
pub mod search;
pub mod session;
pub mod stats;
pub mod store;

pub use edit::{Edit, EditError, EditSummary};
pub use model::{Article, ArticleId, Edition, Page, Project, TagDef, TagId};
pub use session::{ArticleSelection, Session, SessionError};
pub use store::{Store, StoreError};
