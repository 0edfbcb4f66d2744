// `jwtcheck verify` with sender-constrained tokens, end to end against `jwtcheck serve`: tokens
// signed by the local tenant's key (`jwtcheck mint --tenant-dir`) carrying cnf.jkt or
// cnf["x5t#S256"], DPoP proofs made by python3-jwcrypto, client certificates made by the openssl
// tool and hashed by python's hashlib. Each refusal has its own reason code in --json.
#include "cli_fixtures.hpp"
#include "support/process_runner.hpp"

#include <boost/test/unit_test.hpp>

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

const std::string kMethod = "GET";
const std::string kUrl = "https://api.example/reports";

// Single-quoted for /bin/sh (test paths and tokens hold no quote).
std::string shell_quoted(const std::string& text) { return "'" + text + "'"; }

std::int64_t now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// The local tenant, a DPoP key and two client certificates, shared by the cases of one test.
struct Tenant {
  TempDir dir;
  RunningProcess serve{{"serve", "--port", "0", "--json", "--state-dir", dir.path().string()}};
  rapidjson::Document info = parse_output(serve.read_line(std::chrono::seconds(30)));
  std::string dpop_key = dir.write("dpop.pem", make_key(Alg::ES256, "dpop").private_pem());
  std::string other_dpop_key = dir.write("other-dpop.pem", make_key(Alg::ES256, "other").private_pem());

  ~Tenant() { serve.stop(SIGTERM, std::chrono::seconds(15)); }

  // A token signed by the tenant's key, with `extra_claims` (a JSON object) merged in.
  std::string mint(const std::string& extra_claims = "{}") {
    const RunResult minted = run_jwtcheck({"mint", "--tenant-dir", dir.path().string(), "--claims", extra_claims});
    BOOST_REQUIRE_MESSAGE(minted.exit_code == 0, minted.all());
    return minted.out.substr(0, minted.out.find('\n'));
  }

  // A self-signed certificate made by the openssl tool: {PEM file, DER file}.
  std::pair<std::string, std::string> certificate(const std::string& name) {
    const std::string base = (dir.path() / name).string();
    capture("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout " + base + ".key -out " +
            base + ".pem -subj /CN=" + name + " -days 1 2>/dev/null");
    capture("openssl x509 -in " + base + ".pem -outform DER -out " + base + ".der");
    return {base + ".pem", base + ".der"};
  }

  std::string proof(const std::string& key, const std::string& token, const std::string& method = kMethod,
                    const std::string& url = kUrl, std::int64_t iat = now(), const std::string& jti = "jti-1") {
    return sender_constrained_helper("proof " + key + " " + shell_quoted(token) + " " + method + " " + shell_quoted(url) + " " +
                  std::to_string(iat) + " " + jti);
  }

  RunResult verify(const std::string& token, std::vector<std::string> extra, bool json = true) {
    std::vector<std::string> args = {"verify", "-t", info["domain"].GetString(), "--cacert", info["ca_cert"].GetString(),
                                     "-a", info["audience"].GetString()};
    if (json) args.push_back("--json");
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(token);
    return run_jwtcheck(args);
  }
};

// The codes of a refused --json verify (exit 1), space-separated.
std::string refusal(const RunResult& run) {
  BOOST_TEST(run.exit_code == 1, run.all());
  const auto doc = parse_output(run.out);
  BOOST_TEST(!doc["valid"].GetBool());
  return error_codes(doc);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cli_binding)

