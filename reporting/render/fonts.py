"""Where the templates and the shipped document font live.

Liberation Serif is metric-compatible with Times New Roman and has full
Cyrillic; shipping it keeps the PDFs identical on every machine.
"""

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path


def _templates() -> Path:
    """The shipped templates: package data (reporting/templates/, a real folder in any pip or pipx
    install), or templates/ beside reporting/ where the sources run uninstalled (an unpacked sdist
    or a checkout on sys.path: «pytest» there); an editable install's mapping otherwise."""
    package = Path(__file__).resolve().parents[1]
    for candidate in (package / "templates", package.parent / "templates"):
        if (candidate / "report.html.j2").is_file():
            return candidate
    return Path(str(files("reporting.templates"))).resolve()


TEMPLATES = _templates()
FONTS = TEMPLATES / "fonts"
FAMILY = "Liberation Serif"
FILES = (
    "LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold.ttf",
    "LiberationSerif-Italic.ttf",
    "LiberationSerif-BoldItalic.ttf",
)


TEMPLATE_FILES = (
    "report.html.j2", "roadmap.html.j2", "letter.html.j2", "_blocks.html.j2", "document.css",
    "report.docx", "roadmap.docx", "letter.docx",
)  # fmt: skip


@dataclass(frozen=True)
class Templates:
    """The templates a run lays its documents out with: a school's own folder (``--templates``)
    first, for whichever files it holds, then the shipped ones; the font is always the shipped one."""

    custom: Path | None = None

    @property
    def folders(self) -> tuple[Path, ...]:
        return (self.custom.resolve(), TEMPLATES) if self.custom else (TEMPLATES,)

    def find(self, name: str) -> Path:
        return next((folder / name for folder in self.folders if (folder / name).is_file()), TEMPLATES / name)

    def resource(self, path: Path) -> Path | None:
        """A file a PDF may load: under one of the folders (a name missing from the school's own
        folder falls back to the shipped one); anything else is refused."""
        for folder in self.folders:
            if path.is_relative_to(folder):
                found = self.find(str(path.relative_to(folder)))
                return found if found.is_file() else None
        return None


def check_fonts() -> None:
    """Refuse to render rather than fall back silently to another font."""
    from ..errors import SetupError

    missing = [name for name in FILES if not (FONTS / name).is_file()]
    if missing:
        raise SetupError(f"не найдены файлы шрифта в {FONTS}: {', '.join(missing)}; переустановите программу")
