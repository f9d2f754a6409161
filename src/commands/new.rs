//! `jdgen new`: asks a recruiter for a posting's facts on the terminal, checks each answer as a job file would be checked, and writes the job file (and the description).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use dialoguer::{Confirm, Input, Select};

use super::exit;
use crate::catalog::Catalog;
use crate::error::{Error, Origin, Result};
use crate::posting::{self, Layer, Overlay, PostingFile};
use crate::{fsio, render, resolve, ui, yaml};

/// Asks the questions, then writes the job file and, if wanted, the description.
pub fn run(catalog: &Catalog) -> Result<i32> {
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return Err(Error::Usage(
            "jdgen new asks questions and needs a terminal; in a script, write a job file instead \
             (`jdgen init` writes an example job.yaml) and run `jdgen generate --job FILE`"
                .into(),
        ));
    }
    let theme: Box<dyn Theme> = match ui::stderr_color() {
        true => Box::new(ColorfulTheme::default()),
        false => Box::new(SimpleTheme),
    };
    let theme = theme.as_ref();
    let mut facts = PostingFile::default();

    let role_items: Vec<String> = catalog
        .roles()
        .iter()
        .map(|r| format!("{} ({}): {}", r.meta.title, r.meta.id, r.meta.focus))
        .collect();
    let role = &catalog.roles()[select(theme, "Role", &fit_to_terminal(role_items))?];
    facts.role = Some(role.meta.id.clone());
    let level_items: Vec<String> = catalog
        .levels()
        .iter()
        .map(|l| format!("{} ({}): {}", l.profile.name, l.profile.id, l.profile.summary))
        .collect();
    let level = &catalog.levels()[select(theme, "Level", &fit_to_terminal(level_items))?];
    facts.level = Some(level.profile.id.clone());

    facts = ask(
        theme,
        "Company name (empty to leave out)",
        facts,
        "company.name",
        str::to_owned,
    )?;
    if facts.company.is_some() {
        facts = ask(
            theme,
            "Company website (empty to leave out)",
            facts,
            "company.website",
            str::to_owned,
        )?;
    }
    facts = ask(
        theme,
        "City (empty to leave out)",
        facts,
        "location.city",
        str::to_owned,
    )?;
    facts = ask(
        theme,
        "Country, as a code such as DE or US (empty to leave out)",
        facts,
        "location.country",
        str::to_owned,
    )?;
    let workplaces = ["hybrid", "onsite", "remote", "(leave out)"];
    let workplace = workplaces[select(theme, "Work arrangement", &workplaces)?];
    if workplace != "(leave out)" {
        facts = checked(&facts, "workplace", workplace).map_err(Error::Usage)?;
    }
    if workplace == "remote" {
        facts = ask(
            theme,
            "Countries remote applicants may live in, e.g. DE, AT (empty for anywhere)",
            facts,
            "remote.countries",
            |text| format!("[{text}]"),
        )?;
    }
    facts = ask(
        theme,
        "Pay currency, e.g. EUR or USD (empty to leave out pay)",
        facts,
        "salary.currency",
        str::to_owned,
    )?;
    if facts.salary.is_some() {
        facts = ask_required(theme, "Pay range: minimum", facts, "salary.min")?;
        facts = ask_required(theme, "Pay range: maximum", facts, "salary.max")?;
        let periods = ["year", "month", "week", "day", "hour"];
        let period = periods[select(theme, "Paid per", &periods)?];
        facts = checked(&facts, "salary.period", period).map_err(Error::Usage)?;
    }
    for (prompt, key, list) in [
        (
            "Reports to, e.g. Head of Product (empty to leave out)",
            "reports_to",
            false,
        ),
        (
            "Direct reports: how many, or who, e.g. 4 product managers (empty to leave out)",
            "direct_reports",
            false,
        ),
        (
            "Team size, the new hire included (empty to leave out)",
            "team_size",
            false,
        ),
        (
            "Tools the team uses, separated by commas (empty to leave out)",
            "tools",
            true,
        ),
        (
            "Working languages and levels, e.g. English (fluent), Spanish (B2) (empty to leave out)",
            "languages",
            true,
        ),
        (
            "Travel, e.g. Up to 15% travel to customer sites (empty to leave out)",
            "travel",
            false,
        ),
    ] {
        facts = match list {
            true => ask(theme, prompt, facts, key, |text| format!("[{text}]"))?,
            false => ask(theme, prompt, facts, key, str::to_owned)?,
        };
    }
    let mut benefits = Vec::new();
    loop {
        let benefit: String = Input::with_theme(theme)
            .with_prompt(format!("Benefit {} (empty when done)", benefits.len() + 1))
            .allow_empty(true)
            .interact_text()
            .map_err(terminal_error)?;
        match benefit.trim() {
            "" => break,
            text => benefits.push(text.to_owned()),
        }
    }
    if !benefits.is_empty() {
        facts.benefits = Some(benefits);
    }

    let stem = format!("{}-{}", role.meta.id, level.profile.id);
    let job_path = ask_path(theme, "Write the job file to", &format!("{stem}.yaml"))?;
    let text = format!(
        "# Written by `jdgen new`; edit it freely, then: jdgen generate --job {}\n{}",
        job_path.display(),
        yaml::to_string(&facts)
    );
    fsio::write_atomic(&job_path, text.as_bytes())?;
    ui::note(format_args!("wrote {}", job_path.display()));

    let describe = Confirm::with_theme(theme)
        .with_prompt("Write the description now?")
        .default(true)
        .interact()
        .map_err(terminal_error)?;
    if describe {
        let description_path = ask_path(theme, "Write the description to", &format!("{stem}.md"))?;
        let layer = resolve::job_file_layer(&job_path)?;
        let job = resolve::resolve(catalog, &[layer], None, None)?;
        let markdown = render::render_markdown(catalog, &job)?;
        fsio::write_atomic(&description_path, markdown.as_bytes())?;
        ui::note(format_args!("wrote {}", description_path.display()));
    }
    Ok(exit::SUCCESS)
}

