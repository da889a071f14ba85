#!/usr/bin/env python3
"""The embedded example's checks (examples/embedded/CMakeLists.txt registers them as CTests).

  compare   run an image under QEMU (or a host program) and compare its values with a host
            program's (the host build, or PyTorch's: examples/from_pytorch/spiral.py grid), or
            with another image's: bit for bit (--exact) or within a relative tolerance
  trap      the heap-trap image stops with Eigen's "no heap allocation" check, status 99
  no-heap   no image links malloc, free, _sbrk, operator new, __cxa_* or the unwinder
  memory    the byte figures the image prints (exprnet's constexpr figures) equal the sizes the
            linker gave those objects, and each object is where it should be (flash or RAM)
  sizes     flash and RAM of the exprnet image next to the hand-written one: the ratios are
            within --limit and docs/embedded.md shows this very table (--write updates it)
  weights   the committed spiral_weights.hpp is what bake_spiral_weights writes

Output lines of the programs (report.hpp): `value <name> <index> <decimal> 0x<bits>`,
`figure <name> <n>`, `target <name> <n>`.
"""
import argparse
import os
import re
import struct
import subprocess
import sys


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def run(command, timeout=120):
    try:
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        fail(f"{' '.join(command)} did not finish in {timeout} s")
    return done.returncode, done.stdout, done.stderr


def run_image(args, elf, want_status=0):
    """Runs an image under QEMU with semihosting; returns its output."""
    if not os.path.exists(elf):
        fail(f"{elf} does not exist (was the firmware built?)")
    command = [args.qemu, "-M", args.board, "-nographic", "-monitor", "none", "-serial", "none",
               "-chardev", "stdio,id=shc", "-semihosting-config", "enable=on,target=native,chardev=shc",
               "-kernel", elf]
    if getattr(args, "icount", False):
        command[1:1] = ["-icount", "shift=0"]  # virtual time counts instructions: SysTick measures them
    status, out, err = run(command, timeout=60)
    if want_status is not None and status != want_status:
        fail(f"{os.path.basename(elf)} on {args.board} exited with {status}, not {want_status}\n{out[-2000:]}{err[-2000:]}")
    return out, status


def run_host(command):
    status, out, err = run(command)
    if status != 0:
        fail(f"{' '.join(command)} exited with {status}\n{err[-2000:]}")
    return out


def parse(text):
    """(values, figures, target): values is a list of ((name, index), bits) in printed order."""
    values, figures, target = [], {}, {}
    for line in text.splitlines():
        fields = line.split()
        if fields[:1] == ["value"] and len(fields) == 5:
            values.append(((fields[1], int(fields[2])), int(fields[4], 16)))
        elif fields[:1] == ["figure"] and len(fields) == 3:
            figures.setdefault(fields[1], []).append(int(fields[2]))
        elif fields[:1] == ["target"] and len(fields) == 3:
            target[fields[1]] = int(fields[2])
    return values, figures, target


def as_float(bits):
    return struct.unpack("<f", struct.pack("<I", bits))[0]


def command_compare(args):
    out = run_image(args, args.elf)[0] if args.elf else run_host([args.program])
    reference = run_image(args, args.other_elf)[0] if args.other_elf else run_host(args.host)
    (mine, my_figures, my_target), (theirs, their_figures, _) = parse(out), parse(reference)
    for name, n in my_target.items():
        print(f"target {name} {n}")
    if not mine:
        fail("the image printed no values")
    if [key for key, _ in mine] != [key for key, _ in theirs]:
        fail(f"the image printed {len(mine)} values and the reference {len(theirs)}, or in another order")
    identical, worst, worst_key = 0, 0.0, None
    for (key, a), (_, b) in zip(mine, theirs):
        identical += a == b
        x, y = as_float(a), as_float(b)
        difference = abs(x - y) / max(1.0, abs(y)) if x == x and y == y else (0.0 if a == b else float("inf"))
        if difference > worst:
            worst, worst_key = difference, key
    for name in sorted(set(my_figures) & set(their_figures)):
        if my_figures[name] != their_figures[name]:
            fail(f"figure {name}: {my_figures[name]} here, {their_figures[name]} in the reference")
    print(f"values {len(mine)}, bit-identical {identical}, largest relative difference {worst:.3g}"
          + (f" at {worst_key[0]}[{worst_key[1]}]" if worst_key else ""))
    if args.exact and identical != len(mine):
        fail(f"{len(mine) - identical} values differ from the reference in their bits")
    if args.tolerance is not None and worst > args.tolerance:
        fail(f"the largest difference {worst:.3g} exceeds {args.tolerance}")
    print("OK")


