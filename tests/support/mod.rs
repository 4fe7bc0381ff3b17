//! Helpers shared by integration tests.

pub mod generated_pages;
