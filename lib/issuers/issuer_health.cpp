// IssuerSet::snapshot and poll: counters added up, key health read from each key source, and
// the changes since the previous call reported to the observer once every lock is released.
#include <jwtcheck/issuers.hpp>

#include "issuers/issuer_set_state.hpp"

#include <functional>
#include <mutex>

namespace jwtcheck {

namespace {

using Event = std::function<void(SignalObserver&)>;

// A fixed or custom source: ready while it gives a set.
IssuerHealth read_plain_source(const detail::IssuerSlot& slot, IssuerSignals& out,
                               std::shared_ptr<const KeySet>& keys) {
  if (!slot.source) {
    out.key_count = slot.single_keys;
    return IssuerHealth::ready;
  }
  auto current = slot.source->current();
  if (!current || !*current) return IssuerHealth::failed;
  keys = *current;
  out.key_count = keys->size();
  return IssuerHealth::ready;
}

IssuerHealth read_remote_source(RemoteKeySource& remote, IssuerSignals& out, std::shared_ptr<const KeySet>& keys) {
  const KeySourceStatus status = remote.status();
  out.remote = true;
  out.fetches_ok = status.fetch_ok;
  out.fetches_failed = status.fetch_failures;
  out.fetches_not_modified = status.fetch_not_modified;
  out.last_fetch_error = status.last_error;
  if (status.has_keys) out.since_last_good_fetch = status.age;
  auto current = remote.current();  // fails once the stale bound has passed
  if (!current || !*current) return IssuerHealth::failed;
  keys = *current;
  out.key_count = keys->size();
  out.serving_stale = status.stale;
  return status.stale ? IssuerHealth::degraded : IssuerHealth::ready;
}

IssuerSignals read_slot(const detail::IssuerSlot& slot, std::shared_ptr<const KeySet>& keys) {
  IssuerSignals out;
  out.issuer = slot.issuer;
  detail::CounterTotals totals = slot.counters->totals();
  out.accepted = totals.accepted;
  out.refused = std::move(totals.refused);
  // A lookup that found a set but not the kid shows up in both counts: take it out of the hits.
  out.key_lookups_served = totals.keys_served > totals.unknown_kids ? totals.keys_served - totals.unknown_kids : 0;
  out.key_lookups_missed = totals.unknown_kids + totals.no_keys;
  out.token_cache = slot.verifier->options().cache_entries > 0;
  const VerifierCacheCounts cached = slot.verifier->cache_counts();
  out.token_cache_hits = cached.hits;
  out.token_cache_misses = cached.misses;
  out.health = slot.remote ? read_remote_source(*slot.remote, out, keys) : read_plain_source(slot, out, keys);
  return out;
}

// What changed since the previous poll, as callbacks to make later (they copy what they need).
void note_changes(detail::IssuerSlot& slot, const IssuerSignals& now, std::shared_ptr<const KeySet> keys,
                  std::vector<Event>& events) {
  detail::SeenState& seen = slot.seen;
  const std::string issuer = slot.issuer;
  if (now.fetches_failed > seen.failures && now.last_fetch_error) {
    events.push_back([issuer, error = *now.last_fetch_error, failures = now.fetches_failed](SignalObserver& o) {
      o.on_fetch_failed(issuer, error, failures);
    });
  }
  if (keys && keys != seen.keys) {
    events.push_back([issuer, count = keys->size()](SignalObserver& o) { o.on_keys_changed(issuer, count); });
  }
  const IssuerHealth before = seen.polled ? seen.health : IssuerHealth::failed;
  if (now.health != before) {
    events.push_back([issuer, before, after = now.health](SignalObserver& o) { o.on_health_changed(issuer, before, after); });
  }
  seen.health = now.health;
  seen.failures = now.fetches_failed;
  if (keys) seen.keys = std::move(keys);
  seen.polled = true;
}

}  // namespace

SignalsSnapshot IssuerSet::snapshot() const {
  SignalsSnapshot snapshot;
  std::vector<Event> events;
  {
    std::lock_guard lock(impl_->poll_mutex);
    for (const auto& slot : impl_->slots) {
      std::shared_ptr<const KeySet> keys;
      snapshot.issuers.push_back(read_slot(*slot, keys));
      note_changes(*slot, snapshot.issuers.back(), std::move(keys), events);
    }
    snapshot.refused_without_issuer = impl_->unmatched->totals().refused;
  }
  if (impl_->observer) {
    for (const Event& event : events) {
      try {
        event(*impl_->observer);
      } catch (...) {  // an observer must not throw; the snapshot is still good
      }
    }
  }
  return snapshot;
}

void IssuerSet::poll() const { (void)snapshot(); }

}  // namespace jwtcheck
