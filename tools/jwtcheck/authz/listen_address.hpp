// jwtcheck authz — "HOST:PORT" listen addresses.
#pragma once

#include <jwtcheck/error.hpp>

#include <string>

namespace jwtcheck::cli::authz {

struct ListenAddress {
  std::string host;
  int port = 0;
};

/// "127.0.0.1:9190", "[::1]:9190", "localhost:0". Errors: invalid_policy naming the text.
Result<ListenAddress> parse_listen_address(const std::string& text);

}  // namespace jwtcheck::cli::authz
