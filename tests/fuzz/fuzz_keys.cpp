// libFuzzer target: the key parsers (JWKS, single JWK, PEM public key) on arbitrary bytes.
// The first byte picks the parser so one corpus can reach all three.
#include <jwtcheck/key.hpp>
#include <jwtcheck/key_set.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 3) {
    case 0: {
      auto jwks = jwtcheck::parse_jwks(input);
      // Every key kept must be usable: touching its metadata must not crash.
      if (jwks) {
        for (const auto& key : jwks->keys.keys()) (void)key.kid();
      }
      break;
    }
    case 1:
      (void)jwtcheck::parse_jwk(input).ok();
      break;
    default:
      (void)jwtcheck::parse_pem_public_key(input, "kid").ok();
      break;
  }
  return 0;
}