BOOST_AUTO_TEST_CASE(dpop_bound_token_passes_with_its_proof) {
  Tenant tenant;
  const std::string jkt = sender_constrained_helper("jkt " + tenant.dpop_key);
  const std::string token = tenant.mint(R"({"cnf":{"jkt":")" + jkt + R"("}})");
  const std::string proof = tenant.proof(tenant.dpop_key, token);

  const RunResult ok = tenant.verify(token, {"--dpop", proof, "--method", kMethod, "--url", kUrl});
  BOOST_TEST_REQUIRE(ok.exit_code == 0, ok.all());
  const auto doc = parse_output(ok.out);
  const auto& binding = doc["binding"];
  BOOST_TEST(binding["passed"].GetBool());
  BOOST_TEST(std::string(binding["mode"].GetString()) == "allowed");
  BOOST_TEST(binding["bound"].Size() == 1u);
  BOOST_TEST(std::string(binding["bound"][0].GetString()) == "dpop");
  BOOST_TEST(std::string(binding["dpop"]["jkt"].GetString()) == jkt);
  BOOST_TEST(std::string(binding["dpop"]["proof"]["htm"].GetString()) == kMethod);
  BOOST_TEST(std::string(binding["dpop"]["proof"]["alg"].GetString()) == "ES256");
  BOOST_TEST(binding["certificate"].IsNull());

  // The human report says it is bound and how it was checked; the proof itself is not printed.
  const std::string proof_file = tenant.dir.write("proof.txt", proof + "\n");
  const RunResult human = tenant.verify(token, {"--dpop-file", proof_file, "--method", kMethod, "--url", kUrl,
                                                "--binding", "required"}, false);
  BOOST_TEST(human.exit_code == 0, human.all());
  BOOST_TEST(human.out.find("Binding (mode required)") != std::string::npos, human.out);
  BOOST_TEST(human.out.find("DPoP-bound to key " + jkt) != std::string::npos, human.out);
  BOOST_TEST(human.all().find(proof) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(dpop_attacks_each_refused_with_its_code) {
  Tenant tenant;
  const std::string jkt = sender_constrained_helper("jkt " + tenant.dpop_key);
  const std::string token = tenant.mint(R"({"cnf":{"jkt":")" + jkt + R"("}})");
  const std::string other_token = tenant.mint(R"({"cnf":{"jkt":")" + jkt + R"(","n":2}})");
  const std::string proof = tenant.proof(tenant.dpop_key, token);
  auto with = [&](const std::string& p, const std::string& method = kMethod, const std::string& url = kUrl) {
    return std::vector<std::string>{"--dpop", p, "--method", method, "--url", url};
  };
  // A bound token used as a bearer token: refused in every mode.
  for (const char* mode : {"off", "allowed", "required"})
    BOOST_TEST(refusal(tenant.verify(token, {"--binding", mode})) == "dpop_proof_missing", mode);
  BOOST_TEST(refusal(tenant.verify(token, with(proof, "POST"))) == "dpop_htm_mismatch");
  BOOST_TEST(refusal(tenant.verify(token, with(proof, kMethod, "https://api.example/other"))) == "dpop_htu_mismatch");
  BOOST_TEST(refusal(tenant.verify(other_token, with(proof))) == "dpop_ath_mismatch");
  BOOST_TEST(refusal(tenant.verify(token, with(tenant.proof(tenant.other_dpop_key, token)))) == "dpop_key_mismatch");
  BOOST_TEST(refusal(tenant.verify(token, with(tenant.proof(tenant.dpop_key, token, kMethod, kUrl, now() - 3600)))) ==
             "dpop_iat_invalid");
  BOOST_TEST(refusal(tenant.verify(token, with(proof.substr(0, proof.size() - 4) + "AAAA"))) == "dpop_bad_signature");
  std::vector<std::string> off = with(proof);
  off.insert(off.end(), {"--binding", "off"});
  BOOST_TEST(refusal(tenant.verify(token, off)) == "dpop_disabled");
}

BOOST_AUTO_TEST_CASE(certificate_bound_token_passes_with_its_certificate) {
  Tenant tenant;
  const auto [pem, der] = tenant.certificate("client");
  const auto [other_pem, other_der] = tenant.certificate("other");
  const std::string x5t = sender_constrained_helper("x5t " + der);
  const std::string token = tenant.mint(R"({"cnf":{"x5t#S256":")" + x5t + R"("}})");

  for (const std::string& file : {pem, der}) {
    const RunResult ok = tenant.verify(token, {"--client-cert", file});
    BOOST_TEST_REQUIRE(ok.exit_code == 0, ok.all());
    const auto doc = parse_output(ok.out);
    BOOST_TEST(doc["binding"]["passed"].GetBool());
    BOOST_TEST(std::string(doc["binding"]["bound"][0].GetString()) == "certificate");
    BOOST_TEST(std::string(doc["binding"]["certificate"]["thumbprint"].GetString()) == x5t);
  }
  const RunResult human = tenant.verify(token, {"--client-cert", pem}, false);
  BOOST_TEST(human.out.find("certificate-bound to x5t#S256 " + x5t) != std::string::npos, human.out);

  const RunResult mismatch = tenant.verify(token, {"--client-cert", other_pem});
  BOOST_TEST(refusal(mismatch) == "mtls_thumbprint_mismatch");
  // The report names both: the token's x5t#S256 and the presented certificate's thumbprint.
  const auto mismatch_doc = parse_output(mismatch.out);
  BOOST_TEST(std::string(mismatch_doc["binding"]["certificate"]["x5t#S256"].GetString()) == x5t);
  BOOST_TEST(std::string(mismatch_doc["binding"]["certificate"]["thumbprint"].GetString()) == sender_constrained_helper("x5t " + other_der));
  const RunResult without = tenant.verify(token, {});
  BOOST_TEST(refusal(without) == "mtls_bound_token_without_certificate");
  BOOST_TEST(parse_output(without.out)["binding"]["certificate"]["thumbprint"].IsNull());
  BOOST_TEST(refusal(tenant.verify(token, {"--client-cert", pem, "--binding", "off"})) == "mtls_disabled");
  const std::string junk = tenant.dir.write("junk.pem", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
  BOOST_TEST(refusal(tenant.verify(token, {"--client-cert", junk})) == "mtls_certificate_malformed");
  const std::string bad_cnf = tenant.mint(R"({"cnf":{"x5t#S256":"short"}})");
  BOOST_TEST(refusal(tenant.verify(bad_cnf, {"--client-cert", pem})) == "mtls_cnf_malformed");
}

BOOST_AUTO_TEST_CASE(bearer_tokens_and_the_modes) {
  Tenant tenant;
  const auto [pem, der] = tenant.certificate("client");
  const std::string token = tenant.mint();
  const RunResult ok = tenant.verify(token, {});
  BOOST_TEST_REQUIRE(ok.exit_code == 0, ok.all());
  const auto doc = parse_output(ok.out);
  BOOST_TEST(doc["binding"]["checked"].GetBool());
  BOOST_TEST(doc["binding"]["bound"].Size() == 0u);
  BOOST_TEST(std::string(doc["binding"]["how"][0].GetString()).find("bearer token") != std::string::npos);
  // A proof or certificate sent with a bearer token is ignored under allowed, said so.
  const RunResult ignored = tenant.verify(token, {"--client-cert", pem}, false);
  BOOST_TEST(ignored.exit_code == 0, ignored.all());
  BOOST_TEST(ignored.out.find("client certificate was ignored") != std::string::npos, ignored.out);
  BOOST_TEST(refusal(tenant.verify(token, {"--binding", "required"})) == "dpop_binding_required");
  BOOST_TEST(refusal(tenant.verify(token, {"--binding", "required", "--client-cert", pem})) == "mtls_binding_required");
  // A token refused for itself: its binding is not looked at.
  const RunResult refused = tenant.verify(token + "x", {});
  BOOST_TEST(refused.exit_code == 1, refused.all());
  BOOST_TEST(!parse_output(refused.out)["binding"]["checked"].GetBool());
}

BOOST_AUTO_TEST_CASE(flags_that_do_not_fit_are_usage_errors) {
  const std::vector<std::vector<std::string>> cases = {
      {"--dpop", "x.y.z"},                                                    // no --method / --url
      {"--dpop", "x.y.z", "--dpop-file", "proof.txt", "--method", "GET", "--url", kUrl},
      {"--binding", "sometimes"},
  };
  for (const auto& extra : cases) {
    std::vector<std::string> args = {"verify", "--json", "-i", test_issuer, "-a", test_audience, "--jwks-file",
                                     "/nonexistent.json"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back("a.b.c");
    const RunResult run = run_jwtcheck(args);
    BOOST_TEST(run.exit_code == 2, run.all());
    BOOST_TEST(std::string(parse_output(run.out)["error"]["code"].GetString()) == "invalid_policy");
  }
  const RunResult unreadable = run_jwtcheck({"verify", "--json", "-i", test_issuer, "-a", test_audience,
                                             "--client-cert", "/nonexistent/client.pem", "a.b.c"});
  BOOST_TEST(std::string(parse_output(unreadable.out)["error"]["code"].GetString()) == "io_error");
}

BOOST_AUTO_TEST_SUITE_END()
