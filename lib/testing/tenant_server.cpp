#include "testing/tenant_server.hpp"

#include "testing/base64url_encode.hpp"
#include "testing/certificate_authority.hpp"
#include "testing/discovery_document.hpp"
#include "testing/drop_connection.hpp"
#include "testing/fault_answer.hpp"
#include "testing/token_request.hpp"

#include <httplib.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <algorithm>
#include <span>

#include <arpa/inet.h>
#include <sys/socket.h>

#include <cerrno>
#include <pthread.h>
#include <signal.h>

namespace jwtcheck::testing::detail {

namespace {

constexpr std::size_t kMaxRequestBytes = 64 * 1024;
constexpr auto kStartTimeout = std::chrono::seconds(10);

bool is_ip_address(const std::string& host) {
  unsigned char buffer[sizeof(in6_addr)];
  return inet_pton(AF_INET, host.c_str(), buffer) == 1 || inet_pton(AF_INET6, host.c_str(), buffer) == 1;
}

// The host clients use in URLs: a wildcard listen address is reached through loopback.
std::string url_host(const std::string& listen_host) {
  if (listen_host.empty() || listen_host == "0.0.0.0") return "127.0.0.1";
  if (listen_host == "::") return "[::1]";
  if (listen_host.find(':') != std::string::npos) return "[" + listen_host + "]";
  return listen_host;
}

Result<ServerCredentials> credentials_for(const std::string& listen_host) {
  std::vector<std::string> dns_names{"localhost"};
  std::vector<std::string> ips{"127.0.0.1", "::1"};
  if (is_ip_address(listen_host) && listen_host != "0.0.0.0" && listen_host != "::") {
    if (listen_host != "127.0.0.1" && listen_host != "::1") ips.push_back(listen_host);
  } else if (!listen_host.empty() && listen_host != "localhost" && !is_ip_address(listen_host)) {
    dns_names.push_back(listen_host);
  }
  return issue_server_credentials(dns_names, ips);
}

// Writing to a socket the peer closed raises SIGPIPE; the server's threads take EPIPE instead.
// Threads created from here (cpp-httplib's pool) inherit the mask.
void block_sigpipe_on_this_thread() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

void send(const HttpAnswer& answer, httplib::Response& response) {
  response.status = answer.status;
  for (const auto& [name, value] : answer.headers) response.set_header(name, value);
  if (answer.status != 304) response.set_content(answer.body, answer.content_type.c_str());  // 304: no body
}

}  // namespace

Result<std::unique_ptr<TenantServer>> TenantServer::start(LocalTenantOptions options) {
  if (options.clients.empty()) options.clients.push_back(demo_client());
  auto keys = KeyRing::create(options.alg, options.first_key);
  if (!keys) return std::move(keys).error();
  if (options.first_key) options.alg = options.first_key->alg();  // discovery advertises it
  auto state_dir = StateDir::open(options.state_dir);
  if (!state_dir) return std::move(state_dir).error();
  auto credentials = credentials_for(options.host);
  if (!credentials) return std::move(credentials).error();
  if (auto written = state_dir->write_file("ca.pem", credentials->ca_pem); !written) return written.error();

  // SSL_CTX_use_certificate / _PrivateKey take their own references: ours may go.
  auto server = std::make_unique<httplib::SSLServer>(credentials->certificate.get(), credentials->private_key.get());
  if (!server->is_valid()) return Error{ErrorCode::tls_failed, "could not set up the tenant's TLS context"};
  // tls_client_auth: ask for a client certificate (optional, any issuer); the token endpoint then
  // accepts it only when it is exactly the client's registered one.
  const bool certificates = std::any_of(options.clients.begin(), options.clients.end(),
                                        [](const TenantClient& c) { return !c.certificate_pem.empty(); });
  if (certificates) SSL_CTX_set_verify(server->ssl_context(), SSL_VERIFY_PEER, [](int, X509_STORE_CTX*) { return 1; });
  auto tenant = std::make_unique<TenantServer>(std::move(options), std::move(*state_dir), std::move(*keys));
  if (auto listening = tenant->listen(std::move(server)); !listening) return listening.error();
  return tenant;
}

namespace {

// base64url(SHA-256(DER)) of the connection's client certificate when it is exactly the PEM
// certificate registered; empty otherwise (no certificate, another one, an unreadable PEM).
std::string matching_certificate_thumbprint(const SSL* ssl, const std::string& registered_pem) {
  if (!ssl) return {};
  X509* peer = SSL_get0_peer_certificate(ssl);
  if (!peer) return {};
  BIO* bio = BIO_new_mem_buf(registered_pem.data(), static_cast<int>(registered_pem.size()));
  X509* registered = bio ? PEM_read_bio_X509(bio, nullptr, nullptr, nullptr) : nullptr;
  BIO_free(bio);
  std::string thumbprint;
  if (registered && X509_cmp(peer, registered) == 0) {
    unsigned char* der = nullptr;
    const int length = i2d_X509(peer, &der);
    unsigned char hash[32];
    if (length > 0 && EVP_Digest(der, static_cast<std::size_t>(length), hash, nullptr, EVP_sha256(), nullptr) == 1)
      thumbprint = base64url_encode(std::span<const unsigned char>(hash, sizeof hash));
    OPENSSL_free(der);
  }
  X509_free(registered);
  ERR_clear_error();
  return thumbprint;
}

}  // namespace

TenantServer::TenantServer(LocalTenantOptions options, StateDir state_dir, std::unique_ptr<KeyRing> keys)
    : options_(std::move(options)),
      state_dir_(std::move(state_dir)),
      keys_(std::move(keys)),
      jwks_cache_control_(options_.jwks_cache_control),
      jwks_validators_(options_.jwks_etag, options_.jwks_last_modified),
      dpop_(*DpopVerifier::create()) {  // default options never fail
  token_settings_.lifetime = options_.token_lifetime;
  token_settings_.opaque_token_without_audience = options_.opaque_token_without_audience;
  token_settings_.test_parameters = options_.test_token_parameters;
  token_settings_.profile = options_.token_profile;
  unsigned char nonce[16] = {};
  if (RAND_bytes(nonce, sizeof nonce) != 1) nonce[0] = 1;  // still a nonce no proof carries by chance
  dpop_nonce_ = base64url_encode(nonce);
}

TenantServer::~TenantServer() { stop(); }

Result<void> TenantServer::listen(std::unique_ptr<httplib::SSLServer> server) {
  server_ = std::move(server);
  server_->set_payload_max_length(kMaxRequestBytes);
  server_->set_keep_alive_timeout(1);  // idle keep-alive connections must not hold up stop()
  server_->set_read_timeout(5, 0);
  // cpp-httplib's default sets SO_REUSEPORT, which lets a second tenant bind the same port and
  // share its connections at random; SO_REUSEADDR only allows a restart over TIME_WAIT sockets.
  server_->set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  const std::string& host = options_.host;
  errno = 0;
  const int port = options_.port == 0 ? server_->bind_to_any_port(host)
                                      : (server_->bind_to_port(host, options_.port) ? options_.port : -1);
  if (port <= 0) {
    const std::string where = host + ":" + std::to_string(options_.port);
    if (errno == EADDRINUSE) {
      return Error{ErrorCode::io_error, "port " + std::to_string(options_.port) + " is already in use (" + where +
                                            "): stop what listens there or choose another port (0: any free port)"};
    }
    return Error{ErrorCode::io_error, "could not listen on " + where};
  }
  port_ = static_cast<std::uint16_t>(port);
  domain_ = url_host(host) + ":" + std::to_string(port_);
  base_url_ = "https://" + domain_;
  token_settings_.issuer = base_url_ + "/";
  add_routes();

  thread_ = std::thread([this] { serve_on_this_thread(); });
  // stop() only reaches a server that is running: wait until it is.
  const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  while (!server_->is_running()) {
    {
      std::lock_guard lock(stop_mutex_);
      if (listener_ended_) return Error{ErrorCode::io_error, "the tenant's server stopped while starting"};
    }
    if (std::chrono::steady_clock::now() > deadline)
      return Error{ErrorCode::timeout, "the tenant's server did not start within 10 s"};
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return {};
}

void TenantServer::serve_on_this_thread() {
  block_sigpipe_on_this_thread();
  server_->listen_after_bind();
  std::lock_guard lock(stop_mutex_);
  listener_ended_ = true;
  stop_changed_.notify_all();
}

void TenantServer::add_routes() {
  server_->Post("/oauth/token", [this](const httplib::Request& req, httplib::Response& res) {
    handle(Endpoint::token, req, res, [this](const httplib::Request& r) { return answer_token(r); });
  });
  server_->Get("/.well-known/jwks.json", [this](const httplib::Request& req, httplib::Response& res) {
    handle(Endpoint::jwks, req, res, [this](const httplib::Request& r) { return answer_jwks(r); });
  });
  const auto discovery = [this](const httplib::Request& req, httplib::Response& res) {
    handle(Endpoint::discovery, req, res,
           [this](const httplib::Request&) { return HttpAnswer{200, discovery_json(base_url_, options_.alg)}; });
  };
  if (options_.openid_configuration) server_->Get("/.well-known/openid-configuration", discovery);
  server_->Get("/.well-known/oauth-authorization-server", discovery);
  const auto not_found = [this](const httplib::Request&, httplib::Response& res) {
    count(Endpoint::any);
    send(oauth_error_answer({404, "not_found", "Not Found"}), res);
  };
  server_->Get(".*", not_found);
  server_->Post(".*", not_found);
}

void TenantServer::handle(Endpoint endpoint, const httplib::Request& request, httplib::Response& response,
                          const Answerer& answer) {
  count(endpoint);
  const FaultsForRequest faults = faults_.take(endpoint);
  if (faults.delay.count() > 0) sleep_unless_stopping(faults.delay);
  if (!faults.answer) return send(answer(request), response);
  if (faults.answer->kind != Fault::Kind::drop_connection) return send(fault_answer(*faults.answer), response);
  // cpp-httplib will still try to write this answer; the socket is already shut down.
  if (!drop_connection(port_, request.remote_addr, request.remote_port))
    return send(oauth_error_answer({500, "server_error", "the tenant could not drop the connection"}), response);
  response.status = 500;
}

void TenantServer::count(Endpoint endpoint) noexcept {
  switch (endpoint) {
    case Endpoint::token: ++token_count_; break;
    case Endpoint::jwks: ++jwks_count_; break;
    case Endpoint::discovery: ++discovery_count_; break;
    case Endpoint::any: ++other_count_; break;
  }
  { std::lock_guard lock(count_mutex_); }  // a waiter is either waiting or will see the new count
  count_changed_.notify_all();
}

void TenantServer::sleep_unless_stopping(std::chrono::milliseconds delay) {
  std::unique_lock lock(stop_mutex_);
  stop_changed_.wait_for(lock, delay, [this] { return stopping_; });
}

HttpAnswer TenantServer::answer_token(const httplib::Request& request) const {
  const bool certificates = std::any_of(options_.clients.begin(), options_.clients.end(),
                                        [](const TenantClient& c) { return !c.certificate_pem.empty(); });
  auto parsed = parse_token_request(request.get_header_value("Content-Type"), request.body,
                                    request.get_header_value("Authorization"), certificates);
  if (const auto* failure = std::get_if<OAuthFailure>(&parsed)) return oauth_error_answer(*failure);
  TokenRequest& token_request = std::get<TokenRequest>(parsed);
  const std::string token_url = "https://" + request.get_header_value("Host") + "/oauth/token";
  if (!token_request.client_assertion.empty()) {
    const TenantClient* client = nullptr;
    for (const auto& c : options_.clients)
      if (c.client_id == token_request.client_id) client = &c;
    if (!client) return oauth_error_answer({401, "invalid_client", "client assertion: unknown client"});
    if (auto refused = assertions_.check(token_request.client_assertion, *client, token_url))
      return oauth_error_answer(*refused);
    token_request.assertion_verified = true;
  }
  if (token_request.certificate_auth) {
    const TenantClient* client = nullptr;
    for (const auto& c : options_.clients)
      if (c.client_id == token_request.client_id) client = &c;
    if (!client || client->certificate_pem.empty()) return oauth_error_answer({401, "access_denied", "Unauthorized"});
    auto x5t = matching_certificate_thumbprint(request.ssl, client->certificate_pem);
    if (x5t.empty())
      return oauth_error_answer({401, "invalid_client", "the TLS client certificate is not the one registered for this client"});
    token_request.certificate_verified = true;
    token_request.certificate_x5t = std::move(x5t);
  }
  // RFC 9449 §5: a DPoP proof with the token request asks for a token bound to its key. Its htu
  // is the token endpoint as the client addressed it (the Host it sent).
  std::string jkt;
  if (request.has_header("DPoP")) {
    if (request.get_header_value_count("DPoP") != 1)
      return oauth_error_answer({400, "invalid_dpop_proof", "more than one DPoP header"});
    const std::string url = "https://" + request.get_header_value("Host") + "/oauth/token";
    const std::string_view nonce = options_.require_dpop_nonce ? std::string_view(dpop_nonce_) : std::string_view();
    auto proof = dpop_.verify(DpopRequest{{}, request.get_header_value("DPoP"), "POST", url, nonce}, {});
    if (!proof && proof.error().code == ErrorCode::dpop_nonce_mismatch) {
      // RFC 9449 §8: tell the client the nonce to use.
      HttpAnswer answer = oauth_error_answer({400, "use_dpop_nonce", "Authorization server requires nonce in DPoP proof"});
      answer.headers.emplace_back("DPoP-Nonce", dpop_nonce_);
      return answer;
    }
    if (!proof) return oauth_error_answer({400, "invalid_dpop_proof", proof.error().message});
    jkt = std::move(proof->jkt);
  }
  return answer_token_request(token_request, options_.clients, keys_->current(), token_settings_,
                              jkt);
}

HttpAnswer TenantServer::answer_jwks(const httplib::Request& request) {
  HttpAnswer answer{200, keys_->jwks()};
  JwksValidation validation = jwks_validators_.validate(answer.body, request.get_header_value("If-None-Match"),
                                                        request.get_header_value("If-Modified-Since"));
  if (validation.not_modified) {
    answer.status = 304;
    answer.body.clear();
  }
  answer.headers = std::move(validation.headers);
  std::lock_guard lock(cache_control_mutex_);
  if (!jwks_cache_control_.empty()) answer.headers.emplace_back("Cache-Control", jwks_cache_control_);
  return answer;
}

void TenantServer::set_jwks_cache_control(std::string value) {
  std::lock_guard lock(cache_control_mutex_);
  jwks_cache_control_ = std::move(value);
}

RequestCounts TenantServer::counts() const {
  return RequestCounts{token_count_.load(), jwks_count_.load(), discovery_count_.load(), other_count_.load()};
}

void TenantServer::reset_counts() {
  token_count_ = 0;
  jwks_count_ = 0;
  discovery_count_ = 0;
  other_count_ = 0;
}

bool TenantServer::wait_for_requests(Endpoint endpoint, int count, std::chrono::milliseconds timeout) const {
  const auto served = [&] {
    const RequestCounts c = counts();
    switch (endpoint) {
      case Endpoint::token: return c.token;
      case Endpoint::jwks: return c.jwks;
      case Endpoint::discovery: return c.discovery;
      case Endpoint::any: break;
    }
    return c.token + c.jwks + c.discovery + c.other;
  };
  std::unique_lock lock(count_mutex_);
  return count_changed_.wait_for(lock, timeout, [&] { return served() >= count; });
}

void TenantServer::wait() {
  std::unique_lock lock(stop_mutex_);
  stop_changed_.wait(lock, [this] { return stopped_ || listener_ended_; });
}

void TenantServer::stop() {
  {
    std::lock_guard lock(stop_mutex_);
    stopping_ = true;
  }
  stop_changed_.notify_all();  // wakes delayed requests
  {
    std::lock_guard join_lock(join_mutex_);
    if (server_) server_->stop();
    if (thread_.joinable()) thread_.join();
    state_dir_.remove();
  }
  std::lock_guard lock(stop_mutex_);
  stopped_ = true;
  stop_changed_.notify_all();
}

}  // namespace jwtcheck::testing::detail
