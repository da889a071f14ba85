#!/usr/bin/env python3
"""Compile time and peak compiler memory of exprnet programs (issue 3, deliverable 4).

For MLPs of depth 2, 3, 4, 8, 16 and 32 (depth = number of weight layers; 784 inputs, hidden
width 64, 10 outputs, relu between layers, a bias on every layer) this script writes one
translation unit per mode, the way a user would write it:

  forward    compile<batch<1>>(scores), called once
  training   compile<batch<64>>(softmax_cross_entropy(scores, y), wrt(W1, b1, ...)), called once
  handwritten  the same training step hand-written in plain Eigen (no exprnet): the reference
             for what Eigen alone costs to compile on this machine
  headers    (depth 0) only #include <exprnet/exprnet.hpp> and an empty main: the fixed cost

and compiles each with g++ and clang++ as `-std=c++20 -O2 -c`, timed by /usr/bin/time.
Time is CPU time (user + sys, the compiler driver and all its children), not wall time, and the
minimum over --runs runs; memory is the peak resident set of the largest process, in MiB.

Writes bench/results/compile_time.csv (compiler,mode,depth,cpu_seconds,peak_mib), prints a
table and the budget verdicts of issue 3:

  - the 3-layer training program compiles in <= 4 s with g++ -O2 (and, as a check that does
    not depend on the machine's speed, in no more time than the hand-written Eigen step);
  - depth 32 compiles in <= 30 s and <= 2048 MiB (both modes, both compilers);
  - growth is about linear in depth: the seconds per layer between depths 16 and 32 are at
    most twice those between depths 2 and 4 (a quadratic cost would make them ~8x).

The second-order cases (issue 19; `--cases second_order` runs only them, in minutes) compile
the 784 -> 100 relu -> 10 net of the runtime benchmarks (bench/), batch 64, each program called
once, and the cost of the Boost.Hana header:

  so_training    compile<batch<64>>(loss, wrt(W1, b1, W2, b2)): its training program
  so_hvp         compile<batch<64>>(hvp(loss, wrt(W1, b1, W2, b2))): H.v, forward-over-reverse
  so_ror         the training program of sum(grad(loss, P) . direction(P)) over the four params:
                 H.v, reverse-over-reverse (for information)
  so_jvp         compile<batch<64>>(jvp(scores, wrt(W1, b1, W2, b2))) (for information)
  hana_base      (depth 0) #include <exprnet/exprnet.hpp> and an empty main, as `headers`
  hana_header    (depth 0) the same plus #include <exprnet/hana.hpp>
  hana_all       (depth 0) the same plus all of <boost/hana.hpp> instead (for information)
  plan_wrt       the 784-100-10 net and the type of compile<batch<64>>(loss, wrt(W1, W2)),
                 without calling it (planning only, as examples/docs_hana.cpp uses it)
  plan_wrt_hana  the same with wrt(hana::filter(params_of(loss), name_starts_with<"W">))

(depth 2 is the 784-100-10 net here.) They are written to
bench/results/compile_time_second_order.csv (same columns) with the budget of issue 19:

  - the HVP program compiles in at most twice the time of the training program (g++ -O2).

A compilation that fails or exceeds --timeout is recorded with cpu_seconds `error` or
`timeout` (peak_mib is still what was measured) and fails its budgets. Exits 0 even when a
budget fails, unless --check is given.

Usage: python3 scripts/compile_time.py [--runs 3] [--depths 2,3,4,8,16,32]
       [--compilers g++,clang++] [--timeout 600] [--keep DIR] [--check]
       [--cases depth,second_order] [--tree DIR]
       python3 scripts/compile_time.py --cases second_order   # only the second-order cases
"""

import argparse
import csv
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CSV_PATH = os.path.join(ROOT, "bench", "results", "compile_time.csv")
SO_CSV_PATH = os.path.join(ROOT, "bench", "results", "compile_time_second_order.csv")
FLAGS = ["-std=c++20", "-O2", "-c", "-isystem", "/usr/include/eigen3", "-I", os.path.join(ROOT, "include")]

