#include "config_file.hpp"

#include "../key_sources.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <set>
#include <string_view>

namespace jwtcheck::cli::authz {

namespace {

constexpr std::size_t max_config_bytes = 1024 * 1024;

// A failure while reading the document, carried out by exception within this file only.
struct ConfigError {
  std::string message;
};

class Reader {
 public:
  explicit Reader(std::string path) : path_(std::move(path)) {}

  std::string where(const toml::node& node) const {
    return path_ + ":" + std::to_string(node.source().begin.line);
  }
  [[noreturn]] void fail(const toml::node& node, std::string_view key, std::string_view problem) const {
    throw ConfigError{where(node) + ": key \"" + std::string(key) + "\": " + std::string(problem)};
  }

  // Every key of `table` must be one of `known`.
  void only_keys(const toml::table& table, std::string_view what, std::initializer_list<std::string_view> known) const {
    for (const auto& [key, value] : table) {
      if (std::find(known.begin(), known.end(), key.str()) != known.end()) continue;
      std::string list;
      for (std::string_view k : known) list += (list.empty() ? "" : ", ") + std::string(k);
      fail(value, key.str(), "unknown key in " + std::string(what) + " (known: " + list + ")");
    }
  }

  std::optional<std::string> string(const toml::table& table, std::string_view key) const {
    const toml::node* node = table.get(key);
    if (node == nullptr) return std::nullopt;
    if (!node->is_string()) fail(*node, key, "expected a string");
    std::string value = node->as_string()->get();
    if (value.empty()) fail(*node, key, "must not be empty");
    return value;
  }
  std::optional<std::int64_t> integer(const toml::table& table, std::string_view key, std::int64_t min,
                                      std::int64_t max) const {
    const toml::node* node = table.get(key);
    if (node == nullptr) return std::nullopt;
    if (!node->is_integer()) fail(*node, key, "expected an integer");
    const std::int64_t value = node->as_integer()->get();
    if (value < min || value > max) {
      fail(*node, key, "expected " + std::to_string(min) + " to " + std::to_string(max));
    }
    return value;
  }
  std::optional<bool> boolean(const toml::table& table, std::string_view key) const {
    const toml::node* node = table.get(key);
    if (node == nullptr) return std::nullopt;
    if (!node->is_boolean()) fail(*node, key, "expected true or false");
    return node->as_boolean()->get();
  }
  // A string or an array of non-empty strings.
  std::vector<std::string> strings(const toml::table& table, std::string_view key) const {
    std::vector<std::string> values;
    const toml::node* node = table.get(key);
    if (node == nullptr) return values;
    if (node->is_string()) {
      values.push_back(node->as_string()->get());
    } else if (const toml::array* array = node->as_array()) {
      for (const toml::node& item : *array) {
        if (!item.is_string()) fail(item, key, "expected an array of strings");
        values.push_back(item.as_string()->get());
      }
    } else {
      fail(*node, key, "expected a string or an array of strings");
    }
    for (const std::string& v : values) {
      if (v.empty()) fail(*node, key, "empty string");
    }
    return values;
  }
  const toml::table* table(const toml::table& parent, std::string_view key) const {
    const toml::node* node = parent.get(key);
    if (node == nullptr) return nullptr;
    if (!node->is_table()) fail(*node, key, "expected a table");
    return node->as_table();
  }
  // An array of tables ([[key]]).
  std::vector<const toml::table*> tables(const toml::table& parent, std::string_view key) const {
    std::vector<const toml::table*> out;
    const toml::node* node = parent.get(key);
    if (node == nullptr) return out;
    const toml::array* array = node->as_array();
    if (array == nullptr) fail(*node, key, "expected [[" + std::string(key) + "]] tables");
    for (const toml::node& item : *array) {
      if (!item.is_table()) fail(item, key, "expected [[" + std::string(key) + "]] tables");
      out.push_back(item.as_table());
    }
    return out;
  }

