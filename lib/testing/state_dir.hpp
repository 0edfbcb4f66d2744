// The directory where a LocalTenant writes its files (ca.pem).
#pragma once

#include <jwtcheck/error.hpp>

#include <string>
#include <string_view>

namespace jwtcheck::testing::detail {

/// A directory the tenant writes to. One it created as a fresh temp dir is "owned" and removed
/// by remove() or on destruction; a caller's directory is never removed.
class StateDir {
 public:
  /// `path` (created if missing), or a fresh temp dir when `path` is empty. Errors: io_error.
  static Result<StateDir> open(const std::string& path);
  StateDir() = default;
  StateDir(StateDir&& other) noexcept;
  StateDir& operator=(StateDir&& other) noexcept;
  ~StateDir();

  const std::string& path() const noexcept { return path_; }
  /// Writes `content` to path()/name, replacing it. Errors: io_error.
  Result<void> write_file(std::string_view name, std::string_view content) const;
  /// Removes an owned temp dir now; no effect on a caller's directory.
  void remove() noexcept;

 private:
  StateDir(std::string path, bool owned) : path_(std::move(path)), owned_(owned) {}
  std::string path_;
  bool owned_ = false;
};

}  // namespace jwtcheck::testing::detail
