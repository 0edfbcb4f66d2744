// jwtcheck authz — the HTTP/1.0 and 1.1 transport (Boost.Beast over Boost.Asio): one io_context
// run by N threads, async accept, keep-alive sessions, size limits, timeouts, a connection cap,
// and a graceful stop. It knows nothing of tokens: a request view in, a status, headers and
// body out. No Beast or Asio type appears here.
#pragma once

#include <jwtcheck/error.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jwtcheck::cli::authz {

/// One request as received; valid only during the handler call.
class HttpRequestView {
 public:
  std::string_view method;  ///< as sent, e.g. "GET"
  std::string_view target;  ///< the request target: path and query
  std::string_view path;    ///< target up to '?'

  /// The first header of that name (case-insensitive); empty when absent.
  std::string_view header(std::string_view name) const noexcept;
  /// How many headers of that name came.
  std::size_t header_count(std::string_view name) const noexcept;
  bool has_header(std::string_view name) const noexcept { return header_count(name) > 0; }

  std::vector<std::pair<std::string_view, std::string_view>> headers;  ///< name, value; in order
};

struct HttpResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  ///< besides Content-Type/Length
  std::string content_type = "application/json";
  std::string body;
};

using HttpHandler = std::function<void(const HttpRequestView&, HttpResponse&)>;

struct HttpServerOptions {
  unsigned threads = 0;                 ///< I/O threads; 0: the hardware threads + 1
  /// Threads for handlers that come while every other I/O thread is in one (handlers may block:
  /// a check waits up to max_key_wait_ms for a key refetch); one I/O thread is kept for I/O.
  unsigned blocking_threads = 64;
  std::size_t max_connections = 10000;  ///< beyond: 503 and close
  std::size_t header_limit = 8 * 1024;  ///< request line and headers; beyond: 431
  std::size_t body_limit = 1024;        ///< beyond: 413
  std::chrono::milliseconds idle_timeout{5000};  ///< waiting for the next request on a connection
  std::chrono::milliseconds read_timeout{10000};  ///< from its first byte to the whole request
  std::chrono::milliseconds write_timeout{10000};
};

class HttpServer {
 public:
  explicit HttpServer(HttpServerOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  /// Binds "HOST:PORT" (port 0: any free port; `address` is rewritten to the address bound) and
  /// will serve it with `handler` once run() is called. Call before run(), once per listener.
  /// Errors: invalid_policy for a malformed address, io_error when it cannot bind.
  Result<void> listen(std::string& address, HttpHandler handler);
  /// Serves on the configured threads (this one included) until stop(), then returns once the
  /// requests under way are answered.
  void run();
  /// From any thread: stops accepting, closes idle connections, lets in-flight requests finish.
  void stop();

  struct Impl;  // defined in http_server.cpp only

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace jwtcheck::cli::authz
