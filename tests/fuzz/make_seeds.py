#!/usr/bin/python3
"""Writes the fuzz seed corpora (tests/fuzz/corpus/<target>/) from tests/vectors and fixed keys.

Run with Debian's python (it needs python3-jwcrypto and python3-cryptography):
    /usr/bin/python3 tests/fuzz/make_seeds.py
The corpora are committed; rerun only when the vectors or the fixed keys change.
"""
import hashlib
import json
import pathlib

from jwcrypto import jwk, jws

HERE = pathlib.Path(__file__).resolve().parent
VECTORS = HERE.parent / "vectors"
CORPUS = HERE / "corpus"
FIXED_NOW = 1800000000
HMAC_SECRET = b"fuzz-hmac-secret-32-bytes-long!!"


def write(target, data):
    if isinstance(data, str):
        data = data.encode()
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


def rfc_vectors():
    for path in sorted((VECTORS / "rfc").glob("*.json")):
        yield json.loads(path.read_text())


def wycheproof_jws():
    doc = json.loads((VECTORS / "wycheproof" / "json_web_signature_test.json").read_text())
    for group in doc["testGroups"]:
        for test in group["tests"]:
            yield group, test


def sign(key, alg, claims, header_extra=None):
    header = {"alg": alg, "typ": "JWT", "kid": key.get("kid", "hs")}
    header.update(header_extra or {})
    token = jws.JWS(json.dumps(claims, separators=(",", ":")).encode())
    token.add_signature(key, alg=alg, protected=json.dumps(header, separators=(",", ":")))
    return token.serialize(compact=True)


def auth0_claims(**override):
    claims = {
        "iss": "https://tenant.example/",
        "sub": "client123@clients",
        "aud": "https://api.example",
        "iat": FIXED_NOW - 60,
        "exp": FIXED_NOW + 3600,
        "scope": "read:x write:y",
        "gty": "client-credentials",
        "azp": "client123",
        "permissions": ["read:x"],
    }
    claims.update(override)
    return claims


def fixed_keys():
    keys = {}
    for name in ("ec", "rsa", "ed"):
        key = jwk.JWK.from_pem((HERE / "seed_keys" / f"{name}.pem").read_bytes())
        key["kid"] = name
        keys[name] = key
    keys["hs"] = jwk.JWK(kty="oct", k=jwk.base64url_encode(HMAC_SECRET), kid="hs")
    return keys


def token_seeds():
    keys = fixed_keys()
    tokens = []
    for name, alg in (("ec", "ES256"), ("rsa", "RS256"), ("rsa", "PS256"), ("ed", "EdDSA"), ("hs", "HS256")):
        tokens.append(sign(keys[name], alg, auth0_claims()))
    tokens.append(sign(keys["ec"], "ES256", auth0_claims(aud=["https://other", "https://api.example"])))
    tokens.append(sign(keys["ec"], "ES256", auth0_claims(exp=FIXED_NOW - 100)))
    tokens.append(sign(keys["ec"], "ES256", auth0_claims(scope="write:y", permissions=[])))
    tokens.append(sign(keys["ec"], "ES256", auth0_claims(nbf=FIXED_NOW + 1000, sub="x@clients", azp="y")))
    tokens.append(sign(keys["ec"], "ES256", auth0_claims(), {"jku": "https://evil.example/jwks"}))
    tokens.append(sign(keys["rsa"], "RS256", auth0_claims(), {"kid": "ec"}))
    tokens.append("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")
    tokens.append("a.b.c.d.e")
    return tokens


def main():
    for vector in rfc_vectors():
        write("decode", vector["compact"])
        write("verify", vector["compact"])
        write("keys", b"\x01" + json.dumps(vector["jwk"]).encode())
        write("keys", b"\x00" + json.dumps({"keys": [vector["jwk"]]}).encode())
    for group, test in wycheproof_jws():
        jws_text = test.get("jws")
        if isinstance(jws_text, str):
            write("decode", jws_text)
            write("verify", jws_text)
        for member in ("public", "private"):
            if isinstance(group.get(member), dict):
                write("keys", b"\x01" + json.dumps(group[member]).encode())
    doc = json.loads((VECTORS / "wycheproof" / "json_web_key_test.json").read_text())
    for group in doc["testGroups"]:
        for test in group["tests"]:
            for member in ("jwk", "jwks", "public", "private"):
                value = test.get(member, group.get(member))
                if isinstance(value, dict):
                    prefix = b"\x00" if "keys" in value else b"\x01"
                    write("keys", prefix + json.dumps(value).encode())
    for name in ("ec", "rsa", "ed"):
        key = jwk.JWK.from_pem((HERE / "seed_keys" / f"{name}.pem").read_bytes())
        write("keys", b"\x02" + key.export_to_pem())
        write("keys", b"\x01" + key.export_public().encode())
    for token in token_seeds():
        write("decode", token)
        write("verify", token)
    token_answers = [
        b"\x00" + json.dumps({"access_token": token_seeds()[0], "token_type": "Bearer", "expires_in": 86400,
                              "scope": "read:x"}).encode(),
        b"\x00" + b'{"access_token":"opaque","token_type":"Bearer","expires_in":-1}',
        b"\x00" + b'{"access_token":"a.b.c","expires_in":1e308,"scope":7}',
        b"\x01" + b'{"error":"access_denied","error_description":"Unauthorized fuzz-secret-Zq7"}',
        b"\x01" + b'{"error":"invalid_client","error_description":"fuzz\\u002dsecret-Zq7"}',
        b"\x01" + b'{"error":"too_many_requests","error_description":"Global limit has been reached"}',
        b"\x01" + b"<html>502 Bad Gateway</html>",
    ]
    for seed in token_answers:
        write("token_answer", seed)
    discovery = [
        json.dumps({"issuer": "https://tenant.example/",
                    "jwks_uri": "https://tenant.example/.well-known/jwks.json"}).encode(),
        b'{"issuer":"https://tenant.example/","jwks_uri":"http://evil/"}',
        b'{"issuer":"https://other/","jwks_uri":"https://tenant.example/jwks"}',
        (VECTORS / "discovery" / "auth0-openid-configuration.json").read_bytes(),
        (VECTORS / "discovery" / "rfc8414-example.json").read_bytes(),
    ]
    for seed in discovery:
        write("discovery", seed)


if __name__ == "__main__":
    main()