INPUTS, WIDTH, CLASSES, TRAIN_BATCH = 784, 64, 10, 64
DEFAULT_DEPTHS = [2, 3, 4, 8, 16, 32]

BUDGET_3_LAYER_TRAINING_GXX = 4.0  # seconds
BUDGET_DEPTH_32_SECONDS = 30.0
BUDGET_DEPTH_32_MIB = 2048.0
BUDGET_SLOPE_RATIO = 2.0  # seconds per layer at 16..32 over seconds per layer at 2..4
BUDGET_HVP_OVER_TRAINING = 2.0  # issue 19: the HVP program's g++ -O2 time over its training program's

SO_HIDDEN = 100  # the second-order cases' net: 784 -> 100 relu -> 10, the runtime benchmarks' (bench/)


# ---------------------------------------------------------------------------------------------
# The translation units

def network(depth):
    """Declarations of the symbols and the layers of a depth-`depth` MLP, ending in `scores`."""
    sizes = [INPUTS] + [WIDTH] * (depth - 1) + [CLASSES]
    lines = [f'constexpr auto x = input<"x", {INPUTS}>;',
             f'constexpr auto y = input<"y", {CLASSES}>;']
    for i in range(1, depth + 1):
        lines.append(f'constexpr auto W{i} = param<"W{i}", {sizes[i]}, {sizes[i - 1]}>;')
        lines.append(f'constexpr auto b{i} = param<"b{i}", {sizes[i]}>;')
    lines.append("")
    below = "x"
    for i in range(1, depth):
        lines.append(f"constexpr auto h{i} = relu(W{i} * {below} + b{i});")
        below = f"h{i}"
    lines.append(f"constexpr auto scores = W{depth} * {below} + b{depth};")
    return lines


def forward_main(depth):
    return f"""
int main(int argc, char**) {{
    static auto infer = compile<batch<1>>(scores);
    static params_for<decltype(scores)> p;
    p.flat().setConstant(0.01f);
    const Eigen::VectorXf xb = Eigen::VectorXf::Constant({INPUTS}, float(argc));
    const auto out = infer(p, x = xb);
    std::printf("scores[0] = %f, sum %f\\n", out(0, 0), out.sum());
    return 0;
}}"""


def training_main(depth):
    params = ", ".join(f"W{i}, b{i}" for i in range(1, depth + 1))
    return f"""
constexpr auto loss = softmax_cross_entropy(scores, y);

int main(int argc, char**) {{
    static auto train = compile<batch<{TRAIN_BATCH}>>(loss, wrt({params}));
    static params_for<decltype(loss)> p;
    static grads_for<decltype(loss)> g;
    p.flat().setConstant(0.01f);
    const Eigen::MatrixXf xb = Eigen::MatrixXf::Constant({INPUTS}, {TRAIN_BATCH}, float(argc));
    Eigen::MatrixXf yb = Eigen::MatrixXf::Zero({CLASSES}, {TRAIN_BATCH});
    yb.row(0).setOnes();
    const float L = train(p, g, x = xb, y = yb);
    std::printf("loss %f, |dL/dP|^2 %f\\n", L, g.flat().squaredNorm());
    return 0;
}}"""


