// Client authentication without a shared secret and DPoP-bound token requests (issue 21, client
// side): ClientKey, make_client_assertion, make_dpop_proof and the TokenClient options that use
// them. Assertions and proofs are checked by independent code: python3-jwcrypto (through
// tests/tools/sender_constrained_helper.py) and the library's own DPoP verifier.
#include <boost/test/unit_test.hpp>

#include <jwtcheck/dpop.hpp>
#include <jwtcheck/fetch/client_assertion.hpp>
#include <jwtcheck/fetch/client_key.hpp>
#include <jwtcheck/fetch/dpop_proof.hpp>
#include <jwtcheck/fetch/token_client.hpp>
#include <jwtcheck/testing/signing_key.hpp>
#include <jwtcheck/token.hpp>

#include "fetch/fetch_fixtures.hpp"
#include "support/error_printing.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <rapidjson/document.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

using namespace fetch_test;
using jwtcheck::Alg;
using jwtcheck::ClientKey;
using jwtcheck::ErrorCode;
using jwtcheck::TokenClient;
using jwtcheck::testing::SigningKey;

namespace jwtcheck {
inline std::ostream& boost_test_print_type(std::ostream& out, Alg alg) { return out << alg_name(alg); }
}  // namespace jwtcheck

namespace {

std::string message_of(const jwtcheck::Error& error) {
  return std::string(jwtcheck::code_name(error.code)) + ": " + error.message;
}

std::string private_pem(Alg alg, unsigned rsa_bits = 2048) {
  auto key = SigningKey::generate(alg, {}, rsa_bits);
  BOOST_TEST_REQUIRE(key.ok());
  return key->private_pem();
}

// The same key in OpenSSL's traditional form ("EC PRIVATE KEY" / "RSA PRIVATE KEY").
std::string traditional_pem(const std::string& pkcs8) {
  BIO* in = BIO_new_mem_buf(pkcs8.data(), static_cast<int>(pkcs8.size()));
  EVP_PKEY* pkey = PEM_read_bio_PrivateKey(in, nullptr, nullptr, nullptr);
  BIO_free(in);
  BOOST_TEST_REQUIRE(pkey != nullptr);
  BIO* out = BIO_new(BIO_s_mem());
  BOOST_TEST_REQUIRE(PEM_write_bio_PrivateKey_traditional(out, pkey, nullptr, nullptr, 0, nullptr, nullptr) == 1);
  char* data = nullptr;
  const long length = BIO_get_mem_data(out, &data);
  std::string pem(data, static_cast<std::size_t>(length));
  BIO_free(out);
  EVP_PKEY_free(pkey);
  return pem;
}

ClientKey client_key(const std::string& pem, std::optional<Alg> alg = std::nullopt, std::string kid = {}) {
  auto key = ClientKey::from_pem(pem, alg, std::move(kid));
  BOOST_TEST_REQUIRE(key.ok(), (key.ok() ? "" : message_of(key.error())));
  return *key;
}

// A file in the build's temporary directory, removed at the end of the test.
class TempFile {
 public:
  explicit TempFile(const std::string& content) {
    char name[] = "/tmp/jwtcheck-client-auth-XXXXXX";
    const int fd = mkstemp(name);
    BOOST_TEST_REQUIRE(fd >= 0);
    path_ = name;
    std::FILE* f = fdopen(fd, "w");
    std::fwrite(content.data(), 1, content.size(), f);
    std::fclose(f);
  }
  ~TempFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Runs the independent python helper; its stdout, and whether it succeeded.
std::pair<bool, std::string> helper(const std::string& arguments) {
  const char* vectors = std::getenv("JWTCHECK_VECTORS_DIR");
  BOOST_TEST_REQUIRE(vectors != nullptr);
  const std::string command =
      "/usr/bin/python3 " + std::string(vectors) + "/../tools/sender_constrained_helper.py " + arguments + " 2>/dev/null";
  std::FILE* pipe = popen(command.c_str(), "r");
  BOOST_TEST_REQUIRE(pipe != nullptr);
  std::string out;
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  const int status = pclose(pipe);
  return {status == 0, out};
}

// The header and claims of a JWS whose signature python3-jwcrypto checked with `pem`'s public key.
rapidjson::Document verified_by_jwcrypto(const std::string& pem, const std::string& jws) {
  TempFile key_file(pem);
  auto [ok, out] = helper("verify " + key_file.path() + " " + jws);
  BOOST_TEST_REQUIRE(ok, "jwcrypto refused the signature: " + out);
  rapidjson::Document doc;
  doc.Parse(out.c_str());
  BOOST_TEST_REQUIRE((!doc.HasParseError() && doc.IsObject()));
  return doc;
}

std::string form_value(const std::string& body, const std::string& name) {
  const std::string key = name + "=";
  std::size_t at = 0;
  while (at < body.size()) {
    const std::size_t end = std::min(body.find('&', at), body.size());
    if (body.compare(at, key.size(), key) == 0) {
      std::string raw = body.substr(at + key.size(), end - at - key.size());
      std::string out;
      for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '%' && i + 2 < raw.size()) {
          out += static_cast<char>(std::stoi(raw.substr(i + 1, 2), nullptr, 16));
          i += 2;
        } else {
          out += raw[i] == '+' ? ' ' : raw[i];
        }
      }
      return out;
    }
    at = end + 1;
  }
  return {};
}

