#include "http_server.hpp"

#include "listen_address.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <atomic>
#include <list>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_set>

namespace jwtcheck::cli::authz {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;

namespace {

bool iequal(std::string_view a, std::string_view b) noexcept {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return (x >= 'A' && x <= 'Z' ? x + 32 : x) == (y >= 'A' && y <= 'Z' ? y + 32 : y);
  });
}

std::string_view view(beast::string_view text) { return {text.data(), text.size()}; }

// After a refusal, or when the client may still be sending: stop reading that long and that much
// before closing, so that the kernel does not answer unread bytes with a reset that could
// overtake our answer.
constexpr auto linger_time = std::chrono::seconds(1);
constexpr std::size_t linger_bytes = 64 * 1024;

// Timeouts are enforced by one sweep over the sessions this often, not by a timer armed per read
// and write: a session just stores its deadline. kept: cache-hit CPU per request, same-run A/B
// (tools/bench/authz_wrk.py settings), see the commit message.
constexpr auto sweep_period = std::chrono::milliseconds(100);

using Clock = std::chrono::steady_clock;
using Strand = net::strand<net::io_context::executor_type>;
using Socket = tcp::socket::rebind_executor<Strand>::other;

std::int64_t now_ticks() noexcept { return Clock::now().time_since_epoch().count(); }

}  // namespace

std::string_view HttpRequestView::header(std::string_view name) const noexcept {
  for (const auto& [key, value] : headers) {
    if (iequal(key, name)) return value;
  }
  return {};
}

std::size_t HttpRequestView::header_count(std::string_view name) const noexcept {
  return static_cast<std::size_t>(
      std::count_if(headers.begin(), headers.end(), [&](const auto& h) { return iequal(h.first, name); }));
}

class Session;

struct Listener {
  Listener(net::io_context& context, HttpHandler h)
      : strand(net::make_strand(context)), acceptor(strand), handler(std::move(h)) {}
  net::strand<net::io_context::executor_type> strand;
  tcp::acceptor acceptor;
  HttpHandler handler;
};

struct HttpServer::Impl {
  explicit Impl(HttpServerOptions o)
      : options(o),
        // Default: one per core for checks, and the one kept for I/O.
        io_threads(o.threads != 0 ? o.threads : std::max(1U, std::thread::hardware_concurrency()) + 1),
        blocking_pool(o.blocking_threads) {}

  void accept(Listener& listener);
  void on_accept(Socket socket, const HttpHandler& handler);
  void begin_stop();
  void sweep();

