// Fixed keys for fuzz_verify: the public halves of tests/fuzz/seed_keys/*.pem (test-only keys,
// generated once for fuzzing; make_seeds.py signs the seed tokens with them).
#pragma once

#include <cstdint>
#include <string_view>

namespace jwtcheck::fuzz {

inline constexpr std::string_view ec_jwk = R"({"crv":"P-256","kid":"ec","kty":"EC","x":"BTWcyD1NHCc7OvFAHADlpCFatEJyQdpln19XV3VNkNk","y":"_Ucu73EdLiQ8Bv-YFbZVxYiwwdHvEd62oQSplQnMCpE","use":"sig"})";
inline constexpr std::string_view rsa_jwk = R"({"e":"AQAB","kid":"rsa","kty":"RSA","n":"oiEPX-0MJSYmW2Fiw8Fgy1jg3ejGr9COQPjjI_AtiyUJ_mC1I4RPEU3wh4YOHwImUcvUBqdQcbHPv4hJ0DKZr9mzuozJpcHlPhqpIWXdV6rdSDV8m97kFNgzQYPY_9ow7JQjL5twsNUM1PENFa1XjfySrTDcfWVzbsvPzcPfh7ah2u6vxnFAJUyaMfMCD1ibLheSLJlmmJiXRW5CPAkh8C2a2Ee6MriN-LHIvX94gOtrJswwCXA38XtGTuybnzfc46lgDmOsuhLs0A05_17pbCaz6r0ui8DoQdK5OFn52c13unpfqz2n-kAlRxCpmOM2UZ-UvoLa_pgLHPy3wGYE1w","use":"sig"})";
inline constexpr std::string_view ed_jwk = R"({"crv":"Ed25519","kid":"ed","kty":"OKP","x":"6wcXjnObCmpDhJMhPDukZTW010cxkLt7ZlQn7jzIrlY","use":"sig"})";
inline constexpr std::string_view hmac_secret = "fuzz-hmac-secret-32-bytes-long!!";
/// The verifier's clock: the seed tokens are valid at this time.
inline constexpr std::int64_t fixed_now = 1800000000;

}  // namespace jwtcheck::fuzz