def command_trap(args):
    out, status = run_image(args, args.elf, want_status=None)
    print(out.strip())
    if status != 99 or "EIGEN CHECK FAILED" not in out or "EIGEN_NO_MALLOC" not in out:
        fail(f"expected Eigen's no-allocation check to stop the image with status 99; it exited with {status}")
    print("OK")


FORBIDDEN = re.compile(r"^(malloc|free|calloc|realloc|_sbrk|_sbrk_r|_malloc_r|_free_r|_calloc_r|_realloc_r|"
                       r"_Zn[wa]\w*|_Zd[la]\w*|__cxa_\w+|_Unwind_\w+|__gxx_personality_v0)$")


def symbols(args, elf, demangle=False):
    status, out, err = run([args.nm, "-S"] + (["-C"] if demangle else []) + [elf])
    if status != 0:
        fail(f"{args.nm} {elf}: {err}")
    return out.splitlines()


def command_no_heap(args):
    for elf in args.elf:
        found = sorted({line.split()[-1] for line in symbols(args, elf) if FORBIDDEN.match(line.split()[-1])})
        if found:
            fail(f"{os.path.basename(elf)} links heap or C++ runtime symbols: {', '.join(found)}")
        print(f"{os.path.basename(elf)}: no malloc, free, _sbrk, operator new/delete, __cxa_* or _Unwind_*")
    print("OK")


def object_sizes(args, elf):
    """Demangled name -> (size, nm type letter) of the data objects."""
    sizes = {}
    for line in symbols(args, elf, demangle=True):
        parts = line.split(None, 3)
        if len(parts) == 4 and parts[2].lower() in "bdr":
            sizes[parts[3]] = (int(parts[1], 16), parts[2].lower())
    return sizes


# figure printed by the image -> (object, where it must be: nm type r = flash, d = RAM with
# initial values in flash, b = zeroed RAM)
MEMORY_OBJECTS = {
    "spiral_params_bytes": ("demo::spiral_params", "r"),
    "spiral_program_bytes": ("demo::spiral_program", "b"),
    "train_params_bytes": ("demo::train_params", "d"),
    "train_program_bytes": ("demo::train_program", "b"),
}


def command_memory(args):
    _, figures, _ = parse(run_image(args, args.elf)[0])
    sizes = object_sizes(args, args.elf)
    for figure, (name, kind) in MEMORY_OBJECTS.items():
        if figure not in figures:
            fail(f"the image did not print figure {figure}")
        if name not in sizes:
            fail(f"{name} is not in the image's symbol table")
        size, found_kind = sizes[name]
        where = {"r": "flash (read-only data)", "d": "RAM (.data)", "b": "RAM (.bss)"}
        print(f"{name}: linker {size} bytes in {where[found_kind]}; exprnet figure {figures[figure][0]} bytes")
        if size != figures[figure][0]:
            fail(f"{name}: the linker gave it {size} bytes, exprnet's figure {figure} says {figures[figure][0]}")
        if found_kind != kind:
            fail(f"{name} is in {where[found_kind]}, expected {where[kind]}")
    print("OK")


FLASH_SECTIONS = {".isr_vector", ".text", ".rodata", ".ARM.exidx", ".init_array", ".data"}


def footprint(args, elf):
    status, out, err = run([args.size, "-A", elf])
    if status != 0:
        fail(f"{args.size} {elf}: {err}")
    sections = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0].startswith(".") and parts[1].isdigit():
            sections[parts[0]] = int(parts[1])
    _, _, target = parse(run_image(args, elf)[0])
    static_ram = sections.get(".data", 0) + sections.get(".bss", 0)
    stack = target.get("stack_high_water_bytes")
    if stack is None:
        fail(f"{os.path.basename(elf)} did not print its stack use")
    return {"code": sections.get(".text", 0) + sections.get(".isr_vector", 0),
            "flash": sum(sections.get(s, 0) for s in FLASH_SECTIONS),
            "static_ram": static_ram, "stack": stack, "ram": static_ram + stack}


