// jwtcheck — a secret string (client secret, HMAC key) that is wiped and never printed.
#pragma once

#include <jwtcheck/export.hpp>

#include <jwtcheck/error.hpp>

#include <string>
#include <string_view>

namespace jwtcheck {

/// Owns secret bytes; cleanses them (OPENSSL_cleanse) on destruction and reassignment.
/// Has no stream operator and no implicit conversion, so it cannot end up in a log by accident.
class JWTCHECK_API Secret {
 public:
  /// No bytes.
  Secret() = default;
  /// A copy of `bytes` (the caller's own bytes are not wiped).
  explicit Secret(std::string_view bytes);
  /// A copy of the bytes of `other`.
  Secret(const Secret& other);
  /// Takes the bytes of `other`, leaving it empty (and wiped).
  Secret(Secret&& other) noexcept;
  /// Wipes its bytes, then copies those of `other`.
  Secret& operator=(const Secret& other);
  /// Wipes its bytes, then takes those of `other`, leaving it empty (and wiped).
  Secret& operator=(Secret&& other) noexcept;
  /// Wipes the bytes.
  ~Secret();

  /// The bytes, for the one place that must use them (an HTTP body, an HMAC key).
  std::string_view reveal() const noexcept { return bytes_; }
  /// True when it holds no bytes.
  bool empty() const noexcept { return bytes_.empty(); }
  /// Wipes the bytes now.
  void clear() noexcept;

 private:
  std::string bytes_;
};

/// Reads a secret from a file, dropping one trailing newline (or CRLF). Errors: io_error
/// (the message names the file, never its content).
JWTCHECK_API Result<Secret> read_secret_file(const std::string& path);

}  // namespace jwtcheck
