// make_verified_data and copy_verified_data: one block holds the struct, the arrays and every
// byte a view points at; a copy re-points every view into itself and outlives the original.
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

bool inside(const VerifiedData& d, std::string_view view) {
  const auto* base = reinterpret_cast<const char*>(&d);
  return view.data() >= base && view.data() + view.size() <= base + d.block_size;
}

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
  BOOST_TEST(jwtcheck::detail::is_whole_block(d));
  for (std::string_view v : {d.kid, d.header_json, d.claims_json, d.issuer, d.subject, d.client_id, d.audiences[0],
                             d.audiences[1], d.scopes[0].name, d.scopes[1].name})
    BOOST_TEST(inside(d, v), "view \"" << v << "\" lies outside its block");
  BOOST_TEST(inside(d, {reinterpret_cast<const char*>(d.audiences.data()), 2 * sizeof(std::string_view)}));
  BOOST_TEST(inside(d, {reinterpret_cast<const char*>(d.scopes.data()), 2 * sizeof(Scope)}));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(verified_data)

BOOST_AUTO_TEST_CASE(a_block_holds_every_field_and_its_bytes) {
  const EscapedClaims claims;
  const auto made = jwtcheck::detail::make_verified_data(claims.parts());
  expect_every_field(*made);
}

BOOST_AUTO_TEST_CASE(a_copy_holds_every_field_in_its_own_block_and_outlives_the_original) {
  const EscapedClaims claims;
  auto made = jwtcheck::detail::make_verified_data(claims.parts());
  const auto copy = jwtcheck::detail::copy_verified_data(*made);
  BOOST_TEST(static_cast<const void*>(copy.get()) != static_cast<const void*>(made.get()));
  // Scribble over the whole original block (its memory is not const: only the view of it is), as
  // a reused block would be: a view of the copy left pointing there reads garbage.
  std::memset(static_cast<void*>(const_cast<VerifiedData*>(made.get())), 0xA5, made->block_size);
  expect_every_field(*copy);
  made.reset();
}

BOOST_AUTO_TEST_CASE(empty_arrays_and_views_copy_as_empty) {
  VerifiedParts parts{};
  parts.claims_json = parts.parsed_claims = "{}";
  const auto made = jwtcheck::detail::make_verified_data(parts);
  const auto copy = jwtcheck::detail::copy_verified_data(*made);
  BOOST_TEST(copy->claims_json == "{}");
  BOOST_TEST(copy->audiences.empty());
  BOOST_TEST(copy->scopes.empty());
  BOOST_TEST(copy->kid.empty());
  BOOST_TEST(static_cast<const void*>(copy->issuer.data()) == nullptr);
  BOOST_TEST(jwtcheck::detail::is_whole_block(*copy));
}

BOOST_AUTO_TEST_CASE(a_struct_copied_out_of_its_block_is_not_a_whole_block) {
  const EscapedClaims claims;
  const auto made = jwtcheck::detail::make_verified_data(claims.parts());
  const VerifiedData loose = *made;  // same block_size, views still into made's block
  BOOST_TEST(jwtcheck::detail::is_whole_block(*made));
  BOOST_TEST(!jwtcheck::detail::is_whole_block(loose));
  BOOST_TEST(!jwtcheck::detail::is_whole_block(VerifiedData{}));
}

BOOST_AUTO_TEST_SUITE_END()
