#!/usr/bin/python3
"""PyTorch's side of the end-to-end training benchmark (bench/epoch*.cpp, docs/performance.md).

Trains the same networks with the same recipe as bench.epoch's systems and prints one JSON
object per line (epoch times, test accuracy), which scripts/perf_report.py reads beside
bench.epoch's Google Benchmark JSON:

  fashion: Fashion-MNIST, 784 -> 256 ReLU -> 128 ReLU -> 10 (examples/fashion_mnist)
  cifar:   CIFAR-sized random data, 3072 -> 100 ReLU -> 10, ten classes of faint mean images in noise

Recipe: softmax cross-entropy (mean), Adam (lr 1e-3, betas 0.9/0.999, eps 1e-8) with the
learning rate set to the cosine decay 1e-3 -> 1e-5 over all steps before each step, batch 128
(the last partial batch dropped), weights He-normal and biases zero. The initial weights, the
batch order of every epoch and the random data are exprnet's, bit for bit: nn/random.hpp's
counter-based generator is a pure function, ported here with NumPy's wrapping uint64.

  /usr/bin/python3 bench/epoch_pytorch.py --workload fashion --threads 1 --epochs 20
"""
import argparse
import gzip
import json
import math
import os
import sys
import time

import numpy as np
import torch

GOLDEN = np.uint64(0x9E3779B97F4A7C15)
U64 = np.uint64


def mix64(z):
    z = np.asarray(z, dtype=np.uint64)
    with np.errstate(over="ignore"):
        z = (z ^ (z >> U64(30))) * U64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> U64(27))) * U64(0x94D049BB133111EB)
        return z ^ (z >> U64(31))


def bits(seed, stream, i):
    """counter_rng{seed}.bits(stream, i), vectorised over i."""
    with np.errstate(over="ignore"):
        key = mix64(U64(seed) ^ mix64(U64(stream) + GOLDEN))
        return mix64(key + (np.asarray(i, dtype=np.uint64) + U64(1)) * GOLDEN)


def bits24(seed, stream, i):
    return (bits(seed, stream, i) >> U64(40)).astype(np.int64)


def normal(seed, stream, count, s):
    """counter_rng::normal for i in 0..count-1: Irwin-Hall of 12 draws, exact, one rounding."""
    k = np.arange(12 * count, dtype=np.uint64)
    total = bits24(seed, stream, k).reshape(count, 12).sum(axis=1)
    return s * ((total - 6 * (1 << 24)).astype(np.float64) * 2.0 ** -24)


def uniform01(seed, stream, count):
    """bits24 / 2^24: in [0, 1), exact in float."""
    return (bits24(seed, stream, np.arange(count, dtype=np.uint64)).astype(np.float64) * 2.0 ** -24).astype(np.float32)


def name_stream(name):
    h = 0xCBF29CE484222325
    for c in name.encode():
        h = ((h ^ c) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def he_normal(name, rows, cols, seed):
    s = math.sqrt(2.0 / cols)
    return normal(seed, name_stream(name), rows * cols, s).astype(np.float32).reshape(rows, cols)


def batch_order(n, seed, epoch):
    """nn::batch_order::shuffle(epoch): Fisher-Yates with j = bits(epoch, i) % i."""
    index = np.arange(n, dtype=np.int64)
    i = np.arange(n, 1, -1, dtype=np.uint64)
    js = (bits(seed, epoch, i) % i).astype(np.int64)
    for i_, j in zip(range(n, 1, -1), js):
        index[i_ - 1], index[j] = index[j], index[i_ - 1]
    return index


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * k:8 + 4 * k], "big") for k in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def fashion_data(root):
    def images(name):
        a = read_idx(os.path.join(root, name))
        return (a.reshape(a.shape[0], -1).astype(np.float32) / np.float32(255.0))
    return (images("train-images-idx3-ubyte.gz"), read_idx(os.path.join(root, "train-labels-idx1-ubyte.gz")).astype(np.int64),
            images("t10k-images-idx3-ubyte.gz"), read_idx(os.path.join(root, "t10k-labels-idx1-ubyte.gz")).astype(np.int64))


def cifar_like_data(train, test, seed=3072):
    """As bench/epoch_common.cpp: 10 classes, each a mean image m_c uniform in [0, 1) (stream 2);
    sample j has label bits(3, j) mod 10 and pixels 0.1 m_label + 0.9 u, u uniform in [0, 1)
    (stream 1), in double, rounded once to float."""
    n, inputs = train + test, 3072
    labels = (bits(seed, 3, np.arange(n, dtype=np.uint64)) % U64(10)).astype(np.int64)
    unit = lambda stream, count: bits24(seed, stream, np.arange(count, dtype=np.uint64)).astype(np.float64) * 2.0 ** -24
    means = unit(2, 10 * inputs).reshape(10, inputs)
    x = (0.1 * means[labels] + 0.9 * unit(1, n * inputs).reshape(n, inputs)).astype(np.float32)
    return x[:train], labels[:train], x[train:], labels[train:]


WORKLOADS = {
    # name: (sizes, train samples (None: all), data)
    "fashion": ([784, 256, 128, 10], None),
    "cifar": ([3072, 100, 10], 10000),
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workload", choices=sorted(WORKLOADS), required=True)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    sizes, n_train = WORKLOADS[args.workload]
    if args.workload == "fashion":
        xtr, ytr, xte, yte = fashion_data(args.data)
    else:
        xtr, ytr, xte, yte = cifar_like_data(n_train, 2000)
    batch, seed_init, seed_order = 128, 2017, 1

    layers = []
    for l in range(len(sizes) - 1):
        lin = torch.nn.Linear(sizes[l], sizes[l + 1])
        with torch.no_grad():
            lin.weight.copy_(torch.from_numpy(he_normal(f"W{l + 1}", sizes[l + 1], sizes[l], seed_init)))
            lin.bias.zero_()
        layers.append(lin)
        if l + 2 < len(sizes):
            layers.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*layers)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
    loss_fn = torch.nn.CrossEntropyLoss()
    xtr_t, ytr_t = torch.from_numpy(xtr), torch.from_numpy(ytr)
    xte_t = torch.from_numpy(xte)
    batches = len(xtr) // batch
    total = args.epochs * batches
    step = 0
    flops_per_sample = 2 * (2 * sum(a * b for a, b in zip(sizes, sizes[1:]))
                            + sum(a * b for a, b in zip(sizes[1:], sizes[2:])))
    for epoch in range(1, args.epochs + 1):
        order = torch.from_numpy(batch_order(len(xtr), seed_order, epoch))
        start = time.perf_counter()
        for b in range(batches):
            index = order[b * batch:(b + 1) * batch]
            xb, yb = xtr_t.index_select(0, index), ytr_t.index_select(0, index)
            lr = 1e-3 if step <= 0 else 1e-5 + (1e-3 - 1e-5) * 0.5 * (1 + math.cos(math.pi * step / total))
            for g in opt.param_groups:
                g["lr"] = lr
            step += 1
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(xb), yb)
            loss.backward()
            opt.step()
        seconds = time.perf_counter() - start
        with torch.no_grad():
            accuracy = float((model(xte_t).argmax(dim=1).numpy() == yte).mean())
        print(json.dumps({"system": f"pytorch_{args.threads}t", "workload": args.workload, "epoch": epoch,
                          "seconds": seconds, "gflop": flops_per_sample * batches * batch / 1e9,
                          "test_accuracy": accuracy, "torch": torch.__version__}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
