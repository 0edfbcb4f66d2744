#!/usr/bin/python3
"""Mints a compact JWS with an implementation independent of jwtcheck, for interop tests.

usage: mint_with_python.py LIBRARY ALG KID KEY_FILE CLAIMS_FILE
  LIBRARY      pyjwt (python3-jwt) or jwcrypto (python3-jwcrypto)
  ALG          RS256 ... EdDSA, HS256 ...
  KEY_FILE     PKCS#8 PEM private key, or the raw HMAC secret for HS*
  CLAIMS_FILE  the claims as a JSON object
Prints the token on stdout. Any failure (a missing module included) exits non-zero, so the
calling test fails instead of skipping.
"""
import json
import sys


def mint_pyjwt(alg, kid, key_bytes, claims):
    import jwt
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    key = key_bytes if alg.startswith("HS") else load_pem_private_key(key_bytes, password=None)
    return jwt.encode(claims, key, algorithm=alg, headers={"kid": kid, "typ": "JWT"})


def mint_jwcrypto(alg, kid, key_bytes, claims):
    from jwcrypto import jwk, jws
    from jwcrypto.common import json_encode

    if alg.startswith("HS"):
        key = jwk.JWK(kty="oct", k=jwk.base64url_encode(key_bytes))
    else:
        key = jwk.JWK.from_pem(key_bytes)
    token = jws.JWS(json_encode(claims).encode())
    token.add_signature(key, alg=None, protected=json_encode({"alg": alg, "kid": kid, "typ": "JWT"}))
    return token.serialize(compact=True)


def main():
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    library, alg, kid, key_file, claims_file = sys.argv[1:]
    with open(key_file, "rb") as f:
        key_bytes = f.read()
    with open(claims_file, "r", encoding="utf-8") as f:
        claims = json.load(f)
    mint = {"pyjwt": mint_pyjwt, "jwcrypto": mint_jwcrypto}[library]
    sys.stdout.write(mint(alg, kid, key_bytes, claims))


if __name__ == "__main__":
    main()
