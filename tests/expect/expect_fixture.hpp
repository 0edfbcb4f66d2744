// Shared by the expectation-kit tests: one tenant-like setup (a signing key, a verifier with a
// pinned clock) and minting helpers, so each test states only what it changes.
#pragma once

#include <jwtcheck/testing/mint.hpp>
#include <jwtcheck/testing/signing_key.hpp>
#include <jwtcheck/verifier.hpp>

#include <cstdint>
#include <string>

namespace jwtcheck::testing::expect_test {

constexpr std::int64_t now = 1'700'000'000;
inline const std::string issuer = "https://tenant.example/";
inline const std::string audience = "https://api.example";
inline const std::string client_id = "client-123";

/// The tenant's RS256 key (kid "tenant-key"), generated once per process.
const SigningKey& tenant_key();

/// Claims as the tenant issues them at `now`: scope "read:reports write:reports", 1 h lifetime.
Auth0Claims tenant_claims();

/// A token signed by tenant_key() (fails the test if minting fails).
std::string mint(const Auth0Claims& claims, const MintOptions& options = {});
/// A token with these exact claims bytes signed by tenant_key().
std::string mint_raw(const std::string& claims_json, const MintOptions& options = {});

/// The verifier of `policy` (issuer/audience/clock filled in when empty) over tenant_key()'s JWKS.
Verifier tenant_verifier(Policy policy = {});

}  // namespace jwtcheck::testing::expect_test
