#include "fetch/curl_handles.hpp"

#include <openssl/crypto.h>

#include <cstring>
#include <mutex>

namespace jwtcheck::detail {

SensitiveHeaderList::~SensitiveHeaderList() {
  for (curl_slist* node = list_; node != nullptr; node = node->next) {
    if (node->data != nullptr) OPENSSL_cleanse(node->data, std::strlen(node->data));
  }
  curl_slist_free_all(list_);
}

bool SensitiveHeaderList::append(const char* header) noexcept {
  curl_slist* grown = curl_slist_append(list_, header);
  if (grown == nullptr) return false;
  list_ = grown;
  return true;
}

bool ensure_curl_initialized() noexcept {
  // curl_global_init is not thread-safe by itself (before 7.84 on every platform), so it runs
  // under call_once. It is never undone: other parts of the process may use libcurl too.
  static std::once_flag once;
  static CURLcode result = CURLE_FAILED_INIT;
  std::call_once(once, [] { result = curl_global_init(CURL_GLOBAL_DEFAULT); });
  return result == CURLE_OK;
}

}  // namespace jwtcheck::detail
