// `jwtcheck mint`: make a signed TEST token — any audience, lifetime (already expired included),
// scopes, subject and extra claims — from a private key file, an HMAC secret file, or the key of a
// local tenant started by `jwtcheck serve --state-dir DIR`. For test harnesses and for trying
// `verify`; the output says it is a test token.
#include "cli_failure.hpp"
#include "command.hpp"
#include "common_options.hpp"
#include "exit_codes.hpp"
#include "json_output.hpp"
#include "key_sources.hpp"
#include "report_output.hpp"

#include <jwtcheck/alg.hpp>
#include <jwtcheck/secret.hpp>
#include <jwtcheck/testing/mint.hpp>
#include <jwtcheck/testing/signing_key.hpp>
#include <jwtcheck/verifier.hpp>

#include <CLI/CLI.hpp>
#include <rapidjson/document.h>

#include <cstdio>
#include <memory>
#include <optional>

namespace jwtcheck::cli {

namespace {

struct MintFlags {
  std::string key_file, hs_secret_file, tenant_dir, alg, kid;
  std::string issuer, client_id, subject, scope, claims_json;
  std::vector<std::string> audiences;
  std::optional<std::int64_t> expires_in, now;
  OutputFlags output;
};

// What `jwtcheck serve --state-dir DIR` leaves in DIR/mint.json: its key and the defaults of its tokens.
struct TenantDefaults {
  std::string alg, kid, private_key_pem, hs_secret_file, issuer, audience, client_id;
};

std::string member_text(const rapidjson::Value& object, const char* name) {
  const auto found = object.FindMember(name);
  return found != object.MemberEnd() && found->value.IsString() ? found->value.GetString() : std::string();
}

Result<TenantDefaults> read_tenant_defaults(const std::string& dir) {
  const std::string path = dir + "/mint.json";
  auto text = read_small_file(path, 64 * 1024);
  if (!text) return std::move(text).error();
  rapidjson::Document doc;
  doc.Parse(text->c_str(), text->size());
  if (doc.HasParseError() || !doc.IsObject()) return Error{ErrorCode::invalid_json, path + " is not a JSON object"};
  return TenantDefaults{member_text(doc, "alg"),      member_text(doc, "kid"),      member_text(doc, "private_key_pem"),
                        member_text(doc, "hs_secret_file"), member_text(doc, "issuer"), member_text(doc, "audience"),
                        member_text(doc, "client_id")};
}

Result<testing::SigningKey> load_signing_key(const MintFlags& flags, const TenantDefaults& tenant) {
  const std::string alg_text = !flags.alg.empty() ? flags.alg : !tenant.alg.empty() ? tenant.alg : "RS256";
  const auto alg = alg_from_name(alg_text);
  if (!alg) return Error{ErrorCode::invalid_policy, "--alg: unknown algorithm \"" + alg_text + "\""};
  const std::string kid = !flags.kid.empty() ? flags.kid : tenant.kid;
  const std::string secret_file = !flags.hs_secret_file.empty() ? flags.hs_secret_file : tenant.hs_secret_file;
  if (is_hmac(*alg)) {
    if (secret_file.empty()) return Error{ErrorCode::invalid_policy, "--alg " + alg_text + " needs --hs-secret-file"};
    auto secret = read_secret_file(secret_file);
    if (!secret) return std::move(secret).error();
    return testing::SigningKey::from_hmac_secret(*alg, secret->reveal(), kid);
  }
  std::string pem = tenant.private_key_pem;
  if (!flags.key_file.empty()) {
    auto text = read_small_file(flags.key_file, 64 * 1024);
    if (!text) return std::move(text).error();
    pem = std::move(*text);
  }
  if (pem.empty()) {
    return Error{ErrorCode::invalid_policy,
                 "no key to sign with: give --key-file PRIVATE.pem, --hs-secret-file FILE, or --tenant-dir DIR "
                 "of a `jwtcheck serve --state-dir DIR`"};
  }
  auto key = testing::SigningKey::from_private_pem(pem, *alg, kid);
  if (!key) return Error{key.error().code, (flags.key_file.empty() ? "the tenant's key" : flags.key_file) + ": " +
                                               key.error().message};
  return key;
}

// The largest NumericDate verify accepts (9999-12-31T23:59:59Z): --now and --expires-in are bounded
// by it, so iat and exp are computed without overflow and checked against it.
constexpr std::int64_t kMaxNumericDate = 253402300799;

Result<testing::Auth0Claims> claims_for(const MintFlags& flags, const TenantDefaults& tenant, std::int64_t now) {
  testing::Auth0Claims claims;
  claims.issuer = !flags.issuer.empty() ? flags.issuer : !tenant.issuer.empty() ? tenant.issuer : "https://tenant.example/";
  claims.client_id = !flags.client_id.empty() ? flags.client_id : !tenant.client_id.empty() ? tenant.client_id : "test-client";
  claims.audiences = flags.audiences;
  if (claims.audiences.empty()) claims.audiences = {tenant.audience.empty() ? "https://api.example" : tenant.audience};
  claims.scope = flags.scope;
  const std::int64_t expires_in = flags.expires_in.value_or(86400);
  // An already expired token (negative --expires-in) was issued an hour before it expired.
  claims.issued_at = expires_in > 0 ? now : now + expires_in - 3600;
  claims.lifetime_seconds = expires_in > 0 ? expires_in : 3600;
  const std::int64_t exp = claims.issued_at + claims.lifetime_seconds;
  for (const auto& [name, value] : {std::pair{"iat", claims.issued_at}, std::pair{"exp", exp}}) {
    if (value < 0 || value > kMaxNumericDate)
      return Error{ErrorCode::invalid_policy, "--expires-in " + std::to_string(expires_in) + " as of " +
                                                  std::to_string(now) + " makes " + name + " " + std::to_string(value) +
                                                  ", outside 0..253402300799 (a NumericDate verify accepts)"};
  }
  claims.extra_claims_json = flags.claims_json;
  return claims;
}

// --subject replaces sub (and drops azp, which names the client of an "@clients" subject).
std::string with_subject(const std::string& claims_json, const std::string& subject) {
  rapidjson::Document doc;
  doc.Parse(claims_json.c_str(), claims_json.size());
  auto& a = doc.GetAllocator();
  doc.RemoveMember("sub");
  doc.RemoveMember("azp");
  doc.AddMember("sub", rapidjson::Value(subject.c_str(), static_cast<rapidjson::SizeType>(subject.size()), a), a);
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  doc.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

int run_mint(const MintFlags& flags) {
  constexpr std::string_view command = "mint";
  const bool json = flags.output.json;
  TenantDefaults tenant;
  if (!flags.tenant_dir.empty()) {
    auto read = read_tenant_defaults(flags.tenant_dir);
    if (!read) return report_failure(command, read.error(), json);
    tenant = std::move(*read);
  }
  auto key = load_signing_key(flags, tenant);
  if (!key) return report_failure(command, key.error(), json);
  const std::int64_t now = flags.now.value_or(system_clock_now());
  auto standard_claims = claims_for(flags, tenant, now);
  if (!standard_claims) return usage_failure(command, standard_claims.error(), json);
  auto claims_json = standard_claims->to_json_checked();
  if (!claims_json) return usage_failure(command, Error{ErrorCode::invalid_policy, "--claims: " + claims_json.error().message}, json);
  const std::string claims = flags.subject.empty() ? *claims_json : with_subject(*claims_json, flags.subject);
  auto token = testing::mint_token(*key, claims);
  if (!token) return report_failure(command, token.error(), json);

  std::fprintf(stderr, "jwtcheck mint: a TEST token signed with %s: no real tenant issued it\n",
               flags.tenant_dir.empty() ? "your key" : "the local tenant's key");
  if (json) {
    JsonDocument doc;
    JsonWriter& out = doc.writer();
    out.StartObject();
    write_member(out, "access_token", *token);
    write_string(out, "test_token");
    out.Bool(true);
    write_member(out, "alg", alg_name(key->alg()));
    write_member(out, "kid", key->kid());
    write_string(out, "claims");
    write_embedded_json(out, claims);
    out.EndObject();
    doc.print();
  } else {
    std::printf("%s\n", token->c_str());
    std::fflush(stdout);
  }
  return exit_valid;
}

}  // namespace

Command add_mint_command(CLI::App& parent) {
  auto flags = std::make_shared<MintFlags>();
  CLI::App* sub = add_subcommand(parent, "mint",
                                 "Make a signed TEST token (any audience, lifetime, scopes, subject, claims) from a "
                                 "private key, an HMAC secret or a local tenant's key, and print it");
  auto* key_file = sub->add_option("--key-file", flags->key_file, "Sign with this PEM private key (PKCS#8 or traditional)");
  auto* secret = sub->add_option("--hs-secret-file", flags->hs_secret_file, "Sign HS256/384/512 with the secret in this file");
  sub->add_option("--tenant-dir", flags->tenant_dir,
                  "Sign with the key of `jwtcheck serve --state-dir DIR`; its issuer, audience and client are the defaults");
  key_file->excludes(secret);
  sub->add_option("--alg", flags->alg, "Signing algorithm (default: the tenant's, else RS256)");
  sub->add_option("--kid", flags->kid, "kid in the header (default: the tenant's key id, else none)");
  sub->add_option("-i,--issuer", flags->issuer, "iss (default: the tenant's, else https://tenant.example/)");
  sub->add_option("-a,--audience", flags->audiences, "aud (repeatable; default: the tenant's API)")->allow_extra_args(false);
  sub->add_option("-c,--client-id", flags->client_id, "Client id: sub CLIENT_ID@clients and azp");
  sub->add_option("--subject", flags->subject, "sub exactly as given (instead of CLIENT_ID@clients)");
  sub->add_option("-s,--scope", flags->scope, "Space-separated scopes (default: none)");
  sub->add_option("--expires-in", flags->expires_in,
                  "Seconds until exp (default 86400); negative: already expired that long ago")
      ->check(CLI::Range(-kMaxNumericDate, kMaxNumericDate));
  sub->add_option("--claims", flags->claims_json, "Extra claims as a JSON object, merged in and overriding");
  sub->add_option("--now", flags->now, "Mint as of this instant (seconds since the Unix epoch) instead of now")
      ->check(CLI::Range(std::int64_t{0}, kMaxNumericDate));
  add_output_options(*sub, flags->output);
  return Command{sub, [flags] { return run_mint(*flags); }};
}

}  // namespace jwtcheck::cli
