#include <jwtcheck/key.hpp>

#include "keys/key_data.hpp"
#include "keys/key_usage.hpp"
#include "keys/seal_key.hpp"

#include <openssl/crypto.h>

namespace jwtcheck {

Key::Impl::~Impl() {
  // Wipe the whole buffer: the secret may have been longer before a reassignment.
  secret.resize(secret.capacity());
  OPENSSL_cleanse(secret.data(), secret.size());
}

namespace detail {

Key seal_key(std::unique_ptr<KeyData> data) {
  return KeyData::wrap(std::shared_ptr<const KeyData>(std::move(data)));
}

}  // namespace detail

KeyType Key::type() const noexcept { return data_->type; }
std::string_view Key::kid() const noexcept { return data_->kid; }
std::optional<Alg> Key::alg() const noexcept { return data_->alg; }
std::string_view Key::curve() const noexcept { return data_->curve; }
unsigned Key::bits() const noexcept { return data_->bits; }
std::string_view Key::thumbprint() const noexcept { return data_->thumbprint; }
bool Key::can_verify(Alg alg) const noexcept { return data_ && detail::key_may_verify(*data_, alg); }

}  // namespace jwtcheck
