// `jwtcheck serve`: run the local Auth0-like tenant until SIGINT/SIGTERM, for trying the other
// commands (and your own API) without an account anywhere.
#include "command.hpp"
#include "common_options.hpp"
#include "key_sources.hpp"
#include "exit_codes.hpp"
#include "json_output.hpp"
#include "report_output.hpp"
#include "terminal_style.hpp"

#include <jwtcheck/alg.hpp>
#include <jwtcheck/certificate_binding.hpp>
#include <jwtcheck/testing/local_tenant.hpp>

#include <CLI/CLI.hpp>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <unistd.h>
#include <memory>
#include <pthread.h>
#include <thread>

#include <jwtcheck/key.hpp>

namespace jwtcheck::cli {

namespace {

struct ServeFlags {
  std::uint16_t port = 0;
  std::string alg = "RS256";
  std::string profile = "auth0";
  std::string state_dir;
  std::string client_public_key_file;  ///< --client-public-key: private_key_jwt for the demo client
  std::string client_certificate_file;  ///< --client-certificate: tls_client_auth for the demo client
  bool require_dpop_nonce = false;     ///< --require-dpop-nonce
  OutputFlags output;
};

// Blocked in every thread (the tenant's threads inherit the mask), so only sigwait sees them.
sigset_t stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

// STATE_DIR/NAME (beside ca.pem), readable by the user only: it holds key material.
Result<std::string> write_private_file(const testing::LocalTenant& tenant, const std::string& name,
                                       std::string_view content) {
  const std::string path = (std::filesystem::path(tenant.ca_cert_path()).parent_path() / name).string();
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Error{ErrorCode::io_error, "cannot write " + path + ": " + std::strerror(errno)};
  const bool written = ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size());
  ::close(fd);
  if (!written) return Error{ErrorCode::io_error, "cannot write " + path};
  return path;
}

// An HS* tenant publishes no key (its JWKS is empty): verifiers need the secret itself.
Result<std::string> write_hs_secret_file(const testing::LocalTenant& tenant) {
  return write_private_file(tenant, "hs-secret", tenant.current_key().hmac_secret());
}

// What `jwtcheck mint --tenant-dir DIR` signs with: the tenant's key and its token defaults.
Result<std::string> write_mint_defaults(const testing::LocalTenant& tenant, const testing::TenantClient& client,
                                        const std::string& audience, const std::string& hs_secret_file) {
  const testing::SigningKey key = tenant.current_key();
  rapidjson::StringBuffer buffer;
  JsonWriter out(buffer);
  out.StartObject();
  write_member(out, "alg", alg_name(key.alg()));
  write_member(out, "kid", key.kid());
  if (hs_secret_file.empty()) write_member(out, "private_key_pem", key.private_pem());
  if (!hs_secret_file.empty()) write_member(out, "hs_secret_file", hs_secret_file);
  write_member(out, "issuer", tenant.issuer());
  write_member(out, "audience", audience);
  write_member(out, "client_id", client.client_id);
  out.EndObject();
  return write_private_file(tenant, "mint.json", std::string_view(buffer.GetString(), buffer.GetSize()));
}

std::string scopes_of(const testing::TenantClient& client, const std::string& audience) {
  auto found = client.audience_scopes.find(audience);
  return found == client.audience_scopes.end() ? std::string() : found->second;
}

void print_serve_json(const testing::LocalTenant& tenant, const testing::TenantClient& client,
                      const std::string& audience, const std::string& hs_secret_file) {
  JsonDocument doc;
  JsonWriter& out = doc.writer();
  out.StartObject();
  write_member(out, "url", tenant.base_url());
  write_member(out, "domain", tenant.domain());
  write_member(out, "issuer", tenant.issuer());
  write_member(out, "token_url", tenant.token_url());
  write_member(out, "jwks_url", tenant.jwks_url());
  write_member(out, "ca_cert", tenant.ca_cert_path());
  write_member(out, "alg", alg_name(tenant.current_key().alg()));
  write_member(out, "client_id", client.client_id);
  write_member(out, "client_secret", client.client_secret);
  write_member(out, "audience", audience);
  write_member(out, "scope", scopes_of(client, audience));
  if (!hs_secret_file.empty()) write_member(out, "hs_secret_file", hs_secret_file);
  write_member(out, "state_dir", std::filesystem::path(tenant.ca_cert_path()).parent_path().string());
  write_member(out, "profile", profile_name(tenant.token_profile()));
  out.EndObject();
  doc.print();
}

void print_serve_human(const testing::LocalTenant& tenant, const testing::TenantClient& client,
                       const std::string& audience, const std::string& hs_secret_file) {
  const TerminalStyle style = TerminalStyle::for_stream(stdout);
  std::printf("%s\n\n", style.bold("jwtcheck local tenant running (Ctrl-C to stop)").c_str());
  std::printf("  %-15s %s\n", "URL", tenant.base_url().c_str());
  std::printf("  %-15s %s\n", "issuer", tenant.issuer().c_str());
  std::printf("  %-15s %s\n", "token URL", tenant.token_url().c_str());
  std::printf("  %-15s %s\n", "JWKS URL", tenant.jwks_url().c_str());
  std::printf("  %-15s %s\n", "CA certificate", tenant.ca_cert_path().c_str());
  std::printf("  %-15s %s\n", "client id", client.client_id.c_str());
  // The one secret jwtcheck ever prints: this throwaway tenant's own demo secret.
  std::printf("  %-15s %s\n", "client secret", client.client_secret.c_str());
  std::printf("  %-15s %s\n", "audience", audience.c_str());
  std::printf("  %-15s %s\n", "scopes", scopes_of(client, audience).c_str());
  if (!hs_secret_file.empty()) {
    std::printf("  %-15s %s (the JWKS is empty: an HMAC secret is never published)\n", "HS secret file",
                hs_secret_file.c_str());
  }
  std::printf("\nTry it:\n  export JWTCHECK_CLIENT_SECRET='%s'\n", client.client_secret.c_str());
  std::printf("  TOKEN=$(jwtcheck token --tenant %s --cacert %s --client-id %s --audience %s)\n",
              tenant.domain().c_str(), tenant.ca_cert_path().c_str(), client.client_id.c_str(), audience.c_str());
  const std::string keys = hs_secret_file.empty()
                               ? "--cacert " + tenant.ca_cert_path()
                               : "--hs-secret-file " + hs_secret_file + " --alg " +
                                     std::string(alg_name(tenant.current_key().alg()));
  const std::string profile = tenant.token_profile() == TokenProfile::auth0
                                  ? std::string()
                                  : " --profile " + std::string(profile_name(tenant.token_profile()));
  std::printf("  echo \"$TOKEN\" | jwtcheck verify --tenant %s %s --audience %s%s\n", tenant.domain().c_str(),
              keys.c_str(), audience.c_str(), profile.c_str());
  std::printf("Test tokens of any shape, signed with this tenant's key:\n  jwtcheck mint --tenant-dir %s --expires-in -60\n",
              std::filesystem::path(tenant.ca_cert_path()).parent_path().c_str());
  std::printf("or from the token endpoint, for any audience, with test_expires_in, test_scope, test_subject and\n"
              "test_claims (see docs/cli.md):\n"
              "  curl --cacert %s -d grant_type=client_credentials -d client_id=%s \\\n"
              "    -d client_secret=\"$JWTCHECK_CLIENT_SECRET\" -d audience=https://other.api -d test_expires_in=-60 %s\n",
              tenant.ca_cert_path().c_str(), client.client_id.c_str(), tenant.token_url().c_str());
  std::fflush(stdout);
}

int run_serve(const ServeFlags& flags) {
  constexpr std::string_view command = "serve";
  const auto alg = alg_from_name(flags.alg);
  if (!alg) {
    const Error error{ErrorCode::invalid_policy, "--alg: unknown algorithm \"" + flags.alg + "\""};
    return usage_failure(command, error, flags.output.json);
  }

  const sigset_t signals = stop_signals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  testing::LocalTenantOptions options;
  options.alg = *alg;
  options.token_profile = profile_from_name(flags.profile).value_or(TokenProfile::auth0);  // checked by CLI11
  options.port = flags.port;
  options.state_dir = flags.state_dir;
  options.test_token_parameters = true;  // test_expires_in, test_scope, test_subject, test_claims
  options.require_dpop_nonce = flags.require_dpop_nonce;
  if (!flags.client_public_key_file.empty() || !flags.client_certificate_file.empty()) {
    testing::TenantClient client = testing::demo_client();
    if (!flags.client_public_key_file.empty()) {
      auto pem = read_small_file(flags.client_public_key_file, 64 * 1024);
      if (!pem) return report_failure(command, pem.error(), flags.output.json);
      if (auto key = parse_pem_public_key(*pem); !key)
        return usage_failure(command, Error{key.error().code, "--client-public-key " + flags.client_public_key_file +
                                                                  ": " + key.error().message},
                             flags.output.json);
      client.public_key_pem = std::move(*pem);
    }
    if (!flags.client_certificate_file.empty()) {
      constexpr std::size_t max_certificate_file = 64 * 1024;
      auto pem = read_small_file(flags.client_certificate_file, max_certificate_file);
      if (!pem) return report_failure(command, pem.error(), flags.output.json);
      if (pem->find("-----BEGIN CERTIFICATE-----") == std::string::npos)
        return usage_failure(command, Error{ErrorCode::mtls_certificate_malformed, "--client-certificate " +
                                                                                        flags.client_certificate_file +
                                                                                        ": expected a PEM certificate"},
                             flags.output.json);
      // Decoded now: a PEM block that holds no certificate would otherwise start a tenant that
      // refuses every mTLS token request.
      CertificateBindingOptions decoding;
      decoding.max_certificate_bytes = max_certificate_file;
      if (auto decoded = certificate_thumbprint(*pem, decoding); !decoded)
        return usage_failure(command, Error{decoded.error().code, "--client-certificate " +
                                                                      flags.client_certificate_file + ": " +
                                                                      decoded.error().message},
                             flags.output.json);
      client.certificate_pem = std::move(*pem);
    }
    options.clients = {std::move(client)};
  }
  auto tenant = testing::LocalTenant::start(options);
  if (!tenant) return report_failure(command, tenant.error(), flags.output.json);

  const auto clients = (*tenant)->clients();
  const testing::TenantClient client = clients.empty() ? testing::TenantClient{} : clients.front();
  const std::string audience = client.audience_scopes.empty() ? std::string() : client.audience_scopes.begin()->first;
  std::string hs_secret_file;
  if (is_hmac(*alg)) {
    auto written = write_hs_secret_file(**tenant);
    if (!written) return report_failure(command, written.error(), flags.output.json);
    hs_secret_file = std::move(*written);
  }
  if (auto written = write_mint_defaults(**tenant, client, audience, hs_secret_file); !written) {
    return report_failure(command, written.error(), flags.output.json);
  }
  if (flags.output.json) {
    print_serve_json(**tenant, client, audience, hs_secret_file);
  } else {
    print_serve_human(**tenant, client, audience, hs_secret_file);
  }

  testing::LocalTenant& running = **tenant;
  std::thread stopper([&running, signals] {
    int received = 0;
    sigwait(&signals, &received);
    running.stop();
  });
  running.wait();
  // Normally the stopper ended the wait; if anything else did, wake it so it can be joined.
  pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
  std::fprintf(stderr, "jwtcheck serve: stopped\n");
  return exit_valid;
}

}  // namespace

