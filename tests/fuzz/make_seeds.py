#!/usr/bin/python3
"""Writes the seed corpora of tests/fuzz/ (committed; run again only to change them):
valid files of the harnesses' network (W1 4x3, b1 (4,), W2 2x4) as NumPy writes them, stored
and deflated, C and Fortran order, and a few near misses (another dtype, a missing array); IDX
image and label files, plain, and for idx_gzip both the content (the harness compresses it) and
one gzip file as it is."""
import gzip
import io
import os
import struct

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def put(harness, name, data):
    d = os.path.join(HERE, "corpus", harness)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def npz(arrays, compressed=False):
    b = io.BytesIO()
    (np.savez_compressed if compressed else np.savez)(b, **arrays)
    return b.getvalue()


rng = np.random.default_rng(1)
for harness, dtype in (("npz_float", np.float32), ("npz_double", np.float64)):
    other = np.float64 if dtype is np.float32 else np.float32
    arrays = {"W1": rng.standard_normal((4, 3)).astype(dtype), "b1": rng.standard_normal(4).astype(dtype),
              "W2": rng.standard_normal((2, 4)).astype(dtype)}
    put(harness, "stored.npz", npz(arrays))
    put(harness, "deflated.npz", npz(arrays, compressed=True))
    put(harness, "fortran.npz", npz({k: np.asfortranarray(v) for k, v in arrays.items()}))
    put(harness, "other_dtype.npz", npz({k: v.astype(other) for k, v in arrays.items()}))
    put(harness, "missing_b1.npz", npz({k: v for k, v in arrays.items() if k != "b1"}))

images = bytes([0, 0, 8, 3]) + struct.pack(">III", 3, 2, 2) + bytes(range(0, 240, 20))
labels = bytes([0, 0, 8, 1]) + struct.pack(">I", 3) + bytes([7, 0, 9])
for harness in ("idx_plain", "idx_gzip"):
    put(harness, "images.idx", images)
    put(harness, "labels.idx", labels)
put("idx_gzip", "images.idx.gz", gzip.compress(images, mtime=0))
