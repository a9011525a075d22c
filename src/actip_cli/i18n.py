"""Languages: which one to use, the catalog in that language, and the interface messages.

English is the reference text of the catalog. A translation lives beside it in
`obligations/i18n/<lang>/<same relative path as the English file>`; each entry names the
item it translates (an obligation ID, an indicator ID, a country's alpha-3 code ...) and
carries `from`, the fingerprint of the English text it was translated from, so a change
to the English can be reported as a possibly stale translation.

Canonical English text of an entry (what `from` fingerprints): the entry's translatable
fields (`TRANSLATABLE` below) that have non-empty English text, one line per field,
`<dotted field name>=<text>`, lines sorted by field name and joined with a newline; each
text is Unicode NFC-normalised, with every run of whitespace turned into one space and the
ends trimmed (so re-wrapping a YAML paragraph is not a change). The fingerprint is the
first 8 hex digits of the SHA-256 of that text in UTF-8.

Interface messages go through gettext (`_()`), with `.po` sources and compiled `.mo` files
in `actip_cli/locale/<lang>/LC_MESSAGES/actip.po|.mo`. Nothing here is loaded for English,
so the English start-up costs nothing.

Pure: no terminal, no Typer, no Rich. Whatever is missing in the chosen language falls back
to English, and a notice hook (set by the CLI) is told once.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from actip_cli.errors import UsageProblem

if TYPE_CHECKING:
    from actip_cli.model import Catalog

SUPPORTED: tuple[str, ...] = ("en", "vi", "id")
REFERENCE = "en"
ENV_VAR = "ACTIP_LANG"
LOCALE_VARS: tuple[str, ...] = ("LC_ALL", "LC_MESSAGES", "LANG")
TRANSLATIONS_DIR = "i18n"
DOMAIN = "actip"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

LANGUAGE_NAMES: dict[str, str] = {"en": "English", "vi": "Vietnamese", "id": "Indonesian"}
"""English names, for maintainer messages (validate)."""
NATIVE_NAMES: dict[str, str] = {"en": "English", "vi": "tiếng Việt", "id": "bahasa Indonesia"}
"""Each language's name for itself, for the reader of that language."""

# Old or regional codes people still have in their locale settings.
_ALIASES = {"in": "id", "ind": "id", "vie": "vi", "eng": "en"}


# --- choosing the language ---------------------------------------------------------------


def _code(text: str) -> str:
    """The language part of a locale or tag: 'vi_VN.UTF-8' -> 'vi', 'id-ID' -> 'id'."""
    base = re.split(r"[_.@\-]", text.strip(), maxsplit=1)[0].lower()
    return _ALIASES.get(base, base)


def parse_languages(text: str, source: str) -> tuple[str, ...]:
    """'vi' -> ('vi',); 'vi,en' -> ('vi', 'en') for a bilingual view; anything else is a usage problem."""
    chosen: list[str] = []
    for part in text.split(","):
        if not part.strip():
            continue
        code = _code(part)
        if code not in SUPPORTED:
            raise UsageProblem(
                f"unknown language '{part.strip()}' (given by {source})",
                hint="use en, vi or id; 'vi,en' shows Vietnamese beside English",
            )
        if code not in chosen:
            chosen.append(code)
    if not chosen:
        raise UsageProblem(f"no language given by {source}", hint="use en, vi or id")
    if len(chosen) > 2:
        raise UsageProblem(f"at most two languages at once (given by {source}: {text})", hint="for example vi,en")
    return tuple(chosen)


def language_from_locale(value: str) -> str:
    """The supported language a POSIX locale asks for; English for C, POSIX and the rest."""
    code = _code(value)
    return code if code in SUPPORTED else REFERENCE


