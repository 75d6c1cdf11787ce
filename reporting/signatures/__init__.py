"""Electronic signatures made outside the tool (КриптоПро, КриптоАРМ, Госуслуги): read, checked,
recorded in a package, and shown on a print copy.

    cms.py          a CMS (PKCS#7) SignedData in DER, PEM or bare base64 → its signers
    certificate.py  the signer's certificate: serial, owner, validity, public key
    gost.py         Стрибог (GOST R 34.11-2012) and GOST R 34.10-2012 with CryptoPro's byte orders
    check.py        one signature against one file: digest, signature, signing time
    record.py       which package file a signature signs, and what the manifest records of it
    sign.py         ``make-report sign``: the signatures into the package, atomically
    mark.py         the words of the mark on a print copy

What is not checked: the certificate chain, revocation and qualified status.
"""
