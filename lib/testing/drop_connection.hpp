// Dropping one accepted connection from inside its request handler, without answering.
// cpp-httplib always writes a response, so the tenant finds the socket by its addresses and
// shuts it down: the client then sees the connection close with no HTTP answer.
#pragma once

#include <cstdint>
#include <string>

namespace jwtcheck::testing::detail {

/// Shuts down (both directions) the socket of this process whose local port is `local_port` and
/// whose peer is `peer_address`:`peer_port`. False when no such socket was found.
bool drop_connection(std::uint16_t local_port, const std::string& peer_address, int peer_port);

}  // namespace jwtcheck::testing::detail
