"""The report as PDF (reportlab): the heading with the organisation and the period, per section the
automatic sentence, the tables (current, previous, +/-, %), the charts (reportlab's own, Cyrillic labels
in the bundled font), the user's narrative; wide tables on landscape pages; the signature block; page
numbers."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, Paragraph, Spacer

from .document import Chart, ReportOptions, build_document, heading_lines
from .model import Report
from .numbers import fmt_decimal, fmt_int
from .pdf_layout import (
    Styles,
    build,
    captioned,
    esc,
    frame_width,
    make_doc,
    orientation,
    paragraphs,
    signature,
    styles,
)

PALETTE = tuple(colors.HexColor(c) for c in (
    "#9DB7D5", "#2F5597", "#ED7D31", "#70AD47", "#FFC000", "#7F7F7F", "#5B9BD5", "#C00000", "#7030A0",
))
SERIES = (colors.HexColor("#9DB7D5"), colors.HexColor("#2F5597"))  # previous period pale, current dark


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


def bar_drawing(chart: Chart, st: Styles, width: float) -> Drawing:
    """Categories × series as bars: horizontal when the category names are long (classifier sections),
    vertical otherwise (quarters)."""
    cats = list(chart.categories)
    data = [list(v) for _, v in chart.series]
    top = max([max(v) if v else 0 for v in data] + [0])
    long_names = max((len(c) for c in cats), default=0) > 14
    nseries = len(data)
    if long_names:
        label_w = min(width * 0.45, max(stringWidth(c, st.font, 7) for c in cats) + 8)
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
    bc.categoryAxis.labels.fontName = st.font
    bc.categoryAxis.labels.fontSize = 7
    bc.valueAxis.valueMin = 0
    bc.valueAxis.valueMax = max(1, int(top * 1.15) + 1)
    bc.valueAxis.labels.fontName = st.font
    bc.valueAxis.labels.fontSize = 7
    bc.valueAxis.labelTextFormat = lambda v: fmt_int(int(v))
    bc.barLabelFormat = lambda v: fmt_int(int(v))
    bc.barLabels.fontName = st.font
    bc.barLabels.fontSize = 6.5
    bc.groupSpacing = 6
    bc.barSpacing = 1
    colours = SERIES if nseries == 2 else PALETTE[1:]
    for i in range(nseries):
        bc.bars[i].fillColor = colours[i % len(colours)]
        bc.bars[i].strokeColor = colors.white
        bc.bars[i].strokeWidth = 0.3
    d.add(bc)
    d.add(String(0, height - 10, chart.title, fontName=st.bold, fontSize=8.5))
    if nseries > 1:
        pairs = [(colours[i % len(colours)], name) for i, (name, _) in enumerate(chart.series)]
        d.add(_legend(st.font, pairs, width - 120, height - 2))
    return d


def pie_drawing(chart: Chart, st: Styles, width: float) -> Drawing:
    values = list(chart.series[0][1])
    total = sum(values) or 1
    height = 190
    d = Drawing(width, height)
    pie = Pie()
    pie.x, pie.y = 10, 15
    pie.width = pie.height = 150
    pie.data = values
    pie.labels = None
    pie.startAngle = 90
    pie.direction = "clockwise"
    pie.slices.strokeColor = colors.white
    pie.slices.strokeWidth = 0.8
    for i in range(len(values)):
        pie.slices[i].fillColor = PALETTE[(i + 1) % len(PALETTE)]
    d.add(pie)
    pairs = [
        (PALETTE[(i + 1) % len(PALETTE)], f"{name} — {fmt_int(v)} ({fmt_decimal(v / total * 100)} %)")
        for i, (name, v) in enumerate(zip(chart.categories, values, strict=True))
    ]
    d.add(_legend(st.font, pairs, 190, 150))
    d.add(String(0, height - 10, chart.title, fontName=st.bold, fontSize=8.5))
    return d


def chart_drawing(chart: Chart, st: Styles, width: float) -> Drawing:
    return pie_drawing(chart, st, width) if chart.kind == "pie" else bar_drawing(chart, st, width)


def report_story(report: Report, options: ReportOptions, st: Styles) -> list:
    title, sub, org = heading_lines(report, options)
    width = frame_width(False)
    wide_w = frame_width(True)
    story: list = [
        Paragraph(esc(title.upper()), st.title),
        Paragraph(esc(sub), st.subtitle),
        Paragraph(esc(org), st.org),
    ]
    for n, sec in enumerate(build_document(report, options), start=1):
        story.append(Paragraph(esc(f"{n}. {sec.title}"), st.heading))
        story += [Paragraph(esc(t), st.body) for t in sec.intro]
        for table in sec.tables:
            if not table.wide:
                story += captioned(table, st, width)
        for chart in sec.charts:
            story += [KeepTogether([chart_drawing(chart, st, width)]), Spacer(1, 6)]
        story += paragraphs(sec.narrative, st.body)
        wide = [t for t in sec.tables if t.wide]
        if wide:
            story += orientation(True)
            for table in wide:
                story += captioned(table, st, wide_w)
            story += orientation(False)
    story += signature(options.signatory_position, options.signatory_name, st, width)
    return story


def write_report_pdf(report: Report, path: str | os.PathLike, options: ReportOptions | None = None) -> Path:
    """Write the report to ``path`` (A4) and return the path."""
    options = options or ReportOptions()
    st = styles()
    title, sub, org = heading_lines(report, options)
    doc = make_doc(path, f"{title} {sub}")
    build(doc, report_story(report, options, st), st.font, footer_left=f"{org}. {title} {report.period.phrase()}")
    return Path(path)