def handwritten_training(depth):
    """The same training step as training_main, hand-written in Eigen the way its documentation
    teaches (dynamic-size matrices, `colwise() + b`, products by operator*): the reference that
    says how much of a program's compile time is Eigen's and how much exprnet's."""
    sizes = [INPUTS] + [WIDTH] * (depth - 1) + [CLASSES]
    n = TRAIN_BATCH
    L = ["// exprnet compile-time benchmark: hand-written Eigen training step of a depth-"
         f"{depth} MLP ({INPUTS} -> {WIDTH} x {depth - 1} -> {CLASSES}), the reference for "
         "the exprnet training program.",
         "#include <Eigen/Core>", "", "#include <cstdio>", "",
         "using M = Eigen::MatrixXf;", "using V = Eigen::VectorXf;", "",
         "int main(int argc, char**) {"]
    for i in range(1, depth + 1):
        L.append(f"    static M W{i} = M::Constant({sizes[i]}, {sizes[i - 1]}, 0.01f);")
        L.append(f"    static V b{i} = V::Constant({sizes[i]}, 0.01f);")
    L += [f"    const M h0 = M::Constant({INPUTS}, {n}, float(argc));",
          f"    M y = M::Zero({CLASSES}, {n});", "    y.row(0).setOnes();"]
    for i in range(1, depth):
        L.append(f"    const M h{i} = ((W{i} * h{i - 1}).colwise() + b{i}).cwiseMax(0.0f);")
    L += [f"    const M s = (W{depth} * h{depth - 1}).colwise() + b{depth};",
          "    const Eigen::RowVectorXf top = s.colwise().maxCoeff();",
          "    const M e = (s.rowwise() - top).array().exp().matrix();",
          "    const Eigen::RowVectorXf total = e.colwise().sum();",
          f"    const float L = ((top.array() + total.array().log()).sum() - (y.array() * s.array()).sum()) / {n};",
          f"    M dz = ((e.array().rowwise() / total.array()).matrix() - y) / {n};",
          "    float norm = 0;"]
    for i in range(depth, 0, -1):
        L.append(f"    norm += (dz * h{i - 1}.transpose()).squaredNorm() + dz.rowwise().sum().squaredNorm();")
        if i > 1:
            L.append(f"    dz = (W{i}.transpose() * dz).cwiseProduct((h{i - 1}.array() > 0).cast<float>().matrix());")
    L += ['    std::printf("loss %f, |dL/dP|^2 %f\\n", L, norm);', "    return 0;", "}"]
    return "\n".join(L) + "\n"


SO_NET = f"""constexpr auto x = input<"x", {INPUTS}>;
constexpr auto y = input<"y", {CLASSES}>;
constexpr auto W1 = param<"W1", {SO_HIDDEN}, {INPUTS}>;
constexpr auto b1 = param<"b1", {SO_HIDDEN}>;
constexpr auto W2 = param<"W2", {CLASSES}, {SO_HIDDEN}>;
constexpr auto b2 = param<"b2", {CLASSES}>;
constexpr auto scores = W2 * relu(W1 * x + b1) + b2;
constexpr auto loss = softmax_cross_entropy(scores, y);
"""

SO_DATA = f"""    static params_for<decltype(loss)> p, v;
    p.flat().setConstant(0.01f);
    v.flat().setConstant(0.02f);
    const Eigen::MatrixXf xb = Eigen::MatrixXf::Constant({INPUTS}, {TRAIN_BATCH}, float(argc));
    Eigen::MatrixXf yb = Eigen::MatrixXf::Zero({CLASSES}, {TRAIN_BATCH});
    yb.row(0).setOnes();
"""

