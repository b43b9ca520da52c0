"""Charts from a small CSV table: parsing with row-by-row messages, and accessible SVG."""

import csv
import io
import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from .errors import MediaRefused

MAX_ROWS = 50
# Larger numbers overflow the axis arithmetic (1e308 + 1e308 is infinite) and no reader takes in
# a 16-digit bar: such data wants a unit ("£ billion").
MAX_VALUE = 1e15
# The Analysis Function's categorical palette for GOV.UK charts: distinguishable with colour
# blindness, each at least 3:1 against white.
COLOURS = ["#12436d", "#28a197", "#801650", "#f46a25", "#3d3d3d", "#a285d1"]
MAX_SERIES = len(COLOURS)
TEXT, GRID = "#0b0c0c", "#b1b4b6"
WIDTH, PLOT_HEIGHT, FONT = 440, 220, 16
CHAR = 0.58 * FONT  # an estimate of one character's width, to leave room for labels


class ChartDataError(MediaRefused):
    """The chart's CSV table cannot be drawn; the message names the row and the problem."""

    def __init__(self, message, *, row=None):
        self.row = row
        super().__init__(f"Row {row}: {message}" if row else message, field="chart_data")


@dataclass(frozen=True)
class Table:
    """A chart's data: a heading for the labels, series names, and one row per label."""

    label_heading: str
    series: tuple
    rows: tuple  # (label, (value, ...)) pairs

    def column(self, index):
        """Return the values of one series, in row order."""
        return [values[index] for _, values in self.rows]


def parse(text):
    """Return the Table a CSV text holds, or raise ChartDataError naming the row at fault."""
    reader = csv.reader(io.StringIO((text or "").lstrip("\ufeff")))
    records = []
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                records.append((reader.line_num, [cell.strip() for cell in record]))
    except csv.Error as error:
        raise ChartDataError(f"the CSV cannot be read ({error}).", row=reader.line_num) from error
    if not records:
        raise ChartDataError(
            "Enter the chart's data: a header row naming the columns, then one row per label."
        )
    header_row, header = records[0]
    _check_header(header_row, header)
    if len(records) == 1:
        raise ChartDataError(
            "this is the header; add at least one row of data beneath it.", row=header_row
        )
    if len(records) - 1 > MAX_ROWS:
        raise ChartDataError(
            f"The table has {len(records) - 1} rows of data; a readable chart shows at most "
            f"{MAX_ROWS}. Split it into several charts or publish it as a table."
        )
    rows = tuple(_parse_row(n, cells, header) for n, cells in records[1:])
    return Table(label_heading=header[0] or "Label", series=tuple(header[1:]), rows=rows)


def _check_header(n, header):
    if len(header) < 2:
        raise ChartDataError(
            "the header needs a label column and at least one series column, separated by "
            "commas, for example “Phase,Services”.",
            row=n,
        )
    if len(header) - 1 > MAX_SERIES:
        raise ChartDataError(
            f"the header has {len(header) - 1} series; a chart can show at most {MAX_SERIES} in "
            "colours readers can tell apart.",
            row=n,
        )
    for position, name in enumerate(header[1:], start=2):
        if not name:
            raise ChartDataError(f"column {position} of the header needs a series name.", row=n)


def _parse_row(n, cells, header):
    if len(cells) != len(header):
        raise ChartDataError(
            f"it has {len(cells)} values but the header has {len(header)} columns.", row=n
        )
    if not cells[0]:
        raise ChartDataError("the first column needs a label.", row=n)
    return cells[0], tuple(
        _number(n, name, cell) for name, cell in zip(header[1:], cells[1:], strict=True)
    )


def _number(n, column, cell):
    cleaned = cell.replace(",", "").replace("\u00a0", "").replace(" ", "").removesuffix("%")
    try:
        value = float(cleaned)
    except ValueError:
        value = math.nan
    if not cell or not math.isfinite(value):
        shown = f"“{cell}” is not a number" if cell else "the value is missing"
        raise ChartDataError(f"in column “{column}”, {shown}.", row=n) from None
    if value < 0:
        raise ChartDataError(
            f"in column “{column}”, {cell} is negative; charts here start from zero.", row=n
        )
    if value > MAX_VALUE:
        raise ChartDataError(
            f"in column “{column}”, {cell} is too large to chart (the largest is "
            f"{MAX_VALUE:,.0f}); give the numbers in a larger unit, such as millions.",
            row=n,
        )
    return value


