//! CSV manifests as spreadsheets export them: a header row of dotted job-file field names, one job per record.

use std::path::Path;

use crate::error::{Error, Origin, Result};
use crate::posting::{Layer, PostingFile};
use crate::{suggest, yaml};

/// Every column a CSV manifest may have: the job-file fields, dotted.
pub const COLUMNS: [&str; 36] = [
    "id",
    "role",
    "level",
    "title",
    "company.name",
    "company.website",
    "company.about",
    "team",
    "reports_to",
    "direct_reports",
    "team_size",
    "tools",
    "languages",
    "travel",
    "location.city",
    "location.region",
    "location.country",
    "workplace",
    "remote.countries",
    "remote.timezones",
    "employment_type",
    "salary.min",
    "salary.max",
    "salary.currency",
    "salary.period",
    "benefits",
    "responsibilities",
    "requirements",
    "nice_to_have",
    "hiring_process",
    "apply.url",
    "apply.email",
    "date_posted",
    "valid_through",
    "equal_opportunity",
    "spelling",
];

/// Columns holding lists; items are separated by ';' (`languages`: "English (fluent); Spanish (B2)").
const LIST_COLUMNS: [&str; 8] = [
    "remote.countries",
    "tools",
    "languages",
    "benefits",
    "responsibilities",
    "requirements",
    "nice_to_have",
    "hiring_process",
];

/// One CSV record, kept unparsed until its job runs.
#[derive(Debug)]
pub struct Record {
    line: usize,
    fields: Result<csv::StringRecord, String>,
}

impl Record {
    /// The 1-based line where the record starts.
    pub fn line(&self) -> usize {
        self.line
    }
}

/// Reads the header and the records of a CSV manifest. A bad header is the manifest's
/// error; a bad record is its job's (reported by [`record_layer`]).
pub fn read_records(path: &Path, text: &str) -> Result<(Vec<String>, Vec<Record>)> {
    let name = path.display().to_string();
    let separator = separator_of(&name, text)?;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| {
            Error::yaml(
                Origin::File(name.clone()),
                format!("cannot read the header row: {e}"),
                None,
                None,
            )
        })?
        .clone();
    let columns: Vec<String> = headers.iter().map(str::to_owned).collect();
    check_columns(&name, &columns)?;
    let records = reader
        .records()
        .map(|record| match record {
            Ok(fields) => Record {
                line: fields.position().map_or(0, |p| p.line() as usize),
                fields: Ok(fields),
            },
            Err(error) => Record {
                line: error.position().map_or(0, |p| p.line() as usize),
                fields: Err(format!("unreadable row: {error}")),
            },
        })
        .collect();
    Ok((columns, records))
}

/// The separators spreadsheets write: a comma, a semicolon (Excel where the comma is the
/// decimal mark, as in most of Europe), or a tab ("tab-delimited text").
const SEPARATORS: [(u8, &str); 3] = [(b',', "commas"), (b';', "semicolons"), (b'\t', "tabs")];

/// The separator of a CSV manifest, told from its header row: the one that splits it into the
/// most column names jdgen knows.
fn separator_of(name: &str, text: &str) -> Result<u8> {
    let header = text.lines().find(|line| !line.trim().is_empty()).unwrap_or_default();
    let known = |separator: u8| {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(separator)
            .has_headers(false)
            .trim(csv::Trim::All)
            .from_reader(header.as_bytes());
        let mut record = csv::StringRecord::new();
        match reader.read_record(&mut record) {
            Ok(true) => record.iter().filter(|column| COLUMNS.contains(column)).count(),
            _ => 0,
        }
    };
    let (separator, count) = SEPARATORS
        .iter()
        .map(|(separator, _)| (*separator, known(*separator)))
        .fold((b',', 0), |best, this| if this.1 > best.1 { this } else { best });
    if count > 0 {
        return Ok(separator);
    }
    let shown: String = header.chars().take(60).collect();
    let other = header
        .chars()
        .find(|c| matches!(c, '|' | ':' | '^' | '~'))
        .map(|c| format!(" (it seems to use '{c}')"))
        .unwrap_or_default();
    Err(Error::yaml(
        Origin::File(format!("{name}:1")),
        format!("the header row `{shown}` cannot be split into job-file columns{other}"),
        Some(format!(
            "jdgen reads CSV separated by {}; the header row names job-file fields, e.g. id,role,level,company.name,salary.min (Excel: save as \"CSV UTF-8\")",
            SEPARATORS.iter().map(|(_, name)| *name).collect::<Vec<_>>().join(", ")
        )),
        None,
    ))
}