  HttpServerOptions options;
  unsigned io_threads;
  net::io_context context;
  net::thread_pool blocking_pool;  // handlers that find every other I/O thread in a handler
  std::atomic<unsigned> handlers_inline{0};
  std::list<Listener> listeners;  // stable addresses
  std::atomic<bool> stopping{false};
  std::atomic<std::size_t> sessions_open{0}, refusals_open{0};
  std::mutex sessions_mutex;  // guards sessions
  std::unordered_set<Session*> sessions;  // every session, refusals at accept included
  net::steady_timer sweep_timer{context};
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Socket socket, HttpServer::Impl& server, const HttpHandler* handler)
      : socket_(std::move(socket)), server_(server), handler_(handler) {
    const std::lock_guard lock(server_.sessions_mutex);
    server_.sessions.insert(this);
  }
  ~Session() {
    {
      const std::lock_guard lock(server_.sessions_mutex);
      server_.sessions.erase(this);
    }
    if (handler_ != nullptr) {
      --server_.sessions_open;
    } else {
      --server_.refusals_open;
    }
  }

  // From the sweep: true when the current operation's deadline has passed.
  bool expired(std::int64_t now) const noexcept {
    const auto deadline = deadline_.load(std::memory_order_relaxed);
    return deadline != 0 && deadline <= now;
  }

  // On the session's strand: a timeout closes the connection; the operation under way ends with
  // operation_aborted, and the session with it.
  void close_if_expired() {
    if (expired(now_ticks())) {
      deadline_.store(0, std::memory_order_relaxed);
      close();
    }
  }

  void start() {
    net::dispatch(socket_.get_executor(), [self = shared_from_this()] { self->wait_for_request(); });
  }

  // Over the connection cap: answer 503 at once, read nothing, close.
  void refuse_at_once() {
    net::dispatch(socket_.get_executor(), [self = shared_from_this()] {
      self->refuse(503, "busy", "too many connections; try again");
    });
  }

  // On the session's strand, at stop: an idle connection closes now; a busy one after its answer.
  void stop_if_idle() {
    // Bytes already here are a request under way: it is read and answered (with "close").
    error_code ec;
    if (idle_ && socket_.available(ec) == 0) socket_.cancel(ec);  // read: operation_aborted
  }

 private:
  void wait_for_request() {
    if (server_.stopping) return close();
    if (buffer_.size() > 0) return read_request();  // pipelined: the next request is here already
    idle_ = true;
    expires_after(server_.options.idle_timeout);
    socket_.async_read_some(buffer_.prepare(4096), [self = shared_from_this()](error_code ec, std::size_t n) {
      self->idle_ = false;
      if (ec) return self->close();
      self->buffer_.commit(n);
      self->read_request();
    });
  }

  void read_request() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_.options.header_limit));
    parser_->body_limit(server_.options.body_limit);
    expires_after(server_.options.read_timeout);
    http::async_read(socket_, buffer_, *parser_,
                     [self = shared_from_this()](error_code ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(error_code ec) {
    if (ec == http::error::header_limit) {
      return refuse(431, "header_too_large",
                    "the request line and headers exceed " + std::to_string(server_.options.header_limit) + " bytes");
    }
    if (ec == http::error::body_limit) {
      return refuse(413, "body_too_large",
                    "the request body exceeds " + std::to_string(server_.options.body_limit) + " bytes");
    }
    if (ec == http::error::end_of_stream) return close();
    if (ec && ec.category() == http::make_error_code(http::error::bad_target).category()) {
      return refuse(400, "bad_request", "malformed HTTP request");
    }
    if (ec) return close();  // reset, timeout, or stopped
    deadline_.store(0, std::memory_order_relaxed);  // the handler's own time is not the client's
    answer();
  }

  // A handler may block (a check waiting for a key refetch, bounded by max_key_wait_ms). One I/O
  // thread is always kept out of handlers; a request arriving while the others are in one is
  // handled on the blocking pool, and its answer sent from the session's strand.
  void answer() {
    const unsigned io_threads = server_.io_threads;
    if (server_.handlers_inline.fetch_add(1) + 1 < io_threads) {
      HttpResponse out = run_handler();
      --server_.handlers_inline;
      return respond(std::move(out));
    }
    --server_.handlers_inline;
    // The work guard keeps run() from returning before this answer is sent (graceful stop).
    net::post(server_.blocking_pool, [self = shared_from_this(), work = net::prefer(socket_.get_executor(), net::execution::outstanding_work.tracked)] {
      HttpResponse out = self->run_handler();
      net::post(self->socket_.get_executor(),
                [self, out = std::move(out)]() mutable { self->respond(std::move(out)); });
    });
  }

  HttpResponse run_handler() {
    const auto& request = parser_->get();
    HttpRequestView in;
    in.method = view(request.method_string());
    in.target = view(request.target());
    in.path = in.target.substr(0, in.target.find('?'));
    in.headers.reserve(16);
    for (const auto& field : request) in.headers.emplace_back(view(field.name_string()), view(field.value()));
    HttpResponse out;
    try {
      (*handler_)(in, out);
    } catch (...) {
      out = HttpResponse{};
      out.status = 500;
      out.body = "{\"status\":\"error\"}\n";
    }
    return out;
  }

  // The answer is written into one buffer the session keeps, as Beast's serializer would write it
  // (status line, Content-Type, the handler's headers in order with their values trimmed,
  // Connection when the version's default does not hold, Content-Length, body), with no
  // allocation per response once the buffer has grown. kept: see the commit message.
  void respond(HttpResponse out) {
    const auto& request = parser_->get();
    const bool keep_alive = request.keep_alive() && !server_.stopping;
    const bool http10 = request.version() == 10;
    out_.clear();
    out_ += http10 ? "HTTP/1.0 " : "HTTP/1.1 ";
    out_ += std::to_string(out.status);
    out_ += ' ';
    const auto reason = http::obsolete_reason(static_cast<http::status>(out.status));
    out_.append(reason.data(), reason.size());
    out_ += "\r\n";
    append_field("Content-Type", out.content_type);
    for (const auto& [name, value] : out.headers) append_field(name, value);
    if (http10 && keep_alive) append_field("Connection", "keep-alive");
    if (!http10 && !keep_alive) append_field("Connection", "close");
    append_field("Content-Length", std::to_string(out.body.size()));
    out_ += "\r\n";
    if (request.method() != http::verb::head) out_ += out.body;  // HEAD: Content-Length stays
    expires_after(server_.options.write_timeout);
    net::async_write(socket_, net::buffer(out_), [self = shared_from_this(), keep_alive](error_code ec, std::size_t) {
      if (ec || !keep_alive) return self->close();
      self->wait_for_request();
    });
  }

  void append_field(std::string_view name, std::string_view value) {
    // As Beast's fields: leading and trailing spaces and tabs are not part of a value.
    const auto first = value.find_first_not_of(" \t");
    value = first == std::string_view::npos ? std::string_view{} : value.substr(first, value.find_last_not_of(" \t") - first + 1);
    out_.append(name);
    out_ += ": ";
    out_.append(value);
    out_ += "\r\n";
  }

  void refuse(int status, std::string_view reason, std::string_view description) {
    auto response = std::make_shared<http::response<http::string_body>>();
    response->version(11);
    response->result(static_cast<unsigned>(status));
    response->set(http::field::content_type, "application/json");
    response->set(http::field::cache_control, "no-store");
    response->body() = "{\"status\":\"refused\",\"reason\":\"" + std::string(reason) + "\",\"description\":\"" +
                       std::string(description) + "\"}\n";
    response->keep_alive(false);
    response->prepare_payload();
    send(std::move(response), true, true);
  }

  void send(std::shared_ptr<http::response<http::string_body>> response, bool close_after, bool linger) {
    expires_after(server_.options.write_timeout);
    http::async_write(socket_, *response,
                      [self = shared_from_this(), response, close_after, linger](error_code ec, std::size_t) {
                        if (ec) return self->close();
                        if (!close_after) return self->wait_for_request();
                        if (linger) return self->linger_close();
                        self->close();
                      });
  }

  void linger_close() {
    error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_send, ignored);
    buffer_.clear();
    expires_after(linger_time);
    drain();
  }

  void drain() {
    socket_.async_read_some(buffer_.prepare(4096), [self = shared_from_this()](error_code ec, std::size_t n) {
      self->drained_ += n;
      if (ec || self->drained_ > linger_bytes) return self->close();
      self->drain();
    });
  }

  void close() {
    error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_send, ignored);
    socket_.close(ignored);
  }

  template <class Duration>
  void expires_after(Duration timeout) {
    deadline_.store(now_ticks() + std::chrono::duration_cast<Clock::duration>(timeout).count(),
                    std::memory_order_relaxed);
  }

  Socket socket_;
  std::string out_;  // the answer being written
  std::atomic<std::int64_t> deadline_{0};  // steady-clock ticks; 0: none (in a handler, or closed)
  HttpServer::Impl& server_;
  const HttpHandler* handler_;  // null for a refusal at accept
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  bool idle_ = false;
  std::size_t drained_ = 0;

  friend struct HttpServer::Impl;
};