SO_MAINS = {
    "so_training": f"""
int main(int argc, char**) {{
    static auto train = compile<batch<{TRAIN_BATCH}>>(loss, wrt(W1, b1, W2, b2));
    static grads_for<decltype(loss)> g;
{SO_DATA}    const float L = train(p, g, x = xb, y = yb);
    std::printf("loss %f, |dL/dP|^2 %f\\n", L, g.flat().squaredNorm());
    return 0;
}}""",
    "so_hvp": f"""
int main(int argc, char**) {{
    static auto h = compile<batch<{TRAIN_BATCH}>>(hvp(loss, wrt(W1, b1, W2, b2)));
    static grads_for<decltype(loss)> hv;
{SO_DATA}    const float L = h(p, v, hv, x = xb, y = yb);
    std::printf("loss %f, |Hv|^2 %f\\n", L, hv.flat().squaredNorm());
    return 0;
}}""",
    "so_ror": f"""
constexpr auto dot = sum(hadamard(grad(loss, W1), direction(W1))) + sum(hadamard(grad(loss, b1), direction(b1))) +
                     sum(hadamard(grad(loss, W2), direction(W2))) + sum(hadamard(grad(loss, b2), direction(b2)));

int main(int argc, char**) {{
    static auto r = compile<batch<{TRAIN_BATCH}>>(dot, wrt(W1, b1, W2, b2));
    static grads_for<decltype(loss)> hv;
{SO_DATA}    const float d = r(p, v, hv, x = xb, y = yb);
    std::printf("v.grad %f, |Hv|^2 %f\\n", d, hv.flat().squaredNorm());
    return 0;
}}""",
    "so_jvp": f"""
int main(int argc, char**) {{
    static auto j = compile<batch<{TRAIN_BATCH}>>(jvp(scores, wrt(W1, b1, W2, b2)));
{SO_DATA}    static_cast<void>(yb);
    const auto out = j(p, v, x = xb);
    std::printf("Jv[0] = %f, sum %f\\n", out(0, 0), out.sum());
    return 0;
}}""",
}

SECOND_ORDER_CASES = [("so_training", 2), ("so_hvp", 2), ("so_ror", 2), ("so_jvp", 2), ("hana_base", 0),
                      ("hana_header", 0), ("hana_all", 0), ("plan_wrt", 2), ("plan_wrt_hana", 2)]


def second_order_unit(mode):
    if mode in ("hana_base", "hana_header", "hana_all"):
        extra = {"hana_base": "", "hana_header": "#include <exprnet/hana.hpp>\n",
                 "hana_all": "#include <boost/hana.hpp>\n"}[mode]
        return f"#include <exprnet/exprnet.hpp>\n{extra}\nint main() {{}}\n"
    head = [f"// exprnet compile-time benchmark: {mode} of the {INPUTS} -> {SO_HIDDEN} -> {CLASSES} net, "
            f"batch {TRAIN_BATCH}.", "#include <exprnet/exprnet.hpp>"]
    if mode == "plan_wrt_hana":
        head += ["#include <exprnet/hana.hpp>", "", "#include <boost/hana/filter.hpp>"]
    head += ["", "#include <cstdio>", "", "using namespace exprnet;", ""]
    if mode in ("plan_wrt", "plan_wrt_hana"):
        chosen = ("W1, W2" if mode == "plan_wrt" else
                  'boost::hana::filter(params_of(loss), name_starts_with<"W">)')
        body = f"""
constexpr auto chosen = wrt({chosen});
using planned = decltype(compile<batch<{TRAIN_BATCH}>>(loss, chosen));

int main() {{
    std::printf("%d steps, %ld multiply-adds per sample\\n", planned::step_count, planned::multiply_adds_per_sample);
    return 0;
}}"""
    else:
        body = SO_MAINS[mode]
    return "\n".join(head) + "\n" + SO_NET + body + "\n"


def translation_unit(mode, depth):
    if mode in SO_MAINS or any(mode == m for m, _ in SECOND_ORDER_CASES):
        return second_order_unit(mode)
    if mode == "handwritten":
        return handwritten_training(depth)
    if mode == "headers":
        return "#include <exprnet/exprnet.hpp>\n\nint main() {}\n"
    head = [f"// exprnet compile-time benchmark: {mode} program of a depth-{depth} MLP "
            f"({INPUTS} -> {WIDTH} x {depth - 1} -> {CLASSES}).",
            "#include <exprnet/exprnet.hpp>", "", "#include <cstdio>", "",
            "using namespace exprnet;", ""]
    body = forward_main(depth) if mode == "forward" else training_main(depth)
    return "\n".join(head + network(depth)) + "\n" + body + "\n"


def cases(depths):
    yield "headers", 0
    for mode in ("forward", "training", "handwritten"):
        for d in depths:
            yield mode, d


