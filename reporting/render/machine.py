"""``--format json``: what ``check``, ``describe``, ``verify`` and ``sign --check`` say, as data for
district scripts instead of Russian text to parse.

Every document has ``format`` (which command) and ``version`` (of this shape: a change that breaks
a reader raises it).  A problem carries its stable ``code`` (its ``Kind``, listed in
docs/problem-codes.md) with its location fields and its message; the shapes are in
docs/json-output.schema.json, which the tests validate every output against.
"""

from __future__ import annotations

import dataclasses
import json

VERSION = 1


def dumps(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=False)


def problem(found) -> dict:
    return {
        "code": str(found.kind),
        "file": found.file,
        "sheet": found.sheet,
        "row": found.row,
        "column": found.column,
        "value": found.value,
        "organization": found.organization,
        "message": found.message,
        "hint": found.hint or found.kind.hint or None,
        "text": found.describe(),
    }


def _head(command: str) -> dict:
    return {"format": f"make-report {command}", "version": VERSION}


def check_document(report) -> dict:
    """``reporting.check``'s report: its problems, the reading report and the last week's figures."""
    return {
        **_head("check"),
        "valid": report.valid,
        "problems": [problem(p) for p in report.problems],
        "more_problems": report.more,
        "reading": [note.describe() for note in report.reading],
        "figures": _figures(report.status) if report.status is not None else None,
    }


def _figures(status) -> dict | None:
    model = status.model
    if model is None:
        return {"last_week": None, "quarter": None, "indicators": [], "organizations": []}
    indicators = []
    for result in model.indicators:
        end, indicator = result.series.end, result.indicator
        indicators.append({
            "category": result.category,
            "active": end.active,
            "counted": end.counted,
            "percent": float(end.share) if end.share is not None else None,  # exact: round it for display
            "threshold": indicator.threshold,
            "target_percent": float(indicator.target_percent),
            "deadline": indicator.deadline.isoformat() if indicator.deadline else None,
            "below_threshold": [row.person.name for row in result.below_threshold],
        })  # fmt: skip
    organizations = []
    for org in status.organizations:
        organizations.append({
            "name": org.name,
            "indicators": [
                {"category": r.category, "active": e.active if e else None, "counted": e.counted if e else None,
                 "below_threshold": below}
                for r, e, below in zip(model.indicators, org.ends, org.below, strict=True)
            ],
            "missing_weeks": [w.isoformat() for w in org.missing_weeks],
        })  # fmt: skip
    return {
        "last_week": status.last_week.isoformat() if status.last_week else None,
        "quarter": model.quarter,
        "year": model.school.year_label,
        "missing_weeks": [w.isoformat() for w in status.missing_weeks],
        "indicators": indicators,
        "organizations": organizations,
    }


def describe_document(description) -> dict:
    return {
        **_head("describe"),
        "declared": description.declared,
        "tables": [_layout(layout) for layout in description.layouts],
        "problems": [problem(p) for p in description.problems],
        "more_problems": description.more,
    }


def _layout(layout) -> dict:
    data = dataclasses.asdict(layout)
    data["columns"] = [dataclasses.asdict(column) for column in layout.columns]
    return data


def verify_document(found) -> dict:
    return {
        **_head("verify"),
        "folder": str(found.folder),
        "intact": found.intact,
        "complete": not found.missing,
        "missing": list(found.missing),
        "findings": list(found.findings),
        "checked": list(found.checked),
        "unchecked": list(found.unchecked),
    }


def refused_document(command: str, error) -> dict:
    """A command refused before it could look (a folder that is not there, a file that is no
    signature): its problems, in the same shape as check's."""
    return {**_head(command), "problems": [problem(p) for p in error.problems], "more_problems": error.more}


def signature_document(checked, not_checked: str) -> dict:
    signature = checked.signature
    signers = []
    for check in checked.checks:
        certificate, owner = check.signer.certificate, check.signer.certificate.owner
        when = check.signer.signing_time
        signers.append({
            "owner": owner.person,
            "common_name": owner.common_name,
            "title": owner.title,
            "organization": owner.organization,
            "snils": owner.snils,
            "inn": owner.inn or owner.inn_le,
            "serial_hex": str(certificate.serial_hex),
            "serial_decimal": str(certificate.serial_decimal),
            "valid_from": certificate.not_before.isoformat(),
            "valid_to": certificate.not_after.isoformat(),
            "issuer": certificate.issuer,
            "signing_time": when.isoformat() if when else None,
            "valid": check.valid,
            "findings": list(check.findings),
            "chain": {"level": check.chain.level, "reason": check.chain.reason, "anchor": check.chain.anchor},
        })  # fmt: skip
    return {
        **_head("sign --check"),
        "file": checked.file,
        "signature": checked.source,
        "form": signature.form,
        "attached": signature.content is not None,
        "valid": checked.verdict == "valid",
        "verdict": checked.verdict,
        "signers": signers,
        "not_checked": not_checked,
    }
