// jwtcheck — a KeySource that downloads a tenant's JWKS and keeps it fresh.
//
// Where the keys come from (never from anything inside a token: no jku, x5u, kid-as-URL):
//  - a tenant domain: https://DOMAIN/.well-known/jwks.json (Auth0's location);
//  - a JWKS URL given explicitly;
//  - discovery: the OpenID Connect document (ISSUER/.well-known/openid-configuration) or the
//    RFC 8414 one (https://HOST/.well-known/oauth-authorization-server[/PATH]); its "issuer"
//    must equal the expected issuer byte for byte and its "jwks_uri" must be an https URL.
//
// Refresh (all knobs in RemoteKeySourceOptions). Every fetch runs on the source's own refresher
// thread, started when the source is made and stopped and joined by its destructor (a request
// in flight is aborted). current() and refresh_for_unknown_kid() never do I/O; the latter waits
// only as long as its caller allows. Only refresh() and wait_for_keys() block, by design.
//  - The first fetch starts at once. Until it succeeds, current() fails at once with
//    keys_unavailable, retryable, naming the last failure if there was one; failed first
//    fetches are retried once per unknown_kid_cooldown. A server that must not answer before it
//    has keys calls wait_for_keys() at startup.
//  - A fetched key set is fresh for the response's Cache-Control max-age, clamped to
//    [min_cache_age, max_cache_age]; default_cache_age when there is none (no-store /
//    no-cache count as 0, i.e. min_cache_age). The refresher refetches it when it expires;
//    meanwhile and until a refetch succeeds, current() keeps returning it.
//  - A token naming an unknown kid asks the refresher for a fetch, at most one per
//    unknown_kid_cooldown (counted from any attempt), however many such tokens arrive: a flood
//    of random kids cannot flood the tenant, nor hold any thread beyond its max_wait. A kid asked
//    for during the cooldown (a key rotated just after a fetch) waits for one fetch at the end of
//    the cooldown and is refused meanwhile as pending (retryable); once a fetch made after it was
//    asked for has succeeded without it, it is refused for good, as is the kid of a key that a
//    refresh withdrew. At most 64 distinct kids wait at a time; beyond that (a flood of made-up
//    kids), the others are refused for good at once.
//  - A failed refresh keeps the last good keys in service until stale_if_error after they went
//    stale; failed refreshes are retried once per unknown_kid_cooldown; status() says when that
//    is happening and why. After the window, current() fails with keys_unavailable carrying the
//    last cause, not retryable (the outage has outlasted what the owner accepted; the refresher
//    keeps retrying and the keys come back with the first success).
//  - One request in flight at a time; refresh() and wait_for_keys() share it.
// Readers take no lock that a network request holds: each key set is published as an immutable
// snapshot (std::shared_ptr<const KeySet>) whose pointer is copied under a mutex that guards
// nothing else; the fetch itself runs outside every lock readers take.
#pragma once

#include <jwtcheck/export.hpp>

#include <jwtcheck/error.hpp>
#include <jwtcheck/fetch/http_options.hpp>
#include <jwtcheck/fetch/steady_clock.hpp>
#include <jwtcheck/key_set.hpp>
#include <jwtcheck/limits.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace jwtcheck {

/// Knobs of a RemoteKeySource, with their defaults.
struct RemoteKeySourceOptions {
  /// How the JWKS is fetched: trusted CAs, timeouts, size caps.
  HttpOptions http;
  /// Lower bound of a key set's lifetime, whatever Cache-Control says.
  std::chrono::seconds min_cache_age{300};
  /// Upper bound of a key set's lifetime, whatever Cache-Control says.
  std::chrono::seconds max_cache_age{86400};
  /// Lifetime when the response has no Cache-Control max-age.
  std::chrono::seconds default_cache_age{600};
  /// At most one fetch per this interval for unknown kids, and between failed refreshes.
  std::chrono::seconds unknown_kid_cooldown{30};
  /// How long after going stale the last good keys still serve while refreshes fail.
  std::chrono::seconds stale_if_error{3600};
  /// JWKS limits (max_jwks_bytes also caps the download).
  Limits limits;
  /// Time source; empty: std::chrono::steady_clock::now.
  SteadyClock clock;
};

/// Which discovery document to read.
enum class DiscoveryKind {
  openid_configuration,        ///< ISSUER/.well-known/openid-configuration (OpenID Connect Discovery 1.0)
  oauth_authorization_server,  ///< https://HOST/.well-known/oauth-authorization-server[/PATH] (RFC 8414 §3)
};

