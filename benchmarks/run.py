"""The benchmark suite: whole-process medians and peak memory, peers measured in the same run.

    python benchmarks/run.py                       # everything (about ten minutes on 2 cores)
    python benchmarks/run.py --only startup,validate --runs 5
    python benchmarks/run.py --only growth --runs 3

Every figure is the median wall time of `--runs` fresh processes (the heavy benchmarks,
merge, compare and growth, use at most 5 runs) and the peak resident memory of the
hungriest run. Targets are checked against figures measured in the same run (for example
`actip validate` against check-jsonschema on the same files), so they hold on whatever
machine runs them; a table of PASS/MISS closes the run.

actip keeps a cache of facts it has checked (see src/actip_cli/cache.py). Each benchmark
says which it measured:

- cold: ACTIP_NO_CACHE=1, every file parsed and validated (a first run, or new files);
- warm: a private cache folder filled by one untimed run first (a rerun on the same files).

The user's own cache is never read or written: the suite points ACTIP_CACHE_DIR at a
temporary folder. Everything generated (1,000 answers files, ten countries, catalogs 10
and 100 times the shipped size) lives in a temporary folder that is removed at the end.

Benchmarks (`--only` takes their names, comma-separated):

- startup: `actip --version` against `python -c "import typer"` (target: within 1.5x);
- validate: the shipped catalog against check-jsonschema on the same files and schema
  (target: at most 0.5x of check-jsonschema's time; actip checks more: cross-file rules,
  line numbers, the translations);
- report: the illustrative Viet Nam assessment in each format, as a first run, with new
  answers and as a rerun (target: within 1.5x of `actip --version`, once the catalog is
  cached);
- merge: 1,000 generated answers files, one chapter each, as in a workshop (target: 5 s,
  200 MB peak), and 300 complete files as a stress case (no target);
- compare: the ten member states, complete files (target: 2 s);
- growth: validate and report on catalogs and answers files 1x, 10x and 100x the shipped
  size: time per obligation, and whether cost grows no worse than linearly.
"""

from __future__ import annotations

import argparse
import compileall
import copy
import importlib.util
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml  # the benchmark reads and writes the catalog's own files to build bigger ones

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SHIPPED = REPO / "obligations"
EXAMPLE = REPO / "examples" / "vietnam-illustrative.yaml"
BASELINE = REPO / "examples" / "vietnam-2016-baseline-illustrative.yaml"
REPORT_FORMATS = ("terminal", "markdown", "html", "json", "csv")
RATINGS = ("none", "initial", "partial", "substantial", "full")
HEAVY_RUNS = 5


@dataclass
class Result:
    name: str
    median: float
    peak_mb: float
    runs: int


@dataclass
class Verdict:
    label: str
    passed: bool
    detail: str


@dataclass
class Suite:
    runs: int
    only: set[str]
    workdir: Path
    results: dict[str, Result] = field(default_factory=dict)
    verdicts: list[Verdict] = field(default_factory=list)

    @property
    def heavy_runs(self) -> int:
        return max(1, min(self.runs, HEAVY_RUNS))

    def env(self, cache: str) -> dict[str, str]:
        """The environment of a measured run: English, no colour, 80 columns, and the cache
        either off ('cold') or in the suite's private folder ('warm')."""
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("ACTIP_") and k not in ("NO_COLOR", "LANGUAGE", "LC_ALL", "PYTHONDONTWRITEBYTECODE")}
        env.update(ACTIP_LANG="en", NO_COLOR="1", COLUMNS="80", LANG="C.UTF-8", ACTIP_CACHE_DIR=str(self.workdir / "cache"))
        if cache == "cold":
            env["ACTIP_NO_CACHE"] = "1"
        return env

    def time(self, name: str, command: list[str] | Callable[[int], list[str]], *, cache: str = "cold",
             runs: int | None = None, ok: tuple[int, ...] = (0,), cwd: Path | None = None) -> Result:
        """Run a command as a fresh process `runs` times; record the median wall time and the
        peak RSS. `command` may be a function of the run's number (-1 for the untimed run
        that fills a warm cache), for a run that must see new input each time."""
        argv_of = command if callable(command) else lambda _: command
        env = self.env(cache)
        if cache == "warm":
            _run_once(argv_of(-1), env, ok, cwd or self.workdir)  # fill the cache; not timed
        times, peaks = [], []
        for run in range(runs or self.runs):
            argv = argv_of(run)
            # stderr goes to a file: a pipe nobody reads while we wait would fill and stall
            # a command that prints much progress (merge of 1,000 files).
            with tempfile.TemporaryFile() as err:
                start = time.perf_counter()
                proc = subprocess.Popen(argv, cwd=cwd or self.workdir, env=env, stdout=subprocess.DEVNULL, stderr=err)
                _, status, usage = os.wait4(proc.pid, 0)
                times.append(time.perf_counter() - start)
                peaks.append(usage.ru_maxrss / 1024)
                code = os.waitstatus_to_exitcode(status)
                if code not in ok:
                    err.seek(0)
                    raise SystemExit(f"{name}: {' '.join(argv[:6])} ... exited {code}\n{err.read().decode(errors='replace')[-2000:]}")
        result = Result(name, statistics.median(times), max(peaks), len(times))
        self.results[name] = result
        print(f"  {name:<58} {_ms(result.median):>10}   {result.peak_mb:6.1f} MB")
        return result

    def target(self, label: str, passed: bool, detail: str) -> None:
        self.verdicts.append(Verdict(label, passed, detail))

    def ratio(self, label: str, name: str, peer: str, limit: float) -> None:
        """A target on the ratio of two medians measured in this run."""
        if name in self.results and peer in self.results:
            value = self.results[name].median / self.results[peer].median
            self.target(label, value <= limit, f"{value:.2f}x (target <= {limit:g}x)")

    def seconds(self, label: str, name: str, limit: float) -> None:
        if name in self.results:
            value = self.results[name].median
            self.target(label, value <= limit, f"{value:.2f} s (target <= {limit:g} s)")

    def memory(self, label: str, name: str, limit: float) -> None:
        if name in self.results:
            value = self.results[name].peak_mb
            self.target(label, value < limit, f"{value:.0f} MB (target < {limit:g} MB)")