void HttpServer::Impl::accept(Listener& listener) {
  listener.acceptor.async_accept(net::make_strand(context), [this, &listener](error_code ec, Socket socket) {
    if (stopping || !listener.acceptor.is_open()) return;
    if (!ec) on_accept(std::move(socket), listener.handler);
    accept(listener);
  });
}

void HttpServer::Impl::on_accept(Socket socket, const HttpHandler& handler) {
  error_code ignored;
  socket.set_option(tcp::no_delay(true), ignored);
  if (sessions_open.fetch_add(1) >= options.max_connections) {
    --sessions_open;
    // Refusals hold no handler and last at most the linger time; past the cap again, just close.
    if (refusals_open.fetch_add(1) >= options.max_connections) {
      --refusals_open;
      return;
    }
    std::make_shared<Session>(std::move(socket), *this, nullptr)->refuse_at_once();
    return;
  }
  std::make_shared<Session>(std::move(socket), *this, &handler)->start();
}

void HttpServer::Impl::begin_stop() {
  stopping = true;
  for (auto& listener : listeners) {
    net::post(listener.strand, [&listener] {
      error_code ignored;
      listener.acceptor.close(ignored);
    });
  }
  // Taken under the lock, posted and released after it: the last reference to a session may be
  // one of these, and its destructor takes the lock.
  std::vector<std::shared_ptr<Session>> open;
  {
    const std::lock_guard lock(sessions_mutex);
    open.reserve(sessions.size());
    for (Session* session : sessions) {
      if (auto alive = session->weak_from_this().lock()) open.push_back(std::move(alive));
    }
  }
  for (auto& session : open) {
    net::post(session->socket_.get_executor(), [session] { session->stop_if_idle(); });
  }
}