Command add_serve_command(CLI::App& parent) {
  auto flags = std::make_shared<ServeFlags>();
  CLI::App* sub = add_subcommand(parent, "serve",
                                 "Run a local HTTPS tenant (token endpoint, JWKS, discovery) until interrupted, "
                                 "and print its URL, CA certificate and a client it accepts");
  sub->add_option("--port", flags->port, "Port to listen on at 127.0.0.1 (default 0: any free port)");
  sub->add_option("--alg", flags->alg, "Signing algorithm of the tenant's key (default RS256)");
  sub->add_option("--profile", flags->profile,
                  "Access-token profile of issued tokens: auth0 (default) or rfc9068 (typ at+jwt, client_id, jti)")
      ->check(CLI::IsMember({"auth0", "rfc9068"}));
  sub->add_option("--client-public-key", flags->client_public_key_file,
                  "PEM public key registered for the demo client: its token requests may then authenticate with "
                  "private_key_jwt (a client assertion signed by the private key) instead of the secret");
  sub->add_option("--client-certificate", flags->client_certificate_file,
                  "PEM certificate registered for the demo client: its token requests may then authenticate with "
                  "that TLS client certificate alone (mTLS, RFC 8705 tls_client_auth) and get certificate-bound tokens");
  sub->add_flag("--require-dpop-nonce", flags->require_dpop_nonce,
                "DPoP token requests must carry the tenant's nonce (answered 400 use_dpop_nonce with a DPoP-Nonce "
                "header first, RFC 9449 §8)");
  sub->add_option("--state-dir", flags->state_dir, "Directory for ca.pem (default: a temporary one, removed on exit)");
  add_output_options(*sub, flags->output);
  return Command{sub, [flags] { return run_serve(*flags); }};
}

}  // namespace jwtcheck::cli
