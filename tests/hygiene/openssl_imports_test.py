#!/usr/bin/env python3
"""The shared library reaches OpenSSL through its public, non-deprecated 3.0 API only.

Lists the OpenSSL symbols libjwtcheck imports (nm -D --undefined-only) and fails on any that
OpenSSL 3.0 deprecates (the low-level RSA, EC_KEY, ECDSA_do_*, SHA*_Init, HMAC_*, ENGINE_*
families...) or on the bignum arithmetic that hand-written RSA needs (BN_mod_exp*, Montgomery).
A self-check runs the same filter over names that must be caught, so the test cannot pass by
matching nothing.
Usage: openssl_imports_test.py LIBRARY
"""
import re
import subprocess
import sys

FORBIDDEN = re.compile(
    r"^(RSA_|EC_KEY_|ECDSA_(do_)?(sign|verify)|ECDSA_size|DSA_|DH_|ENGINE_|HMAC_|CMAC_|MD[45]_|RIPEMD160_|"
    r"SHA(1|224|256|384|512)(_Init|_Update|_Final|_Transform)?$|"
    r"EVP_PKEY_(get[01]_|set1_|assign_?)(RSA|EC_KEY|DSA|DH)|EVP_PKEY_(get0|get1)_(RSA|EC_KEY)|"
    r"BN_mod_exp|BN_MONT_CTX_|BN_CTX_new|BN_mod_mul_montgomery|"
    r"EC_GROUP_(get_curve_GFp|set_curve_GFp)|EC_POINT_(get|set)_affine_coordinates_GFp|"
    r"PEM_read_bio_(RSA|EC)|d2i_(RSA|EC)|i2d_(RSA|EC)(Public|Private)|"
    r"ERR_load_|OPENSSL_(no_)?config$)"
)

MUST_CATCH = ["RSA_verify", "RSA_public_decrypt", "EC_KEY_new", "ECDSA_do_verify", "ECDSA_verify", "SHA256_Init",
              "SHA512_Update", "SHA256", "HMAC_Init_ex", "HMAC_CTX_new", "ENGINE_init", "BN_mod_exp_mont",
              "BN_MONT_CTX_new", "EVP_PKEY_get1_RSA", "EVP_PKEY_get0_EC_KEY"]
MUST_PASS = ["EVP_DigestVerifyInit_ex", "EVP_MAC_CTX_dup", "ECDSA_SIG_new", "ECDSA_SIG_set0", "i2d_ECDSA_SIG",
             "CRYPTO_memcmp", "BN_bin2bn", "EVP_PKEY_fromdata", "EVP_sha256"]


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    missed = [n for n in MUST_CATCH if not FORBIDDEN.match(n)] + [n for n in MUST_PASS if FORBIDDEN.match(n)]
    if missed:
        print("self-check failed: the filter misjudges", missed, file=sys.stderr)
        return 1
    out = subprocess.run(["nm", "-D", "--undefined-only", sys.argv[1]], check=True, capture_output=True, text=True).stdout
    names = sorted({line.split()[-1].split("@")[0] for line in out.splitlines() if line.strip()})
    openssl = [n for n in names if re.match(r"^(EVP_|OSSL_|BN_|ECDSA_|EC_|RSA_|SHA|HMAC|ENGINE|CRYPTO_|ERR_|PEM_|X509|BIO_|OPENSSL_|i2d_|d2i_)", n)]
    if not openssl:
        print("no OpenSSL imports found: is this the library?", file=sys.stderr)
        return 1
    bad = [n for n in openssl if FORBIDDEN.match(n)]
    print(f"{len(openssl)} OpenSSL symbols imported by {sys.argv[1]}")
    if bad:
        print("deprecated or low-level OpenSSL imports:", ", ".join(bad), file=sys.stderr)
        return 1
    print("none is deprecated or low-level")
    return 0


if __name__ == "__main__":
    sys.exit(main())
