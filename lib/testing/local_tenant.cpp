#include <jwtcheck/testing/local_tenant.hpp>

#include "testing/base64url_encode.hpp"
#include "testing/tenant_server.hpp"

#include <openssl/rand.h>

namespace jwtcheck::testing {

TenantClient demo_client() {
  unsigned char secret[32];
  if (RAND_bytes(secret, sizeof secret) != 1) return {};
  return TenantClient{"jwtcheck-demo-client", jwtcheck::testing::detail::base64url_encode(secret),
                      {{"https://api.jwtcheck.test", "read:reports write:reports"}}, {}, {}};
}

struct LocalTenant::Impl {
  std::unique_ptr<detail::TenantServer> server;
};

Result<std::unique_ptr<LocalTenant>> LocalTenant::start(LocalTenantOptions options) {
  auto server = detail::TenantServer::start(std::move(options));
  if (!server) return std::move(server).error();
  return std::unique_ptr<LocalTenant>(new LocalTenant(std::make_unique<Impl>(Impl{std::move(*server)})));
}

LocalTenant::LocalTenant(std::unique_ptr<Impl> server) noexcept : server_(std::move(server)) {}
LocalTenant::~LocalTenant() = default;  // ~TenantServer stops and joins

std::string LocalTenant::base_url() const { return server_->server->base_url(); }
std::string LocalTenant::domain() const { return server_->server->domain(); }
std::string LocalTenant::issuer() const { return server_->server->base_url() + "/"; }
std::string LocalTenant::token_url() const { return server_->server->base_url() + "/oauth/token"; }
std::string LocalTenant::jwks_url() const { return server_->server->base_url() + "/.well-known/jwks.json"; }
std::string LocalTenant::discovery_url() const { return server_->server->base_url() + "/.well-known/openid-configuration"; }
std::uint16_t LocalTenant::port() const { return server_->server->port(); }
std::string LocalTenant::ca_cert_path() const { return server_->server->ca_cert_path(); }
std::vector<TenantClient> LocalTenant::clients() const { return server_->server->clients(); }
TokenProfile LocalTenant::token_profile() const { return server_->server->token_profile(); }

SigningKey LocalTenant::current_key() const { return server_->server->keys().current(); }
std::vector<SigningKey> LocalTenant::published_keys() const { return server_->server->keys().published(); }
std::string LocalTenant::rotate_key() { return server_->server->keys().rotate(); }
void LocalTenant::drop_old_keys() { server_->server->keys().drop_old(); }
void LocalTenant::set_jwks_cache_control(std::string value) { server_->server->set_jwks_cache_control(std::move(value)); }

void LocalTenant::add_fault(Fault fault) { server_->server->faults().add(fault); }
void LocalTenant::clear_faults() { server_->server->faults().clear(); }
RequestCounts LocalTenant::counts() const { return server_->server->counts(); }
void LocalTenant::reset_counts() { server_->server->reset_counts(); }
bool LocalTenant::wait_for_requests(Endpoint endpoint, int count, std::chrono::milliseconds timeout) const {
  return server_->server->wait_for_requests(endpoint, count, timeout);
}

Result<std::string> LocalTenant::mint(const Auth0Claims& claims, const MintOptions& options) const {
  Auth0Claims filled = claims;
  if (filled.issuer.empty()) filled.issuer = issuer();
  auto json = filled.to_json_checked();
  if (!json) return std::move(json).error();
  return mint_token(server_->server->keys().current(), *json, options);
}

void LocalTenant::wait() { server_->server->wait(); }
void LocalTenant::stop() { server_->server->stop(); }

}  // namespace jwtcheck::testing
