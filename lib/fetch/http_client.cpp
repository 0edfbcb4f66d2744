#include "fetch/http_client.hpp"

#include "fetch/curl_error.hpp"
#include "fetch/curl_handles.hpp"
#include "fetch/jwtcheck_version.hpp"
#include "fetch/printable_text.hpp"
#include "fetch/url.hpp"

#include <openssl/crypto.h>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace jwtcheck::detail {

namespace {

// What the libcurl callbacks fill in, and why they stopped early.
struct Receiver {
  std::size_t max_body_bytes = 0;
  std::size_t max_header_bytes = 0;
  std::size_t header_bytes = 0;
  bool body_too_large = false;
  bool headers_too_large = false;
  HttpResponse response;
};

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

// Content-Length larger than the cap: refuse before any byte of body is read.
bool announces_too_much(std::string_view value, std::size_t cap) {
  unsigned long long length = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), length);
  if (ec == std::errc::result_out_of_range) return true;
  return ec == std::errc() && end == value.data() + value.size() && length > cap;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto& receiver = *static_cast<Receiver*>(user);
  const std::size_t n = size * count;
  receiver.header_bytes += n;
  if (receiver.header_bytes > receiver.max_header_bytes) {
    receiver.headers_too_large = true;
    return 0;
  }
  std::string_view line(data, n);
  if (line.starts_with("HTTP/")) {
    receiver.response.headers.clear();  // a new response (after 100 Continue): keep only the last
    return n;
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) return n;
  std::string name(trim(line.substr(0, colon)));
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  std::string_view value = trim(line.substr(colon + 1));
  if (name == "content-length" && announces_too_much(value, receiver.max_body_bytes)) {
    receiver.body_too_large = true;
    return 0;
  }
  receiver.response.headers.emplace_back(std::move(name), std::string(value));
  return n;
}

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto& receiver = *static_cast<Receiver*>(user);
  const std::size_t n = size * count;
  if (receiver.response.body.size() + n > receiver.max_body_bytes) {
    receiver.body_too_large = true;
    return 0;  // aborts the transfer (CURLE_WRITE_ERROR)
  }
  receiver.response.body.append(data, n);
  return n;
}

// Non-zero aborts the transfer (CURLE_ABORTED_BY_CALLBACK).
// What may end a transfer early, polled by libcurl's progress callback (about once a second
// while idle, more often while bytes flow); `stopped` says which one did.
struct Interrupts {
  const std::atomic<bool>* cancel = nullptr;
  std::stop_token stop;
  std::optional<std::chrono::steady_clock::time_point> deadline;
  enum class Cause { none, cancel, stop, deadline } stopped = Cause::none;
};

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto& interrupts = *static_cast<Interrupts*>(user);
  if (interrupts.cancel && interrupts.cancel->load(std::memory_order_relaxed))
    interrupts.stopped = Interrupts::Cause::cancel;
  else if (interrupts.stop.stop_requested())
    interrupts.stopped = Interrupts::Cause::stop;
  else if (interrupts.deadline && std::chrono::steady_clock::now() >= *interrupts.deadline)
    interrupts.stopped = Interrupts::Cause::deadline;
  return interrupts.stopped == Interrupts::Cause::none ? 0 : 1;
}

// curl_easy_setopt, remembering the first failure: every option here matters for security.
class OptionSetter {
 public:
  explicit OptionSetter(CURL* easy) : easy_(easy) {}
  template <class T>
  void set(CURLoption option, T value) {
    if (result_ == CURLE_OK) result_ = curl_easy_setopt(easy_, option, value);
  }
  CURLcode result() const { return result_; }

 private:
  CURL* easy_;
  CURLcode result_ = CURLE_OK;
};

long positive_ms(std::chrono::milliseconds value) {
  // libcurl reads 0 as "no timeout": never let a configuration ask for that.
  return static_cast<long>(std::max<std::chrono::milliseconds::rep>(1, value.count()));
}