def _run_once(argv: list[str], env: dict[str, str], ok: tuple[int, ...], cwd: Path) -> None:
    done = subprocess.run(argv, env=env, cwd=cwd, capture_output=True)
    if done.returncode not in ok:
        raise SystemExit(f"{' '.join(argv[:6])} ... exited {done.returncode}\n{done.stderr.decode(errors='replace')[-2000:]}")


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"


def actip(*args: str) -> list[str]:
    return [str(BIN / "actip"), *args]


# --------------------------------------------------------------------------- start-up


def bench_startup(s: Suite) -> None:
    print("start-up (no files read)")
    s.time("python -c 'import typer'", [sys.executable, "-c", "import typer"])
    s.time("actip --version", actip("--version"))
    s.ratio("start-up: actip --version vs import typer", "actip --version", "python -c 'import typer'", 1.5)


# --------------------------------------------------------------------------- validate


def catalog_files(root: Path) -> list[str]:
    return [str(p) for p in sorted(root.rglob("*.yaml")) if "i18n" not in p.relative_to(root).parts]


def bench_validate(s: Suite) -> None:
    print("validate: the shipped catalog (actip also checks cross-file rules, line numbers and translations)")
    schema = s.workdir / "catalog.schema.json"
    schema.write_text(subprocess.run(actip("schema", "catalog"), capture_output=True, text=True, check=True).stdout, "utf-8")
    # validate reads every file every time (it reports what is in them), so there is no cache to warm.
    s.time("actip validate", actip("--obligations", str(SHIPPED), "validate"), cache="cold")
    peer = BIN / "check-jsonschema"
    if not peer.exists():
        print("  check-jsonschema is not installed: pip install '.[bench]' to compare")
        return
    s.time("check-jsonschema (same files, same schema)", [str(peer), "--schemafile", str(schema), *catalog_files(SHIPPED)])
    s.ratio("validate vs check-jsonschema", "actip validate", "check-jsonschema (same files, same schema)", 0.5)


# --------------------------------------------------------------------------- report


