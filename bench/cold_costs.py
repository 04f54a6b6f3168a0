"""Where the CPU of a cold `citecheck verify` run goes: the main process stage by stage.

Serves the corpus on the loopback web throughput.py uses (a delay per response, many host
names behind a proxy), writes a citations file of N citations and runs `citecheck verify` on
it with an empty cache, inside a meter. The meter wraps the stages named in METER_POINTS and
adds up the CPU time each thread spends in each (time.thread_time: user and system time, with
or without the GIL), a nested stage apart from the stage that called it. Each thread's total
(pipeline workers, the main thread, and a process pool's feeder and manager threads where the
measured tree has them) and the process's getrusage close the account; the judging worker
processes (extraction, matching and keeping their results) and the bench's own web server are
measured whole. CPU time, not wall time, so that other work on the machine blurs the split less.

    python bench/cold_costs.py [CORPUS] [--size 2000] [--delay 0.1] [--workers 16]

Prints the split with the command that made it and writes it as JSON to
bench/out/cold_costs/n<size>.json. Exits non-zero when the run fails.
"""

from __future__ import annotations

import argparse
import functools
import gc
import importlib
import inspect
import json
import os
import resource
import shlex
import shutil
import subprocess
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
DEFAULT_OUT = BENCH_DIR / "out" / "cold_costs"


@dataclass(frozen=True)
class MeterPoint:
    """A function to meter: `attribute` is "function" or "Class.method" of `module`."""

    module: str
    attribute: str
    label: str


# Functions imported by name into another module are metered where they are called from.
METER_POINTS = (
    MeterPoint("citecheck.pipeline", "Verifier.check", "check one citation"),
    MeterPoint("citecheck.fetch.http", "HttpFetcher._fetch", "fetch a page (cache, lock, network)"),
    MeterPoint("citecheck.transport.client", "Transport.get", "transport: one URL, its redirects"),
    MeterPoint("citecheck.transport.client", "Transport._send", "HTTP request and headers"),
    MeterPoint("citecheck.transport.client", "read_body", "read and inflate the body"),
    MeterPoint("citecheck.fetch.cache", "FetchCache.get", "fetch cache: read"),
    MeterPoint("citecheck.fetch.cache", "FetchCache.record", "fetch cache: read a record"),
    MeterPoint("citecheck.fetch.cache", "FetchCache.put", "fetch cache: write"),
    MeterPoint("citecheck.extract.metadata_cache", "CachedExtraction.__call__", "metadata cache"),
    MeterPoint(
        "citecheck.extract.metadata_cache", "CachedExtraction.stored", "metadata cache: read"
    ),
    MeterPoint(
        "citecheck.worker_pool",
        "WorkerPool.__call__",
        "judging: from kept metadata, or by a worker process",
    ),
    MeterPoint("citecheck.match.verdict_cache", "VerdictCache.get", "verdict cache: read"),
    MeterPoint("citecheck.match.verdict_cache", "VerdictCache.put", "verdict cache: write"),
    MeterPoint("citecheck.match", "judge", "match (judge)"),
    MeterPoint("citecheck.follow_up", "FollowUp.review", "second looks"),
    MeterPoint("citecheck.follow_up", "sample_page", "second looks: read the page's text"),
    MeterPoint("citecheck.pipeline", "locate", "locate candidates"),
    MeterPoint("diskcache.core", "Cache.set", "diskcache set"),
    MeterPoint("diskcache.core", "Cache.get", "diskcache get"),
    MeterPoint(
        "citecheck.worker_pool", "_Worker.judge", "hand a page to a worker, read its verdict"
    ),
    MeterPoint("multiprocessing.reduction", "ForkingPickler.dumps", "pickle a page for a worker"),
    MeterPoint("multiprocessing.connection", "Connection.send_bytes", "write to a worker's pipe"),
    MeterPoint("citecheck.cli.verify", "load_citations", "load citations"),
    MeterPoint("citecheck.cli.verify", "render", "render the report"),
)
UNATTRIBUTED = "outside the threads' accounts (exit, live threads)"


# ---------------------------------------------------------------------- inside the measured run