void set_transport_policy(OptionSetter& set, const HttpOptions& options, const CheckedUrl& url) {
  set.set(CURLOPT_PROTOCOLS_STR, url.scheme == "http" ? "http" : "https");
  set.set(CURLOPT_REDIR_PROTOCOLS_STR, "https");
  set.set(CURLOPT_FOLLOWLOCATION, 0L);
  set.set(CURLOPT_NOSIGNAL, 1L);
  set.set(CURLOPT_SSL_VERIFYPEER, 1L);
  set.set(CURLOPT_SSL_VERIFYHOST, 2L);
  set.set(CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
  // A caller-chosen CA replaces the system store rather than adding to it.
  if (!options.ca_file.empty() || !options.ca_dir.empty()) {
    set.set(CURLOPT_CAINFO, options.ca_file.empty() ? nullptr : options.ca_file.c_str());
    set.set(CURLOPT_CAPATH, options.ca_dir.empty() ? nullptr : options.ca_dir.c_str());
  }
  if (!options.client_cert_file.empty()) {
    set.set(CURLOPT_SSLCERT, options.client_cert_file.c_str());
    set.set(CURLOPT_SSLCERTTYPE, "PEM");
    set.set(CURLOPT_SSLKEY, options.client_key_file.c_str());
    set.set(CURLOPT_SSLKEYTYPE, "PEM");
  }
  set.set(CURLOPT_CONNECTTIMEOUT_MS, positive_ms(options.connect_timeout));
  set.set(CURLOPT_TIMEOUT_MS, positive_ms(options.total_timeout));
  // Proxies come from the environment (libcurl's default), except for loopback targets.
  if (url.loopback) set.set(CURLOPT_NOPROXY, "*");
  set.set(CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
}

bool build_headers(SensitiveHeaderList& headers, const HttpRequest& request) {
  bool ok = headers.append("Accept: application/json") && headers.append("Expect:");
  // Validators came from a server's answer: one that would break the header line is not sent.
  const auto one_line = [](std::string_view value) { return value.find_first_of("\r\n") == std::string_view::npos; };
  if (!request.if_none_match.empty() && one_line(request.if_none_match))
    ok = ok && headers.append(("If-None-Match: " + std::string(request.if_none_match)).c_str());
  if (!request.if_modified_since.empty() && one_line(request.if_modified_since))
    ok = ok && headers.append(("If-Modified-Since: " + std::string(request.if_modified_since)).c_str());
  if (request.post_body) ok = ok && headers.append(("Content-Type: " + std::string(request.content_type)).c_str());
  // A proof is a compact JWS (base64url and dots): nothing in it can break the header line.
  if (!request.dpop.empty() && one_line(request.dpop))
    ok = ok && headers.append(("DPoP: " + std::string(request.dpop)).c_str());
  if (!request.authorization.empty()) {
    // Built in place and wiped: the value may hold client credentials.
    std::string line;
    line.reserve(request.authorization.size() + 16);
    line.append("Authorization: ").append(request.authorization);
    ok = ok && headers.append(line.c_str());
    line.resize(line.capacity());
    OPENSSL_cleanse(line.data(), line.size());
  }
  return ok;
}

Result<HttpResponse> finish(CURL* easy, CURLcode rc, Receiver& receiver, const char* detail,
                            const CheckedUrl& url, bool conditional, const Interrupts& interrupts) {
  // A deadline shortens libcurl's own timeout too: its timeout then means the deadline passed.
  if (interrupts.stopped == Interrupts::Cause::deadline ||
      (rc == CURLE_OPERATION_TIMEDOUT && interrupts.deadline && std::chrono::steady_clock::now() >= *interrupts.deadline))
    return Error{ErrorCode::deadline_exceeded, "the request to " + url.url + " passed the caller's deadline"};
  if (interrupts.stopped == Interrupts::Cause::stop)
    return Error{ErrorCode::cancelled, "the request to " + url.url + " was cancelled by the caller"};
  if (receiver.body_too_large || rc == CURLE_FILESIZE_EXCEEDED) {
    return Error{ErrorCode::body_too_large, "expected at most " + std::to_string(receiver.max_body_bytes) +
                                                " bytes from " + url.url + ", the answer is larger"};
  }
  if (receiver.headers_too_large) {
    return Error{ErrorCode::body_too_large, "expected at most " + std::to_string(receiver.max_header_bytes) +
                                                " bytes of headers from " + url.url + ", got more"};
  }
  if (rc == CURLE_ABORTED_BY_CALLBACK)
    return Error{ErrorCode::connect_failed, "the request to " + url.url + " was cancelled"};
  if (rc != CURLE_OK) return error_from_curl(rc, detail, url.url);
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &receiver.response.status);
  if (conditional && receiver.response.status == 304) return std::move(receiver.response);
  if (receiver.response.status >= 300 && receiver.response.status < 400) {
    auto location = receiver.response.header("location");
    return Error{ErrorCode::http_status,
                 "expected an answer from " + url.url + ", got HTTP " + std::to_string(receiver.response.status) +
                     " redirecting to \"" + printable_excerpt(location.value_or("")) +
                     "\" (redirects are not followed: configure the final URL)"};
  }
  return std::move(receiver.response);
}

}  // namespace