def bench_report(s: Suite) -> None:
    """The report in three situations. 'first run': nothing cached, the catalog is parsed
    and checked (once per installed catalog version). 'new answers': the catalog is cached
    and the answers file is new (an officer edited it). 'rerun': both cached."""
    print(f"report: {EXAMPLE.relative_to(REPO)} (shipped catalog)")
    if "actip --version" not in s.results:
        s.time("actip --version", actip("--version"))
    text = EXAMPLE.read_text("utf-8")
    assert "illustrative: >-\n" in text, "the example's illustrative note is where each run's edit goes"
    edited = s.workdir / "edited"
    edited.mkdir(exist_ok=True)

    def new_answers(fmt: str) -> Callable[[int], list[str]]:
        def argv(run: int) -> list[str]:
            path = edited / f"{fmt}-{run + 1}.yaml"
            # A real edit (the data changes, not only a comment): nothing is cached for it.
            path.write_text(text.replace("illustrative: >-\n", f"illustrative: >-\n  Edit {run + 1} for {fmt}.\n", 1), "utf-8")
            return actip("report", str(path), "--format", fmt)
        return argv

    for fmt in REPORT_FORMATS:
        s.time(f"actip report --format {fmt} (first run)", actip("report", str(EXAMPLE), "--format", fmt))
        s.time(f"actip report --format {fmt} (new answers)", new_answers(fmt), cache="warm")
        s.time(f"actip report --format {fmt} (rerun)", actip("report", str(EXAMPLE), "--format", fmt), cache="warm")
    s.time("actip report --format json --baseline OLD (rerun)",
           actip("report", str(EXAMPLE), "--format", "json", "--baseline", str(BASELINE)), cache="warm")
    for fmt in REPORT_FORMATS:
        for state in ("new answers", "rerun"):
            s.ratio(f"report --format {fmt} ({state}) vs --version", f"actip report --format {fmt} ({state})", "actip --version", 1.5)
    print("  (first run: no target; the catalog is parsed and checked once per installed version)")


# --------------------------------------------------------------------------- merge and compare


def answers_text(rnd: random.Random, *, version: str, country: str, period: int, respondent: str,
                 obligations: list[str], series: dict[str, list[int]], evidence: int = 3) -> str:
    """A plausible answers file: ratings with some unknowns, evidence, grades and notes."""
    answers: dict[str, dict[str, object]] = {}
    for oid in obligations:
        base = rnd.randrange(5)
        a: dict[str, object] = {
            "de_jure": "unknown" if rnd.random() < 0.05 else RATINGS[base],
            "de_facto": "unknown" if rnd.random() < 0.1 else RATINGS[max(0, base - rnd.randrange(3))],
        }
        if rnd.random() < 0.7:
            a["evidence"] = [f"Law {rnd.randint(1, 60)}/20{rnd.randint(10, 25)}, art. {rnd.randint(1, 90)}"
                             for _ in range(rnd.randint(1, evidence))]
            a["grade"] = rnd.choice("ABC")
        if rnd.random() < 0.3:
            a["note"] = f"Seen in {rnd.randint(2, 60)} provinces; budget line {rnd.randint(100, 999)}."
        answers[oid] = a
    data: dict[str, object] = {"actip_answers": 1, "country": country, "period": period, "respondent": respondent,
                               "catalog": {"version": version}, "answers": answers}
    if series:
        data["indicators"] = {sid: {year: rnd.randint(50, 500) for year in years} for sid, years in series.items()}
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


@dataclass
class CatalogFacts:
    version: str
    obligations: list[str]
    by_chapter: list[list[str]]
    indicators: list[str]
    countries: list[str]


def read_facts(root: Path) -> CatalogFacts:
    manifest = yaml.safe_load((root / "catalog.yaml").read_text("utf-8"))
    chapter_of = {n: ch["id"] for ch in manifest["chapters"] for n in ch["articles"]}
    obligations: list[str] = []
    chapters: dict[str, list[str]] = {}
    for path in sorted((root / "articles").glob("*.yaml")):
        article = yaml.safe_load(path.read_text("utf-8"))
        for o in article.get("obligations") or []:
            obligations.append(o["id"])
            chapters.setdefault(chapter_of[article["article"]], []).append(o["id"])
    indicators = [i["id"] for i in yaml.safe_load((root / "indicators.yaml").read_text("utf-8"))["indicators"]]
    countries = [c["iso3"] for c in yaml.safe_load((root / "countries.yaml").read_text("utf-8"))["countries"]]
    return CatalogFacts(str(manifest["version"]), obligations, list(chapters.values()), indicators, countries)


