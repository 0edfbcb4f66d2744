#include "crypto/openssl_algorithms.hpp"

#include "alg_traits.hpp"
#include "json/message_quote.hpp"

#include <openssl/err.h>

namespace jwtcheck::detail {

namespace {

std::uint32_t bit(Alg alg) noexcept { return std::uint32_t{1} << alg_index(alg); }

std::size_t sha2_slot(Alg alg) noexcept { return alg_hash_bytes(alg) == 32 ? 0 : alg_hash_bytes(alg) == 48 ? 1 : 2; }

// The signature schemes behind a family, as OpenSSL names them (EdDSA covers both curves).
std::span<const char* const> signature_names(AlgFamily family) noexcept {
  static constexpr const char* rsa[] = {"RSA"};
  static constexpr const char* ecdsa[] = {"ECDSA"};
  static constexpr const char* eddsa[] = {"ED25519", "ED448"};
  switch (family) {
    case AlgFamily::rsa_pkcs1:
    case AlgFamily::rsa_pss: return rsa;
    case AlgFamily::ecdsa: return ecdsa;
    case AlgFamily::eddsa: return eddsa;
    case AlgFamily::hmac: break;
  }
  return {};
}

Error unavailable(std::string_view what, Alg alg, const std::string& properties) {
  ERR_clear_error();
  return Error{ErrorCode::invalid_policy,
               "OpenSSL: no loaded provider offers " + std::string(what) + " (needed for " +
                   std::string(alg_name(alg)) + ")" +
                   (properties.empty() ? std::string() : " with property query " + quote_for_message(properties))};
}

}  // namespace

Result<std::shared_ptr<const OpensslAlgorithms>> OpensslAlgorithms::fetch(OSSL_LIB_CTX* libctx, std::string properties,
                                                                          std::span<const Alg> algs) {
  auto fetched = std::make_shared<OpensslAlgorithms>();
  fetched->libctx_ = libctx;
  fetched->properties_ = std::move(properties);
  const char* query = fetched->properties();
  for (Alg alg : algs) {
    if (const char* digest = alg_digest_name(alg)) {
      MdPtr& slot = fetched->sha2_[sha2_slot(alg)];
      if (!slot) slot.reset(EVP_MD_fetch(libctx, digest, query));
      if (!slot) return unavailable(digest, alg, fetched->properties_);
    }
    for (const char* name : signature_names(alg_family(alg))) {
      SignaturePtr signature(EVP_SIGNATURE_fetch(libctx, name, query));
      if (!signature) return unavailable(std::string(name) + " signatures", alg, fetched->properties_);
    }
    if (alg_family(alg) == AlgFamily::hmac && !fetched->hmac_) {
      fetched->hmac_.reset(EVP_MAC_fetch(libctx, "HMAC", query));
      if (!fetched->hmac_) return unavailable("HMAC", alg, fetched->properties_);
    }
    fetched->fetched_ |= bit(alg);
  }
  return std::shared_ptr<const OpensslAlgorithms>(std::move(fetched));
}

const OpensslAlgorithms& OpensslAlgorithms::process_default() {
  static const std::shared_ptr<const OpensslAlgorithms> all = [] {
    auto result = fetch(nullptr, {}, kAllAlgs);
    // OpenSSL's default provider offers every alg; without it nothing here can work.
    return result ? std::move(*result) : std::make_shared<const OpensslAlgorithms>();
  }();
  return *all;
}

const EVP_MD* OpensslAlgorithms::digest(Alg alg) const noexcept {
  return alg_hash_bytes(alg) == 0 ? nullptr : sha2_[sha2_slot(alg)].get();
}

bool OpensslAlgorithms::fetched(Alg alg) const noexcept { return (fetched_ & bit(alg)) != 0; }

}  // namespace jwtcheck::detail
