#include "binding_flags.hpp"

#include "key_sources.hpp"

#include <CLI/CLI.hpp>

namespace jwtcheck::cli {

namespace {

// Well above the library's limits (DpopOptions::max_proof_bytes, max_certificate_bytes), which
// refuse with their own codes what gets past this.
constexpr std::size_t kMaxFileBytes = 64 * 1024;

Error usage(std::string message) { return Error{ErrorCode::invalid_policy, std::move(message)}; }

Result<BindingMode> parse_mode(const std::string& mode) {
  if (mode == "off") return BindingMode::off;
  if (mode == "allowed") return BindingMode::allowed;
  if (mode == "required") return BindingMode::required;
  return usage("--binding must be off, allowed or required, got \"" + mode + "\"");
}

// A proof file written by a shell or an editor ends with a newline that is no part of the JWS.
std::string without_trailing_space(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ' || text.back() == '\t'))
    text.pop_back();
  return text;
}

}  // namespace

void add_binding_options(CLI::App& app, BindingFlags& flags) {
  app.add_option("--dpop", flags.dpop_proof, "The DPoP proof (the DPoP header's value) sent with the token");
  app.add_option("--dpop-file", flags.dpop_file, "Read the DPoP proof from this file");
  app.add_option("--method", flags.method, "The HTTP method of the request the proof is for (htm)");
  app.add_option("--url", flags.url, "The URL of the request the proof is for (htu)");
  app.add_option("--client-cert", flags.client_cert_file,
                 "The client certificate the TLS layer saw (PEM or DER), for certificate-bound tokens");
  app.add_option("--binding", flags.mode,
                 "Sender-constrained tokens: off, allowed (default: bound tokens need their proof) or required");
}

Result<BindingInputs> read_binding_inputs(const BindingFlags& flags) {
  BindingInputs inputs;
  auto mode = parse_mode(flags.mode);
  if (!mode) return std::move(mode).error();
  inputs.mode = *mode;
  if (!flags.dpop_proof.empty() && !flags.dpop_file.empty()) return usage("give the DPoP proof once: --dpop or --dpop-file");
  if (!flags.dpop_file.empty()) {
    auto text = read_small_file(flags.dpop_file, kMaxFileBytes);
    if (!text) return std::move(text).error();
    inputs.proof = without_trailing_space(std::move(*text));
  } else {
    inputs.proof = flags.dpop_proof;
  }
  if (!inputs.proof.empty() && (flags.method.empty() || flags.url.empty()))
    return usage("a DPoP proof is checked against its request: give --method and --url");
  inputs.method = flags.method;
  inputs.url = flags.url;
  if (!flags.client_cert_file.empty()) {
    auto bytes = read_small_file(flags.client_cert_file, kMaxFileBytes);
    if (!bytes) return std::move(bytes).error();
    if (bytes->empty()) return usage("--client-cert " + flags.client_cert_file + " is empty");
    inputs.certificate = std::move(*bytes);
    inputs.certificate_file = flags.client_cert_file;
  }
  return inputs;
}

}  // namespace jwtcheck::cli
