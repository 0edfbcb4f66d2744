// jwtcheck authz — per-issuer counters that continue across config reloads. Each reload builds a
// new IssuerSet (and key sources), whose counters start at zero; this keeps what the earlier sets
// counted for the issuers the new config still names, so that no /metrics counter ever goes down
// (Prometheus rate() reads a drop as a restart). An issuer a reload removes is forgotten; one it
// adds starts at 0. Tokens refused before an issuer was chosen (unknown_issuer…) are always kept.
#pragma once

#include <jwtcheck/error.hpp>
#include <jwtcheck/signals.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace jwtcheck::cli::authz {

class IssuerCounterCarry {
 public:
  /// IssuerSignals' scalar counters carried (accepted, key lookups, token cache, fetches), in the
  /// order of the .cpp's kScalarCounters; the per-code refusals are carried beside them.
  static constexpr std::size_t kScalarCount = 8;

  /// A reload: adds `leaving` (the outgoing set's counters, taken under the lock that swaps the
  /// sets) and from then on carries only the issuers in `configured` (the incoming config's).
  void reload(const SignalsSnapshot& leaving, const std::vector<std::string>& configured);
  /// What an outgoing set counted after its reload (checks that were under way then), added when
  /// the last of them has released it: `final_counts` minus `at_reload`.
  void add_late(const SignalsSnapshot& at_reload, const SignalsSnapshot& final_counts);
  /// `current` (the set in service) with the carried counters added; its gauges, key state and
  /// health are left as they are.
  SignalsSnapshot add_to(SignalsSnapshot current) const;

 private:
  struct Counts {
    std::map<ErrorCode, std::uint64_t> refused;
    std::array<std::uint64_t, kScalarCount> scalars{};
  };
  static Counts counts_of(const IssuerSignals& signals);
  static void add(Counts& into, const Counts& more);
  static Counts minus(const Counts& later, const Counts& earlier);

  mutable std::mutex mutex_;
  std::map<std::string, Counts> issuers_;  // exactly the issuers of the config in service
  std::map<ErrorCode, std::uint64_t> without_issuer_;
};

}  // namespace jwtcheck::cli::authz
