// `jwtcheck config check FILE`: reads an authz config file (docs/authz.md) as `jwtcheck authz`
// would, checks everything that needs no network (every key, the issuers' policies, JWKS and CA
// files, key source addresses), and prints the issuers it would trust. No fetch is made.
#include "authz/config_file.hpp"
#include "authz/issuer_registry.hpp"
#include "command.hpp"
#include "common_options.hpp"
#include "exit_codes.hpp"
#include "json_output.hpp"
#include "report_output.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>
#include <string>

namespace jwtcheck::cli {

namespace {

struct ConfigCheckFlags {
  std::string file;
  OutputFlags output;
};

std::string key_source_of(const authz::IssuerConfig& issuer) {
  if (!issuer.jwks_file.empty()) return "JWKS file " + issuer.jwks_file;
  if (!issuer.jwks_url.empty()) return "JWKS URL " + issuer.jwks_url;
  if (!issuer.tenant.empty()) return "tenant " + issuer.tenant;
  return "discovery (" + issuer.issuer + ".well-known/openid-configuration)";
}

std::string joined(const std::vector<std::string>& values) {
  std::string text;
  for (const std::string& v : values) text += (text.empty() ? "" : " ") + v;
  return text.empty() ? "(none)" : text;
}

void print_json(const authz::AuthzConfig& config) {
  JsonDocument doc;
  JsonWriter& out = doc.writer();
  out.StartObject();
  write_member(out, "file", config.source);
  out.Key("valid");
  out.Bool(true);
  out.Key("issuers");
  out.StartArray();
  for (const authz::IssuerConfig& issuer : config.issuers) {
    out.StartObject();
    write_member(out, "issuer", issuer.issuer);
    out.Key("audiences");
    out.StartArray();
    for (const std::string& audience : issuer.audiences) write_string(out, audience);
    out.EndArray();
    write_member(out, "profile", profile_name(issuer.profile));
    write_member(out, "keys", key_source_of(issuer));
    out.EndObject();
  }
  out.EndArray();
  out.Key("routes");
  out.Uint64(config.routes.size());
  out.EndObject();
  doc.print();
}

void print_human(const authz::AuthzConfig& config) {
  std::printf("%s: valid; %zu issuer%s and %zu route%s. It trusts:\n", config.source.c_str(), config.issuers.size(),
              config.issuers.size() == 1 ? "" : "s", config.routes.size(), config.routes.size() == 1 ? "" : "s");
  for (const authz::IssuerConfig& issuer : config.issuers) {
    std::printf("  %s\n    audiences  %s\n    profile    %s\n    keys       %s\n", issuer.issuer.c_str(),
                joined(issuer.audiences).c_str(), std::string(profile_name(issuer.profile)).c_str(),
                key_source_of(issuer).c_str());
  }
}

int run_config_check(const ConfigCheckFlags& flags) {
  auto config = authz::load_config_file(flags.file);
  if (!config) return usage_failure("config check", config.error(), flags.output.json);
  if (auto checked = authz::IssuerRegistry::check(*config); !checked) {
    return usage_failure("config check", checked.error(), flags.output.json);
  }
  if (flags.output.json) {
    print_json(*config);
  } else {
    print_human(*config);
  }
  return exit_valid;
}

}  // namespace

Command add_config_command(CLI::App& parent) {
  auto flags = std::make_shared<ConfigCheckFlags>();
  CLI::App* config = add_subcommand(parent, "config", "Check a config file of `jwtcheck authz` (docs/authz.md)");
  config->require_subcommand(1);
  CLI::App* check = add_subcommand(*config, "check",
                                   "Check FILE as `jwtcheck authz --config FILE` would (no fetch is made) and print "
                                   "the issuers it would trust");
  check->add_option("FILE", flags->file, "The TOML config file")->required();
  add_output_options(*check, flags->output);
  return Command{config, [flags] { return run_config_check(*flags); }};
}

}  // namespace jwtcheck::cli
