#!/usr/bin/python3
"""Imports an MLP exported by torch.onnx.export into exprnet (docs/from-pytorch.md).

    /usr/bin/python3 scripts/onnx_to_exprnet.py model.onnx --name mlp --out include_dir/

writes, into include_dir/:
    mlp.hpp           the network as an exprnet expression, in namespace mlp: the input, one
                      param per ONNX initializer (named as in the model, so as in the PyTorch
                      state_dict), `scores` (before a final softmax), `output` (the model's
                      output) and `parameters` (wrt(...) of every param, for training)
    mlp.npz           the weights, for io::load_npz(path, arena) (and numpy.load / PyTorch)
    mlp_weights.hpp   the weights as constexpr arrays, for io::baked_arena (flash on a device)

and prints the name mapping. A model it cannot import is refused with a message naming the node,
its op type, the supported ops and the opset; nothing is written then (the three files are
written to temporaries and renamed only once all of them are complete). With --check it writes
nothing and exits 1 unless the files in --out are what it would write. Exit status: 0 done,
1 refused (or stale, with --check), 2 bad command line. Needs python3-onnx and python3-numpy (scripts/deps.sh).
"""
import argparse
import keyword
import os
import re
import sys
import tempfile
import warnings

SUPPORTED = ("Gemm", "MatMul", "Add", "Relu", "LeakyRelu", "PRelu", "Sigmoid", "Tanh", "Elu",
             "Softmax", "LogSoftmax", "Max", "Flatten", "Reshape", "Transpose", "Identity",
             "Dropout", "Constant")
OPSETS = range(9, 18)  # what torch.onnx.export of PyTorch 1.13 writes (default 14)
CXX_KEYWORDS = set("""alignas alignof and and_eq asm auto bitand bitor bool break case catch char
    char8_t char16_t char32_t class compl concept const consteval constexpr constinit const_cast
    continue co_await co_return co_yield decltype default delete do double dynamic_cast else enum
    explicit export extern false float for friend goto if inline int long mutable namespace new
    noexcept not not_eq nullptr operator or or_eq private protected public register
    reinterpret_cast requires return short signed sizeof static static_assert static_cast struct
    switch template this thread_local throw true try typedef typeid typename union unsigned using
    virtual void volatile wchar_t while xor xor_eq""".split())
# Names the generated header defines itself, or that would hide exprnet's functions.
RESERVED = {"scores", "output", "parameters", "params", "inputs", "outputs", "grads", "arrays", "array_entry", "exprnet",
            "relu", "leaky_relu", "prelu", "elu", "sigmoid", "tanh", "max", "min", "softmax",
            "log_softmax", "input", "param", "wrt"}


class Refused(Exception):
    """The model cannot be imported; the message says why."""


def refuse(message):
    raise Refused(message)


class Layer:
    """A value computed from the input: C++ code, its feature shape (without the batch)."""

    def __init__(self, code, shape, simple=False):
        self.code, self.shape, self.simple = code, tuple(shape), simple

    @property
    def features(self):
        return prod(self.shape)


class Weight:
    """An initializer (or a Transpose of one, or a Constant): its array and its ONNX name."""

    def __init__(self, name, array, transposed=False):
        self.name, self.array, self.transposed = name, array, transposed


