//! `jdgen new`: asks a recruiter for a posting's facts on the terminal, checks each answer as a job file would be checked, and writes the job file (and the description).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use dialoguer::{Confirm, Input, Select};

use super::exit;
use jdgen::catalog::Catalog;
use jdgen::error::{Error, Origin, Result};
use jdgen::posting::{self, Layer, Overlay, PostingFile};
use jdgen::render::Format;
use jdgen::resolve::{self, Sources};
use jdgen::{fsio, render, ui, yaml};

/// Asks the questions, then writes the job file and, if wanted, the description.
pub fn run(catalog: &Catalog) -> Result<u8> {
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

    // Everything a complete posting needs (every format, Google's required facts) is asked
    // for and required; the rest may be left out with an empty answer.
    facts = ask_required(theme, "Company name", facts, "company.name")?;
    facts = ask(
        theme,
        "Company website (empty to leave out)",
        facts,
        "company.website",
        str::to_owned,
    )?;
    let workplaces = ["hybrid", "onsite", "remote"];
    let workplace = workplaces[select(theme, "Work arrangement", &workplaces)?];
    facts = checked(&facts, "workplace", workplace).map_err(Error::Usage)?;
    facts = ask(
        theme,
        "City (empty to leave out)",
        facts,
        "location.city",
        str::to_owned,
    )?;
    facts = match workplace {
        "remote" => ask(
            theme,
            "Country the job is based in, a code or name such as DE or Germany (empty for none)",
            facts,
            "location.country",
            str::to_owned,
        )?,
        _ => ask_required(
            theme,
            "Country, a code or name such as DE or Germany",
            facts,
            "location.country",
        )?,
    };
    if workplace == "remote" {
        let based = facts.location.as_ref().is_some_and(|l| l.country.is_some());
        facts = match based {
            true => ask(
                theme,
                "Countries remote applicants may live in, e.g. DE, AT (empty for anywhere)",
                facts,
                "remote.countries",
                |text| format!("[{text}]"),
            )?,
            // Without a country of its own, a remote posting names where applicants may live.
            false => ask_required_with(
                theme,
                "Countries remote applicants may live in, e.g. DE, AT",
                facts,
                "remote.countries",
                |text| format!("[{text}]"),
            )?,
        };
    }
    let kinds = ["full-time", "part-time", "contract", "temporary"];
    let kind = kinds[select(theme, "Employment type", &kinds)?];
    facts = checked(&facts, "employment_type", kind).map_err(Error::Usage)?;
    facts = ask(
        theme,
        "Pay currency, e.g. EUR or USD (empty to leave out pay)",
        facts,
        "salary.currency",
        str::to_owned,
    )?;
    if facts.salary.is_some() {
        let periods = ["year", "month", "week", "day", "hour"];
        let period = periods[select(theme, "Paid per", &periods)?];
        facts = checked(&facts, "salary.period", period).map_err(Error::Usage)?;
        facts = ask_required(theme, "Pay range: minimum, e.g. 78000", facts, "salary.min")?;
        facts = ask_required(theme, "Pay range: maximum", facts, "salary.max")?;
    }
    // A level the catalog writes as leading no one is not asked for direct reports: its text
    // says "no line reports", and the posting would contradict itself.
    let leads_people = !catalog.at_level(role, level, &role.meta.id).leads_no_one();
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
        if key == "direct_reports" && !leads_people {
            continue;
        }
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
    facts = ask_apply(theme, facts)?;
    facts = ask_date_posted(theme, facts)?;
    facts = ask(
        theme,
        "Last day to apply, YYYY-MM-DD (empty to leave out)",
        facts,
        "valid_through",
        str::to_owned,
    )?;

    let stem = format!("{}-{}", role.meta.id, level.profile.id);
    let job_path = ask_path(theme, "Write the job file to", &format!("{stem}.yaml"))?;
    let text = format!(
        "# Written by `jdgen new`; edit it freely, then: jdgen generate --job {}\n{}",
        job_path.display(),
        yaml::to_string(&facts)
    );
    // The file must make every format (Google's JobPosting needs the most): tried before writing.
    let layer = Layer::new(
        Origin::File(job_path.display().to_string()),
        text.clone().into(),
        facts.clone(),
    );
    let job = resolve::resolve(catalog, &Sources::job(layer).layers(), None, None)?;
    render::render_formats_with(catalog, &job, Format::ALL, &render::RenderOptions::default())?;
    fsio::write_atomic(&job_path, text.as_bytes())?;
    ui::note(format_args!("wrote {}", job_path.display()));

    let describe = Confirm::with_theme(theme)
        .with_prompt("Write the description now?")
        .default(true)
        .interact()
        .map_err(terminal_error)?;
    if describe {
        let description_path = ask_path(theme, "Write the description to", &format!("{stem}.md"))?;
        let layers = Sources::from_files(None, Some(&job_path), &[])?.layers();
        let job = resolve::resolve(catalog, &layers, None, None)?;
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
    ask_required_with(theme, prompt, facts, key, str::to_owned)
}

/// Asks for a field that must be answered; `to_value` turns the answer into YAML.
fn ask_required_with(
    theme: &dyn Theme,
    prompt: &str,
    facts: PostingFile,
    key: &str,
    to_value: impl Fn(&str) -> String,
) -> Result<PostingFile> {
    let answer: String = Input::with_theme(theme)
        .with_prompt(prompt)
        .validate_with(|text: &String| match text.trim() {
            "" => Err("this is needed for a complete posting".to_owned()),
            text => checked(&facts, key, &to_value(text)).map(drop),
        })
        .interact_text()
        .map_err(terminal_error)?;
    checked(&facts, key, &to_value(answer.trim())).map_err(Error::Usage)
}

/// Asks how to apply: a web address or an e-mail address, told apart by the '@'.
fn ask_apply(theme: &dyn Theme, facts: PostingFile) -> Result<PostingFile> {
    let key = |text: &str| match text.contains('@') && !text.contains("://") {
        true => "apply.email",
        false => "apply.url",
    };
    let answer: String = Input::with_theme(theme)
        .with_prompt("How to apply: a web address or an e-mail address")
        .validate_with(|text: &String| match text.trim() {
            "" => Err("this is needed for a complete posting".to_owned()),
            text => checked(&facts, key(text), text).map(drop),
        })
        .interact_text()
        .map_err(terminal_error)?;
    let answer = answer.trim();
    checked(&facts, key(answer), answer).map_err(Error::Usage)
}

/// Asks the date the posting goes out, proposing today's (Google requires one; the job file
/// keeps it, so the file gives the same bytes every day after).
fn ask_date_posted(theme: &dyn Theme, facts: PostingFile) -> Result<PostingFile> {
    let answer: String = Input::with_theme(theme)
        .with_prompt("Date posted, YYYY-MM-DD")
        .default(today().to_string())
        .validate_with(|text: &String| checked(&facts, "date_posted", text.trim()).map(drop))
        .interact_text()
        .map_err(terminal_error)?;
    checked(&facts, "date_posted", answer.trim()).map_err(Error::Usage)
}

/// Today's date (UTC), from the system clock.
fn today() -> chrono::NaiveDate {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| since.as_secs() / 86_400);
    chrono::NaiveDate::default() + chrono::Days::new(days)
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

/// An error's messages and help, without the file name: the answer being typed is the place.
fn explain(error: &Error) -> String {
    let explained: Vec<String> = error
        .clone()
        .into_problems()
        .iter()
        .map(|problem| {
            let (message, help) = match problem {
                Error::Yaml { message, help, .. } | Error::Invalid { message, help, .. } => {
                    (message.as_str(), help.as_deref())
                }
                other => return other.to_string(),
            };
            match help {
                Some(help) => format!("{message} ({help})"),
                None => message.to_owned(),
            }
        })
        .collect();
    explained.join("; ")
}

fn terminal_error(error: dialoguer::Error) -> Error {
    Error::Usage(format!("jdgen new stopped: {error}"))
}
