// The deleter for C handles: std::unique_ptr<T, FreeWith<T_free>> calls T_free(p) when p is
// non-null. Shared by the OpenSSL and libcurl owners (openssl_handles.hpp, fetch/curl_handles.hpp).
#pragma once

namespace jwtcheck::detail {

template <auto Free>
struct FreeWith {
  template <class T>
  void operator()(T* p) const noexcept { Free(p); }
};

}  // namespace jwtcheck::detail
