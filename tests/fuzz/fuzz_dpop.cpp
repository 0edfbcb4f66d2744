// libFuzzer target: a DPoP proof (RFC 9449) checked by DpopVerifier against a fixed request, with
// the clock pinned at the RFC examples' iat so that their proofs (the seed corpus) are live. Any
// input must give a typed error or a proof, never a crash, hang or leak. The first byte picks the
// request: the token endpoint (no access token) or a resource (access token, cnf.jkt).
#include <jwtcheck/dpop.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const jwtcheck::DpopVerifier verifier = [] {
    jwtcheck::DpopOptions options;
    options.clock = [] { return std::int64_t{1562262616}; };
    options.replay_cache_entries = 1000;
    return *jwtcheck::DpopVerifier::create(options);
  }();
  if (size == 0) return 0;
  const std::string_view proof(reinterpret_cast<const char*>(data) + 1, size - 1);
  jwtcheck::DpopRequest request;
  request.proof = proof;
  if (data[0] % 2 == 0) {
    request.method = "POST";
    request.url = "https://server.example.com/token";
    (void)verifier.verify(request, {}).ok();
  } else {
    request.method = "GET";
    request.url = "https://resource.example.org/protectedresource";
    request.access_token = "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU";
    (void)verifier.verify(request, "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I").ok();
  }
  return 0;
}
