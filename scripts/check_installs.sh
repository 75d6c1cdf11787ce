#!/usr/bin/env bash
# Three installs that `make test` does not make (it borrows the dev environment's packages):
#   1. the declared floors: every direct dependency at its lowest allowed version (uv's
#      --resolution lowest-direct), then a part of the test suite against that install;
#   2. the wheel resolved from the package index as a user's pip does, then a whole Q2 package;
#   3. the sdist unpacked, its dev group installed from the index, and plain `pytest` run in it:
#      the whole suite, from the sdist's own files (issue 34, point 6).
# Both run from a copy of the tests outside the checkout, so the install is what is tested.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
$BIN/python -m pip install --quiet uv
$BIN/python -m pip wheel --quiet --no-deps --no-build-isolation -w "$work/dist" .
wheel=$(ls "$work"/dist/make_report-*.whl)
cp -r tests inputs docs "$work/"

echo "== floors: lowest direct dependencies"
$BIN/uv venv --quiet -p "$($BIN/python -c 'import sys; print(sys.executable)')" "$work/floors"
# The checkout itself, not the wheel: only then are its dependencies "direct" for the resolution.
VIRTUAL_ENV="$work/floors" $BIN/uv pip install --quiet --resolution lowest-direct . \
  "pytest>=8" "hypothesis>=6.100" "openpyxl>=3.1" "pypdf>=4.3.1" "pikepdf[pdfa]>=10.16" "httpx>=0.27"
VIRTUAL_ENV="$work/floors" $BIN/uv pip list | grep -iE '^(click|weasyprint|numpy|pillow|fonttools|jinja2|docxtpl|python-docx|python-calamine|xlsxwriter|filelock|defusedxml|asn1crypto|gostcrypto|cryptography|pypdf|segno|starlette|uvicorn|python-multipart) '
(cd "$work" && floors/bin/python -m pytest -q -p no:cacheprovider -o addopts= \
  tests/test_formatting.py tests/test_unchecked_inputs.py tests/test_reading.py tests/test_statuses.py \
  tests/test_archive.py tests/test_templates_safety.py tests/test_rounding.py tests/test_outputs.py \
  tests/test_hidden_and_marks.py tests/test_ods.py tests/test_signature_crypto.py tests/test_sign_command.py \
  tests/test_qr.py tests/test_libreoffice_route.py tests/test_rerun_engine.py tests/test_roadmap_structure.py \
  tests/test_people_posts.py tests/test_roadmap_colours.py tests/test_signature_trust.py tests/test_registration.py \
  tests/test_split_names.py tests/test_subcolumns.py tests/test_period_files.py tests/test_uploads.py \
  tests/test_sheet_preview.py tests/test_web_security.py tests/test_web_pages.py)

echo "== from the index: the wheel as a user installs it"
$BIN/python -m venv "$work/user"
"$work/user/bin/python" -m pip install --quiet "$wheel"
(cd "$work" && user/bin/make-report --quarter 2 --inputs inputs --outputs archive -q \
  && user/bin/make-report verify archive/2023-2024/Q2 -q \
  && user/bin/make-report sign --check tests/fixtures/signatures/gost_test.txt tests/fixtures/signatures/gost_test.txt.p7s -q)
du -sh "$work/user" | sed 's/^/install size of a user venv: /'

echo "== the sdist tests itself: plain pytest in the unpacked sdist"
$BIN/python -m build --sdist --outdir "$work/sdist" . >/dev/null
tar -xzf "$work"/sdist/make_report-*.tar.gz -C "$work/sdist"
source_dir=$(ls -d "$work"/sdist/make_report-*/)
$BIN/python -m venv "$work/sdist-venv"
"$work/sdist-venv/bin/python" -m pip install --quiet --upgrade pip
(cd "$source_dir" && "$work/sdist-venv/bin/python" -m pip install --quiet . --group dev \
  && "$work/sdist-venv/bin/python" -m pytest -q -p no:cacheprovider)
