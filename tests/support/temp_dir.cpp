#include "support/temp_dir.hpp"

#include <boost/test/unit_test.hpp>

#include <stdlib.h>

#include <fstream>
#include <system_error>

namespace jwtcheck::test {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "jwtcheck-test-XXXXXX").string();
  BOOST_REQUIRE(::mkdtemp(pattern.data()) != nullptr);
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string TempDir::write(const std::string& name, const std::string& content) const {
  const std::string file = (path_ / name).string();
  std::ofstream out(file, std::ios::binary);
  out << content;
  BOOST_REQUIRE(out.good());
  return file;
}

}  // namespace jwtcheck::test
