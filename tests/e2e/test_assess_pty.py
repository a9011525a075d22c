"""`actip assess` in a real pseudo-terminal: answer, Ctrl-C, resume, finish; and kill -9 between answers."""

from __future__ import annotations

import os
import random
import re
import signal
import sys
from io import StringIO
from pathlib import Path

import pytest

from actip_cli import answers as answers_mod
from actip_cli.catalog import load_catalog
from actip_cli.session import RATING_KEYS
from tests.conftest import MINI

pexpect = pytest.importorskip("pexpect")

RATING = r"Rating \(0-4, u, n, \?\)( \[Enter keeps: [^\]]*\])?: "
NAME = r"Your name( \[[^\]]*\])?: "
ORGANISATION = r"Your organisation( \[[^\]]*\])?: "
DETAILS = r"Evidence or note: "
GATE = r"Figures \(y, or Enter to skip\): "
YEAR = r"\n(19|20)\d\d( \[[^\]]*\])?: "
PROMPTS = [RATING, NAME, ORGANISATION, DETAILS, GATE, YEAR]


def spawn(cwd: Path, *args: str, transcript: StringIO | None = None):
    env = {k: v for k, v in os.environ.items()
           if k not in ("ACTIP_LANG", "ACTIP_OBLIGATIONS", "LC_ALL", "LC_MESSAGES", "LANGUAGE", "ACCESSIBLE")}
    env.update(NO_COLOR="1", TERM="dumb", LANG="C.UTF-8", COLUMNS="100")
    child = pexpect.spawn(sys.executable, ["-m", "actip_cli", "--obligations", str(MINI), *args],
                          cwd=str(cwd), env=env, encoding="utf-8", timeout=30, dimensions=(40, 100))
    if transcript is not None:
        child.logfile_read = transcript
    return child


def answer_the_rest(child) -> int:
    """Answer every remaining prompt (ratings 2, everything else blank or skipped); the number of prompts."""
    count = 0
    while True:
        index = child.expect([*PROMPTS, pexpect.EOF])
        if index == len(PROMPTS):
            return count
        count += 1
        child.sendline({0: "2", 5: "s"}.get(index, ""))  # ratings 2; blank details; no figures


def test_answer_interrupt_resume_finish(tmp_path) -> None:
    year = __import__("datetime").date.today().year
    path = tmp_path / f"actip-vnm-{year}.yaml"
    transcript = StringIO()
    child = spawn(tmp_path, "assess", "vietnam", transcript=transcript)
    child.expect("Answers are saved in actip-vnm-")
    child.expect(NAME)
    child.sendline("Nguyen Lan")
    child.expect(ORGANISATION)
    child.sendline("")
    child.expect("Article 5 · 0 of 8 duties answered")
    child.expect(RATING)
    child.sendline("3")
    child.expect(RATING)
    child.sendline("?")
    child.expect("Help for ACTIP-5.1, in practice")
    child.expect("2 partial: Adopted, not used.")
    child.expect(RATING)
    child.sendline("1")
    child.expect(DETAILS)
    child.sendline("Law 53/2024/QH15, art. 24")
    child.expect("Saved as evidence 1.")
    child.expect(DETAILS)
    child.sendline("")
    child.expect(GATE)
    child.sendline("y")
    child.expect(YEAR)
    child.sendline("120")
    child.expect(YEAR)
    child.sendline("s")
    child.expect("Article 14 · 1 of 8 duties answered")
    child.expect(RATING)
    child.sendline("b")  # back to the series just left
    child.expect(YEAR)
    child.sendline("s")
    child.expect(RATING)
    child.sendline("4")
    child.expect(RATING)
    child.sendintr()  # Ctrl-C at the de_facto question of ACTIP-14.1
    child.expect("Interrupted. Every answer given is saved in " + path.name + ": 1 of 8 duties answered, 1 more in part.")
    child.expect("To continue, run: actip --obligations " + re.escape(str(MINI)) + " assess vietnam")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in transcript.getvalue()

    catalog = load_catalog(MINI)
    saved, _ = answers_mod.load(path, catalog)
    assert saved.assessor is not None and saved.assessor.name == "Nguyen Lan"
    assert saved.answers["ACTIP-5.1"].de_jure == "substantial"
    assert saved.answers["ACTIP-5.1"].evidence == ("Law 53/2024/QH15, art. 24",)
    assert list(saved.indicators["investigations"].values()) == [120.0]
    assert (saved.answers["ACTIP-14.1"].de_jure, saved.answers["ACTIP-14.1"].de_facto) == ("full", None)

    transcript = StringIO()
    child = spawn(tmp_path, "assess", "vietnam", transcript=transcript)
    child.expect("Resuming: 1 of 8 answered, 1 more in part.")
    child.expect(r"In practice \(de facto\): Is identifying victims applied in practice\?")
    prompts = answer_the_rest(child)
    child.close()
    assert child.exitstatus == 0, transcript.getvalue()[-2000:]
    assert "Assessment complete: all 8 duties answered" in transcript.getvalue()
    assert "Your name" not in transcript.getvalue()  # asked once, at the start of a new file
    assert prompts > 15
    final, warnings = answers_mod.load(path, catalog)
    assert len(final.answers) == 8 and warnings == []
    assert final.answers["ACTIP-5.1"].de_jure == "substantial"


