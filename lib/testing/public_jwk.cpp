#include "testing/public_jwk.hpp"

#include "testing/base64url_encode.hpp"

#include <openssl/core_names.h>
#include <openssl/err.h>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <vector>

namespace jwtcheck::testing::detail {

namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;
using jwtcheck::testing::detail::base64url_encode;

void write_member(JsonWriter& w, const char* name, std::string_view value) {
  w.Key(name);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

// Big-endian bytes of a key parameter, left-padded to `width` (0: minimal, as RFC 7518 wants for n/e).
std::string bn_param_b64(const EVP_PKEY* pkey, const char* name, int width) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(pkey, name, &raw) != 1) {
    ERR_clear_error();
    return {};
  }
  jwtcheck::detail::BignumPtr bn(raw);
  const int size = width > 0 ? width : BN_num_bytes(bn.get());
  std::vector<unsigned char> bytes(static_cast<std::size_t>(size));
  if (BN_bn2binpad(bn.get(), bytes.data(), size) != size) {
    ERR_clear_error();
    return {};
  }
  return base64url_encode(bytes);
}

std::string raw_public_b64(const EVP_PKEY* pkey) {
  std::size_t length = 0;
  std::vector<unsigned char> bytes;
  if (EVP_PKEY_get_raw_public_key(pkey, nullptr, &length) == 1) {
    bytes.resize(length);
    if (EVP_PKEY_get_raw_public_key(pkey, bytes.data(), &length) == 1) return base64url_encode(bytes);
  }
  ERR_clear_error();
  return {};
}

void write_key_members(JsonWriter& w, const SigningKeyData& key) {
  const EVP_PKEY* pkey = key.pkey.get();
  if (!pkey) {
    write_member(w, "kty", "oct");
    write_member(w, "k", base64url_encode(key.hmac_secret.reveal()));
    return;
  }
  switch (EVP_PKEY_get_base_id(pkey)) {
    case EVP_PKEY_RSA:
      write_member(w, "kty", "RSA");
      write_member(w, "n", bn_param_b64(pkey, OSSL_PKEY_PARAM_RSA_N, 0));
      write_member(w, "e", bn_param_b64(pkey, OSSL_PKEY_PARAM_RSA_E, 0));
      return;
    case EVP_PKEY_EC: {
      const int bits = EVP_PKEY_get_bits(pkey);
      const int width = (bits + 7) / 8;
      write_member(w, "kty", "EC");
      write_member(w, "crv", bits == 256 ? "P-256" : bits == 384 ? "P-384" : "P-521");
      write_member(w, "x", bn_param_b64(pkey, OSSL_PKEY_PARAM_EC_PUB_X, width));
      write_member(w, "y", bn_param_b64(pkey, OSSL_PKEY_PARAM_EC_PUB_Y, width));
      return;
    }
    default:
      write_member(w, "kty", "OKP");
      write_member(w, "crv", EVP_PKEY_get_base_id(pkey) == EVP_PKEY_ED448 ? "Ed448" : "Ed25519");
      write_member(w, "x", raw_public_b64(pkey));
      return;
  }
}

void write_jwk(JsonWriter& w, const SigningKeyData& key) {
  w.StartObject();
  write_key_members(w, key);
  if (!key.kid.empty()) write_member(w, "kid", key.kid);
  write_member(w, "alg", alg_name(key.alg));
  write_member(w, "use", "sig");
  w.EndObject();
}

}  // namespace

std::string public_jwk_json(const SigningKeyData& key) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  write_jwk(writer, key);
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string jwks_json(std::span<const SigningKey> keys) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("keys");
  writer.StartArray();
  for (const SigningKey& key : keys) write_jwk(writer, signing_key_data(key));
  writer.EndArray();
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace jwtcheck::testing::detail
