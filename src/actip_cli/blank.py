"""A blank answers file for `actip init`: every duty's questions as YAML comments above its entry.

For officers who work offline in a text editor. Each duty's entry starts as `{}` (not yet
answered), so the blank file, a half-filled one and a finished one all pass `actip validate`
and load in `actip report` and `actip assess` (which resumes at the first duty still `{}`).
The text around the entries is comments only; `actip assess` rewrites the file without
them once it saves an answer.
"""

from __future__ import annotations

import shlex
import textwrap

from actip_cli import yamlio
from actip_cli.answers import FORMAT_VERSION
from actip_cli.i18n import N_, _
from actip_cli.model import ALL_RATINGS, Catalog, Country, Obligation
from actip_cli.session import VERIFICATION_WORDS, clean, how_binding

WIDTH = 88
LEVEL_SHORT = {"de_jure": N_("in law"), "de_facto": N_("in practice")}

# Every sentence a user can see, whole, so that a message catalog can translate it.
MESSAGES = {
    "title": N_("ACTIP self-assessment: {country}, reporting year {period}. Blank answers file."),
    "catalog": N_("Catalog {version}: {duties} duties in {articles} articles."),
    "how_title": N_("How to fill it in"),
    "how_1": N_("Every duty below has two questions: de_jure (is the law, regulation, plan or body in place?) "
                "and de_facto (is it applied in practice?)."),
    "how_2": N_("Replace a duty's {{}} with its answers, indented as in this example:"),
    "how_3": N_("Ratings: none (0), initial (1), partial (2), substantial (3), full (4), unknown, not-applicable. "
                "unknown and not-applicable are counted, never scored as zero; not-applicable needs a note saying why."),
    "how_4": N_("evidence, grade (A independent or official data, B government self-report, C expert judgement) "
                "and note are optional."),
    "how_5": N_("Leave {{}} where you have no answer yet: the duty counts as unanswered."),
    "how_6": N_("Indicator series (optional) are at the end of the file."),
    "how_7": N_("Check the file with 'actip validate {file}', see the gap report with 'actip report {file}', "
                "or continue with questions one by one: 'actip assess {country} --answers {file}'."),
    "assessor": N_("Who filled this in (optional): remove the # and fill in the quotes."),
    "chapter": N_("Chapter {chapter}: {title}"),
    "article": N_("Article {number}. {title}"),
    "duty": N_("{id}, {citation}: {title}"),
    "how_binding": N_("How binding: {words}"),
    "source": N_("Source: {words}"),
    "question": N_("{field}, {level}: {question}"),
    "evidence": N_("Evidence that counts: {text}"),
    "values": N_("Values: {ratings}"),
    "relevant_if": N_("Answer only if {condition} {field} is {values}; otherwise leave {{}}."),
    "series_title": N_("Indicator series (optional): yearly values for the series you have, numbers 0 or more, "
                       "years 1990 to 2100. Remove the # before 'indicators:' and before each series you fill in, "
                       "and replace its {{}} with the values, for example:"),
    "series": N_("{id}: {name} ({unit}; {direction}; {level}). Linked to {duties}."),
    "higher-is-better": N_("higher is better"),
    "lower-is-better": N_("lower is better"),
    "outcome": N_("outcome: practice"),
    "impact": N_("impact: the problem itself"),
}

SERIES_EXAMPLE = "investigations: {2022: 120, 2023: 150}"
EXAMPLE = """\
ACTIP-14.1:
  de_jure: substantial
  de_facto: initial
  evidence:
    - "Law on Prevention and Combat of Human Trafficking, art. 24"
  grade: B
  note: "Identification guideline adopted; not yet used by border posts."
"""


def _msg(key: str, **values: object) -> str:
    return _(MESSAGES[key]).format(**values)


def _comment(text: str, indent: str = "", width: int = WIDTH) -> list[str]:
    """Text as wrapped comment lines; wrapped lines are indented one step more."""
    lines = textwrap.wrap(clean(text), width=width - len(indent) - 2, subsequent_indent="  ",
                          break_long_words=False, break_on_hyphens=False) or [""]
    return [f"{indent}# {line}".rstrip() for line in lines]


def default_name(country: Country, period: int) -> str:
    """The file name `actip assess` and `actip init` use by default: actip-vnm-2025.yaml."""
    return f"actip-{country.iso3.lower()}-{period}.yaml"