# ---------------------------------------------------------------------------------------------
# Measuring

def ensure_gnu_time():
    if os.access("/usr/bin/time", os.X_OK):
        return
    print("compile_time: installing GNU time (package `time`)", file=sys.stderr)
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run(sudo + ["apt-get", "install", "-y", "-q", "time"], check=True)


def compile_once(compiler, source, workdir, timeout):
    """One timed compilation: (cpu_seconds, peak_mib, status) with status ok, error or timeout."""
    stats = os.path.join(workdir, "time.txt")
    obj = os.path.join(workdir, "out.o")
    # `timeout` runs under `time`, so a killed compiler's usage is still counted.
    cmd = ["/usr/bin/time", "-f", "%U %S %M", "-o", stats,
           "timeout", "--kill-after=10", str(timeout), compiler] + FLAGS + [source, "-o", obj]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    user, sys_, max_kib = open(stats).read().split()[-3:]
    status = "ok" if proc.returncode == 0 else "timeout" if proc.returncode in (124, 137) else "error"
    if status == "error":
        # The first error and the notes that say why (a type in a message can be 100 KB long).
        why = [line[:300] for line in proc.stderr.splitlines() if "error" in line or "limit" in line]
        print(f"compile_time: {compiler} {os.path.basename(source)} failed:\n  " + "\n  ".join(why[:4]),
              file=sys.stderr)
    return float(user) + float(sys_), int(max_kib) / 1024.0, status


def measure(compilers, case_list, runs, timeout, workdir):
    """{(compiler, mode, depth): (cpu_seconds, peak_mib, status)}, the minimum over runs."""
    sources = {}
    for mode, depth in case_list:
        path = os.path.join(workdir, f"{mode}_{depth}.cpp")
        with open(path, "w") as f:
            f.write(translation_unit(mode, depth))
        sources[mode, depth] = path
    results = {}
    for run in range(runs):  # runs interleaved, so a burst of load on the machine hits one run
        for (mode, depth), path in sources.items():
            for compiler in compilers:
                key = (compiler, mode, depth)
                if key in results and results[key][2] != "ok":
                    continue  # do not retry what failed or timed out
                cpu, mib, status = compile_once(compiler, path, workdir, timeout)
                print(f"  run {run + 1}/{runs}  {compiler:8} {mode:13} depth {depth:2}: "
                      f"{cpu:7.2f} s  {mib:7.0f} MiB  {status}", file=sys.stderr, flush=True)
                old = results.get(key)
                if old is None or status != "ok":
                    results[key] = (cpu, mib, status)
                else:
                    results[key] = (min(old[0], cpu), min(old[1], mib), status)
    return results


# ---------------------------------------------------------------------------------------------
# Reporting

def write_csv(results, path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["compiler", "mode", "depth", "cpu_seconds", "peak_mib"])
        for (compiler, mode, depth), (cpu, mib, status) in results.items():
            w.writerow([compiler, mode, depth, f"{cpu:.2f}" if status == "ok" else status, f"{mib:.0f}"])


def print_table(results, compilers, depths):
    print(f"{'mode':11} {'depth':>5}" + "".join(f" {c + ' s':>10} {c + ' MiB':>12}" for c in compilers))
    for mode, depth in cases(depths):
        row = f"{mode:11} {depth:5}"
        for c in compilers:
            cpu, mib, status = results[c, mode, depth]
            row += f" {cpu:10.2f} {mib:12.0f}" if status == "ok" else f" {status:>10} {mib:12.0f}"
        print(row)


