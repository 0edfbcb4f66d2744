// The JWS signature layer alone: split, header, alg allowlist, key choice, signature; the
// payload is only checked to be strict base64url, never parsed. The Verifier does all of this
// and more; this entry point exists for JWS test vectors (RFC 7515/7520/8037, Wycheproof)
// whose payloads are not JWT claims.
#pragma once

#include <jwtcheck/error.hpp>
#include <jwtcheck/key_set.hpp>
#include <jwtcheck/limits.hpp>

#include "verify/alg_set.hpp"

#include <string_view>

namespace jwtcheck::detail {

/// The key of `keys` that verifies the compact JWS `token` under an alg in `allowed` (refusing
/// crit like the Verifier). Same errors as Verifier::verify up to and including bad_signature.
Result<const Key*> verify_jws_signature(std::string_view token, const KeySet& keys, const AlgSet& allowed,
                                        const Limits& limits = {});

}  // namespace jwtcheck::detail
