"""How long `citecheck --help` and `citecheck --version` take, side by side, for one or more
installs of citecheck (a tree before and after a change, say).

    python bench/cli_startup.py [CITECHECK ...] [--runs 20]

Each CITECHECK is a `citecheck` executable (default: the one on PATH beside this Python). The
commands run in turn, round after round, so that a busy machine slows them all alike; prints the
median and the fastest wall time of each, with the command line that made them.
"""

from __future__ import annotations

import argparse
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def default_executable() -> str:
    beside = Path(sys.executable).parent / "citecheck"
    found = str(beside) if beside.exists() else shutil.which("citecheck")
    if found is None:
        raise SystemExit("no citecheck executable found: name one")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("executables", nargs="*", metavar="CITECHECK")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    executables = args.executables or [default_executable()]
    commands = [[exe, flag] for exe in executables for flag in ("--help", "--version")]
    times: dict[int, list[float]] = {n: [] for n in range(len(commands))}
    for command in commands:  # a first run to warm the disk cache, not counted
        subprocess.run(command, check=True, capture_output=True)
    for _ in range(args.runs):
        for n, command in enumerate(commands):
            started = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            times[n].append(time.perf_counter() - started)
    print(f"$ python bench/cli_startup.py {shlex.join(sys.argv[1:])}")
    print(f"{'command':<70} {'median':>8} {'fastest':>8}")
    for n, command in enumerate(commands):
        median, fastest = statistics.median(times[n]), min(times[n])
        print(f"{shlex.join(command):<70} {median:>7.3f}s {fastest:>7.3f}s")


if __name__ == "__main__":
    main()
