#!/usr/bin/python3
"""The Fashion-MNIST round trip PyTorch -> exprnet -> PyTorch, as a test (docs/from-pytorch.md).

    round_trip.py <from_pytorch.fashion_mnist program> <scratch dir>

1. fashion_mnist.py train: PyTorch trains the MLP for 2 epochs, exports it, imports it;
2. the imported header must be the committed fashion/fashion_mlp.hpp (the program is built with it);
3. the exprnet program evaluates the imported weights (the same test accuracy, to 4 decimals, as
   PyTorch printed), fine-tunes them for an epoch and saves them;
4. fashion_mnist.py evaluate: PyTorch loads that .npz into the nn.Module by state_dict name and
   gets the accuracy exprnet printed, which must not be below the imported model's by over 0.005.
"""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def run(command):
    print("$", " ".join(command), flush=True)
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    print(done.stdout, end="")
    if done.returncode != 0:
        sys.exit(f"exit status {done.returncode}:\n{done.stderr}")
    return done.stdout


def accuracy(text, label):
    found = re.findall(re.escape(label) + r"[^:\n]*: ([0-9.]+)", text)
    if not found:
        sys.exit(f"no '{label}' in the output")
    return found[-1]


program, scratch = sys.argv[1:3]
script = os.path.join(HERE, "fashion_mnist.py")
trained = run([sys.executable, script, "train", scratch])
committed = open(os.path.join(HERE, "fashion", "fashion_mlp.hpp")).read()
if open(os.path.join(scratch, "fashion_mlp.hpp")).read() != committed:
    sys.exit("the import differs from examples/from_pytorch/fashion/fashion_mlp.hpp: import again and commit it")
tuned = os.path.join(scratch, "fine_tuned.npz")
mine = run([program, os.path.join(scratch, "fashion_mlp.npz"), tuned])
back = run([sys.executable, script, "evaluate", tuned])

torch_before, exprnet_before = accuracy(trained, "pytorch test accuracy"), accuracy(mine, "of the imported weights")
exprnet_after, torch_after = accuracy(mine, "after fine-tuning"), accuracy(back, "pytorch test accuracy of")
print(f"test accuracy: PyTorch {torch_before}, imported into exprnet {exprnet_before}; "
      f"fine-tuned by exprnet {exprnet_after}, loaded back into PyTorch {torch_after}")
problems = []
if exprnet_before != torch_before:
    problems.append("exprnet's accuracy of the imported model is not PyTorch's")
if torch_after != exprnet_after:
    problems.append("PyTorch's accuracy of the fine-tuned weights is not exprnet's")
if float(exprnet_after) < float(exprnet_before) - 0.005:
    problems.append("fine-tuning lost accuracy")
if problems:
    sys.exit("; ".join(problems))
print("OK")