fn select<T: ToString>(theme: &dyn Theme, prompt: &str, items: &[T]) -> Result<usize> {
    Select::with_theme(theme)
        .with_prompt(prompt)
        .items(items)
        .default(0)
        .interact()
        .map_err(terminal_error)
}

/// Long choices are cut to one terminal line: a wrapped line confuses the menu's redrawing.
fn fit_to_terminal(items: Vec<String>) -> Vec<String> {
    let width = dialoguer::console::Term::stderr().size().1 as usize;
    items
        .into_iter()
        .map(|item| dialoguer::console::truncate_str(&item, width.saturating_sub(4).max(20), "…").into_owned())
        .collect()
}

/// Asks for an optional field; an empty answer leaves it out. `to_value` turns the answer into YAML.
fn ask(
    theme: &dyn Theme,
    prompt: &str,
    facts: PostingFile,
    key: &str,
    to_value: impl Fn(&str) -> String,
) -> Result<PostingFile> {
    let answer: String = Input::with_theme(theme)
        .with_prompt(prompt)
        .allow_empty(true)
        .validate_with(|text: &String| match text.trim() {
            "" => Ok(()),
            text => checked(&facts, key, &to_value(text)).map(drop),
        })
        .interact_text()
        .map_err(terminal_error)?;
    match answer.trim() {
        "" => Ok(facts),
        text => checked(&facts, key, &to_value(text)).map_err(Error::Usage),
    }
}

/// Asks for a field that must be answered.
fn ask_required(theme: &dyn Theme, prompt: &str, facts: PostingFile, key: &str) -> Result<PostingFile> {
    let answer: String = Input::with_theme(theme)
        .with_prompt(prompt)
        .validate_with(|text: &String| checked(&facts, key, text.trim()).map(drop))
        .interact_text()
        .map_err(terminal_error)?;
    checked(&facts, key, answer.trim()).map_err(Error::Usage)
}

/// Asks where to write a file; an existing file is overwritten only when the user says so.
fn ask_path(theme: &dyn Theme, prompt: &str, default: &str) -> Result<PathBuf> {
    loop {
        let answer: String = Input::with_theme(theme)
            .with_prompt(prompt)
            .default(default.to_owned())
            .interact_text()
            .map_err(terminal_error)?;
        let path = PathBuf::from(answer.trim());
        if !Path::new(&path).exists()
            || Confirm::with_theme(theme)
                .with_prompt(format!("{} exists; overwrite it?", path.display()))
                .default(false)
                .interact()
                .map_err(terminal_error)?
        {
            return Ok(path);
        }
    }
}

/// `facts` with `key` set to `value`, checked exactly as a job file would be: the
/// value goes through the same parser as `--set KEY=VALUE`, and the result through
/// the posting validation. A pay range is checked as far as it is answered.
fn checked(facts: &PostingFile, key: &str, value: &str) -> std::result::Result<PostingFile, String> {
    let layer = resolve::set_flag_layer(&format!("{key}={value}")).map_err(|e| explain(&e))?;
    let merged = facts.clone().overlay(layer.facts);
    let mut candidate = merged.clone();
    if let Some(salary) = &mut candidate.salary {
        // Not yet asked for: stand-ins that pass, so only the answers given so far are judged.
        salary.min = salary.min.clone().or(salary.max.clone());
        salary.max = salary.max.clone().or(salary.min.clone());
        if salary.min.is_none() {
            candidate.salary = None;
        }
    }
    let layer = Layer::new(Origin::File("your answers".into()), "".into(), candidate);
    posting::validate(&[layer]).map_err(|e| explain(&e))?;
    Ok(merged)
}

/// An error's message and help, without the file name: the answer being typed is the place.
fn explain(error: &Error) -> String {
    let (message, help) = match error {
        Error::Yaml { message, help, .. } | Error::Invalid { message, help, .. } => (message.as_str(), help.as_deref()),
        other => return other.to_string(),
    };
    let message = match message {
        m if m.contains("expected f64") => "write a number, e.g. 90000",
        m => m,
    };
    match help {
        Some(help) => format!("{message} ({help})"),
        None => message.to_owned(),
    }
}

fn terminal_error(error: dialoguer::Error) -> Error {
    Error::Usage(format!("jdgen new stopped: {error}"))
}
