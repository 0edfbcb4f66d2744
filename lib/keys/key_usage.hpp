// Which algorithms a key may verify: the type/curve fit, plus the JWK's alg/use/key_ops binding.
#pragma once

#include <jwtcheck/alg.hpp>

#include "keys/key_data.hpp"

namespace jwtcheck::detail {

/// True when the key's type (and curve, or HMAC alg) is the one `alg` is defined for.
bool key_type_fits(const KeyData& key, Alg alg) noexcept;

/// key_type_fits, and the key's JWK alg / use / key_ops allow signature verification with `alg`.
bool key_may_verify(const KeyData& key, Alg alg) noexcept;

}  // namespace jwtcheck::detail