const std::string fake_jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";

}  // namespace

BOOST_AUTO_TEST_SUITE(client_auth)

BOOST_AUTO_TEST_CASE(client_keys_load_from_pkcs8_and_traditional_pem) {
  const std::string ec = private_pem(Alg::ES256);
  const std::string rsa = private_pem(Alg::RS256);
  BOOST_TEST(client_key(ec).alg() == Alg::ES256);
  BOOST_TEST(client_key(traditional_pem(ec)).alg() == Alg::ES256);
  BOOST_TEST(traditional_pem(rsa).find("BEGIN RSA PRIVATE KEY") != std::string::npos);
  BOOST_TEST(client_key(traditional_pem(rsa)).alg() == Alg::RS256);
  BOOST_TEST(client_key(rsa, Alg::PS256).alg() == Alg::PS256);
  BOOST_TEST(client_key(private_pem(Alg::EdDSA)).alg() == Alg::EdDSA);
  // The thumbprint is RFC 7638's, as python3-jwcrypto computes it.
  for (const std::string& pem : {ec, rsa}) {
    TempFile file(pem);
    auto [ok, jkt] = helper("jkt " + file.path());
    BOOST_TEST_REQUIRE(ok);
    BOOST_TEST(client_key(pem).thumbprint() == jkt);
    auto from_file = ClientKey::from_pem_file(file.path(), std::nullopt, "kid-1");
    BOOST_TEST_REQUIRE(from_file.ok());
    BOOST_TEST(from_file->thumbprint() == jkt);
    BOOST_TEST(from_file->key_id() == "kid-1");
  }
}

BOOST_AUTO_TEST_CASE(malformed_pem_and_wrong_key_types_are_typed_errors) {
  const auto code_of = [](std::string_view pem, std::optional<Alg> alg = std::nullopt) {
    auto key = ClientKey::from_pem(pem, alg);
    BOOST_TEST_REQUIRE(!key.ok());
    BOOST_TEST(key.error().message.find("PRIVATE KEY-----\nMI") == std::string::npos);
    return key.error().code;
  };
  const std::string ec = private_pem(Alg::ES256);
  BOOST_TEST(code_of("not a key") == ErrorCode::invalid_key);
  BOOST_TEST(code_of(ec.substr(0, ec.size() / 2)) == ErrorCode::invalid_key);
  auto signing = SigningKey::generate(Alg::ES256);
  BOOST_TEST_REQUIRE(signing.ok());
  BOOST_TEST(code_of(signing->public_pem()) == ErrorCode::invalid_key);
  BOOST_TEST(code_of("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n") ==
             ErrorCode::invalid_key);
  BOOST_TEST(code_of(ec, Alg::RS256) == ErrorCode::key_mismatch);
  BOOST_TEST(code_of(ec, Alg::ES384) == ErrorCode::key_mismatch);
  BOOST_TEST(code_of(ec, Alg::HS256) == ErrorCode::key_mismatch);
  BOOST_TEST(code_of(private_pem(Alg::RS256, 1024)) == ErrorCode::weak_key);
  BOOST_TEST(code_of(std::string(70 * 1024, 'A')) == ErrorCode::invalid_key);
  auto missing = ClientKey::from_pem_file("/nonexistent/jwtcheck/key.pem");
  BOOST_TEST_REQUIRE(!missing.ok());
  BOOST_TEST(missing.error().code == ErrorCode::io_error);
}

