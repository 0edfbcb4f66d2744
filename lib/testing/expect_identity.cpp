// Who issued the token, for whom, to whom, and how it is signed: iss, aud, sub, alg, typ.
#include <jwtcheck/testing/expect.hpp>

#include "testing/expect_view.hpp"

namespace jwtcheck::testing {

namespace {

using detail::json_for_report;
using detail::quoted;
using detail::TokenView;

constexpr std::string_view client_suffix = "@clients";

bool is_string(const rapidjson::Value* value, std::string_view text) {
  return value != nullptr && value->IsString() && std::string_view(value->GetString(), value->GetStringLength()) == text;
}

bool contains_string(const rapidjson::Value* value, std::string_view text) {
  if (is_string(value, text)) return true;
  if (value == nullptr || !value->IsArray()) return false;
  for (const auto& item : value->GetArray()) {
    if (is_string(&item, text)) return true;
  }
  return false;
}

bool is_client_subject(const rapidjson::Value* sub) {
  if (sub == nullptr || !sub->IsString()) return false;
  const std::string_view text(sub->GetString(), sub->GetStringLength());
  return text.size() > client_suffix.size() && text.ends_with(client_suffix);
}

// The actual value of claim `name` when `met` does not hold for it.
template <class Predicate>
std::optional<std::string> unless_claim(const TokenView& view, const char* name, Predicate met) {
  const auto member = view.claims.FindMember(name);
  const rapidjson::Value* value = member == view.claims.MemberEnd() ? nullptr : &member->value;
  if (met(value)) return std::nullopt;
  return json_for_report(value);
}

}  // namespace

TokenExpectation& TokenExpectation::issuer_is(std::string issuer) {
  return add({"iss", quoted(issuer), [issuer](const TokenView& view) {
                return unless_claim(view, "iss", [&](const rapidjson::Value* v) { return is_string(v, issuer); });
              }});
}

TokenExpectation& TokenExpectation::audience_contains(std::string audience) {
  return add({"aud", "to contain " + quoted(audience), [audience](const TokenView& view) {
                return unless_claim(view, "aud",
                                    [&](const rapidjson::Value* v) { return contains_string(v, audience); });
              }});
}

TokenExpectation& TokenExpectation::subject_is_client() {
  return add({"sub", "\"CLIENT_ID@clients\" (a client-credentials subject)", [](const TokenView& view) {
                return unless_claim(view, "sub", is_client_subject);
              }});
}

TokenExpectation& TokenExpectation::subject_is_client(std::string client_id) {
  std::string subject = client_id + std::string(client_suffix);
  return add({"sub", quoted(subject), [subject](const TokenView& view) {
                return unless_claim(view, "sub", [&](const rapidjson::Value* v) { return is_string(v, subject); });
              }});
}

TokenExpectation& TokenExpectation::alg_is_one_of(std::vector<Alg> algs) {
  std::vector<std::string> names;
  for (Alg alg : algs) names.emplace_back(alg_name(alg));
  return add({"alg", "one of " + detail::quoted_list(names), [names](const TokenView& view) {
                const rapidjson::Value* alg = detail::find_header_member(view, "alg");
                for (const std::string& name : names) {
                  if (is_string(alg, name)) return std::optional<std::string>();
                }
                return std::optional<std::string>(json_for_report(alg));
              }});
}

TokenExpectation& TokenExpectation::header_typ_is(std::string typ) {
  return add({"typ", quoted(typ), [typ](const TokenView& view) {
                const rapidjson::Value* actual = detail::find_header_member(view, "typ");
                return is_string(actual, typ) ? std::nullopt : std::optional<std::string>(json_for_report(actual));
              }});
}

}  // namespace jwtcheck::testing
