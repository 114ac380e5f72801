"""The explanation report: one self-contained HTML file (inline CSS, no script, no network).

Each quote shows its words shaded by their push toward the predicted class (green
toward, red away; intensity relative to the quote's strongest word), the class
probabilities as bars, the gold label where the input has one, and its strongest
terms. A summary lists, per class, the terms that pushed the quotes predicted as
that class, and for TF-IDF the n-grams with the largest weights in the model.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from stance.explain.words import Explanation, Term

TOWARD = (26, 133, 60)  # green
AWAY = (200, 40, 40)  # red
MAX_ALPHA = 0.85
TERMS_PER_QUOTE = 6

CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px auto;
       max-width: 1100px; color: #222; line-height: 1.45; padding: 0 16px; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; }
.meta { color: #555; font-size: 0.9em; }
.meta code { word-break: break-all; }
.legend span { padding: 1px 6px; border-radius: 3px; margin-right: 6px; }
table.summary { border-collapse: collapse; margin: 8px 0 20px; font-size: 0.9em; width: 100%; }
table.summary th, table.summary td { border: 1px solid #ddd; padding: 4px 8px;
       vertical-align: top; text-align: left; }
.quote { border: 1px solid #ddd; border-radius: 6px; padding: 10px 14px; margin: 14px 0; }
.quote.wrong { border-left: 6px solid #c82828; }
.quote.right { border-left: 6px solid #1a853c; }
.head { font-size: 0.85em; color: #555; margin-bottom: 6px; }
.head b { color: #222; }
.text { font-size: 1.05em; margin: 6px 0; }
.text span { border-radius: 3px; padding: 0 1px; }
.bars { display: grid; grid-template-columns: max-content 220px max-content; gap: 2px 8px;
        font-size: 0.85em; align-items: center; margin: 6px 0; }
.bar { background: #eee; height: 10px; border-radius: 3px; }
.bar div { background: #4a6fa5; height: 10px; border-radius: 3px; }
.bar div.pred { background: #1a853c; }
.terms { font-size: 0.85em; color: #333; }
.term { font-family: ui-monospace, Menlo, Consolas, monospace; background: #f3f3f3;
        border-radius: 3px; padding: 0 4px; white-space: pre; }
.pos { color: #1a853c; } .neg { color: #c82828; }
.note { color: #8a5a00; font-size: 0.85em; }
"""


@dataclass
class QuoteView:
    """One explained row: where it is in the input, what the model said, what is gold."""

    row: int  # 1-based data row of the input, header excluded
    explanation: Explanation
    probabilities: dict[str, float]
    gold: str | None = None
    row_id: str = ""
    target: str = ""


def _shade(push: float, scale: float) -> str:
    if scale <= 0 or push == 0:
        return ""
    red, green, blue = TOWARD if push > 0 else AWAY
    alpha = MAX_ALPHA * min(abs(push) / scale, 1.0)
    return f"background: rgba({red}, {green}, {blue}, {alpha:.3f})"


def highlighted(explanation: Explanation) -> str:
    """The quote's text, each word in a span shaded by its push (exact text between words)."""
    text = explanation.text
    scale = max((abs(p) for p in explanation.word_push), default=0.0)
    pieces, last = [], 0
    for (start, end), push in zip(explanation.words, explanation.word_push, strict=True):
        pieces.append(html.escape(text[last:start]))
        style = _shade(push, scale)
        title = f"{push:+.4f}"
        pieces.append(
            f'<span style="{style}" title="{title}">{html.escape(text[start:end])}</span>'
        )
        last = end
    pieces.append(html.escape(text[last:]))
    return "".join(pieces)


def term_html(term: Term, signed: bool = True) -> str:
    shown = term.text.replace(" ", "␣") if term.kind == "char" else term.text
    kind = "" if term.kind == "word" else f"{term.kind} "
    value = f" <span class={'pos' if term.push > 0 else 'neg'}>{term.push:+.3f}</span>"
    return f'<span class="term">{html.escape(kind + shown)}</span>{value if signed else ""}'


def _bars(probabilities: dict[str, float], predicted: str) -> str:
    rows = []
    for label, p in probabilities.items():
        width = max(0.0, min(p, 1.0)) * 100
        css = "pred" if label == predicted else ""
        rows.append(
            f"<span>{html.escape(label)}</span>"
            f'<div class="bar"><div class="{css}" style="width: {width:.1f}%"></div></div>'
            f"<span>{p:.3f}</span>"
        )
    return f'<div class="bars">{"".join(rows)}</div>'


def quote_html(view: QuoteView) -> str:
    ex = view.explanation
    verdict, css = "", ""
    if view.gold is not None:
        right = view.gold == ex.label
        css = "right" if right else "wrong"
        verdict = f" · gold <b>{html.escape(view.gold)}</b> {'✓' if right else '✗'}"
    where = f"row {view.row}" + (
        f" · id <code>{html.escape(view.row_id)}</code>" if view.row_id else ""
    )
    target = f" · target {html.escape(view.target)}" if view.target else ""
    toward = [t for t in ex.terms if t.push > 0][:TERMS_PER_QUOTE]
    away = [t for t in ex.terms if t.push < 0][: TERMS_PER_QUOTE // 2]
    note = (
        '<div class="note">the quote is longer than the model reads: its last words are '
        "not shaded</div>"
        if ex.truncated
        else ""
    )
    note += "".join(f'<div class="note">{html.escape(n)}</div>' for n in ex.notes)
    return (
        f'<div class="quote {css}">'
        f'<div class="head">{where}{target} · predicted <b>{html.escape(ex.label)}</b>'
        f"{verdict}</div>"
        f'<div class="text">{highlighted(ex)}</div>{note}'
        f"{_bars(view.probabilities, ex.label)}"
        f'<div class="terms">toward {html.escape(ex.label)}: '
        f"{', '.join(map(term_html, toward)) or '—'}<br>"
        f"away: {', '.join(map(term_html, away)) or '—'}</div>"
        "</div>"
    )


def summary_html(title: str, by_class: dict[str, list[Term]], labels: Sequence[str]) -> str:
    rows = "".join(
        f"<tr><th>{html.escape(label)}</th>"
        f"<td>{', '.join(term_html(t) for t in by_class.get(label, [])) or '—'}</td></tr>"
        for label in labels
    )
    return f"<h2>{html.escape(title)}</h2><table class=summary>{rows}</table>"


def render_report(
    views: Sequence[QuoteView],
    labels: Sequence[str],
    header: dict[str, str],
    method: str,
    summaries: Sequence[tuple[str, dict[str, list[Term]]]],
) -> str:
    """The whole report as one HTML document."""
    meta = "".join(
        f"<div><b>{html.escape(k)}</b>: <code>{html.escape(v)}</code></div>"
        for k, v in header.items()
    )
    legend = (
        '<div class="legend meta">'
        f'<span style="{_shade(1, 1)}">toward the predicted class</span>'
        f'<span style="{_shade(-1, 1)}">away from it</span>'
        "shade relative to the quote's strongest word; hover a word for its push</div>"
    )
    body = "".join(summary_html(title, by_class, labels) for title, by_class in summaries)
    quotes = "".join(quote_html(view) for view in views)
    return (
        "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>"
        "<meta name=viewport content='width=device-width, initial-scale=1'>"
        f"<title>stance explain</title><style>{CSS}</style></head><body>"
        f"<h1>Why the model said what it said</h1><div class=meta>{meta}"
        f"<div>{html.escape(method)}</div></div>{legend}{body}"
        f"<h2>Quotes ({len(views)})</h2>{quotes}</body></html>\n"
    )