def verdicts(results, compilers, depths):
    """[(budget, measured, ok)] for every budget the measured depths allow checking."""
    out = []

    def seconds(c, mode, d):
        cpu, _, status = results[c, mode, d]
        return cpu if status == "ok" else None

    if "g++" in compilers and 3 in depths:
        s = seconds("g++", "training", 3)
        out.append(("3-layer training, g++ -O2 <= 4 s", "failed" if s is None else f"{s:.2f} s",
                    s is not None and s <= BUDGET_3_LAYER_TRAINING_GXX))
        hw = seconds("g++", "handwritten", 3)
        out.append(("3-layer training, g++ -O2 <= hand-written Eigen of the same step",
                    "failed" if None in (s, hw) else f"{s:.2f} s vs {hw:.2f} s (x{s / hw:.2f})",
                    None not in (s, hw) and s <= hw))
    if 32 in depths:
        for c in compilers:
            for mode in ("forward", "training"):
                cpu, mib, status = results[c, mode, 32]
                ok = status == "ok" and cpu <= BUDGET_DEPTH_32_SECONDS and mib <= BUDGET_DEPTH_32_MIB
                shown = f"{cpu:.2f} s, {mib:.0f} MiB" if status == "ok" else f"{status} after {cpu:.0f} s, {mib:.0f} MiB"
                out.append((f"depth 32 {mode}, {c} <= 30 s and <= 2048 MiB", shown, ok))
    if all(d in depths for d in (2, 4, 16, 32)):
        for c in compilers:
            for mode in ("forward", "training"):
                t = {d: seconds(c, mode, d) for d in (2, 4, 16, 32)}
                if None in t.values():
                    out.append((f"linear growth, {mode}, {c}", "a compilation failed", False))
                    continue
                small = (t[4] - t[2]) / 2
                large = (t[32] - t[16]) / 16
                ratio = large / small if small > 0 else float("inf")
                out.append((f"linear growth, {mode}, {c}: s/layer 16..32 <= 2 x s/layer 2..4",
                            f"{large:.3f} vs {small:.3f} s/layer (x{ratio:.1f})",
                            large <= BUDGET_SLOPE_RATIO * max(small, 0.0) or large <= 0.05))
    return out


def print_second_order(results, compilers):
    print(f"{'mode':13} {'depth':>5}" + "".join(f" {c + ' s':>10} {c + ' MiB':>12}" for c in compilers))
    for mode, depth in SECOND_ORDER_CASES:
        row = f"{mode:13} {depth:5}"
        for c in compilers:
            cpu, mib, status = results[c, mode, depth]
            row += f" {cpu:10.2f} {mib:12.0f}" if status == "ok" else f" {status:>10} {mib:12.0f}"
        print(row)


