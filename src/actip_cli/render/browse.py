"""Terminal views of the catalog for `actip list` and `actip show` (trainers use them on a screen)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from actip_cli.i18n import N_, NP_, _, pgettext
from actip_cli.model import Article, Catalog, Obligation

# English here; shown through _() (see docs/translating.md), so other views may reuse them.
VERIFICATION_WORDS = {
    "verified-text": N_("verified against the treaty text"),
    "secondary": N_("from a secondary source, not the treaty text"),
    "unverified": N_("NOT verified: reconstructed, check against the official text"),
}
VERIFICATION_SHORT = {"verified-text": N_("verified"), "secondary": N_("secondary"), "unverified": N_("unverified")}
_VERIFICATION_STYLE = {"verified-text": "green", "secondary": "yellow", "unverified": "red"}
_INSTRUMENT_NAMES = {
    "UN-TIP-Protocol": N_("UN Trafficking in Persons Protocol"),
    "UNTOC": N_("UN Convention against Transnational Organized Crime"),
    "CoE-THB-Convention": N_("Council of Europe Anti-Trafficking Convention"),
}
_RELATION_WORDS = {
    "equal": N_("same duty as"),
    "subset": N_("narrower than"),
    "superset": N_("goes further than"),
    "intersect": N_("overlaps with"),
}


# Listed so that the message extractor sees them; shown with pgettext(context, keyword).
_RATING_MESSAGES = (NP_("rating", "none"), NP_("rating", "initial"), NP_("rating", "partial"), NP_("rating", "substantial"),
                    NP_("rating", "full"), NP_("rating", "unknown"), NP_("rating", "not-applicable"))
_VERB_MESSAGES = (NP_("verb", "urge"), NP_("verb", "consider"), NP_("verb", "invite"))


def citation(o: Obligation) -> str:
    """The treaty reference in the active language's legal style: Art. 14(1)(a) in English,
    điểm a khoản 1 Điều 14 in Vietnamese, Pasal 14 ayat (1) huruf a in Indonesian."""
    if not o.paragraph:
        return _("Art. {article}").format(article=o.article)
    paragraph, _dot, letter = o.paragraph.partition(".")
    if letter:
        return _("Art. {article}({paragraph})({letter})").format(article=o.article, paragraph=paragraph, letter=letter)
    return _("Art. {article}({paragraph})").format(article=o.article, paragraph=paragraph)


def verification_words(verification: str) -> str:
    """What a verification status means, in the active language."""
    return _(VERIFICATION_WORDS[verification])


def rating_words(rating: str) -> str:
    """A rating keyword as shown: 'none' in English, 'none (chưa có)' in Vietnamese. The keyword
    stays visible because it is what an answers file holds."""
    shown = pgettext("rating", rating)
    return rating if shown == rating else f"{rating} ({shown})"


def verb_words(verb: str) -> str:
    """A recommendation's urgency verb (urge, consider, invite) in the active language."""
    return pgettext("verb", verb)


def modality_words(catalog: Catalog, obligation: Obligation) -> str:
    """How binding a duty is, in plain words: "binding: 'shall'", "softened: 'where appropriate'"."""
    if obligation.modality == "qualified" and obligation.qualifier:
        return _("softened: '{qualifier}'").format(qualifier=obligation.qualifier)
    modality = catalog.modalities.get(obligation.modality)
    return modality.label if modality else obligation.modality


def _beside(text: str, other: str | None) -> str:
    """A text with its version in the second language of a bilingual view, when it differs."""
    return text if not other or other == text else f"{text}\n[dim]{escape(other)}[/dim]"


def list_table(catalog: Catalog, articles: Sequence[Article], *, also: Catalog | None = None) -> Table:
    """All duties of the given articles, one row each; articles without a duty get a row too."""
    table = Table(title=_("{short_title} obligations (catalog {version})").format(short_title=catalog.short_title, version=catalog.version),
                  title_justify="left", show_lines=False, pad_edge=False, expand=False)
    table.add_column(_("ID"), no_wrap=True)
    table.add_column(_("Ch."), no_wrap=True)
    table.add_column(_("Title"), ratio=3)
    table.add_column(_("Modality"), ratio=2)
    table.add_column(_("Source"), no_wrap=True)
    for article in articles:
        if not article.obligations:
            table.add_row(_("Art. {article}").format(article=article.number), article.chapter,
                          Text(_("{title} (no national duty)").format(title=article.title), style="dim"), "", "")
            continue
        for o in article.obligations:
            other = also.obligations.get(o.id) if also else None
            table.add_row(o.id, o.chapter, _beside(escape(o.title), other.title if other else None), escape(modality_words(catalog, o)),
                          Text(_(VERIFICATION_SHORT[o.verification]), style=_VERIFICATION_STYLE[o.verification]))
    total = sum(len(a.obligations) for a in articles)
    verified = sum(1 for a in articles for o in a.obligations if o.verification == "verified-text")
    table.caption = _("{articles} articles, {obligations} obligations, {verified} verified against the treaty text").format(
        articles=len(articles), obligations=total, verified=verified)
    table.caption_justify = "left"
    return table