def blank_answers(catalog: Catalog, country: Country, period: int, *, file_name: str = "", country_arg: str = "") -> str:
    """The text of a blank answers file for one country and period."""
    file_name = file_name or default_name(country, period)
    articles = [a for a in catalog.articles if a.obligations]
    out: list[str] = []
    out += _comment(_msg("title", country=f"{country.name} ({country.iso3})", period=period))
    out += _comment(_msg("catalog", version=catalog.version, duties=len(catalog.obligations), articles=len(articles)))
    out.append("#")
    out += _comment(_msg("how_title"))
    for key in ("how_1", "how_2"):
        out += _comment("- " + _msg(key))
    out += [f"#     {line}" for line in EXAMPLE.splitlines()]
    for key in ("how_3", "how_4", "how_5", "how_6"):
        out += _comment("- " + _msg(key))
    out += _comment("- " + _msg("how_7", file=shlex.quote(file_name), country=shlex.quote(country_arg or country.iso3.lower())))
    header = yamlio.dump({"actip_answers": FORMAT_VERSION, "country": country.iso3, "period": period})
    out += header.splitlines()
    out += _comment(_msg("assessor"))
    out.append('# assessor: {name: "", organisation: ""}')
    out += yamlio.dump({"catalog": {"version": catalog.version}}).splitlines()
    out.append("answers:")
    shown_chapter = ""
    for article in articles:
        out.append("")
        if article.chapter != shown_chapter:
            shown_chapter = article.chapter
            chapter = catalog.chapter(article.chapter)
            out.append("  # " + "=" * (WIDTH - 4))
            out += _comment(_msg("chapter", chapter=chapter.id, title=chapter.title), "  ")
            out.append("  # " + "=" * (WIDTH - 4))
        out += _comment(_msg("article", number=article.number, title=article.title), "  ")
        out += _comment(article.summary, "  ")
        for o in article.obligations:
            out.append("")
            out += _duty_comments(catalog, o)
            out.append(f"  {o.id}: {{}}")
    out.append("")
    linked: dict[str, list[str]] = {}
    for o in catalog.obligations.values():
        for sid in o.indicators:
            linked.setdefault(sid, []).append(o.id)
    # Commented out as a whole: an empty series is worth a warning in `actip validate`, and a
    # file nobody has touched yet should check clean.
    out += _comment(_msg("series_title"))
    out.append("#   " + SERIES_EXAMPLE)
    out.append("#")
    out.append("# indicators:")
    for sid, ind in catalog.indicators.items():
        out += _comment(_msg("series", id=sid, name=ind.name, unit=ind.unit,
                             direction=_msg(ind.direction) if ind.direction in MESSAGES else ind.direction,
                             level=_msg(ind.level) if ind.level in MESSAGES else ind.level,
                             duties=", ".join(linked.get(sid, [])) or "-"), "#   ")
        out.append(f"#   {sid}: {{}}")
    return "\n".join(out) + "\n"


def _duty_comments(catalog: Catalog, o: Obligation) -> list[str]:
    indent = "  "
    from actip_cli.render.report_text import citation  # in the language's legal style: khoản 1 Điều 14

    lines = _comment(_msg("duty", id=o.id, citation=citation(o.article, o.paragraph), title=o.title), indent)
    lines += _comment(_msg("how_binding", words=how_binding(catalog, o)), indent)
    lines += _comment(_msg("source", words=_(VERIFICATION_WORDS[o.verification]) if o.verification in VERIFICATION_WORDS else o.verification), indent)
    lines += _comment(o.summary, indent)
    for level in ("de_jure", "de_facto"):
        lines += _comment(_msg("question", field=level, level=_(LEVEL_SHORT[level]), question=o.question(level)), indent)
    if o.guidance and o.guidance.evidence:
        lines += _comment(_msg("evidence", text=o.guidance.evidence), indent)
    if o.relevant_if:
        cond = o.relevant_if
        lines += _comment(_msg("relevant_if", condition=cond.obligation, field=cond.level,
                               values=", ".join(cond.any_of)), indent)
    lines += _comment(_msg("values", ratings=" | ".join(ALL_RATINGS)), indent)
    return lines


__all__ = ["blank_answers", "default_name"]
