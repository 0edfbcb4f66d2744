#include "testing/client_assertion_check.hpp"

#include <jwtcheck/key.hpp>
#include <jwtcheck/token.hpp>
#include <jwtcheck/verifier.hpp>

#include <chrono>

namespace jwtcheck::testing::detail {

namespace {

OAuthFailure invalid_client(std::string why) { return OAuthFailure{401, "invalid_client", "client assertion: " + std::move(why)}; }

std::int64_t unix_now() {
  using namespace std::chrono;
  return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

std::optional<OAuthFailure> ClientAssertionCheck::check(std::string_view assertion, const TenantClient& client,
                                                        const std::string& token_url) {
  if (client.public_key_pem.empty()) return invalid_client("this client has no registered public key");
  auto key = parse_pem_public_key(client.public_key_pem);
  if (!key) return invalid_client("the registered public key is unusable: " + key.error().message);
  auto unverified = decode_unverified(assertion);
  if (!unverified) return invalid_client(unverified.error().message);
  const auto alg = alg_from_name(unverified->alg);
  if (!alg || is_hmac(*alg)) return invalid_client("expected an asymmetric alg, got \"" + unverified->alg.substr(0, 20) + "\"");
  Policy policy;
  policy.issuer = client.client_id;
  policy.audiences = {token_url};
  policy.profile = TokenProfile::any;
  policy.require_iat = true;
  policy.leeway = std::chrono::seconds(5);
  auto verifier = Verifier::create(policy, *key, *alg);
  if (!verifier) return invalid_client(verifier.error().message);
  auto token = verifier->verify(assertion);
  if (!token) return invalid_client(std::string(code_name(token.error().code)) + ": " + token.error().message);
  if (token->subject() != client.client_id) return invalid_client("expected sub = client_id");
  const std::int64_t exp = token->expires_at().value_or(0);
  if (exp - token->issued_at().value_or(0) > max_lifetime_seconds)
    return invalid_client("expected a lifetime of at most 300 seconds");
  auto jti = token->claim_string("jti");
  if (!jti || jti->empty()) return invalid_client("expected a jti");
  const std::int64_t now = unix_now();
  std::lock_guard lock(mutex_);
  std::erase_if(seen_, [now](const auto& entry) { return entry.second < now; });
  const std::string id = client.client_id + '\n' + std::string(*jti);
  if (seen_.contains(id)) return invalid_client("this jti was already used (a replayed assertion)");
  if (seen_.size() >= max_remembered) return invalid_client("too many unexpired assertions remembered; retry later");
  seen_.emplace(id, exp);
  return std::nullopt;
}

}  // namespace jwtcheck::testing::detail
