#!/usr/bin/env python3
"""Issue 13's hostile inputs, each run against a jdgen binary: wall time, peak memory, exit code
and what happened (the check each case cares about), as one Markdown table.

Usage: bench/hostile.py [--bin PATH] [--timeout S] [--cap-mb MB] [--only NAME,...] [--tmp DIR] [--list]

Each case writes its inputs into a fresh temporary folder. A run longer than --timeout
(default 60 s) is killed, and so is one whose resident memory passes --cap-mb (default
6000 MB, to spare the shared machine): the table then says "killed". Peak memory is the
kernel's maximum resident set size for that process (what `/usr/bin/time -v` reports), read
with wait4. Needs root for the disk-full case (it mounts a 1 MB tmpfs); without it that
case is skipped.
"""
import argparse
import io
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JOB = os.path.join(ROOT, "examples", "job.yaml")


class Result:
    def __init__(self, wall, peak_mb, code, stderr, killed):
        self.wall, self.peak_mb, self.code, self.stderr, self.killed = wall, peak_mb, code, stderr, killed


def run(cmd, timeout, cap_mb, stdin_bytes=None, stdin_total=0, cwd=None, signal_after=None, sig=None):
    """Runs cmd; returns a Result. stdin_total > 0 streams that many bytes of stdin_bytes repeated."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE if stdin_total else subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd)
    killed = []
    stderr_chunks = []
    # Set once wait4 has reaped the child: polling from the watcher would reap it first.
    done = threading.Event()

    def drain():
        stderr_chunks.append(proc.stderr.read())

    def feed():
        sent = 0
        try:
            while sent < stdin_total:
                proc.stdin.write(stdin_bytes)
                sent += len(stdin_bytes)
            proc.stdin.close()
        except (BrokenPipeError, OSError):
            pass

    def watch():
        while not done.is_set():
            if time.perf_counter() - started > timeout:
                killed.append(f"killed after {timeout} s")
                proc.kill()
                return
            try:
                with open(f"/proc/{proc.pid}/status") as status:
                    rss = int(re.search(r"VmRSS:\s+(\d+)", status.read()).group(1)) // 1024
                if rss > cap_mb:
                    killed.append(f"killed at {cap_mb} MB")
                    proc.kill()
                    return
            except (OSError, AttributeError):
                pass
            if signal_after is not None and time.perf_counter() - started > signal_after and not killed:
                proc.send_signal(sig)
                killed.append(f"sent {signal.Signals(sig).name}")
                return
            time.sleep(0.02)

    threads = [threading.Thread(target=drain), threading.Thread(target=watch)]
    if stdin_total:
        threads.append(threading.Thread(target=feed))
    for thread in threads:
        thread.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    done.set()
    proc.returncode = os.waitstatus_to_exitcode(status)
    for thread in threads:
        thread.join()
    code = proc.returncode
    stderr = b"".join(c for c in stderr_chunks if c).decode(errors="replace")
    return Result(wall, usage.ru_maxrss / 1024, code if code >= 0 else 128 - code, stderr,
                  "; ".join(k for k in killed if not k.startswith("sent")))


def shown(text):
    """Control characters as visible escapes, so the table itself is safe to print."""
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)


def first_line(text):
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("jdgen::"):
            return shown(line[:110])
    return ""


# ---------------------------------------------------------------- inputs

def failing_manifest(path, jobs):
    with open(path, "w") as out:
        out.write("jobs:\n")
        for i in range(jobs):
            out.write(f"  - id: job-{i:05d}\n    role: scrum-master\n    level: lead\n    team: [x]\n")


def invalid_manifest(path, jobs):
    with open(path, "w") as out:
        out.write("jobs:\n")
        for i in range(jobs):
            out.write(f"  - id: job-{i:05d}\n    role: scrum-master\n    level: lead\n"
                      f"    salary: {{min: 9, max: 1, currency: EUR}}\n")


def nested_job(path, depth):
    with open(path, "w") as out:
        out.write("role: product-manager\nlevel: senior\nteam: " + "[" * depth + "]" * depth + "\n")


def typical_manifest(path, jobs):
    with open(path, "w") as out:
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "manifest.py"), str(jobs)], stdout=out, check=True)


def company_manifest(path, company_name, jobs):
    with open(path, "w") as out:
        out.write(f"defaults:\n  company: {{name: {company_name}}}\njobs:\n")
        for i in range(jobs):
            out.write(f"  - id: job-{i:05d}\n    role: scrum-master\n    level: lead\n")


def zip_bomb(path, inflated):
    """A .docx whose word/styles.xml inflates to `inflated` bytes (mostly spaces)."""
    chunk = b" " * (1 << 20)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as docx:
        docx.writestr("[Content_Types].xml", "<Types/>")
        with docx.open("word/styles.xml", "w", force_zip64=True) as part:
            part.write(b'<?xml version="1.0"?><w:styles xmlns:w="x">')
            written = 0
            while written < inflated:
                part.write(chunk)
                written += len(chunk)
            part.write(b"</w:styles>")


def catalog_with(dir, files):
    for name, text in files.items():
        path = os.path.join(dir, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as out:
            out.write(text)


# ---------------------------------------------------------------- cases
# Each case: (name, item, what, setup(bin, work) -> dict(cmd, [stdin...], [check(result, work)])).

def case_fail(jobs):
    def setup(bin, work):
        failing_manifest(f"{work}/m.yaml", jobs)
        size = os.path.getsize(f"{work}/m.yaml") // 1024
        return dict(cmd=[bin, "batch", f"{work}/m.yaml", "--out-dir", f"{work}/out"],
                    note=f"{size} KB manifest")
    return setup


def case_invalid(jobs):
    def setup(bin, work):
        invalid_manifest(f"{work}/m.yaml", jobs)
        size = os.path.getsize(f"{work}/m.yaml") // 1024
        return dict(cmd=[bin, "batch", f"{work}/m.yaml", "--out-dir", f"{work}/out"],
                    note=f"{size} KB manifest")
    return setup


def case_nest(depth):
    def setup(bin, work):
        nested_job(f"{work}/job.yaml", depth)
        return dict(cmd=[bin, "generate", "--job", f"{work}/job.yaml"])
    return setup


def setup_nest_batch(bin, work):
    with open(f"{work}/m.yaml", "w") as out:
        out.write("jobs:\n  - id: a\n    role: scrum-master\n    level: lead\n    team: "
                  + "[" * 10000 + "]" * 10000 + "\n")
    return dict(cmd=[bin, "batch", f"{work}/m.yaml", "--out-dir", f"{work}/out"], note="20 KB manifest")


def setup_stdin(bin, work):
    return dict(cmd=[bin, "lint", "-"], stdin_bytes=b"We are hiring a product manager. " * 32768,
                stdin_total=1 << 30, note="1 GiB on stdin")


def setup_job_zero(bin, work):
    return dict(cmd=[bin, "generate", "--job", "/dev/zero"])


def setup_css_zero(bin, work):
    return dict(cmd=[bin, "generate", "--job", JOB, "--format", "html", "--css", "/dev/zero",
                     "-o", f"{work}/p.html"])


def setup_company_zero(bin, work):
    with open(f"{work}/m.yaml", "w") as out:
        out.write("company: /dev/zero\njobs:\n  - id: a\n    role: scrum-master\n    level: lead\n")
    return dict(cmd=[bin, "batch", f"{work}/m.yaml", "--out-dir", f"{work}/out"])


def setup_docx_bomb(bin, work):
    bomb = os.path.join(tempfile.gettempdir(), "jdgen-hostile-bomb-3g.docx")
    if not os.path.exists(bomb):
        zip_bomb(bomb + ".part", 3 << 30)
        os.rename(bomb + ".part", bomb)
    with open(f"{work}/company.yaml", "w") as out:
        out.write(f"company: {{name: Acme}}\nbranding:\n  reference_docx: {bomb}\n")
    return dict(cmd=[bin, "generate", "--company", f"{work}/company.yaml", "--job", JOB, "-o", f"{work}/p.docx"],
                note=f"{os.path.getsize(bomb) // 1024} KB .docx, styles.xml 3 GiB inflated")


def setup_partial_self(command):
    def setup(bin, work):
        catalog_with(f"{work}/cat", {"templates/partials/about-team.md.hbs": "{{> about-team}}\n"})
        args = ["check"] if command == "check" else ["generate", "--job", JOB]
        return dict(cmd=[bin, "--catalog", f"{work}/cat", *args])
    return setup


def setup_partial_mutual(bin, work):
    catalog_with(f"{work}/cat", {"templates/partials/about-team.md.hbs": "{{> benefits}}\n",
                                  "templates/partials/benefits.md.hbs": "x {{> about-team}}\n"})
    return dict(cmd=[bin, "--catalog", f"{work}/cat", "generate", "--job", JOB])


def setup_each_cubed(command):
    def setup(bin, work):
        catalog_with(f"{work}/cat", {"templates/partials/benefits.md.hbs":
                                      "{{#each benefits}}{{#each ../benefits}}{{#each ../../benefits}}"
                                      "- {{this}}\n{{/each}}{{/each}}{{/each}}\n"})
        with open(f"{work}/job.yaml", "w") as out:
            out.write("role: product-manager\nlevel: senior\nbenefits:\n")
            for i in range(1000):
                out.write(f"  - Benefit number {i}\n")
        if command == "check":
            return dict(cmd=[bin, "--catalog", f"{work}/cat", "check"], note="check's own samples")
        return dict(cmd=[bin, "--catalog", f"{work}/cat", "generate", "--job", f"{work}/job.yaml"],
                    note="1,000 benefits")
    return setup


def setup_each_silent(bin, work):
    catalog_with(f"{work}/cat", {"templates/partials/benefits.md.hbs":
                                  "{{#each benefits}}{{#each ../benefits}}{{#each ../../benefits}}"
                                  "{{/each}}{{/each}}{{/each}}\n"})
    with open(f"{work}/job.yaml", "w") as out:
        out.write("role: product-manager\nlevel: senior\nbenefits:\n")
        for i in range(1000):
            out.write(f"  - B{i}\n")
    return dict(cmd=[bin, "--catalog", f"{work}/cat", "generate", "--job", f"{work}/job.yaml"],
                note="no output per loop")


def setup_deep_blocks(bin, work):
    depth = 20000
    catalog_with(f"{work}/cat", {"templates/partials/benefits.md.hbs": "{{#if benefits}}" * depth + "x" + "{{/if}}" * depth})
    return dict(cmd=[bin, "--catalog", f"{work}/cat", "generate", "--job", JOB], note=f"{depth} nested #if")


def case_big_batch(report):
    def setup(bin, work):
        typical_manifest(f"{work}/m.yaml", 200000)
        cmd = [bin, "batch", f"{work}/m.yaml", "--out-dir", f"{work}/out", "--format", "md"]
        if report:
            cmd += ["--report", f"{work}/report.json"]
        return dict(cmd=cmd, note="200,000 jobs, md")
    return setup


def setup_salary(bin, work):
    with open(f"{work}/job.yaml", "w") as out:
        out.write("role: product-manager\nlevel: senior\nsalary: {min: 50000, max: 1e32, currency: EUR}\n")
    return dict(cmd=[bin, "generate", "--job", f"{work}/job.yaml", "-o", f"{work}/p.md"],
                check=lambda r, w: "printed 1e32" if os.path.exists(f"{w}/p.md") and "000,000,000,000" in open(f"{w}/p.md").read() else "refused")


def setup_index(bin, work):
    company_manifest(f"{work}/m.yaml", "Acme", 3)
    os.makedirs(f"{work}/out")
    with open(f"{work}/out/index.md", "w") as out:
        out.write("# My own notes\n")
    return dict(cmd=[bin, "batch", f"{work}/m.yaml", "--out-dir", f"{work}/out"],
                check=lambda r, w: "user's index.md overwritten" if "My own notes" not in open(f"{w}/out/index.md").read() else "user's index.md kept")


def setup_tmp(bin, work):
    company_manifest(f"{work}/m.yaml", "Acme", 3)
    os.makedirs(f"{work}/out")
    open(f"{work}/out/.jdgen-Ab12Cd.tmp", "w").write("half a posting")
    return dict(cmd=[bin, "batch", f"{work}/m.yaml", "--out-dir", f"{work}/out"],
                check=lambda r, w: f"{count_tmp(w + '/out')} stale .tmp left")


def count_tmp(folder):
    return len([n for n in os.listdir(folder) if n.startswith(".jdgen-") and n.endswith(".tmp")]) if os.path.isdir(folder) else 0


def setup_escape(bin, work):
    with open(f"{work}/job.yaml", "w") as out:
        out.write('role: product-manager\nlevel: "\\e]0;PWNED\\a\\e[2J"\n')
    return dict(cmd=[bin, "generate", "--job", f"{work}/job.yaml"],
                check=lambda r, w: "raw ESC on stderr" if "\x1b" in r.stderr else "escaped")


def setup_escape_csv(bin, work):
    with open(f"{work}/m.csv", "w") as out:
        out.write('id,role,level\n"\x1b]0;PWNED\x07\x1b[2J",scrum-master,lead\n')
    return dict(cmd=[bin, "batch", f"{work}/m.csv", "--out-dir", f"{work}/out"],
                check=lambda r, w: "raw ESC on stderr" if "\x1b" in r.stderr else "escaped")


def setup_passwd(bin, work):
    os.makedirs(f"{work}/a/b/c/d")
    with open(f"{work}/a/b/c/d/m.yaml", "w") as out:
        out.write("company: ../../../../../../../../etc/passwd\njobs:\n  - id: a\n    role: scrum-master\n    level: lead\n")
    return dict(cmd=[bin, "batch", f"{work}/a/b/c/d/m.yaml", "--out-dir", f"{work}/out"],
                check=lambda r, w: f"{sum(1 for l in open('/etc/passwd') if l.strip() and l.strip() in r.stderr)} of {sum(1 for _ in open('/etc/passwd'))} passwd lines quoted")


def setup_links(bin, work):
    catalog_with(f"{work}/cat", {"templates/partials/about-team.md.hbs":
                                  "[run](javascript:alert(1)) [file](file:///etc/passwd) [share](smb://host/s) [ok](https://a.example)\n"})
    def check(r, w):
        with zipfile.ZipFile(f"{w}/p.docx") as docx:
            rels = docx.read("word/_rels/document.xml.rels").decode()
        bad = [s for s in ("javascript:", "file:", "smb:") if s in rels]
        return ("hyperlinks: " + ", ".join(bad)) if bad else "only https linked"
    return dict(cmd=[bin, "--catalog", f"{work}/cat", "generate", "--job", JOB, "-o", f"{work}/p.docx"], check=check)


CASES = [
    ("fail-5k", 1, "5,000 failing jobs (`team: [x]`)", case_fail(5000)),
    ("fail-10k", 1, "10,000 failing jobs", case_fail(10000)),
    ("invalid-20k", 1, "20,000 jobs failing validation (`salary: {min: 9, max: 1}`)", case_invalid(20000)),
    ("nest-200k", 2, "`team: [[[…]]]`, 200 KB job file", case_nest(100000)),
    ("nest-400k", 2, "`team: [[[…]]]`, 400 KB job file", case_nest(200000)),
    ("nest-batch", 2, "nested flow list in a manifest job", setup_nest_batch),
    ("stdin-1g", 5, "`lint -` with 1 GiB on stdin", setup_stdin),
    ("job-dev-zero", 5, "`--job /dev/zero`", setup_job_zero),
    ("css-dev-zero", 5, "`--css /dev/zero`", setup_css_zero),
    ("company-dev-zero", 5, "manifest `company: /dev/zero`", setup_company_zero),
    ("docx-bomb", 5, "reference_docx, styles.xml 3 GiB inflated", setup_docx_bomb),
    ("partial-self-check", 6, "partial includes itself: `check`", setup_partial_self("check")),
    ("partial-self-generate", 6, "partial includes itself: `generate`", setup_partial_self("generate")),
    ("partial-mutual", 6, "two partials include each other: `generate`", setup_partial_mutual),
    ("each-cubed", 6, "3 nested `{{#each}}` over 1,000 benefits", setup_each_cubed("generate")),
    ("each-cubed-check", 6, "the same catalog: `check`", setup_each_cubed("check")),
    ("each-silent", 6, "3 nested `{{#each}}`, no output", setup_each_silent),
    ("deep-blocks", 6, "20,000 nested `{{#if}}` in a partial", setup_deep_blocks),
    ("batch-200k", 7, "200,000 jobs, md", case_big_batch(False)),
    ("batch-200k-report", 7, "200,000 jobs, md, `--report`", case_big_batch(True)),
    ("salary-1e32", 8, "`salary.max: 1e32`", setup_salary),
    ("index-md", 9, "a user's own index.md in --out-dir", setup_index),
    ("stale-tmp", 12, "a stale `.jdgen-*.tmp` in --out-dir", setup_tmp),
    ("escape-job", 13, "escape sequences in a job file's level", setup_escape),
    ("escape-csv", 13, "escape sequences in a CSV id", setup_escape_csv),
    ("passwd", 14, "manifest `company: ../../etc/passwd`", setup_passwd),
    ("docx-links", 15, "javascript:, file:, smb: links in a template", setup_links),
]


def two_runs(bin, work, timeout, cap):
    """Item 10: two batch runs into one folder at once."""
    company_manifest(f"{work}/a.yaml", "Alpha Co", 5000)
    company_manifest(f"{work}/b.yaml", "Bravo Co", 5000)
    out = f"{work}/out"
    results = {}

    def go(name):
        results[name] = run([bin, "batch", f"{work}/{name}.yaml", "--out-dir", out, "--report", f"{work}/{name}.json"],
                            timeout, cap)
    threads = [threading.Thread(target=go, args=(n,)) for n in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    import json
    wrong = 0
    for name, marker in (("a", "Alpha Co"), ("b", "Bravo Co")):
        try:
            report = json.load(open(f"{work}/{name}.json"))
        except (OSError, ValueError):
            continue
        for job in report["jobs"]:
            if job["status"] == "written":
                for f in job["files"]:
                    if marker not in open(os.path.join(out, f)).read():
                        wrong += 1
    a, b = results["a"], results["b"]
    return (f"{max(a.wall, b.wall):.2f}", f"{max(a.peak_mb, b.peak_mb):.0f}", f"{a.code}/{b.code}",
            f"{wrong} files reported written hold the other run's content; "
            + first_line(b.stderr if b.code == 2 else a.stderr if a.code == 2 else ""))


def disk_full(bin, work, timeout, cap):
    """Item 11: the output folder's file system fills up."""
    mount = f"{work}/small"
    os.makedirs(mount)
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1M", "tmpfs", mount], stderr=subprocess.DEVNULL).returncode:
        return ("-", "-", "-", "skipped: cannot mount a tmpfs (needs root)")
    try:
        typical_manifest(f"{work}/m.yaml", 400)
        r = run([bin, "batch", f"{work}/m.yaml", "--out-dir", f"{mount}/out", "--format", "md,docx",
                 "--report", f"{work}/report.json"], timeout, cap)
        written = len([n for n in os.listdir(f"{mount}/out") if not n.startswith(".")]) if os.path.isdir(f"{mount}/out") else 0
        report = "report written" if os.path.exists(f"{work}/report.json") else "no report"
        listed = len(re.findall(r"^failed: ", r.stderr, re.M))
        summary = "summary" if re.search(r"^batch: ", r.stderr, re.M) else "no summary"
        return (f"{r.wall:.2f}", f"{r.peak_mb:.0f}", str(r.code),
                f"{written} files in the folder, {listed} failures listed, {report}, {summary}, {count_tmp(mount + '/out')} .tmp left")
    finally:
        subprocess.run(["umount", mount])


