"""Benchmark of `actip report`: the illustrative Viet Nam assessment (86 obligations, with
indicator series) in every format, against `actip --version` measured in the same run.

    python benchmarks/report.py            # 15 runs each
    python benchmarks/report.py --runs 5

Target (the gap-report issue): a complete report in any format within 1.5 times
`actip --version` on the same machine. Each command runs as a fresh process; the median
wall time and the peak resident memory of any run are printed, as in benchmarks/run.py.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import BIN, REPO, Suite, actip  # noqa: E402

EXAMPLE = REPO / "examples" / "vietnam-illustrative.yaml"
BASELINE = REPO / "examples" / "vietnam-2016-baseline-illustrative.yaml"
FORMATS = ("terminal", "markdown", "html", "json", "csv")
TARGET = 1.5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15, help="runs per benchmark (median reported)")
    args = parser.parse_args()
    if not (BIN / "actip").exists():
        raise SystemExit(f"actip is not installed beside {sys.executable}; run: pip install '.[test,bench]'")
    with tempfile.TemporaryDirectory(prefix="actip-bench-") as tmp:
        suite = Suite(args.runs, None, Path(tmp))
        print(f"medians of {args.runs} runs; peak resident memory of any run")
        print("report (examples/vietnam-illustrative.yaml, shipped catalog)")
        suite.time("actip --version", actip("--version"))
        env = {"NO_COLOR": "1", "COLUMNS": "80"}
        for fmt in FORMATS:
            suite.time(f"actip report --format {fmt}", actip("report", str(EXAMPLE), "--format", fmt), env=env)
        suite.time("actip report --format json --baseline OLD",
                   actip("report", str(EXAMPLE), "--format", "json", "--baseline", str(BASELINE)), env=env)
        for fmt in FORMATS:
            suite.ratio(f"report --format {fmt} vs --version", f"actip report --format {fmt}", "actip --version", TARGET)
        print("targets")
        for label, passed, detail in suite.verdicts:
            print(f"  {'PASS' if passed else 'MISS'}  {label}: {detail}")
    return 0 if all(passed for _, passed, _ in suite.verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
