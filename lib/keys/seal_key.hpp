// The last step of building any Key: freeze it.
#pragma once

#include <jwtcheck/key.hpp>

#include "keys/key_data.hpp"

#include <memory>

namespace jwtcheck::detail {

/// Wraps finished key data as an immutable Key.
Key seal_key(std::unique_ptr<KeyData> data);

}  // namespace jwtcheck::detail
