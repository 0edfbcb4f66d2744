// From a libcurl failure to jwtcheck's typed transport errors.
#pragma once

#include <jwtcheck/error.hpp>

#include <curl/curl.h>

#include <string_view>

namespace jwtcheck::detail {

/// dns_failed, connect_failed, tls_failed, timeout, invalid_response, insecure_url or invalid_url,
/// with libcurl's detail (`detail`, may be empty) and the URL in the message.
Error error_from_curl(CURLcode code, std::string_view detail, std::string_view url);

}  // namespace jwtcheck::detail
