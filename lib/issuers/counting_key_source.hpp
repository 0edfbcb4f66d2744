// A KeySource in front of an issuer's own, counting key-set lookups for that issuer's signals:
// a set served, a kid the set lacked (a refresh asked for), no set at all. A shared source
// (custom and canonical domain) gets one of these per issuer, so each counts its own lookups.
#pragma once

#include <jwtcheck/key_set.hpp>

#include "signals/sharded_counters.hpp"

#include <memory>

namespace jwtcheck::detail {

class CountingKeySource final : public KeySource {
 public:
  CountingKeySource(std::shared_ptr<KeySource> inner, CounterSet& counters) noexcept
      : inner_(std::move(inner)), counters_(counters) {}

  Result<std::shared_ptr<const KeySet>> current() override {
    auto keys = inner_->current();
    if (keys) counters_.count_keys_served();
    else counters_.count_no_keys();
    return keys;
  }
  KeyRefresh refresh_for_unknown_kid(std::string_view kid, std::chrono::milliseconds max_wait) override {
    counters_.count_unknown_kid();
    return inner_->refresh_for_unknown_kid(kid, max_wait);
  }

 private:
  std::shared_ptr<KeySource> inner_;
  CounterSet& counters_;
};

}  // namespace jwtcheck::detail