class Importer:
    def __init__(self, model, path):
        import numpy as np
        from onnx import numpy_helper
        self.np, self.numpy_helper = np, numpy_helper
        self.model, self.path = model, path
        self.graph = model.graph
        self.values = {}       # ONNX value name -> Layer or Weight
        self.params = []       # (onnx name, array rows x cols), in first-use order
        self.param_names = set()
        self.lines = []        # the network's definitions, in order
        self.notes = []
        self.hidden = 0
        self.final = None      # "softmax" or "log_softmax" when the output is one
        self.opset = self.default_opset()

    # ---- reading the model -----------------------------------------------------------------
    def default_opset(self):
        versions = [o.version for o in self.model.opset_import if o.domain in ("", "ai.onnx")]
        if len(versions) != 1:
            refuse(f"{self.path}: the model imports no default ONNX opset")
        version = versions[0]
        if version not in OPSETS:
            refuse(f"{self.path}: opset {version} is not supported (opsets {OPSETS.start}-{OPSETS.stop - 1}: "
                   f"torch.onnx.export(..., opset_version=14))")
        return version

    def where(self, index, node):
        label = f' "{node.name}"' if node.name else ""
        return f"{self.path}: node {index}{label} ({node.op_type}, opset {self.opset})"

    def array(self, tensor, what):
        try:
            a = self.numpy_helper.to_array(tensor)
        except Exception as e:  # a malformed tensor: onnx raises several kinds
            refuse(f"{self.path}: {what} \"{tensor.name}\" cannot be read: {e}")
        return a

    def read_initializers(self):
        for t in self.graph.initializer:
            if t.name in self.values:
                refuse(f"{self.path}: two initializers are named \"{t.name}\"")
            a = self.array(t, "initializer")
            self.values[t.name] = Weight(t.name, a)

    def read_input(self):
        inputs = [i for i in self.graph.input if i.name not in self.values]
        if len(inputs) != 1:
            names = ", ".join(f'"{i.name}"' for i in inputs) or "none"
            refuse(f"{self.path}: the model has {len(inputs)} inputs ({names}); exprnet imports models with one")
        i = inputs[0]
        t = i.type.tensor_type
        if not i.type.HasField("tensor_type") or t.elem_type != 1:
            refuse(f'{self.path}: input "{i.name}" is not a float32 tensor; export the model in float32 (model.float())')
        dims = list(t.shape.dim)
        if len(dims) < 2:
            refuse(f'{self.path}: input "{i.name}" has rank {len(dims)}; exprnet expects batch x features '
                   f"(a batch dimension first, as torch.onnx.export writes it)")
        shape = []
        for k, d in enumerate(dims[1:], start=1):
            if not d.HasField("dim_value") or d.dim_value <= 0:
                size = d.dim_param or "unknown"
                refuse(f'{self.path}: input "{i.name}" has a dynamic size in dimension {k} ({size}); exprnet needs '
                       f"every dimension but the batch (dimension 0) fixed: export without that dynamic_axes entry")
            shape.append(d.dim_value)
        self.input_name = i.name
        self.input_symbol = self.symbol(i.name)
        self.input_shape = shape
        self.values[i.name] = Layer(self.input_symbol, shape, simple=True)

    # ---- names -----------------------------------------------------------------------------
    def symbol(self, onnx_name):
        s = re.sub(r"[^0-9A-Za-z_]", "_", onnx_name).strip("_") or "value"
        s = re.sub(r"__+", "_", s)
        if s[0].isdigit():
            s = "layer" + s
        if s in CXX_KEYWORDS or s in RESERVED or keyword.iskeyword(s) or re.fullmatch(r"h[0-9]+", s):
            s += "_"
        return s

    def check_symbols(self, pairs):
        seen = {}
        for onnx_name, s in pairs:
            if not all(" " <= c <= "~" and c not in '"\\' for c in onnx_name):
                refuse(f"{self.path}: the name {onnx_name!r} has characters other than printable ASCII (or a quote or "
                       f"backslash); exprnet's names take those only: rename it in the model")
            if s in seen and seen[s] != onnx_name:
                refuse(f'{self.path}: the names "{seen[s]}" and "{onnx_name}" collide after sanitising: both '
                       f"would be the C++ name {s}; rename one of them in the model")
            seen[s] = onnx_name

    # ---- building the expression -----------------------------------------------------------
    def layer(self, name, index, node, role):
        v = self.values.get(name)
        if v is None:
            refuse(f"{self.where(index, node)}: its {role} \"{name}\" is not computed before it")
        if not isinstance(v, Layer):
            refuse(f"{self.where(index, node)}: its {role} \"{name}\" is a constant; exprnet imports layers whose "
                   f"{role} is computed from the model's input")
        return v

    def weight(self, name, index, node, role):
        v = self.values.get(name)
        if not isinstance(v, Weight):
            refuse(f"{self.where(index, node)}: its {role} \"{name}\" must be an initializer (a weight of the model)")
        return v

    def param(self, w, rows, cols, index, node, role):
        """Registers weight w as param rows x cols; returns its C++ symbol."""
        np = self.np
        a = w.array
        if a.dtype != np.float32:
            refuse(f'{self.where(index, node)}: {role} "{w.name}" is {a.dtype}, not float32; export the model in '
                   f"float32 (model.float())")
        if not np.all(np.isfinite(a)):
            refuse(f'{self.where(index, node)}: {role} "{w.name}" holds NaN or infinity')
        if w.transposed:
            a = a.T
        a = np.ascontiguousarray(a.reshape(rows, cols))
        if w.name in self.param_names:
            refuse(f'{self.where(index, node)}: weight "{w.name}" is used twice; exprnet imports models whose '
                   f"layers each have their own weights")
        self.param_names.add(w.name)
        self.params.append((w.name, a))
        return self.symbol(w.name)

    def linear(self, x, w, bias, transposed, index, node):
        """W x (+ b) for a weight stored in x out (transposed) or out x in."""
        if len(x.shape) != 1:
            refuse(f"{self.where(index, node)}: its input has shape (N, {', '.join(map(str, x.shape))}); "
                   f"flatten it first (torch.flatten(x, 1))")
        a = w.array
        if a.ndim != 2:
            refuse(f'{self.where(index, node)}: weight "{w.name}" has shape {tuple(a.shape)}; a linear layer\'s is 2-D')
        inputs, outputs = (a.shape[0], a.shape[1]) if transposed != w.transposed else (a.shape[1], a.shape[0])
        if inputs != x.features:
            refuse(f'{self.where(index, node)}: weight "{w.name}" has shape {tuple(a.shape)}, which takes {inputs} '
                   f"inputs, but its input has {x.features} features")
        w = Weight(w.name, w.array, transposed != w.transposed)
        code = f"{self.param(w, outputs, inputs, index, node, 'weight')} * {x.code}"
        if bias is not None:
            code += " + " + self.bias(bias, outputs, index, node)
        return Layer(code, [outputs])

    def bias(self, b, outputs, index, node):
        if b.array.size != outputs or (b.array.ndim == 2 and b.array.shape[0] != 1) or b.array.ndim > 2:
            refuse(f'{self.where(index, node)}: bias "{b.name}" has shape {tuple(b.array.shape)}; the layer has '
                   f"{outputs} outputs, so ({outputs},) is expected")
        return self.param(b, outputs, 1, index, node, "bias")

    def named(self, layer):
        """A layer used by a matrix product or twice gets a name: h1, h2, ..."""
        if layer.simple:
            return layer
        self.hidden += 1
        name = f"h{self.hidden}"
        self.lines.append(f"constexpr auto {name} = {layer.code};")
        return Layer(name, layer.shape, simple=True)

    def attribute(self, node, name, default):
        from onnx import helper
        for a in node.attribute:
            if a.name == name:
                return helper.get_attribute_value(a)
        return default

    def run(self):
        self.read_initializers()
        self.read_input()
        outputs = [o.name for o in self.graph.output]
        if len(outputs) != 1:
            refuse(f"{self.path}: the model has {len(outputs)} outputs; exprnet imports models with one")
        uses = {}
        for node in self.graph.node:
            for name in node.input:
                uses[name] = uses.get(name, 0) + 1
        nodes = list(self.graph.node)
        for index, node in enumerate(nodes):
            if node.domain not in ("", "ai.onnx"):
                refuse(f"{self.where(index, node)}: op domain \"{node.domain}\" is not supported; supported: the "
                       f"default domain's {', '.join(SUPPORTED)}")
            if node.op_type not in SUPPORTED:
                refuse(f"{self.where(index, node)}: op {node.op_type} is not supported; supported: "
                       f"{', '.join(SUPPORTED)}")
            if not node.output or not node.output[0]:
                refuse(f"{self.where(index, node)}: it has no output")
            result = getattr(self, "op_" + node.op_type)(index, node)
            if isinstance(result, Layer) and uses.get(node.output[0], 0) > 1:
                result = self.named(result)
            self.values[node.output[0]] = result
            if self.final is not None and node.output[0] != outputs[0]:
                refuse(f"{self.where(index, node)}: {node.op_type} is supported only as the model's last node")
        final = self.values.get(outputs[0])
        if not isinstance(final, Layer):
            refuse(f'{self.path}: the output "{outputs[0]}" is not computed from the input')
        if len(final.shape) != 1:
            refuse(f'{self.path}: the output "{outputs[0]}" has shape (N, {", ".join(map(str, final.shape))}); '
                   f"exprnet imports models whose output is batch x features")
        if not self.params:
            refuse(f"{self.path}: the model has no weights")
        self.output = final
        self.output_name = outputs[0]

    # ---- the ops ---------------------------------------------------------------------------
    def inputs(self, node, index, counts):
        if len([i for i in node.input if i]) not in counts:
            refuse(f"{self.where(index, node)}: it has {len(node.input)} inputs")
        return list(node.input)

    def op_Gemm(self, index, node):
        ins = self.inputs(node, index, (2, 3))
        if self.attribute(node, "transA", 0) != 0:
            refuse(f"{self.where(index, node)}: transA = 1 is not supported (its input must be batch x features)")
        alpha, beta = self.attribute(node, "alpha", 1.0), self.attribute(node, "beta", 1.0)
        if alpha != 1.0 or (beta != 1.0 and len(ins) == 3 and ins[2]):
            refuse(f"{self.where(index, node)}: alpha = {alpha}, beta = {beta}; exprnet imports Gemm with alpha = beta = 1 "
                   f"(nn.Linear)")
        x = self.named(self.layer(ins[0], index, node, "input"))
        w = self.weight(ins[1], index, node, "weight")
        b = self.weight(ins[2], index, node, "bias") if len(ins) == 3 and ins[2] else None
        return self.linear(x, w, b, transposed=self.attribute(node, "transB", 0) == 0, index=index, node=node)

    def op_MatMul(self, index, node):
        ins = self.inputs(node, index, (2,))
        x = self.named(self.layer(ins[0], index, node, "input"))
        w = self.weight(ins[1], index, node, "weight")
        if w.name.startswith("onnx::"):
            self.notes.append(f'"{w.name}" is a weight whose PyTorch name the export folded away; export with '
                              f"do_constant_folding=False to keep the state_dict name")
        return self.linear(x, w, None, transposed=True, index=index, node=node)

    def op_Add(self, index, node):
        a, b = self.inputs(node, index, (2,))
        va, vb = self.values.get(a), self.values.get(b)
        if isinstance(va, Weight) and isinstance(vb, Layer):
            va, vb, a, b = vb, va, b, a
        if isinstance(va, Layer) and isinstance(vb, Weight):
            last = nodes_output_of(self.graph, a)
            if last is None or last.op_type != "MatMul" or " + " in va.code:
                refuse(f"{self.where(index, node)}: it adds the constant \"{b}\" to something other than a MatMul; "
                       f"exprnet imports Add as a linear layer's bias (MatMul + Add) or as a sum of two layers")
            return Layer(f"{va.code} + {self.bias(vb, va.features, index, node)}", va.shape)
        x, y = self.layer(a, index, node, "first input"), self.layer(b, index, node, "second input")
        if x.shape != y.shape:
            refuse(f"{self.where(index, node)}: it adds shapes {x.shape} and {y.shape}")
        return Layer(f"{x.code} + {y.code}", x.shape)

    def unary(self, index, node, function, extra=""):
        (a,) = self.inputs(node, index, (1,))
        x = self.layer(a, index, node, "input")
        return Layer(f"{function}({x.code}{extra})", x.shape)

    def op_Relu(self, index, node):
        return self.unary(index, node, "relu")

    def op_Sigmoid(self, index, node):
        return self.unary(index, node, "sigmoid")

    def op_Tanh(self, index, node):
        return self.unary(index, node, "tanh")

    def op_LeakyRelu(self, index, node):
        slope = float(self.np.float32(self.attribute(node, "alpha", 0.01)))
        if not 0 <= slope < 1:
            refuse(f"{self.where(index, node)}: slope {slope}; exprnet's leaky_relu needs 0 <= slope < 1")
        if slope == float(self.np.float32(0.01)):
            return self.unary(index, node, "leaky_relu")
        return self.unary(index, node, "leaky_relu", ", " + literal(self.np, slope))

    def op_Elu(self, index, node):
        alpha = float(self.np.float32(self.attribute(node, "alpha", 1.0)))
        if alpha == 1.0:
            return self.unary(index, node, "elu")
        if not (0 < alpha < 1e30):
            refuse(f"{self.where(index, node)}: alpha {alpha}; exprnet imports ELU with a positive alpha")
        (a,) = self.inputs(node, index, (1,))
        x = self.named(self.layer(a, index, node, "input"))
        # alpha · (exp(x) - 1) below 0: relu(x) plus alpha times the negative part of elu(x).
        return Layer(f"relu({x.code}) + {literal(self.np, alpha)} * min(elu({x.code}), 0_c)", x.shape)

    def op_PRelu(self, index, node):
        a, s = self.inputs(node, index, (2,))
        x = self.layer(a, index, node, "input")
        w = self.weight(s, index, node, "slope")
        if len(x.shape) != 1:
            refuse(f"{self.where(index, node)}: PReLU on shape (N, {', '.join(map(str, x.shape))}); flatten first")
        if w.array.size not in (1, x.features) or (w.array.size > 1 and max(w.array.shape) != w.array.size):
            refuse(f'{self.where(index, node)}: slope "{w.name}" has shape {tuple(w.array.shape)}; one slope per unit '
                   f"({x.features},) or one shared (1,) is expected")
        return Layer(f"prelu({x.code}, {self.param(w, w.array.size, 1, index, node, 'slope')})", x.shape)

    def softmax(self, index, node, function):
        (a,) = self.inputs(node, index, (1,))
        x = self.layer(a, index, node, "input")
        axis = self.attribute(node, "axis", -1 if self.opset >= 13 else 1)
        if len(x.shape) != 1 or axis not in (1, -1):
            refuse(f"{self.where(index, node)}: axis {axis} of shape (N, {', '.join(map(str, x.shape))}); exprnet "
                   f"imports {node.op_type} over the features of a batch x features output (dim=1)")
        self.final = function
        return Layer(f"{function}(scores)", x.shape), x

    def op_Softmax(self, index, node):
        out, self.scores = self.softmax(index, node, "softmax")
        return out

    def op_LogSoftmax(self, index, node):
        out, self.scores = self.softmax(index, node, "log_softmax")
        return out

    def op_Max(self, index, node):
        ins = self.inputs(node, index, range(1, 9))
        xs = [self.layer(a, index, node, "input") for a in ins]
        if any(x.shape != xs[0].shape for x in xs):
            refuse(f"{self.where(index, node)}: max of shapes {', '.join(str(x.shape) for x in xs)}")
        code = xs[0].code
        for x in xs[1:]:
            code = f"max({code}, {x.code})"
        return Layer(code, xs[0].shape)

    def op_Flatten(self, index, node):
        (a,) = self.inputs(node, index, (1,))
        x = self.layer(a, index, node, "input")
        if self.attribute(node, "axis", 1) != 1:
            refuse(f"{self.where(index, node)}: axis {self.attribute(node, 'axis', 1)}; exprnet imports Flatten(axis=1) "
                   f"(torch.flatten(x, 1))")
        return Layer(x.code, [x.features], x.simple)

    def op_Reshape(self, index, node):
        a, s = self.inputs(node, index, (2,))
        x = self.layer(a, index, node, "input")
        shape = self.values.get(s)
        if not isinstance(shape, Weight) or shape.array.ndim != 1 or shape.array.dtype.kind not in "iu":
            refuse(f'{self.where(index, node)}: its shape "{s}" must be a constant list of integers')
        dims = [int(d) for d in shape.array]
        ok = len(dims) == 2 and dims[0] in (-1, 0) and dims[1] in (-1, x.features) or \
            len(dims) == 2 and dims[1] == x.features and dims[0] > 0
        if not ok:
            refuse(f"{self.where(index, node)}: reshape of (N, {', '.join(map(str, x.shape))}) to {dims}; exprnet "
                   f"imports Reshape to (N, {x.features}) (x.view(-1, {x.features}) or x.reshape(len(x), -1))")
        return Layer(x.code, [x.features], x.simple)

    def op_Transpose(self, index, node):
        (a,) = self.inputs(node, index, (1,))
        w = self.values.get(a)
        perm = list(self.attribute(node, "perm", [1, 0]))
        if not isinstance(w, Weight) or w.array.ndim != 2 or perm != [1, 0]:
            refuse(f"{self.where(index, node)}: exprnet imports Transpose only of a 2-D weight (a Linear's weight "
                   f"before MatMul)")
        return Weight(w.name, w.array, not w.transposed)

    def op_Identity(self, index, node):
        (a,) = self.inputs(node, index, (1,))
        v = self.values.get(a)
        if v is None:
            refuse(f"{self.where(index, node)}: its input \"{a}\" is not computed before it")
        return v

    def op_Dropout(self, index, node):
        ins = [i for i in node.input if i]
        if len(ins) == 3:
            mode = self.values.get(ins[2])
            if not isinstance(mode, Weight) or bool(mode.array.reshape(-1)[0]):
                refuse(f"{self.where(index, node)}: Dropout in training mode; export the model in eval mode "
                       f"(model.eval())")
        if not ins:
            refuse(f"{self.where(index, node)}: it has no input")
        return self.op_Identity(index, node)

    def op_Constant(self, index, node):
        value = self.attribute(node, "value", None)
        if value is None:
            refuse(f"{self.where(index, node)}: exprnet imports Constant nodes with a tensor value")
        return Weight(node.output[0], self.array(value, "constant"))

    # ---- writing ---------------------------------------------------------------------------
    def header(self, name, source):
        symbols = [(self.input_name, self.input_symbol)] + [(n, self.symbol(n)) for n, _ in self.params]
        self.check_symbols(symbols)
        width = max(len(n) for n, _ in symbols)
        x, fin = self.input_symbol, self.final
        rows = [
            f"// Generated by scripts/onnx_to_exprnet.py from {os.path.basename(source)}"
            f" (opset {self.opset}, {self.model.producer_name or 'unknown producer'} {self.model.producer_version}).",
            "// Edit the model and import it again rather than this file.",
            "//",
            "// ONNX name -> C++ name (the exprnet name is the ONNX name: .npz entries match the state_dict)",
        ]
        rows += [f"//   {n:<{width}}  {s}" for n, s in symbols]
        shape = " x ".join(map(str, self.input_shape))
        if len(self.input_shape) > 1:
            rows.append(f"// The input is N x {shape} in ONNX: each column of {x} is one sample flattened in C order.")
        rows += ["#pragma once", "", "#include <exprnet/embedded.hpp>", "", f"namespace {name} {{", "",
                 "using namespace exprnet;", "using namespace exprnet::literals;", "",
                 f'constexpr auto {x} = input<"{self.input_name}", {prod(self.input_shape)}>;']
        for onnx_name, a in self.params:
            cols = "" if a.shape[1] == 1 else f", {a.shape[1]}"
            rows.append(f'constexpr auto {self.symbol(onnx_name)} = param<"{onnx_name}", {a.shape[0]}{cols}>;')
        rows.append("")
        rows += self.lines
        scores = self.scores if fin else self.output
        rows.append(f"constexpr auto scores = {scores.code};")
        if fin:
            rows.append(f"constexpr auto output = {fin}(scores);  // \"{self.output_name}\", the model's output")
        else:
            rows.append(f"constexpr auto output = scores;  // \"{self.output_name}\", the model's output")
        rows += ["",
                 f"inline constexpr int inputs = {prod(self.input_shape)};",
                 f"inline constexpr int outputs = {self.output.features};",
                 "/// Every weight, for compile(loss, parameters).",
                 f"inline constexpr auto parameters = wrt({', '.join(self.symbol(n) for n, _ in self.params)});",
                 "using params = params_for<decltype(scores)>;", "",
                 f"}}  // namespace {name}", ""]
        return "\n".join(wrap(r) for r in rows)

    def weights_header(self, name):
        ns = name + "_weights"
        rows = [f"// Generated by scripts/onnx_to_exprnet.py: the {len(self.params)} weights of {name}.hpp, row-major.",
                f"// constexpr {name}::params p = exprnet::io::baked_arena<{name}::params>({ns}::arrays);",
                "#pragma once", "", f"namespace {ns} {{", "", "struct array_entry {", "    const char* name;",
                "    int rows;", "    int cols;", "    const float* data;  // rows * cols values, row-major", "};", ""]
        for onnx_name, a in self.params:
            s = self.symbol(onnx_name)
            rows += [f"inline constexpr int {s}_rows = {a.shape[0]};", f"inline constexpr int {s}_cols = {a.shape[1]};",
                     f"inline constexpr float {s}[{s}_rows * {s}_cols] = {{"]
            values = [literal(self.np, float(v), suffix="f") for v in a.reshape(-1)]
            for k in range(0, len(values), 8):
                rows.append("    " + ", ".join(values[k:k + 8]) + ",")
            rows += ["};", ""]
        rows.append("inline constexpr array_entry arrays[] = {")
        for onnx_name, _ in self.params:
            s = self.symbol(onnx_name)
            rows.append(f'    {{"{onnx_name}", {s}_rows, {s}_cols, {s}}},')
        rows += ["};", "", f"}}  // namespace {ns}", ""]
        return "\n".join(rows)

    def npz(self, path):
        # A bias is (out,) in the state_dict and in exprnet's .npz; a weight (out, in).
        arrays = {n: (a.reshape(-1) if a.shape[1] == 1 else a) for n, a in self.params}
        with open(path, "wb") as f:
            self.np.savez(f, **arrays)


