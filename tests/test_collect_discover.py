"""``collect --discover`` and the members call against a MAX Bot API stub on 127.0.0.1 (issue 31, point 3):
the chats found from the bot's events, their titles and audience, chats.toml, then collect without
--chat; membership kept without personal extras; and a certificate the computer does not trust
named with its issuer, the hint (--ca-file) followed literally."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from reporting.cli import main
from reporting.collect.discover import audience_of, discover, read_chats

from .max_stub import TOKEN, Stub
from .test_collect import client, school

BOT_ADDED = {"update_type": "bot_added", "timestamp": 1, "chat_id": 5001, "user": {"user_id": 404}, "is_channel": False}
PARENTS = {"update_type": "message_created", "timestamp": 2,
           "message": {"recipient": {"chat_id": 6002, "chat_type": "chat"}, "body": {"mid": "m", "text": "x"}}}  # fmt: skip
DIALOG = {"update_type": "message_created", "timestamp": 3,
          "message": {"recipient": {"chat_id": 7003, "chat_type": "dialog"}, "body": {"mid": "d", "text": "y"}}}  # fmt: skip


@pytest.fixture
def stub():
    with Stub() as server:
        server.updates = [[BOT_ADDED, DIALOG], [PARENTS, BOT_ADDED]]
        server.chats = {"5001": {"chat_id": 5001, "type": "chat", "title": "Педагоги СОШ № 24"},
                        "6002": {"chat_id": 6002, "type": "chat", "title": "Родители 5А"}}  # fmt: skip
        yield server


def run(*args, env=None):
    return CliRunner().invoke(main, ["collect", *args], env={"MAX_BOT_TOKEN": TOKEN, **(env or {})})


def test_discover_finds_the_group_chats_of_the_bots_events_with_titles_and_audience(stub):
    said = []
    found, interrupted = discover(client(stub), 1.0, said.append)
    assert [(c.id, c.title, c.audience) for c in found] == [
        ("5001", "Педагоги СОШ № 24", "сотрудники"),
        ("6002", "Родители 5А", "родители"),
    ]  # the private dialog with the bot is no school chat
    assert not interrupted and said[0] == "Найден чат 5001 (bot_added)"
    polls = [r for r in stub.requests if r.startswith("/updates")]
    assert "marker" not in polls[0] and "marker=2" in polls[1]  # each poll asks from where the last ended
    assert all("timeout=" in r for r in polls) and len(polls) <= 30  # a long poll, not a tight loop


def test_discover_write_then_collect_without_chat_takes_them(stub, tmp_path):
    inputs = school(tmp_path / "inputs")
    found = run("--discover", "--seconds", "1", "--write", "--inputs", str(inputs), "--api", stub.url)
    assert found.exit_code == 0, found.output
    assert "5001\tПедагоги СОШ № 24\tаудитория: сотрудники" in found.stdout
    assert [(c.id, c.audience) for c in read_chats(inputs)] == [("5001", "сотрудники"), ("6002", "родители")]
    stub.chats.pop("6002")  # keep the next run to the one chat the stub has messages for
    (inputs / "chats" / "chats.toml").write_text(
        (inputs / "chats" / "chats.toml").read_text(encoding="utf-8").split('[[chat]]\nid = "6002"')[0],
        encoding="utf-8",
    )
    fetched = run("--inputs", str(inputs), "--api", stub.url, "--since", "13.11.2023", "--until", "26.11.2023")
    assert fetched.exit_code == 0, fetched.output
    assert list((inputs / "chats" / "max" / "5001").glob("page-*.json"))


def test_collect_without_a_chat_and_without_chats_toml_says_how_to_find_them(tmp_path):
    result = run("--inputs", str(school(tmp_path / "inputs")))
    assert result.exit_code == 2 and "collect --discover --write" in result.output


def test_members_are_kept_without_avatars_or_usernames_and_last_activity_as_a_day(stub, tmp_path):
    stub.members = [{"user_id": 101, "name": "Анна Иванова", "first_name": "Анна", "last_name": "Иванова",
                     "username": "anna_secret", "avatar_url": "https://i.max.ru/a.jpg", "description": "о себе",
                     "is_bot": False, "join_time": 1693544400000,
                     "last_activity_time": int(dt.datetime(2023, 11, 20, 23, 30, tzinfo=dt.UTC).timestamp() * 1000)}]  # fmt: skip
    inputs = school(tmp_path / "inputs")
    result = run("--chat", "5001", "--inputs", str(inputs), "--api", stub.url, "--since", "13.11.2023",
                 "--until", "14.11.2023")  # fmt: skip
    assert result.exit_code == 0, result.output
    saved = json.loads((inputs / "chats" / "max" / "5001" / "members.json").read_text(encoding="utf-8"))
    assert saved["members"] == [{"user_id": 101, "name": "Анна Иванова", "first_name": "Анна", "last_name": "Иванова",
                                 "is_bot": False, "join_time": 1693544400000, "last_activity_date": "2023-11-20"}]  # fmt: skip


@pytest.mark.parametrize(("title", "audience"), [
    ("Педсовет", "сотрудники"), ("МО учителей начальных классов", "сотрудники"), ("Родительский чат 7Б", "родители"),
    ("9 А класс", "обучающиеся"), ("11-Б", "обучающиеся"), ("Новости", "?"),
])  # fmt: skip
def test_the_audience_is_guessed_from_the_title(title, audience):
    assert audience_of(title) == audience


def self_signed(folder, name: str):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(__import__("ipaddress").ip_address("127.0.0.1"))]), False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    cert, private = folder / "root.pem", folder / "root.key"
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    private.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))  # fmt: skip
    return cert, private


def test_an_untrusted_root_is_named_and_with_ca_file_the_chats_are_found(tmp_path):
    cert, key = self_signed(tmp_path, "Russian Trusted Root CA (test)")
    with Stub(tls=(cert, key)) as server:
        server.updates = [[BOT_ADDED]]
        server.chats = {"5001": {"chat_id": 5001, "type": "chat", "title": "Педагоги"}}
        refused = run("--discover", "--seconds", "1", "--inputs", str(tmp_path), "--api", server.url)
        assert refused.exit_code != 0
        assert "его выдал «Russian Trusted Root CA (test)»" in refused.output and "--ca-file" in refused.output
        assert server.seen_tokens == set()  # nothing was sent to a server the computer does not trust
        found = run("--discover", "--seconds", "1", "--inputs", str(tmp_path), "--api", server.url,
                    "--ca-file", str(cert))  # fmt: skip
        assert found.exit_code == 0, found.output
        assert "5001\tПедагоги\tаудитория: сотрудники" in found.stdout


@pytest.mark.parametrize(("status", "code", "says"), [
    (403, "chat.denied", "сделайте его администратором чата"),
    (404, "chat.not.found", "найдите id чатов командой collect --discover"),
    (400, "access.denied", "сделайте его администратором чата"),
])  # fmt: skip
def test_the_answers_code_gives_the_russian_hint(stub, tmp_path, status, code, says):
    stub.behaviour = lambda s, handler, query: s.send(handler, status, {"code": code, "message": "x"})
    result = run("--chat", "5001", "--inputs", str(school(tmp_path / "inputs")), "--api", stub.url,
                 "--since", "13.11.2023", "--until", "14.11.2023")  # fmt: skip
    assert result.exit_code != 0 and says in result.output and f"код {code}" in result.output


def test_a_trimester_school_collects_from_its_first_periods_start(stub, tmp_path):
    from .builders import SCHOOL_TOML

    inputs = school(tmp_path / "inputs")
    calendar = SCHOOL_TOML[SCHOOL_TOML.index("quarters = [") :]
    trimesters = ('kind = "триместр"\nperiods = [["2023-09-04", "2023-11-24"], ["2023-12-04", "2024-02-22"], '
                  '["2024-03-04", "2024-05-24"]]\n')  # fmt: skip
    (inputs / "school.toml").write_text(SCHOOL_TOML.replace(calendar, trimesters), encoding="utf-8")
    result = run("--chat", "5001", "--inputs", str(inputs), "--api", stub.url, "--until", "14.11.2023")
    assert result.exit_code == 0, result.output
    first = next(r for r in stub.requests if r.startswith("/messages"))
    msk = dt.timezone(dt.timedelta(hours=3))
    assert f"to={int(dt.datetime(2023, 9, 4, tzinfo=msk).timestamp() * 1000)}" in first  # the first trimester's day
