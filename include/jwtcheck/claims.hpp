// jwtcheck — custom claims: naming one (ClaimPath), the JSON type found (ClaimKind), and what a
// Policy may require of it (ClaimRequirement). Reading a claim is VerifiedToken::claim_*.
#pragma once

#include <jwtcheck/export.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace jwtcheck {

/// The JSON type of a claim's value; `missing` when the claim (or a step of its pointer) is absent.
enum class ClaimKind { missing, null, boolean, number, string, array, object };

/// The name of a ClaimKind: "missing", "null", "boolean", "number", "string", "array", "object".
JWTCHECK_API std::string_view claim_kind_name(ClaimKind kind) noexcept;

/// A JSON pointer longer than this many bytes is refused (invalid_claim_pointer).
inline constexpr std::size_t kMaxClaimPointerBytes = 1024;
/// A JSON pointer with more reference tokens than this is refused (invalid_claim_pointer).
inline constexpr std::size_t kMaxClaimPointerDepth = 32;
/// Policy::required_claims may hold at most this many requirements (invalid_policy).
inline constexpr std::size_t kMaxClaimRequirements = 64;
/// An expected value of a ClaimRequirement may be at most this long, as JSON text (invalid_policy).
inline constexpr std::size_t kMaxClaimValueBytes = 4096;

/// Names one claim, without owning the text: either a top-level claim by its exact name, or an
/// RFC 6901 JSON pointer into the claims object.
///  - By name (the implicit conversions): "org_id", "https://example.com/roles". '/' and '~'
///    have no special meaning in a name, so namespaced claims need no escaping.
///  - By pointer (ClaimPath::pointer): "/https:~1~1example.com~1roles/0" is the first element
///    of the "https://example.com/roles" array; "~0" stands for '~' and "~1" for '/'. A pointer
///    is "" (the whole claims object) or starts with '/'; array indexes are "0" or digits
///    without a leading zero ("-" names no element). A malformed pointer, one longer than
///    kMaxClaimPointerBytes or with more than kMaxClaimPointerDepth tokens, gives
///    ErrorCode::invalid_claim_pointer wherever it is used.
class ClaimPath {
 public:
  /// A top-level claim by its exact name.
  constexpr ClaimPath(std::string_view name) noexcept : text_(name) {}
  /// A top-level claim by its exact name.
  constexpr ClaimPath(const char* name) noexcept : text_(name) {}
  /// A top-level claim by its exact name; `name` must outlive the ClaimPath.
  ClaimPath(const std::string& name) noexcept : text_(name) {}

  /// An RFC 6901 JSON pointer (checked when used).
  static constexpr ClaimPath pointer(std::string_view pointer) noexcept {
    ClaimPath path(pointer);
    path.is_pointer_ = true;
    return path;
  }

  /// The claim's name, or the pointer's text.
  constexpr std::string_view text() const noexcept { return text_; }
  /// True when made by ClaimPath::pointer.
  constexpr bool is_pointer() const noexcept { return is_pointer_; }

 private:
  std::string_view text_;
  bool is_pointer_ = false;
};

/// One thing a Policy requires of a custom claim (Policy::required_claims). Expected values are
/// JSON texts ("\"admin\"", "42", "true", "null", "[1,2]", "{\"a\":1}"), compared with the
/// claim as JSON values: strings by their unescaped content, numbers numerically (1 equals 1.0),
/// arrays element by element in order, objects member by member in any order.
/// Verifier::create refuses (invalid_policy) an empty claim name, a malformed pointer, an
/// expected value that is not one JSON value, and a requirement without the values its test needs.
/// A token that fails a requirement is refused with ErrorCode::claim_mismatch (or
/// missing_claim when the claim is absent); the message names the claim, what was expected
/// and what was found, and Verifier::check reports it as a Check named after the claim.
struct JWTCHECK_API ClaimRequirement {
  /// What is required of the claim.
  enum class Test {
    present,   ///< the claim exists (any value, null included)
    equals,    ///< the claim equals values[0]
    one_of,    ///< the claim equals one of values
    contains,  ///< an array claim has an element equal to values[0]; or values[0] is a string and
               ///< the claim is a string whose space-separated words include it (like "scope")
  };

  std::string claim;        ///< the claim's name, or a JSON pointer when `is_pointer`
  bool is_pointer = false;  ///< `claim` is an RFC 6901 JSON pointer, not a name
  Test test = Test::present;  ///< what is required of the claim
  std::vector<std::string> values;  ///< the expected JSON values (one; several for one_of)

  /// The claim this requirement names.
  ClaimPath path() const noexcept { return is_pointer ? ClaimPath::pointer(claim) : ClaimPath(claim); }

  /// The claim exists (any value, null included).
  static ClaimRequirement present(ClaimPath claim);
  /// `json_value` is JSON text: equals(c, "\"admin\"") wants the string admin, equals(c, "7") the number 7.
  static ClaimRequirement equals(ClaimPath claim, std::string json_value);
  /// The claim is the string `value` (encoded for you).
  static ClaimRequirement equals_string(ClaimPath claim, std::string_view value);
  /// The claim equals one of `json_values`, each JSON text.
  static ClaimRequirement one_of(ClaimPath claim, std::vector<std::string> json_values);
  /// The claim has `json_value` (JSON text): as an element of an array claim, or, for a string
  /// value, as a word of a space-separated string claim.
  static ClaimRequirement contains(ClaimPath claim, std::string json_value);
  /// The claim (an array, or a space-separated string) contains the string `value`.
  static ClaimRequirement contains_string(ClaimPath claim, std::string_view value);
};

/// `text` as a JSON string literal: quoted, with '"', '\\' and control characters escaped.
JWTCHECK_API std::string json_string(std::string_view text);

}  // namespace jwtcheck
