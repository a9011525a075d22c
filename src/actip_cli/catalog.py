"""Find the obligations catalog, check every file and the rules across files, build the model."""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from actip_cli.errors import ActipError, DataProblem, FileProblem, Location, Problem
from actip_cli.i18n import _
from actip_cli.locate import locate_root
from actip_cli.model import (
    Article,
    Catalog,
    Chapter,
    Country,
    DatedEvent,
    Finding,
    Guidance,
    Indicator,
    Mapping,
    Modality,
    NoDuty,
    NonMember,
    Obligation,
    ObligationId,
    Recommendation,
    RelevantIf,
    Retired,
    SourceRef,
)

if TYPE_CHECKING:
    from actip_cli.yamlio import Document

# The YAML parser and jsonschema are imported where files are actually checked: a command
# whose catalog comes from the cache never needs them.

ARTICLE_COUNT = 31
ASEAN_MEMBERS = frozenset({"BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM"})
TRANSLATIONS_DIR = "i18n"

# Top-level key that tells each kind of catalog file apart, and its schema definition.
FILE_KINDS: dict[str, str] = {
    "actip_catalog": "manifest_file",
    "article": "article_file",
    "countries": "countries_file",
    "indicators": "indicators_file",
    "recommendations": "recommendations_file",
    "findings": "findings_file",
    "actip_translation": "translation_file",
}

_ID_RE = re.compile(r"^ACTIP-(\d+)(?:\.(\d+)(?:\.([a-z]))?)?$")


def catalog_files(root: Path) -> list[Path]:
    """Every YAML file of the English catalog under root, in a stable order."""
    files = [
        p
        for p in root.rglob("*")
        if p.suffix in (".yaml", ".yml") and TRANSLATIONS_DIR not in p.relative_to(root).parts[:1]
    ]
    return sorted(files, key=lambda p: (len(p.relative_to(root).parts), str(p)))


def file_kind(data: Any) -> str | None:
    """Which kind of catalog file a parsed document is, told by its top-level key."""
    if isinstance(data, dict):
        for key, kind in FILE_KINDS.items():
            if key in data:
                return kind
    return None


class CheckResult(NamedTuple):
    """The outcome of checking a catalog: the model (if it could be built) and every problem."""

    catalog: Catalog | None
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        """Problems of severity error."""
        return [p for p in self.problems if p.severity == "error"]


def read_document(path: Path, shown: str, problems: list[Problem], *, text: str | None = None) -> Document | None:
    """Parse a file, recording a read or syntax failure as a problem instead of raising."""
    from actip_cli import yamlio

    try:
        doc = yamlio.load(path, text=text)
    except FileProblem as exc:
        loc = exc.location or Location(shown)
        problems.append(Problem(shown, loc.line, loc.column, "error", exc.message, "read"))
        return None
    doc.path = shown
    problems.extend(
        Problem(shown, i.line, i.column, "error", i.message, i.rule) for i in doc.issues
    )
    return doc


def schema_problems(doc: Document, definition: str) -> list[Problem]:
    """Schema violations of one document, each located at its YAML node."""
    from actip_cli import schema

    found = []
    for v in schema.validate(doc.data, "catalog", definition):
        loc = doc.locate(v.path, key=v.at_key)
        found.append(Problem(doc.path, loc.line, loc.column, "error", v.message, v.rule))
    return found


def check_catalog(root: Path, *, display_root: str | None = None) -> CheckResult:
    """Check every file of the catalog at root and the rules that span files."""
    problems: list[Problem] = []
    docs: list[tuple[str, Document]] = []
    rejected: set[int] = set()  # articles whose file failed the schema: their own errors say why
    shown_root = display_root if display_root is not None else str(root)
    for path in catalog_files(root):
        shown = os.path.join(shown_root, str(path.relative_to(root)))
        doc = read_document(path, shown, problems)
        if doc is None:
            continue
        kind = file_kind(doc.data)
        if kind is None or kind == "translation_file":
            if kind is None:
                problems.append(
                    Problem(shown, 1, 1, "error",
                            _("not a catalog file: expected one of the top-level keys {keys}").format(
                                keys=", ".join(k for k in FILE_KINDS if k != "actip_translation")),
                            "file-kind")
                )
            continue
        violations = schema_problems(doc, kind)
        problems.extend(violations)
        if not violations:
            docs.append((kind, doc))
        elif kind == "article_file" and isinstance(doc.data.get("article"), int):
            rejected.add(doc.data["article"])
    builder = _CatalogBuilder(root, problems, rejected)
    catalog = builder.build(docs)
    problems.sort(key=lambda p: (p.path, p.line, p.column))
    return CheckResult(catalog, problems)


