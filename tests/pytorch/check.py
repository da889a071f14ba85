#!/usr/bin/python3
"""PyTorch as the oracle of one imported architecture (tests/pytorch/CMakeLists.txt).

    check.py <arch> <dir> <oracle program>

Rebuilds the PyTorch model, loads into it the weights scripts/onnx_to_exprnet.py wrote
(<dir>/<arch>.npz, by state_dict name, strictly: the names round-trip), runs the exprnet program
(oracle.cpp) on the same batch, and compares, each as max |exprnet - torch| / max |torch| over the
array (a relative error that does not blow up where a value is near zero):
    the output                                      <= 1e-5
    the loss                                        <= 1e-5
    every parameter's gradient (torch.autograd)     <= 1e-4
    the parameters after one SGD step and one Adam step (torch.optim), with the same
    hyper-parameters, from the same gradient (PyTorch's, which this script writes as
    <dir>/torch_grads.npz for the program)          <= 1e-5
    the same steps from exprnet's own gradient: SGD <= 1e-5; Adam's is printed, not checked (its
    first step lr · g / (|g| + eps) magnifies a gradient's rounding near zero up to lr / eps times)
Prints each figure (docs/from-pytorch.md quotes them) and exits non-zero if any is over.
"""
import os
import subprocess
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import models  # noqa: E402

OUTPUT, LOSS, GRAD, STEP = 1e-5, 1e-5, 1e-4, 1e-5


def relative(mine, theirs):
    mine, theirs = np.asarray(mine, np.float64), np.asarray(theirs, np.float64)
    if mine.shape != theirs.shape:
        return float("inf")
    scale = np.max(np.abs(theirs))
    return float(np.max(np.abs(mine - theirs)) / scale) if scale > 0 else float(np.max(np.abs(mine)))


def main():
    arch, folder, program = sys.argv[1:4]
    model, x, y, labels = models.build(arch)
    weights = np.load(os.path.join(folder, arch + ".npz"))
    model.load_state_dict({k: torch.from_numpy(weights[k]) for k in weights.files}, strict=True)

    output = model(x)
    loss_fn = models.ARCHITECTURES[arch][2]
    if loss_fn == "mse":
        loss = torch.nn.functional.mse_loss(output, y)
    else:
        loss = torch.nn.functional.cross_entropy(model.scores(x), labels)
    model.zero_grad()
    loss.backward()
    named = dict(model.named_parameters())
    np.savez(os.path.join(folder, "torch_grads.npz"), **{k: v.grad.numpy() for k, v in named.items()})

    done = subprocess.run([program, folder], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        sys.exit(f"{program} failed ({done.returncode}): {done.stderr}")

    failures = []

    def check(what, mine, theirs, limit):
        r = relative(mine, theirs)
        print(f"{arch:20} {what:36} {r:.2e}  (limit {limit:.0e})")
        if not r <= limit:
            failures.append(what)

    read = lambda name: np.fromfile(os.path.join(folder, name), dtype=np.float32)  # noqa: E731
    check("output", read("output.f32").reshape(output.shape), output.detach().numpy(), OUTPUT)
    check("loss " + loss_fn, read("loss.f32"), [loss.item()], LOSS)
    grads = np.load(os.path.join(folder, "grads.npz"))
    errors = {k: relative(grads[k], named[k].grad.numpy()) for k in grads.files if k in named}
    worst = max(errors, key=errors.get)
    print(f"{arch:20} {'gradient (worst: ' + worst + ')':36} {errors[worst]:.2e}  (limit {GRAD:.0e})")
    failures += [f"gradient {k}" for k, r in errors.items() if not r <= GRAD]
    if sorted(grads.files) != sorted(named):
        failures.append(f"gradient names {sorted(grads.files)} != {sorted(named)}")

    for optimizer, file in ((lambda ps: torch.optim.SGD(ps, lr=0.1), "sgd"),
                            (lambda ps: torch.optim.Adam(ps, lr=0.01, weight_decay=0.001), "adam")):
        with torch.no_grad():
            step = {k: v.clone().requires_grad_(True) for k, v in named.items()}
            for k, v in step.items():
                v.grad = named[k].grad.clone()
            optimizer(list(step.values())).step()
        for suffix, limit in (("_from_torch_grads", STEP), ("", STEP if file == "sgd" else None)):
            mine = np.load(os.path.join(folder, file + suffix + ".npz"))
            r = max(relative(mine[k], step[k].detach().numpy()) for k in step)
            what = f"one {file} step, {'same gradient' if suffix else 'own gradient'}"
            print(f"{arch:20} {what:36} {r:.2e}  " + (f"(limit {limit:.0e})" if limit else "(not checked)"))
            if limit and not r <= limit:
                failures.append(file + suffix)
    if failures:
        sys.exit(f"{arch}: over the limit: {', '.join(failures)}")


if __name__ == "__main__":
    main()
