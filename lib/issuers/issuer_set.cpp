// IssuerSet: creation (one Verifier per issuer), and verify/check by the token's "iss".
#include <jwtcheck/issuers.hpp>

#include <jwtcheck/token.hpp>

#include "issuers/counting_key_source.hpp"
#include "issuers/issuer_peek.hpp"
#include "issuers/issuer_set_state.hpp"
#include "json/message_quote.hpp"

#include <algorithm>
#include <new>

namespace jwtcheck {

namespace {

Error entry_error(std::size_t index, std::string_view issuer, std::string_view what) {
  return Error{ErrorCode::invalid_policy,
               "issuer entry " + std::to_string(index + 1) + " (\"" + std::string(issuer) + "\"): " + std::string(what)};
}

Result<std::unique_ptr<detail::IssuerSlot>> make_slot(std::size_t index, IssuerEntry entry) {
  auto slot = std::make_unique<detail::IssuerSlot>();
  slot->issuer = entry.policy.issuer;
  if (entry.keys && entry.single_key) return entry_error(index, slot->issuer, "expected keys or a single key, got both");
  Result<Verifier> verifier = Error{ErrorCode::invalid_policy, ""};
  if (entry.single_key) {
    slot->single_keys = 1;
    verifier = Verifier::create(std::move(entry.policy), std::move(entry.single_key->key), entry.single_key->alg,
                                std::move(entry.options));
  } else {
    if (!entry.keys) return entry_error(index, slot->issuer, "expected keys or a single key, got neither");
    slot->source = entry.keys;
    slot->remote = std::dynamic_pointer_cast<RemoteKeySource>(entry.keys);
    // A fixed set is taken once by the Verifier (no call per verify): nothing to count there.
    std::shared_ptr<KeySource> keys = entry.keys;
    if (!dynamic_cast<StaticKeySource*>(keys.get()))
      keys = std::make_shared<detail::CountingKeySource>(std::move(keys), *slot->counters);
    verifier = Verifier::create(std::move(entry.policy), std::move(keys), std::move(entry.options));
  }
  if (!verifier) return entry_error(index, slot->issuer, verifier.error().message);
  slot->verifier.emplace(std::move(*verifier));
  return slot;
}

// The slot named by the token's "iss", or the error that refuses the token without one.
Result<const detail::IssuerSlot*> choose_issuer(const IssuerSet::Impl& impl, std::string_view token) {
  thread_local detail::PeekScratch scratch;
  if (token.size() <= impl.limits.max_token_bytes) {
    switch (detail::peek_issuer(token, scratch, impl.peek_chars)) {
      case detail::PeekOutcome::found: {
        const auto it = impl.by_issuer.find(scratch.issuer);
        if (it != impl.by_issuer.end()) return static_cast<const detail::IssuerSlot*>(it->second);
        return Error{ErrorCode::unknown_issuer,
                     "expected \"iss\" to name a configured issuer, got " + detail::quote_for_message(scratch.issuer)};
      }
      case detail::PeekOutcome::missing: return Error{ErrorCode::missing_claim, "expected an \"iss\" claim, got none"};
      case detail::PeekOutcome::not_a_string:
        return Error{ErrorCode::invalid_claim, "expected \"iss\" to be a string, got another JSON type"};
      case detail::PeekOutcome::unreadable: break;
    }
  }
  auto decoded = decode_unverified(token, impl.limits);  // says why the claims cannot be read
  if (!decoded) return std::move(decoded).error();
  return Error{ErrorCode::malformed_token, "expected claims with an \"iss\" to choose the issuer, could not read one"};
}

void notify_refused(const IssuerSet::Impl& impl, std::string_view issuer, const Error& error) noexcept {
  if (!impl.observer) return;
  try {
    impl.observer->on_refused(issuer, error);
  } catch (...) {  // an observer must not throw; its failure must not change the verdict
  }
}

}  // namespace

Result<IssuerSet> IssuerSet::create(std::vector<IssuerEntry> entries, std::shared_ptr<SignalObserver> observer) {
  if (entries.empty()) return Error{ErrorCode::invalid_policy, "issuer set: expected at least one issuer, got none"};
  auto impl = std::make_shared<Impl>();
  impl->observer = std::move(observer);
  impl->limits.max_token_bytes = 0;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::string issuer = entries[i].policy.issuer;
    if (issuer.empty()) return entry_error(i, issuer, "expected an issuer (policy.issuer), got an empty one");
    for (const auto& slot : impl->slots)
      if (slot->issuer == issuer) return entry_error(i, issuer, "this issuer is already configured (issuers must be unique)");
    const Limits limits = entries[i].policy.limits;
    auto slot = make_slot(i, std::move(entries[i]));
    if (!slot) return std::move(slot).error();
    impl->limits.max_token_bytes = std::max(impl->limits.max_token_bytes, limits.max_token_bytes);
    impl->slots.push_back(std::move(*slot));
  }
  std::size_t longest = 0;
  for (const auto& slot : impl->slots) {
    impl->by_issuer.emplace(slot->issuer, slot.get());
    longest = std::max(longest, slot->issuer.size());
  }
  impl->peek_chars = detail::first_part_chars(longest);
  return IssuerSet(std::move(impl));
}

Result<VerifiedToken> IssuerSet::verify(std::string_view token) const noexcept {
  try {
    auto chosen = choose_issuer(*impl_, token);
    if (!chosen) {
      impl_->unmatched->count_refused(chosen.error().code);
      notify_refused(*impl_, {}, chosen.error());
      return std::move(chosen).error();
    }
    const detail::IssuerSlot& slot = **chosen;
    auto verified = slot.verifier->verify(token);
    if (verified) {
      slot.counters->count_accepted();
    } else {
      slot.counters->count_refused(verified.error().code);
      notify_refused(*impl_, slot.issuer, verified.error());
    }
    return verified;
  } catch (const std::bad_alloc&) {
    return Error{ErrorCode::out_of_memory, "out of memory"};
  }
}

Report IssuerSet::check(std::string_view token) const {
  auto chosen = choose_issuer(*impl_, token);
  if (chosen) return (*chosen)->verifier->check(token);
  Report report;
  report.errors.push_back(chosen.error());
  if (auto decoded = decode_unverified(token, impl_->limits)) {
    report.header_json = decoded->header_json;
    report.claims_json = decoded->claims_json;
    report.alg = decoded->alg;
    report.kid = decoded->kid;
  }
  return report;
}

const Verifier* IssuerSet::verifier_for(std::string_view iss) const noexcept {
  const auto it = impl_->by_issuer.find(iss);
  return it == impl_->by_issuer.end() ? nullptr : &*it->second->verifier;
}

std::vector<std::string> IssuerSet::issuers() const {
  std::vector<std::string> out;
  for (const auto& slot : impl_->slots) out.push_back(slot->issuer);
  return out;
}

}  // namespace jwtcheck
