// load_jwks_file: a JWKS file as a fixed key source.
#include <jwtcheck/issuers.hpp>

#include <fstream>
#include <sstream>

namespace jwtcheck {

Result<std::shared_ptr<KeySource>> load_jwks_file(const std::string& path, const Limits& limits) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return Error{ErrorCode::io_error, "cannot read the JWKS file " + path};
  std::ostringstream text;
  text << file.rdbuf();
  if (!file && !file.eof()) return Error{ErrorCode::io_error, "cannot read the JWKS file " + path};
  auto parsed = parse_jwks(text.str(), limits);
  if (!parsed) {
    Error error = std::move(parsed).error();
    error.message = path + ": " + error.message;
    return error;
  }
  if (parsed->keys.empty()) return Error{ErrorCode::invalid_jwks, path + ": expected at least one usable key, got none"};
  return std::shared_ptr<KeySource>(std::make_shared<StaticKeySource>(std::move(parsed->keys)));
}

}  // namespace jwtcheck
