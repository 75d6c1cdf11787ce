"""Load WeasyPrint's C libraries without starting a compiler.

WeasyPrint asks cffi for each of its libraries under several names; a name
without a dot goes to ``ctypes.util.find_library``, which on Linux runs
``ldconfig -p``, ``gcc`` and ``ld`` (68 processes, about a second, and a
compiler writing into the system temporary folder).  Every name it tries is
also given as a full soname (``libpango-1.0.so.0``), which the dynamic
loader opens directly: so while WeasyPrint is imported on Linux,
``find_library`` finds nothing and the sonames are used.  Windows and macOS
look libraries up without subprocesses and keep the real one.

WeasyPrint names an attachment's type with ``mimetypes``, which reads the
system's /etc/mime.types on first use: it is given the built-in table and
the one type it needs (.xlsx) instead, and reads no file outside the tool.
"""

from __future__ import annotations

import sys

from ..errors import PdfUnavailable

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def weasyprint():
    """The weasyprint module, imported once with no library lookup that starts a process."""
    import mimetypes

    if not mimetypes.inited:  # init() reads every file of ``knownfiles`` (files=[] adds to them)
        known, mimetypes.knownfiles = mimetypes.knownfiles, []
        try:
            mimetypes.init()
        finally:
            mimetypes.knownfiles = known
    mimetypes.add_type(XLSX, ".xlsx")
    if "weasyprint" in sys.modules or not sys.platform.startswith("linux"):
        import weasyprint as module

        return module
    import ctypes.util

    real = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        import weasyprint as module
    finally:
        ctypes.util.find_library = real
    return module


def install_hint(platform: str | None = None) -> str:
    """How to install Pango on the system the tool runs on, in Russian."""
    platform = platform or sys.platform
    if platform.startswith("win"):
        return ("установите MSYS2 (msys2.org), в его окне выполните «pacman -S mingw-w64-x86_64-pango» и задайте "
                "переменную окружения WEASYPRINT_DLL_DIRECTORIES=C:\\msys64\\mingw64\\bin")  # fmt: skip
    if platform == "darwin":
        return "установите Pango: brew install pango"
    return ("установите Pango: Debian, Ubuntu, Astra Linux — «sudo apt install libpango-1.0-0 libpangoft2-1.0-0 "
            "libharfbuzz-subset0»; РЕД ОС — «sudo dnf install pango harfbuzz»; Альт — «apt-get install libpango "
            "harfbuzz»")  # fmt: skip


def subset_hint(platform: str | None = None) -> str | None:
    """What to install for WeasyPrint to subset the PDFs' fonts with HarfBuzz, in Russian; None
    when it does.  Without the library it falls back to fontTools, which takes about a second a
    package more (issue 22), and a later WeasyPrint will require it."""
    from weasyprint.text import ffi

    if getattr(ffi, "harfbuzz_subset", None) is not None:
        return None
    platform = platform or sys.platform
    if platform.startswith("win"):
        how = "в окне MSYS2 выполните «pacman -S mingw-w64-x86_64-harfbuzz»"
    elif platform == "darwin":
        how = "brew install harfbuzz"
    else:
        how = ("Debian, Ubuntu, Astra Linux — «sudo apt install libharfbuzz-subset0»; РЕД ОС — «sudo dnf install "
               "harfbuzz»; Альт — «apt-get install libharfbuzz-subset»")  # fmt: skip
    return f"шрифты PDF подбираются медленнее (нет библиотеки HarfBuzz-subset): {how}"


_UNAVAILABLE: list[PdfUnavailable | None] = []


def pdf_unavailable() -> PdfUnavailable | None:
    """Why no PDF can be made here (None: it can), found once by importing WeasyPrint."""
    if not _UNAVAILABLE:
        import contextlib
        import io

        try:
            with contextlib.redirect_stdout(io.StringIO()):  # WeasyPrint prints an English banner on failure
                weasyprint()
            _UNAVAILABLE.append(None)
        except (OSError, ImportError) as exc:  # cffi's «cannot load library 'libgobject-2.0-0'»; a broken install
            _UNAVAILABLE.append(PdfUnavailable(f"не могу сформировать PDF: не загружается библиотека ({exc}); "
                                               + install_hint()))  # fmt: skip
    return _UNAVAILABLE[0]


ENGINES = ("auto", "weasyprint", "libreoffice", "none")


def pdf_engine(requested: str) -> str:
    """The engine that makes this run's PDFs: the one asked for (PdfUnavailable when it cannot run
    here), or with «auto» WeasyPrint where its libraries load, else LibreOffice where it is
    installed, else «none» (the package is then written without PDFs, marked incomplete)."""
    from .libreoffice import find_soffice

    if requested == "none":
        return "none"
    if requested in ("auto", "weasyprint") and pdf_unavailable() is None:
        return "weasyprint"
    if requested == "weasyprint":
        raise pdf_unavailable()
    if find_soffice() is not None:
        return "libreoffice"
    if requested == "libreoffice":
        raise PdfUnavailable("--pdf-engine libreoffice: LibreOffice не найден (нет soffice ни в PATH, ни в Program Files); "
                             "установите LibreOffice (libreoffice.org) или выберите другой способ")  # fmt: skip
    return "none"
