#include "decision.hpp"

#include "bearer_challenge.hpp"
#include "claim_values.hpp"
#include "client_certificate.hpp"
#include "route_table.hpp"

#include <jwtcheck/alg.hpp>
#include <jwtcheck/certificate_binding.hpp>
#include <jwtcheck/verifier.hpp>

#include <cctype>
#include <optional>

namespace jwtcheck::cli::authz {

namespace {

// The credentials of an Authorization header: "Bearer TOKEN" or "DPoP TOKEN" (schemes
// case-insensitive, RFC 7235); an empty token when absent or another scheme.
struct Credentials {
  bool dpop_scheme = false;
  std::string_view token;
};

Credentials credentials(std::string_view authorization) {
  for (const std::string_view scheme : {std::string_view("bearer "), std::string_view("dpop ")}) {
    if (authorization.size() <= scheme.size()) continue;
    bool match = true;
    for (std::size_t i = 0; i < scheme.size() && match; ++i) {
      match = std::tolower(static_cast<unsigned char>(authorization[i])) == scheme[i];
    }
    if (!match) continue;
    std::string_view token = authorization.substr(scheme.size());
    while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
    while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
    return Credentials{scheme == "dpop ", token};
  }
  return {};
}

// The algs parameter of a DPoP challenge: the proof algorithms the verifier accepts.
std::string proof_algs(const DpopVerifier& dpop) {
  std::string out;
  auto add = [&out](Alg alg) { out += (out.empty() ? "" : " ") + std::string(alg_name(alg)); };
  if (!dpop.options().algorithms.empty()) {
    for (const Alg alg : dpop.options().algorithms) add(alg);
    return out;
  }
  for (int a = static_cast<int>(Alg::RS256); a <= static_cast<int>(Alg::HS512); ++a) {
    if (!is_hmac(static_cast<Alg>(a))) add(static_cast<Alg>(a));
  }
  return out;
}

// The URL the client addressed, for the proof's htu (RFC 9449 §4.3): the gateway's
// X-Forwarded-Proto (https when not told) and host, then the original path (its query is ignored
// by the comparison).
std::string request_url(const CheckRequest& request) {
  return std::string(request.scheme.empty() ? "https" : request.scheme) + "://" + std::string(request.host) +
         std::string(request.uri);
}

// Header values come from claims: no control characters may reach the answer.
std::string header_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text.substr(0, 1024)) {
    const auto u = static_cast<unsigned char>(c);
    out.push_back(u < 0x20 || u == 0x7f ? '?' : c);
  }
  return out;
}

// The challenge of a refusal: DPoP's when the request used the DPoP scheme, else Bearer's.
struct Challenge {
  const AuthzConfig& config;
  const DpopVerifier& dpop;
  bool dpop_scheme = false;

  std::string operator()(std::string_view error, std::string_view description, std::string_view scope = {}) const {
    return dpop_scheme ? dpop_challenge(config.realm, proof_algs(dpop), error, description, scope)
                       : bearer_challenge(config.realm, error, description, scope);
  }
};

// `error`: the challenge's error code on a 401 or 503.
void refuse(Decision& d, const Challenge& challenge, int status, std::string reason, std::string description,
            std::string_view error = "invalid_token") {
  d.status = status;
  d.reason = std::move(reason);
  d.description = std::move(description);
  if (status == 401 || status == 503) {
    // RFC 6750 §3.1: no error code when the request had no token at all.
    d.www_authenticate = challenge(d.reason == "missing_token" ? "" : error, d.description);
  }
}

// RFC 9449 §7.1: a DPoP-bound token needs the DPoP scheme and its valid proof; the DPoP scheme
// needs a bound token. True when the request may go on; else `d` says why not.
bool check_binding(Decision& d, const Challenge& challenge, const Issuer& issuer, const DpopVerifier& dpop,
                   const CheckRequest& request, std::string_view token, const VerifiedToken& verified) {
  auto jkt = dpop_bound_key(verified);
  if (!jkt) {
    refuse(d, challenge, 401, std::string(code_name(jkt.error().code)), jkt.error().message);
    return false;
  }
  const bool bound = jkt->has_value();
  if (request.dpop_headers > 1) {
    refuse(d, challenge, 401, std::string(code_name(ErrorCode::dpop_proof_malformed)), "more than one DPoP header",
           "invalid_dpop_proof");
    return false;
  }
  const Challenge dpop_challenge{challenge.config, dpop, true};
  if (bound && !challenge.dpop_scheme) {
    refuse(d, dpop_challenge, 401, std::string(code_name(ErrorCode::dpop_proof_missing)),
           "the access token is DPoP-bound (cnf.jkt): it must come with the DPoP scheme and its proof");
    return false;
  }
  if (!bound && challenge.dpop_scheme) {
    refuse(d, challenge, 401, "dpop_token_not_bound", "the DPoP scheme needs a DPoP-bound access token (cnf.jkt)");
    return false;
  }
  auto must_verify = check_dpop_binding(issuer.config.dpop, bound, !request.dpop.empty());
  if (!must_verify) {
    const bool required = must_verify.error().code == ErrorCode::dpop_binding_required;
    refuse(d, required ? dpop_challenge : challenge, 401, std::string(code_name(must_verify.error().code)),
           must_verify.error().message);
    return false;
  }
  if (!*must_verify) return true;
  const std::string url = request_url(request);
  auto proof = dpop.verify(DpopRequest{token, request.dpop, request.method, url, {}}, **jkt);
  if (!proof) {
    const Error& error = proof.error();
    d.retryable = error.retryable;
    refuse(d, challenge, error.retryable ? 503 : 401, std::string(code_name(error.code)), error.message,
           "invalid_dpop_proof");
    return false;
  }
  return true;
}

