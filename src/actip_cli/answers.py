"""Answers files: check them against the schema and the catalog, load them, save them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from actip_cli import files
from actip_cli.errors import DataProblem, Problem
from actip_cli.i18n import _
from actip_cli.model import (
    Answer,
    AnswerSet,
    Assessor,
    Catalog,
    ObligationId,
    Provenance,
)

if TYPE_CHECKING:
    from actip_cli.yamlio import Document

# The YAML parser, jsonschema and the catalog checker are imported where a file is really
# parsed or checked: answers found in the cache need none of them.

FORMAT_VERSION = 1
_LARGEST_VALUE = 10**300  # beyond this an indicator value cannot be scored as a float


def version_tuple(version: str) -> tuple[int, ...]:
    """'2026.11.1' -> (2026, 11, 1); anything unparsable sorts first."""
    try:
        return tuple(int(part) for part in version.split("."))
    except ValueError:
        return (0,)


class AnswersCheck(NamedTuple):
    """The outcome of checking an answers file: the answers (if readable) and every problem."""

    answers: AnswerSet | None
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        """Problems of severity error."""
        return [p for p in self.problems if p.severity == "error"]


def is_answers_document(data: Any) -> bool:
    """True for a parsed document that is an answers file (told by content, not name)."""
    return isinstance(data, dict) and "actip_answers" in data


def check_document(doc: Document, catalog: Catalog) -> AnswersCheck:
    """Check a parsed answers document against the schema and the catalog."""
    from actip_cli import schema
    from actip_cli.catalog import obligation_sort_key

    problems = [Problem(doc.path, i.line, i.column, "error", i.message, i.rule) for i in doc.issues]

    def add(path: tuple[Any, ...], message: str, rule: str, severity: str = "error", key: bool = False) -> None:
        loc = doc.locate(path, key=key)
        problems.append(Problem(doc.path, loc.line, loc.column, severity, message, rule))

    data = doc.data
    if isinstance(data, dict) and isinstance(data.get("actip_answers"), int) and data["actip_answers"] > FORMAT_VERSION:
        add(("actip_answers",),
            _("written in answers format {found}, newer than this actip reads ({supported}); upgrade actip-cli").format(
                found=data["actip_answers"], supported=FORMAT_VERSION), "format-version")
        return AnswersCheck(None, problems)
    for v in schema.validate(data, "answers"):
        add(v.path, v.message, v.rule, key=v.at_key)
    if any(p.severity == "error" for p in problems):
        return AnswersCheck(None, problems)

    if catalog.country(data["country"]) is None:
        known = ", ".join(c.iso3 for c in catalog.countries)
        add(("country",), _("'{country}' is not an ASEAN member state in the catalog; use one of {known}").format(
            country=data["country"], known=known), "country")
    version = str(data["catalog"]["version"])
    retired = {r.id: r for r in catalog.retired}
    if version_tuple(version) > version_tuple(catalog.version):
        add(("catalog", "version"),
            _("answers were given against catalog {version}, newer than this catalog ({current}); "
              "upgrade actip-cli or point --obligations at the newer catalog").format(version=version, current=catalog.version),
            "catalog-version")
    elif version != catalog.version:
        added = sorted({oid for v, ids in catalog.history if version_tuple(v) > version_tuple(version) for oid in ids},
                       key=obligation_sort_key)
        if added:
            message = _("answers were given against catalog {version}; this is catalog {current}; new since then: {ids}").format(
                version=version, current=catalog.version, ids=", ".join(added))
        else:
            message = _("answers were given against catalog {version}; this is catalog {current}").format(
                version=version, current=catalog.version)
        add(("catalog", "version"), message, "catalog-version", "warning")

    for oid, answer in data["answers"].items():
        at = ("answers", oid)
        if oid in retired:
            r = retired[oid]
            if r.replaced_by:
                message = _("{id} was retired in catalog {version} ({reason}); see {ids}; its answer is ignored").format(
                    id=oid, version=r.since, reason=r.reason, ids=", ".join(r.replaced_by))
            else:
                message = _("{id} was retired in catalog {version} ({reason}); its answer is ignored").format(
                    id=oid, version=r.since, reason=r.reason)
            add(at, message, "retired", "warning", key=True)
            continue
        if oid not in catalog.obligations:
            close = _close(oid, catalog.obligations)
            message = (_("unknown obligation {id}; did you mean {close}?").format(id=oid, close=close) if close
                       else _("unknown obligation {id}").format(id=oid))
            add(at, message, "unknown-obligation", key=True)
            continue
        for level in ("de_jure", "de_facto"):
            if answer.get(level) == "not-applicable" and not str(answer.get("note", "")).strip():
                add((*at, level), _("{id}: '{level}: not-applicable' needs a note saying why").format(id=oid, level=level),
                    "note-required")
    for series, values in (data.get("indicators") or {}).items():
        if series not in catalog.indicators:
            close = _close(series, catalog.indicators)
            message = (_("unknown indicator '{id}'; did you mean {close}?").format(id=series, close=close) if close
                       else _("unknown indicator '{id}'").format(id=series))
            add(("indicators", series), message, "unknown-indicator", key=True)
        elif not values:
            add(("indicators", series), _("indicator '{id}' has no values").format(id=series), "empty-series", "warning")
        for year, value in (values or {}).items():
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) > _LARGEST_VALUE:
                # YAML integers have no size limit; a value no float can hold would break scoring.
                add(("indicators", series, year),
                    _("indicator '{id}' {year}: {digits}-digit value is too large").format(
                        id=series, year=year, digits=len(str(value))),
                    "value-too-large")
    if any(p.severity == "error" for p in problems):
        return AnswersCheck(None, problems)
    return AnswersCheck(from_data(data, catalog, source=doc.path), problems)


def check_file(path: Path, catalog: Catalog, *, shown: str | None = None, text: str | None = None) -> AnswersCheck:
    """Read and check an answers file; read failures become problems."""
    from actip_cli.catalog import read_document

    problems: list[Problem] = []
    doc = read_document(path, shown or str(path), problems, text=text)
    if doc is None:
        return AnswersCheck(None, problems)
    if not is_answers_document(doc.data):
        problems.append(Problem(doc.path, 1, 1, "error", _("not an answers file: it has no 'actip_answers:' key"), "file-kind"))
        return AnswersCheck(None, problems)
    return check_document(doc, catalog)


def load(path: Path, catalog: Catalog) -> tuple[AnswerSet, list[Problem]]:
    """The answers in a file, with its warnings; any error raises.

    Answers that checked clean against this exact catalog are kept in the cache under a
    hash of the file's content, so reporting on the same file again skips the checks. The
    key names the interface language too: the warnings kept with them are in its words.
    """
    from actip_cli import cache
    from actip_cli.errors import FileProblem
    from actip_cli.i18n import active_language

    text = files.read_text(path)
    key = (cache.digest(b"answers", catalog.fingerprint.encode(), str(path).encode(), text.encode(),
                        active_language().encode())
           if catalog.fingerprint else "")
    if key:
        cached = cache.load_object("answers", key)
        if isinstance(cached, tuple) and len(cached) == 2 and isinstance(cached[0], AnswerSet):
            return cached[0], list(cached[1])
    result = check_file(path, catalog, text=text)
    errors = result.errors
    if errors or result.answers is None:
        first = errors[0]
        message = first.message
        if len(errors) > 1:
            message = _("{message} (and {count} more; 'actip validate {file}' lists them)").format(
                message=first.message, count=len(errors) - 1, file=path)
        cls = FileProblem if first.rule == "read" else DataProblem
        raise cls(message, location=first.location)
    loaded = (result.answers, [p for p in result.problems if p.severity != "error"])
    if key:
        cache.store_object("answers", key, loaded)
    return loaded


def from_data(data: dict[str, Any], catalog: Catalog, *, source: str = "") -> AnswerSet:
    """Build the model from schema-valid data; answers to retired IDs are dropped."""
    retired = {r.id for r in catalog.retired}
    answers: dict[ObligationId, Answer] = {}
    for oid, a in data["answers"].items():
        if oid in retired:
            continue
        answers[ObligationId(oid)] = Answer(
            de_jure=a.get("de_jure"),
            de_facto=a.get("de_facto"),
            evidence=tuple(a.get("evidence", [])),
            grade=a.get("grade"),
            note=a.get("note", ""),
            agreement=a.get("agreement"),
            provenance=tuple(
                Provenance(p["respondent"], p.get("de_jure"), p.get("de_facto"), tuple(p.get("evidence", [])), p.get("grade"), p.get("note", ""))
                for p in a.get("provenance", [])
            ),
        )
    assessor = data.get("assessor")
    return AnswerSet(
        country=data["country"],
        period=int(data["period"]),
        catalog_version=str(data["catalog"]["version"]),
        answers=answers,
        indicators={k: {int(y): float(v) for y, v in sorted(vals.items())} for k, vals in (data.get("indicators") or {}).items()},
        assessor=Assessor(**assessor) if assessor else None,
        respondent=data.get("respondent", ""),
        illustrative=data.get("illustrative", ""),
        merged_from=tuple((m["respondent"], m.get("file", "")) for m in data.get("merged_from", [])),
        merge_rule=data.get("merge_rule", ""),
        format_version=int(data["actip_answers"]),
        source=source,
    )


def to_data(answer_set: AnswerSet) -> dict[str, Any]:
    """JSON-shaped data in the file's stable order: header, answers in treaty order, series."""
    from actip_cli.catalog import obligation_sort_key

    data: dict[str, Any] = {"actip_answers": FORMAT_VERSION, "country": answer_set.country, "period": answer_set.period}
    if answer_set.illustrative:
        data["illustrative"] = answer_set.illustrative
    if answer_set.assessor:
        a = answer_set.assessor
        data["assessor"] = {k: v for k, v in (("name", a.name), ("organisation", a.organisation), ("email", a.email), ("date", a.date)) if v}
    if answer_set.respondent:
        data["respondent"] = answer_set.respondent
    data["catalog"] = {"version": answer_set.catalog_version}
    if answer_set.merged_from:
        data["merged_from"] = [{"respondent": r, **({"file": f} if f else {})} for r, f in answer_set.merged_from]
    if answer_set.merge_rule:
        data["merge_rule"] = answer_set.merge_rule
    data["answers"] = {
        oid: _answer_data(answer_set.answers[oid])
        for oid in sorted(answer_set.answers, key=obligation_sort_key)
    }
    if answer_set.indicators:
        data["indicators"] = {
            series: {year: _number(v) for year, v in sorted(values.items())}
            for series, values in answer_set.indicators.items()
        }
    return data


