// The last step of building any Key: prepare its verification state, then freeze it.
#pragma once

#include <jwtcheck/key.hpp>

#include "keys/key_data.hpp"

#include <memory>

namespace jwtcheck::detail {

/// Runs prepare_verification (once, while the data is still mutable) and wraps it as an immutable Key.
Key seal_key(std::unique_ptr<KeyData> data);

}  // namespace jwtcheck::detail
