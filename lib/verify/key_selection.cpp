#include "keys/key_data.hpp"
#include "verify/key_selection.hpp"

#include "json/message_quote.hpp"

#include <string>

namespace jwtcheck::detail {

namespace {

std::string key_type_name(const Key& key) {
  switch (key.type()) {
    case KeyType::rsa: return "an RSA key";
    case KeyType::ec: return "an EC " + std::string(key.curve()) + " key";
    case KeyType::okp: return "an OKP " + std::string(key.curve()) + " key";
    case KeyType::oct: return "an HMAC key";
  }
  return "a key";
}

Error key_mismatch(const Key& key, Alg alg) {
  std::string why = key_type_name(key);
  if (key.alg() && *key.alg() != alg) why += " bound to " + std::string(alg_name(*key.alg()));
  if (!detail::key_data(key).usable_for_signatures) why += " whose use / key_ops exclude verifying";
  return Error{ErrorCode::key_mismatch, "kid " + quote_for_message(key.kid()) + ": " + why + " cannot verify " +
                                            std::string(alg_name(alg))};
}

// One of a verifier's max_waiters places to wait for a refresh, or none: then the call does not
// wait, so a flood of unknown kids holds at most max_waiters threads, each for at most max_wait.
class WaiterPlace {
 public:
  WaiterPlace(std::atomic<std::size_t>* waiters, std::size_t max_waiters) noexcept {
    if (!waiters) return;
    std::size_t n = waiters->load(std::memory_order_relaxed);
    while (n < max_waiters && !waiters->compare_exchange_weak(n, n + 1, std::memory_order_relaxed)) {
    }
    if (n < max_waiters) waiters_ = waiters;
  }
  ~WaiterPlace() {
    if (waiters_) waiters_->fetch_sub(1, std::memory_order_relaxed);
  }
  WaiterPlace(const WaiterPlace&) = delete;
  WaiterPlace& operator=(const WaiterPlace&) = delete;
  bool held() const noexcept { return waiters_ != nullptr; }

 private:
  std::atomic<std::size_t>* waiters_ = nullptr;
};

// Finds the kid, asking the source once for a newer set when the current one lacks it. The
// source does the fetching elsewhere; this call waits for it only within the verifier's bounds.
Result<const Key*> find_by_kid(KeySetInUse& keys, const UnknownKidRefresh& refresh, std::string_view kid, Alg alg) {
  if (const Key* key = keys.set->keys().find(kid, alg)) return key;
  std::string refresh_note;
  bool pending = false;
  if (refresh.source) {
    const WaiterPlace place(refresh.max_wait.count() > 0 ? refresh.waiters : nullptr, refresh.max_waiters);
    auto refreshed =
        refresh.source->refresh_for_unknown_kid(kid, place.held() ? refresh.max_wait : std::chrono::milliseconds(0));
    pending = refreshed.pending;
    if (refreshed.keys && *refreshed.keys) {
      keys.held = refresh.memo->prepared(std::move(*refreshed.keys));
      keys.set = keys.held.get();
      if (const Key* key = keys.set->keys().find(kid, alg)) return key;
    } else if (!refreshed.keys) {
      refresh_note = " (refreshing the key set failed: " + refreshed.keys.error().message + ")";
    }
  }
  if (pending) refresh_note += "; a key-set refresh is pending: the token may verify if presented again shortly";
  return Error{ErrorCode::key_not_found,
               "kid " + quote_for_message(kid) + ": no such key in the key set (" + std::to_string(keys.set->keys().size()) +
                   " keys)" + refresh_note,
               pending};
}

Result<const Key*> verify_without_kid(const PreparedKeySet& set, Alg alg, std::string_view signing_input,
                                      std::span<const unsigned char> signature) {
  std::size_t tried = 0;
  for (const Key& key : set.keys().keys()) {
    if (!key.can_verify(alg)) continue;
    const auto& verifier = set.verifier(key, alg);
    if (verifier && verifier->verify(signing_input, signature)) return &key;
    if (++tried == kMaxKeysTriedWithoutKid) break;
  }
  if (tried == 0)
    return Error{ErrorCode::key_not_found,
                 "no kid in the header, and no key in the key set can verify " + std::string(alg_name(alg))};
  return Error{ErrorCode::bad_signature, "signature: does not verify with any of the " + std::to_string(tried) +
                                             " keys that can verify " + std::string(alg_name(alg)) +
                                             " (no kid in the header; at most " +
                                             std::to_string(kMaxKeysTriedWithoutKid) + " are tried)"};
}

}  // namespace

Result<const Key*> verify_with_key_set(KeySetInUse& keys, const UnknownKidRefresh& refresh, const JoseHeader& header,
                                       Alg alg, std::string_view signing_input,
                                       std::span<const unsigned char> signature) {
  if (!header.has_kid) return verify_without_kid(*keys.set, alg, signing_input, signature);
  auto found = find_by_kid(keys, refresh, header.kid, alg);
  if (!found) return found;
  const Key& key = **found;
  if (!key.can_verify(alg)) return key_mismatch(key, alg);
  const auto& verifier = keys.set->verifier(key, alg);
  if (!verifier) return verifier.error();
  if (!verifier->verify(signing_input, signature))
    return Error{ErrorCode::bad_signature, "signature: does not verify with kid " + quote_for_message(key.kid()) +
                                               " (" + std::string(alg_name(alg)) + ")"};
  return &key;
}

}  // namespace jwtcheck::detail