BOOST_AUTO_TEST_CASE(client_assertions_verify_with_jwcrypto) {
  const std::string url = "https://tenant.example/oauth/token";
  for (Alg alg : {Alg::RS256, Alg::PS256, Alg::ES256}) {
    const std::string pem = private_pem(alg == Alg::PS256 ? Alg::RS256 : alg);
    const ClientKey key = client_key(pem, alg, "client-key-1");
    auto assertion = jwtcheck::make_client_assertion(key, "my-client", url);
    BOOST_TEST_REQUIRE(assertion.ok());
    auto doc = verified_by_jwcrypto(pem, *assertion);
    const auto& header = doc["header"];
    const auto& claims = doc["claims"];
    BOOST_TEST(header["alg"].GetString() == std::string(jwtcheck::alg_name(alg)));
    BOOST_TEST(header["kid"].GetString() == std::string("client-key-1"));
    BOOST_TEST(claims["iss"].GetString() == std::string("my-client"));
    BOOST_TEST(claims["sub"].GetString() == std::string("my-client"));
    BOOST_TEST(claims["aud"].GetString() == url);
    BOOST_TEST(claims["exp"].GetInt64() - claims["iat"].GetInt64() == 60);
    BOOST_TEST(std::string(claims["jti"].GetString()).size() >= 22u);  // 128 random bits, base64url
    auto again = jwtcheck::make_client_assertion(key, "my-client", url);
    BOOST_TEST_REQUIRE(again.ok());
    BOOST_TEST(*again != *assertion);
  }
  const ClientKey key = client_key(private_pem(Alg::ES256));
  auto too_long = jwtcheck::make_client_assertion(key, "my-client", url, std::chrono::seconds(301));
  BOOST_TEST_REQUIRE(!too_long.ok());
  BOOST_TEST(too_long.error().code == ErrorCode::invalid_policy);
}

