#include "testing/state_dir.hpp"

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <utility>

namespace jwtcheck::testing::detail {

namespace fs = std::filesystem;

Result<StateDir> StateDir::open(const std::string& path) {
  std::error_code error;
  if (!path.empty()) {
    fs::create_directories(path, error);
    if (error) return Error{ErrorCode::io_error, "could not create state dir " + path + ": " + error.message()};
    return StateDir(path, false);
  }
  const fs::path base = fs::temp_directory_path(error);
  if (error) return Error{ErrorCode::io_error, "no temp directory: " + error.message()};
  std::string pattern = (base / "jwtcheck-tenant-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr)
    return Error{ErrorCode::io_error, "could not create a temp dir under " + base.string()};
  return StateDir(std::move(pattern), true);
}

StateDir::StateDir(StateDir&& other) noexcept
    : path_(std::move(other.path_)), owned_(std::exchange(other.owned_, false)) {}

StateDir& StateDir::operator=(StateDir&& other) noexcept {
  if (this != &other) {
    remove();
    path_ = std::move(other.path_);
    owned_ = std::exchange(other.owned_, false);
  }
  return *this;
}

StateDir::~StateDir() { remove(); }

Result<void> StateDir::write_file(std::string_view name, std::string_view content) const {
  const fs::path file = fs::path(path_) / name;
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.close();
  if (!out) return Error{ErrorCode::io_error, "could not write " + file.string()};
  return {};
}

void StateDir::remove() noexcept {
  if (!owned_) return;
  owned_ = false;
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

}  // namespace jwtcheck::testing::detail
