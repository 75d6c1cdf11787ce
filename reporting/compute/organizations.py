"""Whose document an organisation's package is: its own requisites, never the consolidating
body's (the review of issue 17, point 5)."""

from __future__ import annotations

import dataclasses

from ..inputs import Inputs, School
from ..read.text import normalize


def organization_school(inputs: Inputs, organization: str) -> School:
    """The district's calendar and platform with the organisation's own name, head and executor
    (``organizations.xlsx``); what the table does not give is left empty, to print as a line to
    fill in by hand — never the district's head or executor."""
    details = next((d for n, d in inputs.organization_details.items() if normalize(n) == normalize(organization)), None)
    get = (lambda key: getattr(details, key)) if details else (lambda key: "")
    return dataclasses.replace(
        inputs.school,
        full_name=get("full_name") or organization,
        short_name=get("short_name") or organization,
        head_position=get("head_position"),
        head_name=get("head_name"),
        head_full_position="",  # the district's own never goes on an organisation's documents
        executor_name=get("executor_name"),
        executor_phone=get("executor_phone"),
        city=get("city"),
        requisites=(),
        addressee=inputs.school.addressee,
    )