/// One record's facts as a layer: empty cells are absent facts.
pub fn record_layer(path: &Path, columns: &[String], record: &Record) -> Result<Layer> {
    let origin = Origin::File(format!("{}:{}", path.display(), record.line));
    match &record.fields {
        Ok(fields) => job_layer(origin, columns, fields),
        Err(message) => Err(Error::yaml(origin, message.clone(), None, None)),
    }
}

fn check_columns(name: &str, columns: &[String]) -> Result<()> {
    let origin = Origin::File(format!("{name}:1"));
    for (index, column) in columns.iter().enumerate() {
        if !COLUMNS.contains(&column.as_str()) {
            let help = match suggest::closest(column, COLUMNS) {
                Some(best) => format!("did you mean `{best}`? columns: {}", COLUMNS.join(", ")),
                None => format!("columns: {}", COLUMNS.join(", ")),
            };
            return Err(Error::yaml(
                origin,
                format!("unknown column `{column}`"),
                Some(help),
                None,
            ));
        }
        if columns[..index].contains(column) {
            return Err(Error::yaml(
                origin,
                format!("the column `{column}` appears twice"),
                None,
                None,
            ));
        }
    }
    if columns.len() == 1 && columns[0].is_empty() {
        return Err(Error::yaml(origin, "the header row is empty".into(), None, None));
    }
    Ok(())
}

/// One record as a layer: empty cells are absent facts. Each problem names its column (the
/// field's dotted name); the cells that are fine are still checked.
fn job_layer(origin: Origin, columns: &[String], record: &csv::StringRecord) -> Result<Layer> {
    let mut root = yaml::Mapping::new();
    for (column, cell) in columns.iter().zip(record.iter()) {
        if !cell.is_empty() {
            insert_dotted(&mut root, column, cell_value(column, cell));
        }
    }
    let read = yaml::from_value_partial::<PostingFile>(&origin, yaml::Value::Mapping(root));
    Layer::partial(origin, "".into(), (0, 1), read)
}

/// A cell as the YAML value its column expects.
fn cell_value(column: &str, cell: &str) -> yaml::Value {
    if LIST_COLUMNS.contains(&column) {
        yaml::Value::Sequence(
            cell.split(';')
                .map(str::trim)
                .filter(|i| !i.is_empty())
                .map(|i| i.into())
                .collect(),
        )
    } else {
        // Numbers too: each field reads its own text ("96,000" and "1,200" are grouped numbers).
        yaml::Value::String(cell.to_owned())
    }
}