BOOST_AUTO_TEST_CASE(dpop_proofs_pass_the_dpop_verifier_and_jwcrypto) {
  for (Alg alg : {Alg::ES256, Alg::RS256, Alg::PS256, Alg::EdDSA}) {
    const std::string pem = private_pem(alg == Alg::PS256 ? Alg::RS256 : alg);
    const ClientKey key = client_key(pem, alg);
    const std::string url = "https://api.example/reports";
    auto proof = jwtcheck::make_dpop_proof(key, {"GET", url + "?page=2#top", fake_jwt, "server-nonce"});
    BOOST_TEST_REQUIRE(proof.ok());
    auto verifier = jwtcheck::DpopVerifier::create();
    BOOST_TEST_REQUIRE(verifier.ok());
    auto checked = verifier->verify({fake_jwt, *proof, "GET", url, "server-nonce"}, key.thumbprint());
    BOOST_TEST_REQUIRE(checked.ok(), (checked.ok() ? "" : message_of(checked.error())));
    BOOST_TEST(checked->htu == url);
    // Bound to its request: another method or access token is refused.
    auto other_method = verifier->verify({fake_jwt, *proof, "POST", url, "server-nonce"}, key.thumbprint());
    BOOST_TEST((!other_method.ok() && other_method.error().code == ErrorCode::dpop_htm_mismatch));
    auto fresh = jwtcheck::make_dpop_proof(key, {"GET", url, fake_jwt, {}});
    BOOST_TEST_REQUIRE(fresh.ok());
    auto other_token = verifier->verify({fake_jwt + "x", *fresh, "GET", url, {}}, key.thumbprint());
    BOOST_TEST((!other_token.ok() && other_token.error().code == ErrorCode::dpop_ath_mismatch));
    if (alg != Alg::EdDSA) {  // jwcrypto's PEM import of Ed25519 differs by version: checked above
      auto doc = verified_by_jwcrypto(pem, *proof);
      BOOST_TEST(doc["header"]["typ"].GetString() == std::string("dpop+jwt"));
      BOOST_TEST(!doc["header"]["jwk"].HasMember("d"));
      BOOST_TEST(doc["claims"]["nonce"].GetString() == std::string("server-nonce"));
    }
  }
  const ClientKey key = client_key(private_pem(Alg::ES256));
  auto bad = jwtcheck::make_dpop_proof(key, {"GET", "not a url", {}, {}});
  BOOST_TEST((!bad.ok() && bad.error().code == ErrorCode::invalid_url));
}

BOOST_AUTO_TEST_CASE(token_client_refuses_inconsistent_credentials) {
  SleepRecorder sleeps;
  auto& tenant = shared_tenant();
  const ClientKey key = client_key(private_pem(Alg::ES256));
  const auto refused = [](jwtcheck::TokenClientOptions config) {
    auto client = TokenClient::create(std::move(config));
    BOOST_TEST_REQUIRE(!client.ok());
    BOOST_TEST(client.error().code == ErrorCode::invalid_policy, client.error().message);
    BOOST_TEST(client.error().message.find(client_secret) == std::string::npos);
  };
  auto both = token_config(tenant, sleeps);
  both.auth_method = jwtcheck::ClientAuthMethod::private_key_jwt;
  both.client_assertion_key = key;
  refused(both);  // a secret and a private key
  auto key_only = both;
  key_only.client_secret.clear();
  BOOST_TEST(TokenClient::create(key_only).ok());
  auto no_key = key_only;
  no_key.client_assertion_key.reset();
  refused(no_key);  // no credential at all
  auto long_life = key_only;
  long_life.client_assertion_lifetime = std::chrono::seconds(301);
  refused(long_life);
  auto key_with_secret_method = token_config(tenant, sleeps);
  key_with_secret_method.client_assertion_key = key;
  refused(key_with_secret_method);
  auto mtls = key_only;
  mtls.client_assertion_key.reset();
  mtls.auth_method = jwtcheck::ClientAuthMethod::tls_client_auth;
  refused(mtls);  // no certificate
  mtls.http.client_cert_file = "/tmp/cert.pem";
  refused(mtls);  // a certificate without its key
  mtls.http.client_key_file = "/tmp/key.pem";
  BOOST_TEST(TokenClient::create(mtls).ok());
  mtls.client_secret = jwtcheck::Secret(client_secret);
  refused(mtls);
}

