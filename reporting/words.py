"""Russian counted nouns: «1 столбец», «2 столбца», «5 столбцов» by CLDR's plural rule.

A leaf module (it imports nothing of the tool), so that errors, the CLI and the renderers all
use the one rule; ``tests/test_formatting.py`` scans the code for counts written with a
hard-coded noun.
"""

from __future__ import annotations

NBSP = "\u00a0"
TIMES = ("раз", "раза", "раз")
COLUMNS = ("столбец", "столбца", "столбцов")
PROBLEMS = ("проблема", "проблемы", "проблем")
WEEKS = ("неделя", "недели", "недель")
SIGNS = ("знак", "знака", "знаков")
PROBLEM_GROUPS = ("группа проблем", "группы проблем", "групп проблем")
MESSAGES = ("сообщение", "сообщения", "сообщений")


def plural_form(count: int) -> int:
    """CLDR's Russian rule for whole numbers: 0 «one» (1, 21, 101), 1 «few» (2–4, 22–24), 2 «many»."""
    if count % 10 == 1 and count % 100 != 11:
        return 0
    if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        return 1
    return 2


def genitive(count: int, one: str, many: str) -> str:
    """The noun after «не менее», «около», «до» and a count: «21 сообщения», «10 сообщений», «21 ячейки»."""
    return one if plural_form(count) == 0 else many


def counted(count: int, forms: tuple[str, str, str], space: str = NBSP) -> str:
    """«1 педагогический работник», «3 … работника», «5 … работников»."""
    return f"{count}{space}{forms[plural_form(count)]}"