def command_sizes(args):
    mine, base = footprint(args, args.elf), footprint(args, args.baseline)
    rows = [("flash: code, constants, weights, .data image", "flash"), ("code (.text + vectors)", "code"),
            ("RAM: static (.data + .bss)", "static_ram"), ("RAM: stack, high-water mark", "stack"),
            ("RAM: total", "ram")]
    table = ["| bytes, Cortex-M4F, -Os | exprnet | hand-written Eigen | ratio |", "|---|---:|---:|---:|"]
    for label, key in rows:
        table.append(f"| {label} | {mine[key]:,} | {base[key]:,} | {mine[key] / base[key]:.3f} |")
    table = "\n".join(table)
    print(table)
    for key in ("flash", "ram"):
        if mine[key] > args.limit * base[key]:
            fail(f"exprnet's {key} is {mine[key] / base[key]:.3f} times the hand-written one's (limit {args.limit})")
    begin, end = "<!-- sizes:begin -->", "<!-- sizes:end -->"
    with open(args.docs, encoding="utf-8") as f:
        docs = f.read()
    if begin not in docs or end not in docs:
        fail(f"{args.docs} has no {begin} ... {end} block")
    head, rest = docs.split(begin, 1)
    _, tail = rest.split(end, 1)
    wanted = f"{head}{begin}\n{table}\n{end}{tail}"
    if wanted != docs:
        if args.write:
            with open(args.docs + ".tmp", "w", encoding="utf-8") as f:
                f.write(wanted)
            os.replace(args.docs + ".tmp", args.docs)
            print(f"updated {args.docs}")
        else:
            fail(f"{args.docs} shows another table; run this with --write to update it")
    print("OK")


def command_weights(args):
    status, out, err = run([args.bake, args.scratch], timeout=300)
    if status != 0:
        fail(f"{args.bake} exited with {status}: {err}")
    print(out.strip())
    with open(args.scratch, "rb") as a, open(args.committed, "rb") as b:
        if a.read() != b.read():
            fail(f"{args.committed} differs from what the trainer writes now ({args.scratch}); copy it over "
                 "if the change is intended")
    print("OK")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    def with_qemu(p):
        p.add_argument("--qemu", required=True)
        p.add_argument("--board", required=True)

    def with_tools(p):
        p.add_argument("--nm", required=True)
        p.add_argument("--size")

    p = sub.add_parser("compare")
    p.add_argument("--qemu")
    p.add_argument("--board")
    subject = p.add_mutually_exclusive_group(required=True)
    subject.add_argument("--elf", help="an image, run under --qemu --board")
    subject.add_argument("--program", help="a host program")
    reference = p.add_mutually_exclusive_group(required=True)
    reference.add_argument("--host", nargs="+", help="a host program (and its arguments)")
    reference.add_argument("--other-elf")
    p.add_argument("--exact", action="store_true")
    p.add_argument("--tolerance", type=float)
    p.add_argument("--icount", action="store_true", help="run QEMU with -icount shift=0 (instruction counts)")
    p = sub.add_parser("trap")
    with_qemu(p)
    p.add_argument("--elf", required=True)
    p = sub.add_parser("no-heap")
    with_tools(p)
    p.add_argument("--elf", action="append", required=True)
    p = sub.add_parser("memory")
    with_qemu(p)
    with_tools(p)
    p.add_argument("--elf", required=True)
    p = sub.add_parser("sizes")
    with_qemu(p)
    with_tools(p)
    p.add_argument("--elf", required=True)
    p.add_argument("--baseline", required=True)
    p.add_argument("--docs", required=True)
    p.add_argument("--limit", type=float, default=1.05)
    p.add_argument("--write", action="store_true")
    p = sub.add_parser("weights")
    p.add_argument("--bake", required=True)
    p.add_argument("--committed", required=True)
    p.add_argument("--scratch", required=True)
    args = parser.parse_args()
    {"compare": command_compare, "trap": command_trap, "no-heap": command_no_heap, "memory": command_memory,
     "sizes": command_sizes, "weights": command_weights}[args.command](args)


if __name__ == "__main__":
    main()
