// RAII owners for the libcurl objects the fetch module uses, and libcurl's one-time global setup.
#pragma once

#include "free_with.hpp"

#include <curl/curl.h>

#include <memory>

namespace jwtcheck::detail {

using CurlEasyPtr = std::unique_ptr<CURL, FreeWith<curl_easy_cleanup>>;
using CurlUrlPtr = std::unique_ptr<CURLU, FreeWith<curl_url_cleanup>>;
using CurlStringPtr = std::unique_ptr<char, FreeWith<curl_free>>;

/// A request header list whose strings are wiped before libcurl frees them, because one of
/// them may carry client credentials (HTTP Basic).
class SensitiveHeaderList {
 public:
  SensitiveHeaderList() = default;
  SensitiveHeaderList(const SensitiveHeaderList&) = delete;
  SensitiveHeaderList& operator=(const SensitiveHeaderList&) = delete;
  ~SensitiveHeaderList();

  /// Appends "Name: value" (libcurl copies it). False when libcurl is out of memory.
  bool append(const char* header) noexcept;
  curl_slist* get() const noexcept { return list_; }

 private:
  curl_slist* list_ = nullptr;
};

/// curl_global_init, exactly once per process, from whichever thread gets here first.
/// False when libcurl could not be initialised.
bool ensure_curl_initialized() noexcept;

}  // namespace jwtcheck::detail
