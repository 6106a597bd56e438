"""Links each glossary term at its first use in the notebooks: notebooks/glossary.md's terms.

usage: glossary-links.py [--check] [--list] [NOTEBOOK ...]

  (no option)  make each term's first use a link, [word](glossary.md#anchor), and write the
               notebooks that changed (markdown cells only); running it twice changes nothing
  --check      change nothing; exit 1, listing every term whose first use is not linked (and any
               link to glossary.md#anchor with no such heading), 0 when there is none
  --list       change nothing; print where each term is first used, with its context
  NOTEBOOK     the notebooks to read, in reading order (default: notebooks/NN-*.ipynb, sorted)

A term is a `### Term` heading of glossary.md; its anchor is GitHub's (lower case, punctuation
dropped, spaces to hyphens), which the site's glossary.html uses too (scripts/site-glossary.mjs).
TERMS below lists the words that count as a use of each. A use is a whole word, in any case, in a
markdown cell, outside headings, code, LaTeX, links, HTML tags and <summary>; a word inside a longer
term's phrase ("gradient" in "gradient descent") is that phrase's, not its own. Where the first use
is already a link to the term's anchor, nothing changes; a later link to it is left alone.
"""

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
GLOSSARY = NOTEBOOKS / "glossary.md"

# anchor: the words that are a use of it (any case), and contexts that are not (regex on the text
# around a use, 40 characters each side)
TERMS = {
    "activation-function": (["activation functions", "activation function", "activations", "activation"], []),
    "backpropagation": (["backpropagation"], []),
    "batch": (["mini-batches", "mini-batch", "batches", "batch"], []),
    "bias": (["biases", "bias"], []),
    "cross-entropy": (["cross-entropy"], []),
    "decision-boundary": (["decision boundaries", "decision boundary", "boundaries", "boundary"], []),
    "derivative": (["derivatives", "derivative", "slopes", "slope"], []),
    "epoch": (["epochs", "epoch"], []),
    # an error thrown by a call is not this error
    "error": (["errors", "error"], [r"read the error", r"throws? an? \w*error"]),
    "gradient": (["gradients", "gradient"], []),
    "gradient-descent": (["gradient descent"], []),
    "hidden-layer": (["hidden layers", "hidden layer"], []),
    "iteration": (["iterations", "iteration"], []),
    "l1-and-l2-regularisation": (
        ["L1 and L2 regularisation", "L1 regularisation", "L2 regularisation", "regularisation", "weight decay", "L1", "L2"],
        [],
    ),
    "learning-rate": (["learning rates", "learning rate"], []),
    "loss": (["losses", "loss"], []),
    "mean-squared-error": (["mean squared error", "squared error"], []),
    "neuron": (["neurons", "neuron"], []),
    "one-hot": (["one-hot"], []),
    "overfitting": (["overfitting", "overfits", "overfit"], []),
    "perceptron": (["perceptrons", "perceptron"], []),
    "relu": (["ReLU"], []),
    "seed": (["seeding", "seeded", "seeds", "seed"], []),
    "sigmoid": (["sigmoids", "sigmoid"], []),
    "softmax": (["softmax"], []),
    "standardising": (["standardising", "standardised", "standardise", "standardisation"], []),
    "tanh": (["tanh"], []),
    "training-set-and-test-set": (["training sets", "training set", "test sets", "test set"], []),
    "weight": (["weights", "weight"], []),
    "weighted-sum": (["weighted sums", "weighted sum"], []),
}

# what is never a use: a heading line, fenced code, $$…$$ and $…$, `code`, a link or image (kept
# apart: its target is read), an autolink, <summary>…</summary>, <code>…</code>, any other HTML tag
PROTECTED = re.compile(
    r"^[ \t]*#{1,6}[ \t][^\n]*"
    r"|^[ \t]*```.*?^[ \t]*```"
    r"|\$\$.+?\$\$"
    r"|(?<![\\$])\$(?!\s)(?:\\.|[^$\\])+?\$"
    r"|(`+).+?\1"
    r"|<summary\b.*?</summary>"
    r"|<code\b.*?</code>"
    r"|<https?:[^>]*>"
    r"|</?[A-Za-z][^>]*>",
    re.M | re.S,
)
LINK = re.compile(r"!?\[((?:[^\[\]]|\[[^\]]*\])*)\]\(([^()\s]*(?:\([^()]*\))?[^()\s]*)(?:\s+\"[^\"]*\")?\)")
GLOSSARY_LINK = re.compile(r"^(?:\./)?glossary\.md#(.+)$")


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def glossary_terms(path: Path = GLOSSARY) -> dict:
    """The glossary's terms: anchor → heading, from its `### ` headings."""
    headings = re.findall(r"^###[ \t]+(.+?)[ \t]*#*$", path.read_text(encoding="utf-8"), re.M)
    return {slug(h): h for h in headings}


def word(variant: str) -> str:
    """A variant as a whole word, any case, spaces matching any run of white space."""
    body = r"\s+".join(re.escape(part) for part in variant.split())
    return rf"(?<![\w-]){body}(?![\w-])"


