#include "verify/claim_requirements.hpp"

#include "json/message_quote.hpp"
#include "json/value_excerpt.hpp"
#include "small_vector.hpp"
#include "verify/check_sinks.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>
#include <utility>

namespace jwtcheck {

std::string_view claim_kind_name(ClaimKind kind) noexcept {
  switch (kind) {
    case ClaimKind::missing: return "missing";
    case ClaimKind::null: return "null";
    case ClaimKind::boolean: return "boolean";
    case ClaimKind::number: return "number";
    case ClaimKind::string: return "string";
    case ClaimKind::array: return "array";
    case ClaimKind::object: return "object";
  }
  return "unknown";
}

std::string json_string(std::string_view text) {
  rapidjson::StringBuffer out;
  rapidjson::Writer<rapidjson::StringBuffer> writer(out);
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  return std::string(out.GetString(), out.GetSize());
}

namespace {

ClaimRequirement requirement(ClaimPath claim, ClaimRequirement::Test test, std::vector<std::string> values) {
  return ClaimRequirement{std::string(claim.text()), claim.is_pointer(), test, std::move(values)};
}

}  // namespace

ClaimRequirement ClaimRequirement::present(ClaimPath claim) { return requirement(claim, Test::present, {}); }
ClaimRequirement ClaimRequirement::equals(ClaimPath claim, std::string json_value) {
  return requirement(claim, Test::equals, {std::move(json_value)});
}
ClaimRequirement ClaimRequirement::equals_string(ClaimPath claim, std::string_view value) {
  return equals(claim, json_string(value));
}
ClaimRequirement ClaimRequirement::one_of(ClaimPath claim, std::vector<std::string> json_values) {
  return requirement(claim, Test::one_of, std::move(json_values));
}
ClaimRequirement ClaimRequirement::contains(ClaimPath claim, std::string json_value) {
  return requirement(claim, Test::contains, {std::move(json_value)});
}
ClaimRequirement ClaimRequirement::contains_string(ClaimPath claim, std::string_view value) {
  return contains(claim, json_string(value));
}

}  // namespace jwtcheck

