//! Command line and environment.

use clap::{Args, Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;

/// DevOps Lab: a hands-on lab for the "DevOps on AWS" workshop.
#[derive(Debug, Parser)]
#[command(name = "devops-lab", version, about)]
pub struct Cli {
    /// What to do; `serve` when omitted.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Settings for `serve` when no subcommand is given.
    #[command(flatten)]
    pub serve: ServeArgs,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the lab over HTTP (the default).
    Serve(ServeArgs),
    /// Validate a content folder and report problems as `file:line: error|warning: message`.
    Check(CheckArgs),
    /// Run a built-in checker's rules on a file (exit 0: no errors, 1: errors, 2: unreadable).
    Lint(LintArgs),
    /// Check a file against an exercise (exit 0: every check passes, 1: one fails,
    /// 2: unknown exercise or unreadable file).
    Grade(GradeArgs),
}

/// Settings for `grade`.
#[derive(Debug, Clone, Args)]
pub struct GradeArgs {
    /// The exercise's id, or MODULE/ID when two modules use the same id.
    pub exercise: String,
    /// The file to check.
    pub file: PathBuf,
    /// Print one JSON object instead of lines.
    #[arg(long)]
    pub json: bool,
    /// Folder holding the workshop modules.
    #[arg(long, env = "LAB_CONTENT", default_value = "content")]
    pub content: PathBuf,
    /// Language of messages and hints: en or vi.
    #[arg(long, default_value = "en", value_parser = parse_lang)]
    pub lang: lab_core::Lang,
}

fn parse_lang(s: &str) -> Result<lab_core::Lang, String> {
    s.parse::<lab_core::Lang>()
        .map_err(|_| format!("unknown language `{s}`; use en or vi"))
}

/// Settings for `lint`.
#[derive(Debug, Clone, Args)]
pub struct LintArgs {
    /// buildspec, appspec, cloudformation, ecs-task-definition, dockerfile or cloudwatch-alarm.
    #[arg(long, value_parser = crate::lint_cmd::parse_kind)]
    pub kind: lab_core::lint::Kind,
    /// The file to check.
    pub file: PathBuf,
    /// Print one JSON object instead of lines.
    #[arg(long)]
    pub json: bool,
}

/// Settings for `serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, env = "LAB_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,
    /// SQLite database URL; the folder and file are created when missing.
    #[arg(long, env = "LAB_DB", default_value = "sqlite://data/lab.db")]
    pub db: String,
    /// Folder holding the workshop modules (markdown).
    #[arg(long, env = "LAB_CONTENT", default_value = "content")]
    pub content: PathBuf,
    /// Folder holding the built browser bundle (`pkg/` with the wasm, JS and CSS).
    #[arg(long, env = "LAB_SITE", default_value = default_site())]
    pub site: PathBuf,
}

/// Settings for `check`.
#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// The content folder to check.
    #[arg(default_value = "content", env = "LAB_CONTENT")]
    pub dir: PathBuf,
    /// Print one JSON summary object instead of findings.
    #[arg(long)]
    pub json: bool,
}

/// `target/site` of this workspace, where `make` puts the bundle.
fn default_site() -> &'static str {
    concat!(env!("CARGO_MANIFEST_DIR"), "/../target/site")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_match_the_readme() {
        let cli = Cli::try_parse_from(["devops-lab"]).unwrap();
        assert!(cli.command.is_none());
        assert_eq!(cli.serve.addr.to_string(), "127.0.0.1:3000");
        assert_eq!(cli.serve.db, "sqlite://data/lab.db");
        assert_eq!(cli.serve.content, PathBuf::from("content"));
    }

    #[test]
    fn check_takes_a_folder_and_json() {
        let cli = Cli::try_parse_from(["devops-lab", "check", "x", "--json"]).unwrap();
        match cli.command {
            Some(Command::Check(a)) => {
                assert_eq!(a.dir, PathBuf::from("x"));
                assert!(a.json);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_bad_address_is_a_usage_error() {
        assert!(Cli::try_parse_from(["devops-lab", "serve", "--addr", "nowhere"]).is_err());
    }
}
