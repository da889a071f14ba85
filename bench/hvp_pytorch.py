#!/usr/bin/python3
"""PyTorch (Python) on the second-order workloads of bench.second_order (docs/performance.md,
"Second order"): 784 -> 100 ReLU -> 10 with biases, mean softmax cross-entropy, batch 64; one
call of the gradient, of the Hessian-vector product H.v, and of the Jacobian-vector product of
the scores, along the direction v of every param.

The weights, inputs, labels and the direction are bench.second_order's, value for value: the
splitmix64 streams of bench/common.cpp (the workload mlp_784_100_10_train_b64) and of
bench/second_order_common.cpp (the direction) are ported here, vectorised with NumPy's wrapping
uint64 (the i-th draw of splitmix64 from seed s is mix(s + (i + 1) * golden)). Each form is first
checked against the R-op written by hand in float64 NumPy (relative error <= 1e-4; else exit 1).

The forms timed (the net as torch.nn.functional calls on tensors that require grad):

  grad      mlp_784_100_10_grad_b64/pytorch: torch.autograd.grad(loss, params)
  hvp       mlp_784_100_10_hvp_b64/pytorch_double_backward: g = grad(loss, params,
            create_graph=True), then grad(sum(g . v), params) (reverse-over-reverse)
            .../pytorch_functional: torch.autograd.functional.hvp(f, params, v) (its
            double-backward trick: a third backward pass)
            .../pytorch_forward_ad: forward-over-reverse: params as dual tensors
            (torch.autograd.forward_ad), grad(loss, params), the tangents of the gradients
            .../pytorch_functorch: forward-over-reverse: functorch.jvp(functorch.grad(f), ...)
  jvp       mlp_784_100_10_jvp_b64/pytorch_forward_ad: the scores of dual params
            .../pytorch_functorch: functorch.jvp(scores, params, v)
            .../pytorch_functional: torch.autograd.functional.jvp (double-backward trick)

PyTorch 1.13 has no forward-mode rule for the backward of cross_entropy (nll_loss_backward,
_log_softmax_backward_data), so the forward-over-reverse forms write the same loss as
mean(logsumexp(s) - s[label]) (torch.logsumexp); the others use F.cross_entropy. The best HVP
form is "PyTorch's best" in docs/performance.md.

Writes a Google Benchmark-style JSON (one entry per repetition, wall-clock ns per call; one
thread, so CPU time is the same) that scripts/perf_report.py reads beside bench.second_order's:

  OPENBLAS_NUM_THREADS=1 taskset -c 1 /usr/bin/python3 bench/hvp_pytorch.py \\
      --out bench/results/second_order_pytorch.json
"""
import argparse
import json
import sys
import time

import numpy as np
import torch
import torch.autograd.forward_ad as fwAD
import torch.nn.functional as F

SIZES = [784, 100, 10]
BATCH = 64
GOLDEN = np.uint64(0x9E3779B97F4A7C15)
MASK = (1 << 64) - 1


def splitmix(seed, start, count):
    """Draws start .. start+count-1 of splitmix64 from `seed`, as uint64."""
    with np.errstate(over="ignore"):
        z = np.uint64(seed) + (np.arange(start + 1, start + count + 1, dtype=np.uint64) * GOLDEN)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def uniform(seed, start, count):
    """common.cpp's rng::uniform(): uniform in [-1, 1) with 24 significant bits, in float64."""
    return (splitmix(seed, start, count) >> np.uint64(40)).astype(np.float64) * 2.0 ** -23 - 1.0


def layers(seed, start):
    """The weights and biases drawn as make_problem/make_direction draw them (W column by
    column), as float32; returns them and the next draw's index."""
    out = []
    for fan_in, fan_out in zip(SIZES, SIZES[1:]):
        w = (uniform(seed, start, fan_in * fan_out) / np.sqrt(fan_in)).astype(np.float32)
        start += fan_in * fan_out
        out.append(w.reshape(fan_in, fan_out).T.copy())  # drawn column-major: W(i, j), i fastest
        out.append((0.1 * uniform(seed, start, fan_out)).astype(np.float32))
        start += fan_out
    return out, start