def format_number(value):
    """Return a number as readers expect it: 1,234 or 2.5."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def nice_ticks(maximum, count=5):
    """Return evenly spaced round tick values from 0 to at least maximum."""
    if maximum <= 0:
        return [0, 1]
    raw = maximum / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return [i * step for i in range(math.ceil(maximum / step - 1e-9) + 1)]


def _text_width(text):
    return len(text) * CHAR


def render_svg(table, *, chart_type, title, value_label, id_prefix):
    """Return an accessible SVG drawing of the table, as a string of markup."""
    if chart_type == "horizontal-bar":
        drawing = _HorizontalBars(table, value_label)
    else:
        drawing = _VerticalChart(table, value_label, chart_type)
    kind = {
        "bar": "Bar chart",
        "horizontal-bar": "Horizontal bar chart",
        "stacked-bar": "Stacked bar chart",
        "line": "Line chart",
    }.get(chart_type, "Chart")
    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": f"0 0 {WIDTH} {drawing.height:.0f}",
            "role": "img",
            "aria-labelledby": f"{id_prefix}-title {id_prefix}-desc",
            "class": "govreport-chart__svg",
            "focusable": "false",
            "font-size": str(FONT),
        },
    )
    ET.SubElement(svg, "title", id=f"{id_prefix}-title").text = title
    ET.SubElement(svg, "desc", id=f"{id_prefix}-desc").text = (
        f"{kind} of {', '.join(table.series)} by {table.label_heading.lower()}. "
        "The data is in the table that follows the chart."
    )
    drawing.draw(svg)
    return ET.tostring(svg, encoding="unicode")


class _Drawing:
    """Shared layout: a legend for several series, value ticks, axis titles."""

    def __init__(self, table, value_label):
        self.table = table
        self.value_label = value_label or (table.series[0] if len(table.series) == 1 else "Value")
        self.legend_height = 22 * len(table.series) + 8 if len(table.series) > 1 else 0

    def maximum(self):
        return max(max(values) for _, values in self.table.rows)

    def legend(self, svg):
        if not self.legend_height:
            return
        group = ET.SubElement(svg, "g", {"class": "govreport-chart__legend"})
        for i, name in enumerate(self.table.series):
            y = 4 + 22 * i
            ET.SubElement(group, "rect", x="0", y=str(y), width="16", height="16", fill=COLOURS[i])
            _text(group, name, x=24, y=y + 13)


class _VerticalChart(_Drawing):
    """Columns (grouped or stacked) or lines, with labels along the bottom."""

    def __init__(self, table, value_label, chart_type):
        super().__init__(table, value_label)
        self.chart_type = chart_type
        self.ticks = nice_ticks(self.maximum())
        tick_width = max(_text_width(format_number(t)) for t in self.ticks)
        self.left = 28 + tick_width + 8
        self.right = WIDTH - 12
        self.band = (self.right - self.left) / len(table.rows)
        longest = max(_text_width(label) for label, _ in table.rows)
        self.rotate = longest > self.band - 4
        label_room = longest * 0.72 + FONT if self.rotate else FONT + 6
        self.top = self.legend_height + 12
        self.bottom = self.top + PLOT_HEIGHT
        self.height = self.bottom + 8 + label_room + FONT + 14

    def maximum(self):
        if self.chart_type == "stacked-bar":
            return max(sum(values) for _, values in self.table.rows)
        return super().maximum()

    def y(self, value):
        return self.bottom - value / self.ticks[-1] * PLOT_HEIGHT

    def draw(self, svg):
        self.legend(svg)
        axis = ET.SubElement(svg, "g", {"class": "govreport-chart__axis"})
        for tick in self.ticks:
            y = self.y(tick)
            ET.SubElement(
                axis,
                "line",
                x1=f"{self.left:.1f}",
                x2=f"{self.right:.1f}",
                y1=f"{y:.1f}",
                y2=f"{y:.1f}",
                stroke=GRID if tick else TEXT,
            )
            _text(axis, format_number(tick), x=self.left - 6, y=y + FONT * 0.35, anchor="end")
        middle = (self.top + self.bottom) / 2
        _text(
            axis,
            self.value_label,
            x=FONT,
            y=middle,
            anchor="middle",
            transform=f"rotate(-90 {FONT} {middle:.1f})",
            weight="bold",
        )
        for i, (label, _) in enumerate(self.table.rows):
            x = self.left + self.band * (i + 0.5)
            y = self.bottom + FONT + 4
            if self.rotate:
                _text(axis, label, x=x, y=y, anchor="end", transform=f"rotate(-45 {x:.1f} {y:.1f})")
            else:
                _text(axis, label, x=x, y=y, anchor="middle")
        _text(
            axis,
            self.table.label_heading,
            x=(self.left + self.right) / 2,
            y=self.height - 6,
            anchor="middle",
            weight="bold",
        )
        marks = ET.SubElement(svg, "g", {"class": "govreport-chart__marks"})
        {"line": self._lines, "stacked-bar": self._stacked}.get(self.chart_type, self._bars)(marks)

    def _bars(self, group):
        count = len(self.table.series)
        width = self.band * 0.7 / count
        for i, (_, values) in enumerate(self.table.rows):
            start = self.left + self.band * (i + 0.15)
            for s, value in enumerate(values):
                x, y = start + width * s, self.y(value)
                _rect(group, x, y, width, self.bottom - y, COLOURS[s])
                if count == 1 and len(self.table.rows) <= 12:
                    _text(group, format_number(value), x=x + width / 2, y=y - 5, anchor="middle")

    def _stacked(self, group):
        width = self.band * 0.6
        for i, (_, values) in enumerate(self.table.rows):
            x, total = self.left + self.band * (i + 0.2), 0
            for s, value in enumerate(values):
                top = self.y(total + value)
                _rect(group, x, top, width, self.y(total) - top, COLOURS[s])
                total += value

    def _lines(self, group):
        for s in range(len(self.table.series)):
            points = [
                (self.left + self.band * (i + 0.5), self.y(v))
                for i, v in enumerate(self.table.column(s))
            ]
            ET.SubElement(
                group,
                "polyline",
                fill="none",
                stroke=COLOURS[s],
                points=" ".join(f"{x:.1f},{y:.1f}" for x, y in points),
                **{"stroke-width": "3", "stroke-linejoin": "round"},
            )
            for x, y in points:
                ET.SubElement(group, "circle", cx=f"{x:.1f}", cy=f"{y:.1f}", r="4", fill=COLOURS[s])


class _HorizontalBars(_Drawing):
    """Bars from the left, labels beside them: best for long labels and narrow screens."""

    def __init__(self, table, value_label):
        super().__init__(table, value_label)
        self.ticks = nice_ticks(self.maximum())
        self.labels = [_wrap(label) for label, _ in table.rows]
        self.left = min(WIDTH * 0.4, max(_text_width(line) for ls in self.labels for line in ls))
        self.left += 10
        self.right = WIDTH - 12 - _text_width(format_number(self.ticks[-1])) / 2
        count = len(table.series)
        self.bar = 18
        self.band = self.bar * count + 14
        self.top = self.legend_height + FONT + 14  # room for the label column's heading
        self.bottom = self.top + self.band * len(table.rows)
        self.height = self.bottom + FONT + 8 + FONT + 14

    def x(self, value):
        return self.left + value / self.ticks[-1] * (self.right - self.left)

    def draw(self, svg):
        self.legend(svg)
        axis = ET.SubElement(svg, "g", {"class": "govreport-chart__axis"})
        for tick in self.ticks:
            x = self.x(tick)
            ET.SubElement(
                axis,
                "line",
                x1=f"{x:.1f}",
                x2=f"{x:.1f}",
                y1=f"{self.top:.1f}",
                y2=f"{self.bottom:.1f}",
                stroke=GRID if tick else TEXT,
            )
            _text(axis, format_number(tick), x=x, y=self.bottom + FONT + 4, anchor="middle")
        _text(
            axis,
            self.value_label,
            x=(self.left + self.right) / 2,
            y=self.height - 6,
            anchor="middle",
            weight="bold",
        )
        heading_y = self.top - 8
        _text(
            axis,
            self.table.label_heading,
            x=self.left - 8,
            y=heading_y,
            anchor="end",
            weight="bold",
        )
        marks = ET.SubElement(svg, "g", {"class": "govreport-chart__marks"})
        for i, (lines, (_, values)) in enumerate(zip(self.labels, self.table.rows, strict=True)):
            y = self.top + self.band * i + 7
            middle = y + self.bar * len(values) / 2
            first = middle - (len(lines) - 1) * FONT * 0.6 + FONT * 0.35
            for n, line in enumerate(lines):
                _text(axis, line, x=self.left - 8, y=first + n * FONT * 1.2, anchor="end")
            for s, value in enumerate(values):
                top = y + self.bar * s
                _rect(marks, self.left, top, self.x(value) - self.left, self.bar, COLOURS[s])
                if len(values) == 1:
                    _text(
                        marks,
                        format_number(value),
                        x=self.x(value) + 4,
                        y=top + self.bar / 2 + FONT * 0.35,
                    )


def _wrap(label, limit=int(WIDTH * 0.4 / CHAR)):
    """Split a long label over two lines at a space, shortening it beyond that."""
    if len(label) <= limit:
        return [label]
    cut = label.rfind(" ", 0, limit)
    first, rest = (label[:cut], label[cut + 1 :]) if cut > 0 else (label[:limit], label[limit:])
    return [first, rest if len(rest) <= limit else rest[: limit - 1] + "…"]


def _rect(parent, x, y, width, height, fill):
    ET.SubElement(
        parent,
        "rect",
        x=f"{x:.1f}",
        y=f"{y:.1f}",
        width=f"{max(width, 0):.1f}",
        height=f"{max(height, 0):.1f}",
        fill=fill,
    )


def _text(parent, text, *, x, y, anchor="start", transform=None, weight=None):
    attributes = {"x": f"{x:.1f}", "y": f"{y:.1f}", "fill": TEXT}
    if anchor != "start":
        attributes["text-anchor"] = anchor
    if transform:
        attributes["transform"] = transform
    if weight:
        attributes["font-weight"] = weight
    ET.SubElement(parent, "text", attributes).text = text