def bench_merge(s: Suite) -> None:
    facts = read_facts(SHIPPED)
    rnd = random.Random(7)
    folder = s.workdir / "merge"
    sets: dict[str, list[Path]] = {"workshop": [], "complete": []}
    for kind, count in (("workshop", 1000), ("complete", 300)):
        (folder / kind).mkdir(parents=True)
        for i in range(count):
            chosen = facts.by_chapter[i % len(facts.by_chapter)] if kind == "workshop" else facts.obligations
            series = {sid: list(range(2021, 2026)) for sid in facts.indicators[:3]} if i % 50 == 0 else {}
            path = folder / kind / f"participant-{i:04d}.yaml"
            path.write_text(answers_text(rnd, version=facts.version, country="VNM", period=2025, respondent=f"Participant {i + 1}",
                                         obligations=chosen, series=series), "utf-8")
            sets[kind].append(path)
    size = {k: sum(p.stat().st_size for p in v) / 1e6 for k, v in sets.items()}
    print(f"merge: generated answers files, shipped catalog ({len(facts.obligations)} obligations)")
    out = s.workdir / "merged.yaml"
    for kind in ("workshop", "complete"):
        name = f"merge {len(sets[kind])} files, {kind} ({size[kind]:.1f} MB, cold)"
        s.time(name, actip("merge", *map(str, sets[kind]), "--output", str(out)), runs=s.heavy_runs)
        print(f"    merged file: {out.stat().st_size / 1e6:.1f} MB")
        if kind == "workshop":
            s.seconds("merge of 1,000 files (one chapter each, cold)", name, 5.0)
            s.memory("merge of 1,000 files: peak memory", name, 200.0)
    s.time("merge 1000 files, workshop (warm)", actip("merge", *map(str, sets["workshop"]), "--output", str(out)),
           cache="warm", runs=s.heavy_runs)


def bench_compare(s: Suite) -> None:
    facts = read_facts(SHIPPED)
    rnd = random.Random(8)
    folder = s.workdir / "countries"
    folder.mkdir()
    paths = []
    for iso3 in facts.countries:
        path = folder / f"{iso3.lower()}.yaml"
        path.write_text(answers_text(rnd, version=facts.version, country=iso3, period=2025, respondent=f"{iso3} focal point",
                                     obligations=facts.obligations, series={sid: list(range(2019, 2026)) for sid in facts.indicators}), "utf-8")
        paths.append(str(path))
    print(f"compare: the {len(paths)} member states, complete answers files")
    for fmt in ("terminal", "html", "csv"):
        s.time(f"compare {len(paths)} member states --format {fmt} (cold)", actip("compare", *paths, "--format", fmt), runs=s.heavy_runs)
    s.time(f"compare {len(paths)} member states --format terminal (warm)", actip("compare", *paths), cache="warm", runs=s.heavy_runs)
    s.seconds("compare of the ten member states (cold)", f"compare {len(paths)} member states --format terminal (cold)", 2.0)
    s.time("diff of two complete rounds (cold)", actip("diff", paths[-1], paths[-1]), runs=s.heavy_runs)


# --------------------------------------------------------------------------- growth


