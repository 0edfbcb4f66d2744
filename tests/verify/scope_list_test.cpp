// verify/scope_list: the space split (16 bytes at a time, a short tail read as the text's last
// 16 bytes) against a plain reference at every length up to 70, the merge in first-seen order,
// and the count limit. Each scope text sits in an allocation of exactly its size, so ASan
// catches any read outside it.
#include "verify/scope_list.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <vector>

using jwtcheck::Scope;
using jwtcheck::detail::ClaimSlots;
using jwtcheck::detail::collect_scopes;
using jwtcheck::detail::JsonKind;
using jwtcheck::detail::ScannedValue;
using jwtcheck::detail::ScopeList;

namespace {

// The reference: split on ' ', drop empty parts, keep the first of equal names.
std::vector<std::string> reference_scopes(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] != ' ') continue;
    const std::string part(text.substr(start, i - start));
    if (!part.empty() && std::find(out.begin(), out.end(), part) == out.end()) out.push_back(part);
    start = i + 1;
  }
  return out;
}

// A "scope" claim holding `text`, copied into an exact-size allocation.
struct ScopeClaim {
  explicit ScopeClaim(const std::string& text) : bytes(std::make_unique<char[]>(text.size())) {
    text.copy(bytes.get(), text.size());
    value.kind = JsonKind::string;
    value.string = std::string_view(bytes.get(), text.size());
    slots.scope = &value;
  }
  std::unique_ptr<char[]> bytes;
  ScannedValue value;
  ClaimSlots slots;
};

std::vector<std::string> names_of(const ScopeList& list) {
  std::vector<std::string> out;
  for (const Scope& s : list.scopes()) out.emplace_back(s.name);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(scope_list)

BOOST_AUTO_TEST_CASE(space_split_matches_the_reference_at_every_length_up_to_70) {
  std::mt19937 rng(70);
  for (std::size_t len = 0; len <= 70; ++len) {
    for (int round = 0; round < 30; ++round) {
      std::string text(len, 'a');
      // Few letters and many spaces: runs of spaces, repeated names, spaces at both ends.
      for (auto& c : text) c = "ab  :"[rng() % 5];
      ScopeClaim claim(text);
      ScopeList list;
      BOOST_REQUIRE(collect_scopes(claim.slots, 1000, list).ok());
      if (names_of(list) != reference_scopes(text)) BOOST_ERROR("scope \"" << text << "\"");
    }
  }
}

BOOST_AUTO_TEST_CASE(space_split_finds_spaces_at_every_position_around_the_16_byte_steps) {
  for (std::size_t len = 1; len <= 48; ++len)
    for (std::size_t at = 0; at < len; ++at) {
      std::string text(len, 'x');
      for (std::size_t i = 0; i < len; ++i) text[i] = static_cast<char>('a' + i % 26);
      text[at] = ' ';
      ScopeClaim claim(text);
      ScopeList list;
      BOOST_REQUIRE(collect_scopes(claim.slots, 1000, list).ok());
      if (names_of(list) != reference_scopes(text)) BOOST_ERROR("length " << len << ", space at " << at);
    }
}

BOOST_AUTO_TEST_CASE(the_count_limit_counts_parts_not_spaces) {
  const std::string eight = "  a b  c d e f g h  ";  // 8 parts, 20 bytes: past one 16-byte step
  {
    ScopeClaim claim(eight);
    ScopeList list;
    BOOST_TEST(collect_scopes(claim.slots, 8, list).ok());
  }
  ScopeClaim claim(eight);
  ScopeList list;
  const auto over = collect_scopes(claim.slots, 7, list);
  BOOST_REQUIRE(!over.ok());
  BOOST_TEST(over.error().message == "scope: more than 7 scope/scp/permissions entries");
}

BOOST_AUTO_TEST_SUITE_END()
