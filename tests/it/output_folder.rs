//! A batch's output folder under stress: a user's own index.md, two runs at once, a full
//! disk, stale temporary files, SIGINT and SIGKILL. The folder is always either complete or
//! its missing jobs are named; never silently wrong.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;

fn bin() -> Command {
    let mut command = Command::new(assert_cmd::cargo::cargo_bin("jdgen"));
    command.env_remove("JDGEN_CATALOG").env("NO_COLOR", "1");
    command
}

/// `jobs` postings of one company, `job-N` ids, in `dir/name`.
fn manifest(dir: &Path, name: &str, company: &str, jobs: usize) -> PathBuf {
    let mut text = format!("defaults:\n  company: {{name: {company}}}\njobs:\n");
    for i in 0..jobs {
        let (role, level) = (ROLES[i % 4], LEVELS[(i / 4) % 4]);
        text.push_str(&format!("  - {{id: job-{i:04}, role: {role}, level: {level}}}\n"));
    }
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn names(dir: &Path) -> BTreeSet<String> {
    match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect(),
        Err(_) => BTreeSet::new(),
    }
}

fn leftovers(dir: &Path) -> Vec<String> {
    names(dir).into_iter().filter(|n| n.starts_with(".jdgen")).collect()
}

fn run(args: &[&str]) -> (i32, String) {
    let output = bin().args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (output.status.code().unwrap_or(-1), stderr)
}

/// The files the index lists.
fn indexed(dir: &Path) -> BTreeSet<String> {
    let index = std::fs::read_to_string(dir.join("index.md")).unwrap_or_default();
    index
        .split("](")
        .skip(1)
        .map(|rest| rest[..rest.find(')').unwrap()].to_owned())
        .collect()
}

#[test]
fn a_users_own_index_is_never_replaced_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let jobs = manifest(dir.path(), "jobs.yaml", "Acme", 3);
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("index.md"), "# My own notes\n").unwrap();
    let args = [jobs.to_str().unwrap(), "--out-dir", out.to_str().unwrap()];
    let (code, stderr) = run(&[&["batch"], &args[..]].concat());
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("index.md was not written by jdgen") && stderr.contains("--force"),
        "{stderr}"
    );
    assert_eq!(names(&out), BTreeSet::from(["index.md".to_owned()]), "nothing written");
    assert_eq!(
        std::fs::read_to_string(out.join("index.md")).unwrap(),
        "# My own notes\n"
    );
    let (code, stderr) = run(&[&["batch"], &args[..], &["--force"]].concat());
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(indexed(&out).len(), 3);
    // jdgen's own index is jdgen's to rewrite.
    assert_eq!(run(&[&["batch"], &args[..]].concat()).0, 0);
}

#[test]
fn a_second_run_into_a_locked_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let jobs = manifest(dir.path(), "jobs.yaml", "Acme", 2);
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    // Another run holds the folder (as `jdgen batch` does, with flock on .jdgen.lock).
    let held = std::fs::File::create(out.join(".jdgen.lock")).unwrap();
    fs4::FileExt::try_lock(&held).unwrap();
    let (code, stderr) = run(&["batch", jobs.to_str().unwrap(), "--out-dir", out.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("another jdgen run is writing into"), "{stderr}");
    assert_eq!(names(&out), BTreeSet::from([".jdgen.lock".to_owned()]));
    fs4::FileExt::unlock(&held).unwrap();
    let (code, stderr) = run(&["batch", jobs.to_str().unwrap(), "--out-dir", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        leftovers(&out).is_empty(),
        "the lock file goes with the run: {:?}",
        names(&out)
    );
}

#[test]
fn two_runs_at_once_never_mix_their_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let runs: Vec<(&str, Child, PathBuf)> = ["Alpha Co", "Bravo Co"]
        .into_iter()
        .enumerate()
        .map(|(i, company)| {
            let jobs = manifest(dir.path(), &format!("jobs-{i}.yaml"), company, 400);
            let report = dir.path().join(format!("report-{i}.json"));
            let child = bin()
                .args(["batch", jobs.to_str().unwrap(), "--out-dir", out.to_str().unwrap()])
                .arg("--report")
                .arg(&report)
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            (company, child, report)
        })
        .collect();
    let mut refused = 0;
    for (company, child, report) in runs {
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        match output.status.code() {
            Some(2) => {
                assert!(stderr.contains("another jdgen run is writing into"), "{stderr}");
                refused += 1;
                continue;
            }
            // The second run may start after the first has finished: its files then differ.
            Some(0 | 1) => {}
            other => panic!("{other:?}: {stderr}"),
        }
        let report: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(report).unwrap()).unwrap();
        for job in report["jobs"].as_array().unwrap() {
            if job["status"] == "written" {
                let file = job["files"][0].as_str().unwrap();
                let text = std::fs::read_to_string(out.join(file)).unwrap();
                assert!(
                    text.contains(company),
                    "{file} reported written by {company} holds other content"
                );
            }
        }
    }
    assert!(refused <= 1);
    assert!(leftovers(&out).is_empty(), "{:?}", leftovers(&out));
}

