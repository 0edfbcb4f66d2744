#include "deferred_key_source.hpp"

#include <string>

namespace jwtcheck::cli {

std::shared_ptr<KeySource> DeferredKeySource::source() {
  std::lock_guard lock(mutex_);
  if (!asked_) {
    asked_ = true;
    auto loaded = load_();
    if (loaded) source_ = std::move(*loaded);
    else error_ = std::move(loaded).error();
  }
  return source_;
}

Result<std::shared_ptr<const KeySet>> DeferredKeySource::current() {
  if (auto inner = source()) return inner->current();
  const std::optional<Error> failed = load_error();
  return Error{ErrorCode::keys_unavailable, "keys: could not be loaded" + (failed ? ": " + failed->message : std::string())};
}

KeyRefresh DeferredKeySource::refresh_for_unknown_kid(std::string_view kid, std::chrono::milliseconds max_wait) {
  if (auto inner = source()) return inner->refresh_for_unknown_kid(kid, max_wait);
  return KeyRefresh{current(), false};
}

bool DeferredKeySource::asked() const {
  std::lock_guard lock(mutex_);
  return asked_;
}

std::optional<Error> DeferredKeySource::load_error() const {
  std::lock_guard lock(mutex_);
  return error_;
}

}  // namespace jwtcheck::cli
