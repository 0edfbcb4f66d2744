#include "binding_check.hpp"

#include "terminal_text.hpp"

#include <jwtcheck/certificate_binding.hpp>

#include <cstdio>

namespace jwtcheck::cli {

namespace {

std::string_view mode_name(BindingMode mode) {
  switch (mode) {
    case BindingMode::off: return "off";
    case BindingMode::allowed: return "allowed";
    case BindingMode::required: return "required";
  }
  return "allowed";
}

// Under required, the token must be bound one way or the other: each mechanism is then checked
// as under allowed, and an unbound token is refused once, by the mechanism the request offered.
BindingMode per_mechanism(BindingMode mode) { return mode == BindingMode::required ? BindingMode::allowed : mode; }

void check_dpop(const BindingInputs& inputs, std::string_view access_token, const ProofTime& time,
                BindingOutcome& outcome) {
  if (!outcome.dpop_bound) {
    if (!inputs.proof.empty()) outcome.how.push_back("not DPoP-bound (no cnf.jkt): the DPoP proof was ignored");
    return;
  }
  auto must_verify = check_dpop_binding(per_mechanism(inputs.mode), true, !inputs.proof.empty());
  if (!must_verify) {
    outcome.errors.push_back(must_verify.error());
    return;
  }
  DpopOptions options;
  options.clock = [now = time.now] { return now; };
  if (time.leeway) options.leeway = *time.leeway;
  auto verifier = DpopVerifier::create(std::move(options));
  if (!verifier) {
    outcome.errors.push_back(verifier.error());
    return;
  }
  auto proof = verifier->verify({access_token, inputs.proof, inputs.method, inputs.url, {}}, outcome.jkt);
  if (!proof) {
    outcome.errors.push_back(proof.error());
    return;
  }
  outcome.how.push_back("DPoP-bound to key " + outcome.jkt + ": the proof (" + proof->alg + ", jti " + proof->jti +
                        ") is signed by that key, for " + proof->htm + " " + proof->htu + ", and carries the token's hash");
  outcome.proof = std::move(*proof);
}

void check_certificate(const BindingInputs& inputs, const VerifiedToken& token, BindingOutcome& outcome) {
  if (!outcome.certificate_bound) {
    if (!inputs.certificate.empty())
      outcome.how.push_back("not certificate-bound (no cnf[\"x5t#S256\"]): the client certificate was ignored");
    return;
  }
  auto binding = check_certificate_binding(token, inputs.certificate, per_mechanism(inputs.mode));
  if (!binding) {
    outcome.errors.push_back(binding.error());
    // The report still says what certificate was presented (a mismatch shows both thumbprints).
    if (auto presented = certificate_thumbprint(inputs.certificate)) outcome.certificate_thumbprint = std::move(*presented);
    return;
  }
  outcome.certificate_thumbprint = binding->certificate_thumbprint;
  outcome.how.push_back("certificate-bound to x5t#S256 " + outcome.x5t + ": the SHA-256 thumbprint of " +
                        inputs.certificate_file + " matches it");
}

// cnf read once for both mechanisms; a malformed one is refused by each that reads it.
void read_cnf(const VerifiedToken& token, BindingOutcome& outcome) {
  if (auto jkt = dpop_bound_key(token); !jkt) {
    outcome.errors.push_back(jkt.error());
  } else if (jkt->has_value()) {
    outcome.dpop_bound = true;
    outcome.jkt = **jkt;
  }
  if (auto x5t = certificate_bound_thumbprint(token); !x5t) {
    outcome.errors.push_back(x5t.error());
  } else if (x5t->has_value()) {
    outcome.certificate_bound = true;
    outcome.x5t = **x5t;
  }
}

}  // namespace

BindingOutcome check_binding(const BindingInputs& inputs, std::string_view access_token, const VerifiedToken* token,
                             const ProofTime& time) {
  BindingOutcome outcome;
  outcome.mode = inputs.mode;
  if (token == nullptr) return outcome;
  outcome.checked = true;
  read_cnf(*token, outcome);
  if (!outcome.errors.empty()) return outcome;
  const bool bound = outcome.dpop_bound || outcome.certificate_bound;
  if (!bound && inputs.mode == BindingMode::required) {
    const bool only_certificate = inputs.proof.empty() && !inputs.certificate.empty();
    outcome.errors.push_back(
        only_certificate
            ? Error{ErrorCode::mtls_binding_required,
                    "the access token is not certificate-bound (no cnf[\"x5t#S256\"]) and binding is required"}
            : Error{ErrorCode::dpop_binding_required,
                    "the access token is not sender-constrained (no cnf.jkt nor cnf[\"x5t#S256\"]) and binding is required"});
    return outcome;
  }
  check_dpop(inputs, access_token, time, outcome);
  check_certificate(inputs, *token, outcome);
  if (!bound && outcome.errors.empty()) outcome.how.insert(outcome.how.begin(), "not bound (no cnf): a bearer token");
  return outcome;
}

Report with_binding(Report report, const BindingOutcome& outcome) {
  if (outcome.errors.empty()) return report;
  report.valid = false;
  report.errors.insert(report.errors.end(), outcome.errors.begin(), outcome.errors.end());
  return report;
}

void print_binding_human(const BindingOutcome& outcome, const TerminalStyle& style) {
  std::printf("\n%s (mode %s)\n", style.bold("Binding").c_str(), std::string(mode_name(outcome.mode)).c_str());
  if (!outcome.checked) {
    std::printf("  %s\n", style.dim("not checked: the token was refused").c_str());
  } else {
    for (const std::string& line : outcome.how)
      std::printf("  %s %s\n", style.mark(true).c_str(), terminal_safe(line).c_str());
    for (const Error& error : outcome.errors)
      std::printf("  %s %s: %s\n", style.mark(false).c_str(), std::string(code_name(error.code)).c_str(),
                  terminal_safe(error.message).c_str());
  }
  std::fflush(stdout);
}

void write_binding_json(JsonWriter& out, const BindingOutcome& outcome) {
  write_string(out, "binding");
  out.StartObject();
  write_member(out, "mode", mode_name(outcome.mode));
  write_string(out, "checked");
  out.Bool(outcome.checked);
  write_string(out, "passed");
  out.Bool(outcome.checked && outcome.errors.empty());
  write_string(out, "bound");
  out.StartArray();
  if (outcome.dpop_bound) write_string(out, "dpop");
  if (outcome.certificate_bound) write_string(out, "certificate");
  out.EndArray();
  write_string(out, "dpop");
  if (outcome.dpop_bound) {
    out.StartObject();
    write_member(out, "jkt", outcome.jkt);
    write_string(out, "proof");
    if (outcome.proof) {
      out.StartObject();
      write_member(out, "alg", outcome.proof->alg);
      write_member(out, "jti", outcome.proof->jti);
      write_string(out, "iat");
      out.Int64(outcome.proof->iat);
      write_member(out, "htm", outcome.proof->htm);
      write_member(out, "htu", outcome.proof->htu);
      out.EndObject();
    } else {
      out.Null();
    }
    out.EndObject();
  } else {
    out.Null();
  }
  write_string(out, "certificate");
  if (outcome.certificate_bound) {
    out.StartObject();
    write_member(out, "x5t#S256", outcome.x5t);
    write_string(out, "thumbprint");  // the presented certificate's; null when none could be read
    if (outcome.certificate_thumbprint.empty()) out.Null();
    else write_string(out, outcome.certificate_thumbprint);
    out.EndObject();
  } else {
    out.Null();
  }
  write_string(out, "how");
  out.StartArray();
  for (const std::string& line : outcome.how) write_string(out, line);
  out.EndArray();
  write_string(out, "errors");
  write_errors(out, outcome.errors);
  out.EndObject();
}

}  // namespace jwtcheck::cli