std::optional<std::string_view> HttpResponse::header(std::string_view lower_name) const {
  for (auto it = headers.rbegin(); it != headers.rend(); ++it) {
    if (it->first == lower_name) return std::string_view(it->second);
  }
  return std::nullopt;
}

std::string user_agent() {
  const curl_version_info_data* info = curl_version_info(CURLVERSION_NOW);
  return std::string("jwtcheck/") + JWTCHECK_VERSION + " libcurl/" + (info ? info->version : "unknown");
}

Result<HttpResponse> HttpClient::perform(const HttpRequest& request) const {
  auto url = check_url(request.url, options_);
  if (!url) return url.error();
  if (!ensure_curl_initialized()) return Error{ErrorCode::connect_failed, "libcurl could not be initialised"};
  CurlEasyPtr easy(curl_easy_init());
  if (!easy) return Error{ErrorCode::connect_failed, "libcurl could not allocate a handle"};

  Receiver receiver;
  receiver.max_body_bytes = request.max_body_bytes != 0 ? request.max_body_bytes : options_.max_response_bytes;
  receiver.max_header_bytes = options_.max_header_bytes;
  SensitiveHeaderList headers;
  if (!build_headers(headers, request)) return Error{ErrorCode::connect_failed, "out of memory building headers"};
  char detail[CURL_ERROR_SIZE] = {};
  static const std::string agent = user_agent();

  OptionSetter set(easy.get());
  set.set(CURLOPT_URL, url->url.c_str());
  set_transport_policy(set, options_, *url);
  set.set(CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(receiver.max_body_bytes));
  set.set(CURLOPT_USERAGENT, agent.c_str());
  set.set(CURLOPT_HTTPHEADER, headers.get());
  set.set(CURLOPT_ERRORBUFFER, detail);
  set.set(CURLOPT_HEADERFUNCTION, &on_header);
  set.set(CURLOPT_HEADERDATA, &receiver);
  set.set(CURLOPT_WRITEFUNCTION, &on_body);
  set.set(CURLOPT_WRITEDATA, &receiver);
  Interrupts interrupts{request.cancel, request.stop, request.deadline};
  if (request.stop.stop_requested())
    return Error{ErrorCode::cancelled, "the request to " + url->url + " was cancelled by the caller"};
  if (request.deadline) {
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(*request.deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0)
      return Error{ErrorCode::deadline_exceeded, "the request to " + url->url + " passed the caller's deadline"};
    if (left < options_.total_timeout) set.set(CURLOPT_TIMEOUT_MS, static_cast<long>(left.count()));
  }
  if (request.cancel || request.stop.stop_possible() || request.deadline) {
    set.set(CURLOPT_XFERINFOFUNCTION, &on_progress);
    set.set(CURLOPT_XFERINFODATA, &interrupts);
    set.set(CURLOPT_NOPROGRESS, 0L);
  }
  if (request.post_body) {
    // POSTFIELDS reads the caller's buffer in place (no copy), so the caller can wipe it.
    set.set(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.post_body->size()));
    set.set(CURLOPT_POSTFIELDS, request.post_body->data());
  }
  if (set.result() != CURLE_OK) {
    return Error{ErrorCode::connect_failed,
                 std::string("libcurl refused a required option: ") + curl_easy_strerror(set.result())};
  }
  const CURLcode rc = curl_easy_perform(easy.get());
  const bool conditional = !request.if_none_match.empty() || !request.if_modified_since.empty();
  return finish(easy.get(), rc, receiver, detail, *url, conditional, interrupts);
}

Error unexpected_status(std::string_view what, std::string_view url, const HttpResponse& response,
                        std::string_view secret) {
  std::string message(what);
  message += ": expected HTTP 2xx from ";
  message += url;
  message += ", got " + std::to_string(response.status);
  std::string excerpt = redact(printable_excerpt(redact(response.body, secret)), secret);
  if (!excerpt.empty()) message += ": " + excerpt;
  return Error{ErrorCode::http_status, std::move(message)};
}

}  // namespace jwtcheck::detail
