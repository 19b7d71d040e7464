//! Reading an exercise folder: `exercise.toml`, the instructions, the data files of a
//! data kind, the starter, the solution and the known-wrong answers.
//!
//! Every file is at most [`MAX_FILE_BYTES`] of UTF-8 text and must resolve (symlinks
//! followed) to a place inside the exercise folder, so a folder cannot make the server read
//! `/etc/passwd` by linking to it or by naming `../../x`.

use super::dataset;
use super::series;
use super::spec::{self, Spec, SpecChecker};
use super::{Checker, EXERCISES_DIR, Exercise, ExerciseError, Instructions, WrongAnswer};
use crate::content::frontmatter;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

/// Largest file an exercise folder may hold, in bytes.
pub const MAX_FILE_BYTES: u64 = 256 * 1024;

/// Loads the exercise in `dir`, part of the module `module_slug`.
///
/// Every problem found is returned, each with its file and line; the exercise's own
/// consistency (does the solution pass?) is [`super::verify`]'s business.
pub fn load(dir: &Path, module_slug: &str) -> Result<Exercise, Vec<ExerciseError>> {
    let mut reader = match Reader::new(dir) {
        Ok(r) => r,
        Err(e) => return Err(vec![e]),
    };
    let toml_file = dir.join("exercise.toml");
    let spec = match reader.read("exercise.toml", None) {
        Some(src) => match spec::parse(&src, &toml_file) {
            Ok(spec) => Some(spec),
            Err(mut errors) => {
                reader.errors.append(&mut errors);
                None
            }
        },
        None => None,
    };
    let instructions_en = reader.instructions("instructions.md", None);
    let en_title = instructions_en
        .as_ref()
        .and_then(Option::as_ref)
        .map(|i| i.title.clone());
    let instructions_vi = reader.instructions("instructions.vi.md", Some(en_title));
    let Some(spec) = spec else {
        return Err(reader.errors);
    };
    let Spec {
        id,
        checker,
        points,
        starter,
        solution,
        policy,
        checks,
        wrong,
        windows,
    } = spec;
    let checker = match checker {
        SpecChecker::Lint(kind) => Some(Checker::Lint(kind)),
        SpecChecker::Alarm(spec) => {
            let mut errors = Vec::new();
            let series = series::build(
                &spec,
                dir,
                &mut |f| reader.read(&f.name, Some(f.line)),
                &mut errors,
            );
            reader.errors.append(&mut errors);
            if let Some(series) = &series {
                let minutes = series.points.len();
                for w in windows.iter().filter(|w| w.to > minutes) {
                    reader.fail(
                        toml_file.clone(),
                        w.line,
                        format!(
                            "check `{}`: `to = {}` is past the end of the series (`{}` has {minutes} minutes)",
                            w.check, w.to, spec.file.name
                        ),
                    );
                }
            }
            series.map(Checker::Alarm)
        }
        SpecChecker::Data(spec) => {
            let mut errors = Vec::new();
            let data = dataset::build(
                &spec,
                dir,
                &mut |f| reader.read(&f.name, Some(f.line)),
                &mut errors,
            );
            reader.errors.append(&mut errors);
            data.map(Checker::Data)
        }
    };
    let starter = reader.read(&starter.0, Some(starter.1));
    let solution = reader.read(&solution.0, Some(solution.1));
    let wrong: Vec<WrongAnswer> = wrong
        .into_iter()
        .filter_map(|w| {
            let text = reader.read(&w.file, Some(w.file_line))?;
            Some(WrongAnswer {
                file: w.file,
                text,
                fails: w.fails,
                line: w.line,
            })
        })
        .collect();
    match (instructions_en, checker, starter, solution) {
        (Some(Some(instructions_en)), Some(checker), Some(starter), Some(solution))
            if reader.errors.is_empty() =>
        {
            Ok(Exercise {
                id,
                module: module_slug.to_owned(),
                checker,
                points,
                instructions_en,
                instructions_vi: instructions_vi.flatten(),
                starter,
                solution,
                checks,
                wrong,
                policy,
            })
        }
        _ => Err(reader.errors),
    }
}

/// Loads every exercise of a module: the folders of `module_dir/exercises/`, in name
/// order (hidden ones skipped). Ids must be unique in the module. A module without an
/// `exercises` folder has none.
pub fn load_all(module_dir: &Path, module_slug: &str) -> (Vec<Exercise>, Vec<ExerciseError>) {
    let root = module_dir.join(EXERCISES_DIR);
    let mut dirs: Vec<PathBuf> = match std::fs::read_dir(&root) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .map(|e| e.path())
            .collect(),
        Err(_) => return (Vec::new(), Vec::new()),
    };
    dirs.sort();
    let mut exercises: Vec<Exercise> = Vec::new();
    let mut errors = Vec::new();
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    for dir in dirs {
        match load(&dir, module_slug) {
            Ok(ex) => {
                if let Some(first) = seen.get(&ex.id) {
                    errors.push(ExerciseError {
                        file: dir.join("exercise.toml"),
                        line: 0,
                        message: format!(
                            "duplicate exercise id `{}` in the module (also in {})",
                            ex.id,
                            first.display()
                        ),
                    });
                    continue;
                }
                seen.insert(ex.id.clone(), dir.clone());
                exercises.push(ex);
            }
            Err(mut e) => errors.append(&mut e),
        }
    }
    (exercises, errors)
}