 private:
  std::string path_;
};

bool valid_header_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(), [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_'; });
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

void read_service(const Reader& r, const toml::table& root, AuthzConfig& config) {
  const toml::table* service = r.table(root, "service");
  if (service == nullptr) return;
  r.only_keys(*service, "[service]",
              {"listen", "admin_listen", "realm", "max_key_wait_ms", "cache_entries", "default_route",
               "client_cert_header"});
  if (auto v = r.string(*service, "listen")) config.listen = *v;
  if (auto v = r.string(*service, "admin_listen")) config.admin_listen = *v;
  if (auto v = r.string(*service, "realm")) {
    if (v->find_first_of("\"\\\r\n") != std::string::npos) r.fail(*service->get("realm"), "realm", "no quotes, backslashes or line breaks");
    config.realm = *v;
  }
  if (auto v = r.integer(*service, "max_key_wait_ms", 0, 10000)) config.max_key_wait_ms = *v;
  if (auto v = r.integer(*service, "cache_entries", 0, 10'000'000)) config.cache_entries = *v;
  if (auto v = r.string(*service, "client_cert_header")) {
    if (!valid_header_name(*v)) r.fail(*service->get("client_cert_header"), "client_cert_header", "expected a header name");
    config.client_cert_header = *v;
  }
}

IssuerConfig read_issuer(const Reader& r, const toml::table& t) {
  r.only_keys(t, "[[issuer]]",
              {"issuer", "audiences", "jwks_file", "jwks_url", "tenant", "discovery", "cacert", "required_scopes",
               "algorithms", "subject_suffix", "leeway_seconds", "refetch_cooldown_seconds", "profile", "dpop", "mtls"});
  IssuerConfig issuer;
  issuer.where = r.where(t);
  auto url = r.string(t, "issuer");
  if (!url) r.fail(t, "issuer", "missing: every [[issuer]] names its issuer URL");
  if (url->rfind("https://", 0) != 0 && url->rfind("http://", 0) != 0) {
    r.fail(*t.get("issuer"), "issuer", "expected a URL such as https://TENANT/");
  }
  issuer.issuer = *url;
  issuer.audiences = r.strings(t, "audiences");
  if (issuer.audiences.empty()) r.fail(t, "audiences", "missing: at least one audience");
  issuer.jwks_file = r.string(t, "jwks_file").value_or("");
  issuer.jwks_url = r.string(t, "jwks_url").value_or("");
  issuer.tenant = r.string(t, "tenant").value_or("");
  issuer.discovery = r.boolean(t, "discovery").value_or(false);
  const int sources = !issuer.jwks_file.empty() + !issuer.jwks_url.empty() + !issuer.tenant.empty() + issuer.discovery;
  if (sources != 1) {
    r.fail(t, "jwks_file", "give exactly one of jwks_file, jwks_url, tenant or discovery = true");
  }
  issuer.cacert = r.string(t, "cacert").value_or("");
  issuer.required_scopes = r.strings(t, "required_scopes");
  issuer.algorithms = r.strings(t, "algorithms");
  if (const toml::node* n = t.get("subject_suffix")) {
    if (!n->is_string()) r.fail(*n, "subject_suffix", "expected a string (\"\" for any sub)");
    issuer.subject_suffix = n->as_string()->get();
  }
  if (auto v = r.integer(t, "leeway_seconds", 0, 3600)) issuer.leeway_seconds = *v;
  if (auto v = r.integer(t, "refetch_cooldown_seconds", 1, 3600)) issuer.refetch_cooldown_seconds = *v;
  if (auto v = r.string(t, "profile")) {
    const auto profile = profile_from_name(*v);
    if (!profile) r.fail(*t.get("profile"), "profile", "expected \"auth0\", \"rfc9068\" or \"any\"");
    issuer.profile = *profile;
  }
  if (auto v = r.string(t, "dpop")) {
    const auto mode = binding_mode_from_name(*v);
    if (!mode) r.fail(*t.get("dpop"), "dpop", "expected \"off\", \"allowed\" or \"required\"");
    issuer.dpop = *mode;
  }
  if (auto v = r.string(t, "mtls")) {
    const auto mode = binding_mode_from_name(*v);
    if (!mode) r.fail(*t.get("mtls"), "mtls", "expected \"off\", \"allowed\" or \"required\"");
    issuer.mtls = *mode;
  }
  return issuer;
}

RouteConfig read_route(const Reader& r, const toml::table& t, std::size_t index) {
  r.only_keys(t, "[[route]]", {"name", "methods", "path", "scopes", "claims", "allow_anonymous"});
  RouteConfig route;
  route.name = r.string(t, "name").value_or("route " + std::to_string(index + 1));
  for (std::string& m : r.strings(t, "methods")) route.methods.push_back(upper(std::move(m)));
  auto path = r.string(t, "path");
  if (!path) r.fail(t, "path", "missing: every [[route]] has a path pattern");
  if (path->front() != '/') r.fail(*t.get("path"), "path", "a path pattern starts with /");
  route.path = *path;
  route.scopes = r.strings(t, "scopes");
  if (const toml::table* claims = r.table(t, "claims")) {
    for (const auto& [key, value] : *claims) {
      if (!value.is_string()) r.fail(value, key.str(), "a required claim value is a string");
      route.claims.emplace_back(std::string(key.str()), value.as_string()->get());
    }
  }
  route.allow_anonymous = r.boolean(t, "allow_anonymous").value_or(false);
  if (route.allow_anonymous && (!route.scopes.empty() || !route.claims.empty())) {
    r.fail(t, "allow_anonymous", "an anonymous route cannot require scopes or claims");
  }
  return route;
}

void read_headers(const Reader& r, const toml::table& root, AuthzConfig& config) {
  const toml::table* headers = r.table(root, "headers");
  if (headers == nullptr) return;
  for (const auto& [key, value] : *headers) {
    const std::string header(key.str());
    if (!valid_header_name(header)) r.fail(value, header, "not a valid header name");
    std::string lower = header;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower.rfind("x-jwtcheck-", 0) == 0 && lower != "x-jwtcheck-" ) {
      static const std::set<std::string> reserved = {"x-jwtcheck-issuer", "x-jwtcheck-subject", "x-jwtcheck-client-id",
                                                     "x-jwtcheck-scope"};
      if (reserved.count(lower) != 0) r.fail(value, header, "this header is set by jwtcheck itself");
    }
    if (!value.is_string() || value.as_string()->get().empty()) r.fail(value, header, "expected a claim name");
    config.headers.push_back(HeaderMapping{header, value.as_string()->get()});
  }
}

}  // namespace

Result<AuthzConfig> parse_config_text(std::string_view text, const std::string& path) {
  toml::table root;
  try {
    root = toml::parse(text, std::string_view(path));
  } catch (const toml::parse_error& e) {
    return Error{ErrorCode::invalid_policy, path + ":" + std::to_string(e.source().begin.line) + ": " +
                                                std::string(e.description())};
  }
  const Reader r(path);
  AuthzConfig config;
  config.source = path;
  try {
    r.only_keys(root, "the file", {"service", "issuer", "route", "headers"});
    read_service(r, root, config);
    std::set<std::string> seen;
    for (const toml::table* t : r.tables(root, "issuer")) {
      IssuerConfig issuer = read_issuer(r, *t);
      if (!seen.insert(issuer.issuer).second) r.fail(*t, "issuer", "duplicate issuer \"" + issuer.issuer + "\"");
      config.issuers.push_back(std::move(issuer));
    }
    if (config.issuers.empty()) {
      return Error{ErrorCode::invalid_policy, path + ": no [[issuer]]: at least one issuer is needed"};
    }
    const auto routes = r.tables(root, "route");
    for (std::size_t i = 0; i < routes.size(); ++i) config.routes.push_back(read_route(r, *routes[i], i));
    if (const toml::table* service = r.table(root, "service")) {
      if (auto name = r.string(*service, "default_route")) {
        auto found = std::find_if(config.routes.begin(), config.routes.end(),
                                  [&](const RouteConfig& route) { return route.name == *name; });
        if (found == config.routes.end()) r.fail(*service->get("default_route"), "default_route", "no [[route]] has this name");
        config.default_route = static_cast<std::size_t>(found - config.routes.begin());
      }
    }
    if (config.routes.empty()) {
      return Error{ErrorCode::invalid_policy, path + ": no [[route]]: add one (path = \"/**\" lets every request through)"};
    }
    read_headers(r, root, config);
  } catch (const ConfigError& e) {
    return Error{ErrorCode::invalid_policy, e.message};
  }
  return config;
}

Result<AuthzConfig> load_config_file(const std::string& path) {
  auto text = read_small_file(path, max_config_bytes);
  if (!text) return std::move(text).error();
  return parse_config_text(*text, path);
}

}  // namespace jwtcheck::cli::authz
