// DpopOptions' OpenSSL library context and property query: the proof's signature and ath are
// checked with what was fetched from them, and a query no provider satisfies fails at create.
// And verify() never throws.
#include <jwtcheck/dpop.hpp>

#include "dpop/dpop_fixture.hpp"

#include <openssl/err.h>
#include <openssl/provider.h>

#include <boost/test/unit_test.hpp>

#include <memory>
#include <stdexcept>
#include <utility>

using namespace jwtcheck;
using namespace jwtcheck::test;

namespace {

using LibCtxPtr = std::unique_ptr<OSSL_LIB_CTX, decltype(&OSSL_LIB_CTX_free)>;

DpopOptions in_context(OSSL_LIB_CTX* libctx, std::string properties) {
  DpopOptions options;
  options.openssl_libctx = libctx;
  options.openssl_properties = std::move(properties);
  return options;
}

DpopRequest with_token(std::string_view proof) {
  DpopRequest req = request(proof);
  req.access_token = kAccessToken;
  return req;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(dpop_openssl_context)

BOOST_AUTO_TEST_CASE(own_context_with_the_default_provider_verifies) {
  LibCtxPtr own(OSSL_LIB_CTX_new(), OSSL_LIB_CTX_free);
  BOOST_REQUIRE(own);
  OSSL_PROVIDER* provider = OSSL_PROVIDER_load(own.get(), "default");
  BOOST_REQUIRE(provider != nullptr);
  {
    const DpopVerifier verifier = make_dpop_verifier(in_context(own.get(), "provider=default"));
    BOOST_TEST(verifier.options().openssl_libctx == own.get());
    const TestKey& key = cached_test_key(Alg::ES256);
    auto ok = verifier.verify(with_token(make_proof(key, Alg::ES256)), jkt_of(key));
    BOOST_TEST(code_of(ok) == "ok");
    // The ath is still checked with the fetched SHA-256.
    const std::string second = make_proof(key, Alg::ES256, proof_claims("jti-0002"));
    DpopRequest other = with_token(second);
    other.access_token = "another.access.token";
    auto mismatch = verifier.verify(other, jkt_of(key));
    BOOST_TEST(code_of(mismatch) == "dpop_ath_mismatch", (mismatch.ok() ? std::string() : mismatch.error().message));
  }
  OSSL_PROVIDER_unload(provider);
}

BOOST_AUTO_TEST_CASE(unsatisfiable_property_query_is_refused_at_create) {
  LibCtxPtr own(OSSL_LIB_CTX_new(), OSSL_LIB_CTX_free);
  BOOST_REQUIRE(own);
  OSSL_PROVIDER* provider = OSSL_PROVIDER_load(own.get(), "default");
  BOOST_REQUIRE(provider != nullptr);
  auto fips = DpopVerifier::create(in_context(own.get(), "fips=yes"));
  BOOST_REQUIRE(!fips.ok());
  BOOST_TEST((fips.error().code == ErrorCode::invalid_policy));
  BOOST_TEST(fips.error().message.find("fips=yes") != std::string::npos);
  // The default context, with a query naming no provider, is refused the same way.
  auto nowhere = DpopVerifier::create(in_context(nullptr, "provider=no-such-provider"));
  BOOST_REQUIRE(!nowhere.ok());
  BOOST_TEST((nowhere.error().code == ErrorCode::invalid_policy));
  BOOST_TEST(ERR_peek_error() == 0UL);
  OSSL_PROVIDER_unload(provider);
}

BOOST_AUTO_TEST_CASE(context_with_only_the_null_provider_is_refused) {
  LibCtxPtr empty(OSSL_LIB_CTX_new(), OSSL_LIB_CTX_free);
  BOOST_REQUIRE(empty);
  OSSL_PROVIDER* null_provider = OSSL_PROVIDER_load(empty.get(), "null");
  BOOST_REQUIRE(null_provider != nullptr);
  DpopOptions options = in_context(empty.get(), {});
  options.algorithms = {Alg::EdDSA};  // no SHA-2 needed for signatures: SHA-256 for ath still is
  auto none = DpopVerifier::create(options);
  BOOST_REQUIRE(!none.ok());
  BOOST_TEST((none.error().code == ErrorCode::invalid_policy));
  OSSL_PROVIDER_unload(null_provider);
}

BOOST_AUTO_TEST_CASE(verify_never_throws) {
  static_assert(noexcept(std::declval<const DpopVerifier&>().verify(DpopRequest{}, std::string_view())));
  DpopOptions options;
  options.clock = []() -> std::int64_t { throw std::runtime_error("clock broke"); };
  const DpopVerifier verifier = make_dpop_verifier(options);
  const TestKey& key = cached_test_key(Alg::ES256);
  auto result = verifier.verify(with_token(make_proof(key, Alg::ES256)), jkt_of(key));
  BOOST_TEST(code_of(result) == "keys_unavailable");
}

BOOST_AUTO_TEST_SUITE_END()
