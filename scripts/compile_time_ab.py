#!/usr/bin/env python3
"""Compile time of a change: the translation units of scripts/compile_time.py compiled against
two exprnet trees, before (A) and after (B), interleaved A, B, A, B, ... so that load on the
machine hits both alike; the minimum CPU time (user + sys) and the peak memory of each.

  git worktree add /tmp/before <base commit>
  python3 scripts/compile_time_ab.py /tmp/before . --runs 5

Writes bench/results/compile_time_ab.csv (compiler,mode,depth,before_s,after_s,before_mib,
after_mib), which scripts/perf_report.py puts in docs/performance.md, and prints a table with
the ratio after/before. Exits 0 unless a compilation fails.
"""

import argparse
import csv
import importlib.util
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES = [("headers", 0), ("forward", 3), ("forward", 32), ("training", 3), ("training", 16), ("training", 32)]


def load_compile_time():
    spec = importlib.util.spec_from_file_location("compile_time", os.path.join(ROOT, "scripts", "compile_time.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def compile_once(compiler, tree, source, workdir):
    stats = os.path.join(workdir, "time.txt")
    cmd = ["/usr/bin/time", "-f", "%U %S %M", "-o", stats, compiler, "-std=c++20", "-O2", "-c", "-isystem",
           "/usr/include/eigen3", "-I", os.path.join(tree, "include"), source, "-o", os.path.join(workdir, "out.o")]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        sys.exit(f"compile_time_ab: {compiler} {os.path.basename(source)} against {tree} failed:\n{proc.stderr[:2000]}")
    user, sys_, max_kib = open(stats).read().split()[-3:]
    return float(user) + float(sys_), int(max_kib) / 1024.0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("before")
    ap.add_argument("after")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--compilers", default="g++,clang++")
    ap.add_argument("--cases", default=",".join(f"{m}:{d}" for m, d in CASES),
                    help="mode:depth,... (default: %(default)s)")
    ap.add_argument("--csv", default=os.path.join(ROOT, "bench", "results", "compile_time_ab.csv"))
    args = ap.parse_args()
    ct = load_compile_time()
    ct.ensure_gnu_time()
    rows = []
    print(f"{'compiler':8} {'mode':9} {'depth':>5} {'before s':>9} {'after s':>8} {'ratio':>6} {'before MiB':>10} {'after MiB':>9}")
    with tempfile.TemporaryDirectory(prefix="exprnet-compile-ab-") as work:
        for compiler in args.compilers.split(","):
            for mode, depth in ((m, int(d)) for m, d in (c.split(":") for c in args.cases.split(","))):
                source = os.path.join(work, f"{mode}_{depth}.cpp")
                with open(source, "w") as f:
                    f.write(ct.translation_unit(mode, depth))
                before, after = [], []
                for _ in range(args.runs):
                    before.append(compile_once(compiler, args.before, source, work))
                    after.append(compile_once(compiler, args.after, source, work))
                b = (min(t for t, _ in before), max(m for _, m in before))
                a = (min(t for t, _ in after), max(m for _, m in after))
                rows.append([compiler, mode, depth, f"{b[0]:.2f}", f"{a[0]:.2f}", f"{b[1]:.0f}", f"{a[1]:.0f}"])
                print(f"{compiler:8} {mode:9} {depth:5} {b[0]:9.2f} {a[0]:8.2f} {a[0] / b[0]:6.3f} {b[1]:10.0f} {a[1]:9.0f}",
                      flush=True)
    os.makedirs(os.path.dirname(args.csv), exist_ok=True)
    with open(args.csv, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["compiler", "mode", "depth", "before_s", "after_s", "before_mib", "after_mib"])
        w.writerows(rows)


if __name__ == "__main__":
    main()
