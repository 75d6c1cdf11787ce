"""The school's periods (issue 31): quarters, trimesters, modules or half-years, and every word a
document, a file name or a message says of them, in correct Russian.

A leaf module (it imports nothing of the tool), like ``words.py``: the validator, the model, the
renderers and the faces all take their «за 2 триместр», «по итогам 2 триместра», «в этом модуле»
from here, never from a hard-coded «четверть».  Since 2025/26 a school may work in trimesters; some
vote for a modular calendar (five or six modules, a week's break between)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PeriodKind:
    name: str  # nominative = accusative: «четверть», «триместр», «модуль», «полугодие»
    genitive: str  # «четверти», «триместра», «модуля», «полугодия»
    prepositional: str  # «(в) четверти», «(в) триместре», «(в) модуле», «(в) полугодии»
    dative: str  # «(к) четверти», «(к) триместру», «(к) модулю», «(к) полугодию»
    genitive_plural: str  # «четвертей», «триместров», «модулей», «полугодий»
    plural: str  # «(делится на) четверти», «триместры», «модули», «полугодия»
    gender: str  # «f», «m», «n»: the adjectives and verbs agree with it
    letter: str  # the archive folder: Q2, T2, M3, H1
    counts: tuple[int, ...]  # how many periods a school year of this kind has

    def adjective(self, feminine: str, masculine: str, neuter: str) -> str:
        return {"f": feminine, "m": masculine, "n": neuter}[self.gender]

    def numbered(self, number: int) -> str:
        """«2 четверть», «3 модуль» (the nominative and the accusative: «за 2 триместр»)."""
        return f"{number} {self.name}"

    def of_numbered(self, number: int) -> str:
        """«2 четверти», «3 модуля»: «итоги 2 триместра», «мониторинг 3 модуля»."""
        return f"{number} {self.genitive}"

    @property
    def this_in(self) -> str:
        """«в этой четверти», «в этом триместре», «в этом полугодии»."""
        return f"в {self.adjective('этой', 'этом', 'этом')} {self.prepositional}"

    @property
    def previous_of(self) -> str:
        """«предыдущей четверти», «предыдущего модуля»."""
        return f"{self.adjective('предыдущей', 'предыдущего', 'предыдущего')} {self.genitive}"

    @property
    def next_of(self) -> str:
        """«следующей четверти», «следующего триместра»."""
        return f"{self.adjective('следующей', 'следующего', 'следующего')} {self.genitive}"

    def ended(self, past: bool = True) -> str:
        """«закончилась», «закончился», «закончилось» (``past``), else «закончится» for all."""
        return self.adjective("закончилась", "закончился", "закончилось") if past else "закончится"

    def folder(self, number: int) -> str:
        return f"{self.letter}{number}"


KINDS = {
    "четверть": PeriodKind("четверть", "четверти", "четверти", "четверти", "четвертей", "четверти", "f", "Q", (4,)),
    "триместр": PeriodKind(
        "триместр", "триместра", "триместре", "триместру", "триместров", "триместры", "m", "T", (3,)
    ),
    "модуль": PeriodKind("модуль", "модуля", "модуле", "модулю", "модулей", "модули", "m", "M", (4, 5, 6)),
    "полугодие": PeriodKind(
        "полугодие", "полугодия", "полугодии", "полугодию", "полугодий", "полугодия", "n", "H", (2,)
    ),
}
QUARTER = KINDS["четверть"]
FOLDER_LETTERS = frozenset(kind.letter for kind in KINDS.values())


def kind_named(name: str) -> PeriodKind | None:
    """The kind as school.toml writes it («триместр», «Триместры», «trimester»); None when it is none."""
    text = name.strip().lower().replace("ё", "е")
    aliases = {"quarter": "четверть", "trimester": "триместр", "module": "модуль", "semester": "полугодие",
               "half-year": "полугодие", "четверти": "четверть", "триместры": "триместр", "модули": "модуль",
               "полугодия": "полугодие"}  # fmt: skip
    return KINDS.get(aliases.get(text, text))
