"""Where the templates and the shipped document font live.

Liberation Serif is metric-compatible with Times New Roman and has full
Cyrillic; shipping it keeps the PDFs identical on every machine.
"""

from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
FONTS = TEMPLATES / "fonts"
FAMILY = "Liberation Serif"
DOCX_FAMILY = "Times New Roman"  # Word has it; LibreOffice substitutes Liberation Serif
