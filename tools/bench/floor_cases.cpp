#include "floor_cases.hpp"

namespace bench {

std::vector<BenchCase> floor_cases(const AlgFixture& fixture) {
  std::vector<BenchCase> cases = jwtcheck::is_hmac(fixture.alg) ? hmac_floor_cases(fixture) : evp_floor_cases(fixture);
  for (auto& c : cases) c.kind = CaseKind::floor;
  return cases;
}

}  // namespace bench