def test_prompts_stay_on_the_terminal_when_stdout_is_redirected(tmp_path) -> None:
    child = pexpect.spawn("/bin/sh", ["-c", f"{sys.executable} -m actip_cli --obligations {MINI} assess vn --answers a.yaml > out.txt"],
                          cwd=str(tmp_path), encoding="utf-8", timeout=30,
                          env={**os.environ, "NO_COLOR": "1", "LANG": "C.UTF-8"})
    child.expect(NAME)
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert (tmp_path / "out.txt").read_text() == ""


def _kill_loop(tmp_path: Path, rounds: int, seed: int) -> None:
    """Answer a few questions, kill -9 (sometimes right after an answer is typed), check, repeat."""
    rng = random.Random(seed)
    catalog = load_catalog(MINI)
    period = 2000
    acknowledged: dict[int, dict[tuple[str, str], str]] = {}
    for _ in range(rounds):
        path = tmp_path / f"actip-vnm-{period}.yaml"
        known = acknowledged.setdefault(period, {})
        child = spawn(tmp_path, "assess", "vn", "--period", str(period))
        duty = level = None
        to_give = rng.randint(1, 4)
        pending: tuple[tuple[str, str], str] | None = None
        finished = False
        while True:
            index = child.expect([*PROMPTS, pexpect.EOF])
            if pending is not None:  # the next prompt appeared, so the answer was saved
                known[pending[0]] = pending[1]
                pending = None
            if index == len(PROMPTS):
                finished = True
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
                break  # killed while a question waits for its answer
            key = rng.choice("01234u")
            child.sendline(key)
            pending = ((duty, level), RATING_KEYS[key])
            to_give -= 1
            if to_give == 0 and rng.random() < 0.5:
                break  # killed right after typing, possibly while saving
        child.kill(signal.SIGKILL)
        child.close(force=True)
        loaded, _ = answers_mod.load(path, catalog)  # always a complete, valid file
        for (oid, lvl), rating in known.items():
            assert loaded.answers[oid].rating(lvl) == rating, (oid, lvl)
        if pending is not None:
            (oid, lvl), rating = pending
            got = loaded.answers.get(oid)
            assert got is None or got.rating(lvl) in (None, rating)
            if got is not None and got.rating(lvl) == rating:
                known[(oid, lvl)] = rating
        if finished:
            assert len(loaded.answers) >= 7
            period += 1


def test_sigkill_between_answers_never_loses_a_saved_answer(tmp_path) -> None:
    _kill_loop(tmp_path, rounds=8, seed=1)


@pytest.mark.slow
def test_sigkill_many_times(tmp_path) -> None:
    _kill_loop(tmp_path, rounds=80, seed=2)