class _Meter:
    """CPU seconds by call path (thread role, then metered stages), and by thread role."""

    def __init__(self) -> None:
        self.by_path: dict[tuple[str, ...], float] = defaultdict(float)
        self.calls: dict[tuple[str, ...], int] = defaultdict(int)
        self.by_role: dict[str, float] = defaultdict(float)
        self.gc_seconds = 0.0
        self.not_metered: list[str] = []
        self._lock = threading.Lock()
        self._local = threading.local()

    def stack(self) -> list[str]:
        stack: list[str] | None = getattr(self._local, "stack", None)
        if stack is None:
            stack = self._local.stack = [role_of(threading.current_thread())]
        return stack

    def add(self, path: tuple[str, ...], seconds: float) -> None:
        with self._lock:
            self.by_path[path] += seconds
            self.calls[path] += 1

    def add_role(self, role: str, seconds: float) -> None:
        with self._lock:
            self.by_role[role] += seconds

    def wrap(self, function: Callable[..., Any], label: str) -> Callable[..., Any]:
        @functools.wraps(function)
        def metered(*args: Any, **kwargs: Any) -> Any:
            stack = self.stack()
            stack.append(label)
            path = tuple(stack)
            started = time.thread_time()
            try:
                return function(*args, **kwargs)
            finally:
                self.add(path, time.thread_time() - started)
                stack.pop()

        return metered

    def on_gc(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._local.gc_started = time.thread_time()
        elif (started := getattr(self._local, "gc_started", None)) is not None:
            with self._lock:
                self.gc_seconds += time.thread_time() - started


def role_of(thread: threading.Thread) -> str:
    if thread is threading.main_thread():
        return "main thread"
    if thread.name.startswith("ThreadPoolExecutor"):
        return "pipeline worker threads"
    if type(thread).__name__ == "_ExecutorManagerThread":
        return "process pool manager thread"
    if thread.name.startswith("QueueFeederThread"):
        return "process pool feeder thread"
    return f"other threads ({thread.name.rstrip('0123456789-_')})"


def install(meter: _Meter, point: MeterPoint) -> None:
    try:
        owner: Any = importlib.import_module(point.module)
        *owners, name = point.attribute.split(".")
        for part in owners:
            owner = getattr(owner, part)
        # A module's attribute may come from its __getattr__ (imported on first use).
        raw = (
            getattr(owner, name) if inspect.ismodule(owner) else inspect.getattr_static(owner, name)
        )
    except (ImportError, AttributeError):
        meter.not_metered.append(f"{point.module}:{point.attribute}")
        return
    if isinstance(raw, classmethod | staticmethod):
        setattr(owner, name, type(raw)(meter.wrap(raw.__func__, point.label)))
    else:
        setattr(owner, name, meter.wrap(raw, point.label))


def count_thread_totals(meter: _Meter) -> None:
    """Add every thread's whole CPU time to its role when the thread ends."""
    bootstrap = threading.Thread._bootstrap_inner  # type: ignore[attr-defined]

    def counted(thread: threading.Thread) -> None:
        started = time.thread_time()
        try:
            bootstrap(thread)
        finally:
            meter.add_role(role_of(thread), time.thread_time() - started)

    threading.Thread._bootstrap_inner = counted  # type: ignore[attr-defined]


def metered_verify(report_path: str, verify_arguments: list[str]) -> None:
    """Run `citecheck verify_arguments` under the meter; write what it measured to report_path.

    Called by the measuring process as `python -c`, so that the extraction workers the run
    spawns do not import this script.
    """
    meter = _Meter()
    count_thread_totals(meter)
    gc.callbacks.append(meter.on_gc)
    from citecheck.cli import main

    for point in METER_POINTS:
        install(meter, point)
    sys.argv = ["citecheck", *verify_arguments]
    exit_code: int | str | None = 0
    try:
        main()
    except SystemExit as stop:
        exit_code = stop.code
    finally:
        meter.add_role("main thread", time.thread_time())
        write_meter_report(meter, Path(report_path))
    sys.exit(exit_code)


def write_meter_report(meter: _Meter, path: Path) -> None:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    report = {
        "paths": [[list(p), s, meter.calls[p]] for p, s in meter.by_path.items()],
        "roles": dict(meter.by_role),
        "gc_seconds": meter.gc_seconds,
        "not_metered": meter.not_metered,
        "main_user": own.ru_utime,
        "main_system": own.ru_stime,
        "workers_user": children.ru_utime,
        "workers_system": children.ru_stime,
    }
    path.write_text(json.dumps(report), encoding="utf-8")


# ---------------------------------------------------------------------- the measuring process


@dataclass
class Stage:
    """One row of the split: CPU seconds spent in a stage itself and with what it called."""

    path: list[str]
    own_seconds: float
    total_seconds: float
    calls: int


@dataclass
class ColdCosts:
    command: str
    citations: int
    exit_code: int
    wall_seconds: float
    main_user: float
    main_system: float
    workers_seconds: float
    web_server_seconds: float
    gc_seconds: float
    stages: list[Stage] = field(default_factory=list)
    not_metered: list[str] = field(default_factory=list)

    @property
    def main_seconds(self) -> float:
        return self.main_user + self.main_system


def stages_of(meter_report: dict[str, Any]) -> list[Stage]:
    """Rows in tree order; each thread role is a root whose total is the threads' CPU time."""
    totals: dict[tuple[str, ...], float] = {}
    calls: dict[tuple[str, ...], int] = {}
    for path, seconds, count in meter_report["paths"]:
        totals[tuple(path)] = seconds
        calls[tuple(path)] = count
    main_cpu = meter_report["main_user"] + meter_report["main_system"]
    roles: dict[str, float] = dict(meter_report["roles"])
    roles[UNATTRIBUTED] = main_cpu - sum(roles.values())
    for role, seconds in roles.items():
        totals[(role,)] = seconds
        calls[(role,)] = 0
    children: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for path in totals:
        if len(path) > 1:
            children[path[:-1]].append(path)
    for path in list(children):
        # A stage seen only nested under unmetered code still needs its parent row.
        totals.setdefault(path, 0.0)
        calls.setdefault(path, 0)

    def rows(path: tuple[str, ...]) -> Iterator[Stage]:
        inner = sorted(children.get(path, []), key=lambda p: -totals[p])
        own = totals[path] - sum(totals[p] for p in inner)
        yield Stage(list(path), round(own, 3), round(totals[path], 3), calls[path])
        for child in inner:
            yield from rows(child)

    roots = sorted((p for p in totals if len(p) == 1), key=lambda p: -totals[p])
    return [stage for root in roots for stage in rows(root)]


def measure(args: argparse.Namespace, shown_command: str) -> ColdCosts:
    sys.path.insert(0, str(BENCH_DIR))
    from http_workload import load_bench_pages, served_pages, verify_command, write_workload
    from serve_corpus import LoopbackWeb, proxy_environment

    pages = load_bench_pages(args.corpus)
    folder = args.out / f"n{args.size}"
    shutil.rmtree(folder, ignore_errors=True)
    meter_path = folder / "meter.json"
    log_path = folder / "cold.log"
    with LoopbackWeb(served_pages(pages), delay=args.delay) as web:
        workload = write_workload(folder, web, pages, args.size, args.hosts, args.host_interval)
        verify = verify_command(
            workload, folder / "cache", folder / "cold.json", args.workers, args.per_host
        )
        inside = (
            f"import sys; sys.path.insert(0, {str(BENCH_DIR)!r}); import cold_costs; "
            "cold_costs.metered_verify(sys.argv[1], sys.argv[2:])"
        )
        command = [sys.executable, "-c", inside, str(meter_path), *verify[1:]]
        env = proxy_environment(os.environ, web.proxy_url)
        cpu_before = time.process_time()
        started = time.perf_counter()
        with log_path.open("wb") as log:
            run = subprocess.Popen(
                command, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT
            )
            _, status, _ = os.wait4(run.pid, 0)
        wall = time.perf_counter() - started
        web_server_seconds = time.process_time() - cpu_before
    exit_code = os.waitstatus_to_exitcode(status)
    try:
        meter_report = json.loads(meter_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SystemExit(
            f"the metered run left no readable report ({exc}); see {log_path}"
        ) from exc
    return ColdCosts(
        command=shown_command,
        citations=args.size,
        exit_code=exit_code,
        wall_seconds=round(wall, 2),
        main_user=round(meter_report["main_user"], 2),
        main_system=round(meter_report["main_system"], 2),
        workers_seconds=round(meter_report["workers_user"] + meter_report["workers_system"], 2),
        web_server_seconds=round(web_server_seconds, 2),
        gc_seconds=round(meter_report["gc_seconds"], 2),
        stages=stages_of(meter_report),
        not_metered=meter_report["not_metered"],
    )


def describe(costs: ColdCosts) -> str:
    lines = [
        f"command: {costs.command}",
        f"cold run of {costs.citations} citations: wall {costs.wall_seconds:.1f} s, "
        f"exit {costs.exit_code}",
        f"  citecheck main process  {costs.main_seconds:6.2f} s CPU "
        f"(user {costs.main_user:.2f}, system {costs.main_system:.2f})",
        f"  judging workers         {costs.workers_seconds:6.2f} s CPU",
        f"  bench web server        {costs.web_server_seconds:6.2f} s CPU",
        "main process CPU seconds by thread and stage; an indented row runs inside the one "
        "above it ('own': in the stage itself, 'with inner': including the rows below it):",
        f"  {'':58s} {'own':>7s} {'with inner':>10s} {'calls':>6s}",
    ]
    for stage in costs.stages:
        name = "  " * (len(stage.path) - 1) + stage.path[-1]
        calls = str(stage.calls) if stage.calls else ""
        lines.append(
            f"  {name:58s} {stage.own_seconds:7.2f} {stage.total_seconds:10.2f} {calls:>6s}"
        )
    lines.append(
        f"  garbage collection, inside the rows above, all threads: {costs.gc_seconds:.2f}"
    )
    if costs.not_metered:
        lines.append(f"  not metered (renamed or gone?): {', '.join(costs.not_metered)}")
    return "\n".join(lines)


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    sys.path.insert(0, str(BENCH_DIR))
    from corpus_index import DEFAULT_CORPUS

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--size", type=int, default=2000, help="citations in the run")
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--delay", type=float, default=0.1, help="seconds before each response")
    parser.add_argument("--workers", type=int, default=16)
    parser.add_argument("--per-host", type=int, default=2)
    parser.add_argument("--host-interval", type=float, default=0.25)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if min(args.size, args.hosts, args.workers, args.per_host) < 1:
        parser.error("size, hosts, workers and per-host must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    args = parse_arguments(arguments)
    costs = measure(args, shlex.join(["python", "bench/cold_costs.py", *arguments]))
    print(describe(costs))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"n{args.size}.json").write_text(
        json.dumps(asdict(costs), indent=1) + "\n", encoding="utf-8"
    )
    return 0 if costs.exit_code == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
