#include "verify/recent_header.hpp"

#include <cstring>

namespace jwtcheck::detail {

namespace {

// The same view moved from one copy of a text to another.
std::string_view moved(std::string_view view, const char* from, const char* to) noexcept {
  return view.data() ? std::string_view(to + (view.data() - from), view.size()) : view;
}

JoseHeader moved(const JoseHeader& jose, const char* from, const char* to) noexcept {
  JoseHeader out = jose;
  out.alg = moved(jose.alg, from, to);
  out.kid = moved(jose.kid, from, to);
  out.typ = moved(jose.typ, from, to);
  out.first_crit = moved(jose.first_crit, from, to);
  return out;
}

}  // namespace

RecentHeader& RecentHeader::for_this_thread() noexcept {
  thread_local RecentHeader recent;
  return recent;
}

bool RecentHeader::recall(std::string_view encoded, std::size_t max_depth, HeaderSegment& out,
                          JoseHeader& jose) const {
  if (encoded_size_ == 0 || encoded.size() != encoded_size_ || max_depth != max_depth_ ||
      std::memcmp(encoded.data(), encoded_, encoded_size_) != 0)
    return false;
  out.text.assign(std::string_view(text_, text_size_));
  out.parsed = out.text.view();
  jose = moved(jose_, text_, out.text.data());
  return true;
}

void RecentHeader::remember(std::string_view encoded, std::size_t max_depth, std::string_view text,
                            const JoseHeader& jose) {
  encoded_size_ = 0;
  if (encoded.empty() || encoded.size() > kMaxEncoded || text.size() > kMaxEncoded) return;
  std::memcpy(encoded_, encoded.data(), encoded.size());
  std::memcpy(text_, text.data(), text.size());
  text_size_ = text.size();
  max_depth_ = max_depth;
  jose_ = moved(jose, text.data(), text_);
  encoded_size_ = encoded.size();
}

}  // namespace jwtcheck::detail
