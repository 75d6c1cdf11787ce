"""Every file of one package, rendered from its model: the one place that says which files a package holds."""

from __future__ import annotations

from collections.abc import Callable

from ..compute.model import QuarterModel
from ..options import Options


def _quiet(_: str) -> None:
    pass


def render_package(model: QuarterModel, options: Options, progress: Callable[[str], None] = _quiet) -> dict[str, bytes]:
    from .data_xlsx import render_data_xlsx
    from .roadmap_xlsx import render_roadmap_xlsx
    from .summary_json import render_summary

    files = {
        "summary.json": render_summary(model, options.generated_by()),
        "data.xlsx": render_data_xlsx(model, options.no_names),
    }
    if model.own_roadmap:  # an organisation of a district gets no borrowed roadmap
        files["roadmap.xlsx"] = render_roadmap_xlsx(model)
    if options.documents:
        from ..archive.package import sha256
        from .documents import render_documents

        summary_sha256 = sha256(files["summary.json"])  # the QR code's link from paper to package
        files.update(render_documents(model, options, files["data.xlsx"], progress, summary_sha256))
    return files
