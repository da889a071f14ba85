#!/usr/bin/python3
"""PyTorch (Python) on the batched inference workload mlp_784_100_10_infer_b256
(docs/performance.md): 784 -> 100 ReLU -> 10 as torch.nn.Linear layers, 256 samples per call,
under torch.inference_mode, on --threads threads (torch.set_num_threads; scripts/bench.sh also
sets OPENBLAS_NUM_THREADS). libtorch in bench.mlp is the same library called from C++; this is
what a Python user's call costs.

The weights and inputs follow bench/common.cpp's distributions (weights uniform in
+-1/sqrt(fan_in), biases +-0.1, inputs +-1) from NumPy's generator, not its values: the check is
against a float64 NumPy forward pass of the same weights (relative error <= 1e-4, else exit 1).

Writes a Google Benchmark-style JSON (one entry per repetition, times in ns of wall clock per
call, named mlp_784_100_10_infer_b256/pytorch or .../pytorch_2t) that scripts/perf_report.py
reads beside bench.mlp's:

  /usr/bin/python3 bench/infer_pytorch.py --threads 1 --out bench/results/runtime_pytorch_1t.json
"""
import argparse
import json
import sys
import time

import numpy as np
import torch

WORKLOAD = "mlp_784_100_10_infer_b256"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--repetitions", type=int, default=5)
    ap.add_argument("--min-time", type=float, default=0.5, help="seconds per repetition")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)

    rng = np.random.default_rng(2026)
    sizes = [784, 100, 10]
    weights = [rng.uniform(-1, 1, (o, i)) / np.sqrt(i) for i, o in zip(sizes, sizes[1:])]
    biases = [rng.uniform(-0.1, 0.1, o) for o in sizes[1:]]
    x = rng.uniform(-1, 1, (256, 784))  # PyTorch's layout: one sample per row

    model = torch.nn.Sequential(torch.nn.Linear(784, 100), torch.nn.ReLU(), torch.nn.Linear(100, 10))
    with torch.no_grad():
        for layer, w, b in zip([model[0], model[2]], weights, biases):
            layer.weight.copy_(torch.from_numpy(w.astype(np.float32)))
            layer.bias.copy_(torch.from_numpy(b.astype(np.float32)))
    model.eval()
    xt = torch.from_numpy(x.astype(np.float32))

    reference = np.maximum(x @ weights[0].T + biases[0], 0) @ weights[1].T + biases[1]
    with torch.inference_mode():
        out = model(xt).numpy().astype(np.float64)
    err = float(np.abs(out - reference).max() / np.abs(reference).max())
    if not err <= 1e-4:
        print(f"infer_pytorch: output differs from the float64 reference (relative error {err:.2e})", file=sys.stderr)
        return 1

    name = f"{WORKLOAD}/pytorch" + ("_2t" if args.threads == 2 else "" if args.threads == 1 else f"_{args.threads}t")
    runs = []
    with torch.inference_mode():
        for _ in range(3):  # warm-up: OpenBLAS's buffers, the threads
            model(xt)
        for rep in range(args.repetitions):
            calls, start = 0, time.perf_counter()
            while True:
                model(xt)
                calls += 1
                elapsed = time.perf_counter() - start
                if elapsed >= args.min_time:
                    break
            ns = elapsed / calls * 1e9
            runs.append({"name": name, "run_name": name, "run_type": "iteration", "repetition_index": rep,
                         "iterations": calls, "real_time": ns, "cpu_time": ns, "time_unit": "ns",
                         "check_rel_err": err})
    context = {"pytorch": torch.__version__, "threads": args.threads, "timing": "wall clock per call"}
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump({"context": context, "benchmarks": runs}, f, indent=1)
    print(f"infer_pytorch: {name}: median {sorted(r['real_time'] for r in runs)[len(runs) // 2] / 1e3:.1f} us, "
          f"check error {err:.1e}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
