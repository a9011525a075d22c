"""No lost answers: `actip assess` and `actip merge --output` interrupted at random moments.

SIGINT, SIGTERM and SIGKILL arrive at random: while a question waits, right after an
answer is typed (often while it is being saved), in the middle of a merge or of writing
its output. After every one, the file on disk loads with `answers.load` and is either the
old or a new complete version, every answer the walk acknowledged (by asking the next
question) is in it, and after a clean exit (Ctrl-C) no temporary file is left.

Then what a kill cannot show: a disk that fills up and a folder that cannot be written
into leave the old file intact with a clear message (really, on a tiny or read-only
filesystem when the tests may mount one; in-process, by making the system call fail,
everywhere).

The default run kills 20 walks and 20 merges; the `slow` loops kill 300 of each.
"""

from __future__ import annotations

import errno
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from actip_cli import answers as answers_mod
from actip_cli import yamlio
from actip_cli.catalog import load_catalog
from tests.conftest import MINI

pexpect = pytest.importorskip("pexpect")

CATALOG = load_catalog(MINI)
RATING_KEYS = {"0": "none", "1": "initial", "2": "partial", "3": "substantial", "4": "full", "u": "unknown"}
RATING = r"Rating \(0-4, u, n, \?\)( \[Enter keeps: [^\]]*\])?: "
NAME = r"Your name( \[[^\]]*\])?: "
ORGANISATION = r"Your organisation( \[[^\]]*\])?: "
DETAILS = r"Evidence or note: "
GATE = r"Figures \(y, or Enter to skip\): "
YEAR = r"\n(19|20)\d\d( \[[^\]]*\])?: "
PROMPTS = [RATING, NAME, ORGANISATION, DETAILS, GATE, YEAR]
SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGKILL)


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("ACTIP_LANG", "ACTIP_OBLIGATIONS", "LC_ALL", "LC_MESSAGES", "LANGUAGE", "ACCESSIBLE")}
    env.update(NO_COLOR="1", TERM="dumb", LANG="C.UTF-8", COLUMNS="100", ACTIP_NO_CACHE="1")
    return env


def temporary_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(".*.tmp"))


@dataclass
class Tally:
    """What the loops did, for the figures in docs/trust.md."""

    runs: int = 0
    by_signal: dict[str, int] = field(default_factory=dict)
    answers_checked: int = 0
    leftovers_after_kill: int = 0
    before_start: int = 0  # signals that came while the interpreter was still starting

    def count(self, sig: signal.Signals) -> None:
        self.runs += 1
        self.by_signal[sig.name] = self.by_signal.get(sig.name, 0) + 1


# --------------------------------------------------------------------------- assess


def _walk_and_interrupt(tmp_path: Path, rng: random.Random, acknowledged: dict[tuple[str, str], str], tally: Tally) -> None:
    """One run of the walk: answer a few questions, then a random signal at a random moment."""
    path = tmp_path / "answers.yaml"
    before = path.read_bytes() if path.exists() else None
    args = ["-m", "actip_cli", "--obligations", str(MINI), "assess", "vn", "--period", "2022", "--answers", str(path)]
    if before is not None:
        done, _ = answers_mod.load(path, CATALOG)
        if len(done.answers) == len(CATALOG.obligations) and all(a.complete for a in done.answers.values()):
            args.append("--review")  # a complete file: go through it again, changing answers
    child = pexpect.spawn(sys.executable, args, cwd=str(tmp_path), env=_env(), encoding="utf-8", timeout=30, dimensions=(40, 100))
    sig = rng.choice(SIGNALS)
    to_give = rng.randint(0, 6)
    duty = level = None
    pending: tuple[tuple[str, str], str] | None = None
    ended = False
    while True:
        index = child.expect([*PROMPTS, pexpect.EOF])
        if pending is not None:  # the next prompt appeared: the answer was saved
            acknowledged[pending[0]] = pending[1]
            pending = None
        if index == len(PROMPTS):
            ended = True
            break
        seen = child.before
        duties = re.findall(r"(ACTIP-[0-9.]+[a-z]?), Art\.", seen)
        duty = duties[-1] if duties else duty
        law, practice = seen.rfind("In law (de jure):"), seen.rfind("In practice (de facto):")
        if law >= 0 or practice >= 0:
            level = "de_jure" if law > practice else "de_facto"
        if index != 0:
            child.sendline("s" if index == 5 else "")
            continue
        if to_give == 0:
            break  # interrupted while a question waits
        key = rng.choice(list(RATING_KEYS))
        child.sendline(key)
        pending = ((duty, level), RATING_KEYS[key])
        to_give -= 1
        if to_give == 0:
            time.sleep(rng.choice((0, 0, 0.001, 0.003, 0.01, 0.03)))  # often while the answer is being saved
            break
    if not ended:
        child.kill(sig)
    child.expect(pexpect.EOF, timeout=30)
    child.close(force=True)
    tally.count(sig)

    # The file is always a complete, valid version...
    if path.exists():
        loaded, _ = answers_mod.load(path, CATALOG)
    else:
        assert before is None
        loaded = None
    # ...holding every answer the walk acknowledged.
    for (oid, lvl), rating in acknowledged.items():
        assert loaded is not None
        # The answer typed last may or may not have been saved when the signal came.
        allowed = {rating, pending[1]} if pending is not None and pending[0] == (oid, lvl) else {rating}
        assert loaded.answers[oid].rating(lvl) in allowed, (oid, lvl, sig.name)
        tally.answers_checked += 1
    if pending is not None and loaded is not None:
        (oid, lvl), rating = pending
        got = loaded.answers.get(oid)
        if got is not None and got.rating(lvl) == rating:
            acknowledged[(oid, lvl)] = rating  # it was saved before the signal arrived
    if ended or sig == signal.SIGINT:
        # A clean exit (Ctrl-C included) leaves no temporary file behind.
        assert temporary_files(tmp_path) == [], sig.name
        if not ended:
            assert child.exitstatus == 130, (child.exitstatus, child.signalstatus)
    else:
        leftovers = temporary_files(tmp_path)
        tally.leftovers_after_kill += len(leftovers)
        for stale in leftovers:
            stale.unlink()


