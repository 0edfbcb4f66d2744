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
  if (!key.data().usable_for_signatures) why += " whose use / key_ops exclude verifying";
  return Error{ErrorCode::key_mismatch, "kid " + quote_for_message(key.kid()) + ": " + why + " cannot verify " +
                                            std::string(alg_name(alg))};
}

// Finds the kid, asking the source once for a newer set when the current one lacks it.
Result<const Key*> find_by_kid(KeySetInUse& keys, const KeyRefresh& refresh, std::string_view kid, Alg alg) {
  if (const Key* key = keys.set->keys().find(kid, alg)) return key;
  std::string refresh_note;
  if (refresh.source) {
    auto refreshed = refresh.source->refresh_for_unknown_kid(kid);
    if (refreshed && *refreshed) {
      keys.held = refresh.memo->prepared(std::move(*refreshed));
      keys.set = keys.held.get();
      if (const Key* key = keys.set->keys().find(kid, alg)) return key;
    } else if (!refreshed) {
      refresh_note = " (refreshing the key set failed: " + refreshed.error().message + ")";
    }
  }
  return Error{ErrorCode::key_not_found, "kid " + quote_for_message(kid) + ": no such key in the key set (" +
                                             std::to_string(keys.set->keys().size()) + " keys)" + refresh_note};
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

Result<const Key*> verify_with_key_set(KeySetInUse& keys, const KeyRefresh& refresh, const JoseHeader& header, Alg alg,
                                       std::string_view signing_input, std::span<const unsigned char> signature) {
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
