#include "peer_cases.hpp"

#include <chrono>

namespace bench {

std::vector<BenchCase> peer_cases(const AlgFixture& fixture) {
  std::vector<BenchCase> cases;
  auto add = [&cases](std::vector<BenchCase> more) {
    for (auto& c : more) {
      c.kind = CaseKind::peer;
      cases.push_back(std::move(c));
    }
  };
#ifdef BENCH_HAVE_LIBJWT
  add(libjwt_cases(fixture));
#endif
#ifdef BENCH_HAVE_CPPJWT
  add(cppjwt_cases(fixture));
#endif
#ifdef BENCH_HAVE_POCO
  add(poco_cases(fixture));
#endif
  (void)add;
  (void)fixture;
  return cases;
}

std::int64_t now_seconds() noexcept {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

bool times_acceptable(std::int64_t exp, std::int64_t iat, const ExpectedClaims& expected) noexcept {
  const auto now = now_seconds();
  return exp + expected.leeway_seconds > now && iat - expected.leeway_seconds <= now;
}

bool subject_is_client(std::string_view sub, std::string_view azp, const ExpectedClaims& expected) noexcept {
  constexpr std::string_view suffix = "@clients";
  if (sub.size() <= suffix.size() || !sub.ends_with(suffix)) return false;
  const auto client = sub.substr(0, sub.size() - suffix.size());
  (void)expected;
  return client == azp;
}

bool scope_grants(std::string_view scope, std::string_view wanted) noexcept {
  while (!scope.empty()) {
    const auto space = scope.find(' ');
    if (scope.substr(0, space) == wanted) return true;
    if (space == std::string_view::npos) break;
    scope.remove_prefix(space + 1);
  }
  return false;
}

}  // namespace bench
