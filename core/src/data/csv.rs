//! A small CSV reader: RFC 4180 quoting (commas, quotes and line breaks inside `"…"`),
//! LF or CRLF line ends, an optional UTF-8 byte order mark, and a header row whose names
//! are matched trimmed and in any case. Spreadsheets export exactly this; a crate for it
//! would be more than the job needs.

use super::MAX_BYTES;

/// Why a CSV file cannot be used: which file, which line (from 1, the header being line
/// 1; for a record spanning lines, the line it starts on), and what to fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}, line {line}: {message}")]
pub struct CsvError {
    /// The file's name as the learner knows it (`deployments.csv`).
    pub file: String,
    /// The line, from 1.
    pub line: usize,
    /// What is wrong, for a person.
    pub message: String,
}

/// One data record and the line it starts on.
#[derive(Debug)]
pub(crate) struct Row {
    pub line: usize,
    pub fields: Vec<String>,
}

/// A read file: the header's names (trimmed, lower case) and the data records.
#[derive(Debug)]
pub(crate) struct Table {
    pub file: &'static str,
    pub header: Vec<String>,
    pub rows: Vec<Row>,
}

impl Table {
    /// The position of a required column.
    pub fn column(&self, name: &str) -> Result<usize, CsvError> {
        self.header.iter().position(|h| h == name).ok_or_else(|| {
            error(
                self.file,
                1,
                format!(
                    "the column `{name}` is missing; the header is `{}`",
                    self.header.join(",")
                ),
            )
        })
    }
}

pub(crate) fn error(file: &str, line: usize, message: impl Into<String>) -> CsvError {
    CsvError {
        file: file.to_owned(),
        line,
        message: message.into(),
    }
}

/// Reads `src`, allowing at most `max_rows` data records. Blank lines are skipped; every
/// other record must have as many fields as the header.
pub(crate) fn read(file: &'static str, src: &str, max_rows: usize) -> Result<Table, CsvError> {
    if src.len() > MAX_BYTES {
        return Err(error(
            file,
            1,
            format!(
                "the file is {:.1} MB; the limit is {} MB",
                src.len() as f64 / (1024.0 * 1024.0),
                MAX_BYTES / (1024 * 1024)
            ),
        ));
    }
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let mut reader = Reader { src, i: 0, line: 1 };
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    while let Some((line, fields)) = reader.record(file)? {
        if fields.len() == 1 && fields[0].trim().is_empty() {
            continue;
        }
        let Some(names) = &header else {
            let names: Vec<String> = fields.iter().map(|f| f.trim().to_lowercase()).collect();
            for (k, name) in names.iter().enumerate() {
                if names[..k].contains(name) {
                    return Err(error(
                        file,
                        line,
                        format!("the column `{name}` appears twice"),
                    ));
                }
            }
            header = Some(names);
            continue;
        };
        if fields.len() != names.len() {
            return Err(error(
                file,
                line,
                format!(
                    "this row has {} fields but the header has {}; put a value that contains \
                     a comma in double quotes",
                    fields.len(),
                    names.len()
                ),
            ));
        }
        if rows.len() == max_rows {
            return Err(error(
                file,
                line,
                format!("too many rows: the limit is {max_rows}"),
            ));
        }
        rows.push(Row { line, fields });
    }
    let Some(header) = header else {
        return Err(error(file, 1, "the file is empty: it needs a header row"));
    };
    Ok(Table { file, header, rows })
}

struct Reader<'a> {
    src: &'a str,
    /// Byte offset. Every delimiter is ASCII, so slicing at one is a char boundary.
    i: usize,
    line: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.src.as_bytes().get(self.i).copied()
    }

    /// The next record and the line it starts on, or `None` at the end.
    fn record(&mut self, file: &str) -> Result<Option<(usize, Vec<String>)>, CsvError> {
        if self.i >= self.src.len() {
            return Ok(None);
        }
        let start = self.line;
        let mut fields = Vec::new();
        loop {
            fields.push(self.field(file)?);
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b'\r') => {
                    self.i += 1;
                    if self.peek() == Some(b'\n') {
                        self.i += 1;
                    }
                    self.line += 1;
                    break;
                }
                Some(b'\n') => {
                    self.i += 1;
                    self.line += 1;
                    break;
                }
                _ => break,
            }
        }
        Ok(Some((start, fields)))
    }

    /// One field, leaving the reader on the delimiter after it.
    fn field(&mut self, file: &str) -> Result<String, CsvError> {
        let bytes = self.src.as_bytes();
        // Spaces before an opening quote (`a, "b,c"`) are a common hand-written slip.
        let blanks = bytes[self.i..]
            .iter()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count();
        if bytes.get(self.i + blanks) != Some(&b'"') {
            let end = bytes[self.i..]
                .iter()
                .position(|&b| matches!(b, b',' | b'\n' | b'\r'))
                .map_or(bytes.len(), |p| self.i + p);
            let field = self.src[self.i..end].to_owned();
            self.i = end;
            return Ok(field);
        }
        let opened = self.line;
        self.i += blanks + 1;
        let mut field = String::new();
        loop {
            let Some(p) = bytes[self.i..].iter().position(|&b| b == b'"') else {
                return Err(error(
                    file,
                    opened,
                    "a double quote opened here is never closed",
                ));
            };
            let chunk = &self.src[self.i..self.i + p];
            self.line += chunk.bytes().filter(|&b| b == b'\n').count();
            field.push_str(chunk);
            self.i += p + 1;
            if self.peek() == Some(b'"') {
                field.push('"');
                self.i += 1;
            } else {
                break;
            }
        }
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.i += 1;
        }
        match self.peek() {
            None | Some(b',' | b'\n' | b'\r') => Ok(field),
            Some(_) => Err(error(
                file,
                self.line,
                "text follows a closing double quote; write a quote inside a quoted value as \"\"",
            )),
        }
    }
}
