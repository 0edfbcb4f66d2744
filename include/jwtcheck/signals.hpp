// jwtcheck — what an IssuerSet has been doing, for operators (libjwtcheck-fetch): per-issuer
// counters, key health, an observer interface and the Prometheus text exposition format.
#pragma once

#include <jwtcheck/export.hpp>

#include <jwtcheck/error.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jwtcheck {

/// Whether an issuer can verify tokens now.
enum class IssuerHealth {
  ready,     ///< keys loaded and fresh (a fixed key set is always ready)
  degraded,  ///< serving keys past their cache lifetime, within the stale bound, while refreshes fail
  failed,    ///< no usable keys (first fetch not done or failed, or the stale bound passed)
};

/// "ready", "degraded", "failed".
JWTCHECK_API std::string_view health_name(IssuerHealth health) noexcept;

/// Counters and key state of one issuer. Counters only grow, from the IssuerSet's creation.
struct IssuerSignals {
  std::string issuer;              ///< the issuer, as configured
  std::uint64_t accepted = 0;      ///< tokens verified
  /// Tokens refused, per error code (only codes seen, in ErrorCode order).
  std::vector<std::pair<ErrorCode, std::uint64_t>> refused;
  /// Key-set lookups of a refreshing key source (not the verified-token cache) that the set in
  /// service answered (KeySource::current gave a set with the token's kid).
  std::uint64_t key_lookups_served = 0;
  /// Key-set lookups the set in service could not answer: a kid not in it (a refresh was asked
  /// for), or no set at all.
  std::uint64_t key_lookups_missed = 0;
  /// The issuer's Verifier has a verified-token cache (VerifierOptions::cache_entries > 0).
  bool token_cache = false;
  std::uint64_t token_cache_hits = 0;    ///< tokens answered from the verified-token cache (Verifier::cache_counts)
  std::uint64_t token_cache_misses = 0;  ///< tokens looked up there and verified in full
  bool remote = false;             ///< its keys are fetched (a RemoteKeySource); else fixed
  std::uint64_t fetches_ok = 0;            ///< key fetches that brought a key set (remote only)
  std::uint64_t fetches_failed = 0;        ///< key fetches that failed
  std::uint64_t fetches_not_modified = 0;  ///< key fetches answered 304 Not Modified (keys kept, renewed)
  /// Since the key set in service was fetched (renewed by a 304); empty before the first one and
  /// for fixed keys.
  std::optional<std::chrono::seconds> since_last_good_fetch;
  bool serving_stale = false;      ///< the keys in service are past their cache lifetime
  std::optional<Error> last_fetch_error;  ///< why the latest fetch failed; cleared by a success
  std::size_t key_count = 0;       ///< keys in the set in service
  IssuerHealth health = IssuerHealth::failed;  ///< see IssuerHealth
};

/// All counters and health states of an IssuerSet at one moment.
struct SignalsSnapshot {
  std::vector<IssuerSignals> issuers;  ///< one per configured issuer, in configuration order
  /// Tokens refused before an issuer was chosen (unknown_issuer, no readable "iss"…), per code.
  std::vector<std::pair<ErrorCode, std::uint64_t>> refused_without_issuer;
};

/// What an application implements to hear about an IssuerSet (no logging library imposed).
/// Callbacks are never called while a jwtcheck lock is held. on_refused runs on the verifying
/// thread, inside verify(): keep it short and non-blocking. The others run on the thread that
/// calls IssuerSet::snapshot() or poll(), when that call notices the change. Callbacks must
/// not throw (an exception is swallowed). Tokens never reach a callback; messages name no secret.
class JWTCHECK_API SignalObserver {
 public:
  virtual ~SignalObserver() = default;
  /// A token was refused. `issuer` is empty when no issuer was chosen.
  virtual void on_refused(std::string_view issuer, const Error& error);
  /// The issuer's key set in service changed (first set, refresh with new keys), now `key_count` keys.
  virtual void on_keys_changed(std::string_view issuer, std::size_t key_count);
  /// A key fetch of the issuer failed (`failures` failures since creation; `error` the latest).
  virtual void on_fetch_failed(std::string_view issuer, const Error& error, std::uint64_t failures);
  /// The issuer's health changed.
  virtual void on_health_changed(std::string_view issuer, IssuerHealth from, IssuerHealth to);
};

/// The snapshot in the Prometheus text exposition format 0.0.4 (Content-Type
/// "text/plain; version=0.0.4"), each metric with its HELP and TYPE lines:
///  - jwtcheck_verifications_total{issuer,result="accepted"} and {issuer,result="refused",reason=CODE}
///    (issuer="" for refusals before an issuer was chosen);
///  - jwtcheck_key_set_lookups_total{issuer,result="served"|"missed"} (key-set lookups);
///  - jwtcheck_token_cache_lookups_total{issuer,result="hit"|"miss"} (issuers with a verified-token cache);
///  - jwtcheck_jwks_fetches_total{issuer,result="ok"|"failed"|"not_modified"} (remote issuers);
///  - jwtcheck_jwks_age_seconds{issuer} (remote issuers with keys);
///  - jwtcheck_jwks_stale{issuer}, jwtcheck_jwks_keys{issuer};
///  - jwtcheck_jwks_last_fetch_error{issuer,code} 1 (while the latest fetch failed);
///  - jwtcheck_issuer_health{issuer,state="ready"|"degraded"|"failed"}, 1 for the current state.
/// Label values are escaped as the format says (\\, \" and \n).
JWTCHECK_API std::string prometheus_text(const SignalsSnapshot& snapshot);

}  // namespace jwtcheck