def choose_languages(option: str | None, environ: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """--lang, then ACTIP_LANG, then the locale (LC_ALL, LC_MESSAGES, LANG: the first one set
    decides, as in POSIX), then English. An explicit choice that is not supported is an error;
    an unsupported locale is not (it was not chosen for actip)."""
    env = os.environ if environ is None else environ
    if option is not None and option.strip():
        return parse_languages(option, "--lang")
    if env.get(ENV_VAR, "").strip():
        return parse_languages(env[ENV_VAR], ENV_VAR)
    for name in LOCALE_VARS:
        value = env.get(name, "").strip()
        if value:
            return (language_from_locale(value),)
    return (REFERENCE,)


# --- what is translatable, and fingerprints ------------------------------------------------

JsonPath = tuple[str | int, ...]

# Per kind of catalog file: the translatable fields of each kind of item, as
# (dotted name in the translation entry, path of the English text inside the item).
_GUIDANCE = tuple((f"guidance.{level}", ("guidance", level))
                  for level in ("none", "initial", "partial", "substantial", "full", "evidence"))
OBLIGATION_FIELDS: tuple[tuple[str, JsonPath], ...] = (
    ("title", ("title",)),
    ("summary", ("summary",)),
    ("qualifier", ("qualifier",)),
    ("basis", ("basis",)),
    ("questions.de_jure", ("questions", "de_jure")),
    ("questions.de_facto", ("questions", "de_facto")),
    *_GUIDANCE,
    ("recommendation", ("recommendation", "text")),
    ("relevant_if", ("relevant_if", "reason")),
)
ARTICLE_FIELDS = (("title", ("title",)), ("summary", ("summary",)), ("basis", ("basis",)))
CATALOG_FIELDS = (("title", ("title",)), ("short_title", ("short_title",)), ("description", ("description",)))
CHAPTER_FIELDS = (("title", ("title",)), ("basis", ("basis",)))
MODALITY_FIELDS = (("label", ("label",)), ("explanation", ("explanation",)))
RETIRED_FIELDS = (("reason", ("reason",)),)
COUNTRY_FIELDS = (("name", ("name",)), ("official_name", ("official_name",)))
INDICATOR_FIELDS = (("name", ("name",)), ("unit", ("unit",)), ("description", ("description",)), ("caveat", ("caveat",)))
RECOMMENDATION_FIELDS = (("label", ("label",)), ("theme", ("theme",)), ("text", ("text",)))
FINDING_FIELDS = (("finding", ("finding",)),)

TRANSLATABLE: dict[str, str] = {
    "manifest_file": "'catalog' (title, short_title, description); each chapter by Roman numeral (title, basis); "
                     "each modality by name (label, explanation); each retired ID (reason)",
    "article_file": "'article' (title, summary, basis, no_duty.<paragraph>); each obligation by ID (title, summary, "
                    "qualifier, basis, questions.*, guidance.*, recommendation, relevant_if, mappings.<instrument article>)",
    "countries_file": "each member state by ISO alpha-3 (name, official_name)",
    "indicators_file": "each indicator by ID (name, unit, description, caveat)",
    "recommendations_file": "each recommendation by ID (label, theme, text)",
    "findings_file": "each finding by ID (finding)",
}
"""What a translation of each kind of file holds, in words (docs/translating.md says the same)."""


def normalise_text(text: str) -> str:
    """NFC, whitespace runs folded to one space, ends trimmed."""
    import unicodedata

    return " ".join(unicodedata.normalize("NFC", text).split())


def canonical_text(fields: Mapping[str, str]) -> str:
    """The English text an entry's fingerprint is taken over (see the module docstring)."""
    lines = sorted(f"{name}={normalise_text(text)}" for name, text in fields.items() if normalise_text(text))
    return "\n".join(lines)


def fingerprint(fields: Mapping[str, str]) -> str:
    """8 hex digits identifying the English text of an entry."""
    import hashlib

    return hashlib.sha256(canonical_text(fields).encode("utf-8")).hexdigest()[:8]


@dataclass(frozen=True)
class EnglishEntry:
    """One translatable item of an English catalog file: its key, where it stands, its texts."""

    key: str
    at: JsonPath
    fields: dict[str, tuple[JsonPath, str]]
    """Dotted field name -> (path of the English text in the document, the text)."""

    @property
    def texts(self) -> dict[str, str]:
        """Dotted field name -> English text."""
        return {name: text for name, (_, text) in self.fields.items()}

    @property
    def fingerprint(self) -> str:
        """The fingerprint a translation of this entry must carry in `from`."""
        return fingerprint(self.texts)


def _dig(item: Any, path: JsonPath) -> Any:
    for step in path:
        if isinstance(item, dict) and isinstance(step, str):
            item = item.get(step)
        elif isinstance(item, list) and isinstance(step, int) and step < len(item):
            item = item[step]
        else:
            return None
    return item


def _entry(key: str, at: JsonPath, item: Any, spec: tuple[tuple[str, JsonPath], ...]) -> EnglishEntry:
    fields: dict[str, tuple[JsonPath, str]] = {}
    for name, path in spec:
        text = _dig(item, path)
        if isinstance(text, str) and text.strip():
            fields[name] = ((*at, *path), text)
    return EnglishEntry(key, at, fields)


def english_entries(kind: str, data: Any) -> dict[str, EnglishEntry]:
    """Every translatable item of a schema-valid English catalog file, keyed as in translations."""
    entries: dict[str, EnglishEntry] = {}

    def add(entry: EnglishEntry) -> None:
        if entry.fields and entry.key not in entries:
            entries[entry.key] = entry

    if kind == "manifest_file":
        add(_entry("catalog", (), data, CATALOG_FIELDS))
        for i, chapter in enumerate(data.get("chapters", [])):
            add(_entry(str(chapter["id"]), ("chapters", i), chapter, CHAPTER_FIELDS))
        for name, modality in data.get("modalities", {}).items():
            add(_entry(name, ("modalities", name), modality, MODALITY_FIELDS))
        for i, retired in enumerate(data.get("retired", []) or []):
            add(_entry(str(retired["id"]), ("retired", i), retired, RETIRED_FIELDS))
    elif kind == "article_file":
        article = _entry("article", (), data, ARTICLE_FIELDS)
        for i, nd in enumerate(data.get("no_duty", []) or []):
            if isinstance(nd.get("reason"), str) and nd["reason"].strip():
                article.fields[f"no_duty.{nd['paragraph']}"] = (("no_duty", i, "reason"), nd["reason"])
        add(article)
        for i, o in enumerate(data.get("obligations", []) or []):
            entry = _entry(str(o["id"]), ("obligations", i), o, OBLIGATION_FIELDS)
            for j, m in enumerate(o.get("mappings", []) or []):
                if isinstance(m.get("note"), str) and m["note"].strip():
                    entry.fields[f"mappings.{mapping_key(m['instrument'], m['article'])}"] = (
                        ("obligations", i, "mappings", j, "note"), m["note"])
            add(entry)
    else:
        list_key, id_key, spec = {
            "countries_file": ("countries", "iso3", COUNTRY_FIELDS),
            "indicators_file": ("indicators", "id", INDICATOR_FIELDS),
            "recommendations_file": ("recommendations", "id", RECOMMENDATION_FIELDS),
            "findings_file": ("findings", "id", FINDING_FIELDS),
        }.get(kind, ("", "", ()))
        for i, item in enumerate(data.get(list_key, []) or [] if list_key else []):
            add(_entry(str(item[id_key]), (list_key, i), item, spec))
    return entries


def mapping_key(instrument: str, article: Any) -> str:
    """How a crosswalk note is keyed in a translation: 'UN-TIP-Protocol 6(3)'."""
    return f"{instrument} {article}"


def flatten_entry(entry: Mapping[str, Any]) -> dict[str, Any]:
    """A translation entry as dotted field name -> value (`from` and `note` left out)."""
    flat: dict[str, Any] = {}
    for name, value in entry.items():
        if name in ("from", "note"):
            continue
        if isinstance(value, dict):
            for sub, text in value.items():
                flat[f"{name}.{sub}"] = text
        else:
            flat[name] = value
    return flat


# --- loading translations -------------------------------------------------------------------


@dataclass
class Translations:
    """The translation files of one language: relative English path -> key -> dotted field -> text."""

    language: str
    files: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    unreadable: list[str] = field(default_factory=list)

    def entry(self, rel: str, key: str) -> dict[str, str]:
        """The translated fields of one item (empty when there is none)."""
        return self.files.get(rel, {}).get(key, {})


def translation_folder(root: Path, lang: str) -> Path:
    """Where the translations of a language live in a catalog."""
    return root / TRANSLATIONS_DIR / lang


def translation_paths(root: Path, lang: str) -> Iterator[tuple[str, Path]]:
    """(relative English path, translation file) for every translation file of a language."""
    folder = translation_folder(root, lang)
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        if path.suffix in (".yaml", ".yml") and path.is_file():
            yield path.relative_to(folder).as_posix(), path


def load_translations(root: Path, lang: str) -> Translations:
    """Read a language's translation files, leniently: a broken file is skipped and named
    (`actip validate` reports it in detail); non-text values are ignored."""
    import unicodedata

    from actip_cli import yamlio
    from actip_cli.errors import FileProblem

    result = Translations(lang)
    for rel, path in translation_paths(root, lang):
        try:
            data = yamlio.load(path).data
        except FileProblem:
            result.unreadable.append(rel)
            continue
        entries = data.get("entries") if isinstance(data, dict) else None
        if not isinstance(entries, dict):
            result.unreadable.append(rel)
            continue
        result.files[rel] = {
            # NFC: Vietnamese typed with combining marks would otherwise be measured wrongly in tables.
            str(key): {name: unicodedata.normalize("NFC", text)
                       for name, text in flatten_entry(value).items() if isinstance(text, str) and text.strip()}
            for key, value in entries.items()
            if isinstance(value, dict)
        }
    return result


# --- the catalog in another language --------------------------------------------------------

_KIND_KEY = re.compile(r"^(actip_catalog|countries|indicators|recommendations|findings|article)\s*:", re.MULTILINE)
_KIND_OF_KEY = {
    "actip_catalog": "manifest_file", "countries": "countries_file", "indicators": "indicators_file",
    "recommendations": "recommendations_file", "findings": "findings_file", "article": "article_file",
}


def _kind_of_file(path: Path) -> str | None:
    """A catalog file's kind from its top-level key, without parsing the YAML (cheap)."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    match = _KIND_KEY.search(text)
    return _KIND_OF_KEY[match.group(1)] if match else None


class _Picker:
    """Chooses the translation of each field, counting what falls back to English."""

    def __init__(self) -> None:
        self.missing = 0

    def __call__(self, entry: Mapping[str, str], name: str, english: str) -> str:
        text = entry.get(name)
        if text:
            return text
        if english and english.strip():
            self.missing += 1
        return english


def localize(catalog: Catalog, lang: str, translations: Translations | None = None) -> Catalog:
    """The catalog with its text in `lang`, field by field, English where a translation is
    missing (the notice hook is told once). IDs, ratings, weights and structure are unchanged."""
    if lang == REFERENCE:
        return catalog
    root = Path(catalog.root)
    tr = translations if translations is not None else load_translations(root, lang)
    pick = _Picker()

    by_kind: dict[str, list[str]] = {}
    article_file: dict[int, str] = {}
    for a in catalog.articles:
        try:
            rel = Path(a.source.path).resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            rel = ""
        article_file[a.number] = rel
    known_articles = set(article_file.values())
    for rel in tr.files:
        if rel not in known_articles:
            kind = _kind_of_file(root / rel)
            if kind:
                by_kind.setdefault(kind, []).append(rel)

    def merged(kind: str) -> dict[str, dict[str, str]]:
        out: dict[str, dict[str, str]] = {}
        for rel in by_kind.get(kind, []):
            for key, entry in tr.files[rel].items():
                out.setdefault(key, entry)
        return out

    manifest = merged("manifest_file")
    result = _localize_articles(catalog, tr, article_file, pick)
    top = manifest.get("catalog", {})
    modalities = {
        name: m._replace(label=pick(manifest.get(name, {}), "label", m.label),
                         explanation=pick(manifest.get(name, {}), "explanation", m.explanation))
        for name, m in catalog.modalities.items()
    }
    chapters = tuple(
        c._replace(title=pick(manifest.get(c.id, {}), "title", c.title), basis=pick(manifest.get(c.id, {}), "basis", c.basis))
        for c in catalog.chapters
    )
    retired = tuple(r._replace(reason=pick(manifest.get(r.id, {}), "reason", r.reason)) for r in catalog.retired)
    ind_tr = merged("indicators_file")
    indicators = {
        iid: ind._replace(
            **{name: pick(ind_tr.get(iid, {}), name, getattr(ind, name)) for name in ("name", "unit", "description", "caveat")})
        for iid, ind in catalog.indicators.items()
    }
    rec_tr = merged("recommendations_file")
    recommendations = {
        rid: rec._replace(**{name: pick(rec_tr.get(rid, {}), name, getattr(rec, name)) for name in ("label", "theme", "text")})
        for rid, rec in catalog.recommendations.items()
    }
    fin_tr = merged("findings_file")
    findings = tuple(f._replace(finding=pick(fin_tr.get(f.id, {}), "finding", f.finding)) for f in catalog.findings)
    cty_tr = merged("countries_file")
    countries = []
    for c in catalog.countries:
        entry = cty_tr.get(c.iso3, {})
        name = pick(entry, "name", c.name)
        # The English name stays an accepted alias, so `assess "Viet Nam"` works in every language.
        aliases = c.aliases + tuple(n for n in (c.name, name) if n not in c.aliases)
        countries.append(c._replace(name=name, official_name=pick(entry, "official_name", c.official_name), aliases=aliases))
    if pick.missing or tr.unreadable:
        note_fallback()
    return dataclasses.replace(
        catalog,
        title=pick(top, "title", catalog.title),
        short_title=pick(top, "short_title", catalog.short_title),
        modalities=modalities,
        chapters=chapters,
        articles=result,
        indicators=indicators,
        recommendations=recommendations,
        findings=findings,
        countries=tuple(countries),
        retired=retired,
        language=lang,
        obligations={},  # rebuilt from the translated articles
    )


def _localize_articles(catalog: Catalog, tr: Translations, article_file: dict[int, str], pick: _Picker) -> tuple[Any, ...]:
    from actip_cli.model import Guidance

    articles = []
    for a in catalog.articles:
        rel = article_file.get(a.number, "")
        head = tr.entry(rel, "article")
        obligations = []
        for o in a.obligations:
            e = tr.entry(rel, o.id)
            guidance = o.guidance
            if guidance is not None:
                guidance = Guidance(**{level: pick(e, f"guidance.{level}", getattr(guidance, level))
                                       for level in ("none", "initial", "partial", "substantial", "full", "evidence")})
            cond = o.relevant_if
            if cond is not None:
                cond = cond._replace(reason=pick(e, "relevant_if", cond.reason))
            mappings = tuple(
                m._replace(note=pick(e, f"mappings.{mapping_key(m.instrument, m.article)}", m.note)) for m in o.mappings
            )
            obligations.append(o._replace(
                title=pick(e, "title", o.title),
                summary=pick(e, "summary", o.summary),
                qualifier=pick(e, "qualifier", o.qualifier),
                basis=pick(e, "basis", o.basis),
                de_jure_question=pick(e, "questions.de_jure", o.de_jure_question),
                de_facto_question=pick(e, "questions.de_facto", o.de_facto_question),
                guidance=guidance,
                recommendation_text=pick(e, "recommendation", o.recommendation_text),
                relevant_if=cond,
                mappings=mappings,
            ))
        no_duty = tuple(nd._replace(reason=pick(head, f"no_duty.{nd.paragraph}", nd.reason)) for nd in a.no_duty)
        articles.append(a._replace(
            title=pick(head, "title", a.title),
            summary=pick(head, "summary", a.summary),
            basis=pick(head, "basis", a.basis),
            no_duty=no_duty,
            obligations=tuple(obligations),
        ))
    return tuple(articles)


# --- interface messages (gettext) -----------------------------------------------------------

_state: dict[str, Any] = {"lang": REFERENCE, "translations": None, "notice": None, "noticed": False}


class _RecordMissing:
    """Last gettext fallback: a message with no translation is shown in English, and noticed."""

    def gettext(self, message: str) -> str:
        note_fallback()
        return message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        note_fallback()
        return singular if n == 1 else plural

    def pgettext(self, context: str, message: str) -> str:
        note_fallback()
        return message


def activate(lang: str, *, notice: Callable[[str], None] | None = None) -> None:
    """Use `lang` for interface messages from now on; `notice` is told once (in `lang`) when
    something is shown in English because it has no translation."""
    _state.update(lang=lang, translations=None, notice=notice, noticed=False)
    if lang == REFERENCE:
        return
    import gettext

    found = gettext.translation(DOMAIN, str(LOCALE_DIR), languages=[lang], fallback=True)
    if not isinstance(found, gettext.GNUTranslations):
        # No compiled messages for this language: everything is English.
        found = gettext.NullTranslations()
        found.add_fallback(_RecordMissing())  # type: ignore[arg-type]
        _state["translations"] = found
        note_fallback()
        return
    found.add_fallback(_RecordMissing())  # type: ignore[arg-type]
    _state["translations"] = found


def active_language() -> str:
    """The language interface messages are shown in."""
    return str(_state["lang"])


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Interface messages in `lang` for the duration (the second half of a bilingual report),
    then back to the language before, with its notice state: each language says once that
    something of it is shown in English."""
    saved = dict(_state)
    activate(lang, notice=saved["notice"])
    try:
        yield
    finally:
        _state.update(saved)


def note_fallback() -> None:
    """Tell the notice hook, once, that something is shown in English instead."""
    if _state["noticed"] or _state["lang"] == REFERENCE:
        return
    _state["noticed"] = True
    notice = _state["notice"]
    if notice is not None:
        lang = str(_state["lang"])
        translations = _state["translations"]
        text = N_("Some text is not yet available in {language}; it is shown in English.")
        if translations is not None:
            # Looked up directly so a missing translation of this very message cannot recurse.
            catalog = getattr(translations, "_catalog", {})
            text = catalog.get(text) or text
        notice(text.format(language=NATIVE_NAMES.get(lang, lang)))


def _(message: str) -> str:
    """The interface message in the active language (English when it has no translation)."""
    translations = _state["translations"]
    return message if translations is None else str(translations.gettext(message))


def ngettext(singular: str, plural: str, n: int) -> str:
    """A message that depends on a count, in the active language."""
    translations = _state["translations"]
    if translations is None:
        return singular if n == 1 else plural
    return str(translations.ngettext(singular, plural, n))


def pgettext(context: str, message: str) -> str:
    """A short message whose meaning depends on a context ('rating', 'verb'), in the active language."""
    translations = _state["translations"]
    return message if translations is None else str(translations.pgettext(context, message))


def NP_(context: str, message: str) -> str:
    """Mark a message with a context for translation (see N_); translate with pgettext()."""
    return message


def N_(message: str) -> str:
    """Mark a message for translation where it is defined (module constants, help texts);
    translate it with `_()` where it is shown, once the language is known."""
    return message