def second_order_verdicts(results, compilers):
    """[(budget or figure, measured, ok)]: issue 19's budget (g++), and the same ratio and the
    Hana header's cost for every compiler (ok None: a figure, not a budget)."""
    out = []

    def seconds(c, mode, d):
        cpu, _, status = results[c, mode, d]
        return cpu if status == "ok" else None

    for c in compilers:
        h, t = seconds(c, "so_hvp", 2), seconds(c, "so_training", 2)
        shown = "failed" if None in (h, t) else f"{h:.2f} s vs {t:.2f} s (x{h / t:.2f})"
        ok = None not in (h, t) and h <= BUDGET_HVP_OVER_TRAINING * t
        out.append((f"784-100-10 HVP program, {c} -O2 <= 2 x its training program", shown, ok if c == "g++" else None))
        r = seconds(c, "so_ror", 2)
        if None not in (r, t):
            out.append((f"784-100-10 reverse-over-reverse program, {c}", f"{r:.2f} s (x{r / t:.2f} the training program)", None))
        base, hana = seconds(c, "hana_base", 0), seconds(c, "hana_header", 0)
        if None not in (base, hana):
            mib = results[c, "hana_header", 0][1] - results[c, "hana_base", 0][1]
            out.append((f"<exprnet/hana.hpp>, {c}", f"{hana - base:+.2f} s, {mib:+.0f} MiB over <exprnet/exprnet.hpp> "
                        f"({base:.2f} s)", None))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3, help="runs per compilation; the minimum is kept")
    ap.add_argument("--depths", default=",".join(map(str, DEFAULT_DEPTHS)), help="comma-separated depths")
    ap.add_argument("--compilers", default="g++,clang++", help="comma-separated: g++, clang++")
    ap.add_argument("--timeout", type=int, default=600, help="seconds per compilation before it is killed")
    ap.add_argument("--csv", default=CSV_PATH, help="where to write the table (default: %(default)s)")
    ap.add_argument("--keep", metavar="DIR", help="write the translation units to DIR and keep them")
    ap.add_argument("--check", action="store_true", help="exit 1 if any budget fails")
    ap.add_argument("--cases", default="depth,second_order",
                    help="comma-separated groups: depth (the MLPs by depth, to --csv), second_order (the "
                         "784-100-10 HVP and training programs and the Hana header, to --so-csv)")
    ap.add_argument("--so-csv", default=SO_CSV_PATH, help="the second-order cases' table (default: %(default)s)")
    ap.add_argument("--tree", default=ROOT,
                    help="the exprnet tree whose include/ the units compile against (default: this one; e.g. a "
                         "`git archive` of a commit, to measure it while this tree has edits in progress)")
    args = ap.parse_args()
    FLAGS[FLAGS.index(os.path.join(ROOT, "include"))] = os.path.join(os.path.abspath(args.tree), "include")
    groups = [g for g in args.cases.split(",") if g]
    for g in groups:
        if g not in ("depth", "second_order"):
            ap.error(f"unknown group {g!r} (depth, second_order)")

    depths = sorted({int(d) for d in args.depths.split(",") if d})
    if any(d < 2 for d in depths):
        ap.error("depths start at 2 (depth 0 is the headers-only row, always measured)")
    compilers = [c for c in args.compilers.split(",") if c]
    for c in compilers:
        if c not in ("g++", "clang++"):
            ap.error(f"unknown compiler {c!r} (g++, clang++)")
        if not shutil.which(c):
            ap.error(f"{c} is not installed")
    ensure_gnu_time()

    case_list = (list(cases(depths)) if "depth" in groups else []) + \
        (SECOND_ORDER_CASES if "second_order" in groups else [])
    if args.keep:
        os.makedirs(args.keep, exist_ok=True)
        results = measure(compilers, case_list, args.runs, args.timeout, args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="exprnet-compile-time-") as tmp:
            results = measure(compilers, case_list, args.runs, args.timeout, tmp)

    checks = []
    if "depth" in groups:
        depth_results = {k: v for k, v in results.items() if (k[1], k[2]) in set(cases(depths))}
        write_csv(depth_results, args.csv)
        print(f"\nCPU seconds (user + sys) and peak MiB, minimum of {args.runs} run(s); written to "
              f"{os.path.relpath(args.csv, ROOT)}\n")
        print_table(results, compilers, depths)
        print("\nBudgets (issue 3):")
        depth_checks = verdicts(results, compilers, depths)
        for name, measured, ok in depth_checks:
            print(f"  {'PASS' if ok else 'FAIL'}  {name}: {measured}")
        checks += depth_checks
    if "second_order" in groups:
        so_results = {k: v for k, v in results.items() if (k[1], k[2]) in set(SECOND_ORDER_CASES)}
        write_csv(so_results, args.so_csv)
        print(f"\nSecond-order cases: CPU seconds and peak MiB, minimum of {args.runs} run(s); written to "
              f"{os.path.relpath(args.so_csv, ROOT)}\n")
        print_second_order(results, compilers)
        print("\nBudget (issue 19) and figures:")
        for name, measured, ok in second_order_verdicts(results, compilers):
            print(f"  {'    ' if ok is None else 'PASS' if ok else 'FAIL'}  {name}: {measured}")
            if ok is not None:
                checks.append((name, measured, ok))
    failed = sum(not ok for _, _, ok in checks)
    print(f"\n{len(checks) - failed} of {len(checks)} budgets met")
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    sys.exit(main())
