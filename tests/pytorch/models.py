#!/usr/bin/python3
"""The PyTorch architectures that check exprnet against PyTorch (docs/from-pytorch.md).

    models.py export <arch> <dir>    builds <arch> (seeded), exports it to <dir>/<arch>.onnx,
                                     imports it with scripts/onnx_to_exprnet.py (<arch>.hpp,
                                     <arch>_weights.hpp, <arch>.npz) and writes the batch:
                                     x.f32 (N x inputs), y.f32 (N x outputs: one-hot labels or
                                     regression targets), both float32, C order
    models.py list                   the architectures, one per line

Each architecture is `body` (up to the class scores) and `head` (None, Softmax or LogSoftmax),
its loss ("ce": cross-entropy of the scores, "mse": of the output) and its input shape.
"""
import os
import sys

import numpy as np
import torch
from torch import nn

BATCH = 8
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "scripts"))


class Maxout(nn.Module):
    """CS231n's Maxout: max(W1 x + b1, W2 x + b2), elementwise."""

    def __init__(self, inputs, outputs):
        super().__init__()
        self.a, self.b = nn.Linear(inputs, outputs), nn.Linear(inputs, outputs)

    def forward(self, x):
        return torch.maximum(self.a(x), self.b(x))


class Residual(nn.Module):
    """x.reshape(-1, 48) of an image, then h + relu(W2 h + b2) with h = relu(W1 x + b1): a
    Reshape, a value used twice and an Add of two layers."""

    def __init__(self):
        super().__init__()
        self.fc1, self.fc2, self.fc3 = nn.Linear(48, 24), nn.Linear(24, 24), nn.Linear(24, 5)

    def forward(self, x):
        h = torch.relu(self.fc1(x.reshape(-1, 48)))
        return self.fc3(h + torch.relu(self.fc2(h)))


class Net(nn.Module):
    def __init__(self, body, head=None):
        super().__init__()
        self.body, self.head = body, head

    def scores(self, x):
        return self.body(x)

    def forward(self, x):
        s = self.body(x)
        return s if self.head is None else self.head(s)


def S(*layers):
    return nn.Sequential(*layers)


# name: (builder, input shape, loss, export keyword arguments)
ARCHITECTURES = {
    "two_layer_relu": (lambda: Net(S(nn.Linear(20, 50), nn.ReLU(), nn.Linear(50, 10))), (20,), "ce", {}),
    # The seed's two-layer net on CIFAR-10 images: 3072 -> 100 ReLU -> 10.
    "cifar_3072_100_10": (lambda: Net(S(nn.Linear(3072, 100), nn.ReLU(), nn.Linear(100, 10))), (3072,), "ce", {}),
    "three_layer_tanh": (lambda: Net(S(nn.Linear(10, 32), nn.Tanh(), nn.Linear(32, 32), nn.Tanh(), nn.Linear(32, 3))),
                         (10,), "mse", {}),
    "sigmoid_neuron": (lambda: Net(S(nn.Linear(5, 1), nn.Sigmoid())), (5,), "mse", {}),
    "leaky_elu_mix": (lambda: Net(S(nn.Linear(12, 24), nn.LeakyReLU(0.2), nn.Linear(24, 24), nn.ELU(),
                                    nn.Linear(24, 24), nn.LeakyReLU(), nn.Linear(24, 5), nn.ELU(alpha=0.5))),
                      (12,), "mse", {}),
    "maxout": (lambda: Net(S(Maxout(8, 16), nn.Linear(16, 4))), (8,), "ce", {}),
    # Linear(bias=False) exports as Transpose + MatMul; constant folding would rename the weight.
    "no_bias": (lambda: Net(S(nn.Linear(16, 32, bias=False), nn.ReLU(), nn.Linear(32, 32), nn.ReLU(),
                              nn.Linear(32, 6, bias=False))), (16,), "ce", {"do_constant_folding": False}),
    "six_layer": (lambda: Net(S(nn.Linear(30, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 48),
                                nn.ReLU(), nn.Linear(48, 48), nn.ReLU(), nn.Linear(48, 32), nn.ReLU(),
                                nn.Linear(32, 10)), nn.LogSoftmax(dim=1)), (30,), "ce", {}),
    # Images flattened in the model, PReLU (per unit and shared), Dropout (gone in eval mode),
    # a Softmax output.
    "image_prelu_softmax": (lambda: Net(S(nn.Flatten(), nn.Linear(48, 40), nn.PReLU(40), nn.Dropout(0.5),
                                          nn.Linear(40, 20), nn.PReLU(), nn.Linear(20, 7)), nn.Softmax(dim=1)),
                            (3, 4, 4), "ce", {}),
    "reshape_residual": (lambda: Net(Residual()), (3, 4, 4), "ce", {}),
}


def build(name):
    """The seeded model (eval mode) and its seeded batch: x, y (one-hot or targets), labels."""
    make, shape, loss, _ = ARCHITECTURES[name]
    torch.manual_seed(sum(map(ord, name)))
    model = make().eval()
    x = torch.randn(BATCH, *shape)
    outputs = model(x).shape[1]
    if loss == "ce":
        labels = torch.randint(0, outputs, (BATCH,))
        y = nn.functional.one_hot(labels, outputs).float()
    else:
        labels = None
        y = torch.rand(BATCH, outputs)
    return model, x, y, labels


def export(name, out):
    from onnx_to_exprnet import import_model, write_all
    model, x, y, _ = build(name)
    os.makedirs(out, exist_ok=True)
    onnx_path = os.path.join(out, name + ".onnx")
    torch.onnx.export(model, x, onnx_path, input_names=["x"], output_names=["output"],
                      dynamic_axes={"x": {0: "batch"}, "output": {0: "batch"}}, **ARCHITECTURES[name][3])
    importer, files = import_model(onnx_path, name)
    write_all(importer, files, name, out)
    mse = "true" if ARCHITECTURES[name][2] == "mse" else "false"
    with open(os.path.join(out, "oracle_net.hpp"), "w") as f:
        f.write("// Written by tests/pytorch/models.py: the net oracle.cpp checks.\n#pragma once\n"
                f'#include "{name}.hpp"\n#include "{name}_weights.hpp"\n'
                f"namespace oracle {{\nnamespace net = ::{name};\nnamespace weights = ::{name}_weights;\n"
                f'inline constexpr const char* name = "{name}";\ninline constexpr int batch = {BATCH};\n'
                f"inline constexpr bool mse = {mse};\n}}\n")
    x.numpy().astype(np.float32).tofile(os.path.join(out, "x.f32"))
    y.numpy().astype(np.float32).tofile(os.path.join(out, "y.f32"))


def main():
    if sys.argv[1:2] == ["list"]:
        print("\n".join(ARCHITECTURES))
    elif sys.argv[1:2] == ["export"] and len(sys.argv) == 4:
        export(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
