import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reports import charts, checks, embeds, media
from reports.charts import ChartDataError
from reports.errors import MediaRefused
from reports.models import MediaItem
from tests.factories import ReportFactory

EXEMPLARS = "Phase,Services\nDiscovery,13\nAlpha,6\nBeta,5\nLive,1\n"
VISITS = (
    "Month,Desktop,Mobile\n"
    '"January 2013","8,100,000",2200000\n'
    "February 2013,8400000,2500000\nMarch 2013,9000000,2900000\n"
)
SVG = "{http://www.w3.org/2000/svg}"

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def test_parse_reads_labels_and_series():
    table = charts.parse(EXEMPLARS)
    assert table.label_heading == "Phase"
    assert table.series == ("Services",)
    assert table.rows == (
        ("Discovery", (13.0,)),
        ("Alpha", (6.0,)),
        ("Beta", (5.0,)),
        ("Live", (1.0,)),
    )


def test_parse_accepts_thousands_separators_blank_lines_and_a_byte_order_mark():
    table = charts.parse("\ufeff" + VISITS + "\n\n")
    assert table.series == ("Desktop", "Mobile")
    assert table.column(0) == [8_100_000, 8_400_000, 9_000_000]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Enter the chart's data"),
        ("Phase\nDiscovery\n", "Row 1: the header needs a label column"),
        ("Phase,Services\n", "Row 1: this is the header; add at least one row"),
        ("Phase,Services\nDiscovery,13\nAlpha\n", "Row 3: it has 1 values but the header has 2"),
        ("Phase,Services\nDiscovery,13\nAlpha,six\n", "Row 3: in column “Services”, “six” is not"),
        ("Phase,Services\nDiscovery,\n", "Row 2: in column “Services”, the value is missing"),
        ("Phase,Services\n,13\n", "Row 2: the first column needs a label"),
        ("Phase,Services\nDiscovery,-2\n", "Row 2: in column “Services”, -2 is negative"),
        ("Phase,\nDiscovery,2\n", "Row 1: column 2 of the header needs a series name"),
        ("Phase,Services\n\nDiscovery,13\nAlpha,x\n", "Row 4:"),  # physical line numbers
        ("L,a,b,c,d,e,f,g\nx,1,2,3,4,5,6,7\n", "Row 1: the header has 7 series"),
        ("Phase,Services\n" + "x,1\n" * 51, "51 rows of data"),
    ],
)
def test_malformed_csv_is_refused_naming_the_row_and_the_problem(text, message):
    with pytest.raises(ChartDataError) as refusal:
        charts.parse(text)
    assert message in str(refusal.value)
    assert refusal.value.field == "chart_data"


def test_nice_ticks_are_round_and_cover_the_maximum():
    assert charts.nice_ticks(13) == [0, 5, 10, 15]
    assert charts.nice_ticks(9_000_000) == [0, 2_000_000, 4_000_000, 6_000_000, 8_000_000,
                                             10_000_000]  # fmt: skip
    assert charts.nice_ticks(0) == [0, 1]


@pytest.mark.parametrize("chart_type", MediaItem.ChartType.values)
def test_every_chart_type_is_an_accessible_well_formed_svg(chart_type):
    svg = charts.render_svg(
        charts.parse(VISITS), chart_type=chart_type, title="GOV.UK visits by month",
        value_label="Visits", id_prefix="chart-visits",
    )  # fmt: skip
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-visits-title chart-visits-desc"
    assert root.find(f"{SVG}title").text == "GOV.UK visits by month"
    assert root.find(f"{SVG}title").get("id") == "chart-visits-title"
    assert "table that follows" in root.find(f"{SVG}desc").text
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Visits" in texts and "Month" in texts  # both axes are labelled
    assert "January 2013" in texts and "Desktop" in texts and "Mobile" in texts  # legend
    fills = {e.get("fill") for e in root.iter() if e.get("fill")} | {
        e.get("stroke") for e in root.iter() if e.get("stroke")
    }
    assert {"#12436d", "#28a197"} <= fills


