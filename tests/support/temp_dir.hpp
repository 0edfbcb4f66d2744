// A fresh directory under /tmp for one test, removed with everything in it at the end.
#pragma once

#include <filesystem>
#include <string>

namespace jwtcheck::test {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  /// Writes `content` to `name` in the directory and returns the full path.
  std::string write(const std::string& name, const std::string& content) const;
  const std::filesystem::path& path() const noexcept { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace jwtcheck::test
