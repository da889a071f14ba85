#!/usr/bin/python3
"""Trains the classify2d spiral net in PyTorch and imports it for the Cortex-M (docs/from-pytorch.md).

    /usr/bin/python3 examples/from_pytorch/spiral.py [out dir]      (default: examples/from_pytorch/spiral)

CS231n's spiral data (3 classes of 100 points, NumPy's generator seeded), the net 2 -> 20 ReLU ->
3 as an nn.Module, full-batch Adam with weight decay, then torch.onnx.export and
scripts/onnx_to_exprnet.py --name spiral_torch: the header, the weights as constexpr arrays
(flash) and the .npz that `grid` below and the tests read back into PyTorch. All four files are
committed; the test example.from_pytorch.spiral_import_current imports the .onnx again with
--check.

    spiral.py grid <dir>      PyTorch's scores on the 8x8 grid of the embedded example, in the
                              embedded example's output format (firmware_test.py compares them)
"""
import os
import sys

import numpy as np
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "scripts"))
GRID_SIDE = 8


def spiral(points_per_class=100, classes=3, seed=1):
    """CS231n's case study data: point i of class k at radius r_i, angle 4k + 4 r_i + 0.2 noise."""
    rng = np.random.default_rng(seed)
    x = np.zeros((points_per_class * classes, 2), np.float32)
    y = np.zeros(points_per_class * classes, np.int64)
    for k in range(classes):
        r = np.linspace(0.0, 1.0, points_per_class)
        t = np.linspace(4 * k, 4 * (k + 1), points_per_class) + rng.standard_normal(points_per_class) * 0.2
        x[k * points_per_class:(k + 1) * points_per_class] = np.c_[r * np.sin(t), r * np.cos(t)]
        y[k * points_per_class:(k + 1) * points_per_class] = k
    return torch.from_numpy(x), torch.from_numpy(y)


class SpiralNet(nn.Module):
    def __init__(self, hidden=20, classes=3):
        super().__init__()
        self.fc1, self.fc2 = nn.Linear(2, hidden), nn.Linear(hidden, classes)

    def forward(self, x):
        return self.fc2(torch.relu(self.fc1(x)))


def grid():
    """The embedded example's grid: point i at (-1 + 0.25 (i % 8), -1 + 0.25 (i / 8))."""
    return torch.tensor([[-1 + 0.25 * (i % GRID_SIDE), -1 + 0.25 * (i // GRID_SIDE)]
                         for i in range(GRID_SIDE * GRID_SIDE)], dtype=torch.float32)


def train(out):
    from onnx_to_exprnet import import_model, write_all
    torch.manual_seed(0)
    torch.set_num_threads(1)
    x, y = spiral()
    model = SpiralNet()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01, weight_decay=1e-3)
    for _ in range(2000):
        optimizer.zero_grad()
        loss = nn.functional.cross_entropy(model(x), y)
        loss.backward()
        optimizer.step()
    model.eval()
    accuracy = (model(x).argmax(1) == y).float().mean().item()
    print(f"trained: loss {loss.item():.4f}, training accuracy {accuracy:.4f}")
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, "spiral_torch.onnx")
    torch.onnx.export(model, x[:1], path, input_names=["x"], output_names=["scores"],
                      dynamic_axes={"x": {0: "batch"}, "scores": {0: "batch"}})
    importer, files = import_model(path, "spiral_torch")
    for f in write_all(importer, files, "spiral_torch", out):
        print("wrote", f)


def print_grid(folder):
    """PyTorch's scores of the grid, from the imported .npz (by state_dict name)."""
    model = SpiralNet()
    weights = np.load(os.path.join(folder, "spiral_torch.npz"))
    model.load_state_dict({k: torch.from_numpy(weights[k]) for k in weights.files}, strict=True)
    with torch.no_grad():
        scores = model(grid()).numpy()
    for i, v in enumerate(scores.reshape(-1)):
        bits = int(np.float32(v).view(np.uint32))
        print(f"value spiral_torch_score {i} {v:.6f} 0x{bits:08x}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["grid"] and len(sys.argv) == 3:
        print_grid(sys.argv[2])
    elif len(sys.argv) <= 2:
        train(sys.argv[1] if len(sys.argv) == 2 else os.path.join(HERE, "spiral"))
    else:
        sys.exit(__doc__)
