// The last JOSE header each thread decoded. Every token a tenant signs with one key carries the
// same header bytes, so an API server decodes the same header over and over; a hit skips the
// base64url decode, the JSON scan and the member checks. What is kept is a pure function of
// the header segment's exact bytes (compared in full) and the depth limit, so a hit yields
// exactly what decoding would. Only plain headers with no "crit" are kept (json/plain_json_reader.hpp).
#pragma once

#include "token/jose_header.hpp"
#include "token/scanned_segment.hpp"

#include <cstddef>
#include <string_view>

namespace jwtcheck::detail {

class RecentHeader {
 public:
  /// Header segments longer than this are never kept.
  static constexpr std::size_t kMaxEncoded = 256;

  /// This thread's entry.
  static RecentHeader& for_this_thread() noexcept;

  /// When `encoded` (read with `max_depth`) is the header kept here: copies its decoded text
  /// into out.text (out.parsed views it) and its members into `jose`, pointing into out.text
  /// (never into this entry, which the next remember overwrites), and returns true.
  bool recall(std::string_view encoded, std::size_t max_depth, HeaderSegment& out, JoseHeader& jose) const;

  /// Keeps `encoded`, its decoded `text` and the `jose` read from it (views into `text`), when
  /// they fit.
  void remember(std::string_view encoded, std::size_t max_depth, std::string_view text, const JoseHeader& jose);

 private:
  char encoded_[kMaxEncoded];
  std::size_t encoded_size_ = 0;  // 0: nothing kept
  std::size_t max_depth_ = 0;
  char text_[kMaxEncoded];        // decoded, so never longer than encoded
  std::size_t text_size_ = 0;
  JoseHeader jose_;  // views into text_
};

}  // namespace jwtcheck::detail
