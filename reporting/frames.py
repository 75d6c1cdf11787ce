"""The figures as pandas DataFrames, for analysts (the API's optional extra; the tool never needs pandas)."""

from __future__ import annotations

from .compute.coverage import MARK_WORDS
from .compute.model import Mark, QuarterModel
from .errors import SetupError

MARK_NAMES = {Mark.NOT_COUNTED: "не учитывается", Mark.BELOW: "ниже порога", Mark.MET: "не ниже порога",
              Mark.UNMEASURED: "вне показателей"}  # fmt: skip


def _pandas():
    try:
        import pandas
    except ImportError:
        raise SetupError("для таблиц pandas установите пакет: pip install 'make-report[pandas]'") from None
    return pandas


def weekly_frame(model: QuarterModel):
    """One row per indicator and week: category, week, counted, active, percent, target."""
    rows = [
        {
            "indicator": r.indicator.text, "category": r.category, "week": w.week, "counted": w.counted,
            "active": w.active, "percent": w.percent, "target_percent": r.indicator.target_percent,
        }
        for r in model.indicators
        for w in r.series.weeks
    ]  # fmt: skip
    return _weeks_as_dates(_pandas().DataFrame(rows, columns=_COLUMNS["weekly"]))


def people_frame(model: QuarterModel):
    """One row per person and monitored week: messages, whether counted, and the week's mark."""
    monitoring = model.monitoring
    rows = []
    for i, person in enumerate(monitoring.people):
        for k, week in enumerate(model.monitored_weeks):
            j = monitoring.column[week]
            counted = bool(monitoring.counted[i, j])
            rows.append({
                "name": person.name, "personnel_number": person.personnel_number, "category": person.category,
                "department": person.department, "organization": person.organization, "week": week,
                "messages": _messages(int(monitoring.counts[i, j])) if counted else None, "counted": counted,
                "mark": MARK_NAMES[Mark(int(model.marks[i, k]))],
            })  # fmt: skip
    return _weeks_as_dates(_pandas().DataFrame(rows, columns=_COLUMNS["people"]))


def _messages(count: int) -> int | None:
    """Messages of a counted person-week; None for a yes/no mark, which gives no number."""
    return None if count in MARK_WORDS else max(count, 0)


def ranking_frame(model: QuarterModel):
    """A consolidated model: organisations ranked, each indicator's end at the organisation's last week."""
    rows = []
    for rank, organization in enumerate(model.ranking, start=1):
        row = {"rank": rank, "organization": organization.name, "below_target": organization.below_target}
        for result, end in zip(model.indicators, organization.ends, strict=True):
            row[f"{result.category}_percent"] = end.percent if end else None
            row[f"{result.category}_week"] = end.week if end else None
        rows.append(row)
    return _weeks_as_dates(_pandas().DataFrame(rows))


def _weeks_as_dates(frame):
    """Week columns as datetime64 (Mondays), so that pandas sorts, resamples and plots them as dates."""
    pandas = _pandas()
    for column in frame.columns:
        if column == "week" or str(column).endswith("_week"):
            frame[column] = pandas.to_datetime(frame[column])
    return frame


_COLUMNS = {
    "weekly": ["indicator", "category", "week", "counted", "active", "percent", "target_percent"],
    "people": ["name", "personnel_number", "category", "department", "organization", "week", "messages", "counted",
               "mark"],
}  # fmt: skip