def load_catalog(root: Path) -> Catalog:
    """The catalog at root, or a DataProblem naming its first errors.

    A catalog that checked clean is kept in the cache (see `cache`) under a fingerprint of
    every file in the folder, so the next command skips parsing and checking it again.
    """
    from actip_cli import cache

    key = cache.tree_fingerprint(root, "catalog") if cache.folder() else ""
    if key:
        cached = cache.load_object("catalog", key)
        if isinstance(cached, Catalog):
            return cached
    result = check_catalog(root)
    errors = result.errors
    if errors or result.catalog is None:
        # A file that could not be read is the cause of the problems it leaves elsewhere.
        first = next((e for e in errors if e.rule == "read"), errors[0]) if errors else None
        what = first.message if first else _("incomplete")
        if len(errors) > 1:
            message = _("the catalog has errors (and {count} more): {message}").format(count=len(errors) - 1, message=what)
        else:
            message = _("the catalog has errors: {message}").format(message=what)
        raise DataProblem(
            message,
            location=first.location if first else Location(str(root)),
            hint=_("run 'actip validate {folder}' to see them all").format(folder=root),
        )
    catalog = dataclasses.replace(result.catalog, fingerprint=key)
    if key:
        cache.store_object("catalog", key, catalog)
    return catalog


class _CatalogBuilder:
    """Builds the model from schema-valid documents and checks the cross-file rules."""

    def __init__(self, root: Path, problems: list[Problem], rejected: set[int] | None = None) -> None:
        self.root = root
        self.problems = problems
        self.rejected = rejected or set()

    def unknown(self, oid: str, obligations: dict[ObligationId, Obligation]) -> bool:
        """An obligation ID that is not in the catalog, and not in an article file that
        failed the schema (that file's errors are reported; repeating them here would not help)."""
        if oid in obligations:
            return False
        parts = _ID_RE.match(oid)
        return not (parts and int(parts.group(1)) in self.rejected)

    def error(self, doc: Document, path: tuple[Any, ...], message: str, rule: str, *, key: bool = False, severity: str = "error") -> None:
        loc = doc.locate(path, key=key)
        self.problems.append(Problem(doc.path, loc.line, loc.column, severity, message, rule))

    def warn(self, doc: Document, path: tuple[Any, ...], message: str, rule: str) -> None:
        self.error(doc, path, message, rule, severity="warning")

    def build(self, docs: list[tuple[str, Document]]) -> Catalog | None:
        by_kind: dict[str, list[Document]] = {}
        for kind, doc in docs:
            by_kind.setdefault(kind, []).append(doc)
        manifests = by_kind.get("manifest_file", [])
        if not manifests:
            self.problems.append(Problem(str(self.root), 0, 0, "error",
                                         _("no catalog.yaml (the file with 'actip_catalog:') in the catalog folder"), "manifest"))
            return None
        for extra in manifests[1:]:
            self.error(extra, ("actip_catalog",), _("a second catalog manifest; the first is {file}").format(file=manifests[0].path), "manifest")
        manifest = manifests[0]
        m = manifest.data
        modalities = {
            name: Modality(name, float(d["weight"]), d["verb"], d["label"], d.get("explanation", ""))
            for name, d in m["modalities"].items()
        }
        chapters = tuple(
            Chapter(c["id"], c["title"], tuple(c["articles"]), c["verification"], c["basis"])
            for c in m["chapters"]
        )
        chapter_of: dict[int, str] = {}
        for i, c in enumerate(m["chapters"]):
            for j, number in enumerate(c["articles"]):
                if number in chapter_of:
                    self.error(manifest, ("chapters", i, "articles", j),
                               _("Article {number} is listed in chapters {first} and {second}").format(
                                   number=number, first=chapter_of[number], second=c["id"]), "chapters")
                chapter_of[number] = c["id"]
        for number in range(1, ARTICLE_COUNT + 1):
            if number not in chapter_of:
                self.error(manifest, ("chapters",), _("Article {number} is in no chapter").format(number=number), "chapters")

        indicators = self._indicators(by_kind.get("indicators_file", []))
        recommendation_docs = by_kind.get("recommendations_file", [])
        articles, obligations, sources = self._articles(by_kind.get("article_file", []), chapter_of, modalities)
        retired = tuple(
            Retired(ObligationId(r["id"]), str(r["since"]), r["reason"], tuple(ObligationId(x) for x in r.get("replaced_by", [])))
            for r in m.get("retired", [])
        )
        for i, r in enumerate(retired):
            if r.id in obligations:
                self.error(manifest, ("retired", i, "id"), _("{id} is retired but still defined; retired IDs are never reused").format(id=r.id), "retired")

        self._check_references(obligations, sources, indicators, recommendation_docs)
        recommendations = self._recommendations(recommendation_docs, obligations)
        findings = self._findings(by_kind.get("findings_file", []), obligations, indicators)
        countries, non_members = self._countries(by_kind.get("countries_file", []))

        linked = {i for o in obligations.values() for i in o.indicators}
        for doc in by_kind.get("indicators_file", []):
            for i, item in enumerate(doc.data["indicators"]):
                if item["id"] not in linked:
                    self.warn(doc, ("indicators", i, "id"), _("indicator '{id}' is linked from no obligation").format(id=item["id"]),
                              "unlinked-indicator")

        return Catalog(
            version=str(m["version"]),
            title=m["title"],
            short_title=m.get("short_title", "ACTIP"),
            modalities=modalities,
            chapters=chapters,
            articles=articles,
            indicators=indicators,
            recommendations=recommendations,
            findings=findings,
            countries=countries,
            non_members=non_members,
            retired=retired,
            history=tuple((str(h["version"]), tuple(ObligationId(x) for x in h.get("added", []))) for h in m.get("history", [])),
            languages=tuple(m.get("languages", ["en"])),
            root=str(self.root),
        )

    def _articles(
        self, docs: list[Document], chapter_of: dict[int, str], modalities: dict[str, Modality]
    ) -> tuple[tuple[Article, ...], dict[ObligationId, Obligation], dict[ObligationId, tuple[Document, tuple[Any, ...]]]]:
        seen_articles: dict[int, str] = {}
        seen_ids: dict[str, str] = {}
        articles: list[Article] = []
        sources: dict[ObligationId, tuple[Document, tuple[Any, ...]]] = {}
        for doc in docs:
            a = doc.data
            number = a["article"]
            if number in seen_articles:
                self.error(doc, ("article",), _("Article {number} is already defined in {file}").format(number=number, file=seen_articles[number]), "duplicate-article")
                continue
            seen_articles[number] = doc.path
            expected_chapter = chapter_of.get(number)
            if expected_chapter and a["chapter"] != expected_chapter:
                self.error(doc, ("chapter",), _("Article {number} is in chapter {expected} according to catalog.yaml, not {found}").format(
                    number=number, expected=expected_chapter, found=a["chapter"]), "chapter-mismatch")
            built: list[Obligation] = []
            for i, o in enumerate(a["obligations"]):
                at = ("obligations", i)
                oid = o["id"]
                if oid in seen_ids:
                    self.error(doc, (*at, "id"), _("duplicate obligation ID {id}; first defined at {place}").format(id=oid, place=seen_ids[oid]), "duplicate-id")
                    continue
                seen_ids[oid] = str(doc.locate((*at, "id")))
                self._check_identity(doc, at, o, number, a["chapter"])
                self._check_content(doc, at, o, modalities)
                obligation = _obligation(o, number, a["chapter"], doc, at)
                built.append(obligation)
                sources[obligation.id] = (doc, at)
            order = [_sort_key(ob.id) for ob in built]
            if order != sorted(order):
                self.warn(doc, ("obligations",), _("obligations are not in paragraph order"), "order")
            line, column = doc.positions.get((), (1, 1))
            articles.append(Article(
                number=number, chapter=a["chapter"], title=a["title"], summary=a["summary"],
                verification=a["verification"], basis=a["basis"], obligations=tuple(built),
                paragraphs=a.get("paragraphs"),
                no_duty=tuple(NoDuty(str(n["paragraph"]), n["reason"]) for n in a.get("no_duty", [])),
                source=SourceRef(doc.path, line, column),
            ))
        for number in range(1, ARTICLE_COUNT + 1):
            if number not in seen_articles and number not in self.rejected:
                self.problems.append(Problem(str(self.root), 0, 0, "error", _("Article {number} has no file; every article 1 to {count} needs one").format(number=number, count=ARTICLE_COUNT), "missing-article"))
        articles.sort(key=lambda art: art.number)
        obligations = {o.id: o for art in articles for o in art.obligations}
        return tuple(articles), obligations, sources

    def _check_identity(self, doc: Document, at: tuple[Any, ...], o: dict[str, Any], number: int, chapter: str) -> None:
        match = _ID_RE.match(o["id"])
        if not match:
            return
        id_article, id_para, id_letter = match.groups()
        if int(id_article) != number:
            self.error(doc, (*at, "id"), _("{id} names Article {named} but this file is Article {number}").format(
                id=o["id"], named=id_article, number=number), "id-article")
        paragraph = o.get("paragraph")
        expected = None if id_para is None else (id_para + (f".{id_letter}" if id_letter else ""))
        if paragraph != expected:
            if expected:
                message = _("{id} does not agree with its paragraph ({paragraph}); expected paragraph: \"{expected}\"").format(
                    id=o["id"], paragraph=repr(paragraph), expected=expected)
            else:
                message = _("{id} does not agree with its paragraph ({paragraph}); expected no paragraph field").format(
                    id=o["id"], paragraph=repr(paragraph))
            self.error(doc, (*at, "paragraph") if paragraph else (*at, "id"), message, "id-paragraph")
        if "article" in o and o["article"] != number:
            self.error(doc, (*at, "article"), _("article {found} disagrees with the file's Article {number}").format(found=o["article"], number=number), "id-article")
        if "chapter" in o and o["chapter"] != chapter:
            self.error(doc, (*at, "chapter"), _("chapter {found} disagrees with the file's chapter {chapter}").format(found=o["chapter"], chapter=chapter), "chapter-mismatch")

    def _check_content(self, doc: Document, at: tuple[Any, ...], o: dict[str, Any], modalities: dict[str, Modality]) -> None:
        modality = o["modality"]
        if modality == "qualified" and not o.get("qualifier"):
            self.error(doc, (*at, "modality"), _("a qualified duty needs a 'qualifier' naming its softening words"), "qualifier")
        if modality != "qualified" and o.get("qualifier"):
            self.warn(doc, (*at, "qualifier"), _("'qualifier' is given but the modality is {modality}").format(modality=modality), "qualifier")
        for name in ("questions", "guidance", "recommendation"):
            if name not in o:
                self.warn(doc, at, _("{id} has no {field}; a policy officer cannot answer or act on it").format(id=o["id"], field=name),
                          f"missing-{name}")
        for level, text in o.get("guidance", {}).items():
            if not str(text).strip():
                self.warn(doc, (*at, "guidance", level), _("guidance for '{level}' is empty").format(level=level), "empty-guidance")
        rec = o.get("recommendation")
        if rec and modality in modalities and rec["verb"] != modalities[modality].verb:
            self.warn(doc, (*at, "recommendation", "verb"),
                      _("a {modality} duty's recommendation should use '{expected}', not '{found}'").format(
                          modality=modality, expected=modalities[modality].verb, found=rec["verb"]), "verb")

    def _check_references(
        self,
        obligations: dict[ObligationId, Obligation],
        sources: dict[ObligationId, tuple[Document, tuple[Any, ...]]],
        indicators: dict[str, Indicator],
        recommendation_docs: list[Document],
    ) -> None:
        known_recs = {r["id"] for doc in recommendation_docs for r in doc.data["recommendations"]}
        order = {oid: i for i, oid in enumerate(obligations)}
        for oid, ob in obligations.items():
            doc, at = sources[oid]
            for j, ref in enumerate(ob.recommendations):
                if ref not in known_recs:
                    self.error(doc, (*at, "recommendations", j), _("unknown recommendation '{id}'").format(id=ref), "reference")
            for j, ref in enumerate(ob.indicators):
                if ref not in indicators:
                    close = _close(ref, indicators)
                    message = (_("unknown indicator '{id}'; did you mean '{close}'?").format(id=ref, close=close) if close
                               else _("unknown indicator '{id}'").format(id=ref))
                    self.error(doc, (*at, "indicators", j), message, "reference")
            cond = ob.relevant_if
            if cond is not None:
                if self.unknown(cond.obligation, obligations):
                    self.error(doc, (*at, "relevant_if", "obligation"), _("relevant_if names unknown obligation {id}").format(id=cond.obligation), "reference")
                elif order[cond.obligation] >= order[oid]:
                    self.error(doc, (*at, "relevant_if", "obligation"),
                               _("relevant_if must name an earlier obligation; {named} comes after {id}").format(
                                   named=cond.obligation, id=oid), "reference")

    def _indicators(self, docs: list[Document]) -> dict[str, Indicator]:
        result: dict[str, Indicator] = {}
        for doc in docs:
            for i, d in enumerate(doc.data["indicators"]):
                if d["id"] in result:
                    self.error(doc, ("indicators", i, "id"), _("duplicate indicator ID '{id}'").format(id=d["id"]), "duplicate-id")
                    continue
                result[d["id"]] = Indicator(d["id"], d["name"], d["unit"], d["direction"], d["level"], d["description"], d.get("caveat", ""))
        return result

    def _recommendations(self, docs: list[Document], obligations: dict[ObligationId, Obligation]) -> dict[str, Recommendation]:
        result: dict[str, Recommendation] = {}
        for doc in docs:
            for i, d in enumerate(doc.data["recommendations"]):
                if d["id"] in result:
                    self.error(doc, ("recommendations", i, "id"), _("duplicate recommendation ID '{id}'").format(id=d["id"]), "duplicate-id")
                    continue
                answers = tuple(oid for oid, o in obligations.items() if d["id"] in o.recommendations)
                original = d.get("original", {})
                source = d.get("source", {})
                result[d["id"]] = Recommendation(
                    d["id"], d["label"], d["verb"], d["theme"], d["text"],
                    original.get("lang", ""), original.get("text", ""),
                    source.get("work", ""), source.get("location", ""), answers,
                )
        return result

    def _findings(self, docs: list[Document], obligations: dict[ObligationId, Obligation], indicators: dict[str, Indicator]) -> tuple[Finding, ...]:
        result: list[Finding] = []
        for doc in docs:
            for i, d in enumerate(doc.data["findings"]):
                for j, ref in enumerate(d["obligations"]):
                    if self.unknown(ref, obligations):
                        self.error(doc, ("findings", i, "obligations", j), _("unknown obligation {id}").format(id=ref), "reference")
                for j, ref in enumerate(d.get("indicators", [])):
                    if ref not in indicators:
                        self.error(doc, ("findings", i, "indicators", j), _("unknown indicator '{id}'").format(id=ref), "reference")
                result.append(Finding(d["id"], d["finding"], d.get("original", ""),
                                      tuple(ObligationId(x) for x in d["obligations"]), tuple(d.get("indicators", []))))
        return tuple(result)

    def _countries(self, docs: list[Document]) -> tuple[tuple[Country, ...], tuple[NonMember, ...]]:
        countries: list[Country] = []
        non_members: list[NonMember] = []
        names: dict[str, str] = {}
        for doc in docs:
            for i, d in enumerate(doc.data["countries"]):
                if any(c.iso3 == d["iso3"] for c in countries):
                    self.error(doc, ("countries", i, "iso3"), _("{code} is listed twice").format(code=d["iso3"]), "duplicate-country")
                    continue
                for j, alias in enumerate([d["iso2"], d["iso3"], d["name"], *d["aliases"]]):
                    key = normalise_name(alias)
                    if key in names and names[key] != d["iso3"]:
                        path = ("countries", i, "aliases", j - 3) if j >= 3 else ("countries", i)
                        self.error(doc, path, _("'{alias}' also names {code}").format(alias=alias, code=names[key]), "country-alias")
                    names[key] = d["iso3"]
                countries.append(Country(
                    d["iso2"], d["iso3"], d["name"], tuple(d["aliases"]),
                    _event(d["signature"]), _event(d["ratification"]),
                    d.get("official_name", ""), tuple(d.get("official_languages", [])),
                ))
            non_members.extend(NonMember(n["name"], tuple(n["aliases"]), n.get("note", "")) for n in doc.data.get("non_members", []))
        present = {c.iso3 for c in countries}
        missing = sorted(ASEAN_MEMBERS - present)
        if missing:
            where = docs[0].path if docs else str(self.root)
            self.problems.append(Problem(where, 1 if docs else 0, 1 if docs else 0, "error",
                                         _("ASEAN member states missing from the catalog: {codes}").format(codes=", ".join(missing)),
                                         "countries"))
        return tuple(countries), tuple(non_members)


