// json/slot_names.hpp: every kept name is found at its slot and nothing else, near misses
// included (one byte changed, one more or less).
#include "json/slot_names.hpp"
#include "token/jose_header.hpp"
#include "verify/claim_slots.hpp"

#include <boost/test/unit_test.hpp>

#include <random>
#include <span>
#include <string>
#include <string_view>
#include <vector>

using jwtcheck::detail::SlotNames;

namespace {

// Every name at its index; every other string of `probes` at -1.
void require_exact(const SlotNames& slots, std::span<const std::string_view> names,
                   std::span<const std::string> probes) {
  for (std::size_t i = 0; i < names.size(); ++i) BOOST_TEST(slots(names[i]) == static_cast<int>(i), names[i]);
  for (const std::string& probe : probes) {
    int want = -1;
    for (std::size_t i = 0; i < names.size(); ++i)
      if (names[i] == probe) want = static_cast<int>(i);
    if (slots(probe) != want) BOOST_ERROR("\"" << probe << "\" found at " << slots(probe) << ", want " << want);
  }
}

// Near misses of each name: one byte changed at each position, one byte more or less.
std::vector<std::string> near_misses(std::span<const std::string_view> names) {
  std::vector<std::string> out{""};
  for (const std::string_view name : names) {
    for (std::size_t i = 0; i < name.size(); ++i) {
      std::string changed(name);
      changed[i] = static_cast<char>(changed[i] ^ 1);
      out.push_back(changed);
    }
    out.emplace_back(std::string(name) + "x");
    out.emplace_back(name.substr(0, name.size() - 1));
    out.emplace_back(std::string(name.substr(0, 2)) + std::string(name.substr(name.size() - 1)));
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(slot_names)

BOOST_AUTO_TEST_CASE(claim_and_header_names_are_found_exactly) {
  require_exact(jwtcheck::detail::claim_slot, jwtcheck::detail::kClaimNames, near_misses(jwtcheck::detail::kClaimNames));
  require_exact(jwtcheck::detail::header_slot, jwtcheck::detail::kHeaderNames,
                near_misses(jwtcheck::detail::kHeaderNames));
}

BOOST_AUTO_TEST_CASE(random_names_are_not_found) {
  std::mt19937 rng(12);
  std::vector<std::string> probes;
  for (int i = 0; i < 20000; ++i) {
    std::string s(rng() % 14, 'a');
    for (auto& c : s) c = "abcdeilmnoprstuvx_"[rng() % 18];
    probes.push_back(s);
  }
  require_exact(jwtcheck::detail::claim_slot, jwtcheck::detail::kClaimNames, probes);
  require_exact(jwtcheck::detail::header_slot, jwtcheck::detail::kHeaderNames, probes);
}

BOOST_AUTO_TEST_CASE(no_slots_keeps_nothing_and_a_full_set_of_twelve_builds) {
  for (const char* name : {"", "iss", "alg", "a"}) BOOST_TEST(jwtcheck::detail::no_slots(name) == -1);
  static constexpr std::string_view kTwelve[] = {"a", "b", "c", "aa", "ab", "ba", "abc", "acb", "bac", "x", "xy", "xyz"};
  static constexpr SlotNames twelve(kTwelve);
  require_exact(twelve, kTwelve, near_misses(kTwelve));
}

BOOST_AUTO_TEST_SUITE_END()
