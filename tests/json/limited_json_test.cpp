#include "json/json_document.hpp"
#include "json/limited_json.hpp"
#include "json/message_quote.hpp"
#include "support/error_printing.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

using jwtcheck::ErrorCode;
using jwtcheck::detail::parse_json_object;
using jwtcheck::detail::parse_json_object_in_situ;
using jwtcheck::detail::quote_for_message;
using jwtcheck::detail::StackJsonDocument;

namespace {

// Parses a copy in place; returns the outcome (ok or the error).
jwtcheck::Result<void> parse_in_situ(const std::string& json, std::size_t max_depth = 16) {
  std::string buffer = json;  // std::string keeps a NUL after the last byte
  StackJsonDocument<> doc;
  return parse_json_object_in_situ(buffer.data(), buffer.size(), doc.document(), max_depth, "test");
}

jwtcheck::Result<void> parse_copying(std::string_view json, std::size_t max_depth = 16) {
  rapidjson::Document doc;
  return parse_json_object(json, doc, max_depth, "test");
}

// Both entry points must agree on every input.
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

BOOST_AUTO_TEST_CASE(parses_an_object_in_place) {
  std::string buffer = R"({"iss":"https://t/","n":1.5,"esc":"a\"b\u00e9","arr":[1,{"x":null}],"t":true})";
  StackJsonDocument<> holder;
  auto r = parse_json_object_in_situ(buffer.data(), buffer.size(), holder.document(), 16, "claims");
  BOOST_REQUIRE(r.ok());
  const auto& doc = holder.document();
  BOOST_TEST(doc["iss"].GetString() == std::string("https://t/"));
  // In-situ: the string lives inside our buffer.
  const char* iss = doc["iss"].GetString();
  BOOST_TEST((iss >= buffer.data() && iss < buffer.data() + buffer.size()));
  BOOST_TEST(doc["esc"].GetString() == std::string("a\"b\xc3\xa9"));
  BOOST_TEST(doc["n"].GetDouble() == 1.5);
  BOOST_TEST(doc["arr"].Size() == 2u);
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

BOOST_AUTO_TEST_CASE(large_documents_spill_to_the_heap_correctly) {
  std::string json = "{\"arr\":[";
  for (int i = 0; i < 5000; ++i) json += (i ? ",\"" : "\"") + std::to_string(i) + "\"";
  json += "]}";
  std::string buffer = json;
  StackJsonDocument<256, 256> holder;  // tiny pools: forces the heap path
  auto r = parse_json_object_in_situ(buffer.data(), buffer.size(), holder.document(), 16, "big");
  BOOST_REQUIRE(r.ok());
  BOOST_TEST(holder.document()["arr"].Size() == 5000u);
  BOOST_TEST(holder.document()["arr"][4999].GetString() == std::string("4999"));
}

BOOST_AUTO_TEST_CASE(numbers_keep_their_kind) {
  std::string buffer = R"({"i":1700000000,"f":100.5,"neg":-3,"big":253402300799,"huge":1e300})";
  StackJsonDocument<> holder;
  BOOST_REQUIRE(parse_json_object_in_situ(buffer.data(), buffer.size(), holder.document(), 16, "x").ok());
  const auto& d = holder.document();
  BOOST_TEST(d["i"].IsInt64());
  BOOST_TEST(d["f"].IsDouble());
  BOOST_TEST(d["big"].GetInt64() == 253402300799);
  BOOST_TEST(d["huge"].GetDouble() == 1e300);
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
