// jwtcheck CLI — a key source that is made, and its first keys waited for, only when a verify
// first asks it for keys. The CLI gives its IssuerSet one per issuer it fetches for, so only the
// keys of the issuer a token names are ever fetched; a token naming another issuer asks nothing.
#pragma once

#include <jwtcheck/error.hpp>
#include <jwtcheck/key_set.hpp>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>

namespace jwtcheck::cli {

class DeferredKeySource final : public KeySource {
 public:
  /// Makes the real source and waits for its first keys (a one-shot command may wait here).
  using Load = std::function<Result<std::shared_ptr<KeySource>>()>;
  explicit DeferredKeySource(Load load) : load_(std::move(load)) {}

  Result<std::shared_ptr<const KeySet>> current() override;
  KeyRefresh refresh_for_unknown_kid(std::string_view kid, std::chrono::milliseconds max_wait) override;

  /// Whether a verify asked for keys (and so the load ran).
  bool asked() const;
  /// Why the load failed, when it ran and failed (the fetch's own error).
  std::optional<Error> load_error() const;

 private:
  // The loaded source, or null after a failed load (loads on the first call).
  std::shared_ptr<KeySource> source();

  mutable std::mutex mutex_;
  Load load_;
  bool asked_ = false;
  std::shared_ptr<KeySource> source_;
  std::optional<Error> error_;
};

}  // namespace jwtcheck::cli
