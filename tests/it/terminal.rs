//! What jdgen does on a real terminal (a pseudo-terminal): `jdgen new`'s questions, and colour.

use std::process::Command;

use rexpect::session::{spawn_command, PtySession};

use crate::common::*;

const ENTER: &str = "\r";
const DOWN: &str = "\x1b[B";

fn on_terminal(args: &[&str], dir: &std::path::Path, no_color: bool) -> PtySession {
    let mut command = Command::new(env!("CARGO_BIN_EXE_jdgen"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("JDGEN_CATALOG")
        .env("TERM", "xterm");
    match no_color {
        true => command.env("NO_COLOR", "1"),
        false => command.env_remove("NO_COLOR"),
    };
    spawn_command(command, Some(30_000)).unwrap()
}

fn answer(session: &mut PtySession, prompt: &str, keys: &str) {
    session
        .exp_string(prompt)
        .unwrap_or_else(|e| panic!("no prompt {prompt:?}: {e}"));
    session.send(keys).unwrap();
    session.flush().unwrap();
}

/// Today's date (UTC), as `jdgen new` proposes it.
fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        / 86_400;
    (chrono::NaiveDate::default() + chrono::Days::new(days)).to_string()
}

#[test]
fn new_asks_checks_each_answer_and_writes_job_and_description() {
    let dir = tempfile::tempdir().unwrap();
    let before = today();
    let mut s = on_terminal(&["new"], dir.path(), true);
    answer(&mut s, "Scrum Master (scrum-master)", ENTER); // the roles are listed with their focus
    answer(&mut s, "Head (head)", &format!("{DOWN}{ENTER}")); // lead
    answer(&mut s, "Company name", "AT&T <Labs>\r");
    answer(&mut s, "Company website", "not a website\r");
    answer(&mut s, "is not a web address", "\x15https://att.example\r");
    answer(&mut s, "Work arrangement", ENTER);
    answer(&mut s, "City", "Zurich\r");
    // A country by its name, as a job file takes it; a typo gets the closest one.
    answer(&mut s, "Country", "Switzerlnd\r");
    answer(&mut s, "did you mean CH (Switzerland)?", "\x15Switzerland\r");
    answer(&mut s, "Employment type", ENTER);
    answer(&mut s, "Pay currency", "CHF\r");
    answer(&mut s, "Paid per", ENTER);
    // Amounts as people type them, with thousands separators.
    answer(&mut s, "minimum", "160,000\r");
    answer(&mut s, "maximum", "150,000\r");
    answer(&mut s, "below the minimum", "\x15190,000\r");
    answer(&mut s, "Reports to", "Head of Product\r");
    answer(&mut s, "Direct reports", "2\r");
    answer(&mut s, "Team size", "0\r");
    answer(&mut s, "is not a team's size", "\x158\r");
    answer(&mut s, "Tools", "Jira, Figma\r");
    answer(&mut s, "Working languages", "English (native)\r");
    answer(&mut s, "write fluent or C2", "\x15English (fluent), German (B2)\r");
    answer(&mut s, "Travel", ENTER);
    answer(&mut s, "Benefit 1", "A pension\r");
    answer(&mut s, "Benefit 2", ENTER);
    answer(&mut s, "How to apply", "jobs at att\r");
    answer(&mut s, "is not a web address", "\x15jobs@att.example\r");
    answer(&mut s, "Date posted", ENTER); // today, proposed
    answer(&mut s, "Last day to apply", "2000-01-01\r");
    answer(&mut s, "before date_posted", "\x15\r");
    answer(&mut s, "Write the job file to", ENTER);
    answer(&mut s, "Write the description now?", ENTER);
    answer(&mut s, "Write the description to", ENTER);
    s.exp_eof().unwrap();
    let after = today();

    let path = dir.path().join("product-manager-lead.yaml");
    let job = std::fs::read_to_string(&path).unwrap();
    for fact in [
        "role: product-manager",
        "level: lead",
        "AT&T <Labs>",
        "country: CH",
        "workplace: hybrid",
        "employment_type: full-time",
        "min: 160000\n",
        "max: 190000\n",
        "email: jobs@att.example",
        "reports_to: Head of Product",
        "team_size: 8",
    ] {
        assert!(job.contains(fact), "{fact:?} missing from the job file:\n{job}");
    }
    assert!(
        job.contains(&format!("date_posted: {before}")) || job.contains(&format!("date_posted: {after}")),
        "today's date, proposed and kept:\n{job}"
    );
    assert!(!job.contains("valid_through"), "{job}");
    let description = std::fs::read_to_string(dir.path().join("product-manager-lead.md")).unwrap();
    assert!(description.starts_with("# Lead Product Manager\n"), "{description}");
    for fact in [
        r"AT&T \<Labs\>",
        "CHF 160,000 – 190,000 per year",
        "A pension",
        "Zurich, Switzerland",
        "- Reports to: Head of Product",
        "- Direct reports: 2",
        "- Team size: 8 people",
        "- Tools: Jira, Figma",
        "- Working languages: English (fluent) and German (B2).",
        "jobs@att.example",
    ] {
        assert!(description.contains(fact), "{fact:?} missing from:\n{description}");
    }
    // The job file it wrote is a job file like any other, complete enough for every format.
    assert_eq!(stdout_of(&["generate", "--job", path.to_str().unwrap()]), description);
    let out = dir.path().join("every-format");
    stdout_of(&[
        "generate",
        "--job",
        path.to_str().unwrap(),
        "--format",
        "md,docx,html,json",
        "--out-dir",
        out.to_str().unwrap(),
    ]);
    for extension in ["md", "docx", "html", "json"] {
        assert!(
            out.join(format!("lead-product-manager.{extension}")).exists(),
            "{extension}"
        );
    }
}

#[test]
fn new_refuses_off_a_terminal() {
    let stderr = bad_input(&["new"]);
    assert!(
        stderr.contains("needs a terminal") && stderr.contains("job file"),
        "{stderr}"
    );
}

#[test]
fn colour_on_a_terminal_unless_no_color() {
    let dir = tempfile::tempdir().unwrap();
    let run = |no_color: bool| {
        let mut s = on_terminal(
            &["generate", "--role", "product-manger", "--level", "senior"],
            dir.path(),
            no_color,
        );
        s.exp_eof().unwrap()
    };
    let coloured = run(false);
    assert!(
        coloured.contains("product-manager") && coloured.contains("\x1b["),
        "{coloured:?}"
    );
    let plain = run(true);
    assert!(
        plain.contains("product-manager") && !plain.contains("\x1b["),
        "{plain:?}"
    );
}