def scaled_catalog(target: Path, factor: int) -> int:
    """A copy of the shipped catalog with `factor` times its obligations: each duty cloned
    under new lettered paragraphs of its article. English only (translations are left out
    at every size, so that sizes compare). Returns the number of obligations."""
    shutil.copytree(SHIPPED, target, ignore=shutil.ignore_patterns("i18n"))
    manifest = yaml.safe_load((target / "catalog.yaml").read_text("utf-8"))
    manifest["languages"] = ["en"]
    (target / "catalog.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False, allow_unicode=True), "utf-8")
    total = 0
    for path in sorted((target / "articles").glob("*.yaml")):
        article = yaml.safe_load(path.read_text("utf-8"))
        originals = article.get("obligations") or []
        clones = []
        if factor > 1 and originals:
            used = [int(str(o.get("paragraph") or "0").split(".")[0]) for o in originals]
            slots = ((p, letter) for p in range(max(used) + 1, 100) for letter in "abcdefghijklmnopqrstuvwxyz")
            for _ in range(factor - 1):
                for o in originals:
                    p, letter = next(slots)
                    clone = copy.deepcopy(o)  # no shared objects: the YAML writer would turn them into aliases
                    clone["paragraph"] = f"{p}.{letter}"
                    clone["id"] = f"ACTIP-{article['article']}.{p}.{letter}"
                    clones.append(clone)
            article["obligations"] = originals + clones
            path.write_text(yaml.safe_dump(article, sort_keys=False, allow_unicode=True, width=100), "utf-8")
        total += len(originals) + len(clones)
    return total


def bench_growth(s: Suite) -> None:
    print("growth: catalogs and answers files 1x, 10x and 100x the shipped size (cold; English catalog)")
    runs = s.heavy_runs
    base = s.time("actip --version (fixed start-up cost)", actip("--version"), runs=runs) if "actip --version" not in s.results \
        else s.results["actip --version"]
    rnd = random.Random(9)
    units: dict[int, int] = {}
    rows: list[tuple[str, int, Result]] = []
    for factor in (1, 10, 100):
        root = s.workdir / f"catalog-{factor}x"
        units[factor] = scaled_catalog(root, factor)
        facts = read_facts(root)
        years = list(range(max(1990, 2100 - 5 * factor + 1), 2101))  # series 5, 50 and 111 years long
        answers = s.workdir / f"answers-{factor}x.yaml"
        answers.write_text(answers_text(rnd, version=facts.version, country="VNM", period=2100, respondent="Growth",
                                        obligations=facts.obligations, series={sid: years for sid in facts.indicators}, evidence=4), "utf-8")
        mb = sum(p.stat().st_size for p in root.rglob("*.yaml")) / 1e6
        print(f"  {factor}x: {units[factor]} obligations ({mb:.1f} MB of catalog), answers file {answers.stat().st_size / 1e6:.1f} MB")
        on = ["--obligations", str(root)]
        for what, argv in (("validate catalog", actip(*on, "validate")),
                           ("validate answers", actip(*on, "validate", str(answers))),
                           ("report json", actip(*on, "report", str(answers), "--format", "json")),
                           ("report terminal", actip(*on, "report", str(answers)))):
            rows.append((what, factor, s.time(f"{what} {factor}x ({units[factor]} obligations)", argv, runs=runs)))
    print("  time per obligation, start-up (actip --version) taken off:")
    for what in dict.fromkeys(w for w, _, _ in rows):
        per = {f: max(r.median - base.median, 1e-6) / units[f] for w, f, r in rows if w == what}
        # Cost ~ n^k between 10x and 100x (and 1x and 10x); k <= 1 is linear or better.
        k_low = math.log(per[10] * units[10] / (per[1] * units[1])) / math.log(units[10] / units[1])
        k_high = math.log(per[100] * units[100] / (per[10] * units[10])) / math.log(units[100] / units[10])
        print(f"    {what:<18} " + "   ".join(f"{f}x {per[f] * 1e3:7.3f} ms" for f in (1, 10, 100))
              + f"   growth exponent 1x->10x {k_low:.2f}, 10x->100x {k_high:.2f}")
        # The 1x figure is mostly fixed cost and noise, so the verdict rests on 10x -> 100x.
        s.target(f"growth of {what}: no worse than linear", k_high <= 1.15,
                 f"exponent {k_high:.2f} from 10x to 100x (1.00 is linear; target <= 1.15)")


BENCHMARKS: dict[str, Callable[[Suite], None]] = {
    "startup": bench_startup,
    "validate": bench_validate,
    "report": bench_report,
    "merge": bench_merge,
    "compare": bench_compare,
    "growth": bench_growth,
}


def compile_package() -> None:
    """Byte-compile actip as `pip install .` does, so an editable install (or
    PYTHONDONTWRITEBYTECODE) does not make every measured run compile the sources."""
    spec = importlib.util.find_spec("actip_cli")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"actip_cli is not importable from {sys.executable}; run: pip install '.[test,bench]'")
    for folder in spec.submodule_search_locations:
        compileall.compile_dir(folder, quiet=1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=11, help="runs per benchmark, median reported (heavy ones use at most 5)")
    parser.add_argument("--only", default="", help=f"comma-separated benchmarks to run: {', '.join(BENCHMARKS)}")
    args = parser.parse_args()
    only = {name.strip() for name in args.only.split(",") if name.strip()}
    unknown = only - set(BENCHMARKS)
    if unknown:
        parser.error(f"unknown benchmark {', '.join(sorted(unknown))}; choose from {', '.join(BENCHMARKS)}")
    if not (BIN / "actip").exists():
        raise SystemExit(f"actip is not installed beside {sys.executable}; run: pip install '.[test,bench]'")
    compile_package()
    with tempfile.TemporaryDirectory(prefix="actip-bench-") as tmp:
        suite = Suite(args.runs, only, Path(tmp))
        print(f"actip benchmarks: medians of {args.runs} runs (heavy: {suite.heavy_runs}); peak resident memory of any run; "
              f"{os.cpu_count()} cores, Python {sys.version.split()[0]}")
        started = time.perf_counter()
        for name, bench in BENCHMARKS.items():
            if not only or name in only:
                bench(suite)
        print(f"\ntargets ({time.perf_counter() - started:.0f} s in all)")
        width = max((len(v.label) for v in suite.verdicts), default=10)
        for v in suite.verdicts:
            print(f"  {'PASS' if v.passed else 'MISS'}  {v.label:<{width}}  {v.detail}")
        missed = sum(1 for v in suite.verdicts if not v.passed)
        print(f"  {len(suite.verdicts) - missed} of {len(suite.verdicts)} targets met")
    return 0 if not missed else 1


if __name__ == "__main__":
    sys.exit(main())
