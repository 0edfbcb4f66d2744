#include "verify/claim_checks.hpp"

#include "json/value_excerpt.hpp"
#include "json/message_quote.hpp"
#include "verify/check_json.hpp"
#include "verify/check_sinks.hpp"
#include "verify/message_format.hpp"
#include "verify/numeric_date.hpp"
#include "verify/typ_match.hpp"

#include <algorithm>
#include <string>

namespace jwtcheck::detail {

namespace {

constexpr std::string_view kMissing = "(missing)";

std::string name_str(std::string_view name) { return std::string(name); }

// The texts of a claim that is absent or has the wrong JSON type.
CheckText missing_text(std::string_view name, std::string expected) {
  return {expected, std::string(kMissing), name_str(name) + ": missing, expected " + expected};
}
CheckText wrong_type_text(std::string_view name, std::string expected, const ScannedValue& actual) {
  std::string got = value_excerpt(actual.raw());
  return {expected, got, name_str(name) + ": expected " + expected + ", got " + got};
}
CheckText mismatch_text(std::string_view name, std::string expected, std::string got) {
  return {expected, got, name_str(name) + ": expected " + expected + " got " + got};
}

bool contains(const std::vector<std::string>& values, std::string_view value) {
  return std::any_of(values.begin(), values.end(), [&](const std::string& v) { return v == value; });
}

template <class Sink>
bool check_issuer(const ClaimCheckInput& in, Sink& sink, CheckedClaims& out) {
  const std::string& want = in.policy.issuer;
  const ScannedValue* v = in.claims.iss;
  if (!v) return sink.record(false, ErrorCode::missing_claim, "iss", [&] { return missing_text("iss", quote_for_message(want)); });
  if (!v->is_string())
    return sink.record(false, ErrorCode::invalid_claim, "iss", [&] { return wrong_type_text("iss", "a string", *v); });
  out.iss = v->string;
  return sink.record(out.iss == want, ErrorCode::issuer_mismatch, "iss",
                     [&] { return mismatch_text("iss", quote_for_message(want), quote_for_message(out.iss)); });
}

// Returns whether `aud` (already type-checked) names one of the configured audiences.
bool audience_accepted(const ScannedValue& aud, const std::vector<std::string>& wanted) {
  if (aud.is_string()) return contains(wanted, aud.string);
  for (const std::string_view entry : aud.strings)
    if (contains(wanted, entry)) return true;
  return false;
}

bool audience_well_typed(const ScannedValue& aud) { return aud.is_string() || aud.is_string_array(); }

template <class Sink>
bool check_audience(const ClaimCheckInput& in, Sink& sink, CheckedClaims& out) {
  const auto& wanted = in.policy.audiences;
  const ScannedValue* v = in.claims.aud;
  auto expected = [&] { return format_expected_values(wanted); };
  if (!v) return sink.record(false, ErrorCode::missing_claim, "aud", [&] { return missing_text("aud", expected()); });
  if (!audience_well_typed(*v))
    return sink.record(false, ErrorCode::invalid_claim, "aud",
                       [&] { return wrong_type_text("aud", "a string or an array of strings", *v); });
  const std::size_t limit = in.policy.limits.max_audiences;
  if (v->is_array() && v->size > limit)
    return sink.record(false, ErrorCode::invalid_claim, "aud", [&] {
      std::string got = std::to_string(v->size) + " entries";
      return CheckText{expected(), got, "aud: " + got + ", limit " + std::to_string(limit)};
    });
  const bool accepted = audience_accepted(*v, wanted);
  if (accepted) out.aud = v;
  return sink.record(accepted, ErrorCode::audience_mismatch, "aud",
                     [&] { return mismatch_text("aud", expected(), value_excerpt(v->raw())); });
}

// The subject the policy wants, as text for messages.
std::string expected_subject(const Policy& p) {
  if (p.expected_client_id) return quote_for_message(*p.expected_client_id + p.subject_suffix);
  if (!p.subject_suffix.empty()) return "\"<client id>" + p.subject_suffix + "\"";
  return "any string";
}

// Whether `sub` fits the policy; sets the client id part when it does.
bool subject_fits(const Policy& p, std::string_view sub, std::string_view& client_id) {
  const std::string_view suffix = p.subject_suffix;
  if (p.expected_client_id) {
    const std::string_view id = *p.expected_client_id;
    if (sub.size() != id.size() + suffix.size() || !sub.starts_with(id) || !sub.ends_with(suffix))
      return false;
  } else if (sub.size() <= suffix.size() || !sub.ends_with(suffix)) {
    return suffix.empty();  // an empty suffix accepts any sub, even ""
  }
  client_id = sub.substr(0, sub.size() - suffix.size());
  return true;
}

// A claim that must be a string when present (and be present when `required`); nullptr when
// absent and optional, or when the check failed (then `ok` is what the sink said).
template <class Sink>
const ScannedValue* read_string(Sink& sink, std::string_view name, const ScannedValue* v, bool required, bool& ok) {
  ok = true;
  if (!v) {
    if (required) ok = sink.record(false, ErrorCode::missing_claim, name, [&] { return missing_text(name, "a string"); });
    return nullptr;
  }
  if (!v->is_string()) {
    ok = sink.record(false, ErrorCode::invalid_claim, name, [&] { return wrong_type_text(name, "a string", *v); });
    return nullptr;
  }
  return v;
}

// rfc9068 and any profiles: sub is any string (required by rfc9068), and says nothing of the client.
template <class Sink>
bool check_plain_subject(const ClaimCheckInput& in, Sink& sink, CheckedClaims& out) {
  bool ok = true;
  const ScannedValue* v = read_string(sink, "sub", in.claims.sub, in.policy.profile == TokenProfile::rfc9068, ok);
  if (!v) return ok;
  out.sub = v->string;
  return sink.record(true, ErrorCode::subject_mismatch, "sub",
                     [&] { return CheckText{"any string", quote_for_message(out.sub), ""}; });
}

template <class Sink>
bool check_subject(const ClaimCheckInput& in, Sink& sink, CheckedClaims& out) {
  const Policy& p = in.policy;
  if (p.profile != TokenProfile::auth0) return check_plain_subject(in, sink, out);
  const bool required = p.expected_client_id || !p.subject_suffix.empty();
  const ScannedValue* v = in.claims.sub;
  if (!v) {
    if (!required) return sink.record(true, ErrorCode::missing_claim, "sub", [] { return CheckText{"any string", "(missing)", ""}; });
    return sink.record(false, ErrorCode::missing_claim, "sub", [&] { return missing_text("sub", expected_subject(p)); });
  }
  if (!v->is_string())
    return sink.record(false, ErrorCode::invalid_claim, "sub", [&] { return wrong_type_text("sub", "a string", *v); });
  out.sub = v->string;
  if (p.subject_suffix.empty() && !p.expected_client_id) out.client_id = out.sub;
  return sink.record(subject_fits(p, out.sub, out.client_id), ErrorCode::subject_mismatch, "sub",
                     [&] { return mismatch_text("sub", expected_subject(p), quote_for_message(out.sub)); });
}

// azp and client_id name the client the token was issued to; they must agree with sub.
template <class Sink>
bool check_one_client_claim(const ClaimCheckInput& in, Sink& sink, std::string_view name, const ScannedValue* v,
                            const CheckedClaims& out) {
  if (!v) return true;
  if (!v->is_string())
    return sink.record(false, ErrorCode::invalid_claim, name, [&] { return wrong_type_text(name, "a string", *v); });
  const Policy& p = in.policy;
  std::string_view want;
  if (p.expected_client_id) want = *p.expected_client_id;
  else if (p.check_azp_matches_subject && !out.sub.empty() && !out.client_id.empty()) want = out.client_id;
  else return sink.record(true, ErrorCode::azp_mismatch, name, [&] { return CheckText{"a string", value_excerpt(v->raw()), ""}; });
  const std::string_view got = v->string;
  return sink.record(got == want, ErrorCode::azp_mismatch, name, [&] {
    CheckText text = mismatch_text(name, quote_for_message(want) + " (the client id in sub)", quote_for_message(got));
    text.expected_json = json_string(want);  // the value, not the description
    return text;
  });
}

// A client claim compared with `want` (empty: any string).
template <class Sink>
bool compare_client_claim(Sink& sink, std::string_view name, const ScannedValue& v, std::string_view want,
                          std::string_view want_text) {
  if (want.empty())
    return sink.record(true, ErrorCode::azp_mismatch, name, [&] { return CheckText{"a string", quote_for_message(v.string), ""}; });
  return sink.record(v.string == want, ErrorCode::azp_mismatch, name, [&] {
    CheckText text = mismatch_text(name, std::string(want_text), quote_for_message(v.string));
    text.expected_json = json_string(want);  // the value, not the description
    return text;
  });
}

// rfc9068 and any profiles: the client is client_id (required by rfc9068), else azp; the policy's
// expected client id is compared with it, and azp must agree with client_id.
template <class Sink>
bool check_plain_client_claims(const ClaimCheckInput& in, Sink& sink, CheckedClaims& out) {
  const Policy& p = in.policy;
  bool ok = true;
  const ScannedValue* client_id =
      read_string(sink, "client_id", in.claims.client_id, p.profile == TokenProfile::rfc9068, ok);
  if (!ok) return false;
  const std::string expected = p.expected_client_id.value_or("");
  if (client_id) {
    out.client_id = client_id->string;
    if (!compare_client_claim(sink, "client_id", *client_id, expected, quote_for_message(expected))) return false;
  }
  const ScannedValue* azp = read_string(sink, "azp", in.claims.azp, false, ok);
  if (!azp) return ok;
  if (!client_id) {
    out.client_id = azp->string;
    return compare_client_claim(sink, "azp", *azp, expected, quote_for_message(expected));
  }
  return compare_client_claim(sink, "azp", *azp, client_id->string, quote_for_message(client_id->string) + " (the client_id)");
}

template <class Sink>
bool check_client_claims(const ClaimCheckInput& in, Sink& sink, CheckedClaims& out) {
  if (in.policy.profile != TokenProfile::auth0) return check_plain_client_claims(in, sink, out);
  return check_one_client_claim(in, sink, "azp", in.claims.azp, out) &&
         check_one_client_claim(in, sink, "client_id", in.claims.client_id, out);
}

// rfc9068: jti, the token's unique id, is required.
template <class Sink>
bool check_token_id(const ClaimCheckInput& in, Sink& sink) {
  if (in.policy.profile != TokenProfile::rfc9068) return true;
  bool ok = true;
  const ScannedValue* v = read_string(sink, "jti", in.claims.jti, true, ok);
  if (!v) return ok;
  return sink.record(!v->string.empty(), ErrorCode::invalid_claim, "jti", [&] {
    return CheckText{"a non-empty string", quote_for_message(v->string), "jti: expected a non-empty string"};
  });
}

template <class Sink>
bool check_grant_type(const ClaimCheckInput& in, Sink& sink) {
  if (!in.policy.required_gty) return true;
  // The quoted expectation is built only inside the failure lambdas: success allocates nothing.
  const std::string_view want = *in.policy.required_gty;
  const ScannedValue* v = in.claims.gty;
  if (!v) return sink.record(false, ErrorCode::missing_claim, "gty", [&] { return missing_text("gty", quote_for_message(want)); });
  if (!v->is_string())
    return sink.record(false, ErrorCode::invalid_claim, "gty", [&] { return wrong_type_text("gty", "a string", *v); });
  const std::string_view got = v->string;
  return sink.record(got == want, ErrorCode::gty_mismatch, "gty",
                     [&] { return mismatch_text("gty", quote_for_message(want), quote_for_message(got)); });
}

// Reads an optional or required NumericDate claim; false when the sink says stop.
template <class Sink>
bool read_date(Sink& sink, std::string_view name, const ScannedValue* v, bool required, std::optional<double>& out) {
  static constexpr std::string_view kWant = "a NumericDate (a JSON number of seconds, 0..253402300799)";
  if (!v) {
    if (!required) return true;
    return sink.record(false, ErrorCode::missing_claim, name, [&] { return missing_text(name, std::string(kWant)); });
  }
  out = read_numeric_date(*v);
  if (!out) return sink.record(false, ErrorCode::invalid_claim, name, [&] { return wrong_type_text(name, std::string(kWant), *v); });
  return true;
}

double leeway_of(const Policy& p) { return static_cast<double>(p.leeway.count()); }

std::string leeway_text(const Policy& p) { return "(leeway " + format_duration(leeway_of(p)) + ")"; }

// exp: valid while now < exp + leeway (RFC 7519 §4.1.4: expired "on or after").
template <class Sink>
bool compare_expiry(const Policy& p, std::int64_t now_s, double exp, Sink& sink) {
  const double now = static_cast<double>(now_s), leeway = leeway_of(p);
  return sink.record(now < exp + leeway, ErrorCode::expired, "exp", [&] {
    return CheckText{"later than now " + format_timestamp(now) + " " + leeway_text(p), format_timestamp(exp),
                     "exp: expired " + format_duration(now - exp) + " ago " + leeway_text(p),
                     time_bound_json(now, leeway, "greater_than", now - leeway), json_number(exp)};
  });
}

// nbf: valid when now >= nbf - leeway.
template <class Sink>
bool compare_not_before(const Policy& p, std::int64_t now_s, double nbf, Sink& sink) {
  const double now = static_cast<double>(now_s), leeway = leeway_of(p);
  return sink.record(now >= nbf - leeway, ErrorCode::not_yet_valid, "nbf", [&] {
    return CheckText{"not after now " + format_timestamp(now) + " " + leeway_text(p), format_timestamp(nbf),
                     "nbf: not valid for another " + format_duration(nbf - now) + " " + leeway_text(p),
                     time_bound_json(now, leeway, "at_most", now + leeway), json_number(nbf)};
  });
}

// iat: invalid when iat > now + leeway.
template <class Sink>
bool compare_issued_at(const Policy& p, std::int64_t now_s, double iat, Sink& sink) {
  const double now = static_cast<double>(now_s), leeway = leeway_of(p);
  return sink.record(!(iat > now + leeway), ErrorCode::issued_in_future, "iat", [&] {
    return CheckText{"not after now " + format_timestamp(now) + " " + leeway_text(p), format_timestamp(iat),
                     "iat: issued " + format_duration(iat - now) + " in the future " + leeway_text(p),
                     time_bound_json(now, leeway, "at_most", now + leeway), json_number(iat)};
  });
}

// max_age: like an exp of iat + max_age, so valid while now < iat + max_age + leeway.
template <class Sink>
bool compare_max_age(const Policy& p, std::int64_t now_s, double iat, Sink& sink) {
  if (!p.max_age) return true;
  const double now = static_cast<double>(now_s), leeway = leeway_of(p);
  const double max_age = static_cast<double>(p.max_age->count());
  return sink.record(now < iat + max_age + leeway, ErrorCode::token_too_old, "max_age", [&] {
    return CheckText{"issued less than " + format_duration(max_age) + " ago " + leeway_text(p),
                     "issued " + format_duration(now - iat) + " ago",
                     "iat: issued " + format_duration(now - iat) + " ago, max age " + format_duration(max_age) + " " +
                         leeway_text(p),
                     time_bound_json(now, leeway, "greater_than", now - max_age - leeway), json_number(iat)};
  });
}

template <class Sink>
bool check_expiry(const ClaimCheckInput& in, Sink& sink, CheckedClaims& out) {
  if (!read_date(sink, "exp", in.claims.exp, in.policy.require_exp, out.exp)) return false;
  return !out.exp || compare_expiry(in.policy, in.now, *out.exp, sink);
}

template <class Sink>
bool check_not_before(const ClaimCheckInput& in, Sink& sink, CheckedClaims& out) {
  if (!read_date(sink, "nbf", in.claims.nbf, false, out.nbf)) return false;
  return !out.nbf || compare_not_before(in.policy, in.now, *out.nbf, sink);
}

template <class Sink>
bool check_issued_at(const ClaimCheckInput& in, Sink& sink, CheckedClaims& out) {
  const bool required =
      in.policy.require_iat || in.policy.max_age.has_value() || in.policy.profile == TokenProfile::rfc9068;
  if (!read_date(sink, "iat", in.claims.iat, required, out.iat)) return false;
  return !out.iat || compare_issued_at(in.policy, in.now, *out.iat, sink);
}

template <class Sink>
bool check_max_age(const ClaimCheckInput& in, Sink& sink, const CheckedClaims& out) {
  return !out.iat || compare_max_age(in.policy, in.now, *out.iat, sink);
}

// The typ an rfc9068 token carries when the policy names none (RFC 9068 §2.1).
const std::vector<std::string> kAccessTokenTyp = {"at+jwt"};

template <class Sink>
bool check_typ(const ClaimCheckInput& in, Sink& sink) {
  const bool rfc9068 = in.policy.profile == TokenProfile::rfc9068;
  const auto& allowed = in.policy.typ_allowlist.empty() && rfc9068 ? kAccessTokenTyp : in.policy.typ_allowlist;
  if (allowed.empty()) return true;
  const JoseHeader& h = in.header;
  const bool ok = h.has_typ && std::any_of(allowed.begin(), allowed.end(),
                                           [&](const std::string& a) { return typ_matches(h.typ, a); });
  return sink.record(ok, ErrorCode::typ_mismatch, "typ", [&] {
    return mismatch_text("typ", format_expected_values(allowed),
                         h.has_typ ? quote_for_message(h.typ) : std::string(kMissing));
  });
}

// The granted scopes for people: "read:a write:b" quoted, or none (never an empty string).
std::string scope_names(const ScopeList& scopes) {
  std::string out;
  for (const Scope& s : scopes.scopes()) out += (out.empty() ? "" : " ") + std::string(s.name);
  return out.empty() ? std::string("none") : quote_for_message(out, 200);
}

// The granted scopes as a JSON array of names ([] when none).
std::string scope_names_json(const ScopeList& scopes) {
  std::vector<std::string_view> names;
  for (const Scope& s : scopes.scopes()) names.push_back(s.name);
  return json_strings(names);
}

template <class Sink>
bool check_scopes(const ClaimCheckInput& in, Sink& sink, ScopeList& scopes) {
  auto collected = collect_scopes(in.claims, in.policy.limits.max_scopes, scopes);
  if (!collected) return sink.fail("scope", "valid scope, scp and permissions claims", collected.error());
  const auto& required = in.policy.required_scopes;
  const bool ok = std::all_of(required.begin(), required.end(), [&](const std::string& s) { return scopes.contains(s); });
  return sink.record(ok, ErrorCode::missing_scope, "scope", [&] {
    std::vector<std::string> missing;
    for (const auto& s : required)
      if (!scopes.contains(s)) missing.push_back(s);
    return CheckText{format_string_list(required), scope_names(scopes),
                     "scope: missing " + format_string_list(missing) + " (granted: " + scope_names(scopes) + ")", {},
                     scope_names_json(scopes)};
  });
}

}  // namespace

template <class Sink>
bool check_claims(const ClaimCheckInput& in, Sink& sink, CheckedClaims& out, ScopeList& scopes) {
  return check_issuer(in, sink, out) && check_audience(in, sink, out) && check_subject(in, sink, out) &&
         check_client_claims(in, sink, out) && check_grant_type(in, sink) && check_expiry(in, sink, out) &&
         check_not_before(in, sink, out) && check_issued_at(in, sink, out) && check_max_age(in, sink, out) &&
         check_token_id(in, sink) && check_typ(in, sink) && check_scopes(in, sink, scopes);
}

template <class Sink>
bool check_times(const Policy& policy, std::int64_t now, const TokenTimes& times, Sink& sink) {
  return (!times.exp || compare_expiry(policy, now, *times.exp, sink)) &&
         (!times.nbf || compare_not_before(policy, now, *times.nbf, sink)) &&
         (!times.iat || (compare_issued_at(policy, now, *times.iat, sink) && compare_max_age(policy, now, *times.iat, sink)));
}

template bool check_times<FirstFailureSink>(const Policy&, std::int64_t, const TokenTimes&, FirstFailureSink&);
template bool check_claims<FirstFailureSink>(const ClaimCheckInput&, FirstFailureSink&, CheckedClaims&, ScopeList&);
template bool check_claims<ReportSink>(const ClaimCheckInput&, ReportSink&, CheckedClaims&, ScopeList&);

}  // namespace jwtcheck::detail
