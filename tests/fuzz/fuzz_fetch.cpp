// libFuzzer target: the fetch module's answer parsers — the token endpoint's answer (2xx body
// and error body) and the discovery document. The first byte picks the parser.
#include "fetch/discovery.hpp"
#include "fetch/token_response.hpp"

#include <jwtcheck/fetch/http_options.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 3) {
    case 0:
      (void)jwtcheck::detail::parse_token_response(input, std::chrono::steady_clock::time_point{}).ok();
      break;
    case 1: {
      jwtcheck::detail::HttpResponse response;
      response.status = 400 + (size % 200);
      response.body = std::string(input);
      (void)jwtcheck::detail::token_error_from_response(response, "https://tenant.example/oauth/token", "s3cr3t");
      break;
    }
    default: {
      static const jwtcheck::HttpOptions http{};
      (void)jwtcheck::detail::jwks_uri_from_discovery(input, "https://tenant.example/", http).ok();
      break;
    }
  }
  return 0;
}
