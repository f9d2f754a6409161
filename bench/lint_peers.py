#!/usr/bin/env python3
"""Measures `jdgen lint` against its peers (issue 11's table), on tests/corpus/.

Usage: lint_peers.py JDGEN [--before OLD_JDGEN] [--joblint JOBLINT_DIR] [--alex "npx alex"]

1. joblint's 253 trigger terms (tests/corpus/peers/joblint-triggers.csv, one sentence each):
   the share each tool flags, by category. A term counts as flagged when a finding's span
   covers it: for jdgen a dedicated rule (not length, readability or the per-word gender
   notices), for alex any warning.
2. The 45 real postings: warnings and errors that are true problems, by the judgement
   tables (tests/corpus/judgements*.csv for jdgen; peers/joblint-corpus.csv and
   peers/alex-corpus.csv for the peers, re-run when their tools are given).
3. Must-have lists, degree notices and pay-transparency errors, from the same tables.
4. gender-decoder's word-by-word agreement: its published method (lower case, non-ASCII
   dropped, split at spaces and punctuation, hyphenated words split unless they start
   with a hyphenated stem, a word counts for each stem it starts with), reimplemented
   here, on each posting without its headings, against jdgen's coded-word lists.
"""
import argparse
import collections
import csv
import json
import os
import pathlib
import re
import subprocess
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests/corpus"
MEASURES = {"length", "readability", "gender-coded-word", "gender-coding"}


def rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def lint_files(binary, paths, extra=()):
    out = subprocess.run([binary, "lint", *paths, "--format", "json", *extra], capture_output=True, text=True)
    return json.loads(out.stdout)["files"]


def term_span(sentence, term):
    at = sentence.lower().find(term.lower())
    return (at, at + len(term)) if at >= 0 else (0, len(sentence))


def flagged_by_jdgen(binary, triggers, tmp):
    paths = []
    for i, row in enumerate(triggers):
        path = tmp / f"s{i:04}.md"
        path.write_text(row["sentence"])
        paths.append(str(path))
    flagged = []
    for row, report in zip(triggers, lint_files(binary, paths)):
        start, end = term_span(row["sentence"], row["term"])
        hit = False
        for f in report["findings"]:
            if f["rule"] in MEASURES or f["column"] is None:
                continue
            a = f["column"] - 1
            b = a + len(f["quote"] or "")
            hit |= a < end and start < b
        flagged.append(hit)
    return flagged


ALEX_LINE = re.compile(r"^\s*(\d+):(\d+)(?:-(\d+):(\d+))?\s+warning\s+(.*?)\s{2,}(\S+)\s+(\S+)\s*$")


def alex_warnings(alex, paths):
    """alex's warnings per file: (line, start column, end column or None, rule id)."""
    out = subprocess.run(alex.split() + list(paths), capture_output=True, text=True)
    found = collections.defaultdict(list)
    current = None
    for line in (out.stdout + out.stderr).splitlines():
        if not line.startswith(" ") and line.strip():
            current = line.strip()
            continue
        m = ALEX_LINE.match(line)
        if m and current:
            found[current].append((int(m[1]), int(m[2]), int(m[4]) if m[4] else None, m[6]))
    return found


def flagged_by_alex(alex, triggers, tmp):
    paths = []
    for i, row in enumerate(triggers):
        path = tmp / f"a{i:04}.md"
        path.write_text(row["sentence"] + "\n")
        paths.append(path)
    found = alex_warnings(alex, [str(p) for p in paths])
    flagged = []
    for row, path in zip(triggers, paths):
        start, end = term_span(row["sentence"], row["term"])
        warnings = next((v for k, v in found.items() if k.endswith(path.name)), [])
        flagged.append(any(s - 1 < end and start < (e - 1 if e else s) for _, s, e, _ in warnings))
    return flagged


def share(flags, triggers, category=None):
    picked = [f for f, r in zip(flags, triggers) if category is None or r["category"] == category]
    return f"{100 * sum(picked) / len(picked):.0f}% ({sum(picked)}/{len(picked)})" if picked else "-"


def job_yaml(row):
    lines = []
    place = {k: row[k] for k in ("city", "region", "country") if row[k]}
    if place:
        lines.append("location: {" + ", ".join(f'{k}: "{v}"' for k, v in place.items()) + "}")
    if row["workplace"]:
        lines.append(f"workplace: {row['workplace']}")
    if row["remote_countries"]:
        lines.append("remote: {countries: [" + ", ".join(row["remote_countries"].split()) + "]}")
    lines.append(f"date_posted: {row['date_posted']}")
    return "\n".join(lines) + "\n"


