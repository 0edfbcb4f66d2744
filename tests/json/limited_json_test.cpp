#include "json/limited_json.hpp"
#include "json/message_quote.hpp"
#include "json/object_scan.hpp"
#include "json/value_excerpt.hpp"
#include "support/error_printing.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

using jwtcheck::ErrorCode;
using jwtcheck::detail::parse_json_object;
using jwtcheck::detail::JsonKind;
using jwtcheck::detail::ObjectScan;
using jwtcheck::detail::quote_for_message;
using jwtcheck::detail::ScannedValue;

namespace {

// Scans a copy in place (as a token's header and claims are); returns the outcome.
jwtcheck::Result<void> parse_in_situ(const std::string& json, std::size_t max_depth = 16) {
  std::string buffer = json + std::string(jwtcheck::detail::kScanPadding, '\0');
  ObjectScan scan;
  return scan.run(buffer.data(), json, max_depth, "test", jwtcheck::detail::no_slots);
}

// The slots the scan tests keep.
constexpr std::string_view kTestNames[] = {"iss", "n", "esc", "arr", "t", "obj", "strs", "nil"};
constexpr jwtcheck::detail::SlotNames test_slot(kTestNames);

// A scan that keeps test_slot's members, with the buffers it points into.
struct Scanned {
  explicit Scanned(std::string json)
      : original(std::move(json)), buffer(original + std::string(jwtcheck::detail::kScanPadding, '\0')) {
    result = scan.run(buffer.data(), original, 16, "test", test_slot);
  }
  const ScannedValue* operator[](std::string_view name) const { return scan.slot(test_slot(name)); }
  std::string original, buffer;
  ObjectScan scan;
  jwtcheck::Result<void> result;
};

jwtcheck::Result<void> parse_copying(std::string_view json, std::size_t max_depth = 16) {
  rapidjson::Document doc;
  return parse_json_object(json, doc, max_depth, "test");
}

// Both parsers (the scan for tokens, the DOM for everything else) must agree on every input.
void require_code(const std::string& json, ErrorCode code) {
  BOOST_TEST_CONTEXT("input " << quote_for_message(json, 200)) {
    auto a = parse_in_situ(json);
    auto b = parse_copying(json);
    BOOST_REQUIRE(!a.ok());
    BOOST_REQUIRE(!b.ok());
    BOOST_TEST(jwtcheck::code_name(a.error().code) == jwtcheck::code_name(code));
    BOOST_TEST(jwtcheck::code_name(b.error().code) == jwtcheck::code_name(code));
    BOOST_TEST(a.error().message.rfind("test: ", 0) == 0);
  }
}

void require_ok(const std::string& json) {
  BOOST_TEST_CONTEXT("input " << quote_for_message(json, 200)) {
    auto a = parse_in_situ(json);
    auto b = parse_copying(json);
    BOOST_TEST(a.ok(), (a.ok() ? "" : a.error().message));
    BOOST_TEST(b.ok(), (b.ok() ? "" : b.error().message));
  }
}

std::string nested(std::size_t depth, char open, char close, const std::string& inner = "1") {
  // depth containers, the outermost an object so the root is one
  std::string s = "{\"a\":";
  for (std::size_t i = 1; i < depth; ++i) s += open == '[' ? "[" : "{\"a\":";
  s += inner;
  for (std::size_t i = 1; i < depth; ++i) s += close;
  s += "}";
  return s;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(limited_json)

BOOST_AUTO_TEST_CASE(scan_keeps_top_level_values_in_place) {
  Scanned s(R"({"iss":"https://t/","n":1.5,"esc":"a\"b\u00e9","arr":[1,{"x":null}],"t":true,"other":{"iss":"no"}})");
  BOOST_REQUIRE(s.result.ok());
  BOOST_REQUIRE(s["iss"]);
  BOOST_TEST(s["iss"]->is_string());
  BOOST_TEST(s["iss"]->string == "https://t/");
  // In situ: the string lives inside the scanned buffer; raw views point into the original.
  const char* iss = s["iss"]->string.data();
  BOOST_TEST((iss >= s.buffer.data() && iss < s.buffer.data() + s.buffer.size()));
  BOOST_TEST(s["iss"]->raw() == "\"https://t/\"");
  BOOST_TEST(s["esc"]->string == "a\"b\xc3\xa9");
  BOOST_TEST(s["esc"]->raw() == R"("a\"b\u00e9")");
  BOOST_TEST(s["n"]->is_number());
  BOOST_TEST(s["n"]->number == 1.5);
  BOOST_TEST(s["arr"]->is_array());
  BOOST_TEST(s["arr"]->size == 2u);
  BOOST_TEST(!s["arr"]->strings_only);
  BOOST_TEST(!s["arr"]->is_string_array());
  BOOST_TEST(s["arr"]->raw() == R"([1,{"x":null}])");
  BOOST_TEST((s["t"]->kind == JsonKind::boolean));
  BOOST_TEST(s["t"]->raw() == "true");
  BOOST_TEST(!s["obj"]);  // absent
  BOOST_TEST(s.scan.has_member("other"));
  BOOST_TEST(!s.scan.has_member("x"));  // nested names are not top-level members
}

BOOST_AUTO_TEST_CASE(scan_knows_every_top_level_member_kept_or_not) {
  // Kept members are known by their slot, the others by name; both readers (plain, then an
  // escaped text that goes to RapidJSON) must answer the same.
  for (const std::string& json : {std::string(R"({"iss":"a","other":1,"t":true,"nested":{"n":1}})"),
                                 std::string(R"({"iss":"\u0061","other":1,"t":true,"nested":{"n":1}})")}) {
    Scanned s(json);
    BOOST_REQUIRE(s.result.ok());
    for (const char* present : {"iss", "other", "t", "nested"}) BOOST_TEST(s.scan.has_member(present), present);
    for (const char* absent : {"n", "esc", "x", ""}) BOOST_TEST(!s.scan.has_member(absent), absent);
  }
}

BOOST_AUTO_TEST_CASE(scan_refuses_a_second_member_of_any_name_kept_or_not) {
  // Kept names ("iss", "n") are caught by their filled slot, the others at the object's end.
  for (const char* json : {R"({"iss":"a","iss":"b"})", R"({"iss":"a","other":1,"\u0069ss":"b"})",
                           R"({"n":1,"x":2,"n":3})", R"({"x":1,"y":2,"x":3})", R"({"x":1,"iss":"a","\u0078":3})",
                           R"({"iss":"a","x":1,"x":2,"iss":"b"})"}) {
    BOOST_TEST_CONTEXT(json) {
      Scanned s(json);
      BOOST_REQUIRE(!s.result.ok());
      BOOST_TEST(jwtcheck::code_name(s.result.error().code) == jwtcheck::code_name(ErrorCode::duplicate_member));
    }
  }
}

BOOST_AUTO_TEST_CASE(scan_keeps_only_top_level_members) {
  // "iss" inside an object or an array is not the top-level claim.
  Scanned s(R"({"obj":{"iss":"inner","n":2},"strs":[{"iss":"x"}],"n":3})");
  BOOST_REQUIRE(s.result.ok());
  BOOST_TEST(!s["iss"]);
  BOOST_TEST((s["obj"]->kind == JsonKind::object));
  BOOST_TEST(s["obj"]->raw() == R"({"iss":"inner","n":2})");
  BOOST_TEST(s["n"]->number == 3);
  BOOST_TEST(s["strs"]->size == 1u);
  BOOST_TEST(!s["strs"]->strings_only);
}

BOOST_AUTO_TEST_CASE(scan_raw_values_keep_spacing_and_excerpts_fold_it) {
  Scanned s("{ \"strs\" :\n [ \"a\" ,\t\"b\" ] , \"nil\" : null ,\"n\":-0.5e1 }");
  BOOST_REQUIRE(s.result.ok());
  BOOST_TEST(s["strs"]->raw() == "[ \"a\" ,\t\"b\" ]");
  BOOST_TEST(jwtcheck::detail::value_excerpt(s["strs"]->raw()) == "[ \"a\" , \"b\" ]");
  BOOST_TEST(s["nil"]->raw() == "null");
  BOOST_TEST((s["nil"]->kind == JsonKind::null));
  BOOST_TEST(s["n"]->raw() == "-0.5e1");
  BOOST_TEST(s["n"]->number == -5.0);
  BOOST_TEST(jwtcheck::detail::value_excerpt(std::string(200, 'x'), 10) == "xxxxxxxxxx...");
  BOOST_TEST(jwtcheck::detail::value_excerpt("\"a\xc3\xa9zzz\"", 3) == "\"a...");  // never half a character
}

BOOST_AUTO_TEST_CASE(scan_string_arrays_survive_the_heap_spill) {
  // More strings than the scan holds inline, across two kept arrays and an unkept one.
  std::string json = "{\"strs\":[";
  for (int i = 0; i < 300; ++i) json += (i ? ",\"s" : "\"s") + std::to_string(i) + "\"";
  json += "],\"skip\":[\"q\",\"r\"],\"arr\":[\"x\",\"y\"],\"esc\":[]}";
  Scanned s(json);
  BOOST_REQUIRE(s.result.ok());
  BOOST_REQUIRE(s["strs"]->is_string_array());
  BOOST_REQUIRE(s["strs"]->strings.size() == 300u);
  BOOST_TEST(s["strs"]->strings[0] == "s0");
  BOOST_TEST(s["strs"]->strings[299] == "s299");
  BOOST_REQUIRE(s["arr"]->strings.size() == 2u);
  BOOST_TEST(s["arr"]->strings[0] == "x");
  BOOST_TEST(s["arr"]->strings[1] == "y");
  BOOST_TEST(s["esc"]->is_string_array());  // empty: vacuously strings only
  BOOST_TEST(s["esc"]->strings.empty());
}

BOOST_AUTO_TEST_CASE(scan_checks_duplicates_per_object_across_spills) {
  // Sibling objects may reuse names; one object may not, however many names came before.
  std::string many = "{";
  for (int i = 0; i < 100; ++i) many += (i ? ",\"m" : "\"m") + std::to_string(i) + "\":0";
  many += "}";
  BOOST_TEST(parse_in_situ("{\"a\":" + many + ",\"b\":" + many + ",\"m1\":" + many + "}").ok());
  auto dup = parse_in_situ("{\"a\":" + many + ",\"b\":{\"x\":1,\"x\":2}}");
  BOOST_REQUIRE(!dup.ok());
  BOOST_TEST(dup.error().message == "test: duplicate member \"x\"");
  // A top-level name repeated after a large nested object (names popped in between).
  auto top = parse_in_situ("{\"a\":1,\"b\":" + many + ",\"a\":2}");
  BOOST_REQUIRE(!top.ok());
  BOOST_TEST(jwtcheck::code_name(top.error().code) == "duplicate_member");
}

BOOST_AUTO_TEST_CASE(copying_parser_needs_no_terminator) {
  const std::string text = R"({"a":1}garbage)";
  rapidjson::Document doc;
  auto r = parse_json_object(std::string_view(text).substr(0, 7), doc, 16, "x");
  BOOST_TEST(r.ok());
  BOOST_TEST(doc["a"].GetInt() == 1);
}

BOOST_AUTO_TEST_CASE(root_must_be_an_object) {
  for (const char* json : {"[]", "[{\"a\":1}]", "\"str\"", "1", "true", "null", "-0.5"}) {
    require_code(json, ErrorCode::invalid_json);
    auto r = parse_in_situ(json);
    BOOST_TEST(r.error().message.find("expected a JSON object") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(refuses_invalid_json) {
  for (const char* json :
       {"", " ", "{", "}", "{\"a\":1,}", "{\"a\":1}x", "{\"a\":1}{}", "{'a':1}", "{a:1}", "{\"a\":NaN}",
        "{\"a\":Infinity}", "{\"a\":-Infinity}", "{\"a\":1 /* c */}", "{\"a\":1} // c", "{\"a\":01}",
        "{\"a\":1.}", "{\"a\":.5}", "{\"a\":+1}", "{\"a\":\"\\x41\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"tab\there\"}",
        "{\"a\":\"\\ud800\"}", "{\"a\":tru}", "{\"a\" 1}", "{\"a\":1e400}", "{\"a\":-1e400}"}) {
    require_code(json, ErrorCode::invalid_json);
  }
}

BOOST_AUTO_TEST_CASE(refuses_bytes_after_an_embedded_nul) {
  // RapidJSON stops at NUL; the limited parser must notice the unread rest.
  require_code(std::string("{\"a\":1}\0{\"b\":2}", 15), ErrorCode::invalid_json);
  require_code(std::string("{\"a\":1}\0", 8), ErrorCode::invalid_json);
  require_code(std::string("{\"a\":\"x\0y\"}", 11), ErrorCode::invalid_json);
}

BOOST_AUTO_TEST_CASE(refuses_invalid_utf8) {
  for (const std::string bad : {"\x80", "\xc3", "\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80",
                                "\xff", "a\xc3(b", "\xf0\x9f\x98"}) {
    require_code("{\"a\":\"" + bad + "\"}", ErrorCode::invalid_json);
    require_code("{\"" + bad + "\":1}", ErrorCode::invalid_json);
    auto r = parse_in_situ("{\"a\":\"" + bad + "\"}");
    BOOST_TEST(r.error().message.find("UTF-8") != std::string::npos);
  }
  require_ok("{\"a\":\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"}");  // é € 😀
}

BOOST_AUTO_TEST_CASE(refuses_duplicate_member_names) {
  for (const char* json : {R"({"a":1,"a":1})", R"({"a":1,"b":2,"a":3})", R"({"a":1,"\u0061":2})",
                           R"({"\u00e9":1,"é":2})", R"({"x":{"k":1,"k":2}})", R"({"x":[{"k":1},{"k":1,"k":2}]})",
                           R"({"a\/b":1,"a/b":2})", R"({"":1,"":2})"}) {
    require_code(json, ErrorCode::duplicate_member);
  }
  auto r = parse_in_situ(R"({"a":1,"\u0061":2})");
  BOOST_TEST(r.error().message == "test: duplicate member \"a\"");
}

BOOST_AUTO_TEST_CASE(similar_names_are_not_duplicates) {
  require_ok(R"({"a":1,"A":2,"a ":3,"a\u0000":4,"b":{"a":1},"c":[{"a":1},{"a":1}]})");
}

BOOST_AUTO_TEST_CASE(duplicates_in_large_objects) {
  std::string json = "{";
  for (int i = 0; i < 200; ++i) json += "\"m" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  require_ok(json + "\"last\":0}");
  require_code(json + "\"m117\":0}", ErrorCode::duplicate_member);
  auto r = parse_in_situ(json + "\"m117\":0}");
  BOOST_TEST(r.error().message.find("\"m117\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(duplicates_at_every_object_size) {
  // Small objects compare pairs, larger ones sort (on the stack, then on the heap): cover each.
  for (int members : {2, 15, 16, 17, 63, 64, 65, 100}) {
    std::string json = "{";
    for (int i = 0; i < members; ++i) json += "\"n" + std::to_string(i) + "\":" + std::to_string(i) + ",";
    BOOST_TEST_CONTEXT(members << " members") {
      require_ok(json + "\"end\":0}");
      require_code(json + "\"n0\":0}", ErrorCode::duplicate_member);
      require_code(json + "\"n" + std::to_string(members - 1) + "\":0}", ErrorCode::duplicate_member);
    }
  }
}

BOOST_AUTO_TEST_CASE(depth_limit_is_exact) {
  for (std::size_t limit : {1u, 2u, 5u, 16u}) {
    BOOST_TEST_CONTEXT("limit " << limit) {
      for (char open : {'[', '{'}) {
        const char close = open == '[' ? ']' : '}';
        BOOST_TEST(parse_in_situ(nested(limit, open, close), limit).ok());
        BOOST_TEST(parse_copying(nested(limit, open, close), limit).ok());
        auto deep = parse_in_situ(nested(limit + 1, open, close), limit);
        BOOST_REQUIRE(!deep.ok());
        BOOST_TEST(deep.error().code == ErrorCode::json_too_deep);
        auto deep2 = parse_copying(nested(limit + 1, open, close), limit);
        BOOST_REQUIRE(!deep2.ok());
        BOOST_TEST(deep2.error().code == ErrorCode::json_too_deep);
      }
    }
  }
  // Siblings do not add up: depth is nesting, not count.
  BOOST_TEST(parse_in_situ(R"({"a":[1],"b":[2],"c":{"d":3}})", 2).ok());
}

BOOST_AUTO_TEST_CASE(very_deep_input_is_refused_without_recursion) {
  // Would overflow the stack of an unbounded recursive parser.
  std::string deep = "{\"a\":" + std::string(200000, '[') + std::string(200000, ']') + "}";
  auto r = parse_in_situ(deep);
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.error().code == ErrorCode::json_too_deep);
  std::string unclosed = "{\"a\":" + std::string(200000, '{');
  auto r2 = parse_copying(unclosed);
  BOOST_REQUIRE(!r2.ok());
  BOOST_TEST((r2.error().code == ErrorCode::json_too_deep || r2.error().code == ErrorCode::invalid_json));
}

BOOST_AUTO_TEST_CASE(numbers_keep_their_value) {
  Scanned s(R"({"n":1700000000,"t":100.5,"iss":-3,"esc":253402300799,"arr":1e300,"nil":18446744073709551615})");
  BOOST_REQUIRE(s.result.ok());
  BOOST_TEST(s["n"]->number == 1700000000.0);
  BOOST_TEST(s["t"]->number == 100.5);
  BOOST_TEST(s["iss"]->number == -3.0);
  BOOST_TEST(s["esc"]->number == 253402300799.0);
  BOOST_TEST(s["arr"]->number == 1e300);
  BOOST_TEST(s["nil"]->number == 18446744073709551615.0);
}

BOOST_AUTO_TEST_CASE(message_quote_escapes_and_cuts) {
  BOOST_TEST(quote_for_message("abc") == "\"abc\"");
  BOOST_TEST(quote_for_message("a\"b\\c") == "\"a\\\"b\\\\c\"");
  BOOST_TEST(quote_for_message(std::string("a\nb\x01\x7f", 5)) == "\"a\\nb\\u0001\\u007f\"");
  BOOST_TEST(quote_for_message(std::string(100, 'x'), 10) == "\"xxxxxxxxxx\"...");
  // Never cuts inside a UTF-8 character: "é" is 2 bytes, a cut at 2 keeps only "a".
  BOOST_TEST(quote_for_message("a\xc3\xa9zzz", 2) == "\"a\"...");
  BOOST_TEST(quote_for_message("") == "\"\"");
}

BOOST_AUTO_TEST_SUITE_END()
