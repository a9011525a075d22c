"""Benchmark suite: whole-process medians and peak memory, with peers measured in the same run.

    python benchmarks/run.py            # all benchmarks, 15 runs each
    python benchmarks/run.py --runs 5 --only validate

Each benchmark runs a command as a fresh process several times and prints the median wall
time and the peak resident memory of the slowest-memory run. Targets are checked against
figures measured in the same run (for example `actip validate` against check-jsonschema
on the same files), so they hold on whatever machine runs them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


@dataclass
class Result:
    name: str
    median: float
    peak_mb: float
    runs: int


@dataclass
class Suite:
    runs: int
    only: str | None
    workdir: Path
    results: dict[str, Result] = field(default_factory=dict)
    verdicts: list[tuple[str, bool, str]] = field(default_factory=list)

    def time(self, name: str, argv: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None, ok: tuple[int, ...] = (0,)) -> Result | None:
        """Run argv `runs` times; record the median wall time and the peak RSS."""
        if self.only and self.only not in name:
            return None
        times, peaks = [], []
        run_env = {**os.environ, **(env or {})}
        for _ in range(self.runs):
            start = time.perf_counter()
            proc = subprocess.Popen(argv, cwd=cwd or self.workdir, env=run_env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            _, status, usage = os.wait4(proc.pid, 0)
            times.append(time.perf_counter() - start)
            peaks.append(usage.ru_maxrss / 1024)
            code = os.waitstatus_to_exitcode(status)
            if code not in ok:
                err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
                raise SystemExit(f"{name}: {' '.join(argv)} exited {code}\n{err}")
            if proc.stderr:
                proc.stderr.close()
        result = Result(name, statistics.median(times), max(peaks), self.runs)
        self.results[name] = result
        print(f"  {name:<44} {result.median * 1000:8.1f} ms   {result.peak_mb:6.1f} MB")
        return result

    def target(self, label: str, value: float, limit: float, unit: str = "x") -> None:
        """Record whether a measured ratio or figure meets its target."""
        passed = value <= limit
        self.verdicts.append((label, passed, f"{value:.2f}{unit} (target <= {limit:g}{unit})"))

    def ratio(self, label: str, name: str, peer: str, limit: float) -> None:
        if name in self.results and peer in self.results:
            self.target(label, self.results[name].median / self.results[peer].median, limit)


def actip(*args: str) -> list[str]:
    return [str(BIN / "actip"), *args]


def bench_startup(s: Suite) -> None:
    print("start-up")
    s.time("python -c 'import typer'", [sys.executable, "-c", "import typer"])
    s.time("actip --version", actip("--version"))
    s.ratio("actip --version vs import typer", "actip --version", "python -c 'import typer'", 1.5)


def bench_validate(s: Suite) -> None:
    print("validate (shipped catalog)")
    root = REPO / "obligations"
    schema = s.workdir / "catalog.schema.json"
    schema.write_text(subprocess.run(actip("schema", "catalog"), capture_output=True, text=True, check=True).stdout)
    files = [str(p) for p in sorted(root.rglob("*.yaml")) if "i18n" not in p.relative_to(root).parts]
    s.time("actip validate", actip("--obligations", str(root), "validate"))
    peer = BIN / "check-jsonschema"
    if peer.exists():
        s.time("check-jsonschema (same files, same schema)", [str(peer), "--schemafile", str(schema), *files])
        s.ratio("actip validate vs check-jsonschema", "actip validate", "check-jsonschema (same files, same schema)", 0.5)
    else:
        print("  check-jsonschema not installed: pip install '.[bench]' to compare")


BENCHMARKS: dict[str, Callable[[Suite], None]] = {
    "startup": bench_startup,
    "validate": bench_validate,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15, help="runs per benchmark (median reported)")
    parser.add_argument("--only", help="run only benchmarks whose name contains this text")
    args = parser.parse_args()
    if not (BIN / "actip").exists():
        raise SystemExit(f"actip is not installed beside {sys.executable}; run: pip install '.[test,bench]'")
    with tempfile.TemporaryDirectory(prefix="actip-bench-") as tmp:
        suite = Suite(args.runs, args.only, Path(tmp))
        print(f"medians of {args.runs} runs; peak resident memory of any run")
        for bench in BENCHMARKS.values():
            bench(suite)
        if suite.verdicts:
            print("targets")
            for label, passed, detail in suite.verdicts:
                print(f"  {'PASS' if passed else 'MISS'}  {label}: {detail}")
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
