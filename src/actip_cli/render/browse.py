"""Terminal views of the catalog for `actip list` and `actip show` (trainers use them on a screen)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from actip_cli.model import Article, Catalog, Obligation

VERIFICATION_WORDS = {
    "verified-text": "verified against the treaty text",
    "secondary": "from a secondary source, not the treaty text",
    "unverified": "NOT verified: reconstructed, check against the official text",
}
VERIFICATION_SHORT = {"verified-text": "verified", "secondary": "secondary", "unverified": "unverified"}
_VERIFICATION_STYLE = {"verified-text": "green", "secondary": "yellow", "unverified": "red"}
_INSTRUMENT_NAMES = {
    "UN-TIP-Protocol": "UN Trafficking in Persons Protocol",
    "UNTOC": "UN Convention against Transnational Organized Crime",
    "CoE-THB-Convention": "Council of Europe Anti-Trafficking Convention",
}
_RELATION_WORDS = {
    "equal": "same duty as",
    "subset": "narrower than",
    "superset": "goes further than",
    "intersect": "overlaps with",
}


def modality_words(catalog: Catalog, obligation: Obligation) -> str:
    """How binding a duty is, in plain words: "binding: 'shall'", "softened: 'where appropriate'"."""
    if obligation.modality == "qualified" and obligation.qualifier:
        return f"softened: '{obligation.qualifier}'"
    modality = catalog.modalities.get(obligation.modality)
    return modality.label if modality else obligation.modality


def list_table(catalog: Catalog, articles: Sequence[Article]) -> Table:
    """All duties of the given articles, one row each; articles without a duty get a row too."""
    table = Table(title=f"{catalog.short_title} obligations (catalog {catalog.version})", title_justify="left",
                  show_lines=False, pad_edge=False, expand=False)
    table.add_column("ID", no_wrap=True)
    table.add_column("Ch.", no_wrap=True)
    table.add_column("Title", ratio=3)
    table.add_column("Modality", ratio=2)
    table.add_column("Source", no_wrap=True)
    for article in articles:
        if not article.obligations:
            table.add_row(f"Art. {article.number}", article.chapter,
                          Text(f"{article.title} (no national duty)", style="dim"), "", "")
            continue
        for o in article.obligations:
            table.add_row(o.id, o.chapter, escape(o.title), escape(modality_words(catalog, o)),
                          Text(VERIFICATION_SHORT[o.verification], style=_VERIFICATION_STYLE[o.verification]))
    total = sum(len(a.obligations) for a in articles)
    verified = sum(1 for a in articles for o in a.obligations if o.verification == "verified-text")
    table.caption = f"{len(articles)} articles, {total} obligations, {verified} verified against the treaty text"
    table.caption_justify = "left"
    return table


def print_article(console: Console, catalog: Catalog, article: Article) -> None:
    """An article: its place, what it asks, and each duty with its questions."""
    chapter = catalog.chapter(article.chapter)
    head = Text()
    head.append(f"Article {article.number}. {article.title}\n", style="bold")
    head.append(f"Chapter {chapter.id}: {chapter.title}\n")
    head.append(f"Source: {VERIFICATION_WORDS[article.verification]}\n", style=_VERIFICATION_STYLE[article.verification])
    head.append(f"\n{article.summary}")
    console.print(Panel(head, expand=True))
    if not article.obligations:
        console.print("This article places no duty on a country to assess.")
    for nd in article.no_duty:
        console.print(Text(f"Paragraph {nd.paragraph}: no duty to assess. {nd.reason}", style="dim"))
    for o in article.obligations:
        console.print()
        print_obligation(console, catalog, o, with_guidance=False)


def print_obligation(console: Console, catalog: Catalog, o: Obligation, *, with_guidance: bool = True) -> None:
    """One duty with everything an officer needs to answer it."""
    body = Text()
    body.append(f"{o.id}  {o.citation}  {o.title}\n", style="bold")
    body.append(f"How binding: {modality_words(catalog, o)}", style="cyan")
    weight = catalog.modalities[o.modality].weight if o.modality in catalog.modalities else 0
    body.append(f" (weight {weight:g})\n")
    body.append(f"Source: {VERIFICATION_WORDS[o.verification]}\n", style=_VERIFICATION_STYLE[o.verification])
    body.append(f"  {o.basis}\n", style="dim")
    body.append(f"\n{o.summary}\n")
    if o.de_jure_question:
        body.append("\nIn law (output): ", style="bold")
        body.append(o.de_jure_question + "\n")
    if o.de_facto_question:
        body.append("In practice (outcome): ", style="bold")
        body.append(o.de_facto_question + "\n")
    if with_guidance and o.guidance:
        body.append("\nWhat each rating looks like\n", style="bold")
        for i, rating in enumerate(("none", "initial", "partial", "substantial", "full")):
            body.append(f"  {i} {rating}: ", style="bold")
            body.append(o.guidance.for_rating(rating) + "\n")
        body.append("Evidence that counts: ", style="bold")
        body.append(o.guidance.evidence + "\n")
    if o.recommendation_text:
        body.append("\nIf this is a gap: ", style="bold")
        body.append(f"{o.recommendation_verb} - {o.recommendation_text}\n")
    for rid in o.recommendations:
        rec = catalog.recommendations.get(rid)
        if rec:
            body.append(f"Source-study recommendation {rec.label}: ", style="bold")
            body.append(rec.text + "\n")
    if o.indicators:
        names = [catalog.indicators[i].name if i in catalog.indicators else i for i in o.indicators]
        body.append("Measured by: ", style="bold")
        body.append("; ".join(names) + "\n")
    for m in o.mappings:
        body.append("Crosswalk: ", style="bold")
        body.append(f"{_RELATION_WORDS.get(m.relation, m.relation)} {_INSTRUMENT_NAMES.get(m.instrument, m.instrument)} Art. {m.article}"
                    + (f" ({m.note})" if m.note else "") + "\n")
    if o.relevant_if:
        cond = o.relevant_if
        body.append(f"Asked only when {cond.obligation} ({cond.level}) is {', '.join(cond.any_of)}", style="dim")
        body.append((f": {cond.reason}" if cond.reason else "") + "\n", style="dim")
    body.rstrip()
    console.print(Panel(body, expand=True))


def method_text(catalog: Catalog) -> Group:
    """How the gap report scores a country, with the weights this catalog uses."""
    weights = ", ".join(f"{m.name} {m.weight:g}" for m in catalog.modalities.values())
    lines = [
        Text("How actip scores a country", style="bold"),
        Text(
            "Each duty is rated at two of Underdal's three levels: output (is the law, plan or body in "
            "place? the de_jure answer) and outcome (is it applied in practice? the de_facto answer and the "
            "outcome indicator series). Impact (is trafficking itself shrinking?) comes only from impact "
            "series such as re-trafficking. Ratings none..full score 0..4; attainment is rating/4. "
            f"Modality weights: {weights}. Gap priority = weight x (1 - mean attainment). Paper compliance: "
            "output attainment exceeds outcome by 0.5 or more ('appropriate but not yet effective'). "
            "Unknown and not-applicable answers are counted in coverage, never scored as zero. Chapter "
            "scores are weighted means; the overall score is the mean of chapter scores. Bands: below 0.2 "
            "negligible, 0.2-0.4 low, 0.4-0.6 moderate, 0.6-0.8 substantial, 0.8 and above high (a "
            "convention of this tool). With a baseline, E = (r - NR) / (4 - NR) per level: gross "
            "effectiveness, before and after, not net of other causes. Full method: docs/method.md."
        ),
    ]
    return Group(*lines)
