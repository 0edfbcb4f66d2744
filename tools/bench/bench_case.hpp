// One benchmark case: a named way of verifying a token, checked for correctness before it is timed.
#pragma once

#include "timing.hpp"

#include <functional>
#include <string>
#include <vector>

namespace bench {

/// A token and its parts, so floors can work on the raw signing input and signature.
struct Sample {
  std::string token;
  std::string signing_input;                ///< "header.claims" as sent
  std::vector<unsigned char> signature;     ///< the decoded signature
};

/// The inputs every case must judge correctly before anything is timed.
struct Samples {
  Sample valid;
  Sample tampered_signature;  ///< one bit of the signature flipped
  Sample tampered_claims;     ///< other claims under the valid token's signature
};

/// What a case is, for the ratios in the report.
enum class CaseKind { floor, jwtcheck, peer, cache };

/// Judges one sample: true = accepted.
using VerifyFn = std::function<bool(const Sample&)>;

/// A verification routine under test. `make` builds one verify function per thread (floors keep
/// per-thread OpenSSL contexts in it); `timed`, when set, turns it into the timed operation
/// (default: verify the valid sample).
struct BenchCase {
  std::string name;
  CaseKind kind = CaseKind::jwtcheck;
  std::function<VerifyFn()> make;
  std::function<Operation(VerifyFn)> timed;
  unsigned threads = 1;
};

}  // namespace bench
