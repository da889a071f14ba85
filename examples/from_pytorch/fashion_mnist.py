#!/usr/bin/python3
"""The PyTorch side of the Fashion-MNIST round trip (docs/from-pytorch.md).

    fashion_mnist.py train <dir> [--epochs 2]   trains the MLP in PyTorch, prints its test accuracy,
                                                exports <dir>/fashion_mlp.onnx and imports it with
                                                scripts/onnx_to_exprnet.py into <dir>
    fashion_mnist.py evaluate <weights.npz>     loads exprnet's .npz into the same nn.Module (by
                                                state_dict name, strictly) and prints its test accuracy

The data is Debian's dataset-fashion-mnist (/usr/share/datasets/fashion-mnist, or --data DIR),
read from its gzip IDX files; pixels scaled to [0, 1] as exprnet's io::read_idx_images does.
"""
import argparse
import gzip
import os
import sys

import numpy as np
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "scripts"))


class FashionMLP(nn.Module):
    """784 -> 256 ReLU -> 128 ReLU -> 10, on 1 x 28 x 28 images."""

    def __init__(self):
        super().__init__()
        self.fc1, self.fc2, self.fc3 = nn.Linear(784, 256), nn.Linear(256, 128), nn.Linear(128, 10)

    def forward(self, x):
        x = torch.flatten(x, 1)
        return self.fc3(torch.relu(self.fc2(torch.relu(self.fc1(x)))))


def read(data, images, labels):
    with gzip.open(os.path.join(data, images)) as f:
        x = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 1, 28, 28).astype(np.float32) / 255
    with gzip.open(os.path.join(data, labels)) as f:
        y = np.frombuffer(f.read(), np.uint8, offset=8).astype(np.int64)
    return torch.from_numpy(x), torch.from_numpy(y)


def accuracy(model, x, y):
    with torch.no_grad():
        return (model(x).argmax(1) == y).sum().item() / len(y)


def train(args):
    from onnx_to_exprnet import import_model, write_all
    torch.manual_seed(0)
    x, y = read(args.data, "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz")
    tx, ty = read(args.data, "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")
    model = FashionMLP()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(args.epochs):
        order = torch.randperm(len(x))
        for b in range(0, len(x) - 127, 128):
            index = order[b:b + 128]
            optimizer.zero_grad()
            nn.functional.cross_entropy(model(x[index]), y[index]).backward()
            optimizer.step()
        print(f"pytorch epoch {epoch + 1}/{args.epochs}: test accuracy {accuracy(model, tx, ty):.4f}")
    model.eval()
    print(f"pytorch test accuracy: {accuracy(model, tx, ty):.4f}")
    os.makedirs(args.dir, exist_ok=True)
    path = os.path.join(args.dir, "fashion_mlp.onnx")
    torch.onnx.export(model, tx[:1], path, input_names=["image"], output_names=["scores"],
                      dynamic_axes={"image": {0: "batch"}, "scores": {0: "batch"}})
    importer, files = import_model(path, "fashion_mlp")
    for f in write_all(importer, files, "fashion_mlp", args.dir):
        print("wrote", f)


def evaluate(args):
    model = FashionMLP()
    weights = np.load(args.weights)
    model.load_state_dict({k: torch.from_numpy(weights[k]) for k in weights.files}, strict=True)
    tx, ty = read(args.data, "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")
    print(f"pytorch test accuracy of {os.path.basename(args.weights)}: {accuracy(model.eval(), tx, ty):.4f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("train")
    p.add_argument("dir")
    p.add_argument("--epochs", type=int, default=2)
    p = sub.add_parser("evaluate")
    p.add_argument("weights")
    args = parser.parse_args()
    torch.set_num_threads(1)
    {"train": train, "evaluate": evaluate}[args.command](args)


if __name__ == "__main__":
    main()