BOOST_AUTO_TEST_CASE(private_key_jwt_sends_a_fresh_assertion_with_every_request) {
  const std::string pem = private_pem(Alg::ES256);
  std::mutex mutex;
  std::vector<std::string> bodies;
  StubServer stub([&](httplib::Server& server) {
    server.Post("/oauth/token", [&](const httplib::Request& request, httplib::Response& response) {
      std::lock_guard lock(mutex);
      bodies.push_back(request.body);
      if (bodies.size() == 1) {  // a transient failure: the retry must carry a new assertion
        response.status = 503;
        return;
      }
      response.set_content(R"({"access_token":")" + fake_jwt + R"(","token_type":"Bearer","expires_in":60})",
                           "application/json");
    });
  });
  jwtcheck::TokenClientOptions config;
  config.token_url = stub.url("/oauth/token");
  config.client_id = "pkjwt-client";
  config.auth_method = jwtcheck::ClientAuthMethod::private_key_jwt;
  config.client_assertion_key = client_key(pem, std::nullopt, "k1");
  config.format = jwtcheck::TokenRequestFormat::form;
  config.http = stub_http();
  SleepRecorder sleeps;
  config.retry.sleep = sleeps.sleep();
  auto client = TokenClient::create(config);
  BOOST_TEST_REQUIRE(client.ok());
  auto token = client->token();
  BOOST_TEST_REQUIRE(token.ok(), (token.ok() ? "" : message_of(token.error())));
  BOOST_TEST_REQUIRE(bodies.size() == 2u);
  std::set<std::string> jtis;
  for (const std::string& body : bodies) {
    BOOST_TEST(form_value(body, "client_id") == "pkjwt-client");
    BOOST_TEST(form_value(body, "client_assertion_type") == std::string(jwtcheck::client_assertion_type));
    BOOST_TEST(body.find("client_secret") == std::string::npos);
    auto doc = verified_by_jwcrypto(pem, form_value(body, "client_assertion"));
    BOOST_TEST(doc["claims"]["aud"].GetString() == config.token_url);
    BOOST_TEST(doc["claims"]["iss"].GetString() == std::string("pkjwt-client"));
    jtis.insert(doc["claims"]["jti"].GetString());
  }
  BOOST_TEST(jtis.size() == 2u);
}

BOOST_AUTO_TEST_CASE(dpop_token_request_answers_a_nonce_challenge_once) {
  const ClientKey key = client_key(private_pem(Alg::ES256));
  auto verifier = jwtcheck::DpopVerifier::create();
  BOOST_TEST_REQUIRE(verifier.ok());
  std::mutex mutex;
  std::vector<std::string> outcomes;
  std::string url;
  StubServer stub([&](httplib::Server& server) {
    server.Post("/oauth/token", [&](const httplib::Request& request, httplib::Response& response) {
      std::lock_guard lock(mutex);
      auto proof = verifier->verify({{}, request.get_header_value("DPoP"), "POST", url, "nonce-1"}, key.thumbprint());
      outcomes.push_back(proof.ok() ? "ok" : std::string(jwtcheck::code_name(proof.error().code)));
      if (!proof.ok()) {
        response.status = 400;
        response.set_header("DPoP-Nonce", "nonce-1");
        response.set_content(R"({"error":"use_dpop_nonce","error_description":"use the nonce"})", "application/json");
        return;
      }
      response.set_content(R"({"access_token":")" + fake_jwt + R"(","token_type":"DPoP","expires_in":3600})",
                           "application/json");
    });
  });
  url = stub.url("/oauth/token");
  SleepRecorder sleeps;
  jwtcheck::TokenClientOptions config;
  config.token_url = url;
  config.client_id = "dpop-client";
  config.client_secret = jwtcheck::Secret("dpop-secret");
  config.dpop_key = key;
  config.http = stub_http();
  config.retry.sleep = sleeps.sleep();
  auto client = TokenClient::create(config);
  BOOST_TEST_REQUIRE(client.ok());
  auto token = client->token();
  BOOST_TEST_REQUIRE(token.ok(), (token.ok() ? "" : message_of(token.error())));
  BOOST_TEST(token->token_type == "DPoP");
  BOOST_TEST((outcomes == std::vector<std::string>{"dpop_nonce_mismatch", "ok"}));
  BOOST_TEST(sleeps.delays().empty());  // answered at once, not as a retry
  auto cached = client->token();
  BOOST_TEST_REQUIRE(cached.ok());
  BOOST_TEST(cached->token_type == "DPoP");  // the cache remembers the token type
  BOOST_TEST(outcomes.size() == 2u);

  // A server that keeps asking gets one retry, no more.
  auto stubborn = TokenClient::create([&] {
    auto c = config;
    c.dpop_key = client_key(private_pem(Alg::ES256));  // proofs with another key never pass
    return c;
  }());
  BOOST_TEST_REQUIRE(stubborn.ok());
  outcomes.clear();
  auto refused = stubborn->token();
  BOOST_TEST_REQUIRE(!refused.ok());
  BOOST_TEST(refused.error().code == ErrorCode::oauth_error);
  BOOST_TEST(refused.error().message.find("use_dpop_nonce") != std::string::npos);
  BOOST_TEST(outcomes.size() == 2u);
}

