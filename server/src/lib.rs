//! The DevOps Lab server: configuration, the router, sessions and learners, static
//! assets, and the `check` command. `main.rs` only parses the command line.

pub mod assets;
pub mod check;
pub mod config;
pub mod dora_tool;
pub mod exercise;
pub mod form;
pub mod grade_cmd;
pub mod learner;
pub mod lint_cmd;
pub mod quiz;
pub mod reply;
pub mod router;

pub use router::{build_router, build_state};
