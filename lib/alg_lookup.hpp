// alg_from_name for the verify path: the same lookup, with the answer written through a
// reference. GCC builds a returned std::optional<Alg> in memory a byte at a time and reloads it
// whole, a store-forwarding stall on every call.
#pragma once

#include <jwtcheck/alg.hpp>

#include <string_view>

namespace jwtcheck::detail {

/// True, with `alg` set, when `name` is exactly a JWS algorithm name jwtcheck knows.
bool find_alg(std::string_view name, Alg& alg) noexcept;

}  // namespace jwtcheck::detail
