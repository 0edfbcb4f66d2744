#!/usr/bin/python3
"""Independent pieces for the cli_binding tests, made without jwtcheck: python3-jwcrypto for DPoP,
hashlib for certificate thumbprints.

usage: sender_constrained_helper.py jkt KEY_FILE
         the RFC 7638 thumbprint of the PEM private key's public half (for cnf.jkt)
       sender_constrained_helper.py proof KEY_FILE ACCESS_TOKEN METHOD URL IAT JTI
         a DPoP proof (RFC 9449, ES256) for that request, with ath = base64url(SHA-256(ACCESS_TOKEN))
       sender_constrained_helper.py verify KEY_FILE JWS
         checks the JWS signature with the PEM private key's public half and prints
         {"header": ..., "claims": ...} (fails on a bad signature)
       sender_constrained_helper.py x5t DER_FILE
         base64url(SHA-256(DER)) of a certificate (for cnf["x5t#S256"])
Prints the value on stdout; any failure exits non-zero."""
import base64
import hashlib
import sys


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    what = sys.argv[1]
    if what == "x5t" and len(sys.argv) == 3:
        with open(sys.argv[2], "rb") as f:
            sys.stdout.write(b64url(hashlib.sha256(f.read()).digest()))
        return
    from jwcrypto import jwk, jws
    from jwcrypto.common import json_encode

    with open(sys.argv[2], "rb") as f:
        key = jwk.JWK.from_pem(f.read())
    if what == "jkt" and len(sys.argv) == 3:
        sys.stdout.write(key.thumbprint())
        return
    if what == "verify" and len(sys.argv) == 4:
        import json
        token = jws.JWS()
        token.deserialize(sys.argv[3])
        public = jwk.JWK.from_json(key.export_public())
        token.verify(public)  # raises on a bad signature
        sys.stdout.write(json.dumps({"header": token.jose_header, "claims": json.loads(token.payload)}))
        return
    if what == "proof" and len(sys.argv) == 8:
        token, method, url, iat, jti = sys.argv[3:]
        claims = {"jti": jti, "htm": method, "htu": url, "iat": int(iat),
                  "ath": b64url(hashlib.sha256(token.encode("ascii")).digest())}
        header = {"typ": "dpop+jwt", "alg": "ES256", "jwk": key.export_public(as_dict=True)}
        proof = jws.JWS(json_encode(claims).encode())
        proof.add_signature(key, alg=None, protected=json_encode(header))
        sys.stdout.write(proof.serialize(compact=True))
        return
    sys.exit(__doc__)


if __name__ == "__main__":
    main()
