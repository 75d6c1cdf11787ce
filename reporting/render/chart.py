"""The weekly dynamics chart: SVG for the PDF (vector), PNG for the DOCX."""

from __future__ import annotations

import datetime as dt
import io

from ..compute.model import QuarterModel
from .fonts import FAMILY, FONTS
from .formatting import CATEGORY_LABELS

COLORS = {"teachers": "#1f4e79", "administration": "#c55a11", "other": "#548235", "all": "#7030a0",
          "parents": "#bf9000", "pupils": "#2e75b6"}  # fmt: skip


def _figure(model: QuarterModel, font: str):
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    for path in sorted(FONTS.glob("*.ttf")):
        font_manager.fontManager.addfont(str(path))
    from matplotlib.ticker import FuncFormatter

    plt.rcParams.update(
        {
            "svg.fonttype": "none",  # text stays text: lighter to lay out, searchable
            "svg.hashsalt": "make-report",  # deterministic ids
            "font.family": "serif",
            "font.serif": [font, "DejaVu Serif"],
            "font.size": 9,
            "axes.formatter.use_locale": False,
        }
    )
    fig, ax = plt.subplots(figsize=(6.5, 3.0), dpi=100)
    weeks = [dt.datetime.combine(w, dt.time()) for w in model.reported_weeks]
    targets = set()
    for result in model.indicators:
        points = [
            (dt.datetime.combine(w.week, dt.time()), w.percent) for w in result.series.weeks if w.percent is not None
        ]
        if points:
            ax.plot(
                *zip(*points, strict=True),
                marker="o",
                markersize=3,
                color=COLORS[result.category],
                label=CATEGORY_LABELS[result.category],
            )
        targets.add(result.indicator.target_percent)
        if result.deadline_in_period:
            ax.axvline(
                dt.datetime.combine(result.indicator.deadline, dt.time()), color="#7f7f7f", linestyle=":", linewidth=1
            )
    for target in sorted(targets):
        ax.axhline(target, color="#2e7d32", linestyle="--", linewidth=1, label=f"Цель {target:g} %".replace(".", ","))
    ax.set_ylim(0, 105)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0f} %"))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: _date_label(v)))
    if weeks:
        ax.set_xticks(weeks)
    ax.tick_params(axis="x", labelrotation=45, labelsize=8)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    # Below the axes, never over a line (three or four groups would cover the lower right corner).
    handles = ax.get_legend_handles_labels()[0]
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=min(len(handles), 3), fontsize=8, frameon=False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    return fig, plt


def _date_label(value: float) -> str:
    from matplotlib.dates import num2date

    return num2date(value).strftime("%d.%m")


def charts(model: QuarterModel, font: str = FAMILY) -> tuple[bytes, bytes]:
    """The chart drawn once: SVG (vector, text kept as text) for the PDF, PNG for Word."""
    fig, plt = _figure(model, font)
    svg, png = io.BytesIO(), io.BytesIO()
    fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    fig.savefig(png, format="png", dpi=200, metadata={"Software": None})
    plt.close(fig)
    return svg.getvalue(), png.getvalue()