// A token client of the tenant's test client (secret) that asks for tokens bound to a fresh ES256
// DPoP key; its sleeps are recorded.
struct DpopTokenClient {
  SleepRecorder sleeps;
  ClientKey key;
  TokenClient client;
};

DpopTokenClient dpop_token_client(const jwtcheck::testing::LocalTenant& tenant) {
  SleepRecorder sleeps;
  auto config = token_config(tenant, sleeps);
  const ClientKey key = client_key(private_pem(Alg::ES256));
  config.dpop_key = key;
  auto client = TokenClient::create(config);
  BOOST_TEST_REQUIRE(client.ok(), (client.ok() ? "" : message_of(client.error())));
  return {sleeps, key, std::move(*client)};
}

BOOST_AUTO_TEST_CASE(local_tenant_binds_the_token_to_the_dpop_key) {
  auto [sleeps, key, client] = dpop_token_client(shared_tenant());
  auto token = client.token();
  BOOST_TEST_REQUIRE(token.ok(), (token.ok() ? "" : message_of(token.error())));
  BOOST_TEST(token->token_type == "DPoP");
  auto decoded = jwtcheck::decode_unverified(token->access_token);
  BOOST_TEST_REQUIRE(decoded.ok());
  BOOST_TEST(decoded->claims_json.find("\"jkt\":\"" + key.thumbprint() + "\"") != std::string::npos);
}

// The tenant of these tests with a private_key_jwt client whose public key is `public_pem`.
std::unique_ptr<jwtcheck::testing::LocalTenant> tenant_with_key(const std::string& public_pem,
                                                                bool require_dpop_nonce = false) {
  auto client = test_client();
  client.client_id = "pkjwt-client";
  client.client_secret.clear();
  client.public_key_pem = public_pem;
  jwtcheck::testing::LocalTenantOptions options;
  options.clients = {test_client(), client};
  options.require_dpop_nonce = require_dpop_nonce;
  return start_tenant(std::move(options));
}

// POSTs a form token request with this assertion; the status and body.
std::pair<int, std::string> post_assertion(const jwtcheck::testing::LocalTenant& tenant, const std::string& assertion) {
  httplib::SSLClient http("127.0.0.1", tenant.port());
  http.set_ca_cert_path(tenant.ca_cert_path().c_str());
  http.enable_server_certificate_verification(true);
  httplib::Params params{{"grant_type", "client_credentials"},
                         {"client_id", "pkjwt-client"},
                         {"client_assertion_type", std::string(jwtcheck::client_assertion_type)},
                         {"client_assertion", assertion},
                         {"audience", demo_audience}};
  auto result = http.Post("/oauth/token", params);
  BOOST_TEST_REQUIRE(static_cast<bool>(result));
  return {result->status, result->body};
}

