#!/usr/bin/python3
"""Mints a DPoP proof (RFC 9449) with python3-jwcrypto, independently of jwtcheck, for interop tests.

usage: mint_dpop_with_python.py ALG KEY_FILE CLAIMS_FILE
  ALG          ES256 ... EdDSA (an asymmetric JWS alg)
  KEY_FILE     PKCS#8 PEM private key
  CLAIMS_FILE  the proof's claims as a JSON object
Prints the proof on stdout: header {"typ":"dpop+jwt","alg":ALG,"jwk":<the public key, as jwcrypto
exports it>}. Any failure (a missing module included) exits non-zero, so the calling test fails.
"""
import json
import sys


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    from jwcrypto import jwk, jws
    from jwcrypto.common import json_encode

    alg, key_file, claims_file = sys.argv[1:]
    with open(key_file, "rb") as f:
        key = jwk.JWK.from_pem(f.read())
    with open(claims_file, "r", encoding="utf-8") as f:
        claims = json.load(f)
    header = {"typ": "dpop+jwt", "alg": alg, "jwk": key.export_public(as_dict=True)}
    proof = jws.JWS(json_encode(claims).encode())
    proof.add_signature(key, alg=None, protected=json_encode(header))
    sys.stdout.write(proof.serialize(compact=True))


if __name__ == "__main__":
    main()
