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
  Secret() = default;
  explicit Secret(std::string_view bytes);
  Secret(const Secret& other);
  Secret(Secret&& other) noexcept;
  Secret& operator=(const Secret& other);
  Secret& operator=(Secret&& other) noexcept;
  ~Secret();

  /// The bytes, for the one place that must use them (an HTTP body, an HMAC key).
  std::string_view reveal() const noexcept { return bytes_; }
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
