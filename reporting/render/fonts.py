"""Where the templates and the shipped document font live.

Liberation Serif is metric-compatible with Times New Roman and has full
Cyrillic; shipping it keeps the PDFs identical on every machine.
"""

from importlib.resources import files
from pathlib import Path

# Package data (installed from the checkout's templates/): a real folder in any pip/pipx install.
TEMPLATES = Path(str(files("reporting.templates"))).resolve()
FONTS = TEMPLATES / "fonts"
FAMILY = "Liberation Serif"
FILES = (
    "LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold.ttf",
    "LiberationSerif-Italic.ttf",
    "LiberationSerif-BoldItalic.ttf",
)


def check_fonts() -> None:
    """Refuse to render rather than fall back silently to another font."""
    from ..errors import SetupError

    missing = [name for name in FILES if not (FONTS / name).is_file()]
    if missing:
        raise SetupError(f"не найдены файлы шрифта в {FONTS}: {', '.join(missing)}; переустановите программу")
