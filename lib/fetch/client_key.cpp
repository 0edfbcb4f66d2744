#include <jwtcheck/fetch/client_key.hpp>

#include <jwtcheck/secret.hpp>

#include "fetch/jose_text.hpp"
#include "openssl_handles.hpp"

#include <openssl/core_names.h>
#include <openssl/decoder.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <vector>

namespace jwtcheck {

struct ClientKey::Impl {
  detail::PkeyPtr pkey;
  Alg alg = Alg::RS256;
  std::string kid;
  std::string jwk;
  std::string thumbprint;
};

namespace {

using detail::BignumPtr;
using detail::BioPtr;
using detail::MdCtxPtr;
using detail::PkeyPtr;

constexpr std::size_t max_pem_bytes = 64 * 1024;

std::string openssl_reason() {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "no detail";
  char text[256];
  ERR_error_string_n(code, text, sizeof text);
  return text;
}

// Big-endian bytes of a key parameter, left-padded to `width` (0: minimal, as RFC 7518 wants for n/e).
std::string bn_param_b64(const EVP_PKEY* pkey, const char* name, int width) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(pkey, name, &raw) != 1) {
    ERR_clear_error();
    return {};
  }
  BignumPtr bn(raw);
  const int size = width > 0 ? width : BN_num_bytes(bn.get());
  std::vector<unsigned char> bytes(static_cast<std::size_t>(size));
  if (BN_bn2binpad(bn.get(), bytes.data(), size) != size) {
    ERR_clear_error();
    return {};
  }
  return detail::base64url_text(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

std::string raw_public_b64(const EVP_PKEY* pkey) {
  std::size_t length = 0;
  if (EVP_PKEY_get_raw_public_key(pkey, nullptr, &length) != 1) {
    ERR_clear_error();
    return {};
  }
  std::string bytes(length, '\0');
  if (EVP_PKEY_get_raw_public_key(pkey, reinterpret_cast<unsigned char*>(bytes.data()), &length) != 1) {
    ERR_clear_error();
    return {};
  }
  return detail::base64url_text(bytes);
}

struct KeyKind {
  enum { rsa, ec256, ec384, ec521, ed25519, ed448, other } kind = other;
};

KeyKind kind_of(const EVP_PKEY* pkey) {
  switch (EVP_PKEY_get_base_id(pkey)) {
    case EVP_PKEY_RSA: return {KeyKind::rsa};
    case EVP_PKEY_ED25519: return {KeyKind::ed25519};
    case EVP_PKEY_ED448: return {KeyKind::ed448};
    case EVP_PKEY_EC: {
      char group[64] = {};
      std::size_t length = 0;
      if (EVP_PKEY_get_utf8_string_param(pkey, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &length) != 1) {
        ERR_clear_error();
        return {};
      }
      const std::string_view name(group, length);
      if (name == "prime256v1" || name == "P-256") return {KeyKind::ec256};
      if (name == "secp384r1" || name == "P-384") return {KeyKind::ec384};
      if (name == "secp521r1" || name == "P-521") return {KeyKind::ec521};
      return {};
    }
    default: return {};
  }
}

Alg natural_alg(KeyKind kind) {
  switch (kind.kind) {
    case KeyKind::rsa: return Alg::RS256;
    case KeyKind::ec256: return Alg::ES256;
    case KeyKind::ec384: return Alg::ES384;
    case KeyKind::ec521: return Alg::ES512;
    default: return Alg::EdDSA;
  }
}

bool fits(KeyKind kind, Alg alg) {
  switch (alg) {
    case Alg::RS256: case Alg::RS384: case Alg::RS512: case Alg::PS256: case Alg::PS384: case Alg::PS512:
      return kind.kind == KeyKind::rsa;
    case Alg::ES256: return kind.kind == KeyKind::ec256;
    case Alg::ES384: return kind.kind == KeyKind::ec384;
    case Alg::ES512: return kind.kind == KeyKind::ec521;
    case Alg::EdDSA: return kind.kind == KeyKind::ed25519 || kind.kind == KeyKind::ed448;
    default: return false;
  }
}

// RFC 7638 §3.2: the required members only, in lexicographic order, no whitespace.
std::string public_jwk_of(const EVP_PKEY* pkey, KeyKind kind) {
  switch (kind.kind) {
    case KeyKind::rsa:
      return R"({"e":")" + bn_param_b64(pkey, OSSL_PKEY_PARAM_RSA_E, 0) + R"(","kty":"RSA","n":")" +
             bn_param_b64(pkey, OSSL_PKEY_PARAM_RSA_N, 0) + "\"}";
    case KeyKind::ec256: case KeyKind::ec384: case KeyKind::ec521: {
      const int width = kind.kind == KeyKind::ec256 ? 32 : kind.kind == KeyKind::ec384 ? 48 : 66;
      const char* crv = kind.kind == KeyKind::ec256 ? "P-256" : kind.kind == KeyKind::ec384 ? "P-384" : "P-521";
      return std::string(R"({"crv":")") + crv + R"(","kty":"EC","x":")" +
             bn_param_b64(pkey, OSSL_PKEY_PARAM_EC_PUB_X, width) + R"(","y":")" +
             bn_param_b64(pkey, OSSL_PKEY_PARAM_EC_PUB_Y, width) + "\"}";
    }
    default:
      return std::string(R"({"crv":")") + (kind.kind == KeyKind::ed448 ? "Ed448" : "Ed25519") +
             R"(","kty":"OKP","x":")" + raw_public_b64(pkey) + "\"}";
  }
}

const EVP_MD* digest_for(Alg alg) noexcept {
  switch (alg) {
    case Alg::RS256: case Alg::PS256: case Alg::ES256: return EVP_sha256();
    case Alg::RS384: case Alg::PS384: case Alg::ES384: return EVP_sha384();
    case Alg::RS512: case Alg::PS512: case Alg::ES512: return EVP_sha512();
    default: return nullptr;
  }
}

// ECDSA signatures come out of OpenSSL as DER; JWS wants fixed-width r||s (RFC 7518 §3.4).
bool der_to_raw_ecdsa(std::string& signature, int field_bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(signature.data());
  ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(signature.size()));
  if (!sig) return false;
  const BIGNUM* r = nullptr;
  const BIGNUM* s = nullptr;
  ECDSA_SIG_get0(sig, &r, &s);
  std::string raw(2 * static_cast<std::size_t>(field_bytes), '\0');
  auto* out = reinterpret_cast<unsigned char*>(raw.data());
  const bool ok = BN_bn2binpad(r, out, field_bytes) == field_bytes && BN_bn2binpad(s, out + field_bytes, field_bytes) == field_bytes;
  ECDSA_SIG_free(sig);
  if (ok) signature = std::move(raw);
  return ok;
}