def problem():
    seed = 0x6578707274656E  # "exprnet", then one step per layer width, as common.cpp
    for s in SIZES:
        seed = (seed * 1000003 + s) & MASK
    params, start = layers(seed, 0)
    x = uniform(seed, start, SIZES[0] * BATCH).astype(np.float32).reshape(BATCH, SIZES[0])  # one sample per row
    start += SIZES[0] * BATCH
    labels = (splitmix(seed, start, BATCH) % np.uint64(SIZES[-1])).astype(np.int64)
    direction, _ = layers(0x646972656374696F, 0)  # "directio"
    return params, direction, x, labels


def reference(params, direction, x, labels):
    """float64 NumPy: loss, gradient, H.v and J.v by the hand-written R-op (samples as rows)."""
    W1, b1, W2, b2 = (p.astype(np.float64) for p in params)
    V1, vb1, V2, vb2 = (p.astype(np.float64) for p in direction)
    x = x.astype(np.float64)
    n = x.shape[0]
    Y = np.eye(SIZES[-1])[labels]
    Z = x @ W1.T + b1
    mask = (Z > 0).astype(np.float64)
    H = Z * mask
    S = H @ W2.T + b2
    top = S.max(axis=1, keepdims=True)
    E = np.exp(S - top)
    P = E / E.sum(axis=1, keepdims=True)
    loss = float(np.mean(top[:, 0] + np.log(E.sum(axis=1)) - (S * Y).sum(axis=1)))
    DS = (P - Y) / n
    DZ = (DS @ W2) * mask
    grad = [DZ.T @ x, DZ.sum(axis=0), DS.T @ H, DS.sum(axis=0)]
    RH = (x @ V1.T + vb1) * mask
    RS = H @ V2.T + RH @ W2.T + vb2
    RDS = P * (RS - (P * RS).sum(axis=1, keepdims=True)) / n
    RDZ = (DS @ V2 + RDS @ W2) * mask
    hv = [RDZ.T @ x, RDZ.sum(axis=0), RDS.T @ H + DS.T @ RH, RDS.sum(axis=0)]
    return loss, grad, hv, RS


