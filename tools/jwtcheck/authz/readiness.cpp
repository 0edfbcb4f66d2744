#include "readiness.hpp"

#include "../json_output.hpp"

namespace jwtcheck::cli::authz {

namespace {

// A fetch error's message, bounded: it names a URL or a status, never a secret (signals.hpp).
constexpr std::size_t max_error_text = 200;

}  // namespace

Readiness readiness_of(const SignalsSnapshot& signals) {
  Readiness out;
  out.ready = true;
  std::string description;
  for (const IssuerSignals& s : signals.issuers) {
    if (s.health != IssuerHealth::failed) continue;
    out.ready = false;
    if (!description.empty()) description += "; ";
    description += s.issuer + ": no usable keys";
    if (s.last_fetch_error) {
      description += " (" + std::string(code_name(s.last_fetch_error->code)) + ": " +
                     s.last_fetch_error->message.substr(0, max_error_text) + ")";
    }
  }
  rapidjson::StringBuffer buffer;
  JsonWriter json(buffer);
  json.StartObject();
  write_member(json, "status", out.ready ? "ready" : "not_ready");
  if (!out.ready) {
    write_member(json, "reason", "issuer_not_ready");
    write_member(json, "description", description);
  }
  json.Key("issuers");
  json.StartArray();
  for (const IssuerSignals& s : signals.issuers) {
    json.StartObject();
    write_member(json, "issuer", s.issuer);
    write_member(json, "health", health_name(s.health));
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
  out.body = std::string(buffer.GetString(), buffer.GetSize()) + "\n";
  return out;
}

}  // namespace jwtcheck::cli::authz
