#!/usr/bin/python3
"""Verifies a JWS with PyJWT, independently of jwtcheck.

usage: pyjwt_verify.py TOKEN ALG KEY_KIND KEY_FILE AUDIENCE
  KEY_KIND: pem (SPKI PEM), jwk (one JWK, JSON), secret (raw HMAC bytes)
Prints {"header": ..., "claims": ...} and exits 0 when the token verifies; exits 1 otherwise.
"""
import json
import sys

import jwt


def load_key(kind, path, alg):
    with open(path, "rb") as f:
        data = f.read()
    if kind in ("pem", "secret"):
        return data
    if kind == "jwk":
        return jwt.PyJWK(json.loads(data), algorithm=alg).key
    raise SystemExit(f"unknown key kind {kind}")


def main():
    token, alg, kind, path, audience = sys.argv[1:6]
    key = load_key(kind, path, alg)
    try:
        claims = jwt.decode(token, key, algorithms=[alg], audience=audience,
                            options={"require": ["exp", "iat", "iss", "sub", "aud"]})
    except jwt.PyJWTError as e:
        print(f"REJECTED {type(e).__name__}: {e}")
        return 1
    print(json.dumps({"header": jwt.get_unverified_header(token), "claims": claims}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
