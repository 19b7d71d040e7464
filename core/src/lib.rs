//! Pure logic of DevOps Lab.
//!
//! Everything here is plain Rust with no web framework, database or async runtime, so
//! that it compiles fast and is tested on its own with fixture content folders. Without
//! the default `content` feature only the shared types remain, for the browser build.

#[cfg(feature = "content")]
pub mod content;
#[cfg(feature = "content")]
pub mod data;
#[cfg(feature = "content")]
pub mod diag;
#[cfg(feature = "content")]
pub mod doc;
#[cfg(feature = "content")]
pub mod exercise;
// Dependency-free: the browser's exercise editor highlights as the learner types.
pub mod highlight;
pub mod lang;
#[cfg(feature = "content")]
pub mod lint;
#[cfg(feature = "content")]
mod names;
#[cfg(feature = "content")]
pub mod quiz;

#[cfg(feature = "content")]
pub use content::{Content, Module, Page, PageVersion};
#[cfg(feature = "content")]
pub use diag::{Finding, Severity};
pub use lang::Lang;
