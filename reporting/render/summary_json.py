"""``summary.json``: the key figures in the contract's stable shape."""

from __future__ import annotations

import json

from ..compute.model import QuarterModel, WeekFigure


def _week(figure: WeekFigure | None) -> dict | None:
    if figure is None:
        return None
    return {
        "week": figure.week.isoformat(),
        "counted": figure.counted,
        "active": figure.active,
        "percent": figure.percent,
    }


def _platforms(result) -> dict:
    """Additive, only where the sheet names platforms: the end-of-quarter week per platform."""
    found = result.end_platforms
    if not found:
        return {}
    return {"platforms": [{"platform": f.platform, "writers": f.writers, "active": f.active} for f in found]}


def _iso(day):
    return None if day is None else day.isoformat()


def summary(model: QuarterModel) -> dict:
    period = model.period
    return {
        "school_year": model.school.year_label,
        "quarter": model.quarter,
        "period": {
            "kind": model.school.period_kind,  # «четверть», «триместр», «модуль», «полугодие»: "quarter" is its number
            "first_week": period.first_week.isoformat(),
            "last_week": period.last_week.isoformat(),
            "status_date": period.status_date.isoformat(),
        },
        "indicators": [
            {
                "category": result.category,
                # the connected family counts members, not messages: no threshold
                "family": "connected" if result.connected else "active",
                "threshold": result.threshold,
                "call_threshold": result.indicator.call_threshold,
                "target_percent": float(result.indicator.target_percent),
                "deadline": result.indicator.deadline.isoformat(),
                "weeks": [_week(w) for w in result.series.weeks],
                "end_of_quarter": _week(result.series.end),
                "average_percent": result.series.average_percent,
                "weeks_at_target": result.series.weeks_at_target,
                "target_met": result.target_met,
                "change_pp": result.change_pp,
                # null, not 0, where no week was measured: nobody was found below, nobody was looked at
                "below_threshold": len(result.below_threshold) if result.series.end is not None else None,
                "measured_by": "chats"
                if result.measured_by_chats
                else "counts"
                if result.measured_by_counts
                else "persons",
                **_platforms(result),
            }
            for result in model.indicators
        ],
        "activities": [
            {
                "number": a.number,
                "status": a.status,
                "due": a.due.isoformat(),
                "new_due": _iso(a.new_due),
            }
            for a in model.activities
        ],
    }


def _year(model: QuarterModel) -> dict:
    return {
        "indicators": [
            {"category": r.category, "quarter_ends": [_week(e) for e in r.quarter_ends], "target_met": r.target_met}
            for r in model.indicators
        ],
        "statuses": model.status_counts,
        "carry_over": [a.number for a in model.carry_over],
    }


def _organizations(model: QuarterModel) -> list[dict]:
    return [
        {
            "name": o.name,
            "indicators": [
                {
                    "category": r.category,
                    "end_of_quarter": _week(end),
                    "below_target": end is None or not end.reaches(t),
                    "gap_pp": o.gap_pp(k),
                    "change_pp": o.change_pp(k),
                }
                for k, (r, end, t) in enumerate(zip(model.indicators, o.ends, o.targets, strict=True))
            ],
        }
        for o in model.ranking
    ]


def render_summary(model: QuarterModel, generated_by: dict | None = None) -> bytes:
    """``generated_by``: the tool, its version and the options (recorded in the manifest too)."""
    data = summary(model)
    if model.organization:
        data = {"organization": model.organization, **data}
    if model.organizations:
        data["organizations"] = _organizations(model)  # ranked by coverage, highest first
    if model.excluded:
        data["excluded_organizations"] = list(model.excluded)
    if model.missing_returns:
        data["missing_returns"] = [
            {"week": week.isoformat(), "organizations": list(names)} for week, names in model.missing_returns
        ]
    if model.is_year_end:
        data["year"] = _year(model)  # additive: quarter 4 sums up the school year
    if generated_by:
        data["generated_by"] = generated_by
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
