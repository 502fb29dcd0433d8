"""The review's charts as SVG written by hand: no plotting library, nothing fetched.  The
same text is inlined in the HTML report and written as image files beside the dataset
card.  Colours are the Okabe–Ito palette the review screen uses, and every mark carries
its number as text too, so that no chart depends on telling colours apart.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from html import escape

from builder.review.scores import Bin
from builder.review.tally import ORDER, RuleTally

STATUS_COLOURS = {"accepted": "#009E73", "corrected": "#E69F00", "added": "#56B4E9", "rejected": "#D55E00"}
CURVE_COLOURS = ("#0072B2", "#CC79A7", "#000000")
_FONT = 'font-family="DejaVu Sans, Arial, Helvetica, sans-serif" font-size="12"'
_GREY = "#bbbbbb"
_BOLD = ' font-weight="bold"'


def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" role="img" aria-label="{escape(title)}" {_FONT}>'
            f'<title>{escape(title)}</title><rect width="{width}" height="{height}" fill="#ffffff"/>'
            + "".join(body) + "</svg>")


def _text(x: float, y: float, text: str, anchor: str = "start", extra: str = "") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{extra}>{escape(text)}</text>'


def _scale_ticks(left: float, width: float, top: float, bottom: float) -> list[str]:
    """Vertical grid lines and labels at 0, 0.25 … 1 of a horizontal [0, 1] scale."""
    out = []
    for k in range(5):
        x = left + width * k / 4
        out.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{bottom}" stroke="#e5e5e5"/>')
        out.append(_text(x, bottom + 14, f"{k / 4:g}", "middle"))
    return out


def precision_chart(tallies: Sequence[RuleTally]) -> str:
    """Each rule's precision (accepted as proposed / judged) as a bar, with its 95% Wilson
    interval as a whisker and the counts beside it."""
    rows = [t for t in tallies if t.judged]
    left, width, row_h, top = 150, 300, 26, 28
    height = top + row_h * max(len(rows), 1) + 36
    body = [_text(0, 16, "precision per rule: accepted as proposed / judged, 95% interval", extra=_BOLD)]
    body += _scale_ticks(left, width, top - 6, height - 30)
    for k, t in enumerate(rows):
        y = top + k * row_h
        low, high = t.interval
        precision = t.precision or 0.0
        body += [_text(left - 8, y + 15, t.rule, "end"),
                 f'<rect x="{left}" y="{y + 4}" width="{width * precision:.1f}" height="{row_h - 10}" fill="#0072B2"/>',
                 f'<line x1="{left + width * low:.1f}" y1="{y + row_h / 2:.1f}" x2="{left + width * high:.1f}" '
                 f'y2="{y + row_h / 2:.1f}" stroke="#000" stroke-width="1.5"/>']
        for end in (low, high):
            body.append(f'<line x1="{left + width * end:.1f}" y1="{y + 6}" x2="{left + width * end:.1f}" '
                        f'y2="{y + row_h - 6}" stroke="#000" stroke-width="1.5"/>')
        body.append(_text(left + width + 10, y + 15, f"{precision:.2f}  ({t.statuses['accepted']}/{t.judged})"))
    if not rows:
        body.append(_text(left, top + 15, "no judged candidate"))
    return _svg(left + width + 110, height, "precision per rule", body)


def _curve(points: Sequence[Bin], colour: str, x0: float, y0: float, size: float) -> list[str]:
    coords = [(x0 + size * b.confidence, y0 + size * (1 - b.accepted)) for b in points]
    out = []
    if len(coords) > 1:
        out.append(f'<polyline points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in coords)}" fill="none" '
                   f'stroke="{colour}" stroke-width="2"/>')
    for (x, y), b in zip(coords, points, strict=True):
        r = 3 + 2 * math.sqrt(b.count)
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{min(r, 14):.1f}" fill="{colour}" fill-opacity="0.35" '
                   f'stroke="{colour}"><title>{b.count} candidates: confidence {b.confidence:.2f}, accepted '
                   f'{b.accepted:.2f}</title></circle>')
    return out


def reliability_chart(curves: dict[str, Sequence[Bin]], note: str = "") -> str:
    """Mean confidence against the share accepted as proposed, per bin of confidence, one
    curve a set of confidences; a point's area grows with its candidates; the diagonal is
    perfect calibration."""
    x0, y0, size = 56, 34, 300
    body = [_text(0, 16, "calibration: confidence against accepted as proposed", extra=_BOLD),
            f'<rect x="{x0}" y="{y0}" width="{size}" height="{size}" fill="none" stroke="{_GREY}"/>',
            f'<line x1="{x0}" y1="{y0 + size}" x2="{x0 + size}" y2="{y0}" stroke="{_GREY}" stroke-dasharray="4 4"/>']
    for k in range(5):
        v = k / 4
        body += [_text(x0 + size * v, y0 + size + 16, f"{v:g}", "middle"), _text(x0 - 6, y0 + size * (1 - v) + 4,
                                                                                   f"{v:g}", "end")]
    body += [_text(x0 + size / 2, y0 + size + 34, "confidence", "middle"),
             _text(14, y0 + size / 2, "accepted as proposed", "middle",
                   f' transform="rotate(-90 14 {y0 + size / 2})"')]
    for k, (label, points) in enumerate(curves.items()):
        colour = CURVE_COLOURS[k % len(CURVE_COLOURS)]
        body += _curve(points, colour, x0, y0, size)
        ly = y0 + 10 + 20 * k
        body += [f'<rect x="{x0 + size + 16}" y="{ly - 9}" width="12" height="12" fill="{colour}"/>',
                 _text(x0 + size + 34, ly + 1, label)]
    if note:
        body.append(_text(x0 + size + 16, y0 + 20 * len(curves) + 20, note))
    return _svg(x0 + size + 230, y0 + size + 46, "calibration curve", body)


def status_chart(types: dict[str, Counter]) -> str:
    """Accepted, corrected, added and rejected attributions of each type, as stacked bars
    (counts written in the segments wide enough to hold them, and after each bar)."""
    left, width, row_h, top = 80, 400, 30, 50
    rows = [(t, c) for t, c in types.items() if sum(c.values())]
    most = max((sum(c.values()) for _, c in rows), default=1)
    body = [_text(0, 16, "what the review made of each type", extra=_BOLD)]
    for k, status in enumerate(ORDER):
        x = left + k * 100
        body += [f'<rect x="{x}" y="26" width="12" height="12" fill="{STATUS_COLOURS[status]}"/>',
                 _text(x + 16, 36, status)]
    for k, (type_, counts) in enumerate(rows):
        y, x = top + k * row_h, float(left)
        body.append(_text(left - 8, y + 18, type_, "end"))
        for status in ORDER:
            w = width * counts[status] / most
            if counts[status]:
                body.append(f'<rect x="{x:.1f}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" '
                            f'fill="{STATUS_COLOURS[status]}"><title>{type_} {status}: {counts[status]}</title></rect>')
                if w >= 22:
                    body.append(_text(x + w / 2, y + 19, str(counts[status]), "middle"))
            x += w
        body.append(_text(x + 6, y + 19, " / ".join(str(counts[s]) for s in ORDER)))
    return _svg(left + width + 120, top + row_h * max(len(rows), 1) + 10, "statuses by type", body)
