#include "testing/drop_connection.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <charconv>
#include <filesystem>
#include <system_error>

namespace jwtcheck::testing::detail {

namespace {

struct SocketEnd {
  std::string address;
  int port = -1;
};

// The numeric address and port of a socket address (IPv4 or IPv6).
SocketEnd endpoint_of(const sockaddr_storage& storage) {
  char text[INET6_ADDRSTRLEN] = {};
  if (storage.ss_family == AF_INET) {
    const auto& in = reinterpret_cast<const sockaddr_in&>(storage);
    inet_ntop(AF_INET, &in.sin_addr, text, sizeof text);
    return {text, ntohs(in.sin_port)};
  }
  if (storage.ss_family == AF_INET6) {
    const auto& in6 = reinterpret_cast<const sockaddr_in6&>(storage);
    inet_ntop(AF_INET6, &in6.sin6_addr, text, sizeof text);
    return {text, ntohs(in6.sin6_port)};
  }
  return {};
}

bool is_connection(int fd, std::uint16_t local_port, const std::string& peer_address, int peer_port) {
  sockaddr_storage local{}, peer{};
  socklen_t local_len = sizeof local, peer_len = sizeof peer;
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_len) != 0) return false;  // not a socket
  if (endpoint_of(local).port != local_port) return false;
  if (getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_len) != 0) return false;  // the listener
  const SocketEnd remote = endpoint_of(peer);
  return remote.port == peer_port && remote.address == peer_address;
}

}  // namespace

bool drop_connection(std::uint16_t local_port, const std::string& peer_address, int peer_port) {
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd", error)) {
    const std::string name = entry.path().filename().string();
    int fd = -1;
    if (std::from_chars(name.data(), name.data() + name.size(), fd).ec != std::errc{}) continue;
    if (is_connection(fd, local_port, peer_address, peer_port)) return ::shutdown(fd, SHUT_RDWR) == 0;
  }
  return false;
}

}  // namespace jwtcheck::testing::detail
