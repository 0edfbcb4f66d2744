// When the token stops being valid: "exp" relative to now (the system clock, or at()).
#include <jwtcheck/testing/expect.hpp>

#include <jwtcheck/duration_text.hpp>

#include "testing/expect_view.hpp"

#include <cmath>

namespace jwtcheck::testing {

namespace {

// "exp 1700003600 (in 1 h)" / "exp 1699999980 (expired 20 s ago)".
std::string describe_exp(std::int64_t exp, std::int64_t now) {
  const auto span = duration_text(static_cast<double>(exp - now));
  const std::string relative = exp > now ? "in " + span : "expired " + span + " ago";
  return "exp " + std::to_string(exp) + " (" + relative + ", now " + std::to_string(now) + ")";
}

// A NumericDate that fits in int64 seconds; nullopt for anything else.
std::optional<std::int64_t> numeric_date(const rapidjson::Value& value) {
  if (value.IsInt64()) return value.GetInt64();
  if (!value.IsNumber()) return std::nullopt;
  const double seconds = std::floor(value.GetDouble());
  if (!(seconds > -9.2e18 && seconds < 9.2e18)) return std::nullopt;
  return static_cast<std::int64_t>(seconds);
}

}  // namespace

TokenExpectation& TokenExpectation::expires_within(std::chrono::seconds duration) {
  const std::int64_t limit = duration.count();
  return add({"exp", "in the future and at most " + duration_text(static_cast<double>(limit)) + " from now",
              [limit](const detail::TokenView& view) -> std::optional<std::string> {
                const auto member = view.claims.FindMember("exp");
                if (member == view.claims.MemberEnd()) return "(absent)";
                const auto exp = numeric_date(member->value);
                if (!exp) return detail::json_for_report(&member->value) + " (not a NumericDate)";
                if (*exp > view.now && *exp - view.now <= limit) return std::nullopt;
                return describe_exp(*exp, view.now);
              }});
}

}  // namespace jwtcheck::testing