def nodes_output_of(graph, name):
    for node in graph.node:
        if name in node.output:
            return node
    return None


def prod(shape):
    n = 1
    for d in shape:
        n *= d
    return n


def literal(np, value, suffix=""):
    """The shortest decimal that is this float32, as a C++ literal: `0.2f`, or `0.2_c` without a suffix."""
    text = np.format_float_positional(np.float32(value), unique=True, trim="0")
    if "e" in text or len(text) > 24:
        text = np.format_float_scientific(np.float32(value), unique=True, trim="0")
    if text.endswith("."):
        text += "0"
    return text + (suffix or "_c")


def wrap(line, width=110):
    """Breaks a long definition after commas, so the header reads like code a person wrote."""
    if len(line) <= width or line.startswith("//"):
        return line
    out, current = [], ""
    for piece in re.split(r'(?<=, )(?=(?:[^"]*"[^"]*")*[^"]*$)', line):  # after ", " outside quotes
        if current and len(current) + len(piece) > width:
            out.append(current.rstrip())
            current = "    " + piece
        else:
            current += piece
    out.append(current)
    return "\n".join(out)


def load(path):
    try:
        import numpy  # noqa: F401
        import onnx
    except ImportError as e:
        refuse(f"python3-onnx and python3-numpy are needed ({e}); scripts/deps.sh installs them")
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        refuse(f"{path}: cannot read: {e.strerror}")
    try:
        with warnings.catch_warnings():  # protobuf warns about some bytes before it fails on them
            warnings.simplefilter("ignore")
            model = onnx.load_model_from_string(data)
    except Exception as e:  # protobuf's DecodeError and others, depending on the bytes
        refuse(f"{path}: not an ONNX model (it does not parse as one: {type(e).__name__})")
    if not model.HasField("graph") or not model.graph.node:
        refuse(f"{path}: not an ONNX model (no graph)")
    try:
        onnx.checker.check_model(model)
    except Exception as e:  # onnx.checker.ValidationError, and others for some malformed fields
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        refuse(f"{path}: not a valid ONNX model: {first}")
    return model