struct Reader<'a> {
    dir: &'a Path,
    canonical: PathBuf,
    errors: Vec<ExerciseError>,
}

impl<'a> Reader<'a> {
    fn new(dir: &'a Path) -> Result<Self, ExerciseError> {
        let canonical = dir.canonicalize().map_err(|e| ExerciseError {
            file: dir.to_path_buf(),
            line: 0,
            message: format!("cannot open the exercise folder: {e}"),
        })?;
        Ok(Reader {
            dir,
            canonical,
            errors: Vec::new(),
        })
    }

    fn fail(&mut self, file: PathBuf, line: usize, message: impl Into<String>) {
        self.errors.push(ExerciseError {
            file,
            line,
            message: message.into(),
        });
    }

    /// Reads `name`; `named_at` is the line of `exercise.toml` that named it, if any, so
    /// a bad name is reported where it was written.
    fn read(&mut self, name: &str, named_at: Option<usize>) -> Option<String> {
        let toml = self.dir.join("exercise.toml");
        let relative = Path::new(name);
        let plain = !name.is_empty()
            && relative
                .components()
                .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
        if !plain {
            let line = named_at.unwrap_or(0);
            self.fail(
                toml,
                line,
                format!("`{name}` must be a file name inside the exercise folder, without `..`"),
            );
            return None;
        }
        let path = self.dir.join(relative);
        let missing = |me: &mut Self, why: &str| match named_at {
            Some(line) if line > 0 => me.fail(toml.clone(), line, format!("`{name}` {why}")),
            _ => me.fail(path.clone(), 0, format!("`{name}` {why}")),
        };
        let Ok(resolved) = path.canonicalize() else {
            missing(self, "does not exist");
            return None;
        };
        if !resolved.starts_with(&self.canonical) {
            missing(
                self,
                "leads outside the exercise folder (through a symlink); it is not read",
            );
            return None;
        }
        let meta = match std::fs::metadata(&resolved) {
            Ok(m) if m.is_file() => m,
            _ => {
                missing(self, "is not a file");
                return None;
            }
        };
        if meta.len() > MAX_FILE_BYTES {
            self.fail(
                path,
                0,
                format!(
                    "the file is {} KB; exercise files are limited to {} KB",
                    meta.len().div_ceil(1024),
                    MAX_FILE_BYTES / 1024
                ),
            );
            return None;
        }
        let bytes = match std::fs::read(&resolved) {
            Ok(b) => b,
            Err(e) => {
                self.fail(path, 0, format!("cannot read the file: {e}"));
                return None;
            }
        };
        match String::from_utf8(bytes) {
            Ok(text) => Some(match text.strip_prefix('\u{feff}') {
                Some(rest) => rest.to_owned(),
                None => text,
            }),
            Err(e) => {
                let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
                self.fail(path, line, "the file is not valid UTF-8 text");
                None
            }
        }
    }

    /// Reads an instructions file. `None` when it could not be read; `Some(None)` when an
    /// optional one is not there. A translation (`fallback` given) without a title takes
    /// the English one.
    fn instructions(
        &mut self,
        name: &str,
        fallback: Option<Option<String>>,
    ) -> Option<Option<Instructions>> {
        let path = self.dir.join(name);
        if fallback.is_some() && std::fs::symlink_metadata(&path).is_err() {
            return Some(None);
        }
        let text = self.read(name, None)?;
        let split = frontmatter::split(&text);
        let before = self.errors.len();
        for issue in split.issues.iter().filter(|i| i.is_error) {
            self.fail(path.clone(), issue.line, issue.message.clone());
        }
        if self.errors.len() > before {
            return None;
        }
        let title = split
            .front
            .title
            .filter(|t| !t.trim().is_empty())
            .or(fallback.flatten());
        let Some(title) = title else {
            self.fail(
                path,
                1,
                "the instructions have no `title` in their front matter",
            );
            return None;
        };
        if split.body.trim().is_empty() {
            self.fail(path, split.body_line, "the instructions are empty");
            return None;
        }
        Some(Some(Instructions {
            title,
            markdown: split.body.to_owned(),
        }))
    }
}
