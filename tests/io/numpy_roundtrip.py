"""Step 2 of test.io.numpy (numpy_roundtrip.cmake): NumPy reads what exprnet wrote, and writes
what exprnet must read.

Checks DIR/exprnet_float.npz and DIR/exprnet_double.npz, written by tools/numpy_roundtrip.cpp
from the values of tools/fixture_net.hpp, recomputed here; then writes a PyTorch-like state_dict
(Linear weight (out, in), bias (out,)) as DIR/torch_like.npz with numpy.savez and as
DIR/torch_like_compressed.npz with numpy.savez_compressed (one array in Fortran order).
"""
import sys

import numpy as np

SHAPES = {"fc1.weight": (4, 5), "fc1.bias": (4,), "fc2.weight": (3, 4), "fc2.bias": (3,)}


def fixture_value(dtype, k, r, c):
    """tools/fixture_net.hpp's value<Scalar>(k, r, c), computed in `dtype` arithmetic."""
    info = np.finfo(dtype)
    if k == 2 and r == 0:
        return [info.max, info.smallest_subnormal, -dtype(0), -info.smallest_normal][c]
    v = dtype(1) / dtype(3 + k + 7 * r + 11 * c)
    return -v if (r + c) % 2 else v * dtype(1000)


def check_exprnet_file(path, dtype):
    with np.load(path) as f:
        names = sorted(f.keys())
        if names != sorted(SHAPES):
            sys.exit(f"FAILED: {path}: arrays {names}, expected {sorted(SHAPES)}")
        for k, (name, shape) in enumerate(SHAPES.items()):
            a = f[name]
            if a.shape != shape or a.dtype != np.dtype(dtype):
                sys.exit(f"FAILED: {path}: {name} is {a.dtype} {a.shape}, expected {np.dtype(dtype)} {shape}")
            m = a.reshape(shape[0], -1)
            for r in range(m.shape[0]):
                for c in range(m.shape[1]):
                    want = fixture_value(dtype, k, r, c)
                    if m[r, c].tobytes() != dtype(want).tobytes():
                        sys.exit(f"FAILED: {path}: {name}[{r}, {c}] = {m[r, c]!r}, expected {want!r}")
    print(f"{path}: names, shapes, dtypes and every value as exprnet wrote them")


def state_dict():
    """Param k holds (i - 3.5 k) / 8 at flat C-order index i (exact in float32)."""
    d = {}
    for k, (name, shape) in enumerate(SHAPES.items()):
        d[name] = ((np.arange(np.prod(shape)) - 3.5 * k) / 8).astype(np.float32).reshape(shape)
    return d


def main():
    out = sys.argv[1]
    check_exprnet_file(f"{out}/exprnet_float.npz", np.float32)
    check_exprnet_file(f"{out}/exprnet_double.npz", np.float64)
    sd = state_dict()
    # What a PyTorch user runs: numpy.savez(path, **{k: v.numpy() for k, v in sd.items()}).
    np.savez(f"{out}/torch_like.npz", **sd)
    sd["fc2.weight"] = np.asfortranarray(sd["fc2.weight"])
    np.savez_compressed(f"{out}/torch_like_compressed.npz", **sd)


if __name__ == "__main__":
    main()
