"""Issue 34, point 7: --format json for check, describe, verify and sign --check — every problem
with its stable code and location, every output valid against docs/json-output.schema.json, and
every code documented in docs/problem-codes.md."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from reporting.cli import main
from reporting.kinds import Kind

from . import signing_kit as kit
from .builders import ROSTER, ROSTER_HEADERS, make_inputs
from .conftest import ROOT

jsonschema = pytest.importorskip("jsonschema")
SCHEMA = json.loads((ROOT / "docs" / "json-output.schema.json").read_text(encoding="utf-8"))


def run(*args) -> tuple[int, dict]:
    result = (
        CliRunner(mix_stderr=False).invoke(main, [str(a) for a in args])
        if _mixes()
        else CliRunner().invoke(main, [str(a) for a in args])
    )
    document = json.loads(result.stdout)  # stdout holds the document and nothing else
    jsonschema.validate(document, SCHEMA)
    return result.exit_code, document


def _mixes() -> bool:
    import inspect

    return "mix_stderr" in inspect.signature(CliRunner).parameters


def test_check_of_the_sample(tmp_path):
    code, document = run("check", "--format", "json", "--inputs", ROOT / "inputs")
    assert code == 0 and document["valid"] and document["problems"] == []
    figures = document["figures"]
    assert figures["last_week"] == "2023-12-25" and figures["quarter"] == 2
    teachers = next(i for i in figures["indicators"] if i["category"] == "teachers")
    assert (teachers["active"], teachers["counted"]) == (54, 59)  # what the text output says: 54 из 59
    assert round(teachers["percent"], 1) == 91.5


def test_check_with_a_problem_gives_its_code_and_place(tmp_path):
    headers = ["Должность/категория персонала" if h == "Категория" else h for h in ROSTER_HEADERS]
    code, document = run(
        "check", "--format", "json", "--inputs", make_inputs(tmp_path / "in", roster=[headers, *ROSTER])
    )
    assert code == 2 and not document["valid"] and document["figures"] is None
    (problem,) = document["problems"]
    assert problem["code"] == "missing_column" and problem["file"] == "monitoring.xlsx"
    assert problem["sheet"] == "Сотрудники" and problem["row"] == 1
    assert "describe --write" in problem["hint"]


def test_describe_of_the_sample():
    code, document = run("describe", "--format", "json", "--inputs", ROOT / "inputs")
    assert code == 0 and not document["declared"]
    roster = next(t for t in document["tables"] if t["reads_as"] == "Сотрудники")
    assert {"letter": "B", "role": "ФИО"}.items() <= next(c for c in roster["columns"] if c["letter"] == "B").items()


def test_verify_intact_altered_and_missing(sample_package, tmp_path):
    copy = tmp_path / "Q2"
    shutil.copytree(sample_package, copy)
    assert run("verify", "--format", "json", copy) == (0, run("verify", "--format", "json", copy)[1])
    assert run("verify", "--format", "json", copy)[1]["intact"] is True
    (copy / "summary.json").write_bytes((copy / "summary.json").read_bytes() + b" ")
    code, document = run("verify", "--format", "json", copy)
    assert code == 5 and not document["intact"] and any("summary.json" in f for f in document["findings"])
    code, document = run("verify", "--format", "json", tmp_path / "nowhere")
    assert code == 2 and document["problems"][0]["code"] == "missing_file"


def test_sign_check_valid_invalid_and_not_a_signature(sample_package, tmp_path):
    key = kit.new_key()
    document_path = sample_package / "report.pdf"
    signature = tmp_path / "report.pdf.sig"
    signature.write_bytes(kit.signature(document_path.read_bytes(), key, kit.certificate(key)))
    code, document = run("sign", "--check", "--format", "json", document_path, signature)
    assert code == 0 and document["valid"] and document["signers"][0]["owner"] == "Гайдуков Андрей Николаевич"
    code, document = run("sign", "--check", "--format", "json", sample_package / "roadmap.pdf", signature)
    assert code == 5 and not document["valid"] and document["signers"][0]["findings"]
    code, document = run("sign", "--check", "--format", "json", document_path, sample_package / "summary.json")
    assert code == 2 and document["problems"][0]["code"] == "bad_signature"


def test_every_problem_code_is_documented():
    text = (ROOT / "docs" / "problem-codes.md").read_text(encoding="utf-8")
    for kind in Kind:
        assert f"| `{kind.value}` | {kind.title} |" in text, kind


def test_the_schema_rejects_what_is_not_the_shape():
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"format": "make-report check", "version": 1, "valid": "yes"}, SCHEMA)
