#!/usr/bin/python3
"""Regenerates the compiler transcripts in docs/diagnostics.md from the compilers themselves.

Every "**Mistake n**" section ends in a ```text block: for each error g++ prints when
examples/docs_diagnostics.cpp is compiled with -DEXPRNET_MISTAKE=n, the `required from here`
line that points into the example, then the error. "Reading an error" shows all that g++ prints
for mistake 2, then clang++'s errors and the notes that point into the example.

Usage: scripts/diagnostics_transcripts.py [--check]
  --check  change nothing; exit 1 and name the sections that differ (line numbers move whenever a
           header is edited, so run this after editing headers the messages come from)
"""
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "diagnostics.md"
EXAMPLE = "examples/docs_diagnostics.cpp"
FLAGS = ["-std=c++20", "-fsyntax-only", "-Iinclude", "-isystem", "/usr/include/eigen3"]


def compile_mistake(compiler, n, extra=()):
    run = subprocess.run([compiler, *FLAGS, *extra, f"-DEXPRNET_MISTAKE={n}", EXAMPLE],
                         cwd=ROOT, capture_output=True, text=True)
    if run.returncode == 0:
        sys.exit(f"diagnostics_transcripts: mistake {n} compiled without an error under {compiler}")
    return run.stderr.splitlines()


def gxx_errors(n):
    """The error lines, each after the last `required from here` line that precedes it."""
    out, here = [], None
    for line in compile_mistake("g++", n, ["-fno-diagnostics-color"]):
        if line.startswith(EXAMPLE) and line.endswith("required from here"):
            here = line
        elif " error: " in line:
            out += ([here] if here else []) + [line]
            here = None
    return out


def gxx_full(n):
    return [l for l in compile_mistake("g++", n, ["-fno-diagnostics-color"])
            if not l.startswith("compilation terminated")]


def clang_errors(n):
    return [l for l in compile_mistake("clang++", n, ["-fno-color-diagnostics"])
            if " error: " in l or (l.startswith(EXAMPLE) and "requested here" in l)]


def replace_block(text, anchor_re, lines, name, changed):
    """Replaces the first ```text block after the anchor."""
    m = re.search(anchor_re, text)
    if not m:
        sys.exit(f"diagnostics_transcripts: no section '{name}' in docs/diagnostics.md")
    start = text.index("```text\n", m.end()) + len("```text\n")
    end = text.index("```", start)
    new = "\n".join(lines) + "\n"
    if text[start:end] != new:
        changed.append(name)
    return text[:start] + new + text[end:]


def main():
    check = "--check" in sys.argv[1:]
    text = DOC.read_text()
    changed = []
    text = replace_block(text, r"## Reading an error\n", gxx_full(2), "reading: g++", changed)
    text = replace_block(text, r"The same error from clang\+\+ 14:\n", clang_errors(2),
                         "reading: clang++", changed)
    for n in sorted({int(k) for k in re.findall(r"\*\*Mistake (\d+)\*\* in the example", text)}):
        text = replace_block(text, rf"\*\*Mistake {n}\*\* in the example", gxx_errors(n),
                             f"mistake {n}", changed)
    if check:
        if changed:
            print("docs/diagnostics.md is out of date: " + ", ".join(changed))
            return 1
        print("docs/diagnostics.md transcripts are current")
        return 0
    DOC.write_text(text)
    print("updated: " + (", ".join(changed) if changed else "nothing"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
