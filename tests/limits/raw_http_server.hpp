// A one-shot HTTP server on 127.0.0.1 that answers every request with the exact bytes it was
// given (status line, headers, body), so tests can place a response at a byte-exact size.
#pragma once

#include <string>
#include <thread>

namespace limits_test {

class RawHttpServer {
 public:
  /// Listens on an ephemeral loopback port and answers each connection with `response`, then
  /// closes it (so a body without Content-Length ends at the close).
  explicit RawHttpServer(std::string response);
  ~RawHttpServer();
  RawHttpServer(const RawHttpServer&) = delete;
  RawHttpServer& operator=(const RawHttpServer&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/"; }

 private:
  void serve();

  std::string response_;
  int listener_ = -1;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace limits_test
