#include "issuer_counter_carry.hpp"

#include <set>
#include <utility>

namespace jwtcheck::cli::authz {

namespace {

std::uint64_t since(std::uint64_t later, std::uint64_t earlier) { return later > earlier ? later - earlier : 0; }

void merge(std::map<ErrorCode, std::uint64_t>& into, const std::vector<std::pair<ErrorCode, std::uint64_t>>& more) {
  for (const auto& [code, count] : more) into[code] += count;
}

std::vector<std::pair<ErrorCode, std::uint64_t>> as_vector(const std::map<ErrorCode, std::uint64_t>& counts) {
  std::vector<std::pair<ErrorCode, std::uint64_t>> out;
  for (const auto& [code, count] : counts) {
    if (count != 0) out.emplace_back(code, count);
  }
  return out;  // in ErrorCode order, as the library's snapshot
}

// IssuerSignals' scalar counters, in the order of Counts::scalars.
constexpr std::uint64_t IssuerSignals::*kScalarCounters[] = {
    &IssuerSignals::accepted,         &IssuerSignals::key_lookups_served, &IssuerSignals::key_lookups_missed,
    &IssuerSignals::token_cache_hits, &IssuerSignals::token_cache_misses, &IssuerSignals::fetches_ok,
    &IssuerSignals::fetches_failed,   &IssuerSignals::fetches_not_modified,
};
static_assert(std::size(kScalarCounters) == IssuerCounterCarry::kScalarCount);

}  // namespace

IssuerCounterCarry::Counts IssuerCounterCarry::counts_of(const IssuerSignals& s) {
  Counts c;
  for (std::size_t i = 0; i < kScalarCount; ++i) c.scalars[i] = s.*kScalarCounters[i];
  merge(c.refused, s.refused);
  return c;
}

void IssuerCounterCarry::add(Counts& into, const Counts& more) {
  for (std::size_t i = 0; i < kScalarCount; ++i) into.scalars[i] += more.scalars[i];
  for (const auto& [code, count] : more.refused) into.refused[code] += count;
}

IssuerCounterCarry::Counts IssuerCounterCarry::minus(const Counts& later, const Counts& earlier) {
  Counts c;
  for (std::size_t i = 0; i < kScalarCount; ++i) c.scalars[i] = since(later.scalars[i], earlier.scalars[i]);
  for (const auto& [code, count] : later.refused) {
    const auto before = earlier.refused.find(code);
    c.refused[code] = since(count, before == earlier.refused.end() ? 0 : before->second);
  }
  return c;
}

void IssuerCounterCarry::reload(const SignalsSnapshot& leaving, const std::vector<std::string>& configured) {
  const std::lock_guard lock(mutex_);
  for (const IssuerSignals& s : leaving.issuers) add(issuers_[s.issuer], counts_of(s));
  merge(without_issuer_, leaving.refused_without_issuer);
  const std::set<std::string> kept(configured.begin(), configured.end());
  std::erase_if(issuers_, [&kept](const auto& entry) { return !kept.contains(entry.first); });
  for (const std::string& issuer : configured) issuers_.try_emplace(issuer);
}

void IssuerCounterCarry::add_late(const SignalsSnapshot& at_reload, const SignalsSnapshot& final_counts) {
  std::map<std::string, Counts> before;
  for (const IssuerSignals& s : at_reload.issuers) before.emplace(s.issuer, counts_of(s));
  std::map<ErrorCode, std::uint64_t> without_before, without_after;
  merge(without_before, at_reload.refused_without_issuer);
  merge(without_after, final_counts.refused_without_issuer);

  const std::lock_guard lock(mutex_);
  for (const IssuerSignals& s : final_counts.issuers) {
    auto carried = issuers_.find(s.issuer);
    if (carried == issuers_.end()) continue;  // removed by a reload since
    add(carried->second, minus(counts_of(s), before[s.issuer]));
  }
  for (const auto& [code, count] : without_after) without_issuer_[code] += since(count, without_before[code]);
}

SignalsSnapshot IssuerCounterCarry::add_to(SignalsSnapshot current) const {
  const std::lock_guard lock(mutex_);
  for (IssuerSignals& s : current.issuers) {
    const auto carried = issuers_.find(s.issuer);
    if (carried == issuers_.end()) continue;
    const Counts& c = carried->second;
    for (std::size_t i = 0; i < kScalarCount; ++i) s.*kScalarCounters[i] += c.scalars[i];
    std::map<ErrorCode, std::uint64_t> refused = c.refused;
    merge(refused, s.refused);
    s.refused = as_vector(refused);
  }
  std::map<ErrorCode, std::uint64_t> without = without_issuer_;
  merge(without, current.refused_without_issuer);
  current.refused_without_issuer = as_vector(without);
  return current;
}

}  // namespace jwtcheck::cli::authz
