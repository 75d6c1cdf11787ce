"""Templates are untrusted input: a school's own ``--templates`` come from anyone.

Every template — HTML for the PDFs, the XML inside a Word template — renders in
Jinja2's immutable sandbox, with only the display view in reach: plain data
(dicts, lists, text, numbers) and Jinja's own loop and macro objects.  No
attribute of any other object, no global beyond ``range``, nothing that
mutates.  Templates are read only from their folder, never through a link;
a Word template may not reach outside itself (external relationships) or
carry a DTD.  A template that cannot be used is a located input problem
(file and line), never an internal error.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import zipfile
from pathlib import Path

from jinja2 import BaseLoader, StrictUndefined, TemplateError, TemplateNotFound, TemplateSyntaxError
from jinja2.runtime import LoopContext, Macro, Undefined
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from ..errors import InputError, Problem
from ..kinds import Kind

MAX_TEMPLATE_BYTES = 5 * 1024**2  # the shipped ones are under 20 KB; a Word template with a logo, a few MB
_PLAIN = (dict, list, tuple, str, int, float, bool, type(None), Markup, dt.date, LoopContext, Undefined)


class DocumentSandbox(ImmutableSandboxedEnvironment):
    """Attributes only of plain data and of Jinja's loop, macro and imported-module objects."""

    def is_safe_attribute(self, obj, attr, value) -> bool:
        from jinja2.environment import TemplateModule

        if not isinstance(obj, _PLAIN + (TemplateModule,)):
            return False
        return super().is_safe_attribute(obj, attr, value)

    def is_safe_callable(self, obj) -> bool:
        return isinstance(obj, Macro) or super().is_safe_callable(obj)


def sandbox(loader: BaseLoader | None = None) -> DocumentSandbox:
    env = DocumentSandbox(loader=loader, autoescape=True, undefined=StrictUndefined)
    env.globals = {"range": env.globals["range"]}  # no cycler, joiner, namespace, lipsum, dict
    from .typography import plain

    env.filters["plain"] = plain  # metadata: plain spaces, for search, and no marks of typography
    return env


class TemplateRefused(TemplateError):
    """A template file that may not be read (a link, not UTF-8, too large)."""

    def __init__(self, path: Path, message: str):
        self.path = path
        super().__init__(message)


def read_template(path: Path) -> bytes:
    """A template's bytes, never through a link (a link could print /etc/passwd into a report)."""
    if path.is_symlink():
        raise TemplateRefused(path, "шаблон — ссылка на другой файл; ссылки не читаются")
    try:
        size = path.stat().st_size
        if size > MAX_TEMPLATE_BYTES:
            raise TemplateRefused(path, f"шаблон больше {MAX_TEMPLATE_BYTES // 1024**2} МБ")
        return path.read_bytes()
    except OSError as exc:
        raise TemplateRefused(path, f"шаблон не читается: {exc.strerror or exc}") from None


class FolderLoader(BaseLoader):
    """Templates by name from a list of folders, first match wins, each name inside its folder."""

    def __init__(self, folders: tuple[Path, ...]):
        self.folders = folders

    def get_source(self, environment, template: str):
        from jinja2.loaders import split_template_path

        pieces = split_template_path(template)  # refuses «..» and absolute names
        for folder in self.folders:
            path = folder.joinpath(*pieces)
            if not (path.is_file() or path.is_symlink()):
                continue
            data = read_template(path)
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                line = data[: exc.start].count(b"\n") + 1
                raise TemplateSyntaxError("шаблон не в кодировке UTF-8", line, template, str(path)) from None
            return text, str(path), lambda: True
        raise TemplateNotFound(template)


def template_problem(exc: BaseException, name: str, custom: Path | None) -> Problem | None:
    """The located problem a template failure is, or None when it is not a template's fault."""
    file, line, message = _where(exc, name)
    if isinstance(exc, TemplateRefused):
        file, message = str(exc.path), str(exc)
    elif isinstance(exc, TemplateNotFound):
        message = f"шаблон подключает файл «{exc.name}», которого нет ни в папке шаблонов, ни в поставке"
    elif isinstance(exc, TemplateSyntaxError):
        message = f"ошибка в шаблоне: {exc.message}"
    elif isinstance(exc, TemplateError):
        message = f"шаблон не заполняется: {_in_russian(str(exc.message or exc))}"
    elif isinstance(exc, zipfile.BadZipFile) and name.endswith(".docx"):
        message = "это не документ Word (.docx): файл не открывается как .docx"
    else:
        return None
    if custom is None:
        return None  # the shipped templates failing is a defect of the tool: an internal error
    if file.endswith(".docx"):
        line = None  # a line of the XML inside means nothing to whoever edits the Word file
    where = "в указанной строке" if line else "в Word или текстовом редакторе"
    hint = f"Исправьте шаблон {where} или уберите его из папки --templates (возьмётся шаблон из поставки)"
    return Problem(Kind.BAD_TEMPLATE, _shown(file, custom), message, row=line, hint=hint)


_JINJA_MESSAGES = (
    (re.compile(r"access to attribute '([^']*)' of '([^']*)' object is unsafe\.?"),
     r"обращаться к «\1» нельзя: шаблону доступны только данные документа (v.…)"),
    (re.compile(r"'[^']*' has no attribute '([^']*)'"), r"в данных документа нет поля «\1»"),
    (re.compile(r"'([^']*)' is undefined"), r"«\1» не определено: шаблону доступны v, mark и chart"),
    (re.compile(r".* is not safely callable"), r"вызывать это в шаблоне нельзя"),
)  # fmt: skip


def _in_russian(message: str) -> str:
    for pattern, russian in _JINJA_MESSAGES:
        if pattern.fullmatch(message):
            return pattern.sub(russian, message)
    return message.rstrip(".")


def _where(exc: BaseException, name: str) -> tuple[str, int | None, str]:
    """The template file and line an error came from: a syntax error names them; a render error
    is found in the traceback, among the frames of compiled templates."""
    if isinstance(exc, TemplateSyntaxError):
        return exc.filename or name, exc.lineno, str(exc)
    file, line = name, None
    tb = exc.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename.endswith((".j2", ".docx")) or code.co_filename == "<template>":
            file, line = (code.co_filename if code.co_filename != "<template>" else name), tb.tb_lineno
        tb = tb.tb_next
    return file, line, str(exc)


def _shown(file: str, custom: Path) -> str:
    path = Path(file)
    if path.is_absolute() and path.is_relative_to(custom.resolve()):
        return (custom / path.relative_to(custom.resolve())).as_posix()
    if path.is_absolute():
        return f"{path.name} (шаблон из поставки)"
    return (custom / file).as_posix()


@contextlib.contextmanager
def template_errors(name: str, custom: Path | None):
    """Turn a template's failure into a located input problem (exit 2)."""
    try:
        yield
    except (TemplateError, zipfile.BadZipFile) as exc:
        problem = template_problem(exc, name, custom)
        if problem is None:
            raise
        raise InputError([problem]) from exc
