// PEM public keys and certificates. The PEM label decides what is read, and any private key
// in the text is refused outright: a verification key must never be a private key file.
#include <jwtcheck/key.hpp>

#include "json/message_quote.hpp"
#include "keys/public_key.hpp"
#include "keys/seal_key.hpp"

#include <openssl/decoder.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include <climits>

namespace jwtcheck {

namespace {

constexpr std::string_view kBegin = "-----BEGIN ";

Error invalid(std::string message) { return Error{ErrorCode::invalid_key, std::move(message)}; }

// Never prompt on a terminal for a passphrase, whatever the PEM headers say.
int refuse_passphrase(char*, int, int, void*) { return 0; }

struct PemBlock {
  std::string_view label;
  std::string_view text;  // from "-----BEGIN" to the end of the input
};

std::optional<PemBlock> first_block(std::string_view pem) {
  const auto begin = pem.find(kBegin);
  if (begin == std::string_view::npos) return std::nullopt;
  const auto label_start = begin + kBegin.size();
  const auto label_end = pem.find("-----", label_start);
  if (label_end == std::string_view::npos) return std::nullopt;
  return PemBlock{pem.substr(label_start, label_end - label_start), pem.substr(begin)};
}

std::optional<std::string_view> private_key_label(std::string_view pem) {
  for (auto pos = pem.find(kBegin); pos != std::string_view::npos; pos = pem.find(kBegin, pos + 1)) {
    const auto label_start = pos + kBegin.size();
    const auto label = pem.substr(label_start, pem.find("-----", label_start) - label_start);
    if (label.find("PRIVATE KEY") != std::string_view::npos) return label;
  }
  return std::nullopt;
}

detail::PkeyPtr read_public_key(BIO* bio, std::string_view label) {
  if (label == "CERTIFICATE") {
    detail::X509Ptr cert(PEM_read_bio_X509(bio, nullptr, refuse_passphrase, nullptr));
    return detail::PkeyPtr(cert ? X509_get_pubkey(cert.get()) : nullptr);
  }
  if (label == "PUBLIC KEY") return detail::PkeyPtr(PEM_read_bio_PUBKEY(bio, nullptr, refuse_passphrase, nullptr));
  // "RSA PUBLIC KEY" (PKCS#1 RSAPublicKey): the RSA-only readers are deprecated in OpenSSL 3.
  EVP_PKEY* pkey = nullptr;
  std::unique_ptr<OSSL_DECODER_CTX, detail::OpenSslDeleter<OSSL_DECODER_CTX_free>> decoder(
      OSSL_DECODER_CTX_new_for_pkey(&pkey, "PEM", "type-specific", "RSA", EVP_PKEY_PUBLIC_KEY, nullptr, nullptr));
  if (!decoder || OSSL_DECODER_from_bio(decoder.get(), bio) != 1) return nullptr;
  return detail::PkeyPtr(pkey);
}

}  // namespace

Result<Key> parse_pem_public_key(std::string_view pem, std::string_view kid, const Limits& limits) {
  if (pem.size() > limits.max_jwks_bytes || pem.size() > INT_MAX)
    return invalid("PEM is " + std::to_string(pem.size()) + " bytes, the limit is " + std::to_string(limits.max_jwks_bytes));
  if (auto label = private_key_label(pem))
    return invalid("a private key was given (PEM " + detail::quote_for_message(*label) +
                   "); give the public key or a certificate instead");
  const auto block = first_block(pem);
  if (!block) return invalid("no PEM block (-----BEGIN ...-----) found");
  if (block->label != "PUBLIC KEY" && block->label != "RSA PUBLIC KEY" && block->label != "CERTIFICATE")
    return invalid("PEM block " + detail::quote_for_message(block->label) +
                   " is not a key jwtcheck reads; expected PUBLIC KEY, RSA PUBLIC KEY or CERTIFICATE");
  detail::BioPtr bio(BIO_new_mem_buf(block->text.data(), static_cast<int>(block->text.size())));
  detail::PkeyPtr pkey = bio ? read_public_key(bio.get(), block->label) : nullptr;
  ERR_clear_error();
  if (!pkey) return invalid("PEM " + detail::quote_for_message(block->label) + " could not be decoded");
  auto components = detail::public_components_of(pkey.get());
  if (!components) return std::move(components).error();
  // Rebuild from the numbers: the same checks as a JWK, and no certificate baggage kept.
  auto data = detail::make_public_key(*components, limits);
  if (!data) return std::move(data).error();
  (*data)->kid = std::string(kid);
  return detail::seal_key(std::move(*data));
}

}  // namespace jwtcheck
