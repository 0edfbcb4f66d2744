#include "verify/alg_set.hpp"

namespace jwtcheck::detail {

AlgSet AlgSet::asymmetric() noexcept {
  AlgSet set;
  for (Alg alg : kAllAlgs)
    if (!is_hmac(alg)) set.add(alg);
  return set;
}

std::string AlgSet::names() const {
  std::string out;
  for (Alg alg : kAllAlgs) {
    if (!contains(alg)) continue;
    if (!out.empty()) out += ", ";
    out += alg_name(alg);
  }
  return out;
}

std::vector<Alg> AlgSet::algs() const {
  std::vector<Alg> out;
  for (Alg alg : kAllAlgs)
    if (contains(alg)) out.push_back(alg);
  return out;
}

}  // namespace jwtcheck::detail