Result<std::string> digest_sign(EVP_PKEY* pkey, Alg alg, std::string_view input) {
  const EVP_MD* md = digest_for(alg);
  MdCtxPtr ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;  // owned by ctx
  const bool pss = alg == Alg::PS256 || alg == Alg::PS384 || alg == Alg::PS512;
  const Error failed{ErrorCode::invalid_key, "signing with the client key failed"};
  if (!ctx || EVP_DigestSignInit(ctx.get(), &pctx, md, nullptr, pkey) != 1) return failed;
  // RFC 7518 §3.5: MGF1 with the same hash, salt as long as the hash.
  if (pss && (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
              EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) != 1 ||
              EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, md) != 1)) {
    ERR_clear_error();
    return failed;
  }
  const auto* data = reinterpret_cast<const unsigned char*>(input.data());
  std::size_t length = 0;
  if (EVP_DigestSign(ctx.get(), nullptr, &length, data, input.size()) != 1) {
    ERR_clear_error();
    return failed;
  }
  std::string signature(length, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length, data, input.size()) != 1) {
    ERR_clear_error();
    return failed;
  }
  signature.resize(length);
  if (alg == Alg::ES256 || alg == Alg::ES384 || alg == Alg::ES512) {
    const int field = alg == Alg::ES256 ? 32 : alg == Alg::ES384 ? 48 : 66;
    if (!der_to_raw_ecdsa(signature, field)) {
      ERR_clear_error();
      return failed;
    }
  }
  return signature;
}

// Only private keys: a PEM public key or certificate is not what a client signs with.
PkeyPtr decode_private_pem(std::string_view pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return nullptr;
  // An empty passphrase callback: an encrypted key fails instead of prompting on the terminal.
  auto no_passphrase = [](char*, int, int, void*) -> int { return 0; };
  return PkeyPtr(PEM_read_bio_PrivateKey(bio.get(), nullptr, no_passphrase, nullptr));
}

}  // namespace

