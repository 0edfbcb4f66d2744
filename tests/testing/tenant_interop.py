#!/usr/bin/python3
"""Talks to a jwtcheck LocalTenant with Python's own TLS and PyJWT, independently of jwtcheck.

usage: tenant_interop.py verify BASE_URL CA_FILE CLIENT_ID CLIENT_SECRET AUDIENCE ALG
         gets a token over TLS trusting only CA_FILE, finds jwks_uri by discovery, verifies the
         token with PyJWKClient; prints the claims as JSON.
       tenant_interop.py untrusted URL
         fetches URL with the system trust store; prints TLS_REJECTED when the certificate is refused.
"""
import json
import ssl
import sys
import urllib.error
import urllib.request

import jwt


def verify(base_url, ca_file, client_id, client_secret, audience, alg):
    context = ssl.create_default_context(cafile=ca_file)
    # PyJWT 2.6's PyJWKClient has no ssl_context parameter: it uses urllib's default context.
    ssl._create_default_https_context = lambda *args, **kwargs: context
    body = json.dumps({"client_id": client_id, "client_secret": client_secret, "audience": audience,
                       "grant_type": "client_credentials"}).encode()
    request = urllib.request.Request(base_url + "/oauth/token", data=body,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, context=context) as response:
        token = json.load(response)["access_token"]
    with urllib.request.urlopen(base_url + "/.well-known/openid-configuration", context=context) as response:
        discovery = json.load(response)
    signing_key = jwt.PyJWKClient(discovery["jwks_uri"]).get_signing_key_from_jwt(token)
    claims = jwt.decode(token, signing_key.key, algorithms=[alg], audience=audience, issuer=discovery["issuer"])
    print(json.dumps(claims))
    return 0


def untrusted(url):
    try:
        urllib.request.urlopen(url, context=ssl.create_default_context())
    except urllib.error.URLError as e:
        if isinstance(e.reason, ssl.SSLCertVerificationError):
            print("TLS_REJECTED")
            return 0
        print(f"unexpected error: {e}")
        return 1
    print("ACCEPTED")
    return 1


if __name__ == "__main__":
    if sys.argv[1] == "verify":
        sys.exit(verify(*sys.argv[2:8]))
    sys.exit(untrusted(sys.argv[2]))
