"""Benchmark of the workshop commands: `actip merge` of 1,000 answers files, `actip compare`
of the ten member states (and `actip diff` of two rounds, for reference).

    python benchmarks/workshop.py              # 5 runs each
    python benchmarks/workshop.py --runs 9 --files 1000

Files are generated in a temporary folder against the shipped catalog (or, while that does
not load, the test catalog; the output says which). Each command runs as a fresh process;
the median wall time and the peak resident memory of any run are printed, with the
targets: merge of 1,000 files within 5 s and under 200 MB, compare of ten within 2 s.

Two merge workloads are measured:
- workshop: each participant answers one chapter (`actip assess --chapter N`), as in the
  workshop guide; this is the workload the target is set for;
- complete: every file answers every obligation (a stress case: the merged file then holds
  1,000 statements per duty).

The schema-validity cache is turned off (ACTIP_NO_CACHE=1), so every file is validated
in every run, as on a first merge.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(REPO / "src"))

from actip_cli import catalog as catalog_mod  # noqa: E402
from actip_cli import yamlio  # noqa: E402
from actip_cli.model import Catalog  # noqa: E402

RATINGS = ["none", "initial", "partial", "substantial", "full"]
MERGE_SECONDS, MERGE_MB, COMPARE_SECONDS = 5.0, 200.0, 2.0


def pick_catalog() -> tuple[Path, Catalog, str]:
    """The shipped catalog if it loads, else the test catalog."""
    for root, name in ((REPO / "obligations", "shipped catalog"), (REPO / "tests" / "data" / "catalogs" / "mini", "test catalog")):
        try:
            return root, catalog_mod.load_catalog(root), name
        except Exception as exc:  # noqa: BLE001 - report which catalog was used and why
            print(f"  ({name} does not load: {exc})")
    raise SystemExit("no catalog loads")


def answers_file(catalog: Catalog, rnd: random.Random, *, country: str, period: int, respondent: str,
                 obligations: list[str], series: bool) -> str:
    answers = {}
    for oid in obligations:
        base = rnd.randrange(5)
        a: dict[str, object] = {
            "de_jure": "unknown" if rnd.random() < 0.05 else RATINGS[base],
            "de_facto": "unknown" if rnd.random() < 0.1 else RATINGS[max(0, base - rnd.randrange(3))],
        }
        if rnd.random() < 0.7:
            a["evidence"] = [f"Law {rnd.randint(1, 60)}/20{rnd.randint(10, 25)}, art. {rnd.randint(1, 90)}"
                             for _ in range(rnd.randint(1, 3))]
            a["grade"] = rnd.choice("ABC")
        if rnd.random() < 0.3:
            a["note"] = f"Seen in {rnd.randint(2, 60)} provinces; budget line {rnd.randint(100, 999)}."
        answers[oid] = a
    data: dict[str, object] = {"actip_answers": 1, "country": country, "period": period, "respondent": respondent,
                               "catalog": {"version": catalog.version}, "answers": answers}
    if series:
        data["indicators"] = {sid: {year: rnd.randint(50, 500) for year in range(period - 4, period + 1)}
                              for sid in list(catalog.indicators)[:3]}
    return yamlio.dump(data)


def generate(folder: Path, catalog: Catalog, files: int, seed: int = 7) -> dict[str, list[Path]]:
    rnd = random.Random(seed)
    ids = list(catalog.obligations)
    by_chapter = [[o.id for o in catalog.obligations.values() if o.chapter == ch.id] for ch in catalog.chapters]
    by_chapter = [c for c in by_chapter if c]
    sets: dict[str, list[Path]] = {"workshop": [], "complete": [], "countries": []}
    for kind in ("workshop", "complete"):
        (folder / kind).mkdir()
        for i in range(files):
            chosen = by_chapter[i % len(by_chapter)] if kind == "workshop" else ids
            path = folder / kind / f"participant-{i:04d}.yaml"
            path.write_text(answers_file(catalog, rnd, country="VNM", period=2025, respondent=f"Participant {i + 1}",
                                         obligations=chosen, series=i % 50 == 0), "utf-8")
            sets[kind].append(path)
    (folder / "countries").mkdir()
    for country in catalog.countries:
        path = folder / "countries" / f"{country.iso3.lower()}.yaml"
        path.write_text(answers_file(catalog, rnd, country=country.iso3, period=2025, respondent=f"{country.name} focal point",
                                     obligations=ids, series=True), "utf-8")
        sets["countries"].append(path)
    return sets


def measure(label: str, argv: list[str], runs: int, env: dict[str, str], ok: tuple[int, ...] = (0,)) -> tuple[float, float]:
    times, peaks = [], []
    for _ in range(runs):
        # stderr goes to a file: a pipe left unread would block a command that says a lot.
        with tempfile.TemporaryFile() as errors:
            start = time.perf_counter()
            proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=errors, env=env)
            _, status, usage = os.wait4(proc.pid, 0)
            times.append(time.perf_counter() - start)
            peaks.append(usage.ru_maxrss / 1024)
            errors.seek(0)
            stderr = errors.read().decode(errors="replace")
        code = os.waitstatus_to_exitcode(status)
        if code not in ok:
            raise SystemExit(f"{label}: exited {code}\n{stderr[-2000:]}")
    median, peak = statistics.median(times), max(peaks)
    said = f"   exit {code}: {stderr.strip().splitlines()[0][:90]}" if code else ""
    print(f"  {label:<52} {median:7.2f} s   {peak:6.1f} MB{said}")
    return median, peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--files", type=int, default=1000)
    args = parser.parse_args()
    actip = str(BIN / "actip")
    root, catalog, name = pick_catalog()
    env = {**os.environ, "ACTIP_NO_CACHE": "1", "NO_COLOR": "1"}
    verdicts = []
    with tempfile.TemporaryDirectory(prefix="actip-workshop-bench-") as tmp:
        folder = Path(tmp)
        sets = generate(folder, catalog, args.files)
        print(f"{name}: {len(catalog.obligations)} obligations, catalog {catalog.version}; medians of {args.runs} runs")
        base = [actip, "--obligations", str(root)]
        out = folder / "merged.yaml"
        for kind, count in (("workshop", args.files), ("complete", args.files), ("complete", args.files // 2)):
            files = sets[kind][:count]
            label = f"merge {count} files ({kind}, {sum(p.stat().st_size for p in files) / 1e6:.1f} MB)"
            out.unlink(missing_ok=True)
            # A complete merge of 1,000 files would exceed the 16 MB that actip reads back:
            # it is refused (exit 4) before anything is written, and that is measured too.
            seconds, peak = measure(label, [*base, "merge", *map(str, files), "--output", str(out)], args.runs, env, ok=(0, 4))
            if out.exists():
                print(f"    merged file: {out.stat().st_size / 1e6:.1f} MB")
            if kind == "workshop":
                verdicts.append((f"merge {count} files within {MERGE_SECONDS:g} s", seconds <= MERGE_SECONDS, f"{seconds:.2f} s"))
                verdicts.append((f"merge peak memory under {MERGE_MB:g} MB", peak < MERGE_MB, f"{peak:.0f} MB"))
        countries = list(map(str, sets["countries"]))
        for fmt in ("terminal", "html", "csv"):
            seconds, _ = measure(f"compare {len(countries)} member states ({fmt})", [*base, "compare", *countries, "--format", fmt], args.runs, env)
            if fmt == "terminal":
                verdicts.append((f"compare {len(countries)} within {COMPARE_SECONDS:g} s", seconds <= COMPARE_SECONDS, f"{seconds:.2f} s"))
        measure("diff of two rounds", [*base, "diff", countries[0], countries[0]], args.runs, env)
        shutil.rmtree(tmp, ignore_errors=True)
    print("targets")
    for label, passed, detail in verdicts:
        print(f"  {'PASS' if passed else 'MISS'}  {label}: {detail}")
    return 0 if all(p for _, p, _ in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