def gender_decoder_words(text, masculine, feminine):
    """gender-decoder's method (app/models.py), reimplemented: the coded words of `text`."""
    text = "".join(c if ord(c) < 128 else " " for c in text)
    text = re.sub(r"\s", " ", text)
    words = [w.lower() for w in re.sub(r"[\.\t\,“”‘’<>\*\?\!\"\[\]\@\':;\(\)\./&]", " ", text).split(" ") if w]
    hyphenated = [s for s in masculine + feminine if "-" in s]
    split = []
    for w in words:
        if "-" in w and not any(w.startswith(s) for s in hyphenated):
            split.extend(p for p in w.split("-") if p)
        else:
            split.append(w)
    m = [w for w in split for s in masculine if w.startswith(s) and w != "sharepoint"]
    f = [w for w in split for s in feminine if w.startswith(s) and w != "sharepoint"]
    return m, f


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("jdgen")
    parser.add_argument("--before")
    parser.add_argument("--joblint")
    parser.add_argument("--alex")
    args = parser.parse_args()
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="jdgen-peers."))
    triggers = rows(CORPUS / "peers/joblint-triggers.csv")
    categories = list(dict.fromkeys(r["category"] for r in triggers))
    in_scope = [c for c in categories if "out of scope" not in c]

    columns = [("jdgen", flagged_by_jdgen(args.jdgen, triggers, tmp))]
    if args.before:
        columns.insert(0, ("jdgen before", flagged_by_jdgen(args.before, triggers, tmp)))
    if args.alex:
        columns.append(("alex", flagged_by_alex(args.alex, triggers, tmp)))
    print("## joblint's trigger terms flagged (a sentence each; tests/corpus/peers/joblint-triggers.csv)\n")
    print("| category | terms | " + " | ".join(name for name, _ in columns) + " |")
    print("|---|---|" + "---|" * len(columns))
    for category in categories:
        n = sum(r["category"] == category for r in triggers)
        print(f"| {category} | {n} | " + " | ".join(share(f, triggers, category) for _, f in columns) + " |")
    scope = [r["category"] in in_scope for r in triggers]
    sub = [r for r, s in zip(triggers, scope) if s]
    print(f"| **the categories that matter** | {len(sub)} | " + " | ".join(share([x for x, s in zip(f, scope) if s], sub) for _, f in columns) + " |")
    print(f"| all 19 rules | {len(triggers)} | " + " | ".join(share(f, triggers) for _, f in columns) + " |")

    # The real postings.
    index = rows(CORPUS / "index.csv")
    print(f"\n## {len(index)} real postings (tests/corpus/)\n")
    tables = [("jdgen", rows(CORPUS / "judgements.csv"))]
    if (CORPUS / "judgements-before.csv").exists():
        tables.insert(0, ("jdgen before", rows(CORPUS / "judgements-before.csv")))
    print("| measure | " + " | ".join(name for name, _ in tables) + " | joblint | alex |")
    print("|---|" + "---|" * (len(tables) + 2))

    def serious(t):
        found = [r for r in t if r["level"] in ("warning", "error") and r["verdict"] in ("true", "false")]
        true = sum(r["verdict"] == "true" for r in found)
        return f"{true} of {len(found)} true ({100 * (len(found) - true) / max(len(found), 1):.0f}% false)"

    def peer(name, table):
        t = rows(CORPUS / f"peers/{table}")
        true = sum(r["verdict"] == "true" for r in t)
        return f"{true} of {len(t)} true"

    def warnings(t):
        found = [r for r in t if r["level"] == "warning" and r["verdict"] in ("true", "false")]
        true = sum(r["verdict"] == "true" for r in found)
        return f"{true} of {len(found)} true ({100 * (len(found) - true) / max(len(found), 1):.0f}% false)"

    print("| warnings that are true problems | " + " | ".join(warnings(t) for _, t in tables) + " | - | - |")
    print("| warnings and errors that are true problems (every issue for the peers) | " + " | ".join(serious(t) for _, t in tables) + f" | {peer('joblint', 'joblint-corpus.csv')} | {peer('alex', 'alex-corpus.csv')} |")

    def count(t, rule, verdict, level=None):
        return sum(r["rule"] == rule and r["verdict"] == verdict and (level is None or r["level"] == level) for r in t)

    def all_findings(t):
        judged = [r for r in t if r["verdict"] in ("true", "false")]
        true = sum(r["verdict"] == "true" for r in judged)
        missed = sum(r["verdict"] == "missed" for r in t)
        return f"precision {100 * true / len(judged):.1f}% ({true}/{len(judged)}), recall {100 * true / (true + missed):.1f}% ({missed} missed)"

    print("| every finding (notices too) | " + " | ".join(all_findings(t) for _, t in tables) + " | - | - |")
    print("| too-many-requirements: missed, false | " + " | ".join(f"{count(t, 'too-many-requirements', 'missed')} missed, {count(t, 'too-many-requirements', 'false')} false" for _, t in tables) + " | - | - |")
    print("| degree notices that are true | " + " | ".join(f"{count(t, 'degree-without-equivalent', 'true')} of {count(t, 'degree-without-equivalent', 'true') + count(t, 'degree-without-equivalent', 'false')} ({count(t, 'degree-without-equivalent', 'missed')} missed)" for _, t in tables) + " | - | - |")
    print("| pay-transparency errors: true, false | " + " | ".join(f"{count(t, 'pay-transparency', 'true', 'error')} true, {count(t, 'pay-transparency', 'false', 'error')} false" for _, t in tables) + " | - | - |")
    print("| coded-word notices that are true | " + " | ".join(f"{count(t, 'gender-coded-word', 'true')} of {count(t, 'gender-coded-word', 'true') + count(t, 'gender-coded-word', 'false')}" for _, t in tables) + " | - | - |")

    # Re-run the peers on the postings and check their tables still hold.
    postings = [str(CORPUS / "postings" / f"{r['id']}.md") for r in index]
    if args.joblint:
        runner = tmp / "run-joblint.js"
        runner.write_text(
            "var joblint = require(process.argv[2] + '/lib/joblint'); var fs = require('fs');\n"
            "process.argv.slice(3).forEach(function (file) { var text = fs.readFileSync(file, 'utf8');\n"
            "  joblint(text).issues.forEach(function (i) { console.log(JSON.stringify({file: file, rule: i.name,"
            " quote: i.occurance, line: text.slice(0, i.position).split('\\n').length})); }); });\n"
        )
        out = subprocess.run(["node", str(runner), args.joblint, *postings], capture_output=True, text=True, check=True).stdout
        got = collections.Counter((os.path.basename(j["file"])[:-3], str(j["line"]), j["rule"], j["quote"]) for j in map(json.loads, out.splitlines()))
        want = collections.Counter((r["posting"], r["line"], r["rule"], r["quote"]) for r in rows(CORPUS / "peers/joblint-corpus.csv"))
        print(f"\njoblint re-run: {sum(got.values())} issues; {'matches' if got == want else 'DIFFERS FROM'} peers/joblint-corpus.csv")
    if args.alex:
        found = alex_warnings(args.alex, postings)
        got = collections.Counter()
        for file, warnings in found.items():
            for line, _, _, rule in warnings:
                got[(pathlib.Path(file).stem, str(line), rule)] += 1
        want = collections.Counter((r["posting"], r["line"], r["rule"]) for r in rows(CORPUS / "peers/alex-corpus.csv"))
        print(f"alex re-run: {sum(got.values())} warnings; {'matches' if got == want else 'DIFFERS FROM'} peers/alex-corpus.csv")

    # gender-decoder agreement, word by word.
    stems = rows(CORPUS / "peers/gender-decoder-words.csv")
    masculine = [r["stem"] for r in stems if r["list"] == "masculine"]
    feminine = [r["stem"] for r in stems if r["list"] == "feminine"]
    agree = total = 0
    differences = collections.Counter()
    for row, report in zip(index, lint_files(args.jdgen, postings)):
        text = (CORPUS / "postings" / f"{row['id']}.md").read_text()
        body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
        gm, gf = gender_decoder_words(body, masculine, feminine)
        coding = report["summary"]["gender_coding"]
        for theirs, ours in ((gm, coding["masculine_words"]), (gf, coding["feminine_words"])):
            a, b = collections.Counter(theirs), collections.Counter(ours)
            agree += sum((a & b).values())
            total += max(sum(a.values()), sum(b.values()))
            for word, n in ((a - b) + (b - a)).items():
                differences[word] += n
    print(f"\ngender-decoder word-by-word agreement: {100 * agree / max(total, 1):.1f}% ({agree}/{total})")
    print("words counted by one and not the other (most frequent): " + ", ".join(f"{w} x{n}" for w, n in differences.most_common(12)))


if __name__ == "__main__":
    main()