def _answer_data(a: Answer) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if a.de_jure is not None:
        out["de_jure"] = a.de_jure
    if a.de_facto is not None:
        out["de_facto"] = a.de_facto
    if a.evidence:
        out["evidence"] = list(a.evidence)
    if a.grade:
        out["grade"] = a.grade
    if a.note:
        out["note"] = a.note
    if a.agreement:
        out["agreement"] = a.agreement
    if a.provenance:
        out["provenance"] = [
            {k: v for k, v in (("respondent", p.respondent), ("de_jure", p.de_jure), ("de_facto", p.de_facto),
                                ("evidence", list(p.evidence)), ("grade", p.grade), ("note", p.note)) if v}
            for p in a.provenance
        ]
    return out


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def dumps(answer_set: AnswerSet) -> str:
    """The answers file's YAML text."""
    from actip_cli import yamlio

    return yamlio.dump(to_data(answer_set))


def save(path: Path, answer_set: AnswerSet) -> None:
    """Write the answers file atomically (never a half-written file)."""
    files.write_text(path, dumps(answer_set))


def _close(word: str, options: Any) -> str:
    """The option closest to a misspelt word, or ''."""
    import difflib

    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return str(close[0]) if close else ""


__all__ = ["AnswersCheck", "check_document", "check_file", "dumps", "from_data", "load", "save", "to_data"]