// RFC 8705 §3 through the gateway: a certificate-bound token (cnf["x5t#S256"]) needs the client
// certificate the gateway verified and passed in its header; the issuer's mtls mode applies.
// The header is read only when the token is bound or the mode requires a binding.
bool check_certificate(Decision& d, const Challenge& challenge, const Issuer& issuer, const CheckRequest& request,
                       const VerifiedToken& verified) {
  auto bound = certificate_bound_thumbprint(verified);
  if (!bound) {
    refuse(d, challenge, 401, std::string(code_name(bound.error().code)), bound.error().message);
    return false;
  }
  if (!bound->has_value() && issuer.config.mtls != BindingMode::required) return true;
  if (request.client_certificate_headers > 1) {
    refuse(d, challenge, 401, std::string(code_name(ErrorCode::mtls_certificate_malformed)),
           "more than one client certificate header");
    return false;
  }
  auto certificate = client_certificate_from_header(request.client_certificate);
  if (!certificate) {
    refuse(d, challenge, 401, std::string(code_name(certificate.error().code)), certificate.error().message);
    return false;
  }
  auto binding = check_certificate_binding(verified, *certificate, issuer.config.mtls);
  if (!binding) {
    refuse(d, challenge, 401, std::string(code_name(binding.error().code)), binding.error().message);
    return false;
  }
  return true;
}

}  // namespace

Decision decide(const AuthzConfig& config, const IssuerRegistry& issuers, const DpopVerifier& dpop,
                const CheckRequest& request) {
  Decision d;
  const Credentials presented = credentials(request.authorization);
  const Challenge challenge{config, dpop, presented.dpop_scheme};
  const RouteConfig* route = find_route(config, request.method, request.uri);
  if (route == nullptr) {
    refuse(d, challenge, 403, "no_route", "no route allows " + std::string(request.method) + " on this path");
    d.www_authenticate = challenge("insufficient_scope", d.description);
    return d;
  }
  d.route = route->name;
  if (route->allow_anonymous) {
    d.reason = "anonymous";
    return d;
  }
  const std::string_view token = presented.token;
  if (token.empty()) {
    refuse(d, challenge, 401, "missing_token", "no bearer token in the Authorization header");
    return d;
  }

  UnverifiedIdentity identity = read_unverified_identity(token);
  d.kid = identity.kid;
  d.client_id = identity.client_id;
  d.issuer = identity.issuer;
  if (!identity.decoded) {
    (void)issuers.verify(token);  // counted as refused before an issuer was chosen (issuer="")
    refuse(d, challenge, 401, identity.decode_code, identity.decode_error);
    return d;
  }
  const Issuer* issuer = issuers.find(identity.issuer);
  if (issuer == nullptr) {
    // The IssuerSet refuses it too, without any fetch, and counts it in /metrics as
    // jwtcheck_verifications_total{issuer="",result="refused",reason="unknown_issuer"}.
    (void)issuers.verify(token);
    refuse(d, challenge, 401, "unknown_issuer",
           identity.issuer.empty() ? "the token has no string iss claim" : "the token's issuer is not trusted here");
    return d;
  }
  d.issuer_known = true;

  auto verified = issuers.verify(token);  // the IssuerSet's dispatch, counted per issuer
  if (!verified) {
    const Error& error = verified.error();
    d.retryable = error.retryable;
    refuse(d, challenge, error.retryable ? 503 : 401, std::string(code_name(error.code)), error.message);
    return d;
  }
  // The entry of the issuer whose Verifier accepted it (the iss it checked) sets the rules below.
  issuer = issuers.find(verified->issuer());
  if (issuer == nullptr) {
    refuse(d, challenge, 401, "unknown_issuer", "the token's issuer is not trusted here");
    return d;
  }
  d.client_id = std::string(verified->client_id());
  if (!check_binding(d, challenge, *issuer, dpop, request, token, *verified)) return d;
  if (!check_certificate(d, challenge, *issuer, request, *verified)) return d;

  std::string missing;
  std::string required;
  auto require = [&](const std::string& scope) {
    required += (required.empty() ? "" : " ") + scope;
    if (!verified->has_scope(scope)) missing += (missing.empty() ? "" : " ") + scope;
  };
  for (const std::string& scope : issuer->config.required_scopes) require(scope);
  for (const std::string& scope : route->scopes) require(scope);
  if (!missing.empty()) {
    refuse(d, challenge, 403, "insufficient_scope", "the token lacks the scope(s): " + missing);
    d.www_authenticate = challenge("insufficient_scope", d.description, required);
    return d;
  }

  std::optional<ClaimValues> claims;
  if (!route->claims.empty() || !config.headers.empty()) claims.emplace(verified->claims_json());
  for (const auto& [name, expected] : route->claims) {
    if (claims->text(name) != expected) {
      refuse(d, challenge, 403, "claim_mismatch", "claim \"" + name + "\" does not have the value this route requires");
      d.www_authenticate = challenge("insufficient_scope", d.description);
      return d;
    }
  }

  std::string scopes;
  for (const Scope& scope : verified->scopes()) {
    if (!scopes.empty()) scopes += ' ';
    scopes += scope.name;
  }
  d.headers.emplace_back("X-Jwtcheck-Issuer", header_safe(verified->issuer()));
  d.headers.emplace_back("X-Jwtcheck-Subject", header_safe(verified->subject()));
  d.headers.emplace_back("X-Jwtcheck-Client-Id", header_safe(verified->client_id()));
  d.headers.emplace_back("X-Jwtcheck-Scope", header_safe(scopes));
  for (const HeaderMapping& mapping : config.headers) {
    d.headers.emplace_back(mapping.header, header_safe(claims->text(mapping.claim).value_or("")));
  }
  return d;
}

}  // namespace jwtcheck::cli::authz
