// jwtcheck CLI — the sender-constrained token flags of `verify`: the DPoP proof and the request
// it came with, the client certificate, and the binding mode.
#pragma once

#include <jwtcheck/binding_mode.hpp>
#include <jwtcheck/error.hpp>

#include <string>

namespace CLI {
class App;
}

namespace jwtcheck::cli {

/// --dpop, --dpop-file, --method, --url, --client-cert, --binding.
struct BindingFlags {
  std::string dpop_proof;        ///< --dpop PROOF
  std::string dpop_file;         ///< --dpop-file FILE
  std::string method;            ///< --method M (the request's HTTP method)
  std::string url;               ///< --url U (the request's URL)
  std::string client_cert_file;  ///< --client-cert FILE (PEM or DER)
  std::string mode = "allowed";  ///< --binding off|allowed|required
};
void add_binding_options(CLI::App& app, BindingFlags& flags);

/// What the flags name, read: the proof text and the certificate's bytes (empty when not given).
struct BindingInputs {
  BindingMode mode = BindingMode::allowed;
  std::string proof;
  std::string method;
  std::string url;
  std::string certificate;
  std::string certificate_file;  ///< for the report: where the certificate came from
};

/// Reads the files and checks the flags fit together. Errors: invalid_policy (--dpop with
/// --dpop-file, a proof without --method and --url, an unknown mode), io_error (an unreadable
/// file, named; never its content).
Result<BindingInputs> read_binding_inputs(const BindingFlags& flags);

}  // namespace jwtcheck::cli
