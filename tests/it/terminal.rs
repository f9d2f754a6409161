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

#[test]
fn new_asks_checks_each_answer_and_writes_job_and_description() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = on_terminal(&["new"], dir.path(), true);
    answer(&mut s, "Scrum Master (scrum-master)", ENTER); // the roles are listed with their focus
    answer(&mut s, "Head (head)", &format!("{DOWN}{ENTER}")); // lead
    answer(&mut s, "Company name", "AT&T <Labs>\r");
    answer(&mut s, "Company website", "not a website\r");
    answer(&mut s, "is not a web address", "\x15https://att.example\r");
    answer(&mut s, "City", "Berlin\r");
    answer(&mut s, "Country", "Germany\r");
    answer(&mut s, "not an ISO 3166-1", "\x15DE\r");
    answer(&mut s, "Work arrangement", ENTER);
    answer(&mut s, "Pay currency", "EUR\r");
    answer(&mut s, "minimum", "90000\r");
    answer(&mut s, "maximum", "80000\r");
    answer(&mut s, "below the minimum", "\x15110000\r");
    answer(&mut s, "Paid per", ENTER);
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
    answer(&mut s, "Write the job file to", ENTER);
    answer(&mut s, "Write the description now?", ENTER);
    answer(&mut s, "Write the description to", ENTER);
    s.exp_eof().unwrap();

    let job = std::fs::read_to_string(dir.path().join("product-manager-lead.yaml")).unwrap();
    for fact in [
        "role: product-manager",
        "level: lead",
        "AT&T <Labs>",
        "country: DE",
        "workplace: hybrid",
        "reports_to: Head of Product",
        "team_size: 8",
    ] {
        assert!(job.contains(fact), "{fact:?} missing from the job file:\n{job}");
    }
    let description = std::fs::read_to_string(dir.path().join("product-manager-lead.md")).unwrap();
    assert!(description.starts_with("# Lead Product Manager\n"), "{description}");
    for fact in [
        r"AT&T \<Labs\>",
        "€90,000 – €110,000 per year",
        "A pension",
        "Berlin, Germany",
        "- Reports to: Head of Product",
        "- Direct reports: 2",
        "- Team size: 8 people",
        "- Tools: Jira, Figma",
        "- Working languages: English (fluent) and German (B2).",
    ] {
        assert!(description.contains(fact), "{fact:?} missing from:\n{description}");
    }
    // The job file it wrote is a job file like any other.
    let path = dir.path().join("product-manager-lead.yaml");
    assert_eq!(stdout_of(&["generate", "--job", path.to_str().unwrap()]), description);
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