PATTERNS = {a: re.compile("|".join(word(v) for v in vs), re.I) for a, (vs, _) in TERMS.items()}
SKIPS = {a: [re.compile(s, re.I) for s in skips] for a, (_, skips) in TERMS.items()}
# for each term, the other terms whose phrases hold one of its words ("gradient descent", "gradient")
LONGER = {
    a: [b for b in TERMS if b != a and any(PATTERNS[a].search(v) for v in TERMS[b][0] if " " in v)]
    for a in TERMS
}


def source(cell) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def set_source(cell, text: str) -> None:
    if isinstance(cell["source"], str):
        cell["source"] = text
        return
    parts = text.split("\n")
    cell["source"] = [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def scan(text: str):
    """The cell's free spans (where a use may be) and its glossary links: [(start, end)], [(start, anchor)]."""
    taken, links = [], []
    for m in LINK.finditer(text):
        taken.append(m.span())
        target = GLOSSARY_LINK.match(m.group(2))
        if target:
            links.append((m.start(), target.group(1)))
    for m in PROTECTED.finditer(text):
        if not any(s <= m.start() < e for s, e in taken):
            taken.append(m.span())
    free, at = [], 0
    for s, e in sorted(taken):
        if s > at:
            free.append((at, s))
        at = max(at, e)
    free.append((at, len(text)))
    return free, links


def first_event(anchor: str, text: str):
    """The first use of `anchor`'s term in `text`, or its first link: ("use", start, end) or ("link", start)."""
    free, links = scan(text)
    shadows = [m.span() for b in LONGER[anchor] for m in PATTERNS[b].finditer(text)]

    def counts(m) -> bool:
        inside = any(a <= m.start() and m.end() <= b for a, b in shadows)
        around = text[max(0, m.start() - 40) : m.end() + 40]
        return not inside and not any(skip.search(around) for skip in SKIPS[anchor])

    uses = (m for s, e in free for m in PATTERNS[anchor].finditer(text, s, e) if counts(m))
    use = next((("use", m.start(), m.end()) for m in uses), None)
    link = next((("link", s) for s, a in links if a == anchor), None)
    events = [event for event in (use, link) if event]
    return min(events, key=lambda event: event[1]) if events else None


def notebook_paths(args) -> list:
    if args:
        return [Path(a) for a in args]
    return sorted(p for p in NOTEBOOKS.glob("*.ipynb") if re.match(r"\d\d-", p.name))


def run(paths, mode: str) -> int:
    known = glossary_terms()
    unlisted = sorted(set(known) ^ set(TERMS))
    if unlisted:
        print(f"glossary.md's headings and TERMS differ: {', '.join(unlisted)}", file=sys.stderr)
        return 2
    books = [(p, json.loads(p.read_text(encoding="utf-8"))) for p in paths]
    changed, problems = set(), []
    # the longer phrases first: a link made for one never holds another term's first use
    for anchor in sorted(TERMS, key=lambda a: -max(len(v) for v in TERMS[a][0])):
        found = None
        for path, nb in books:
            for index, cell in enumerate(nb["cells"]):
                if cell["cell_type"] != "markdown":
                    continue
                event = first_event(anchor, source(cell))
                if event:
                    found = (path, nb, index, cell, event)
                    break
            if found:
                break
        if not found:
            if mode == "list":
                print(f"{known[anchor]}: not used")
            continue
        path, nb, index, cell, event = found
        text = source(cell)
        where = f"{path.name}, cell {index}"
        if mode == "list":
            start = event[1]
            context = text[max(0, start - 40) : start + 50].replace("\n", " ")
            print(f"{known[anchor]}: {where} ({'linked' if event[0] == 'link' else 'not linked'}): …{context}…")
        elif event[0] == "use" and mode == "check":
            used = text[event[1] : event[2]]
            problems.append(f'{known[anchor]}: first used as "{used}" in {where}, not linked')
        elif event[0] == "use":
            _, start, end = event
            set_source(cell, f"{text[:start]}[{text[start:end]}](glossary.md#{anchor}){text[end:]}")
            changed.add(path)
    for path, nb in books:
        for index, cell in enumerate(nb["cells"]):
            if cell["cell_type"] == "markdown":
                for _, anchor in scan(source(cell))[1]:
                    if anchor not in known:
                        problems.append(f"{path.name}, cell {index}: glossary.md#{anchor} has no heading")
    for path, nb in books:
        if path in changed:
            path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            print(f"linked first uses in {path.name}")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


def main() -> int:
    parser = argparse.ArgumentParser(description="Link each glossary term at its first use in the notebooks.")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--check", action="store_true", help="change nothing; exit 1 if a first use is not linked")
    group.add_argument("--list", action="store_true", help="change nothing; print each term's first use")
    parser.add_argument("notebooks", nargs="*", help="notebooks in reading order (default: notebooks/NN-*.ipynb)")
    args = parser.parse_args()
    mode = "check" if args.check else "list" if args.list else "write"
    return run(notebook_paths(args.notebooks), mode)


if __name__ == "__main__":
    sys.exit(main())
