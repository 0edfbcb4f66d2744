// SHA-256/384/512 of a message with a context on the stack (OpenSSL's low-level functions): no
// allocation and no provider dispatch, unlike an EVP_MD_CTX, whose every init allocates on
// OpenSSL 3.0. Used for the prehash of RS*, PS* and ES* signatures.
#pragma once

#include <jwtcheck/alg.hpp>

#include <openssl/evp.h>

#include <cstddef>
#include <span>
#include <string_view>

namespace jwtcheck::detail {

/// The hash of `input` with `alg`'s SHA-2 function, written to `out`; its length (32, 48 or 64),
/// or 0 for an alg without a separate hash (EdDSA).
std::size_t sha2_digest(Alg alg, std::string_view input, std::span<unsigned char, EVP_MAX_MD_SIZE> out) noexcept;

}  // namespace jwtcheck::detail
