#include "keys/key_data.hpp"
#include "verify/verified_token_cache.hpp"

#include "verify/verified_data.hpp"

#include <atomic>
#include <bit>
#include <functional>
#include <mutex>
#include <shared_mutex>  // std::shared_lock
#include <string>
#include <unordered_map>
#include <vector>

namespace jwtcheck::detail {

namespace {

constexpr std::size_t max_shards = 16;

// One cached token, with the key object that verified it. Holding a copy of the Key keeps that
// object alive, so its address can never be taken by another key while the entry exists.
struct Entry {
  std::size_t hash;
  std::int64_t expires_at;
  std::string token;
  Alg alg;
  Key key;
  std::shared_ptr<const VerifiedData> data;
  std::atomic<bool> referenced{false};  // CLOCK's second-chance bit; set by hits under a shared lock

  // A fresh verify looks the token's kid up for its alg (KeySet::find) and uses what it finds:
  // the verdict stands only while that is still this very key object. A key whose use, alg or
  // key_ops changed, a key rotated under the same kid, another key now first for the kid, or a
  // removed key are all other objects (or none), so the entry no longer answers.
  bool alive(std::int64_t now, const KeySet& keys) const noexcept {
    const Key* current = keys.find(key.kid(), alg);
    return now < expires_at && current != nullptr && &detail::key_data(*current) == &detail::key_data(key);
  }
};

// The index key: the precomputed hash and a view of the entry's own token bytes.
struct EntryKey {
  std::size_t hash;
  std::string_view token;
};
struct EntryKeyHash {
  std::size_t operator()(const EntryKey& k) const noexcept { return k.hash; }
};
struct EntryKeyEqual {
  bool operator()(const EntryKey& a, const EntryKey& b) const noexcept { return a.hash == b.hash && a.token == b.token; }
};

// A power of two (shards are picked by mask), at most one per entry.
std::size_t shard_count_for(std::size_t capacity, std::size_t requested) noexcept {
  const std::size_t wanted = requested != 0 ? requested : max_shards;
  return std::bit_floor(std::max<std::size_t>(std::min(wanted, capacity), 1));
}

}  // namespace

struct VerifiedTokenCache::Shard {
  mutable std::shared_mutex mutex;
  // Beside the mutex: a lookup has just written its cache line (taking the lock), so counting
  // there costs no extra line moving between cores.
  std::atomic<std::uint64_t> hits{0};
  std::atomic<std::uint64_t> misses{0};
  std::vector<std::unique_ptr<Entry>> slots;  // fixed size = this shard's capacity; null = free
  std::vector<std::size_t> free_slots;
  std::unordered_map<EntryKey, std::size_t, EntryKeyHash, EntryKeyEqual> index;
  std::size_t hand = 0;

  void set_capacity(std::size_t capacity) {
    slots.resize(capacity);
    for (std::size_t i = capacity; i > 0; --i) free_slots.push_back(i - 1);
    index.reserve(capacity);
  }

  Entry* lookup(std::size_t hash, std::string_view token) const noexcept {
    const auto it = index.find(EntryKey{hash, token});
    return it == index.end() ? nullptr : slots[it->second].get();
  }

  void erase(std::size_t slot) {
    const Entry& e = *slots[slot];
    index.erase(EntryKey{e.hash, e.token});
    slots[slot].reset();
    free_slots.push_back(slot);
  }

  std::size_t slot_of(const Entry& e) const noexcept { return index.find(EntryKey{e.hash, e.token})->second; }