/// What a RemoteKeySource is doing, for health checks and `jwtcheck` diagnostics.
struct KeySourceStatus {
  std::string jwks_url;                 ///< empty until discovery found it
  bool has_keys = false;                ///< a key set was obtained at least once
  std::size_t key_count = 0;            ///< keys in the current set
  std::uint64_t fetch_attempts = 0;     ///< fetches started (discovery when needed, then the JWKS)
  std::uint64_t fetch_failures = 0;     ///< of which failed
  std::uint64_t fetch_ok = 0;           ///< of which brought a key set (not counting 304s)
  /// Of which the server answered 304 Not Modified to the conditional request (If-None-Match /
  /// If-Modified-Since from the last answer's ETag / Last-Modified): the same key set was kept,
  /// with a renewed cache lifetime.
  std::uint64_t fetch_not_modified = 0;
  std::chrono::seconds age{0};          ///< since the current set was fetched
  bool stale = false;                   ///< the current set is past its cache lifetime
  std::optional<Error> last_error;      ///< cause of the latest failed refresh, cleared by a success
  bool refreshing = false;              ///< a fetch is under way or asked for
};

/// Downloads, caches and refreshes a JWKS on a thread of its own. Thread-safe; share it between
/// Verifiers. Destroying it stops and joins the refresher, aborting a request in flight.
class JWTCHECK_API RemoteKeySource final : public KeySource {
 public:
  /// From a tenant domain ("TENANT.auth0.com", "host:port" or "https://host[:port]/").
  static Result<std::shared_ptr<RemoteKeySource>> from_domain(std::string_view domain,
                                                               RemoteKeySourceOptions options = {});
  /// From an explicit JWKS URL.
  static Result<std::shared_ptr<RemoteKeySource>> from_jwks_url(std::string_view url,
                                                                 RemoteKeySourceOptions options = {});
  /// From a discovery document of `issuer` (e.g. "https://TENANT/"); its "issuer" must equal it.
  static Result<std::shared_ptr<RemoteKeySource>> from_discovery(
      std::string_view issuer, DiscoveryKind kind = DiscoveryKind::openid_configuration,
      RemoteKeySourceOptions options = {});

  /// The current key set, at once (no I/O, no wait); see the refresh policy above.
  /// Errors: keys_unavailable with the cause (retryable before the first key set).
  Result<std::shared_ptr<const KeySet>> current() override;
  /// Unless the set has `kid`: asks the refresher for a fetch if the cooldown allows (or joins
  /// the one under way) and waits at most `max_wait` for it (0: no wait). `pending`: a fetch
  /// asked for or under way had not ended when the call returned.
  KeyRefresh refresh_for_unknown_kid(std::string_view kid, std::chrono::milliseconds max_wait) override;
  /// Blocking, for explicit use only (never from a verify path): has the refresher fetch now,
  /// whatever the cache and cooldown say (or joins the fetch under way), and waits for the
  /// outcome; its error when it failed (the previous keys stay in service).
  Result<std::shared_ptr<const KeySet>> refresh();
  /// Blocking, for startup: returns the current set if there is one; otherwise has the
  /// refresher fetch now (ignoring the cooldown) and waits at most `timeout` for the outcome.
  /// Errors: keys_unavailable with the fetch's cause, or retryable after the timeout.
  Result<std::shared_ptr<const KeySet>> wait_for_keys(std::chrono::milliseconds timeout);
  /// Blocking, for tests and health checks: wakes the refresher and waits at most `timeout`
  /// until it has made every fetch due by now on the source's clock (RemoteKeySourceOptions::
  /// clock) and gone idle. False on timeout.
  bool wait_until_idle(std::chrono::milliseconds timeout);
  /// A consistent picture of the cache.
  KeySourceStatus status() const;

  ~RemoteKeySource() override;
  RemoteKeySource(const RemoteKeySource&) = delete;
  RemoteKeySource& operator=(const RemoteKeySource&) = delete;

  /// Opaque: the cache, the HTTP client and the refresher thread, defined and used only inside
  /// the library.
  struct Impl;

 private:
  /// Starts the refresher thread (the factories above call it).
  explicit RemoteKeySource(std::unique_ptr<Impl> state);
  std::unique_ptr<Impl> state_;
};

}  // namespace jwtcheck
