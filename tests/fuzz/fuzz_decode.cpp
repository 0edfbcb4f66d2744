// libFuzzer target: decode_unverified on arbitrary bytes (splitting, base64url, JSON limits).
#include <jwtcheck/token.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto decoded = jwtcheck::decode_unverified(input);
  if (decoded) {
    // A decoded token must keep the invariants the header promises.
    if (decoded->header_json.empty() || decoded->claims_json.empty()) __builtin_trap();
  }
  return 0;
}
