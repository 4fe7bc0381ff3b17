//! Jianbao (剪报): a desktop archive for a Chinese newspaper's newsroom.
//!
//! [`archive`] is the core (parsing, RON project store, search, import) and
//! knows nothing of any interface; [`cli`] and [`ui`] are thin callers of it.

pub mod archive;
pub mod cli;
pub mod ui;
