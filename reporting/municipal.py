"""Many organisations: a consolidated package and one package per organisation.

Per-organisation rendering runs in worker processes that import the
renderers once (a local process pool), or on an existing Dask distributed
cluster (``--scheduler``).  The workbook is read once, in this process; each
task carries one organisation's model.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from dataclasses import dataclass

from .archive.package import MANIFEST, manifest
from .compute.build import build_model
from .errors import Note, RenderError, ReportError, SetupError
from .options import Options

ORGANIZATIONS_DIR = "organizations"
OnOrganization = Callable[[int, int, str, bool], None]  # done, total, name, written


@dataclass(frozen=True)
class OrganizationFailure:
    name: str
    reasons: tuple[str, ...]


def slugs(names) -> dict[str, str]:
    """Folder names: transliterated, [a-z0-9-], unique (never cell text as is)."""
    from slugify import slugify

    taken: dict[str, str] = {}
    used: set[str] = set()
    for name in names:
        base = slugify(name, max_length=60, word_boundary=True) or "organization"
        slug, n = base, 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        taken[name] = slug
    return taken


def render_organization(payload) -> tuple[str, dict[str, bytes] | None, str]:
    """A worker's task: one organisation's files, or the reason it failed."""
    from .render.package_files import render_package

    model, options = payload
    try:
        return model.organization, render_package(model, options), ""
    except ReportError as exc:
        return model.organization, None, str(exc)
    except Exception as exc:  # one organisation's surprise must not stop the others
        return model.organization, None, f"внутренняя ошибка: {exc!r}"


def _warm() -> None:
    """Worker start-up: import the renderers once, not once per organisation.

    Ctrl-C reaches every process of the group; only the main one acts on it (it
    stops the pool), so workers print no tracebacks of their own; a kill -9 of
    the main one ends them too (``die_with_parent``).
    """
    import signal

    from .processes import die_with_parent

    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from .render.libraries import weasyprint

    weasyprint()
    from docxtpl import DocxTemplate  # noqa: F401


def start_method() -> str:
    """«fork» where it is safe and cheap (Linux: workers inherit what is imported), else «spawn»
    (Windows, macOS): every task and result pickles, so both work."""
    import multiprocessing
    import sys

    return "fork" if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods() else "spawn"


def _local(payloads, jobs: int, method: str | None = None):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    workers = jobs or os.cpu_count() or 1
    if workers == 1 or len(payloads) == 1:
        yield from map(render_organization, payloads)
        return
    context = multiprocessing.get_context(method or start_method())
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_warm) as pool:
        futures = [pool.submit(render_organization, p) for p in payloads]
        for future in as_completed(futures):
            yield future.result()


CONNECT_TIMEOUT = 10.0  # seconds to reach a Dask scheduler (a module setting, so tests need not wait)


def _dask(payloads, address: str, tls):
    """On a scheduler ``cluster.check_scheduler`` admitted: over TLS, or loopback TCP."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise SetupError("для --scheduler нужен пакет distributed (pip install 'make-report[dask]')") from None
    from .cluster import security

    try:
        client = Client(address, timeout=f"{CONNECT_TIMEOUT}s", security=security(tls))
    except OSError as exc:
        raise SetupError(f"планировщик {address} недоступен: {exc}") from None
    with client:
        futures = client.map(render_organization, payloads, pure=False)
        for future in as_completed(futures):
            yield future.result()


def organization_files(options: Options, inputs, on_organization: OnOrganization, today):
    """Render every organisation; return (files under organizations/, mapping, failures, notes for the
    reading report); ``today``: the day the run is made."""
    quarter = options.quarter
    names = list(inputs.organizations or inputs.monitoring.organizations)
    mapping = slugs(names + sorted(inputs.failed))
    day = options.as_of_date  # an interim report's day
    payloads, notes = [], []
    for name in names:
        model = build_model(inputs, quarter, inputs.monitoring.select(name), organization=name, as_of=day)
        own, note = _own_options(model, options, today)
        if note:  # its monitoring stops early: its own report is interim, as of its last week with data
            model = build_model(
                inputs, quarter, inputs.monitoring.select(name), organization=name, as_of=own.as_of_date
            )
            notes.append(Note("организации", note))
        payloads.append((model, own))
    failures = [
        OrganizationFailure(name, tuple(dataclasses.replace(p, organization=None).describe() for p in found))
        for name, found in sorted(inputs.failed.items())
    ]
    files: dict[str, bytes] = {}
    runner = (
        _dask(payloads, options.scheduler, options.scheduler_tls)
        if options.scheduler
        else _local(payloads, options.jobs)
    )
    by_name = {model.organization: (model, own) for model, own in payloads}
    for done, (name, rendered, reason) in enumerate(runner, start=1):
        if rendered is None:
            failures.append(OrganizationFailure(name, (reason,)))
        else:
            folder = f"{ORGANIZATIONS_DIR}/{mapping[name]}"
            model, own_options = by_name[name]  # an organisation made interim has its own day and options
            status_date = model.period.status_date.isoformat()
            own = manifest(
                inputs.raw, rendered, own_options.recorded(), status_date, False, extra={"organization": name}
            )
            files.update({f"{folder}/{file}": data for file, data in {**rendered, MANIFEST: own}.items()})
        on_organization(done, len(payloads), name, rendered is not None)
    if failures and options.strict:
        raise RenderError(
            "с --strict сбой одной организации останавливает всё: "
            + "; ".join(f"«{f.name}»: {'; '.join(f.reasons)}" for f in failures)
        )
    return files, mapping, sorted(failures, key=lambda f: f.name), tuple(notes)


def _own_options(model, options: Options, day) -> tuple[Options, str]:
    """An organisation whose monitoring stops before the quarter's last teaching week, in a
    consolidation that is final: its own report would call an earlier week the quarter's last. It is
    made interim, as of the Sunday of its last monitored week (issue 32, point 2), and said so."""
    from .compute.readiness import interim_end

    if options.interim:
        return options, ""
    end = interim_end(model, options.as_of_date or day)
    if end is None:
        return options, ""
    kind, last = model.school.kind, max(model.reported_weeks)
    note = (
        f"«{model.organization}»: мониторинг кончается неделей {last:%d.%m}–{end:%d.%m.%Y}, а "
        f"{kind.name} — {model.period.last_day:%d.%m.%Y}; её отчёт в пакете — промежуточный, на {end:%d.%m.%Y}. "
        f"Итоговый будет, когда в мониторинге будут её недели до конца {kind.genitive}"
    )
    return dataclasses.replace(options, interim=True, as_of=end.isoformat()), note


def manifest_entry(mapping: dict[str, str], failures: list[OrganizationFailure]) -> dict:
    """What the consolidated manifest records: which folder is which organisation, what failed."""
    failed = {f.name for f in failures}
    return {
        "organizations": {n: f"{ORGANIZATIONS_DIR}/{s}" for n, s in sorted(mapping.items()) if n not in failed},
        "failed_organizations": {f.name: list(f.reasons) for f in failures},
    }
