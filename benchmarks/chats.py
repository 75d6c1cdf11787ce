"""Chat exports of 1 000 000 messages: read as a stream into an extract, then counted per person
and week (what check and build do), with messages per second and peak memory.

Goal (issue 19): at least 500 000 messages a second, within bounded memory (the export is never
held whole).  Each format is run in a fresh process so that peak memory is its own.

Usage: python benchmarks/chats.py [MESSAGES] [--keep FOLDER]
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TEXTS = ["Добрый день, коллеги!", "Напоминаю о собрании в 15:00", "Ок", "Спасибо",
         "Расписание на завтра во вложении, прошу ознакомиться и подтвердить получение до вечера."]  # fmt: skip
START = 1_694_000_000  # 06.09.2023


def write_vk(path: Path, count: int) -> None:
    """alexsovi/VKSferumChatExport's history.json (indent=4, as it writes it)."""
    picked = random.Random(1)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("[\n")
        for i in range(count):
            who = picked.randint(1, 80) if i % 50 else -123
            item = {"date": START + i * 20, "from_id": who, "text": picked.choice(TEXTS),
                    "attachments": [] if i % 7 else ["sferum_dump/2000000001/attachments/photo.jpg"]}  # fmt: skip
            handle.write(("" if i == 0 else ",\n") + json.dumps(item, ensure_ascii=False, indent=4))
        handle.write("\n]")


def write_telegram(path: Path, count: int) -> None:
    picked = random.Random(2)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write('{\n "name": "Педсовет",\n "type": "private_supergroup",\n "id": 777,\n "messages": [\n')
        for i in range(count):
            who = picked.randint(1, 80)
            item = {"id": i, "type": "message", "date": "2023-11-07T09:15:00", "date_unixtime": str(START + i * 20),
                    "from": f"Сотрудник {who}", "from_id": f"user{who}", "text": picked.choice(TEXTS),
                    "text_entities": [{"type": "plain", "text": "x"}]}  # fmt: skip
            handle.write(("" if i == 0 else ",\n") + json.dumps(item, ensure_ascii=False))
        handle.write("\n ]\n}")


def run(path: Path, kind: str) -> None:
    """In this process: read the export and count it, as a build does."""
    import datetime as dt

    from reporting.errors import Problems
    from reporting.inputs import Person, School
    from reporting.read.chats import read_export
    from reporting.validate.chats import count_chats

    school = School("Школа", "Школа", "Директор", "И.И. Иванов", "MAX", "2023/2024",
                    ((dt.date(2023, 9, 1), dt.date(2023, 10, 27)), (dt.date(2023, 11, 7), dt.date(2023, 12, 29)),
                     (dt.date(2024, 1, 9), dt.date(2024, 3, 22)), (dt.date(2024, 4, 1), dt.date(2024, 5, 24))))  # fmt: skip
    people = [Person(f"#{i}", f"Сотрудник{i} Имя{i}", "teachers", platform_ids=(("*", str(i)),)) for i in range(1, 81)]
    begin = time.perf_counter()
    extract = read_export(path, f"chats/{path.name}")
    read = time.perf_counter() - begin
    data = extract.to_bytes()
    written = time.perf_counter() - begin - read
    counted_at = time.perf_counter()
    counts = count_chats([extract], people, school, Problems())
    count = time.perf_counter() - counted_at
    total = time.perf_counter() - begin
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    n = len(extract.messages)
    print(
        f"{kind:<9} {n:>9} messages  {path.stat().st_size / 2**20:6.0f} MiB  read {read:5.2f} s "
        f"({n / read:9,.0f}/s)  extract {written:4.2f} s ({len(data) / 2**20:.0f} MiB)  count {count:4.2f} s  "
        f"total {total:5.2f} s ({n / total:9,.0f}/s)  peak {peak:6.0f} MiB  weeks {len(counts.weeks)}"
    )


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--run":
        run(Path(sys.argv[3]), sys.argv[2])
        return
    count = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 1_000_000
    folder = Path(sys.argv[sys.argv.index("--keep") + 1]) if "--keep" in sys.argv else Path(tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    for kind, writer, name in (("vk", write_vk, "history.json"), ("telegram", write_telegram, "result.json")):
        path = folder / kind / name
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            writer(path, count)
        subprocess.run([sys.executable, __file__, "--run", kind, str(path)], check=True)
    print("goal: at least 500 000 messages a second (total), memory bounded (the export is not held whole)")


if __name__ == "__main__":
    main()
