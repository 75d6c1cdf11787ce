"""Issue 33, point 8: a Dask scheduler only over TLS with the district's certificates, or plain TCP
on this machine's loopback; anything else is refused before any connection is made."""

from __future__ import annotations

import time

import pytest

from .test_municipal import municipal_inputs, municipal_package  # noqa: F401 (a fixture)

distributed = pytest.importorskip("distributed")


@pytest.fixture
def no_connection(monkeypatch):
    """Any attempt to reach a scheduler fails the test: the refusal must come first."""

    def refuse(*args, **kwargs):
        raise AssertionError("a connection was attempted")

    monkeypatch.setattr(distributed, "Client", refuse)


@pytest.mark.parametrize("address", ["tcp://10.0.0.5:8786", "tcp://192.168.1.20:8786", "scheduler.district.local:8786",
                                     "tcp://example.org:8786", "tcp://[2001:db8::1]:8786", "tcp://0.0.0.0:8786"])  # fmt: skip
def test_plain_tcp_to_another_machine_is_refused_at_once(tmp_path, run_cli, no_connection, address):
    started = time.monotonic()
    run = run_cli(municipal_inputs(tmp_path), 2, "--each-organization", "--data-only", "--scheduler", address)
    assert time.monotonic() - started < 10
    assert run.exit_code == 2, run.output
    assert "по tcp:// Dask передаёт данные без шифрования и исполняет присланный ему код" in run.output
    assert "openssl req -x509" in run.output and "--scheduler tls://" in run.output
    assert not run.outputs.exists() or not any(run.outputs.rglob("*.json"))


@pytest.mark.parametrize("address", ["inproc://x", "ws://10.0.0.5:8786", "tls://host", "tls://:8786"])
def test_other_forms_are_refused_too(tmp_path, run_cli, no_connection, address):
    run = run_cli(municipal_inputs(tmp_path), 2, "--each-organization", "--data-only", "--scheduler", address)
    assert run.exit_code == 2 and "tls://АДРЕС:8786" in run.output, run.output


def test_tls_without_its_certificates_says_which_and_how_to_make_them(tmp_path, run_cli, no_connection):
    run = run_cli(municipal_inputs(tmp_path), 2, "--each-organization", "--data-only", "--scheduler",
                  "tls://10.0.0.5:8786", "--scheduler-ca", str(tmp_path / "nowhere.pem"))  # fmt: skip
    assert run.exit_code == 2, run.output
    assert "--scheduler-ca: файла нет" in run.output
    assert "--scheduler-cert: для tls:// нужны три файла" in run.output and "openssl x509 -req" in run.output


def certificates(folder):
    """A CA and a certificate it signed, as files (Dask's own temporary credentials: one certificate
    serves the scheduler, its workers and this client)."""
    from distributed.security import Security

    temporary = Security.temporary()
    paths = {}
    for name, text in (("ca", temporary.tls_ca_file), ("cert", temporary.tls_client_cert),
                       ("key", temporary.tls_client_key)):  # fmt: skip
        paths[name] = folder / f"{name}.pem"
        paths[name].write_text(text, encoding="ascii")
    return paths


def test_a_tls_cluster_gives_the_same_packages(tmp_path, run_cli, municipal_package):  # noqa: F811
    from distributed import LocalCluster
    from distributed.security import Security

    folder, local_package = municipal_package
    files = certificates(tmp_path)
    secured = Security(tls_ca_file=str(files["ca"]), tls_scheduler_cert=str(files["cert"]),
                       tls_scheduler_key=str(files["key"]), tls_worker_cert=str(files["cert"]),
                       tls_worker_key=str(files["key"]), tls_client_cert=str(files["cert"]),
                       tls_client_key=str(files["key"]), require_encryption=True)  # fmt: skip
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, protocol="tls",
                      security=secured) as cluster:  # fmt: skip
        assert cluster.scheduler_address.startswith("tls://")
        remote = run_cli(folder, 2, "--each-organization", "--scheduler", cluster.scheduler_address,
                         "--scheduler-ca", str(files["ca"]), "--scheduler-cert", str(files["cert"]),
                         "--scheduler-key", str(files["key"]), outputs=tmp_path / "dask")  # fmt: skip
        # the same cluster without the client's certificate: TLS is required both ways
        other = Security.temporary()
        stranger = tmp_path / "stranger"
        stranger.mkdir()
        for name, text in (("ca", other.tls_ca_file), ("cert", other.tls_client_cert), ("key", other.tls_client_key)):
            (stranger / f"{name}.pem").write_text(text, encoding="ascii")
        import reporting.municipal

        reporting.municipal.CONNECT_TIMEOUT, before = 3.0, reporting.municipal.CONNECT_TIMEOUT
        try:
            refused = run_cli(folder, 2, "--each-organization", "--data-only", "--scheduler",
                              cluster.scheduler_address, "--scheduler-ca", str(stranger / "ca.pem"),
                              "--scheduler-cert", str(stranger / "cert.pem"), "--scheduler-key",
                              str(stranger / "key.pem"), outputs=tmp_path / "stranger-out")  # fmt: skip
        finally:
            reporting.municipal.CONNECT_TIMEOUT = before
    assert remote.exit_code == 0 and "не удалось 0" in remote.output, remote.output
    made = sorted(p.relative_to(local_package / "organizations") for p in (local_package / "organizations").rglob("*")
                  if p.is_file())  # fmt: skip
    assert {p.suffix for p in made} >= {".pdf", ".docx", ".json", ".xlsx"}
    for path in made:
        assert (remote.package / "organizations" / path).read_bytes() == (
            local_package / "organizations" / path
        ).read_bytes(), path
    assert refused.exit_code == 1 and "недоступен" in refused.output, refused.output