BOOST_AUTO_TEST_CASE(local_tenant_accepts_private_key_jwt_and_refuses_bad_assertions) {
  auto signing = SigningKey::generate(Alg::ES256);
  BOOST_TEST_REQUIRE(signing.ok());
  auto tenant = tenant_with_key(signing->public_pem());
  const ClientKey key = client_key(signing->private_pem());
  SleepRecorder sleeps;
  jwtcheck::TokenClientOptions config = token_config(*tenant, sleeps);
  config.client_id = "pkjwt-client";
  config.client_secret.clear();
  config.auth_method = jwtcheck::ClientAuthMethod::private_key_jwt;
  config.client_assertion_key = key;
  config.format = jwtcheck::TokenRequestFormat::form;
  auto client = TokenClient::create(config);
  BOOST_TEST_REQUIRE(client.ok());
  auto token = client->token();
  BOOST_TEST_REQUIRE(token.ok(), (token.ok() ? "" : message_of(token.error())));
  auto decoded = jwtcheck::decode_unverified(token->access_token);
  BOOST_TEST_REQUIRE(decoded.ok());
  BOOST_TEST(decoded->claims_json.find("\"sub\":\"pkjwt-client@clients\"") != std::string::npos);
  // JSON bodies work as well.
  config.format = jwtcheck::TokenRequestFormat::json;
  auto json_client = TokenClient::create(config);
  BOOST_TEST_REQUIRE(json_client.ok());
  BOOST_TEST(json_client->token().ok());

  // Another key: refused as invalid_client.
  auto other = config;
  other.client_assertion_key = client_key(private_pem(Alg::ES256));
  auto wrong_key = TokenClient::create(other)->token();
  BOOST_TEST_REQUIRE(!wrong_key.ok());
  BOOST_TEST(wrong_key.error().code == ErrorCode::oauth_error);
  BOOST_TEST(wrong_key.error().message.find("invalid_client") != std::string::npos, wrong_key.error().message);

  // Accepted once, refused when replayed.
  auto assertion = jwtcheck::make_client_assertion(key, "pkjwt-client", tenant->token_url());
  BOOST_TEST_REQUIRE(assertion.ok());
  BOOST_TEST(post_assertion(*tenant, *assertion).first == 200);
  auto replayed = post_assertion(*tenant, *assertion);
  BOOST_TEST(replayed.first == 401);
  BOOST_TEST(replayed.second.find("already used") != std::string::npos, replayed.second);

  // Another audience: refused.
  auto wrong_aud = jwtcheck::make_client_assertion(key, "pkjwt-client", "https://elsewhere.example/oauth/token");
  BOOST_TEST_REQUIRE(wrong_aud.ok());
  auto aud_answer = post_assertion(*tenant, *wrong_aud);
  BOOST_TEST(aud_answer.first == 401);
  BOOST_TEST(aud_answer.second.find("audience_mismatch") != std::string::npos, aud_answer.second);

  // Expired, and too long-lived: refused.
  const auto claims = [&](std::int64_t iat, std::int64_t exp, const std::string& jti) {
    return R"({"iss":"pkjwt-client","sub":"pkjwt-client","aud":")" + tenant->token_url() + R"(","jti":")" + jti +
           R"(","iat":)" + std::to_string(iat) + R"(,"exp":)" + std::to_string(exp) + "}";
  };
  const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                               std::chrono::system_clock::now().time_since_epoch()).count();
  auto expired = key.sign("\"typ\":\"JWT\"", claims(now - 600, now - 300, "expired-1"));
  BOOST_TEST_REQUIRE(expired.ok());
  auto expired_answer = post_assertion(*tenant, *expired);
  BOOST_TEST(expired_answer.first == 401);
  BOOST_TEST(expired_answer.second.find("expired") != std::string::npos, expired_answer.second);
  auto long_lived = key.sign("\"typ\":\"JWT\"", claims(now, now + 3600, "long-1"));
  BOOST_TEST_REQUIRE(long_lived.ok());
  BOOST_TEST(post_assertion(*tenant, *long_lived).first == 401);
  // The same claims, fresh and short: accepted (the refusals above were for their reasons).
  auto fine = key.sign("\"typ\":\"JWT\"", claims(now, now + 60, "fine-1"));
  BOOST_TEST_REQUIRE(fine.ok());
  BOOST_TEST(post_assertion(*tenant, *fine).first == 200);
}

