// Shared fixtures of the jwtcheck CLI tests: a temp dir, minted keys and tokens, JSON parsing.
#pragma once

#include "support/temp_dir.hpp"

#include <jwtcheck/testing/mint.hpp>
#include <jwtcheck/testing/signing_key.hpp>

#include <rapidjson/document.h>

#include <filesystem>
#include <string>

namespace jwtcheck_cli_test {

inline const std::string test_issuer = "https://tenant.example/";
inline const std::string test_audience = "https://api.example";
inline const std::string test_client = "client-abc";

using jwtcheck::test::TempDir;

/// A generated key (fails the test when generation fails).
jwtcheck::testing::SigningKey make_key(jwtcheck::Alg alg, const std::string& kid);

/// Auth0 M2M claims for test_issuer / test_client / test_audience, issued now, valid a day.
jwtcheck::testing::Auth0Claims auth0_claims();

/// A signed token (fails the test when minting fails).
std::string mint(const jwtcheck::testing::SigningKey& key, const jwtcheck::testing::Auth0Claims& claims,
                 const jwtcheck::testing::MintOptions& options = {});

/// The JWKS file of `key`, written to `dir`.
std::string write_jwks(const TempDir& dir, const jwtcheck::testing::SigningKey& key, const std::string& name = "jwks.json");

/// Parses the one JSON document jwtcheck --json printed (fails the test when it is not one object).
rapidjson::Document parse_output(const std::string& out);

/// The "code" members of the "errors" array, space-separated.
std::string error_codes(const rapidjson::Value& doc);

/// What shell `command` printed on stdout; the test fails unless it exited 0.
std::string capture(const std::string& command);

/// What tests/tools/sender_constrained_helper.py ARGUMENTS printed: thumbprints ("jkt KEY_PEM",
/// "x5t DER_FILE") and DPoP proofs ("proof …") made independently of jwtcheck (python3-jwcrypto,
/// hashlib).
std::string sender_constrained_helper(const std::string& arguments);

}  // namespace jwtcheck_cli_test
