#include <jwtcheck/testing/signing_key.hpp>

#include "testing/jws_sign.hpp"
#include "testing/public_jwk.hpp"
#include "testing/signing_key_data.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>

#include <string>

namespace jwtcheck::testing {

using detail::SigningKeyData;

namespace {

constexpr unsigned kMinRsaBits = 512;     // tests need small keys to provoke weak_key
constexpr unsigned kMaxRsaBits = 16384;

Error generation_failed(std::string_view what) {
  ERR_clear_error();
  return Error{ErrorCode::invalid_key, "could not generate " + std::string(what) + " key"};
}

const char* curve_for(Alg alg) noexcept {
  switch (alg) {
    case Alg::ES256: return "P-256";
    case Alg::ES384: return "P-384";
    case Alg::ES512: return "P-521";
    default: return nullptr;
  }
}

std::size_t hmac_secret_bytes(Alg alg) noexcept {
  return alg == Alg::HS256 ? 32 : alg == Alg::HS384 ? 48 : 64;
}

Result<jwtcheck::detail::PkeyPtr> generate_pkey(Alg alg, unsigned rsa_bits) {
  jwtcheck::detail::PkeyPtr pkey;
  if (const char* curve = curve_for(alg)) {
    pkey.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", curve));
  } else if (alg == Alg::EdDSA) {
    pkey.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  } else {
    if (rsa_bits < kMinRsaBits || rsa_bits > kMaxRsaBits)
      return Error{ErrorCode::invalid_key, "RSA key size must be within 512..16384 bits, got " +
                                               std::to_string(rsa_bits)};
    pkey.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(rsa_bits)));
  }
  if (!pkey) return generation_failed(alg_name(alg));
  return pkey;
}

bool key_fits_alg(const EVP_PKEY* pkey, Alg alg) {
  switch (EVP_PKEY_get_base_id(pkey)) {
    case EVP_PKEY_RSA: return alg <= Alg::PS512;
    case EVP_PKEY_ED25519: case EVP_PKEY_ED448: return alg == Alg::EdDSA;
    case EVP_PKEY_EC: {
      // OpenSSL's group names; a bit count alone would let secp256k1 pass for P-256.
      const std::string_view expected = alg == Alg::ES256   ? "prime256v1"
                                        : alg == Alg::ES384 ? "secp384r1"
                                        : alg == Alg::ES512 ? "secp521r1"
                                                            : "";
      char group[64] = {};
      std::size_t length = 0;
      if (EVP_PKEY_get_group_name(pkey, group, sizeof group, &length) != 1) {
        ERR_clear_error();
        return false;
      }
      return !expected.empty() && expected == std::string_view(group, length);
    }
    default: return false;
  }
}

SigningKey make_key(Alg alg, std::string kid, jwtcheck::detail::PkeyPtr pkey, std::string_view secret) {
  auto data = std::make_shared<SigningKeyData>();
  data->alg = alg;
  data->kid = std::move(kid);
  data->pkey = std::move(pkey);
  data->hmac_secret = Secret(secret);
  return SigningKeyData::wrap(std::move(data));
}

}  // namespace

Result<SigningKey> SigningKey::generate(Alg alg, std::string kid, unsigned rsa_bits) {
  if (is_hmac(alg)) {
    std::string secret(hmac_secret_bytes(alg), '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(secret.data()), static_cast<int>(secret.size())) != 1)
      return generation_failed("HMAC");
    SigningKey key = make_key(alg, std::move(kid), nullptr, secret);
    OPENSSL_cleanse(secret.data(), secret.size());
    return key;
  }
  auto pkey = generate_pkey(alg, rsa_bits);
  if (!pkey) return std::move(pkey).error();
  return make_key(alg, std::move(kid), std::move(*pkey), {});
}

Result<SigningKey> SigningKey::generate_ed448(std::string kid) {
  jwtcheck::detail::PkeyPtr pkey(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED448"));
  if (!pkey) return generation_failed("Ed448");
  return make_key(Alg::EdDSA, std::move(kid), std::move(pkey), {});
}

Result<SigningKey> SigningKey::from_private_pem(std::string_view pem, Alg alg, std::string kid) {
  jwtcheck::detail::BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  jwtcheck::detail::PkeyPtr pkey(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  if (!pkey) {
    ERR_clear_error();
    return Error{ErrorCode::invalid_key, "expected a PEM private key, got something OpenSSL cannot read"};
  }
  if (!key_fits_alg(pkey.get(), alg))
    return Error{ErrorCode::key_mismatch, "expected a private key that can sign " + std::string(alg_name(alg)) +
                                              ", got a " + EVP_PKEY_get0_type_name(pkey.get()) + " key"};
  return make_key(alg, std::move(kid), std::move(pkey), {});
}

Result<SigningKey> SigningKey::from_hmac_secret(Alg alg, std::string_view secret, std::string kid) {
  if (!is_hmac(alg))
    return Error{ErrorCode::invalid_key, "expected an HS256/HS384/HS512 alg for an HMAC secret, got " +
                                             std::string(alg_name(alg))};
  if (secret.empty()) return Error{ErrorCode::invalid_key, "expected a non-empty HMAC secret, got an empty one"};
  return make_key(alg, std::move(kid), nullptr, secret);
}

Alg SigningKey::alg() const noexcept { return data_->alg; }
std::string_view SigningKey::kid() const noexcept { return data_->kid; }
std::string_view SigningKey::hmac_secret() const noexcept { return data_->hmac_secret.reveal(); }

std::string SigningKey::public_jwk_json() const { return detail::public_jwk_json(*data_); }

std::string SigningKey::public_pem() const { return detail::spki_pem(*data_); }

std::string SigningKey::private_pem() const {
  if (!data_->pkey) return {};
  jwtcheck::detail::BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), data_->pkey.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    ERR_clear_error();
    return {};
  }
  char* pem = nullptr;
  const long length = BIO_get_mem_data(bio.get(), &pem);
  return std::string(pem, static_cast<std::size_t>(length));
}

Result<Key> SigningKey::verification_key() const {
  if (is_hmac(data_->alg)) return hmac_key(data_->hmac_secret.reveal(), data_->alg, data_->kid);
  // Through the library's own JWK parser: what a verifier would build from the tenant's JWKS.
  return parse_jwk(public_jwk_json());
}

std::string SigningKey::sign(std::string_view signing_input) const {
  return detail::sign_jws(*data_, data_->alg, signing_input);
}

std::string SigningKey::sign_as(Alg alg, std::string_view signing_input) const {
  return detail::sign_jws(*data_, alg, signing_input);
}

std::string jwks_json(std::span<const SigningKey> keys) { return detail::jwks_json(keys); }

}  // namespace jwtcheck::testing
