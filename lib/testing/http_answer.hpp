// What the tenant answers to one request, independent of the HTTP library that sends it.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace jwtcheck::testing::detail {

struct HttpAnswer {
  HttpAnswer() = default;
  HttpAnswer(int status_code, std::string json_body) : status(status_code), body(std::move(json_body)) {}

  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
};

}  // namespace jwtcheck::testing::detail
