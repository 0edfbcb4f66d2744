#include "issuers/issuer_peek.hpp"

#include <openssl/evp.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <cstddef>
#include <utility>

namespace jwtcheck::detail {

namespace {

// The payload segment (at most its first `max_chars` characters, a multiple of 4), base64url-
// decoded with OpenSSL's decoder (after mapping the alphabet).
bool decode_payload(std::string_view token, PeekScratch& scratch, std::size_t max_chars) {
  const std::size_t first = token.find('.');
  if (first == std::string_view::npos) return false;
  const std::size_t second = token.find('.', first + 1);
  if (second == std::string_view::npos) return false;
  const std::string_view payload = token.substr(first + 1, std::min(second - first - 1, max_chars));
  if (payload.empty() || payload.size() % 4 == 1) return false;
  scratch.base64.assign(payload);
  for (char& c : scratch.base64) {
    if (c == '-') c = '+';
    else if (c == '_') c = '/';
    else if (c == '+' || c == '/' || c == '=') return false;
  }
  scratch.base64.append((4 - scratch.base64.size() % 4) % 4, '=');
  scratch.json.resize(scratch.base64.size() / 4 * 3);
  const int written = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(scratch.json.data()),
                                      reinterpret_cast<const unsigned char*>(scratch.base64.data()),
                                      static_cast<int>(scratch.base64.size()));
  if (written < 0) return false;
  scratch.json.resize(payload.size() / 4 * 3 + (payload.size() % 4 == 0 ? 0 : payload.size() % 4 - 1));
  return true;
}

// SAX handler: follows the nesting depth and stops the parse at the top-level "iss" value.
struct IssHandler : rapidjson::BaseReaderHandler<rapidjson::UTF8<>, IssHandler> {
  std::string* issuer;
  int depth = 0;
  bool at_iss = false;  // the last top-level key was "iss"
  bool root_is_object = false;
  PeekOutcome outcome = PeekOutcome::missing;

  explicit IssHandler(std::string* out) : issuer(out) {}

  // Any value: a top-level "iss" that is not a string ends the read.
  bool Default() { return !std::exchange(at_iss, false) || (outcome = PeekOutcome::not_a_string, false); }
  bool String(const char* text, rapidjson::SizeType length, bool) {
    if (!at_iss) return true;
    issuer->assign(text, length);
    outcome = PeekOutcome::found;
    return false;
  }
  bool Key(const char* text, rapidjson::SizeType length, bool) {
    at_iss = depth == 1 && std::string_view(text, length) == "iss";
    return true;
  }
  bool StartObject() {
    if (depth == 0) root_is_object = true;
    if (!Default()) return false;
    ++depth;
    return true;
  }
  bool EndObject(rapidjson::SizeType) { --depth; return true; }
  bool StartArray() {
    if (!Default()) return false;
    ++depth;
    return true;
  }
  bool EndArray(rapidjson::SizeType) { --depth; return true; }
};

// Reads "iss" from the decoded (part of the) payload; `whole` says whether it is all of it.
PeekOutcome read_issuer(PeekScratch& scratch, bool whole) {
  IssHandler handler(&scratch.issuer);
  thread_local rapidjson::Reader reader;  // keeps its stack between calls: no allocation once warm
  rapidjson::MemoryStream stream(scratch.json.data(), scratch.json.size());
  const auto result = reader.Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag>(stream, handler);
  if (handler.outcome != PeekOutcome::missing) return handler.outcome;  // stopped at "iss"
  if (!whole) return PeekOutcome::unreadable;  // not in the part read: read all of it
  if (result.IsError() || !handler.root_is_object) return PeekOutcome::unreadable;
  return PeekOutcome::missing;
}

}  // namespace

std::size_t first_part_chars(std::size_t longest_issuer) noexcept {
  const std::size_t bytes = longest_issuer + 16;  // {"iss":" + issuer + " + whitespace
  return (bytes + 2) / 3 * 4;
}

PeekOutcome peek_issuer(std::string_view token, PeekScratch& scratch, std::size_t first_chars) {
  // Issuers put "iss" near the start (Auth0 first): decoding just enough for the longest
  // configured issuer usually finds it without decoding the rest, which the Verifier decodes
  // anyway. Any name that does not fit there is not configured, but is still read in full so
  // that the refusal names it (and a later "iss" is found).
  if (decode_payload(token, scratch, first_chars)) {
    const PeekOutcome early = read_issuer(scratch, false);
    if (early != PeekOutcome::unreadable) return early;
  }
  if (!decode_payload(token, scratch, std::string_view::npos)) return PeekOutcome::unreadable;
  return read_issuer(scratch, true);
}

}  // namespace jwtcheck::detail
