// A consumer of libjwtcheck alone (no libcurl, no testing library): verifies a token with one
// PEM public key. Usage: verify_pem PUBLIC_KEY.pem TOKEN. The consumer build test mints the token
// with the openssl command line and checks that the program does not link libcurl.
#include <jwtcheck/key.hpp>
#include <jwtcheck/key_set.hpp>
#include <jwtcheck/verifier.hpp>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: verify_pem PUBLIC_KEY.pem TOKEN\n");
    return 2;
  }
  std::ifstream file(argv[1]);
  const std::string pem{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
  auto key = jwtcheck::parse_pem_public_key(pem, "pem-key");
  if (!key) {
    std::fprintf(stderr, "verify_pem: key: %s\n", key.error().message.c_str());
    return 1;
  }
  jwtcheck::Policy policy;
  policy.issuer = "https://tenant.example/";
  policy.audiences = {"https://api.example"};
  auto verifier = jwtcheck::Verifier::create(policy, jwtcheck::KeySet({*key}));
  if (!verifier) {
    std::fprintf(stderr, "verify_pem: verifier: %s\n", verifier.error().message.c_str());
    return 1;
  }
  const auto verified = verifier->verify(argv[2]);
  if (!verified) {
    std::fprintf(stderr, "verify_pem: refused: %s\n", verified.error().message.c_str());
    return 1;
  }
  std::printf("verify_pem: verified a token for client %.*s\n", static_cast<int>(verified->client_id().size()),
              verified->client_id().data());
  return 0;
}
