"""The archive: packages with ``verify``'s verdict, their files (PDF shown in the browser), a package
as one ZIP, and the director's signatures recorded from uploaded ``.sig`` files."""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path, PurePosixPath

from anyio import to_thread
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import FileResponse

from ... import api
from ...errors import InputError, ReportError
from ...uploads import safe_name
from ..files import package_file, package_members, package_zip
from ..render import failure, page

MAX_SIGNATURES = 20
INLINE = {".pdf": "application/pdf", ".txt": "text/plain; charset=utf-8", ".json": "application/json"}


async def index(request: Request):
    settings = request.app.state.settings
    folders = await to_thread.run_sync(api.packages, settings.outputs)
    listed = []
    for folder in folders:
        verdict = await to_thread.run_sync(api.verify, folder)
        members = package_members(folder)
        listed.append({
            "name": folder.relative_to(settings.outputs).as_posix(),
            "intact": verdict.intact, "findings": list(verdict.findings)[:20],
            "files": [m for m in members if "/" not in m],
            "versions": sorted({m.split("/")[1] for m in members if m.startswith("versions/") and m.count("/") > 1},
                               key=lambda v: (len(v), v)),
        })  # fmt: skip
    return page(request, "archive.html", packages=listed, signed=None)


async def file(request: Request):
    settings = request.app.state.settings
    package, name = request.query_params.get("package", ""), request.query_params.get("name", "")
    folders = await to_thread.run_sync(api.packages, settings.outputs)
    path = package_file(folders, settings.outputs, package, name)
    if path is None:
        return page(request, "error.html", 404, message="Такого файла в архиве нет.")
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in INLINE:
        return FileResponse(path, media_type=INLINE[suffix], filename=PurePosixPath(name).name,
                            content_disposition_type="inline")  # fmt: skip
    return FileResponse(path, filename=PurePosixPath(name).name)


async def zip_file(request: Request):
    settings = request.app.state.settings
    package = request.query_params.get("package", "")
    folders = await to_thread.run_sync(api.packages, settings.outputs)
    folder = next((f for f in folders if f.relative_to(settings.outputs).as_posix() == package), None)
    if folder is None:
        return page(request, "error.html", 404, message="Такого пакета в архиве нет.")
    made = await to_thread.run_sync(package_zip, folder)
    name = "пакет-" + package.replace("/", "-") + ".zip"
    return FileResponse(made, media_type="application/zip", filename=name, background=BackgroundTask(made.unlink))


async def sign(request: Request):
    """Record the uploaded signatures in the chosen package; show each verdict and the print copies."""
    settings = request.app.state.settings
    folders = await to_thread.run_sync(api.packages, settings.outputs)
    with tempfile.TemporaryDirectory(prefix="make-report-sig-") as temporary:
        async with request.form(max_files=MAX_SIGNATURES, max_fields=5) as form:
            package = str(form.get("package", ""))
            paths, shown = [], {}
            for number, item in enumerate(form.getlist("signatures")):
                if not hasattr(item, "read"):
                    continue
                # a numbered folder each, and the name cleaned to a plain one: never a path of the client's
                path = Path(temporary) / str(number) / safe_name(str(item.filename or ""), "signature.sig")
                path.parent.mkdir()
                path.write_bytes(await item.read())
                paths.append(path)
                shown[str(path)] = path.name
        folder = next((f for f in folders if f.relative_to(settings.outputs).as_posix() == package), None)
        if folder is None:
            return page(request, "_failure.html", 404, problems=[], more=0, lines=["Такого пакета в архиве нет."])
        try:
            done = await to_thread.run_sync(lambda: api.sign(folder, paths, trust=settings.trust))
        except InputError as exc:  # the problems name the files as the clerk sent them
            named = [dataclasses.replace(p, file=shown.get(p.file, p.file)) for p in exc.problems]
            return failure(request, InputError(named, exc.more), where="signatures")
        except ReportError as exc:
            return failure(request, exc, where="signatures")
    return page(request, "_signed.html", signed=_signed_view(done, shown), package=package)


def _signed_view(done, shown: dict[str, str]) -> dict:
    from ...render.console import signature_lines

    return {  # each signature named as the clerk sent it, never by its temporary copy's path
        "recorded": [{"lines": signature_lines(checked, shown.get(str(checked.source))), "name": name}
                     for checked, name in done.recorded],
        "already": len(done.already), "print_copies": list(done.print_copies), "unplaced": list(done.unplaced),
    }  # fmt: skip