def interrupted(sig):
    def case(bin, work, timeout, cap):
        """Item 12: a run stopped by a signal; then a re-run."""
        typical_manifest(f"{work}/m.yaml", 20000)
        out = f"{work}/out"
        r = run([bin, "batch", f"{work}/m.yaml", "--out-dir", out, "--format", "md,docx", "--jobs", "2"],
                timeout, cap, signal_after=3.0, sig=sig)
        left = count_tmp(out)
        again = run([bin, "batch", f"{work}/m.yaml", "--out-dir", out, "--format", "md,docx"], timeout, cap)
        return (f"{r.wall:.2f}", f"{r.peak_mb:.0f}", f"{r.code}, re-run {again.code}",
                f"{left} .tmp left by the {signal.Signals(sig).name}ed run, {count_tmp(out)} after the re-run; "
                + first_line(r.stderr))
    return case


SPECIAL = [
    ("two-runs", 10, "two batch runs into one folder at once (5,000 jobs each)", two_runs),
    ("disk-full", 11, "disk full: 400 jobs md+docx into a 1 MB tmpfs", disk_full),
    ("sigint", 12, "SIGINT after 3 s of a 20,000-job batch", interrupted(signal.SIGINT)),
    ("sigkill", 12, "SIGKILL after 3 s of a 20,000-job batch", interrupted(signal.SIGKILL)),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "jdgen"))
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--cap-mb", type=int, default=6000)
    parser.add_argument("--only", default="")
    parser.add_argument("--tmp", default=None, help="where the cases' folders go (e.g. /dev/shm: no disk in the figures)")
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    only = set(filter(None, args.only.split(",")))
    if args.list:
        for name, item, what, _ in CASES + SPECIAL:
            print(f"{name:24} item {item:2}  {what}")
        return
    print(f"jdgen: {args.bin}; {os.cpu_count()} cores; timeout {args.timeout:.0f} s, memory cap {args.cap_mb} MB\n")
    print("| case | item | input | wall s | peak MB | exit | what happened |")
    print("|---|---|---|---|---|---|---|")
    for name, item, what, setup in CASES:
        if only and name not in only:
            continue
        with tempfile.TemporaryDirectory(prefix="jdgen-hostile-", dir=args.tmp) as work:
            spec = setup(args.bin, work)
            r = run(spec["cmd"], args.timeout, args.cap_mb, spec.get("stdin_bytes"), spec.get("stdin_total", 0))
            said = r.killed or first_line(r.stderr)
            if "check" in spec and not r.killed:
                said = spec["check"](r, work) + ("; " + first_line(r.stderr) if first_line(r.stderr) else "")
            note = f" ({spec['note']})" if "note" in spec else ""
            print(f"| {name} | {item} | {what}{note} | {r.wall:.2f} | {r.peak_mb:.0f} | {r.code} | {said.replace('|', '/')} |",
                  flush=True)
    for name, item, what, case in SPECIAL:
        if only and name not in only:
            continue
        with tempfile.TemporaryDirectory(prefix="jdgen-hostile-", dir=args.tmp) as work:
            wall, peak, code, said = case(args.bin, work, args.timeout, args.cap_mb)
            print(f"| {name} | {item} | {what} | {wall} | {peak} | {code} | {said.replace('|', '/')} |", flush=True)


if __name__ == "__main__":
    main()
