#include "testing/fault_answer.hpp"

#include "testing/token_endpoint.hpp"

#include <ctime>
#include <string>

namespace jwtcheck::testing::detail {

namespace {

HttpAnswer rate_limited(int retry_after_seconds) {
  HttpAnswer answer = oauth_error_answer({429, "too_many_requests", "Global limit has been reached"});
  const auto reset = static_cast<long long>(std::time(nullptr)) + retry_after_seconds;
  answer.headers = {{"Retry-After", std::to_string(retry_after_seconds)},
                    {"X-RateLimit-Limit", "30"},
                    {"X-RateLimit-Remaining", "0"},
                    {"X-RateLimit-Reset", std::to_string(reset)}};
  return answer;
}

HttpAnswer oversized() {
  constexpr std::string_view prefix = R"({"keys":[],"padding":")";
  constexpr std::string_view suffix = R"("})";
  std::string body(prefix);
  body.append(kOversizedBodyBytes - prefix.size() - suffix.size(), 'x');
  body.append(suffix);
  return HttpAnswer{200, std::move(body)};
}

}  // namespace

HttpAnswer fault_answer(const Fault& fault) {
  switch (fault.kind) {
    case Fault::Kind::http_500:
      return oauth_error_answer({500, "server_error", "injected fault: internal server error"});
    case Fault::Kind::http_429:
      return rate_limited(fault.retry_after_seconds);
    case Fault::Kind::invalid_json:
      return HttpAnswer{200, R"({"keys":[{"kty":"RSA","n":)"};
    case Fault::Kind::oversized_body:
      return oversized();
    case Fault::Kind::delay:
    case Fault::Kind::drop_connection:
      break;
  }
  return oauth_error_answer({500, "server_error", "fault not answerable here"});
}

}  // namespace jwtcheck::testing::detail
