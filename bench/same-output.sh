#!/usr/bin/env bash
# Same output from two jdgen binaries (before and after a change that should change none):
# every built-in posting (5 roles x 4 levels x Berlin and New York) in md, docx, html and
# json, each bare posting, each through a user catalog copied by `jdgen init` (the path that
# reads and compiles files), compare (text and DOCX), check, a batch and an error message.
#
# Usage: bench/same-output.sh OLD_BINARY NEW_BINARY [WORK_DIR]   (diff -r of what each wrote)
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OLD=$(realpath "$1"); NEW=$(realpath "$2"); OUT=${3:-$(mktemp -d)}
if [ -n "$(ls -A "$OUT" 2>/dev/null)" ]; then echo "$OUT is not empty: name a new folder" >&2; exit 2; fi
mkdir -p "$OUT"
JOB=$ROOT/tests/fixtures/typical-job.yaml
run() { # name, args...
  local name=$1; shift
  for which in old new; do
    local bin=$OLD; [ $which = new ] && bin=$NEW
    mkdir -p "$OUT/$which/$name"
    (cd "$OUT/$which/$name" && "$bin" "$@" > stdout 2> stderr; echo $? > rc)
  done
}
"$NEW" init "$OUT/catalog" >/dev/null 2>&1
for role in product-manager product-owner project-owner project-manager scrum-master; do
  for level in senior lead principal head; do
    for place in "{city: Berlin, country: DE}" "{city: New York, country: US}"; do
      tag=$role-$level-$(echo "$place" | tr -dc 'A-Z')
      run "$tag" generate --job "$JOB" -r "$role" -l "$level" --set "location=$place" -f md,docx,html,json --out-dir . --name p
      run "$tag-bare" generate -r "$role" -l "$level"
      run "$tag-cat" generate --catalog "$OUT/catalog" --job "$JOB" -r "$role" -l "$level" --set "location=$place"
    done
  done
done
run compare-roles compare product-manager product-owner project-owner scrum-master -l senior
run compare-docx compare product-owner scrum-master -l head -f docx -o c.docx
run compare-levels compare -r scrum-master senior lead principal head
run check check
run batch batch "$ROOT/examples/batch.yaml" --out-dir out -f md,docx
run missing generate -r scrum-master -l head --set salary.min=1e400
run list list roles
diff -r "$OUT/old" "$OUT/new" && echo "IDENTICAL: $(find "$OUT/new" -type f | wc -l) files"
