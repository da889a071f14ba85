#!/usr/bin/python3
"""Fuzzes scripts/onnx_to_exprnet.py with mutated exported models (tests/pytorch/CMakeLists.txt).

    fuzz_importer.py [--runs N] [--seed S] <scratch dir>

Exports a few valid models with PyTorch, then imports N mutants of them in this process, each
made by a seeded random mutation: of the bytes (flips, truncation, insertion, splicing two
models) or of the parsed model (an op type, an attribute, a dimension, an initializer's shape or
values, the opset, a node or an input removed, duplicated or rewired). Every mutant must be
imported or refused with the importer's own message (its `Refused`); any other exception is a
finding: printed with its traceback and the mutant's seed, saved as <scratch>/finding-<seed>.onnx,
and the exit status is 1. Every 50th mutant goes through the command line instead, checking
that it exits with 0 or 1 and prints no traceback. Prints the counts at the end.
"""
import argparse
import os
import random
import subprocess
import sys
import traceback

import onnx
import torch
from onnx import helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPTS = os.path.join(HERE, "..", "..", "scripts")
sys.path.insert(0, SCRIPTS)
sys.path.insert(0, HERE)
import models  # noqa: E402
import onnx_to_exprnet as importer  # noqa: E402

OP_TYPES = list(importer.SUPPORTED) + ["Conv", "Abs", "Mul", "Sub", "Gather", "Concat", "Unknown", ""]


def seeds(out):
    """Serialized valid models: a few of the oracle's architectures, exported both ways."""
    found = []
    for arch in ("maxout", "no_bias", "image_prelu_softmax", "leaky_elu_mix", "six_layer"):
        model, x, _, _ = models.build(arch)
        for folding in (True, False):
            path = os.path.join(out, f"{arch}-{folding}.onnx")
            torch.onnx.export(model, x, path, input_names=["x"], dynamic_axes={"x": {0: "batch"}},
                              do_constant_folding=folding)
            found.append(open(path, "rb").read())
    return found


def mutate_bytes(rng, data, others):
    data = bytearray(data)
    kind = rng.randrange(4)
    if kind == 0:
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    elif kind == 1:
        data = data[:rng.randrange(len(data))]
    elif kind == 2:
        at = rng.randrange(len(data))
        data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
    else:
        other = rng.choice(others)
        data = data[:rng.randrange(len(data))] + other[rng.randrange(len(other)):]
    return bytes(data)


def mutate_model(rng, data):
    m = onnx.load_model_from_string(data)
    g = m.graph
    for _ in range(rng.randint(1, 3)):
        kind = rng.randrange(11)
        if kind == 0 and g.node:
            rng.choice(g.node).op_type = rng.choice(OP_TYPES)
        elif kind == 1 and g.node:
            node = rng.choice(g.node)
            value = rng.choice([0, 1, -1, 2, 0.5, -3.0, 1e30, float("nan"), [1, 0], [0], []])
            name = rng.choice(["alpha", "beta", "transA", "transB", "axis", "perm", "ratio"])
            del node.attribute[:]
            node.attribute.append(helper.make_attribute(name, value) if value != [] else helper.make_attribute(name, [1]))
        elif kind == 2 and g.input:
            dims = g.input[0].type.tensor_type.shape.dim
            if dims:
                d = rng.choice(dims)
                if rng.random() < 0.3:
                    d.dim_param = "n"
                else:
                    d.dim_value = rng.choice([0, 1, 2, 7, 48, 2**31, 2**62])
        elif kind == 3 and g.initializer:
            t = rng.choice(g.initializer)
            a = numpy_helper.to_array(t)
            shape = rng.choice([(a.size,), (1, a.size), (a.size, 1), (0,), (2, 3), a.shape[::-1]])
            try:
                b = a.reshape(shape)
            except ValueError:
                b = a.reshape(-1)[: max(1, a.size // 2)]
            if rng.random() < 0.2 and b.dtype.kind == "f":
                b = b.copy()
                b.reshape(-1)[0] = rng.choice([float("nan"), float("inf")])
            t.CopyFrom(numpy_helper.from_array(b.copy() if rng.random() < 0.8 else b.astype("float64"), t.name))
        elif kind == 4 and m.opset_import:
            m.opset_import[0].version = rng.choice([1, 7, 9, 13, 14, 17, 18, 99])
        elif kind == 5 and g.node:
            del g.node[rng.randrange(len(g.node))]
        elif kind == 6 and g.node:
            g.node.insert(rng.randrange(len(g.node)), rng.choice(g.node))
        elif kind == 7 and g.node:
            node = rng.choice(g.node)
            names = [i.name for i in g.initializer] + [o for n in g.node for o in n.output] + ["x", ""]
            if node.input:
                node.input[rng.randrange(len(node.input))] = rng.choice(names)
            else:
                node.input.append(rng.choice(names))
        elif kind == 8 and g.initializer:
            del g.initializer[rng.randrange(len(g.initializer))]
        elif kind == 9:
            g.input.append(helper.make_tensor_value_info("y", rng.choice([1, 7, 11]), [2, rng.randrange(5)]))
        elif kind == 10 and g.output:
            g.output[0].type.tensor_type.elem_type = rng.choice([1, 7])
            if rng.random() < 0.5:
                g.output.append(helper.make_tensor_value_info("z", 1, [2, 3]))
    return m.SerializeToString()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("scratch")
    args = parser.parse_args()
    os.makedirs(args.scratch, exist_ok=True)
    valid = seeds(args.scratch)
    path = os.path.join(args.scratch, "mutant.onnx")
    counts = {"imported": 0, "refused": 0, "findings": 0}
    checker = 0  # refusals by ONNX's own parser or checker, before the importer's checks
    for run in range(args.runs):
        seed = args.seed * 1_000_003 + run
        rng = random.Random(seed)
        data = rng.choice(valid)
        data = mutate_bytes(rng, data, valid) if rng.random() < 0.3 else mutate_model(rng, data)
        with open(path, "wb") as f:
            f.write(data)
        if run % 50 == 0:
            done = subprocess.run([sys.executable, os.path.join(SCRIPTS, "onnx_to_exprnet.py"), path, "--name", "net",
                                   "--out", os.path.join(args.scratch, "out"), "--quiet"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            ok = done.returncode in (0, 1) and "Traceback" not in done.stderr
            counts["imported" if done.returncode == 0 else "refused"] += ok
            checker += ok and "ONNX model" in done.stderr
            if not ok:
                print(f"seed {seed}: the command exited with {done.returncode}:\n{done.stderr}")
        else:
            try:
                importer.import_model(path, "net")
                counts["imported"] += 1
                continue
            except importer.Refused as e:
                counts["refused"] += 1
                checker += "ONNX model" in str(e)
                continue
            except Exception:
                print(f"seed {seed}:\n{traceback.format_exc()}")
                ok = False
        if not ok:
            counts["findings"] += 1
            os.replace(path, os.path.join(args.scratch, f"finding-{seed}.onnx"))
    print(f"{args.runs} mutants: {counts['imported']} imported, {counts['refused']} refused ({checker} as not "
          f"(valid) ONNX, the others by the importer's own checks), {counts['findings']} findings")
    sys.exit(1 if counts["findings"] else 0)


if __name__ == "__main__":
    main()
