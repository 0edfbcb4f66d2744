// libFuzzer target: the token endpoint's answer — a 2xx body (parse_token_response) or an error
// body (token_error_from_response, which must never echo the secret). The first byte picks which.
#include "fetch/token_response.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] % 2 == 0) {
    (void)jwtcheck::detail::parse_token_response(input, std::chrono::steady_clock::time_point{}).ok();
    return 0;
  }
  constexpr std::string_view secret = "fuzz-secret-Zq7";
  jwtcheck::detail::HttpResponse response;
  response.status = 400 + static_cast<int>(size % 200);
  response.body = std::string(input);
  const jwtcheck::Error error =
      jwtcheck::detail::token_error_from_response(response, "https://tenant.example/oauth/token", secret);
  // The secret may appear in the body; it must never survive into the error.
  if (error.message.find(secret) != std::string::npos) std::abort();
  return 0;
}
