#include "listen_address.hpp"

#include <charconv>

namespace jwtcheck::cli::authz {

Result<ListenAddress> parse_listen_address(const std::string& text) {
  const auto bad = [&] {
    return Error{ErrorCode::invalid_policy, "listen address \"" + text + "\": expected HOST:PORT (port 0-65535)"};
  };
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) return bad();
  ListenAddress address;
  address.host = text.substr(0, colon);
  if (address.host.front() == '[') {
    if (address.host.back() != ']' || address.host.size() < 3) return bad();
    address.host = address.host.substr(1, address.host.size() - 2);
  }
  const std::string port = text.substr(colon + 1);
  const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), address.port);
  if (ec != std::errc() || end != port.data() + port.size() || port.empty() || address.port < 0 ||
      address.port > 65535) {
    return bad();
  }
  return address;
}

}  // namespace jwtcheck::cli::authz