fn insert_dotted(root: &mut yaml::Mapping, dotted: &str, value: yaml::Value) {
    match dotted.split_once('.') {
        None => {
            root.insert(dotted.into(), value);
        }
        Some((head, rest)) => {
            let child = root
                .entry(head.into())
                .or_insert_with(|| yaml::Value::Mapping(yaml::Mapping::new()));
            if let yaml::Value::Mapping(child) = child {
                insert_dotted(child, rest, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jobs(text: &str) -> Result<Vec<(usize, Result<Layer>)>> {
        let path = Path::new("jobs.csv");
        let (columns, records) = read_records(path, text)?;
        Ok(records
            .iter()
            .map(|r| (r.line(), record_layer(path, &columns, r)))
            .collect())
    }

    #[test]
    fn the_columns_match_the_job_file_schema() {
        // Every column deserializes, so the list cannot drift from PostingFile.
        for column in COLUMNS {
            let value = match column {
                "team_size" => "1",
                "salary.min" | "salary.max" => "50000",
                "location.country" | "remote.countries" => "DE",
                "salary.currency" => "EUR",
                "salary.period" => "year",
                "workplace" => "remote",
                "employment_type" => "full-time",
                "date_posted" | "valid_through" => "2026-11-02",
                "languages" => "English (fluent); Spanish (B2)",
                "spelling" => "us",
                _ => "x",
            };
            let parsed = jobs(&format!("{column}\n{value}\n")).unwrap();
            assert!(parsed[0].1.is_ok(), "{column}: {:?}", parsed[0].1);
        }
    }

    #[test]
    fn quoting_lists_and_numbers() {
        let text = "id,company.name,benefits,salary.min,team\nx,\"Smith, Jones & Co\",\"Pension; Gym ;\",\"96,000\",\"Line one\nline \"\"two\"\"\"\n";
        let parsed = jobs(text).unwrap();
        let facts = &parsed[0].1.as_ref().unwrap().facts;
        assert_eq!(
            facts.company.as_ref().unwrap().name.as_deref(),
            Some("Smith, Jones & Co")
        );
        assert_eq!(facts.benefits.as_deref().unwrap(), ["Pension", "Gym"]);
        assert_eq!(facts.salary.as_ref().unwrap().min.as_ref().unwrap().value, 96000.0);
        assert_eq!(facts.team.as_deref(), Some("Line one\nline \"two\""));
        assert_eq!(parsed[0].0, 2);
    }

    #[test]
    fn new_facts_read_from_cells() {
        let text = "direct_reports,team_size,tools,languages\n4,\"1,200\",Jira; Figma,English (fluent); German (B2)\n";
        let parsed = jobs(text).unwrap();
        let facts = &parsed[0].1.as_ref().unwrap().facts;
        assert_eq!(facts.team_size, Some(1200));
        assert_eq!(facts.tools.as_deref().unwrap(), ["Jira", "Figma"]);
        let languages: Vec<String> = facts
            .languages
            .as_ref()
            .unwrap()
            .iter()
            .map(|l| l.to_string())
            .collect();
        assert_eq!(languages, ["English (fluent)", "German (B2)"]);
        let error = checked(&jobs("languages\nEnglish\n").unwrap()[0].1)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("languages") && error.contains("Spanish (conversational)"),
            "{error}"
        );
    }

    fn checked(layer: &Result<Layer>) -> Result<crate::posting::Posting> {
        crate::posting::validate(std::slice::from_ref(layer.as_ref().unwrap()))
    }

    #[test]
    fn bad_cells_fail_their_row_only() {
        let parsed =
            jobs("id,salary.min,salary.max,salary.currency\na,1000,2000,EUR\nb,lots,2000,EUR\nc,3000,4000,EUR\n")
                .unwrap();
        assert!(checked(&parsed[0].1).is_ok() && checked(&parsed[2].1).is_ok());
        let error = checked(&parsed[1].1).unwrap_err().to_string();
        assert!(error.starts_with("jobs.csv:3: salary.min: 'lots'"), "{error}");
    }

    #[test]
    fn every_bad_cell_of_a_row_is_reported() {
        let parsed =
            jobs("workplace,team_size,salary.min,salary.max,salary.currency\noffice,lots,78.000,96000,EUR\n").unwrap();
        let error = checked(&parsed[0].1).unwrap_err();
        let shown = error.to_string();
        assert_eq!(error.count(), 3, "{shown}");
        assert!(shown.contains("jobs.csv:2: workplace: 'office'"), "{shown}");
        assert!(shown.contains("jobs.csv:2: team_size: 'lots'"), "{shown}");
        assert!(
            shown.contains("jobs.csv:2: field `salary.min`: 78.000 reads as 78"),
            "{shown}"
        );
    }

    #[test]
    fn semicolons_and_tabs_are_read_too() {
        for separator in [";", "\t", ","] {
            let text = format!(
                "id{s}role{s}level{s}benefits{s}salary.min\npm{s}product-manager{s}senior{s}\"Pension; Gym\"{s}78000\n",
                s = separator
            );
            let parsed = jobs(&text).unwrap();
            let facts = &parsed[0].1.as_ref().unwrap().facts;
            assert_eq!(facts.role.as_deref(), Some("product-manager"), "{separator:?}");
            assert_eq!(facts.benefits.as_deref().unwrap(), ["Pension", "Gym"], "{separator:?}");
        }
        let error = jobs("id|role|level\na|b|c\n").unwrap_err();
        let shown = format!("{error:?}");
        assert!(
            shown.contains("cannot be split") && shown.contains("'|'") && shown.contains("semicolons"),
            "{shown}"
        );
    }

    #[test]
    fn bad_headers_fail_the_manifest() {
        let error = jobs("id,salary.mni\n").unwrap_err();
        assert!(format!("{error:?}").contains("did you mean `salary.min`?"), "{error:?}");
        assert!(jobs("id,id\n").is_err());
    }
}