def rel_err(got, want):
    got = [np.asarray(g, dtype=np.float64) for g in got]
    num = sum(float(((g - w) ** 2).sum()) for g, w in zip(got, want))
    den = sum(float((w ** 2).sum()) for w in want)
    return (num / den) ** 0.5


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--repetitions", type=int, default=5)
    ap.add_argument("--min-time", type=float, default=0.5, help="seconds per repetition")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)

    params_np, direction_np, x_np, labels_np = problem()
    ref_loss, ref_grad, ref_hv, ref_jv = reference(params_np, direction_np, x_np, labels_np)
    ref_dot = sum(float((g * d.astype(np.float64)).sum()) for g, d in zip(ref_grad, direction_np))
    print(f"hvp_pytorch: float64 reference: loss {ref_loss:.9f}, v.grad {ref_dot:.9f} (bench.second_order prints its own)")

    x = torch.from_numpy(x_np)
    labels = torch.from_numpy(labels_np)
    onehot = F.one_hot(labels, SIZES[-1]).to(torch.float32)
    params = tuple(torch.from_numpy(p).requires_grad_() for p in params_np)
    plain = tuple(torch.from_numpy(p) for p in params_np)
    v = tuple(torch.from_numpy(p) for p in direction_np)

    def scores(W1, b1, W2, b2):
        return F.linear(F.relu(F.linear(x, W1, b1)), W2, b2)

    def loss_ce(W1, b1, W2, b2):
        return F.cross_entropy(scores(W1, b1, W2, b2), labels)

    def loss_lse(W1, b1, W2, b2):  # the same loss, with a forward-mode rule for its backward
        s = scores(W1, b1, W2, b2)
        return (torch.logsumexp(s, 1) - (s * onehot).sum(1)).mean()

    def grad():
        L = loss_ce(*params)
        return L, torch.autograd.grad(L, params)

    def hvp_double_backward():
        L = loss_ce(*params)
        g = torch.autograd.grad(L, params, create_graph=True)
        dot = sum((gi * vi).sum() for gi, vi in zip(g, v))
        return L, torch.autograd.grad(dot, params)

    def hvp_functional():
        return torch.autograd.functional.hvp(loss_ce, plain, v)

    def hvp_forward_ad():
        with fwAD.dual_level():
            duals = tuple(fwAD.make_dual(p, t) for p, t in zip(params, v))
            L = loss_lse(*duals)
            g = torch.autograd.grad(L, duals)
            return fwAD.unpack_dual(L).primal, tuple(fwAD.unpack_dual(gi).tangent for gi in g)

    def jvp_forward_ad():
        with fwAD.dual_level():
            out = scores(*(fwAD.make_dual(p, t) for p, t in zip(plain, v)))
            return None, (fwAD.unpack_dual(out).tangent,)

    def jvp_functional():
        s, t = torch.autograd.functional.jvp(scores, plain, v)
        return None, (t,)

    forms = [
        ("mlp_784_100_10_grad_b64", "pytorch", grad, ref_grad),
        ("mlp_784_100_10_hvp_b64", "pytorch_double_backward", hvp_double_backward, ref_hv),
        ("mlp_784_100_10_hvp_b64", "pytorch_functional", hvp_functional, ref_hv),
        ("mlp_784_100_10_hvp_b64", "pytorch_forward_ad", hvp_forward_ad, ref_hv),
        ("mlp_784_100_10_jvp_b64", "pytorch_forward_ad", jvp_forward_ad, [ref_jv]),
        ("mlp_784_100_10_jvp_b64", "pytorch_functional", jvp_functional, [ref_jv]),
    ]
    try:
        import functorch  # bundled with Debian's python3-torch 1.13

        def hvp_functorch():
            g = functorch.grad(lambda ps: loss_lse(*ps))
            _, hv = functorch.jvp(g, (plain,), (v,))
            return None, hv

        def jvp_functorch():
            _, t = functorch.jvp(scores, plain, v)
            return None, (t,)

        forms.insert(4, ("mlp_784_100_10_hvp_b64", "pytorch_functorch", hvp_functorch, ref_hv))
        forms.append(("mlp_784_100_10_jvp_b64", "pytorch_functorch", jvp_functorch, [ref_jv]))
    except ImportError:
        print("hvp_pytorch: no functorch; its forms are not timed", file=sys.stderr)

    errors = {}
    for workload, system, fn, want in forms:
        L, got = fn()
        err = rel_err([g.detach().numpy() for g in got], want)
        if L is not None:
            err = max(err, abs(float(L) - ref_loss) / abs(ref_loss))
        if not err <= 1e-4:
            print(f"hvp_pytorch: {workload}/{system} differs from the float64 reference (relative error {err:.2e})",
                  file=sys.stderr)
            return 1
        errors[system, workload] = err
        for _ in range(5):  # warm-up: OpenBLAS's buffers, the allocator's caches
            fn()
    runs = []
    for rep in range(args.repetitions):  # the repetitions of all forms interleaved, like bench.second_order's
        for workload, system, fn, _ in forms:
            name = f"{workload}/{system}"
            calls, start = 0, time.perf_counter()
            while True:
                fn()
                calls += 1
                elapsed = time.perf_counter() - start
                if elapsed >= args.min_time:
                    break
            ns = elapsed / calls * 1e9
            runs.append({"name": name, "run_name": name, "run_type": "iteration", "repetition_index": rep,
                         "iterations": calls, "real_time": ns, "cpu_time": ns, "time_unit": "ns",
                         "check_rel_err": errors[system, workload]})
    for workload, system, _, _ in forms:
        name = f"{workload}/{system}"
        times = sorted(r["real_time"] for r in runs if r["name"] == name)
        print(f"hvp_pytorch: {name}: median {times[len(times) // 2] / 1e3:.0f} us, "
              f"check error {errors[system, workload]:.1e}")
    context = {"pytorch": torch.__version__, "threads": args.threads, "timing": "wall clock per call"}
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump({"context": context, "benchmarks": runs}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
