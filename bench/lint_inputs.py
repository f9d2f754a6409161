#!/usr/bin/env python3
"""Writes the inputs bench/lint-speed.sh times `jdgen lint` on, into a folder.

Usage: lint_inputs.py DIR

- rockstar-{1,2,4}mb.md: "We want a rockstar." repeated (issue 13, item 3: one finding a line);
- lines-60mb.md: 60 MB of short lines of ordinary job-ad wording;
- postings-10mb.md: the 45 real postings of tests/corpus/, repeated to 10 MB;
- nested-{3000,100000}.docx: <w:p> nested in <w:p> (issue 13, item 4), zipped as Word does;
- corpus/: the 45 real postings, one file each.
"""
import os
import pathlib
import shutil
import sys
import zipfile

out = pathlib.Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
root = pathlib.Path(__file__).resolve().parent.parent


def repeat_to(path, unit, size):
    with open(path, "w") as f:
        f.write(unit * (size // len(unit)))


for mb in (1, 2, 4):
    repeat_to(out / f"rockstar-{mb}mb.md", "We want a rockstar.\n", mb * 1024 * 1024)
repeat_to(
    out / "lines-60mb.md",
    "- Plan the roadmap with the team.\n- Talk to customers every week.\n- Share what you learn.\n",
    60 * 1024 * 1024,
)
postings = sorted((root / "tests/corpus/postings").glob("*.md"))
corpus = out / "corpus"
corpus.mkdir(exist_ok=True)
for posting in postings:
    shutil.copy(posting, corpus / posting.name)
repeat_to(out / "postings-10mb.md", "\n\n".join(p.read_text() for p in postings) + "\n\n", 10 * 1024 * 1024)

WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
for depth in (3000, 100_000):
    xml = (
        f'<?xml version="1.0"?><w:document xmlns:w="{WORD}"><w:body>'
        + "<w:p>" * depth
        + "<w:r><w:t>We want a rockstar.</w:t></w:r>"
        + "</w:p>" * depth
        + "</w:body></w:document>"
    )
    with zipfile.ZipFile(out / f"nested-{depth}.docx", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("word/document.xml", xml)
for path in sorted(out.iterdir()):
    if path.is_file():
        print(f"{path.name}: {os.path.getsize(path):,} bytes")