def test_single_series_bars_show_their_values_and_use_the_series_as_the_axis_label():
    svg = charts.render_svg(charts.parse(EXEMPLARS), chart_type="bar",
                            title="Exemplars", value_label="", id_prefix="c")  # fmt: skip
    texts = [t.text for t in ET.fromstring(svg).iter(f"{SVG}text")]
    assert {"13", "6", "5", "1"} <= set(texts)
    assert "Services" in texts and "Phase" in texts


def test_labels_are_escaped_in_the_svg():
    svg = charts.render_svg(
        charts.parse('Phase,Services\n"<script>alert(1)</script>",3\n'),
        chart_type="horizontal-bar", title="</title><script>", value_label="", id_prefix="c",
    )  # fmt: skip
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    ET.fromstring(svg)


def test_the_chart_embed_has_a_title_the_svg_and_the_data_table():
    item = media.add(
        ReportFactory(), by=None, kind="chart", slug="exemplars",
        title="Exemplar services by phase, July 2013", chart_type="bar", chart_data=EXEMPLARS,
        caption="25 exemplar services are being transformed.",
    )  # fmt: skip
    html = embeds.render_embed(item)
    assert '<figcaption class="govreport-chart__title govuk-heading-s">Exemplar services' in html
    assert 'aria-labelledby="chart-exemplars-title chart-exemplars-desc"' in html
    assert "<table" in html and html.index("<svg") < html.index("<table")
    assert '<th scope="row" class="govuk-table__header">Discovery</th>' in html
    assert 'govuk-table__cell--numeric">13</td>' in html
    assert "25 exemplar services" in html


def test_bad_chart_data_is_refused():
    report = ReportFactory()
    with pytest.raises(MediaRefused, match="Row 2: in column “b”"):
        media.add(report, by=None, kind="chart", slug="c", title="x", chart_type="bar",
                  chart_data="a,b\nc,d\n")  # fmt: skip
    assert not report.media.exists()


def test_an_unfinished_chart_is_saved_but_blocks_publishing():
    for slug, fields, found in [
        ("no-type", {"title": "Exemplars", "chart_data": EXEMPLARS}, "media-incomplete"),
        ("no-title", {"chart_type": "bar", "chart_data": EXEMPLARS}, "media-title"),
    ]:
        report = ReportFactory()
        media.add(report, by=None, kind="chart", slug=slug, **fields)
        assert [f.check for f in checks.errors(report)] == [found]


def test_numbers_too_large_to_chart_are_refused_naming_the_row():
    with pytest.raises(ChartDataError, match="Row 3: in column “Spend”, 1E308 is too large"):
        charts.parse("Year,Spend\n2012,1\n2013,1E308\n")


# Property tests (Hypothesis, fixed budget: see tests/conftest.py)

CELLS = st.one_of(
    st.sampled_from(["", " ", "12", "1,234", "-5", "3.5%", "nan", "inf", "1e308", "1e999", "0",
                     "\u00a01\u00a0000", '"', '"a,b"', "\ufeff", "\r", "£3m"]),
    st.text(max_size=6),
)  # fmt: skip
CSV_TEXT = st.one_of(
    st.text(max_size=200),
    st.lists(st.lists(CELLS, max_size=8).map(",".join), max_size=12).map("\n".join),
)


@given(CSV_TEXT)
def test_any_csv_parses_and_draws_or_is_refused_naming_the_row(text):
    try:
        table = charts.parse(text)
    except ChartDataError as refusal:
        assert refusal.field == "chart_data"
        return
    for chart_type in ["bar", "horizontal-bar", "stacked-bar", "line"]:
        svg = charts.render_svg(
            table, chart_type=chart_type, title="T", value_label="", id_prefix="c"
        )
        ET.fromstring(svg)
