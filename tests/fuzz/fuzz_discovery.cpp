// libFuzzer target: the OpenID Connect / RFC 8414 discovery document (jwks_uri_from_discovery).
// Whatever the document says, a jwks_uri is only ever returned as an https URL.
#include "fetch/discovery.hpp"

#include <jwtcheck/fetch/http_options.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const jwtcheck::HttpOptions http{};
  const std::string_view document(reinterpret_cast<const char*>(data), size);
  auto uri = jwtcheck::detail::jwks_uri_from_discovery(document, "https://tenant.example/", http);
  if (uri.ok() && uri->rfind("https://", 0) != 0) std::abort();
  return 0;
}
