"""The charts of a paper (reportlab's graphics, Cyrillic labels in the bundled font): bars of categories ×
series — horizontal when the category names are long (classifier sections), vertical otherwise
(quarters) — and a pie with its legend of shares."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from .model import Chart

PALETTE = tuple(colors.HexColor(c) for c in (
    "#9DB7D5", "#2F5597", "#ED7D31", "#70AD47", "#FFC000", "#7F7F7F", "#5B9BD5", "#C00000", "#7030A0",
))
SERIES = (colors.HexColor("#9DB7D5"), colors.HexColor("#2F5597"))  # previous period pale, current dark
NBSP = "\u00a0"


def _int(value: float) -> str:
    """Grouped from five digits on, as the reports print numbers («1273», «12 345»)."""
    digits = str(abs(int(value)))
    if len(digits) > 4:
        parts = []
        while digits:
            parts.append(digits[-3:])
            digits = digits[:-3]
        digits = NBSP.join(reversed(parts))
    return ("\u2212" if value < 0 else "") + digits


def _share(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def _legend(font: str, pairs: Sequence[tuple], x: float, y: float, columns: int = 1) -> Legend:
    lg = Legend()
    lg.fontName, lg.fontSize = font, 7
    lg.x, lg.y = x, y
    lg.alignment = "right"
    lg.boxAnchor = "nw"
    lg.dx = lg.dy = 7
    lg.deltay = 10
    lg.columnMaximum = max(1, (len(pairs) + columns - 1) // columns)
    lg.colorNamePairs = list(pairs)
    return lg


def bar_drawing(chart: Chart, font: str, bold: str, width: float) -> Drawing:
    cats = list(chart.categories)
    data = [list(v) for _, v in chart.series]
    top = max([max(v) if v else 0 for v in data] + [0])
    long_names = max((len(c) for c in cats), default=0) > 14
    nseries = len(data)
    if long_names:
        label_w = min(width * 0.45, max(stringWidth(c, font, 7) for c in cats) + 8)
        height = 50 + len(cats) * (11 * nseries + 10)
        bc = HorizontalBarChart()
        bc.x, bc.y = label_w, 18
        bc.width, bc.height = width - label_w - 40, height - 50
        bc.categoryAxis.reverseDirection = 1
        bc.categoryAxis.labels.boxAnchor = "e"
        bc.categoryAxis.labels.dx = -4
        bc.barLabels.boxAnchor = "w"
        bc.barLabels.dx = 3
    else:
        height = 190
        bc = VerticalBarChart()
        bc.x, bc.y = 40, 30
        bc.width, bc.height = width - 60, height - 70
        bc.barLabels.boxAnchor = "s"
        bc.barLabels.dy = 2
        bc.categoryAxis.labels.boxAnchor = "n"
    d = Drawing(width, height)
    bc.data = data
    bc.categoryAxis.categoryNames = cats
    bc.categoryAxis.labels.fontName = font
    bc.categoryAxis.labels.fontSize = 7
    bc.valueAxis.valueMin = 0
    bc.valueAxis.valueMax = max(1, int(top * 1.15) + 1)
    bc.valueAxis.labels.fontName = font
    bc.valueAxis.labels.fontSize = 7
    bc.valueAxis.labelTextFormat = _int
    bc.barLabelFormat = _int
    bc.barLabels.fontName = font
    bc.barLabels.fontSize = 6.5
    bc.groupSpacing = 6
    bc.barSpacing = 1
    colours = SERIES if nseries == 2 else PALETTE[1:]
    for i in range(nseries):
        bc.bars[i].fillColor = colours[i % len(colours)]
        bc.bars[i].strokeColor = colors.white
        bc.bars[i].strokeWidth = 0.3
    d.add(bc)
    d.add(String(0, height - 10, chart.title, fontName=bold, fontSize=8.5))
    if nseries > 1:
        pairs = [(colours[i % len(colours)], name) for i, (name, _) in enumerate(chart.series)]
        d.add(_legend(font, pairs, width - 120, height - 2))
    return d


def pie_drawing(chart: Chart, font: str, bold: str, width: float) -> Drawing:
    values = list(chart.series[0][1]) if chart.series else []
    total = sum(values) or 1
    height = 190
    d = Drawing(width, height)
    pie = Pie()
    pie.x, pie.y = 10, 15
    pie.width = pie.height = 150
    pie.data = values or [1]
    pie.labels = None
    pie.startAngle = 90
    pie.direction = "clockwise"
    pie.slices.strokeColor = colors.white
    pie.slices.strokeWidth = 0.8
    for i in range(len(pie.data)):
        pie.slices[i].fillColor = PALETTE[(i + 1) % len(PALETTE)]
    d.add(pie)
    pairs = [
        (PALETTE[(i + 1) % len(PALETTE)], f"{name} — {_int(v)} ({_share(v / total * 100)} %)")
        for i, (name, v) in enumerate(zip(chart.categories, values, strict=True))
    ]
    d.add(_legend(font, pairs, 190, 150))
    d.add(String(0, height - 10, chart.title, fontName=bold, fontSize=8.5))
    return d


def chart_drawing(chart: Chart, font: str, bold: str, width: float) -> Drawing:
    return pie_drawing(chart, font, bold, width) if chart.kind == "pie" else bar_drawing(chart, font, bold, width)
