//! Findings about content: what `devops-lab check` prints and `serve` logs.

use serde::Serialize;
use std::fmt;
use std::path::PathBuf;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth fixing; the content still works.
    Warning,
    /// Something is broken for learners.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One problem found in a content file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The file, as found under the content folder.
    pub file: PathBuf,
    /// 1-based line; 0 when the finding is about the whole file.
    pub line: usize,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, for an author.
    pub message: String,
}

impl Finding {
    /// An error at `file:line`.
    pub fn error(file: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> Self {
        Finding {
            file: file.into(),
            line,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    /// A warning at `file:line`.
    pub fn warning(file: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> Self {
        Finding {
            file: file.into(),
            line,
            severity: Severity::Warning,
            message: message.into(),
        }
    }
}

impl fmt::Display for Finding {
    /// `file:line: error|warning: message`, the form editors and CI logs link.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}: {}",
            self.file.display(),
            self.line.max(1),
            self.severity,
            self.message
        )
    }
}
