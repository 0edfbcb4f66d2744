#include "refusal_log.hpp"

#include "../json_output.hpp"

#include <cstdio>

namespace jwtcheck::cli::authz {

std::string refusal_log_line(const Decision& decision, std::string_view method, std::string_view uri,
                             std::string_view request_id) {
  rapidjson::StringBuffer buffer;
  JsonWriter out(buffer);
  out.StartObject();
  write_member(out, "event", "refused");
  out.Key("status");
  out.Int(decision.status);
  write_member(out, "reason", decision.reason);
  write_member(out, "description", decision.description);
  write_member(out, "issuer", decision.issuer);
  write_member(out, "kid", decision.kid);
  write_member(out, "client_id", decision.client_id);
  write_member(out, "route", decision.route);
  write_member(out, "method", method.substr(0, 32));
  write_member(out, "path", uri.substr(0, std::min(uri.find_first_of("?#"), std::string_view::size_type{512})));
  write_member(out, "request_id", request_id.substr(0, 128));
  out.Key("retryable");
  out.Bool(decision.retryable);
  out.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

void write_log_line(const std::string& line) {
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

}  // namespace jwtcheck::cli::authz
