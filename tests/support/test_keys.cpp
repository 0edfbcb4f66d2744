#include "support/test_keys.hpp"

#include "support/test_base64url.hpp"

#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>

#include <map>
#include <mutex>
#include <stdexcept>

namespace jwtcheck::test {

namespace {

using test::base64url_encode;

void require(bool ok, const char* what) {
  if (!ok) {
    ERR_clear_error();
    throw std::runtime_error(std::string("test key helper: OpenSSL failed: ") + what);
  }
}

std::string b64_of_bn_param(const EVP_PKEY* pkey, const char* name, int pad_to = 0) {
  BIGNUM* bn = nullptr;
  require(EVP_PKEY_get_bn_param(pkey, name, &bn) == 1, name);
  BignumPtr owner(bn);
  const int size = pad_to > 0 ? pad_to : BN_num_bytes(bn);
  std::string bytes(static_cast<std::size_t>(size), '\0');
  require(BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(bytes.data()), size) == size, "bn2binpad");
  return base64url_encode(bytes);
}

std::string pem_of(const EVP_PKEY* pkey, bool private_key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  require(bio != nullptr, "BIO_new");
  const int ok = private_key ? PEM_write_bio_PrivateKey(bio.get(), pkey, nullptr, nullptr, 0, nullptr, nullptr)
                             : PEM_write_bio_PUBKEY(bio.get(), pkey);
  require(ok == 1, "PEM write");
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

const EVP_MD* digest_of(Alg alg) {
  switch (alg) {
    case Alg::RS256: case Alg::PS256: case Alg::ES256: case Alg::HS256: return EVP_sha256();
    case Alg::RS384: case Alg::PS384: case Alg::ES384: case Alg::HS384: return EVP_sha384();
    case Alg::RS512: case Alg::PS512: case Alg::ES512: case Alg::HS512: return EVP_sha512();
    case Alg::EdDSA: break;
  }
  return nullptr;
}

std::string public_jwk_members(const TestKey& key) {
  const EVP_PKEY* pkey = key.pkey.get();
  switch (EVP_PKEY_get_base_id(pkey)) {
    case EVP_PKEY_RSA:
      return R"("kty":"RSA","n":")" + b64_of_bn_param(pkey, OSSL_PKEY_PARAM_RSA_N) + R"(","e":")" +
             b64_of_bn_param(pkey, OSSL_PKEY_PARAM_RSA_E) + "\"";
    case EVP_PKEY_EC: {
      const int field = (EVP_PKEY_get_bits(pkey) + 7) / 8;
      const char* crv = key.alg == Alg::ES256 ? "P-256" : key.alg == Alg::ES384 ? "P-384" : "P-521";
      return R"("kty":"EC","crv":")" + std::string(crv) + R"(","x":")" + b64_of_bn_param(pkey, OSSL_PKEY_PARAM_EC_PUB_X, field) +
             R"(","y":")" + b64_of_bn_param(pkey, OSSL_PKEY_PARAM_EC_PUB_Y, field) + "\"";
    }
    default: {
      unsigned char raw[64];
      std::size_t len = sizeof raw;
      require(EVP_PKEY_get_raw_public_key(pkey, raw, &len) == 1, "raw public key");
      const char* crv = EVP_PKEY_get_base_id(pkey) == EVP_PKEY_ED25519 ? "Ed25519" : "Ed448";
      return R"("kty":"OKP","crv":")" + std::string(crv) + R"(","x":")" +
             base64url_encode(std::span<const unsigned char>(raw, len)) + "\"";
    }
  }
}

PkeyPtr generate_pkey(Alg alg, unsigned rsa_bits, bool ed448) {
  switch (alg) {
    case Alg::RS256: case Alg::RS384: case Alg::RS512:
    case Alg::PS256: case Alg::PS384: case Alg::PS512:
      return PkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(rsa_bits)));
    case Alg::ES256: return PkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    case Alg::ES384: return PkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384"));
    case Alg::ES512: return PkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-521"));
    case Alg::EdDSA: return PkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, ed448 ? "ED448" : "ED25519"));
    default: return nullptr;
  }
}

