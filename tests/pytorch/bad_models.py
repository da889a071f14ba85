#!/usr/bin/python3
"""Bad models are refused clearly and leave nothing behind (tests/pytorch/CMakeLists.txt).

    bad_models.py <scratch dir>

Each case runs scripts/onnx_to_exprnet.py as a user would, into an output folder that already
holds a file of the same name (an earlier import), and checks: exit status 1, no Python
traceback, a message with the expected facts (the node, its op type, the supported list, the
opset; or the input, the weight, the names), the earlier file unchanged and no other file left.
"""
import os
import shutil
import subprocess
import sys

import onnx
import torch
from onnx import numpy_helper
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
IMPORTER = os.path.join(HERE, "..", "..", "scripts", "onnx_to_exprnet.py")
failures = []


def export(model, path, shape=(8,), **options):
    torch.manual_seed(0)
    options.setdefault("dynamic_axes", {"x": {0: "batch"}})
    torch.onnx.export(model.eval(), torch.randn(2, *shape), path, input_names=["x"], **options)
    return path


def refused(case, model_path, *expected):
    out = os.path.join(scratch, case + ".out")
    os.makedirs(out)
    earlier = os.path.join(out, "net.hpp")
    with open(earlier, "w") as f:
        f.write("// an earlier import\n")
    done = subprocess.run([sys.executable, IMPORTER, model_path, "--name", "net", "--out", out],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    problems = []
    if done.returncode != 1:
        problems.append(f"exit status {done.returncode}, not 1")
    if "Traceback" in done.stderr:
        problems.append("a Python traceback")
    problems += [f"no {e!r} in the message" for e in expected if e not in done.stderr]
    if os.listdir(out) != ["net.hpp"] or open(earlier).read() != "// an earlier import\n":
        problems.append(f"the output folder changed: {sorted(os.listdir(out))}")
    print(f"{case:24} {'ok' if not problems else 'FAILED: ' + '; '.join(problems)}\n    {done.stderr.strip()}")
    if problems:
        failures.append(case)


def edited(path, name, edit):
    model = onnx.load(path)
    edit(model)
    out = os.path.join(scratch, name)
    onnx.save(model, out)
    return out


scratch = sys.argv[1]
shutil.rmtree(scratch, ignore_errors=True)
os.makedirs(scratch)
good = export(nn.Sequential(nn.Linear(8, 6), nn.ReLU(), nn.Linear(6, 3)), os.path.join(scratch, "good.onnx"))

# Files that are not ONNX.
text = os.path.join(scratch, "notes.onnx")
with open(text, "w") as f:
    f.write("these are not the weights you are looking for\n")
refused("text_file", text, "not an ONNX model")
with open(os.path.join(scratch, "truncated.onnx"), "wb") as f:
    f.write(open(good, "rb").read()[:200])
refused("truncated", os.path.join(scratch, "truncated.onnx"), "truncated.onnx", "not")
open(os.path.join(scratch, "empty.onnx"), "wb").close()
refused("empty_file", os.path.join(scratch, "empty.onnx"), "empty.onnx", "not an ONNX model")
refused("missing_file", os.path.join(scratch, "nowhere.onnx"), "nowhere.onnx", "cannot read")

# An op the importer does not know: the node, its op, the list, the opset.
conv = nn.Sequential(nn.Conv2d(1, 2, 3), nn.Flatten(), nn.Linear(8, 3))
refused("unsupported_op", export(conv, os.path.join(scratch, "conv.onnx"), shape=(1, 4, 4)),
        'node 0 "/0/Conv" (Conv, opset 14)', "op Conv is not supported", "supported: Gemm, MatMul")
refused("softmax_not_last", export(nn.Sequential(nn.Linear(8, 4), nn.Softmax(dim=1), nn.Linear(4, 2)),
                                   os.path.join(scratch, "softmax.onnx")),
        "Softmax", "only as the model's last node")

# A feature size known only at run time.
refused("dynamic_size", export(nn.Sequential(nn.Linear(8, 3)), os.path.join(scratch, "dynamic.onnx"),
                               dynamic_axes={"x": {0: "batch", 1: "features"}}),
        'input "x"', "dynamic size in dimension 1 (features)")


# A weight whose shape contradicts its use: the second layer's weight made 6 x 5.
def wrong_shape(model):
    t = next(t for t in model.graph.initializer if t.name == "2.weight")
    t.CopyFrom(numpy_helper.from_array(numpy_helper.to_array(t)[:, :5].copy(), "2.weight"))


refused("contradicting_shape", edited(good, "shape.onnx", wrong_shape), '"2.weight"', "(3, 5)", "takes 5 inputs",
        "6 features")


# Names that collide after sanitising: "fc.1.weight" (fc[1]) and "fc_1.weight".
class Colliding(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Sequential(nn.ReLU(), nn.Linear(8, 8))
        self.fc_1 = nn.Linear(8, 3)

    def forward(self, x):
        return self.fc_1(self.fc(x))


refused("colliding_names", export(Colliding(), os.path.join(scratch, "colliding.onnx")),
        '"fc.1.weight" and "fc_1.weight" collide after sanitising', "fc_1_weight")

# A model that is ONNX but fails ONNX's own checker: a node reading a value nothing defines.
refused("invalid_graph", edited(good, "invalid.onnx", lambda m: m.graph.node[0].input.__setitem__(0, "nothing")),
        "not a valid ONNX model")
if failures:
    sys.exit(f"{len(failures)} case(s) failed: {', '.join(failures)}")
