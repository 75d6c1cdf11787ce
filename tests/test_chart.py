"""The chart, drawn by the tool: the same shapes in the SVG (PDF) and the PNG (Word), one slot per
week with figures, the deadline in the legend, the same bytes every time."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from reporting.compute.build import build_model
from reporting.load import load_inputs
from reporting.render.chart import PNG_DPI, WIDTH_PT, Dot, Text, charts, drawing

from .conftest import ROOT


def _model():
    return build_model(load_inputs(Path(ROOT / "inputs")), 2)


def test_one_slot_per_week_with_figures_and_every_line_in_the_legend():
    model = _model()
    picture = drawing(model)
    labels = [s.text for s in picture.shapes if isinstance(s, Text) and s.rotate]
    assert labels == ["06.11", "13.11", "20.11", "27.11", "04.12", "11.12", "18.12", "25.12"]
    legend = [s.text for s in picture.shapes if isinstance(s, Text) and not s.rotate and s.anchor == "start"]
    assert legend == ["Педагогические работники", "Администрация", "Цель 100 %", "Срок достижения цели"]
    dots = [s for s in picture.shapes if isinstance(s, Dot)]
    assert len(dots) == 2 * 8 + 2  # a point per group and week, and the two legend markers


def test_the_points_stand_at_the_exact_shares():
    model = _model()
    picture = drawing(model)
    teachers = model.indicators[0]
    top, bottom = 8.0, 8.0 + 140.0  # the plot's own height (chart.TOP, chart.PLOT_PT)
    first = next(s for s in picture.shapes if isinstance(s, Dot))
    share = float(teachers.series.weeks[0].share)  # 47 of 60: 78,33… %
    assert abs(first.y - (bottom - share / 105 * (bottom - top))) < 1e-9


def test_svg_and_png_agree_and_repeat_byte_for_byte():
    model = _model()
    svg, png = charts(model)
    assert charts(model) == (svg, png)
    assert svg.count(b"<text") == sum(isinstance(s, Text) for s in drawing(model).shapes)
    assert b'font-family="Liberation Serif"' in svg
    image = Image.open(io.BytesIO(png))
    assert image.size[0] == round(WIDTH_PT * PNG_DPI / 72)
    assert round(image.info["dpi"][0]) == PNG_DPI


def test_the_chart_has_a_caption_with_its_quarter_and_year(sample_inputs, run_cli):
    from docx import Document
    from pypdf import PdfReader

    run = run_cli(sample_inputs, 2)
    caption = "Рисунок 1 — Охват по неделям 2 четверти 2023/2024 учебного года"
    pdf = " ".join(" ".join(p.extract_text() for p in PdfReader(run.package / "report.pdf").pages).split())
    assert caption in pdf.replace("\u00a0", " ")
    paragraphs = [p.text.replace("\u00a0", " ") for p in Document(run.package / "report.docx").paragraphs]
    assert any(p.startswith(caption) for p in paragraphs)