Result<ClientKey> ClientKey::from_pem(std::string_view pem, std::optional<Alg> alg, std::string key_id) {
  if (pem.size() > max_pem_bytes)
    return Error{ErrorCode::invalid_key, "expected a PEM private key of at most " + std::to_string(max_pem_bytes) +
                                             " bytes, got " + std::to_string(pem.size())};
  if (pem.find("-----BEGIN") == std::string_view::npos)
    return Error{ErrorCode::invalid_key, "expected a PEM private key (-----BEGIN PRIVATE KEY-----), got no PEM block"};
  if (pem.find("ENCRYPTED") != std::string_view::npos)
    return Error{ErrorCode::invalid_key, "expected an unencrypted PEM private key, got an encrypted one"};
  PkeyPtr pkey = decode_private_pem(pem);
  if (!pkey) {
    const std::string reason = openssl_reason();
    const bool public_only = pem.find("PUBLIC KEY") != std::string_view::npos || pem.find("CERTIFICATE") != std::string_view::npos;
    return Error{ErrorCode::invalid_key, public_only ? "expected a PEM private key, got a public key or certificate"
                                                     : "expected a PEM private key (PKCS#8 or traditional), could not parse it: " + reason};
  }
  const KeyKind kind = kind_of(pkey.get());
  if (kind.kind == KeyKind::other)
    return Error{ErrorCode::unsupported_key, "expected an RSA, EC (P-256/P-384/P-521) or Ed25519/Ed448 private key, got another type"};
  if (kind.kind == KeyKind::rsa && EVP_PKEY_get_bits(pkey.get()) < 2048)
    return Error{ErrorCode::weak_key, "expected an RSA key of at least 2048 bits, got " + std::to_string(EVP_PKEY_get_bits(pkey.get()))};
  const Alg chosen = alg.value_or(natural_alg(kind));
  if (is_hmac(chosen) || !fits(kind, chosen))
    return Error{ErrorCode::key_mismatch, "the private key cannot sign " + std::string(alg_name(chosen))};
  auto impl = std::make_shared<Impl>();
  impl->jwk = public_jwk_of(pkey.get(), kind);
  impl->pkey = std::move(pkey);
  impl->alg = chosen;
  impl->kid = std::move(key_id);
  unsigned char hash[EVP_MAX_MD_SIZE];
  unsigned int hash_length = 0;
  if (EVP_Digest(impl->jwk.data(), impl->jwk.size(), hash, &hash_length, EVP_sha256(), nullptr) != 1) {
    ERR_clear_error();
    return Error{ErrorCode::invalid_key, "could not hash the public key (SHA-256 unavailable)"};
  }
  impl->thumbprint = detail::base64url_text(std::string_view(reinterpret_cast<const char*>(hash), hash_length));
  return ClientKey(std::move(impl));
}

Result<ClientKey> ClientKey::from_pem_file(const std::string& path, std::optional<Alg> alg, std::string key_id) {
  auto pem = read_secret_file(path);  // wiped when it goes out of scope
  if (!pem) return pem.error();
  auto key = from_pem(pem->reveal(), alg, std::move(key_id));
  if (!key) return Error{key.error().code, path + ": " + key.error().message};
  return key;
}

Alg ClientKey::alg() const noexcept { return state_->alg; }
const std::string& ClientKey::key_id() const noexcept { return state_->kid; }
const std::string& ClientKey::public_jwk() const noexcept { return state_->jwk; }
const std::string& ClientKey::thumbprint() const noexcept { return state_->thumbprint; }

Result<std::string> ClientKey::sign(std::string_view extra_header_members, std::string_view claims_json) const {
  std::string header = "{\"alg\":\"" + std::string(alg_name(state_->alg)) + "\"";
  if (!state_->kid.empty()) header += ",\"kid\":" + detail::json_quoted(state_->kid);
  if (!extra_header_members.empty()) header.append(",").append(extra_header_members);
  header += "}";
  std::string input = detail::base64url_text(header) + "." + detail::base64url_text(claims_json);
  auto signature = digest_sign(state_->pkey.get(), state_->alg, input);
  if (!signature) return signature.error();
  return input + "." + detail::base64url_text(*signature);
}

}  // namespace jwtcheck