namespace jwtcheck::detail {

namespace {

Error invalid_policy(const ClaimRequirement& r, std::string why) {
  return Error{ErrorCode::invalid_policy, "policy: required claim " + quote_for_message(r.claim) + ": " + std::move(why)};
}

// The compact text of a JSON value, for messages.
std::string compact(const rapidjson::Value& value) {
  rapidjson::StringBuffer out;
  rapidjson::Writer<rapidjson::StringBuffer> writer(out);
  value.Accept(writer);
  return value_excerpt(std::string_view(out.GetString(), out.GetSize()));
}

std::string describe(const ClaimRequirement& r, const std::vector<rapidjson::Document>& values) {
  using Test = ClaimRequirement::Test;
  switch (r.test) {
    case Test::present: return "present";
    case Test::equals: return compact(values[0]);
    case Test::one_of: {
      std::string text = "one of [";
      for (std::size_t i = 0; i < values.size(); ++i) text += (i ? ", " : "") + compact(values[i]);
      return text + "]";
    }
    case Test::contains:
      return values[0].IsString() ? "an array with " + compact(values[0]) + ", or a string with the word " + compact(values[0])
                                  : "an array with " + compact(values[0]);
  }
  return {};
}

}  // namespace

Result<std::vector<PreparedRequirement>> prepare_requirements(const Policy& policy) {
  std::vector<PreparedRequirement> prepared;
  if (policy.required_claims.size() > kMaxClaimRequirements)
    return Error{ErrorCode::invalid_policy, "policy: more than " + std::to_string(kMaxClaimRequirements) + " required claims"};
  for (const ClaimRequirement& r : policy.required_claims) {
    if (r.claim.empty() && !r.is_pointer) return invalid_policy(r, "the claim name is empty");
    if (r.is_pointer) {
      auto tokens = split_pointer(r.claim);
      if (!tokens) return invalid_policy(r, tokens.error().message);
      if (tokens->size() == 0) return invalid_policy(r, "the pointer \"\" names the whole claims object, not a claim");
    }
    using Test = ClaimRequirement::Test;
    const std::size_t want = r.test == Test::present ? 0 : r.test == Test::one_of ? r.values.size() : 1;
    if (r.values.size() != want || (r.test == Test::one_of && r.values.empty()))
      return invalid_policy(r, r.test == Test::present ? "\"present\" takes no value"
                               : r.test == Test::one_of ? "\"one of\" needs at least one value"
                                                        : "this test takes exactly one value");
    PreparedRequirement p{&r, {}, {}};
    for (const std::string& text : r.values) {
      if (text.size() > kMaxClaimValueBytes)
        return invalid_policy(r, "an expected value is longer than " + std::to_string(kMaxClaimValueBytes) + " bytes");
      rapidjson::Document value;
      value.Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag>(text.data(), text.size());
      if (value.HasParseError())
        return invalid_policy(r, "expected value " + quote_for_message(text) + " is not one JSON value (" +
                                     rapidjson::GetParseError_En(value.GetParseError()) + ")");
      p.expected.push_back(std::move(value));
    }
    p.expected_text = describe(r, p.expected);
    prepared.push_back(std::move(p));
  }
  return prepared;
}

namespace {

bool has_word(std::string_view words, std::string_view word) {
  std::size_t pos = 0;
  while (pos <= words.size()) {
    const std::size_t end = std::min(words.find(' ', pos), words.size());
    if (words.substr(pos, end - pos) == word) return true;
    pos = end + 1;
  }
  return false;
}

// Whether the claim `raw` passes `p`'s test (found: it is present).
bool passes(const PreparedRequirement& p, ValidatedJson claims, std::string_view raw) {
  using Test = ClaimRequirement::Test;
  const ClaimRequirement& r = *p.requirement;
  if (r.test == Test::present) return true;
  const rapidjson::Value& first = p.expected[0];
  // A string wanted, a string found: compared unescaped, without building a document.
  if (first.IsString() && kind_of_raw(raw) == ClaimKind::string && r.test != Test::one_of) {
    const auto text = unescaped(claims, raw);
    if (!text) return false;
    const std::string_view want(first.GetString(), first.GetStringLength());
    return r.test == Test::equals ? *text == want : has_word(*text, want);
  }
  rapidjson::Document actual;
  actual.Parse<rapidjson::kParseIterativeFlag>(raw.data(), raw.size());
  if (actual.HasParseError()) return false;
  switch (r.test) {
    case Test::present: return true;
    case Test::equals: return actual == first;
    case Test::one_of:
      for (const rapidjson::Document& want : p.expected)
        if (actual == want) return true;
      return false;
    case Test::contains:
      if (!actual.IsArray()) return false;
      for (const rapidjson::Value& element : actual.GetArray())
        if (element == first) return true;
      return false;
  }
  return false;
}

}  // namespace

template <class Sink>
bool check_required_claims(const std::vector<PreparedRequirement>& requirements, ValidatedJson claims, Sink& sink) {
  if (requirements.empty()) [[likely]]
    return true;
  // One pass over the top level finds the member each requirement starts from.
  SmallVector<std::string_view, 8> found;
  for (std::size_t i = 0; i < requirements.size(); ++i) found.push_back({});
  const std::string_view root = value_at(claims.text, 0);
  std::size_t unfound = requirements.size();
  for_each_member(claims, root, [&](std::string_view name, std::string_view value) {
    for (std::size_t i = 0; i < requirements.size(); ++i) {
      const ClaimRequirement& r = *requirements[i].requirement;
      if (found[i].data()) continue;
      const bool names = r.is_pointer ? pointer_token_names(r.claim.substr(1, r.claim.find('/', 1) - 1), name)
                                      : name == r.claim;
      if (names) {
        found.data()[i] = value;
        --unfound;
      }
    }
    return unfound > 0;
  });
  for (std::size_t i = 0; i < requirements.size(); ++i) {
    const PreparedRequirement& p = requirements[i];
    const ClaimRequirement& r = *p.requirement;
    std::optional<std::string_view> raw;
    if (found[i].data()) raw = found[i];
    if (raw && r.is_pointer) {
      auto tokens = split_pointer(r.claim);  // checked at create: cannot fail
      raw = tokens ? follow_pointer(claims, *raw, *tokens, 1) : std::nullopt;
    }
    const std::string_view name = r.claim;
    if (!raw) {
      if (!sink.record(false, ErrorCode::missing_claim, name, [&] {
            return CheckText{p.expected_text, "(missing)", quote_for_message(name) + ": missing, expected " + p.expected_text};
          }))
        return false;
      continue;
    }
    const bool ok = passes(p, claims, *raw);
    if (!sink.record(ok, ErrorCode::claim_mismatch, name, [&] {
          std::string got = value_excerpt(*raw);
          return CheckText{p.expected_text, got, quote_for_message(name) + ": expected " + p.expected_text + ", found " + got};
        }))
      return false;
  }
  return true;
}

template bool check_required_claims(const std::vector<PreparedRequirement>&, ValidatedJson, FirstFailureSink&);
template bool check_required_claims(const std::vector<PreparedRequirement>&, ValidatedJson, ReportSink&);

}  // namespace jwtcheck::detail