BOOST_AUTO_TEST_CASE(local_tenant_nonce_challenge_is_answered) {
  auto signing = SigningKey::generate(Alg::ES256);
  BOOST_TEST_REQUIRE(signing.ok());
  auto tenant = tenant_with_key(signing->public_pem(), /*require_dpop_nonce=*/true);
  auto [sleeps, key, client] = dpop_token_client(*tenant);
  auto token = client.token();
  BOOST_TEST_REQUIRE(token.ok(), (token.ok() ? "" : message_of(token.error())));
  BOOST_TEST(token->token_type == "DPoP");
  BOOST_TEST(tenant->counts().token == 2);  // the challenge, then the request with the nonce
  BOOST_TEST(sleeps.delays().empty());
  client.invalidate();
  BOOST_TEST(client.token().ok());
  BOOST_TEST(tenant->counts().token == 3);  // the nonce was remembered: no second challenge
}

// A self-signed P-256 client certificate and key made by the openssl tool; the DER beside them.
struct ClientCertificate {
  std::string cert, key, der;
};

ClientCertificate make_certificate(const std::string& dir, const std::string& name) {
  ClientCertificate made{dir + "/" + name + ".pem", dir + "/" + name + "-key.pem", dir + "/" + name + ".der"};
  const std::string command = "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=" +
                              name + " -keyout " + made.key + " -out " + made.cert + " >/dev/null 2>&1 && openssl x509 -in " +
                              made.cert + " -outform DER -out " + made.der;
  BOOST_TEST_REQUIRE(std::system(command.c_str()) == 0);
  return made;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

BOOST_AUTO_TEST_CASE(mtls_client_authentication_gets_a_certificate_bound_token) {
  char dir_template[] = "/tmp/jwtcheck-mtls-XXXXXX";
  BOOST_TEST_REQUIRE(mkdtemp(dir_template) != nullptr);
  const std::string dir = dir_template;
  const ClientCertificate good = make_certificate(dir, "mtls-client");
  const ClientCertificate other = make_certificate(dir, "someone-else");
  auto registered = test_client();
  registered.client_id = "mtls-client";
  registered.client_secret.clear();
  registered.certificate_pem = read_text(good.cert);
  jwtcheck::testing::LocalTenantOptions options;
  options.clients = {test_client(), registered};
  auto tenant = start_tenant(std::move(options));

  SleepRecorder sleeps;
  auto config = token_config(*tenant, sleeps);
  config.client_id = "mtls-client";
  config.client_secret.clear();
  config.auth_method = jwtcheck::ClientAuthMethod::tls_client_auth;
  config.http.client_cert_file = good.cert;
  config.http.client_key_file = good.key;
  auto client = TokenClient::create(config);
  BOOST_TEST_REQUIRE(client.ok());
  auto token = client->token();
  BOOST_TEST_REQUIRE(token.ok(), (token.ok() ? "" : message_of(token.error())));
  // Bound to the certificate: cnf["x5t#S256"] as python's hashlib computes it from the DER.
  auto [ok, x5t] = helper("x5t " + good.der);
  BOOST_TEST_REQUIRE(ok);
  auto decoded = jwtcheck::decode_unverified(token->access_token);
  BOOST_TEST_REQUIRE(decoded.ok());
  BOOST_TEST(decoded->claims_json.find("\"x5t#S256\":\"" + x5t + "\"") != std::string::npos, decoded->claims_json);

  // Another certificate: invalid_client.
  auto wrong = config;
  wrong.http.client_cert_file = other.cert;
  wrong.http.client_key_file = other.key;
  auto refused = TokenClient::create(wrong)->token();
  BOOST_TEST_REQUIRE(!refused.ok());
  BOOST_TEST(refused.error().code == ErrorCode::oauth_error);
  BOOST_TEST(refused.error().message.find("invalid_client") != std::string::npos, refused.error().message);

  // The secret client of the same tenant still works without a certificate (it is optional in TLS).
  auto secret_client = TokenClient::create(token_config(*tenant, sleeps));
  BOOST_TEST_REQUIRE(secret_client.ok());
  BOOST_TEST(secret_client->token().ok());
  std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_SUITE_END()
