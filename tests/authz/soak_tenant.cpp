// The local tenant for the authz soak (soak_test.py), driven line by line on stdin. It starts a
// LocalTenant, prints one JSON line (issuer, JWKS URL, CA, audience), then answers each command
// with one line, "ok …" or "error …":
//   valid N FILE    append N tokens signed by the current key, as "valid:KID TOKEN" lines
//   forged N FILE   append N tokens that must never pass, as "forged TOKEN" lines (below)
//   rotate          a new current key, published beside the old ones; answers its kid
//   drop            the JWKS keeps only the current key
//   fault KIND      every later JWKS request fails: 500, slow (3 s), badjson
//   clear           no more faults
//   jwks            the number of JWKS requests served so far
// End of input stops the tenant.
#include <jwtcheck/testing/local_tenant.hpp>
#include <jwtcheck/testing/mint.hpp>
#include <jwtcheck/testing/signing_key.hpp>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

using namespace jwtcheck;
using namespace jwtcheck::testing;

namespace {

const std::string audience = "https://api.soak.test";

std::string unique(int i) { return R"({"jti":")" + std::to_string(i) + "-" + std::to_string(std::rand()) + R"("})"; }

// A good token from the tenant (the issuer is filled in by LocalTenant::mint); each one differs.
Auth0Claims valid_claims(int i, std::string client_id = "soak-client") {
  Auth0Claims claims;
  claims.client_id = std::move(client_id);
  claims.audiences = {audience};
  claims.scope = "read:things";
  claims.extra_claims_json = unique(i);
  return claims;
}

std::string claims_json(const LocalTenant& tenant, const std::string& subject, const std::string& extra) {
  Auth0Claims claims = valid_claims(0, subject);
  claims.issuer = tenant.issuer();
  claims.extra_claims_json = extra;
  return claims.to_json();
}

// The forgeries cycle through what an attacker can send with the tenant's current kid: another
// key's signature, a payload changed under a real signature, alg none, HS256 keyed with the public
// key, and real signatures over a wrong audience, a wrong issuer and an expired lifetime.
Result<std::string> forged(const LocalTenant& tenant, const SigningKey& other_key, int i) {
  const SigningKey current = tenant.current_key();
  const std::string forger = "forged-" + std::to_string(i);  // sub forged-N@clients
  const std::string claims = claims_json(tenant, forger, unique(i));
  switch (i % 7) {
    case 0: {
      auto other = SigningKey::from_private_pem(other_key.private_pem(), current.alg(), std::string(current.kid()));
      if (!other) return std::move(other).error();
      return mint_token(*other, claims);
    }
    case 1: {
      // A real signature over a real token, with the payload swapped for the forger's.
      auto real = tenant.mint(valid_claims(i));
      if (!real) return real;
      const std::string& token = *real;
      const std::size_t dot = token.find('.'), last = token.rfind('.');
      auto swapped = mint_token(other_key, claims);
      if (!swapped) return swapped;
      const std::size_t sdot = swapped->find('.'), slast = swapped->rfind('.');
      return token.substr(0, dot) + swapped->substr(sdot, slast - sdot) + token.substr(last);
    }
    case 2: {
      MintOptions none;
      none.alg_header = "none";
      none.empty_signature = true;
      return mint_token(current, claims, none);
    }
    case 3: {
      auto hmac = SigningKey::from_hmac_secret(Alg::HS256, current.public_pem(), std::string(current.kid()));
      if (!hmac) return std::move(hmac).error();
      return mint_token(*hmac, claims);
    }
    case 4: {
      Auth0Claims wrong = valid_claims(i, forger);
      wrong.audiences = {"https://other-api.soak.test"};
      return tenant.mint(wrong);
    }
    case 5: {
      Auth0Claims wrong = valid_claims(i, forger);
      wrong.issuer = "https://evil.example/";
      return tenant.mint(wrong);
    }
    default: {
      Auth0Claims expired = valid_claims(i, forger);
      expired.lifetime_seconds = -3600;
      return tenant.mint(expired);
    }
  }
}

bool append_tokens(const LocalTenant& tenant, const SigningKey& other_key, bool valid, int count,
                   const std::string& path, std::string& answer) {
  std::ofstream out(path, std::ios::app);
  const std::string kid(tenant.current_key().kid());
  for (int i = 0; i < count; ++i) {
    Result<std::string> token = valid ? tenant.mint(valid_claims(i)) : forged(tenant, other_key, i);
    if (!token) {
      answer = "error " + token.error().message;
      return false;
    }
    out << (valid ? "valid:" + kid : std::string("forged")) << ' ' << *token << '\n';
  }
  answer = out ? "ok " + kid : "error cannot write " + path;
  return static_cast<bool>(out);
}

std::string run(LocalTenant& tenant, const SigningKey& other_key, const std::string& line) {
  std::istringstream words(line);
  std::string command, argument, path;
  words >> command >> argument >> path;
  std::string answer;
  if (command == "valid" || command == "forged") {
    append_tokens(tenant, other_key, command == "valid", std::stoi(argument), path, answer);
    return answer;
  }
  if (command == "rotate") return "ok " + tenant.rotate_key();
  if (command == "drop") {
    tenant.drop_old_keys();
    return "ok";
  }
  if (command == "fault") {
    Fault fault{Fault::Kind::http_500, Endpoint::jwks};
    if (argument == "slow") {
      fault.kind = Fault::Kind::delay;
      fault.delay = std::chrono::milliseconds(3000);
    } else if (argument == "badjson") {
      fault.kind = Fault::Kind::invalid_json;
    } else if (argument != "500") {
      return "error unknown fault " + argument;
    }
    tenant.add_fault(fault);
    return "ok";
  }
  if (command == "clear") {
    tenant.clear_faults();
    return "ok";
  }
  if (command == "jwks") return "ok " + std::to_string(tenant.counts().jwks);
  return "error unknown command " + command;
}

}  // namespace

int main() {
  LocalTenantOptions options;
  options.jwks_cache_control = "public, max-age=5";  // the service refreshes within a phase
  TenantClient client = demo_client();
  client.audience_scopes = {{audience, "read:things"}};
  options.clients = {client};
  auto tenant = LocalTenant::start(options);
  auto other_key = SigningKey::generate(Alg::RS256, "other");
  if (!tenant || !other_key) {
    std::cout << "error " << (tenant ? other_key.error().message : tenant.error().message) << std::endl;
    return 1;
  }
  std::cout << R"({"issuer":")" << (*tenant)->issuer() << R"(","jwks_url":")" << (*tenant)->jwks_url()
            << R"(","ca_cert":")" << (*tenant)->ca_cert_path() << R"(","audience":")" << audience << R"("})"
            << std::endl;
  for (std::string line; std::getline(std::cin, line);) std::cout << run(**tenant, *other_key, line) << std::endl;
  (*tenant)->stop();
  return 0;
}
