"""Стрибог and GOST R 34.10-2012 verification, with the byte orders real CMS files use.

gostcrypto (pure Python, MIT) computes; this module only translates.  The conventions
of RFC 4491 (kept in RFC 9215) for what CryptoPro CSP writes:

- the signature value is s‖r, each big-endian;
- the digest is read as a little-endian integer;
- the public key is an OCTET STRING of X‖Y, each little-endian.

gostcrypto takes r‖s, a big-endian digest and a big-endian X‖Y, hence the reversals below.
"""

from __future__ import annotations

from dataclasses import dataclass

DIGEST_256 = "1.2.643.7.1.1.2.2"
DIGEST_512 = "1.2.643.7.1.1.2.3"
DIGESTS = {DIGEST_256: "streebog256", DIGEST_512: "streebog512"}
DIGEST_NAMES = {DIGEST_256: "ГОСТ Р 34.11-2012 (256 бит)", DIGEST_512: "ГОСТ Р 34.11-2012 (512 бит)"}

KEY_256 = "1.2.643.7.1.1.1.1"
KEY_512 = "1.2.643.7.1.1.1.2"
# SignerInfo.signatureAlgorithm: CryptoPro writes the key's algorithm; others write «signwithdigest».
SIGNATURES = {
    KEY_256: 256,
    KEY_512: 512,
    "1.2.643.7.1.1.3.2": 256,
    "1.2.643.7.1.1.3.3": 512,
}

# Parameter sets of the public key (RFC 7836, R 1323565.1.024-2019) → gostcrypto's curve names.
# The CryptoPro sets of GOST R 34.10-2001 are the same curves as TC26's 256-bit sets B, C, D.
CURVES = {
    "1.2.643.7.1.2.1.1.1": "id-tc26-gost-3410-2012-256-paramSetA",
    "1.2.643.7.1.2.1.1.2": "id-tc26-gost-3410-2012-256-paramSetB",
    "1.2.643.7.1.2.1.1.3": "id-tc26-gost-3410-2012-256-paramSetC",
    "1.2.643.7.1.2.1.1.4": "id-tc26-gost-3410-2012-256-paramSetD",
    "1.2.643.2.2.35.1": "id-tc26-gost-3410-2012-256-paramSetB",  # CryptoPro-A
    "1.2.643.2.2.35.2": "id-tc26-gost-3410-2012-256-paramSetC",  # CryptoPro-B
    "1.2.643.2.2.35.3": "id-tc26-gost-3410-2012-256-paramSetD",  # CryptoPro-C
    "1.2.643.2.2.36.0": "id-tc26-gost-3410-2012-256-paramSetB",  # CryptoPro-XchA
    "1.2.643.2.2.36.1": "id-tc26-gost-3410-2012-256-paramSetD",  # CryptoPro-XchB
    "1.2.643.7.1.2.1.2.1": "id-tc26-gost-3410-12-512-paramSetA",
    "1.2.643.7.1.2.1.2.2": "id-tc26-gost-3410-12-512-paramSetB",
    "1.2.643.7.1.2.1.2.3": "id-tc26-gost-3410-2012-512-paramSetC",
}


@dataclass(frozen=True)
class Curve:
    """Curve parameters as integers (p, a, b, m, q, x, y), as GOST R 34.10-2012 names them."""

    p: int
    a: int
    b: int
    m: int
    q: int
    x: int
    y: int

    @classmethod
    def named(cls, oid: str) -> Curve | None:
        from gostcrypto.gostsignature import CURVES_R_1323565_1_024_2019 as known

        name = CURVES.get(oid)
        return None if name is None else cls(**{k: known[name][k] for k in "pabmqxy"})


def streebog(data: bytes, digest_oid: str) -> bytes:
    """The digest as CryptoPro and OpenSSL write it (the byte string, not the standard's number)."""
    from gostcrypto import gosthash

    return bytes(gosthash.new(DIGESTS[digest_oid], data=data).digest())


def verify_numbers(curve: Curve, bits: int, public: tuple[int, int], e: int, r: int, s: int) -> bool:
    """GOST R 34.10-2012 verification on integers, as the standard states it (RFC 7091 §6.2)."""
    from gostcrypto import gostsignature

    size = bits // 8
    if not (0 < r < curve.q and 0 < s < curve.q):
        return False
    mode = gostsignature.MODE_256 if bits == 256 else gostsignature.MODE_512
    verifier = gostsignature.new(mode, {k: getattr(curve, k) for k in "pabmqxy"})
    key = public[0].to_bytes(size, "big") + public[1].to_bytes(size, "big")
    digest = (e % (1 << bits)).to_bytes(size, "big")
    try:
        return bool(
            verifier.verify(
                bytearray(key), bytearray(digest), bytearray(r.to_bytes(size, "big") + s.to_bytes(size, "big"))
            )
        )
    except gostsignature.GOSTSignatureError:
        return False


def verify_cms(curve: Curve, bits: int, public_key: bytes, digest: bytes, signature: bytes) -> bool:
    """Verification with CMS's byte orders: ``public_key`` X‖Y little-endian, ``digest`` as Стрибог
    wrote it (read little-endian), ``signature`` s‖r big-endian."""
    size = bits // 8
    if len(public_key) != 2 * size or len(signature) != 2 * size or len(digest) != size:
        return False
    public = (int.from_bytes(public_key[:size], "little"), int.from_bytes(public_key[size:], "little"))
    s, r = int.from_bytes(signature[:size], "big"), int.from_bytes(signature[size:], "big")
    return verify_numbers(curve, bits, public, int.from_bytes(digest, "little"), r, s)