#[test]
fn stale_temporary_files_are_removed_by_the_next_run() {
    let dir = tempfile::tempdir().unwrap();
    let jobs = manifest(dir.path(), "jobs.yaml", "Acme", 2);
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join(".jdgen-Ab12Cd.tmp"), "half a posting").unwrap();
    let (code, stderr) = run(&["batch", jobs.to_str().unwrap(), "--out-dir", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(leftovers(&out).is_empty(), "{:?}", names(&out));
}

/// Sends `signal` to a running child.
#[cfg(unix)]
fn signal(child: &Child, signal: libc::c_int) {
    // SAFETY: kill(2) on a child this test spawned and has not yet waited for.
    unsafe { libc::kill(child.id() as libc::pid_t, signal) };
}

/// Starts a batch of 1,000 jobs on one thread and waits until it has written a few files.
#[cfg(unix)]
fn started_batch(dir: &Path, out: &Path) -> (Child, PathBuf) {
    let jobs = manifest(dir, "jobs.yaml", "Acme", JOBS);
    let report = dir.join("report.json");
    let child = bin()
        .args([
            "batch",
            jobs.to_str().unwrap(),
            "--out-dir",
            out.to_str().unwrap(),
            "--jobs",
            "1",
        ])
        .arg("--report")
        .arg(&report)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while names(out).iter().filter(|n| n.ends_with(".md")).count() < 20 && started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(5));
    }
    (child, jobs)
}

#[cfg(unix)]
const JOBS: usize = 1000;

#[cfg(unix)]
#[test]
fn sigint_finishes_the_jobs_in_hand_and_names_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let (child, jobs) = started_batch(dir.path(), &out);
    signal(&child, libc::SIGINT);
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("batch: interrupted:") && stderr.contains("not written (interrupted): job at"),
        "{stderr}"
    );
    assert!(leftovers(&out).is_empty(), "{:?}", leftovers(&out));
    // The index lists exactly the postings there; the report names every job.
    let postings: BTreeSet<String> = names(&out)
        .into_iter()
        .filter(|n| n.ends_with(".md") && n != "index.md")
        .collect();
    assert!(!postings.is_empty() && postings.len() < JOBS, "{}", postings.len());
    assert_eq!(indexed(&out), postings);
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("report.json")).unwrap()).unwrap();
    assert_eq!(report["jobs_total"], JOBS);
    assert_eq!(report["jobs_written"], postings.len());
    assert_eq!(report["jobs_skipped"], JOBS - postings.len());
    // Running again completes the folder.
    let (code, stderr) = run(&["batch", jobs.to_str().unwrap(), "--out-dir", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(indexed(&out).len(), JOBS);
}

#[cfg(unix)]
#[test]
fn a_second_sigint_stops_at_once_and_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let (child, _) = started_batch(dir.path(), &out);
    signal(&child, libc::SIGINT);
    std::thread::sleep(Duration::from_millis(1));
    signal(&child, libc::SIGTERM);
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        leftovers(&out).iter().all(|n| n == ".jdgen.lock"),
        "{:?}",
        leftovers(&out)
    );
}

