// What an IssuerSet holds: one slot per issuer (its Verifier, key source and counters), the
// exact-match index by issuer, and what the last poll saw (to notice changes for the observer).
#pragma once

#include <jwtcheck/fetch/remote_key_source.hpp>
#include <jwtcheck/issuers.hpp>

#include "signals/sharded_counters.hpp"

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace jwtcheck {

namespace detail {

/// What the previous snapshot saw of one issuer.
struct SeenState {
  IssuerHealth health = IssuerHealth::failed;
  std::uint64_t failures = 0;
  std::shared_ptr<const KeySet> keys;  ///< the set in service then (held: no address reuse)
  bool polled = false;
};

struct IssuerSlot {
  std::string issuer;
  std::shared_ptr<KeySource> source;          ///< as configured (null for a single key)
  std::shared_ptr<RemoteKeySource> remote;    ///< `source`, when it is one
  std::size_t single_keys = 0;                ///< 1 for a single key
  std::unique_ptr<CounterSet> counters = std::make_unique<CounterSet>();
  std::optional<Verifier> verifier;
  SeenState seen;                             ///< guarded by IssuerSet::Impl::poll_mutex
};

}  // namespace detail

struct IssuerSet::Impl {
  std::vector<std::unique_ptr<detail::IssuerSlot>> slots;
  std::unordered_map<std::string_view, detail::IssuerSlot*> by_issuer;  ///< views into slots' issuers
  std::unique_ptr<detail::CounterSet> unmatched = std::make_unique<detail::CounterSet>();
  Limits limits;  ///< for the decoding error of a token whose issuer cannot be read
  std::size_t peek_chars = 0;  ///< payload characters the iss peek decodes first (peek_issuer)
  std::shared_ptr<SignalObserver> observer;
  std::mutex poll_mutex;
};

}  // namespace jwtcheck