// ECDSA: OpenSSL signs DER; JWS wants r||s, each padded to the curve's byte length.
std::string der_to_raw(const std::string& der, int field_bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  std::unique_ptr<ECDSA_SIG, OpenSslDeleter<ECDSA_SIG_free>> sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size())));
  require(sig != nullptr, "d2i_ECDSA_SIG");
  std::string raw(static_cast<std::size_t>(2 * field_bytes), '\0');
  auto* out = reinterpret_cast<unsigned char*>(raw.data());
  require(BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), out, field_bytes) == field_bytes &&
              BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), out + field_bytes, field_bytes) == field_bytes,
          "bn2binpad r/s");
  return raw;
}

std::string sign_with_pkey(EVP_PKEY* pkey, Alg alg, std::string_view data) {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;
  require(ctx && EVP_DigestSignInit(ctx.get(), &pctx, digest_of(alg), nullptr, pkey) == 1, "DigestSignInit");
  if (alg == Alg::PS256 || alg == Alg::PS384 || alg == Alg::PS512)
    require(EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1 &&
                EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) == 1,
            "PSS parameters");
  const auto* in = reinterpret_cast<const unsigned char*>(data.data());
  std::size_t len = 0;
  require(EVP_DigestSign(ctx.get(), nullptr, &len, in, data.size()) == 1, "DigestSign size");
  std::string sig(len, '\0');
  require(EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len, in, data.size()) == 1, "DigestSign");
  sig.resize(len);
  if (alg == Alg::ES256 || alg == Alg::ES384 || alg == Alg::ES512) return der_to_raw(sig, (EVP_PKEY_get_bits(pkey) + 7) / 8);
  return sig;
}

}  // namespace

TestKey generate_test_key(Alg alg, std::string_view kid, unsigned rsa_bits, bool ed448) {
  TestKey key{alg, std::string(kid), nullptr, {}, {}, {}, {}};
  if (is_hmac(alg)) {
    key.secret.resize(static_cast<std::size_t>(EVP_MD_get_size(digest_of(alg))));
    require(RAND_bytes(reinterpret_cast<unsigned char*>(key.secret.data()), static_cast<int>(key.secret.size())) == 1, "RAND_bytes");
    return key;
  }
  key.pkey = generate_pkey(alg, rsa_bits, ed448);
  require(key.pkey != nullptr, "key generation");
  key.public_jwk = "{" + public_jwk_members(key) + R"(,"kid":")" + key.kid + R"(","alg":")" + std::string(alg_name(alg)) +
                   R"(","use":"sig"})";
  key.public_pem = pem_of(key.pkey.get(), false);
  key.private_pem = pem_of(key.pkey.get(), true);
  return key;
}

const TestKey& cached_test_key(Alg alg) {
  static std::mutex mutex;
  static std::map<Alg, TestKey> cache;
  std::lock_guard lock(mutex);
  auto it = cache.find(alg);
  if (it == cache.end()) it = cache.emplace(alg, generate_test_key(alg, "cached-" + std::string(alg_name(alg)))).first;
  return it->second;
}

std::string sign_raw_for_test(const TestKey& key, Alg alg, std::string_view data) {
  if (!is_hmac(alg)) return sign_with_pkey(key.pkey.get(), alg, data);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  require(HMAC(digest_of(alg), key.secret.data(), static_cast<int>(key.secret.size()),
               reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &len) != nullptr,
          "HMAC");
  return std::string(reinterpret_cast<const char*>(mac), len);
}

std::string sign_for_test(const TestKey& key, Alg alg, std::string_view data) {
  return base64url_encode(sign_raw_for_test(key, alg, data));
}

std::string sign_for_test(EVP_PKEY* key, Alg alg, std::string_view data) {
  return base64url_encode(sign_with_pkey(key, alg, data));
}

std::string jwks_json(const std::vector<std::string>& jwks) {
  std::string out = R"({"keys":[)";
  for (std::size_t i = 0; i < jwks.size(); ++i) out += (i ? "," : "") + jwks[i];
  return out + "]}";
}

std::string bytes_from_hex(std::string_view hex) {
  if (hex.size() % 2 != 0) throw std::invalid_argument("odd-length hex");
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    throw std::invalid_argument("bad hex digit");
  };
  std::string out(hex.size() / 2, '\0');
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<char>(nibble(hex[2 * i]) << 4 | nibble(hex[2 * i + 1]));
  return out;
}

}  // namespace jwtcheck::test