  // A free slot, evicting with CLOCK when full: the hand drops expired entries and unreferenced
  // ones, and clears the bit of referenced ones (second chance). After one full sweep every bit
  // is clear, so the second sweep always finds a victim.
  std::size_t take_slot(std::int64_t now) {
    while (free_slots.empty()) {
      const std::size_t slot = hand;
      hand = (hand + 1) % slots.size();
      const Entry& e = *slots[slot];
      if (now >= e.expires_at || !slots[slot]->referenced.exchange(false, std::memory_order_relaxed)) erase(slot);
    }
    const std::size_t slot = free_slots.back();
    free_slots.pop_back();
    return slot;
  }
};

std::size_t full_token_hash(std::string_view token) noexcept { return std::hash<std::string_view>{}(token); }

VerifiedTokenCache::VerifiedTokenCache(std::size_t capacity, TokenHash hash, std::size_t shards)
    : capacity_(capacity),
      hash_(hash),
      shard_count_(shard_count_for(capacity, shards)),
      shards_(std::make_unique<Shard[]>(shard_count_)) {
  // Capacities add up to exactly `capacity`: the first capacity % shards shards take one more.
  for (std::size_t i = 0; i < shard_count_; ++i)
    shards_[i].set_capacity(capacity / shard_count_ + (i < capacity % shard_count_ ? 1 : 0));
}

VerifiedTokenCache::~VerifiedTokenCache() = default;

VerifiedTokenCache::Shard& VerifiedTokenCache::shard_for(std::size_t hash) const noexcept {
  // Fibonacci mixing: shard choice must not follow the bucket choice (the low bits).
  return shards_[(static_cast<std::uint64_t>(hash) * 0x9E3779B97F4A7C15ull >> 40) & (shard_count_ - 1)];
}

std::shared_ptr<const VerifiedData> VerifiedTokenCache::find(std::string_view token, std::int64_t now,
                                                             const KeySet& keys) {
  if (capacity_ == 0) return nullptr;
  const std::size_t hash = hash_(token);
  Shard& shard = shard_for(hash);
  {
    std::shared_lock lock(shard.mutex);
    Entry* e = shard.lookup(hash, token);
    if (e == nullptr) {
      shard.misses.fetch_add(1, std::memory_order_relaxed);
      return nullptr;
    }
    if (e->alive(now, keys)) {
      // Write the bit only when it changes: hits on a hot entry then share its cache line.
      if (!e->referenced.load(std::memory_order_relaxed)) e->referenced.store(true, std::memory_order_relaxed);
      shard.hits.fetch_add(1, std::memory_order_relaxed);
      return e->data;
    }
  }
  shard.misses.fetch_add(1, std::memory_order_relaxed);
  // Expired, or its key left the set: drop it (unless another thread already replaced it).
  std::unique_lock lock(shard.mutex);
  if (Entry* e = shard.lookup(hash, token); e != nullptr && !e->alive(now, keys)) shard.erase(shard.slot_of(*e));
  return nullptr;
}

void VerifiedTokenCache::insert(std::string_view token, std::shared_ptr<const VerifiedData> data, const Key& key,
                                std::int64_t now) {
  if (capacity_ == 0 || !data || !data->expires_at || now >= *data->expires_at || key.thumbprint().empty()) return;
  const std::size_t hash = hash_(token);
  // Built before taking the lock: allocation stays outside the critical section.
  const Alg alg = data->alg;
  const std::int64_t expires_at = *data->expires_at;
  std::unique_ptr<Entry> entry(new Entry{hash, expires_at, std::string(token), alg, key, std::move(data)});

  Shard& shard = shard_for(hash);
  std::unique_lock lock(shard.mutex);
  if (Entry* existing = shard.lookup(hash, token)) shard.erase(shard.slot_of(*existing));  // newest verdict wins
  const std::size_t slot = shard.take_slot(now);
  const EntryKey index_key{hash, entry->token};
  shard.slots[slot] = std::move(entry);
  shard.index.emplace(index_key, slot);
}

VerifierCacheCounts VerifiedTokenCache::counts() const noexcept {
  VerifierCacheCounts counts;
  for (std::size_t i = 0; i < shard_count_; ++i) {
    counts.hits += shards_[i].hits.load(std::memory_order_relaxed);
    counts.misses += shards_[i].misses.load(std::memory_order_relaxed);
  }
  return counts;
}

std::size_t VerifiedTokenCache::size() const {
  std::size_t n = 0;
  for (std::size_t i = 0; i < shard_count_; ++i) {
    std::shared_lock lock(shards_[i].mutex);
    n += shards_[i].index.size();
  }
  return n;
}

}  // namespace jwtcheck::detail
