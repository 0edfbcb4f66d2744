// make_verified_data: one block holds the struct, the arrays and every byte a view points at, so
// it outlives the decoded token it was made from.
#include <boost/test/unit_test.hpp>

#include "verify/verified_data.hpp"

#include <cstring>
#include <memory>
#include <string>
#include <vector>

using jwtcheck::Alg;
using jwtcheck::Scope;
using jwtcheck::detail::VerifiedData;
using jwtcheck::detail::VerifiedParts;

namespace {

// Claims with an escape: the in-place parse unescapes into a copy of the same length (NUL over
// the closing quotes), which make_verified_data must keep beside the text as sent.
struct EscapedClaims {
  std::string sent = R"({"iss":"https://t.example/","sub":"c@clients","azp":"c","aud":["a1","a2"],"scope":"r:x w:y","n":"q\"z"})";
  std::string parsed = sent;
  std::vector<std::string_view> audiences;
  std::vector<Scope> scopes;

  EscapedClaims() {
    for (char& c : parsed)
      if (c == '"') c = '\0';
    audiences = {view_of("a1"), view_of("a2")};
    scopes = {Scope{view_of("r:x"), jwtcheck::scope_from_scope}, Scope{view_of("w:y"), jwtcheck::scope_from_scope}};
  }
  // The parsed copy's bytes for a string that appears in the text as sent.
  std::string_view view_of(std::string_view text) const {
    return std::string_view(parsed.data() + sent.find(text), text.size());
  }
  VerifiedParts parts() const {
    VerifiedParts p{};
    p.alg = Alg::ES256;
    p.kid = "key-1";
    p.header_json = R"({"alg":"ES256","kid":"key-1"})";
    p.claims_json = sent;
    p.parsed_claims = parsed;
    p.issuer = view_of("https://t.example/");
    p.subject = view_of("c@clients");
    p.client_id = std::string_view(parsed.data() + sent.find(R"("c")") + 1, 1);
    p.audiences = audiences;
    p.scopes = scopes;
    p.exp = 1700003600.5;
    p.iat = 1700000000;
    return p;
  }
};

void expect_every_field(const VerifiedData& d) {
  BOOST_TEST((d.alg == Alg::ES256));
  BOOST_TEST(d.kid == "key-1");
  BOOST_TEST(d.header_json == R"({"alg":"ES256","kid":"key-1"})");
  BOOST_TEST(d.claims_json.ends_with(R"("n":"q\"z"})"));
  BOOST_TEST(d.issuer == "https://t.example/");
  BOOST_TEST(d.subject == "c@clients");
  BOOST_TEST(d.client_id == "c");
  BOOST_REQUIRE(d.audiences.size() == 2u);
  BOOST_TEST(d.audiences[0] == "a1");
  BOOST_TEST(d.audiences[1] == "a2");
  BOOST_REQUIRE(d.scopes.size() == 2u);
  BOOST_TEST(d.scopes[0].name == "r:x");
  BOOST_TEST(d.scopes[1].name == "w:y");
  BOOST_TEST(d.scopes[1].sources == unsigned{jwtcheck::scope_from_scope});
  BOOST_TEST((d.expires_at == 1700003600));
  BOOST_TEST((d.exact_exp == 1700003600.5));
  BOOST_TEST((d.issued_at == 1700000000));
  BOOST_TEST(!d.not_before.has_value());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(verified_data)

BOOST_AUTO_TEST_CASE(a_block_holds_every_field_and_outlives_the_decoded_token) {
  auto claims = std::make_unique<EscapedClaims>();
  const auto made = jwtcheck::detail::make_verified_data(claims->parts());
  // Scribble over the decoded token and free it, as the next verify on this thread would: a
  // view left pointing there reads garbage (and ASan reports the use after free).
  std::memset(claims->parsed.data(), 0xA5, claims->parsed.size());
  std::memset(claims->sent.data(), 0xA5, claims->sent.size());
  claims.reset();
  expect_every_field(*made);
}

BOOST_AUTO_TEST_CASE(empty_arrays_and_views_stay_empty) {
  VerifiedParts parts{};
  parts.claims_json = parts.parsed_claims = "{}";
  const auto made = jwtcheck::detail::make_verified_data(parts);
  BOOST_TEST(made->claims_json == "{}");
  BOOST_TEST(made->audiences.empty());
  BOOST_TEST(made->scopes.empty());
  BOOST_TEST(made->kid.empty());
  BOOST_TEST(static_cast<const void*>(made->issuer.data()) == nullptr);
}

BOOST_AUTO_TEST_SUITE_END()