def _assess_loop(tmp_path: Path, rounds: int, seed: int) -> Tally:
    rng = random.Random(seed)
    acknowledged: dict[tuple[str, str], str] = {}
    tally = Tally()
    for _ in range(rounds):
        _walk_and_interrupt(tmp_path, rng, acknowledged, tally)
    return tally


def test_assess_interrupted_at_random_never_loses_an_answer(tmp_path: Path) -> None:
    tally = _assess_loop(tmp_path, rounds=20, seed=11)
    assert tally.runs == 20 and len(tally.by_signal) == 3
    assert tally.answers_checked > 20


@pytest.mark.slow
def test_assess_interrupted_300_times(tmp_path: Path) -> None:
    tally = _assess_loop(tmp_path, rounds=300, seed=12)
    print(f"\nassess: {tally}")
    assert tally.runs == 300


def test_ctrl_c_saves_says_so_and_exits_130(tmp_path: Path) -> None:
    child = pexpect.spawn(sys.executable, ["-m", "actip_cli", "--obligations", str(MINI), "assess", "vn", "--period", "2022",
                                           "--answers", "a.yaml"], cwd=str(tmp_path), env=_env(), encoding="utf-8", timeout=30)
    child.expect(NAME)
    child.sendline("")
    child.expect(ORGANISATION)
    child.sendline("")
    child.expect(RATING)
    child.sendline("3")
    child.expect(RATING)
    child.sendintr()
    child.expect("Interrupted. Every answer given is saved")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    loaded, _ = answers_mod.load(tmp_path / "a.yaml", CATALOG)
    assert loaded.answers["ACTIP-5.1"].de_jure == "substantial"
    assert temporary_files(tmp_path) == []


def test_sigterm_is_handled_like_ctrl_c(tmp_path: Path) -> None:
    child = pexpect.spawn(sys.executable, ["-m", "actip_cli", "--obligations", str(MINI), "assess", "vn", "--period", "2022",
                                           "--answers", "a.yaml"], cwd=str(tmp_path), env=_env(), encoding="utf-8", timeout=30)
    child.expect(NAME)
    child.sendline("")
    child.expect(ORGANISATION)
    child.sendline("")
    child.expect(RATING)
    child.sendline("3")
    child.expect(RATING)
    child.kill(signal.SIGTERM)
    child.expect(pexpect.EOF)
    output = child.before
    child.close()
    assert "Every answer given is saved" in output
    assert child.exitstatus == 130
    assert temporary_files(tmp_path) == []


# --------------------------------------------------------------------------- merge --output


RESPONDENTS = 150


def _respondent_files(folder: Path, seed: int) -> list[Path]:
    rng = random.Random(seed)
    ratings = ["none", "initial", "partial", "substantial", "full", "unknown"]
    paths = []
    for i in range(RESPONDENTS):
        answers = {oid: {"de_jure": rng.choice(ratings), "de_facto": rng.choice(ratings),
                         "evidence": [f"Source {rng.randint(1, 99)} of respondent {i}"], "note": f"Respondent {i} says so."}
                   for oid in CATALOG.obligations if rng.random() < 0.8 and oid != "ACTIP-18.2"}
        data = {"actip_answers": 1, "country": "VNM", "period": 2022, "respondent": f"Respondent {i:03d}",
                "catalog": {"version": CATALOG.version}, "answers": answers,
                "indicators": {"investigations": {2021: rng.randint(90, 130)}}}
        path = folder / f"r{i:03d}.yaml"
        path.write_text(yamlio.dump(data), "utf-8")
        paths.append(path)
    return paths


