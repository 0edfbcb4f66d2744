#include "fetch/curl_error.hpp"

#include "fetch/printable_text.hpp"

#include <string>

namespace jwtcheck::detail {

namespace {

ErrorCode code_for(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return ErrorCode::dns_failed;
    case CURLE_OPERATION_TIMEDOUT:
      return ErrorCode::timeout;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_USE_SSL_FAILED:
      return ErrorCode::tls_failed;
    case CURLE_UNSUPPORTED_PROTOCOL:
      return ErrorCode::insecure_url;
    case CURLE_URL_MALFORMAT:
      return ErrorCode::invalid_url;
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_BAD_CONTENT_ENCODING:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return ErrorCode::invalid_response;
    default:
      // Refused, reset, dropped mid-answer (GOT_NOTHING, RECV_ERROR, PARTIAL_FILE…): the
      // connection failed, and a retry may well succeed.
      return ErrorCode::connect_failed;
  }
}

std::string_view summary_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::dns_failed: return "cannot resolve the host of";
    case ErrorCode::timeout: return "timed out talking to";
    case ErrorCode::tls_failed: return "TLS handshake or certificate verification failed with";
    case ErrorCode::insecure_url: return "refused protocol for";
    case ErrorCode::invalid_url: return "cannot use the URL";
    case ErrorCode::invalid_response: return "not a valid HTTP answer from";
    default: return "connection failed or dropped with";
  }
}

}  // namespace

Error error_from_curl(CURLcode code, std::string_view detail, std::string_view url) {
  const ErrorCode mapped = code_for(code);
  std::string message(summary_for(mapped));
  message += ' ';
  message += url;
  message += ": ";
  message += detail.empty() ? std::string(curl_easy_strerror(code)) : printable_excerpt(detail, 300);
  return Error{mapped, std::move(message)};
}

}  // namespace jwtcheck::detail
