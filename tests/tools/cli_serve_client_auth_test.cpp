// `jwtcheck serve` started as a real process with the client-authentication flags of issue 21
// (--client-public-key, --client-certificate, --require-dpop-nonce), and `jwtcheck token`,
// `verify` and `check` against it end to end. Keys come from the library's key generator,
// certificates from the openssl tool; cnf.jkt and cnf["x5t#S256"] are computed independently by
// sender_constrained_helper.py (python3-jwcrypto, hashlib).
#include "cli_fixtures.hpp"
#include "support/process_runner.hpp"

#include <jwtcheck/fetch/client_key.hpp>
#include <jwtcheck/fetch/dpop_proof.hpp>
#include <jwtcheck/token.hpp>

#include <boost/test/unit_test.hpp>
#include <httplib.h>

#include <array>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <memory>

using namespace jwtcheck_cli_test;
using namespace jwtcheck::test;
using jwtcheck::Alg;

namespace {

constexpr auto kReady = std::chrono::seconds(30);
constexpr auto kStop = std::chrono::seconds(15);

// No secret anywhere in the environment: the key or the certificate alone must do.
const EnvChanges no_secret{{"JWTCHECK_CLIENT_SECRET", unset_env}};

// A self-signed P-256 certificate and its key, made by the openssl tool, with its DER beside it.
struct ClientCertificate {
  std::string pem, key, der;
};

ClientCertificate make_certificate(const TempDir& dir, const std::string& name) {
  const std::string base = (dir.path() / name).string();
  ClientCertificate made{base + ".pem", base + "-key.pem", base + ".der"};
  capture("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=" + name +
          " -keyout " + made.key + " -out " + made.pem + " 2>/dev/null && openssl x509 -in " + made.pem +
          " -outform DER -out " + made.der);
  return made;
}

// The member `name` of `object`; the test fails when there is none (RapidJSON would abort).
const rapidjson::Value& at(const rapidjson::Value& object, const char* name) {
  BOOST_REQUIRE_MESSAGE(object.IsObject() && object.HasMember(name), std::string("no member ") + name);
  return object[name];
}

// The string member `name` of `object` (the test fails when it is missing or not a string).
std::string text(const rapidjson::Value& object, const char* name) {
  const rapidjson::Value& value = at(object, name);
  BOOST_REQUIRE_MESSAGE(value.IsString(), std::string(name) + " is not a string");
  return value.GetString();
}

// The boolean member `name` of `object` (the test fails when it is missing or not a boolean).
bool flag(const rapidjson::Value& object, const char* name) {
  const rapidjson::Value& value = at(object, name);
  BOOST_REQUIRE_MESSAGE(value.IsBool(), std::string(name) + " is not a boolean");
  return value.GetBool();
}

// The names in the array member "bound" of a report's binding section, space-separated.
std::string bound(const rapidjson::Value& binding) {
  const rapidjson::Value& names = at(binding, "bound");
  BOOST_REQUIRE(names.IsArray());
  std::string joined;
  for (const auto& name : names.GetArray()) {
    BOOST_REQUIRE(name.IsString());
    joined += (joined.empty() ? "" : " ") + std::string(name.GetString());
  }
  return joined;
}

// The claims of `token`, decoded without verifying (verify checks them separately).
rapidjson::Document claims_of(const std::string& token) {
  auto decoded = jwtcheck::decode_unverified(token);
  BOOST_REQUIRE_MESSAGE(decoded.ok(), "not a JWT: " + token);
  return parse_output(decoded->claims_json);
}

std::vector<std::string> joined(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

// `jwtcheck serve --port 0 --json FLAGS...` as a child process, ready once it printed its JSON
// line (it prints it after its listener is up); stopped by its PID with SIGTERM.
class ServedTenant {
 public:
  explicit ServedTenant(const std::vector<std::string>& flags)
      : serve_(joined({"serve", "--port", "0", "--json"}, flags)), info_(ready_line()) {}
  ~ServedTenant() { serve_.stop(SIGTERM, kStop); }
  ServedTenant(const ServedTenant&) = delete;
  ServedTenant& operator=(const ServedTenant&) = delete;

  /// A string member of serve's JSON line ("domain", "ca_cert", "client_id", …).
  std::string info(const char* name) const { return text(info_, name); }

  /// `jwtcheck token` for serve's demo client and audience, then `more`.
  std::vector<std::string> token(const std::vector<std::string>& more) const {
    return joined({"token", "--tenant", info("domain"), "--cacert", info("ca_cert"), "--client-id",
                   info("client_id"), "--audience", info("audience")},
                  more);
  }

  /// `jwtcheck verify --json` against serve's JWKS and audience, then `more`.
  std::vector<std::string> verify(const std::vector<std::string>& more) const {
    return joined({"verify", "--json", "--tenant", info("domain"), "--cacert", info("ca_cert"), "--audience",
                   info("audience")},
                  more);
  }

  /// SIGTERM; the test fails unless serve exits 0.
  void stop() {
    const RunResult stopped = serve_.stop(SIGTERM, kStop);
    BOOST_TEST(stopped.signal == 0, stopped.all());
    BOOST_TEST(stopped.exit_code == 0, stopped.all());
  }

 private:
  rapidjson::Document ready_line() {
    const std::string line = serve_.read_line(kReady);
    if (line.empty()) {
      const RunResult ended = serve_.stop(SIGKILL, kStop);
      BOOST_FAIL("jwtcheck serve printed no JSON line: " + ended.all());
    }
    return parse_output(line);
  }

  RunningProcess serve_;
  rapidjson::Document info_;
};

// The one line `jwtcheck token` printed (the token), after checking it exited 0.
std::string token_line(const RunResult& run) {
  BOOST_TEST_REQUIRE(run.exit_code == 0, run.all());
  BOOST_TEST_REQUIRE((!run.out.empty() && run.out.find('\n') == run.out.size() - 1), run.out);
  return run.out.substr(0, run.out.size() - 1);
}

// A refused token request: exit 3, the typed error oauth_error, the tenant's invalid_client.
void expect_invalid_client(const RunResult& run) {
  BOOST_TEST(run.exit_code == 3, run.all());
  const auto doc = parse_output(run.out);
  BOOST_TEST(error_codes(doc) == "oauth_error", run.out);
  BOOST_TEST(text(at(doc, "error"), "message").find("\"invalid_client\"") != std::string::npos, run.out);
}

// The codes of a refused `verify --json` (exit 1), space-separated.
std::string refusal(const RunResult& run) {
  BOOST_TEST(run.exit_code == 1, run.all());
  const auto doc = parse_output(run.out);
  BOOST_TEST(!flag(doc, "valid"));
  return error_codes(doc);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cli_serve_client_auth)

// serve --client-public-key: private_key_jwt with the matching private key gets a token that
// verifies against serve's JWKS; another key is refused.
BOOST_AUTO_TEST_CASE(private_key_jwt_against_serve) {
  TempDir dir;
  const auto client_key = make_key(Alg::RS256, "client");
  const std::string public_file = dir.write("client-public.pem", client_key.public_pem());
  const std::string private_file = dir.write("client-private.pem", client_key.private_pem());
  const std::string other_file = dir.write("other-private.pem", make_key(Alg::RS256, "other").private_pem());
  ServedTenant tenant({"--client-public-key", public_file});

  const RunResult got = run_jwtcheck(tenant.token({"--private-key-file", private_file}), {}, no_secret);
  const std::string token = token_line(got);
  BOOST_TEST(got.err.empty(), got.err);
  BOOST_TEST(got.all().find("PRIVATE KEY") == std::string::npos);

  const RunResult verified = run_jwtcheck(tenant.verify({token}));
  BOOST_TEST_REQUIRE(verified.exit_code == 0, verified.all());
  const auto doc = parse_output(verified.out);
  BOOST_TEST(flag(doc, "valid"));
  BOOST_TEST(text(at(doc, "claims"), "sub") == tenant.info("client_id") + "@clients");
  BOOST_TEST(text(at(doc, "claims"), "iss") == tenant.info("issuer"));

  const RunResult other = run_jwtcheck(tenant.token({"--private-key-file", other_file, "--json"}), {}, no_secret);
  expect_invalid_client(other);
  BOOST_TEST(other.all().find("PRIVATE KEY") == std::string::npos);
  tenant.stop();
}

// serve --client-certificate: mTLS with that certificate gets a token bound to it (cnf
// ["x5t#S256"], hashed independently) that verify accepts with it and refuses with another;
// another certificate at the token endpoint is refused.
BOOST_AUTO_TEST_CASE(mtls_client_certificate_against_serve) {
  TempDir dir;
  const ClientCertificate mine = make_certificate(dir, "client");
  const ClientCertificate other = make_certificate(dir, "other");
  const std::string x5t = sender_constrained_helper("x5t " + mine.der);
  ServedTenant tenant({"--client-certificate", mine.pem});

  const std::string token =
      token_line(run_jwtcheck(tenant.token({"--client-cert", mine.pem, "--client-key", mine.key}), {}, no_secret));
  const auto claims = claims_of(token);
  BOOST_TEST(text(at(claims, "cnf"), "x5t#S256") == x5t);

  for (const std::string& file : {mine.pem, mine.der}) {
    const RunResult ok = run_jwtcheck(tenant.verify({"--binding", "required", "--client-cert", file, token}));
    BOOST_TEST_REQUIRE(ok.exit_code == 0, ok.all());
    const auto doc = parse_output(ok.out);
    BOOST_TEST(flag(at(doc, "binding"), "passed"));
    BOOST_TEST(bound(at(doc, "binding")) == "certificate");
    BOOST_TEST(text(at(at(doc, "binding"), "certificate"), "thumbprint") == x5t);
  }
  BOOST_TEST(refusal(run_jwtcheck(tenant.verify({"--client-cert", other.pem, token}))) == "mtls_thumbprint_mismatch");
  BOOST_TEST(refusal(run_jwtcheck(tenant.verify({token}))) == "mtls_bound_token_without_certificate");

  expect_invalid_client(
      run_jwtcheck(tenant.token({"--client-cert", other.pem, "--client-key", other.key, "--json"}), {}, no_secret));
  tenant.stop();
}

// serve --require-dpop-nonce: a DPoP token request without its nonce is challenged; `token`
// answers the challenge and gets a token bound to its key, whose printed proof verify accepts;
// `check --dpop-key` passes end to end.
BOOST_AUTO_TEST_CASE(dpop_with_a_required_nonce_against_serve) {
  TempDir dir;
  const auto dpop_key = make_key(Alg::ES256, "dpop");
  const std::string dpop_file = dir.write("dpop.pem", dpop_key.private_pem());
  const std::string jkt = sender_constrained_helper("jkt " + dpop_file);
  ServedTenant tenant({"--require-dpop-nonce"});
  const EnvChanges secret{{"JWTCHECK_CLIENT_SECRET", tenant.info("client_secret")}};
  const std::string url = tenant.info("audience") + "/reports";

  // The challenge: a fresh proof without a nonce is answered 400 use_dpop_nonce with a DPoP-Nonce.
  auto key = jwtcheck::ClientKey::from_pem(dpop_key.private_pem());
  BOOST_TEST_REQUIRE(key.ok());
  auto proof_without_nonce = jwtcheck::make_dpop_proof(*key, {"POST", tenant.info("token_url"), {}, {}});
  BOOST_TEST_REQUIRE(proof_without_nonce.ok());
  const std::string domain = tenant.info("domain");
  const std::string ca_cert = tenant.info("ca_cert");
  httplib::SSLClient https("127.0.0.1", std::stoi(domain.substr(domain.rfind(':') + 1)));
  https.set_ca_cert_path(ca_cert);
  https.enable_server_certificate_verification(true);
  const httplib::Params form = {{"grant_type", "client_credentials"}, {"client_id", tenant.info("client_id")},
                                {"client_secret", tenant.info("client_secret")}, {"audience", tenant.info("audience")}};
  const auto challenged = https.Post("/oauth/token", httplib::Headers{{"DPoP", *proof_without_nonce}}, form);
  BOOST_TEST_REQUIRE(static_cast<bool>(challenged), httplib::to_string(challenged.error()));
  BOOST_TEST(challenged->status == 400, challenged->body);
  BOOST_TEST(text(parse_output(challenged->body), "error") == "use_dpop_nonce", challenged->body);
  BOOST_TEST(!challenged->get_header_value("DPoP-Nonce").empty());

  const RunResult got =
      run_jwtcheck(tenant.token({"--dpop-key", dpop_file, "--dpop-proof", "GET", url, "--json"}), {}, secret);
  BOOST_TEST_REQUIRE(got.exit_code == 0, got.all());
  const auto answer = parse_output(got.out);
  BOOST_TEST(text(answer, "token_type") == "DPoP");
  const std::string token = text(answer, "access_token");
  const std::string proof = text(answer, "dpop_proof");
  const auto claims = claims_of(token);
  BOOST_TEST(text(at(claims, "cnf"), "jkt") == jkt);

  const RunResult ok =
      run_jwtcheck(tenant.verify({"--binding", "required", "--dpop", proof, "--method", "GET", "--url", url, token}));
  BOOST_TEST_REQUIRE(ok.exit_code == 0, ok.all());
  const auto verified = parse_output(ok.out);
  BOOST_TEST(flag(at(verified, "binding"), "passed"));
  BOOST_TEST(bound(at(verified, "binding")) == "dpop");
  BOOST_TEST(text(at(at(verified, "binding"), "dpop"), "jkt") == jkt);
  BOOST_TEST(refusal(run_jwtcheck(tenant.verify({"--dpop", proof, "--method", "POST", "--url", url, token}))) ==
             "dpop_htm_mismatch");
  BOOST_TEST(refusal(run_jwtcheck(tenant.verify({token}))) == "dpop_proof_missing");

  const RunResult checked = run_jwtcheck(
      {"check", "--json", "--tenant", tenant.info("domain"), "--cacert", tenant.info("ca_cert"), "--client-id",
       tenant.info("client_id"), "--audience", tenant.info("audience"), "--dpop-key", dpop_file},
      {}, secret);
  BOOST_TEST_REQUIRE(checked.exit_code == 0, checked.all());
  const auto report = parse_output(checked.out);
  BOOST_TEST(flag(report, "valid"));
  BOOST_TEST(text(at(report, "token_request"), "token_type") == "DPoP");
  BOOST_TEST(text(at(report, "binding"), "mode") == "required");
  BOOST_TEST(flag(at(report, "binding"), "passed"));
  BOOST_TEST(text(at(at(report, "binding"), "dpop"), "jkt") == jkt);
  BOOST_TEST(checked.all().find(tenant.info("client_secret")) == std::string::npos);
  tenant.stop();
}

// Unusable files for the client flags: serve does not start, and says why with a typed code.
BOOST_AUTO_TEST_CASE(serve_refuses_unusable_client_files) {
  TempDir dir;
  const auto key = make_key(Alg::ES256, "client");
  const std::string private_file = dir.write("private.pem", key.private_pem());
  const std::string public_file = dir.write("public.pem", key.public_pem());
  const auto refused = [](const std::vector<std::string>& flags) {
    const RunResult run = run_jwtcheck(joined({"serve", "--port", "0", "--json"}, flags), {}, {},
                                       std::chrono::seconds(20));
    BOOST_TEST(run.signal == 0, "serve kept running: " + run.all());
    BOOST_TEST(run.exit_code == 2, run.all());
    return run.signal == 0 ? error_codes(parse_output(run.out)) : std::string();
  };
  BOOST_TEST(refused({"--client-public-key", private_file}) == "invalid_key");
  BOOST_TEST(refused({"--client-certificate", public_file}) == "mtls_certificate_malformed");
  // A PEM certificate block that holds no certificate: refused too, not found out at the first
  // mTLS token request.
  const std::string junk = dir.write("junk.pem", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
  BOOST_TEST(refused({"--client-certificate", junk}) == "mtls_certificate_malformed");
}

BOOST_AUTO_TEST_SUITE_END()
