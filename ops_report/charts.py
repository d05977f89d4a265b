"""Charts as SVG drawn on the server: nothing to load, nothing to run in the browser.

Only presentation attributes (no ``style``), so the page's CSP (no inline styles or scripts)
allows them inline; every text is escaped. Hovering a bar shows its number (``<title>``).
"""

from __future__ import annotations

import math
from datetime import date
from typing import List, Optional, Sequence, Tuple
from xml.sax.saxutils import escape

from ops_report.figures import DOOR_LABELS, KIND_LABELS, KINDS, Report

KIND_COLORS = {
    "faq": "#4c78a8",
    "case": "#72b7b2",
    "personal": "#54a24b",
    "agent_lookup": "#b279a2",
    "clarification": "#eeca3b",
    "fallback": "#e45756",
    "handover": "#ff9da6",
    "verification": "#9d755d",
    "application": "#f58518",
    "application_filed": "#2f6b2f",
    "chitchat": "#bab0ac",
    "none": "#dddddd",
}
DOOR_COLORS = {
    "web": "#4c78a8",
    "kakao": "#f2c811",
    "agent": "#54a24b",
    "rest": "#9d755d",
    "other": "#bab0ac",
}
LINE_COLOR = "#b11226"
W, H = 960, 340
LEFT, RIGHT, TOP, BOTTOM = 56, 56, 30, 92
FONT = 'font-family="Apple SD Gothic Neo, Malgun Gothic, Noto Sans KR, sans-serif"'


def _attr(text: str) -> str:
    return escape(str(text), {'"': "&quot;"})


def nice_max(value: float) -> float:
    """The axis top: 1, 2, 2.5 or 5 times a power of ten, at or above ``value``."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power


def _fmt(v: float) -> str:
    return f"{int(v):,}" if float(v).is_integer() else f"{v:g}"


def stacked_bars(
    title: str,
    days: Sequence[date],
    series: Sequence[Tuple[str, str, str, Sequence[int]]],
    line: Optional[Tuple[str, Sequence[Optional[float]]]] = None,
) -> str:
    """Daily stacked bars; ``series`` are (key, label, colour, value per day); ``line`` is an
    optional (label, percent per day) drawn against a right-hand axis."""
    n = max(1, len(days))
    plot_w, plot_h = W - LEFT - RIGHT, H - TOP - BOTTOM
    totals = [sum(s[3][i] for s in series) for i in range(len(days))]
    top = nice_max(max(totals, default=0))
    slot = plot_w / n
    bar = max(1.0, slot * 0.72)
    out: List[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" role="img" aria-label="{_attr(title)}" '
        f'{FONT} font-size="12">',
        f'<title>{escape(title)}</title>',
        f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>',
        f'<text x="{LEFT}" y="18" font-size="14" font-weight="bold" fill="#1f2328">{escape(title)}</text>',
    ]
    for i in range(5):  # gridlines and the left axis (messages)
        v = top * i / 4
        y = TOP + plot_h - plot_h * i / 4
        out.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{W - RIGHT}" y2="{y:.1f}" stroke="#e5e7eb"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#57606a">{_fmt(v)}</text>')
    out.append(
        f'<text x="14" y="{TOP + plot_h / 2:.1f}" transform="rotate(-90 14 {TOP + plot_h / 2:.1f})" '
        f'text-anchor="middle" fill="#57606a">메시지</text>'
    )
    for i, day in enumerate(days):
        x = LEFT + slot * i + (slot - bar) / 2
        y = TOP + plot_h
        for key, label, color, values in series:
            v = values[i]
            if not v:
                continue
            h = plot_h * v / top
            y -= h
            out.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="{color}" '
                f'data-day="{day.isoformat()}" data-key="{_attr(key)}" data-value="{v}">'
                f'<title>{day.isoformat()} {escape(label)}: {v:,}건</title></rect>'
            )
    every = max(1, math.ceil(n / 15))  # at most ~15 date labels
    for i, day in enumerate(days):
        if i % every == 0 or i == n - 1 and n <= 15:
            x = LEFT + slot * (i + 0.5)
            out.append(
                f'<text x="{x:.1f}" y="{TOP + plot_h + 16}" text-anchor="middle" fill="#57606a">'
                f'{day.month}/{day.day}</text>'
            )
    if line is not None:
        label, values = line
        pts = [(LEFT + slot * (i + 0.5), v) for i, v in enumerate(values) if v is not None]
        line_top = nice_max(max((v for _, v in pts), default=0) or 1)
        for i in range(5):
            y = TOP + plot_h - plot_h * i / 4
            out.append(
                f'<text x="{W - RIGHT + 6}" y="{y + 4:.1f}" fill="{LINE_COLOR}">{_fmt(line_top * i / 4)}%</text>'
            )
        coords = [(x, TOP + plot_h - plot_h * v / line_top) for x, v in pts]
        if len(coords) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
            out.append(f'<polyline points="{path}" fill="none" stroke="{LINE_COLOR}" stroke-width="2"/>')
        for (x, y), (_, v), day in zip(
            coords, pts, [d for d, v in zip(days, values, strict=False) if v is not None], strict=False
        ):
            out.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{LINE_COLOR}" data-day="{day.isoformat()}" '
                f'data-value="{v}"><title>{day.isoformat()} {escape(label)}: {v}%</title></circle>'
            )
    # legend
    entries = [(label, color, "rect") for _, label, color, values in series if any(values)]
    if line is not None:
        entries.append((line[0], LINE_COLOR, "line"))
    x, y = LEFT, H - BOTTOM + 44
    for label, color, shape in entries:
        width = 22 + 12.5 * len(label)
        if x + width > W - RIGHT:
            x, y = LEFT, y + 18
        if shape == "rect":
            out.append(f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{color}"/>')
        else:
            out.append(
                f'<line x1="{x}" y1="{y - 4}" x2="{x + 12}" y2="{y - 4}" stroke="{color}" stroke-width="2"/>'
            )
        out.append(f'<text x="{x + 16}" y="{y}" fill="#1f2328">{escape(label)}</text>')
        x += width
    if not any(totals):
        out.append(
            f'<text x="{W / 2}" y="{TOP + plot_h / 2}" text-anchor="middle" fill="#57606a">'
            f'이 기간에는 메시지가 없어요</text>'
        )
    out.append("</svg>")
    return "".join(out)


def answers_chart(r: Report) -> str:
    days = r.days.days()
    present = [k for k in KINDS if r.kinds.get(k)] + sorted(k for k in r.kinds if k not in KINDS)
    series = [
        (
            k,
            KIND_LABELS.get(k, k),
            KIND_COLORS.get(k, "#888888"),
            [r.kinds_by_day.get(d, {}).get(k, 0) for d in days],
        )
        for k in present
    ]
    rates = [rate if total else None for _, total, rate in r.daily_fallback_rate()]
    return stacked_bars("일별 답변 유형 (막대) · fallback 비율 (선)", days, series, ("fallback 비율", rates))


def doors_chart(r: Report) -> str:
    days = r.days.days()
    series = [
        (
            d,
            DOOR_LABELS[d],
            DOOR_COLORS[d],
            [r.traffic[(day, d)].messages if (day, d) in r.traffic else 0 for day in days],
        )
        for d in r.doors_seen
    ]
    return stacked_bars("일별 창구별 고객 메시지", days, series)
