// Every form in which a secret could leak into text: raw, JSON-escaped, form-encoded, inside
// an HTTP Basic credential, base64url (an HMAC key as a JWK "k"), and a long prefix of each.
#pragma once

#include <boost/test/unit_test.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace hygiene {

/// The encodings of `secret` worth searching for (`client_id` non-empty adds Basic credentials).
std::vector<std::string> secret_forms(std::string_view secret, std::string_view client_id);

/// Fails the test when any form of `secret` (or a 12-byte piece of its raw form) is in `text`.
void expect_no_secret(std::string_view text, std::string_view secret, std::string_view client_id,
                      const std::string& what);

}  // namespace hygiene