def print_article(console: Console, catalog: Catalog, article: Article, *, also: Catalog | None = None) -> None:
    """An article: its place, what it asks, and each duty with its questions."""
    chapter = catalog.chapter(article.chapter)
    head = Text()
    head.append(_("Article {number}. {title}").format(number=article.number, title=article.title) + "\n", style="bold")
    head.append(_("Chapter {id}: {title}").format(id=chapter.id, title=chapter.title) + "\n")
    head.append(_("Source: {words}").format(words=verification_words(article.verification)) + "\n",
                style=_VERIFICATION_STYLE[article.verification])
    head.append(f"\n{article.summary}")
    other_article = also.article(article.number) if also else None
    if other_article and other_article.summary != article.summary:
        head.append(f"\n\n{other_article.title}\n{other_article.summary}", style="dim")
    console.print(Panel(head, expand=True))
    if not article.obligations:
        console.print(_("This article places no duty on a country to assess."))
    for nd in article.no_duty:
        console.print(Text(_("Paragraph {paragraph}: no duty to assess. {reason}").format(paragraph=nd.paragraph, reason=nd.reason),
                           style="dim"))
    for o in article.obligations:
        console.print()
        print_obligation(console, catalog, o, with_guidance=False, also=also)


def print_obligation(console: Console, catalog: Catalog, o: Obligation, *, with_guidance: bool = True,
                     also: Catalog | None = None) -> None:
    """One duty with everything an officer needs to answer it; with `also` (a bilingual view),
    the title, summary and questions in the second language beneath, dimmed."""
    other = also.obligations.get(o.id) if also else None

    def beside(text: str, second: str) -> None:
        if other is not None and second and second != text:
            body.append(second + "\n", style="dim")

    body = Text()
    body.append(f"{o.id}  {citation(o)}  {o.title}\n", style="bold")
    body.append(_("How binding: {words}").format(words=modality_words(catalog, o)), style="cyan")
    weight = catalog.modalities[o.modality].weight if o.modality in catalog.modalities else 0
    body.append(_(" (weight {weight})").format(weight=f"{weight:g}") + "\n")
    body.append(_("Source: {words}").format(words=verification_words(o.verification)) + "\n", style=_VERIFICATION_STYLE[o.verification])
    body.append(f"  {o.basis}\n", style="dim")
    beside(o.title, other.title if other else "")
    body.append(f"\n{o.summary}\n")
    beside(o.summary, other.summary if other else "")
    if o.de_jure_question:
        body.append("\n" + _("In law (output): "), style="bold")
        body.append(o.de_jure_question + "\n")
        beside(o.de_jure_question, other.de_jure_question if other else "")
    if o.de_facto_question:
        body.append(_("In practice (outcome): "), style="bold")
        body.append(o.de_facto_question + "\n")
        beside(o.de_facto_question, other.de_facto_question if other else "")
    if with_guidance and o.guidance:
        body.append("\n" + _("What each rating looks like") + "\n", style="bold")
        for i, rating in enumerate(("none", "initial", "partial", "substantial", "full")):
            body.append(f"  {i} {rating_words(rating)}: ", style="bold")
            body.append(o.guidance.for_rating(rating) + "\n")
        body.append(_("Evidence that counts: "), style="bold")
        body.append(o.guidance.evidence + "\n")
    if o.recommendation_text:
        body.append("\n" + _("If this is a gap: "), style="bold")
        body.append(f"{verb_words(o.recommendation_verb)} - {o.recommendation_text}\n")
    for rid in o.recommendations:
        rec = catalog.recommendations.get(rid)
        if rec:
            body.append(_("Source-study recommendation {label}: ").format(label=rec.label), style="bold")
            body.append(rec.text + "\n")
    if o.indicators:
        names = [catalog.indicators[i].name if i in catalog.indicators else i for i in o.indicators]
        body.append(_("Measured by: "), style="bold")
        body.append("; ".join(names) + "\n")
    for m in o.mappings:
        body.append(_("Crosswalk: "), style="bold")
        relation = _(_RELATION_WORDS[m.relation]) if m.relation in _RELATION_WORDS else m.relation
        instrument = _(_INSTRUMENT_NAMES[m.instrument]) if m.instrument in _INSTRUMENT_NAMES else m.instrument
        body.append(_("{relation} {instrument} Art. {article}").format(relation=relation, instrument=instrument, article=m.article)
                    + (f" ({m.note})" if m.note else "") + "\n")
    if o.relevant_if:
        cond = o.relevant_if
        body.append(_("Asked only when {obligation} ({level}) is {ratings}").format(
            obligation=cond.obligation, level=cond.level, ratings=", ".join(cond.any_of)), style="dim")
        body.append((f": {cond.reason}" if cond.reason else "") + "\n", style="dim")
    body.rstrip()
    console.print(Panel(body, expand=True))


def method_text(catalog: Catalog) -> Group:
    """How the gap report scores a country, with the weights this catalog uses."""
    weights = ", ".join(f"{m.name} {m.weight:g}" for m in catalog.modalities.values())
    lines = [
        Text(_("How actip scores a country"), style="bold"),
        Text(_(
            "Each duty is rated at two of Underdal's three levels: output (is the law, plan or body in "
            "place? the de_jure answer) and outcome (is it applied in practice? the de_facto answer and the "
            "outcome indicator series). Impact (is trafficking itself shrinking?) comes only from impact "
            "series such as re-trafficking. Ratings none..full score 0..4; attainment is rating/4. "
            "Modality weights: {weights}. Gap priority = weight x (1 - mean attainment). Paper compliance: "
            "output attainment exceeds outcome by 0.5 or more ('appropriate but not yet effective'). "
            "Unknown and not-applicable answers are counted in coverage, never scored as zero. Chapter "
            "scores are weighted means; the overall score is the mean of chapter scores. Bands: below 0.2 "
            "negligible, 0.2-0.4 low, 0.4-0.6 moderate, 0.6-0.8 substantial, 0.8 and above high (a "
            "convention of this tool). With a baseline, E = (r - NR) / (4 - NR) per level: gross "
            "effectiveness, before and after, not net of other causes. Full method: docs/method.md."
        ).format(weights=weights)),
    ]
    return Group(*lines)
