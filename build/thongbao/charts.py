"""Charts drawn at build time: SVG with its data as an HTML table beside it.

Every chart is a :class:`Chart`: ``svg`` (``role="img"``, ``<title>`` and ``<desc>`` named by
``aria-labelledby``, no script, no external resource) and ``table`` (the same numbers with a
``<caption>`` and header cells, for screen readers and for anyone who prefers to read). Colours
come from ``currentColor`` and CSS custom properties (``--tb-chart-1`` … ``--tb-chart-6``,
``--tb-chart-grid``) so the theme decides them in light and dark mode; the shapes differ too
(dash patterns, markers), so series stay apart without colour. Same data, same bytes.

Kinds: :func:`bar_chart` (most-cited policies, most-tasked agencies), :func:`heat_grid`
(notices per province per month, topics over time) and :func:`line_chart` (an indicator over
time per province). Labels are untrusted text: everything is escaped.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from .figures import format_number

Number = int | float | Decimal
_FONT = 13
_CHAR = 7.2  # average glyph width at 13 px, for laying out labels
_SERIES = 6
_DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2", "10 4")
_MARKERS = ("circle", "square", "diamond", "triangle", "circle", "square")


@dataclass(frozen=True)
class Chart:
    title: str
    desc: str
    svg: str
    table: str

    @property
    def html(self) -> str:
        """The figure a page embeds: the SVG, then the table in a ``<details>``."""
        return (
            f'<figure class="tb-chart">\n{self.svg}\n<details class="tb-chart-data">'
            f"<summary>Số liệu của biểu đồ</summary>\n{self.table}\n</details>\n</figure>"
        )


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _num(value: Number) -> str:
    """Vietnamese digits: 1234.5 → ``1.234,5``."""
    dec = value if isinstance(value, Decimal) else Decimal(str(value))
    return format_number(dec)


def _ident(kind: str, title: str) -> str:
    """A stable id for aria-labelledby: two charts on one page need distinct ids."""
    return f"tb-{kind}-{hashlib.sha1(title.encode('utf-8')).hexdigest()[:8]}"


def _svg_open(kind: str, title: str, desc: str, width: float, height: float) -> list[str]:
    ident = _ident(kind, title)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="tb-chart-svg tb-chart-{kind}" '
        f'viewBox="0 0 {width:g} {height:g}" width="{width:g}" height="{height:g}" '
        f'style="max-width: 100%; height: auto" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" '
        f'font-family="inherit" font-size="{_FONT}" fill="currentColor">',
        f'<title id="{ident}-title">{_e(title)}</title>',
        f'<desc id="{ident}-desc">{_e(desc)}</desc>',
    ]


def _clip(label: str, chars: int) -> str:
    return label if len(label) <= chars else label[: chars - 1].rstrip() + "…"


def _table(caption: str, head: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """An HTML table: a caption, column headers, the first cell of each row a row header."""
    out = [f'<table class="tb-chart-table">\n<caption>{_e(caption)}</caption>', "<thead><tr>"]
    out += [f'<th scope="col">{_e(h)}</th>' for h in head]
    out.append("</tr></thead>\n<tbody>")
    for row in rows:
        cells = [f'<th scope="row">{_e(row[0])}</th>']
        cells += [f"<td>{_e(c)}</td>" for c in row[1:]]
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody>\n</table>")
    return "\n".join(out)


# -- bars -------------------------------------------------------------------------------------


def bar_chart(
    title: str,
    items: Sequence[tuple[str, Number]],
    *,
    desc: str | None = None,
    label_head: str = "Mục",
    value_head: str = "Số văn bản",
    unit: str = "",
) -> Chart:
    """Horizontal bars, in the order given (callers sort: most first)."""
    desc = desc or _bar_desc(title, items, unit)
    label_chars = min(36, max((len(lbl) for lbl, _ in items), default=4))
    left = label_chars * _CHAR + 12
    bar_room, row, top = 320.0, 26, 8
    width = left + bar_room + 70
    height = top * 2 + row * max(len(items), 1)
    most = max((float(v) for _, v in items), default=0.0) or 1.0
    parts = _svg_open("bar", title, desc, width, height)
    for i, (label, value) in enumerate(items):
        y = top + i * row
        length = bar_room * float(value) / most
        parts.append(
            f'<g class="tb-bar"><title>{_e(label)}: {_e(_num(value))}{_e(unit)}</title>'
            f'<text x="{left - 8:g}" y="{y + 17:g}" text-anchor="end">{_e(_clip(label, 36))}'
            f"</text>"
            f'<rect x="{left:g}" y="{y + 4:g}" width="{length:.1f}" height="{row - 8}" '
            f'style="fill: var(--tb-chart-1, currentColor)" fill-opacity="0.75"/>'
            f'<text x="{left + length + 6:.1f}" y="{y + 17:g}">{_e(_num(value))}{_e(unit)}</text>'
            f"</g>"
        )
    parts.append("</svg>")
    rows = [(label, f"{_num(value)}{unit}") for label, value in items]
    return Chart(title, desc, "\n".join(parts), _table(title, [label_head, value_head], rows))


def _bar_desc(title: str, items: Sequence[tuple[str, Number]], unit: str) -> str:
    if not items:
        return f"{title}: chưa có số liệu."
    head = "; ".join(f"{label}: {_num(value)}{unit}" for label, value in items[:3])
    return f"{title}. {len(items)} mục; nhiều nhất: {head}."


# -- heat grid --------------------------------------------------------------------------------


def heat_grid(
    title: str,
    rows: Sequence[str],
    columns: Sequence[str],
    values: Mapping[tuple[str, str], Number],
    *,
    desc: str | None = None,
    row_head: str = "Tỉnh",
    column_label: Callable[[str], str] = str,
) -> Chart:
    """Cells shaded by value (opacity of ``--tb-chart-1``), each with its number; empty cells
    drawn as an outline so "none" reads apart from "few"."""
    most = max((float(v) for v in values.values()), default=0.0) or 1.0
    desc = desc or (
        f"{title}: {len(rows)} hàng × {len(columns)} cột; "
        f"giá trị lớn nhất {_num(max(values.values(), default=0))}."
    )
    label_chars = min(28, max((len(r) for r in rows), default=4))
    left, top, cell = label_chars * _CHAR + 12, 64, 34
    width = left + cell * max(len(columns), 1) + 60  # room for the last slanted label
    height = top + cell * max(len(rows), 1) + 8
    parts = _svg_open("grid", title, desc, width, height)
    for j, col in enumerate(columns):
        x = left + j * cell + cell / 2
        parts.append(
            f'<text x="{x:g}" y="{top - 8}" text-anchor="start" '
            f'transform="rotate(-45 {x:g} {top - 8})">{_e(_clip(column_label(col), 12))}</text>'
        )
    for i, row in enumerate(rows):
        y = top + i * cell
        parts.append(
            f'<text x="{left - 8:g}" y="{y + cell / 2 + 4:g}" text-anchor="end">'
            f"{_e(_clip(row, 28))}</text>"
        )
        for j, col in enumerate(columns):
            value = values.get((row, col), 0)
            x = left + j * cell
            tip = f"{row}, {column_label(col)}: {_num(value)}"
            if value:
                # At most 0.55 so the number drawn in currentColor stays readable on it.
                opacity = 0.12 + 0.43 * float(value) / most
                parts.append(
                    f'<g><title>{_e(tip)}</title><rect x="{x + 1:g}" y="{y + 1:g}" '
                    f'width="{cell - 2}" height="{cell - 2}" '
                    f'style="fill: var(--tb-chart-1, currentColor)" '
                    f'fill-opacity="{opacity:.2f}"/>'
                    f'<text x="{x + cell / 2:g}" y="{y + cell / 2 + 4:g}" text-anchor="middle" '
                    f'style="fill: var(--tb-chart-on-1, currentColor)">{_e(_num(value))}</text>'
                    f"</g>"
                )
            else:
                parts.append(
                    f'<g><title>{_e(tip)}</title><rect x="{x + 1:g}" y="{y + 1:g}" '
                    f'width="{cell - 2}" height="{cell - 2}" fill="none" '
                    f'style="stroke: var(--tb-chart-grid, currentColor)" stroke-opacity="0.3"/>'
                    f"</g>"
                )
    parts.append("</svg>")
    table_rows = [
        [row, *(_num(values.get((row, col), 0)) for col in columns)] for row in rows
    ]
    table = _table(title, [row_head, *(column_label(c) for c in columns)], table_rows)
    return Chart(title, desc, "\n".join(parts), table)


# -- lines ------------------------------------------------------------------------------------


def line_chart(
    title: str,
    series: Mapping[str, Sequence[tuple[str, Number]]],
    *,
    desc: str | None = None,
    unit: str = "",
    series_head: str = "Tỉnh",
    x_label: Callable[[str], str] = str,
) -> Chart:
    """One line per series over the sorted union of x keys (``2021-09`` …); points keep their
    value as a ``<title>``. Series beyond six share styles, in name order."""
    names = sorted(series)
    xs = sorted({x for points in series.values() for x, _ in points})
    values = [float(v) for points in series.values() for _, v in points]
    ticks = _ticks(min([0.0, *values]), max([0.0, *values]) or 1.0)
    low, high = float(ticks[0]), float(ticks[-1])  # the axis ends on round numbers
    desc = desc or _line_desc(title, names, xs, unit, x_label)
    left, top, plot_w, plot_h = 56, 12, max(120, 70 * len(xs)), 200
    legend_y = top + plot_h + 44
    width = left + plot_w + 24
    height = legend_y + 22 * len(names) + 8
    parts = _svg_open("line", title, desc, width, height)

    def px(i: int) -> float:
        return left + (plot_w * (i + 0.5) / len(xs) if xs else 0)

    def py(v: float) -> float:
        return top + plot_h - plot_h * (v - low) / ((high - low) or 1.0)

    for tick in ticks:
        y = py(float(tick))
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" '
            f'style="stroke: var(--tb-chart-grid, currentColor)" stroke-opacity="0.25"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{_e(_num(tick))}</text>'
        )
    for i, x in enumerate(xs):
        parts.append(
            f'<text x="{px(i):.1f}" y="{top + plot_h + 18}" text-anchor="middle">'
            f"{_e(x_label(x))}</text>"
        )
    index = {x: i for i, x in enumerate(xs)}
    for k, name in enumerate(names):
        style = k % _SERIES
        points = sorted(series[name], key=lambda p: p[0])
        coords = [(px(index[x]), py(float(v)), x, v) for x, v in points]
        colour = f"var(--tb-chart-{style + 1}, currentColor)"
        dash = f' stroke-dasharray="{_DASHES[style]}"' if _DASHES[style] else ""
        parts.append(f'<g class="tb-series"><title>{_e(name)}</title>')
        if len(coords) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _, _ in coords)
            parts.append(
                f'<polyline points="{path}" fill="none" style="stroke: {colour}" '
                f'stroke-width="2"{dash}/>'
            )
        for x, y, key, v in coords:
            parts.append(
                f"<g><title>{_e(name)}, {_e(x_label(key))}: {_e(_num(v))}{_e(unit)}</title>"
                f"{_marker(_MARKERS[style], x, y, colour)}</g>"
            )
        parts.append("</g>")
        ly = legend_y + 22 * k
        parts.append(
            f'<line x1="{left}" x2="{left + 28}" y1="{ly:g}" y2="{ly:g}" style="stroke: {colour}" '
            f'stroke-width="2"{dash}/>{_marker(_MARKERS[style], left + 14, ly, colour)}'
            f'<text x="{left + 36}" y="{ly + 4:g}">{_e(name)}</text>'
        )
    parts.append("</svg>")
    by_name = {name: dict(series[name]) for name in names}
    rows = [
        [name, *(_cell(by_name[name].get(x), unit) for x in xs)] for name in names
    ]
    table = _table(title, [series_head, *(x_label(x) for x in xs)], rows)
    return Chart(title, desc, "\n".join(parts), table)


def _cell(value: Number | None, unit: str) -> str:
    return "—" if value is None else f"{_num(value)}{unit}"


def _line_desc(
    title: str, names: Sequence[str], xs: Sequence[str], unit: str, x_label: Callable[[str], str]
) -> str:
    if not xs:
        return f"{title}: chưa có số liệu."
    return (
        f"{title}: {len(names)} đường ({', '.join(names)}), từ {x_label(xs[0])} "
        f"đến {x_label(xs[-1])}{'; đơn vị ' + unit.strip() if unit.strip() else ''}."
    )


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    style = f'style="fill: {colour}"'
    if shape == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" {style}/>'
    if shape == "diamond":
        return (f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} '
                f'{x - 5:.1f},{y:.1f}" {style}/>')
    if shape == "triangle":
        return (f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y + 4:.1f} '
                f'{x - 5:.1f},{y + 4:.1f}" {style}/>')
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" {style}/>'


def _ticks(low: float, high: float) -> list[Decimal]:
    """Four or five round ticks spanning low..high."""
    span = (high - low) or 1.0
    raw = span / 4
    magnitude = Decimal(10) ** Decimal(len(str(int(raw))) - 1 if raw >= 1 else -1)
    step = next(
        (m * magnitude for m in (Decimal(1), Decimal(2), Decimal(5), Decimal(10))
         if m * magnitude >= Decimal(str(raw))),
        10 * magnitude,
    )
    start = (Decimal(str(low)) / step).to_integral_value(rounding="ROUND_FLOOR") * step
    ticks, tick = [], start
    while len(ticks) < 12:
        ticks.append(tick)
        if tick >= Decimal(str(high)):
            break
        tick += step
    return ticks