@dataclass
class MergeBench:
    folder: Path
    inputs: list[Path]
    old: bytes
    new: bytes
    seconds: float


def _merge_bench(tmp_path: Path) -> MergeBench:
    inputs = _respondent_files(tmp_path, seed=3)
    out = tmp_path / "merged.yaml"
    # The old version: a merge of the first half (what the focal point had yesterday).
    subprocess.run([sys.executable, "-m", "actip_cli", "--obligations", str(MINI), "merge", *map(str, inputs[: RESPONDENTS // 2]),
                    "--output", str(out)], env=_env(), check=True, capture_output=True)
    old = out.read_bytes()
    reference = tmp_path / "reference.yaml"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "actip_cli", "--obligations", str(MINI), "merge", *map(str, inputs),
                    "--output", str(reference)], env=_env(), check=True, capture_output=True)
    seconds = time.perf_counter() - start
    new = reference.read_bytes().replace(b"reference.yaml", b"merged.yaml")
    reference.unlink()
    return MergeBench(tmp_path, inputs, old, new, seconds)


def _merge_and_interrupt(bench: MergeBench, rng: random.Random, tally: Tally) -> None:
    out = bench.folder / "merged.yaml"
    out.write_bytes(bench.old)
    sig = rng.choice(SIGNALS)
    # Half the signals land in the last fifth of the run, where the output is written. None
    # comes in the first 50 ms: that is the interpreter starting, before any actip code runs.
    delay = max(0.05, bench.seconds * (rng.uniform(0.8, 1.1) if rng.random() < 0.5 else rng.uniform(0, 0.8)))
    proc = subprocess.Popen([sys.executable, "-m", "actip_cli", "--obligations", str(MINI), "merge", *map(str, bench.inputs),
                             "--output", str(out)], env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(delay)
    proc.send_signal(sig)
    _, stderr = proc.communicate(timeout=60)
    tally.count(sig)
    content = out.read_bytes()
    assert content in (bench.old, bench.new), f"{sig.name} after {delay:.3f}s left a third version"
    loaded, _ = answers_mod.load(out, CATALOG)
    tally.answers_checked += len(loaded.answers)
    if b"Traceback" in stderr:
        # Only Python's own start-up may show one: a signal that lands before any actip code
        # runs (on a busy machine the interpreter can take longer than the 50 ms floor).
        assert b"actip_cli" not in stderr, stderr.decode(errors="replace")
        tally.before_start += 1
        return
    if proc.returncode in (0, 130):  # finished, or Ctrl-C handled: a clean exit
        assert temporary_files(bench.folder) == [], sig.name
        if proc.returncode == 130:
            assert b"interrupted" in stderr
    else:
        leftovers = temporary_files(bench.folder)
        tally.leftovers_after_kill += len(leftovers)
        for stale in leftovers:
            stale.unlink()


def _merge_loop(tmp_path: Path, rounds: int, seed: int) -> Tally:
    bench = _merge_bench(tmp_path)
    assert bench.old != bench.new
    rng = random.Random(seed)
    tally = Tally()
    for _ in range(rounds):
        _merge_and_interrupt(bench, rng, tally)
    return tally


def test_merge_interrupted_at_random_leaves_old_or_new(tmp_path: Path) -> None:
    tally = _merge_loop(tmp_path, rounds=20, seed=21)
    assert tally.runs == 20 and len(tally.by_signal) == 3


@pytest.mark.slow
def test_merge_interrupted_300_times(tmp_path: Path) -> None:
    tally = _merge_loop(tmp_path, rounds=300, seed=22)
    print(f"\nmerge: {tally}")
    assert tally.runs == 300


# --------------------------------------------------------------------------- a full disk, a read-only folder


def _fail_fsync_with(code: int):
    def fsync(fd: int) -> None:
        raise OSError(code, os.strerror(code))
    return fsync


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EDQUOT, errno.EIO])
def test_write_failure_keeps_the_old_report_and_says_so(tmp_path: Path, run, mini_args, monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    old = tmp_path / "report.md"
    old.write_text("last year's report\n", "utf-8")
    monkeypatch.setattr(os, "fsync", _fail_fsync_with(code))
    result = run(*mini_args("report", str(MINI.parents[2] / "corpus" / "_common" / "vnm-2022.yaml"),
                            "--format", "markdown", "--output", str(old)), code=4)
    assert f"cannot write: {os.strerror(code)}; the previous file, if any, is unchanged" in result.stderr
    assert old.read_text("utf-8") == "last year's report\n"
    assert temporary_files(tmp_path) == []


def test_full_disk_during_merge_keeps_the_old_merged_file(tmp_path: Path, run, mini_args, monkeypatch: pytest.MonkeyPatch) -> None:
    common = MINI.parents[2] / "corpus" / "_common"
    out = tmp_path / "merged.yaml"
    shutil.copy(common / "vnm-2022.yaml", out)
    before = out.read_bytes()
    real_fdopen = os.fdopen

    class FillsUp:
        """A file on a disk with 100 bytes left."""

        def __init__(self, handle) -> None:
            self.handle, self.room = handle, 100

        def write(self, text: str) -> int:
            if len(text) > self.room:
                self.handle.write(text[: self.room])
                self.room = 0
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            self.room -= len(text)
            return self.handle.write(text)

        def __getattr__(self, name: str):
            return getattr(self.handle, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc) -> None:
            self.handle.close()

    monkeypatch.setattr(os, "fdopen", lambda *a, **k: FillsUp(real_fdopen(*a, **k)))
    result = run(*mini_args("merge", str(common / "vnm-2022.yaml"), str(common / "vnm-2022-police.yaml"), "--output", str(out)), code=4)
    assert "No space left on device; the previous file, if any, is unchanged" in result.stderr
    assert out.read_bytes() == before
    assert temporary_files(tmp_path) == []


def test_full_disk_during_assess_keeps_every_answer_saved_before(tmp_path: Path, run, mini_args, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.yaml"
    real = os.fsync

    def fills_up(fd: int) -> None:
        # The disk fills up once the first rating is saved: the next save fails.
        if path.exists() and "ACTIP-5.1" in path.read_text("utf-8"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(fd)

    monkeypatch.setattr(os, "fsync", fills_up)
    result = run(*mini_args("assess", "vn", "--period", "2022", "--input", "--answers", str(path)),
                 input="\n\n3\n1\n\n2\n", code=4)
    assert "No space left on device; the previous file, if any, is unchanged" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    saved, _ = answers_mod.load(path, CATALOG)
    assert saved.answers["ACTIP-5.1"].de_jure == "substantial"
    assert saved.answers["ACTIP-5.1"].de_facto is None
    assert temporary_files(tmp_path) == []


# The real thing, where this machine lets the tests mount a filesystem (root on Linux).


def _mount(target: Path, *options: str) -> bool:
    if sys.platform != "linux" or os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    target.mkdir(exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", ",".join(options), "tmpfs", str(target)], capture_output=True)
    return done.returncode == 0


def _umount(target: Path) -> None:
    subprocess.run(["umount", str(target)], capture_output=True)


def test_real_full_disk_keeps_the_old_file(tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    if not _mount(disk, "size=96k"):
        pytest.skip("cannot mount a tiny filesystem here (needs root on Linux); the in-process tests cover it")
    try:
        common = MINI.parents[2] / "corpus" / "_common"
        out = disk / "merged.yaml"
        shutil.copy(common / "vnm-2022.yaml", out)
        before = out.read_bytes()
        filler = disk / "filler"
        with filler.open("wb", buffering=0) as handle:  # fill the disk...
            try:
                while True:
                    handle.write(b"\0" * 4096)
            except OSError:
                pass
        # ...then leave a few kilobytes: room for a small file, not for the merged one.
        filler.write_bytes(filler.read_bytes()[: -8 * 4096])
        inputs = _respondent_files(tmp_path, seed=5)[:20]
        done = subprocess.run([sys.executable, "-m", "actip_cli", "--obligations", str(MINI), "merge", *map(str, inputs),
                               "--output", str(out)], env=_env(), capture_output=True, text=True)
        assert done.returncode == 4, done.stderr
        assert "No space left on device; the previous file, if any, is unchanged" in done.stderr
        assert out.read_bytes() == before
        assert temporary_files(disk) == []
    finally:
        _umount(disk)


def test_real_read_only_folder_keeps_the_old_file(tmp_path: Path) -> None:
    disk = tmp_path / "ro"
    if not _mount(disk, "size=1m"):
        pytest.skip("cannot mount a filesystem here (needs root on Linux); the corpus covers read-only folders")
    try:
        common = MINI.parents[2] / "corpus" / "_common"
        out = disk / "merged.yaml"
        shutil.copy(common / "vnm-2022.yaml", out)
        before = out.read_bytes()
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True, capture_output=True)
        done = subprocess.run([sys.executable, "-m", "actip_cli", "--obligations", str(MINI), "merge",
                               str(common / "vnm-2022.yaml"), str(common / "vnm-2022-police.yaml"), "--output", str(out)],
                              env=_env(), capture_output=True, text=True)
        assert done.returncode == 4, done.stderr
        assert "merged.yaml: error: cannot write here: Read-only file system" in done.stderr
        assert out.read_bytes() == before
    finally:
        _umount(disk)