#[cfg(unix)]
#[test]
fn after_sigkill_every_file_is_whole_and_the_next_run_cleans_up() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let (mut child, jobs) = started_batch(dir.path(), &out);
    child.kill().unwrap();
    child.wait().unwrap();
    let reference = dir.path().join("reference");
    let (code, _) = run(&[
        "batch",
        jobs.to_str().unwrap(),
        "--out-dir",
        reference.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    for name in names(&out).iter().filter(|n| n.ends_with(".md") && *n != "index.md") {
        assert_eq!(
            std::fs::read(out.join(name)).unwrap(),
            std::fs::read(reference.join(name)).unwrap(),
            "{name}"
        );
    }
    let (code, stderr) = run(&["batch", jobs.to_str().unwrap(), "--out-dir", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(names(&out), names(&reference), "no temporary file, no lock file left");
}

/// A batch whose every file larger than `bytes` cannot be written (RLIMIT_FSIZE, as a nearly
/// full disk would refuse it: write(2) fails, here with EFBIG).
#[cfg(unix)]
fn batch_with_file_limit(bytes: u64, args: &[&str]) -> (i32, String) {
    use std::os::unix::process::CommandExt;
    let mut command = bin();
    command.args(args);
    // SAFETY: only async-signal-safe calls (setrlimit, signal) between fork and exec.
    unsafe {
        command.pre_exec(move || {
            let limit = libc::rlimit {
                rlim_cur: bytes as libc::rlim_t,
                rlim_max: bytes as libc::rlim_t,
            };
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            match libc::setrlimit(libc::RLIMIT_FSIZE, &limit) {
                0 => Ok(()),
                _ => Err(std::io::Error::last_os_error()),
            }
        });
    }
    let output = command.output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (output.status.code().unwrap_or(-1), stderr)
}

#[cfg(unix)]
#[test]
fn files_that_cannot_be_written_are_those_jobs_failures() {
    let dir = tempfile::tempdir().unwrap();
    let jobs = manifest(dir.path(), "jobs.yaml", "Acme", 12);
    let out = dir.path().join("out");
    let report = dir.path().join("report.json");
    // A Markdown posting is about 4 KB, its DOCX about 8 KB, the index and report under 6 KB.
    let (code, stderr) = batch_with_file_limit(
        6 * 1024,
        &[
            "batch",
            jobs.to_str().unwrap(),
            "--out-dir",
            out.to_str().unwrap(),
            "--format",
            "md,docx",
            "--report",
            report.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(stderr.matches("failed: job at").count(), 12, "{stderr}");
    assert!(
        stderr.contains(".docx:") && stderr.contains("0 jobs written") && stderr.contains("12 failed"),
        "{stderr}"
    );
    let report: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(report["jobs_failed"], 12);
    assert!(leftovers(&out).is_empty(), "{:?}", leftovers(&out));
    for name in names(&out) {
        assert!(name.ends_with(".md"), "only whole Markdown files: {name}");
    }
}

/// A real full disk: a 256 KB tmpfs, where root may mount one (skipped, and said, elsewhere).
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_lists_every_job_not_written() {
    let dir = tempfile::tempdir().unwrap();
    let small = dir.path().join("small");
    std::fs::create_dir(&small).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=256k", "tmpfs"])
        .arg(&small)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipped: cannot mount a tmpfs here (needs root); files_that_cannot_be_written_are_those_jobs_failures covers the same path");
        return;
    }
    struct Unmount(PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(&self.0).status();
        }
    }
    let _unmount = Unmount(small.clone());
    let jobs = manifest(dir.path(), "jobs.yaml", "Acme", 200);
    let out = small.join("out");
    let report = dir.path().join("report.json");
    let (code, stderr) = run(&[
        "batch",
        jobs.to_str().unwrap(),
        "--out-dir",
        out.to_str().unwrap(),
        "--format",
        "md,docx",
        "--report",
        report.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("No space left on device"), "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let failed = report["jobs_failed"].as_u64().unwrap();
    assert!(failed > 0 && report["jobs_total"] == 200, "{report}");
    assert_eq!(stderr.matches("failed: job at").count() as u64, failed);
    assert!(stderr.contains(&format!("{failed} failed")), "the summary: {stderr}");
    assert!(leftovers(&out).is_empty(), "{:?}", leftovers(&out));
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_under_stdout_is_a_write_error() {
    let file = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let output = bin()
        .args(["generate", "-r", "scrum-master", "-l", "lead"])
        .stdout(file)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    // An I/O failure, not bad input (README, "Exit codes").
    assert_eq!(output.status.code(), Some(jdgen::exit::IO_FAILURE.into()), "{stderr}");
    assert!(
        stderr.contains("cannot write <stdout>") && stderr.contains("No space left"),
        "{stderr}"
    );
}