void HttpServer::Impl::sweep() {
  sweep_timer.expires_after(sweep_period);
  sweep_timer.async_wait([this](error_code ec) {
    if (ec) return;
    const auto now = now_ticks();
    std::vector<std::shared_ptr<Session>> expired;
    bool any = false;
    {
      const std::lock_guard lock(sessions_mutex);
      any = !sessions.empty();
      for (Session* session : sessions) {
        if (!session->expired(now)) continue;
        if (auto alive = session->weak_from_this().lock()) expired.push_back(std::move(alive));
      }
    }
    // Released after the lock (a session's destructor takes it), each on its own strand.
    for (auto& session : expired) {
      net::post(session->socket_.get_executor(), [session] { session->close_if_expired(); });
    }
    // After stop, the sweep ends with the last session, so that run() can return.
    if (!stopping || any) sweep();
  });
}

HttpServer::HttpServer(HttpServerOptions options) : impl_(std::make_unique<Impl>(options)) {}

HttpServer::~HttpServer() = default;

Result<void> HttpServer::listen(std::string& address, HttpHandler handler) {
  auto parsed = parse_listen_address(address);
  if (!parsed) return std::move(parsed).error();
  const auto cannot = [&address](const error_code& ec) {
    return Error{ErrorCode::io_error, "cannot listen on " + address + ": " + ec.message() +
                                          " (address in use, or not a local address?)"};
  };
  error_code ec;
  std::string host = parsed->host == "localhost" ? "127.0.0.1" : parsed->host;
  const auto ip = net::ip::make_address(host, ec);
  if (ec) return Error{ErrorCode::invalid_policy, "listen address \"" + address + "\": the host must be an IP address or localhost"};
  auto& listener = impl_->listeners.emplace_back(impl_->context, std::move(handler));
  const tcp::endpoint endpoint(ip, static_cast<unsigned short>(parsed->port));
  auto& acceptor = listener.acceptor;
  // SO_REUSEADDR for a restart over TIME_WAIT sockets only; not SO_REUSEPORT, which would let a
  // second service bind the same port and take a share of the gateway's requests at random.
  if (acceptor.open(endpoint.protocol(), ec); ec) return impl_->listeners.pop_back(), cannot(ec);
  acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (acceptor.bind(endpoint, ec); ec) return impl_->listeners.pop_back(), cannot(ec);
  if (acceptor.listen(net::socket_base::max_listen_connections, ec); ec) return impl_->listeners.pop_back(), cannot(ec);
  const auto bound = acceptor.local_endpoint(ec);
  const bool v6 = ip.is_v6();
  address = (v6 ? "[" + parsed->host + "]" : parsed->host) + ":" + std::to_string(bound.port());
  return {};
}

void HttpServer::run() {
  for (auto& listener : impl_->listeners) {
    net::dispatch(listener.strand, [this, &listener] { impl_->accept(listener); });
  }
  impl_->sweep();
  const unsigned threads = impl_->io_threads;
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (unsigned i = 1; i < threads; ++i) pool.emplace_back([this] { impl_->context.run(); });
  impl_->context.run();
  for (auto& thread : pool) thread.join();
}

void HttpServer::stop() {
  net::post(impl_->context, [this] { impl_->begin_stop(); });
}

}  // namespace jwtcheck::cli::authz
