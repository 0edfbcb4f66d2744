#include <jwtcheck/secret.hpp>

#include <openssl/crypto.h>

#include <fstream>
#include <iterator>

namespace jwtcheck {

namespace {
void wipe(std::string& s) noexcept {
  // Wipe the whole capacity: earlier, longer contents may linger past size().
  s.resize(s.capacity());
  OPENSSL_cleanse(s.data(), s.size());
  s.clear();
}
}  // namespace

Secret::Secret(std::string_view bytes) : bytes_(bytes) {}
Secret::Secret(const Secret& other) : bytes_(other.bytes_) {}
Secret::Secret(Secret&& other) noexcept : bytes_(std::move(other.bytes_)) { wipe(other.bytes_); }

Secret& Secret::operator=(const Secret& other) {
  if (this != &other) {
    wipe(bytes_);
    bytes_ = other.bytes_;
  }
  return *this;
}

Secret& Secret::operator=(Secret&& other) noexcept {
  if (this != &other) {
    wipe(bytes_);
    bytes_ = std::move(other.bytes_);
    wipe(other.bytes_);
  }
  return *this;
}

Secret::~Secret() { wipe(bytes_); }

void Secret::clear() noexcept { wipe(bytes_); }

Result<Secret> read_secret_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{ErrorCode::io_error, "cannot read secret file " + path};
  std::string bytes;
  bool read_failed = false;
  try {
    // libstdc++ throws from underflow on a read error (a directory: EISDIR): no exception may leave.
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  } catch (const std::ios_base::failure&) {
    read_failed = true;
  }
  if (read_failed || in.bad()) {
    wipe(bytes);
    return Error{ErrorCode::io_error, "cannot read secret file " + path};
  }
  if (!bytes.empty() && bytes.back() == '\n') bytes.pop_back();
  if (!bytes.empty() && bytes.back() == '\r') bytes.pop_back();
  Secret secret(bytes);
  wipe(bytes);
  if (secret.empty()) return Error{ErrorCode::io_error, "secret file " + path + " is empty"};
  return secret;
}

}  // namespace jwtcheck
