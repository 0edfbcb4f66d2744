// jwtcheck CLI — sender-constrained tokens in `verify`: after the token passed, its cnf says
// whether it is DPoP-bound (jkt) or certificate-bound (x5t#S256); the proof or the client
// certificate is checked through jwtcheck/dpop.hpp and jwtcheck/certificate_binding.hpp, and
// the outcome joins the report.
#pragma once

#include "binding_flags.hpp"
#include "json_output.hpp"
#include "terminal_style.hpp"

#include <jwtcheck/dpop.hpp>
#include <jwtcheck/verifier.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jwtcheck::cli {

/// What was found about the token's binding, and how it was checked.
struct BindingOutcome {
  BindingMode mode = BindingMode::allowed;
  bool checked = false;            ///< false when the token was refused before its binding was looked at
  bool dpop_bound = false;         ///< the token has cnf.jkt
  bool certificate_bound = false;  ///< the token has cnf["x5t#S256"]
  std::string jkt;                 ///< cnf.jkt
  std::string x5t;                 ///< cnf["x5t#S256"]
  std::optional<DpopProof> proof;  ///< the verified proof
  std::string certificate_thumbprint;  ///< the client certificate's, when it was read
  std::vector<std::string> how;    ///< for people: one sentence per binding checked (or ignored)
  std::vector<Error> errors;       ///< each refusal with its own code
};

/// The request's clock and leeway for the DPoP proof's iat window.
struct ProofTime {
  std::int64_t now = 0;
  std::optional<std::chrono::seconds> leeway;  ///< --leeway; empty: DpopOptions' default
};

/// Checks the binding of `token` (verified from `access_token`) under inputs.mode; `token` null
/// when it was refused (then nothing is checked).
BindingOutcome check_binding(const BindingInputs& inputs, std::string_view access_token, const VerifiedToken* token,
                             const ProofTime& time);

/// `report` with the outcome's errors added: a binding refusal makes the token invalid.
Report with_binding(Report report, const BindingOutcome& outcome);

/// The "Binding" section of the human report.
void print_binding_human(const BindingOutcome& outcome, const TerminalStyle& style);

/// "binding": {...} (docs/json-output.md).
void write_binding_json(JsonWriter& out, const BindingOutcome& outcome);

}  // namespace jwtcheck::cli
