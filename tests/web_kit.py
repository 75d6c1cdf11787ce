"""The web face under test: an app over a folder, a signed-in TestClient, and the requests a page makes."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from starlette.testclient import TestClient

from reporting.web import WebSettings, create_app

ROOT = Path(__file__).resolve().parents[1]
PORT = 8765
ORIGIN = f"http://127.0.0.1:{PORT}"


@dataclass
class Face:
    client: TestClient
    app: object
    inputs: Path
    outputs: Path
    csrf: str = ""

    def post(self, url: str, **kw):
        headers = {"origin": ORIGIN, "x-csrf-token": self.csrf, "hx-request": "true", **kw.pop("headers", {})}
        return self.client.post(url, headers=headers, **kw)

    def upload(self, *files: tuple[str, bytes]):
        return self.post("/upload", files=[("files", (name, data)) for name, data in files])


def face(
    tmp_path: Path, inputs: Path | None = None, cap: int | None = None, jobs=None, trust: Path | None = None
) -> Face:
    """An app over a copy of ``inputs`` (the sample by default), signed in with its one-time token."""
    folder = tmp_path / "inputs"
    if inputs is None:
        shutil.copytree(ROOT / "inputs", folder)
    elif inputs != folder:
        shutil.copytree(inputs, folder)
    outputs = tmp_path / "outputs"
    outputs.mkdir(exist_ok=True)
    settings = WebSettings(folder, outputs, "127.0.0.1", PORT, trust=trust, **({"upload_cap": cap} if cap else {}))
    app = create_app(settings, jobs=jobs)
    client = TestClient(app, base_url=ORIGIN)
    token = app.state.sessions.new_login_token()
    assert client.get(f"/login?token={token}", follow_redirects=False).status_code == 303
    page = client.get("/")
    csrf = re.search(r'"X-CSRF-Token": "([^"]+)"', page.text).group(1)
    return Face(client, app, folder, outputs, csrf)