def import_model(source, name):
    """Reads and checks the model; returns the three files' contents: {file name: bytes or str}."""
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) or name in CXX_KEYWORDS:
        refuse(f"--name {name!r}: the namespace must be a C++ identifier")
    importer = Importer(load(source), source)
    importer.run()
    files = {f"{name}.hpp": importer.header(name, source), f"{name}_weights.hpp": importer.weights_header(name)}
    return importer, files


def write_all(importer, files, name, out):
    """Writes every file to a temporary next to it, then renames them: all or nothing."""
    os.makedirs(out, exist_ok=True)
    temps = []
    try:
        for file, text in list(files.items()) + [(f"{name}.npz", None)]:
            fd, temp = tempfile.mkstemp(prefix=f".{file}.", dir=out)
            temps.append((temp, os.path.join(out, file)))
            with os.fdopen(fd, "w" if text is not None else "wb") as f:
                if text is not None:
                    f.write(text)
            if text is None:
                importer.npz(temp)
        for temp, final in temps:
            os.replace(temp, final)
    finally:
        for temp, _ in temps:
            if os.path.exists(temp):
                os.remove(temp)
    return [final for _, final in temps]


def differences(importer, files, name, out):
    """--check: what differs between this import and the files in `out`."""
    found = []
    for file, text in files.items():
        path = os.path.join(out, file)
        if not os.path.exists(path) or open(path, encoding="utf-8", errors="replace").read() != text:
            found.append(path)
    path = os.path.join(out, f"{name}.npz")
    np = importer.np
    try:
        with np.load(path) as old:
            same = sorted(old.files) == sorted(n for n, _ in importer.params) and all(
                np.array_equal(old[n], a.reshape(old[n].shape)) and old[n].size == a.size for n, a in importer.params)
    except Exception:  # missing or unreadable: different either way
        same = False
    return found + ([] if same else [path])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model", help="the .onnx file (torch.onnx.export)")
    parser.add_argument("--name", required=True, help="C++ namespace and file name stem, e.g. mlp")
    parser.add_argument("--out", required=True, help="folder for <name>.hpp, <name>_weights.hpp, <name>.npz")
    parser.add_argument("--quiet", action="store_true", help="print nothing when it works")
    parser.add_argument("--check", action="store_true",
                        help="write nothing: exit 1 unless the files in --out are what this import would write")
    args = parser.parse_args(argv)
    try:
        importer, files = import_model(args.model, args.name)
        if args.check:
            stale = differences(importer, files, args.name, args.out)
            for path in stale:
                print(f"onnx_to_exprnet: {path} is not what importing {args.model} writes", file=sys.stderr)
            return 1 if stale else 0
        written = write_all(importer, files, args.name, args.out)
    except Refused as e:
        print(f"onnx_to_exprnet: {e}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"onnx_to_exprnet: cannot write into {args.out}: {e.strerror}", file=sys.stderr)
        return 1
    if not args.quiet:
        print(f"{args.model}: {len(importer.params)} weights, input {importer.input_name!r} "
              f"({' x '.join(map(str, importer.input_shape))}), output {importer.output_name!r} "
              f"({importer.output.features})")
        for n, _ in [(importer.input_name, None)] + importer.params:
            print(f"  {n} -> {importer.symbol(n)}")
        for note in importer.notes:
            print(f"note: {note}")
        for path in written:
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