def _obligation(o: dict[str, Any], number: int, chapter: str, doc: Document, at: tuple[Any, ...]) -> Obligation:
    questions = o.get("questions", {})
    g = o.get("guidance")
    rec = o.get("recommendation", {})
    cond = o.get("relevant_if")
    line, column = doc.positions.get(at, (0, 0))
    return Obligation(
        id=ObligationId(o["id"]),
        chapter=chapter,
        article=number,
        paragraph=o.get("paragraph"),
        title=o["title"],
        summary=o["summary"],
        modality=o["modality"],
        verification=o["verification"],
        basis=o["basis"],
        qualifier=o.get("qualifier", ""),
        de_jure_question=questions.get("de_jure", ""),
        de_facto_question=questions.get("de_facto", ""),
        guidance=Guidance(**g) if g else None,
        recommendation_verb=rec.get("verb", ""),
        recommendation_text=rec.get("text", ""),
        recommendations=tuple(o.get("recommendations", [])),
        indicators=tuple(o.get("indicators", [])),
        relevant_if=RelevantIf(ObligationId(cond["obligation"]), cond["level"], tuple(cond["any_of"]), cond.get("reason", "")) if cond else None,
        mappings=tuple(Mapping(mp["instrument"], str(mp["article"]), mp["relation"], mp.get("note", "")) for mp in o.get("mappings", [])),
        source=SourceRef(doc.path, line, column),
    )


def _event(d: dict[str, Any]) -> DatedEvent:
    return DatedEvent(str(d["date"]), d.get("source", ""), d.get("note", ""))


def _sort_key(oid: str) -> tuple[int, int, str]:
    match = _ID_RE.match(oid)
    if not match:
        return (0, 0, oid)
    article, para, letter = match.groups()
    return (int(article), int(para or 0), letter or "")


def obligation_sort_key(oid: str) -> tuple[int, int, str]:
    """Treaty order for obligation IDs (ACTIP-2 < ACTIP-11.1 < ACTIP-11.1.a < ACTIP-11.2)."""
    return _sort_key(oid)


def _close(word: str, options: Iterable[str]) -> str:
    """The option closest to a misspelt word, or ''."""
    import difflib

    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return str(close[0]) if close else ""


def normalise_name(text: str) -> str:
    """A country name or code folded for matching: case, spaces, hyphens, dots and accents."""
    import unicodedata

    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    folded = folded.replace("đ", "d")
    return re.sub(r"[\s\-_.'’]+", "", folded)


__all__ = ["ActipError", "CheckResult", "catalog_files", "check_catalog", "load_catalog", "locate_root"]
