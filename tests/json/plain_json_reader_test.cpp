#include "json/object_scan.hpp"
#include "json/plain_json_reader.hpp"
#include "support/json_event_log.hpp"

#include <boost/test/unit_test.hpp>

#include <rapidjson/reader.h>

#include <algorithm>
#include <string>
#include <vector>

using jwtcheck::detail::read_plain_json;
using jwtcheck::test::JsonEventLog;

namespace {

struct PlainRead {
  bool accepted = false;
  std::string events;
};

// The plain reader on a padded copy, as the scan runs it.
PlainRead plain(const std::string& json, long stop_at = -1) {
  const std::string buffer = json + std::string(jwtcheck::detail::kScanPadding, '\0');
  JsonEventLog log(stop_at);
  const bool accepted = read_plain_json(buffer.data(), json.size(), log);
  return {accepted, log.text()};
}

// RapidJSON's reader with the scan's flags; empty when it refuses.
std::string rapidjson_events(const std::string& json) {
  rapidjson::StringStream stream(json.c_str());
  JsonEventLog log;
  rapidjson::Reader reader;
  if (reader.Parse<rapidjson::kParseValidateEncodingFlag>(stream, log).IsError()) return {};
  return log.text();
}

const std::vector<std::string> kPlainObjects = {
    R"({"alg":"RS256","typ":"JWT","kid":"k-1"})",
    R"({"iss":"https://t.example/","sub":"abc@clients","aud":["https://api","https://t.example/userinfo"],)"
    R"("iat":1700000000,"exp":1700086400,"scope":"read:a write:b","gty":"client-credentials",)"
    R"("azp":"abc","permissions":["read:a","write:b"]})",
    "{}",
    " \t\r\n{ \"a\" :\n[ ] , \"b\":{ }, \"c\" : [ [ ], { } ] }\n ",
    R"({"n":[0,-0,1,-1,999999999999999,-999999999999999,4294967296]})",
    R"({"lit":[true,false,null],"o":{"p":{"q":{"r":[{"s":""}]}}}})",
    "{\"del\":\"\x7f~ !\",\"\":\"empty name\"}",
    R"({"long":"0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz"})",
};

}  // namespace

BOOST_AUTO_TEST_SUITE(plain_json_reader)

BOOST_AUTO_TEST_CASE(accepts_token_json_with_rapidjsons_events) {
  for (const std::string& json : kPlainObjects) {
    BOOST_TEST_CONTEXT(json) {
      const PlainRead read = plain(json);
      BOOST_TEST(read.accepted);
      const std::string expected = rapidjson_events(json);
      BOOST_REQUIRE(!expected.empty());
      BOOST_TEST(read.events == expected);
    }
  }
}

BOOST_AUTO_TEST_CASE(integers_of_every_length_read_as_rapidjson_reads_them) {
  // Lengths across the 8-digit steps, each followed by every kind of byte that may end it.
  for (int digits = 1; digits <= 15; ++digits) {
    std::string number;
    for (int i = 0; i < digits; ++i) number += static_cast<char>('1' + (i * 7 + digits) % 9);
    for (const std::string& json : {"{\"n\":" + number + "}", "{\"n\":-" + number + ",\"m\":[" + number + "]}",
                                    "{\"n\":" + number + " }", "{\"n\":[" + number + "," + number + "0]}"}) {
      BOOST_TEST_CONTEXT(json) {
        const PlainRead read = plain(json);
        if (json.find(number + "0") != std::string::npos && digits == 15) {
          BOOST_TEST(!read.accepted);  // 16 digits
          continue;
        }
        BOOST_TEST(read.accepted);
        BOOST_TEST(read.events == rapidjson_events(json));
      }
    }
  }
  for (const char* json : {"{\"n\":1234567.5}", "{\"n\":12345678.5}", "{\"n\":12345678e1}",
                          "{\"n\":1234567812345678}", "{\"n\":12345678123456789}", "{\"n\":012345678}",
                          "{\"n\":1234567x}", "{\"n\":12345678x}", "{\"n\":-01}"}) {
    BOOST_TEST_CONTEXT(json) {
      BOOST_TEST(!plain(json).accepted);
    }
  }
}

BOOST_AUTO_TEST_CASE(declines_everything_outside_the_plain_subset) {
  const std::vector<std::string> outside = {
      // valid JSON that RapidJSON must read instead
      R"({"esc":"a\"b"})", R"({"esc":"\u0041"})", R"({"k\n":1})", "{\"utf8\":\"\xc3\xa9\"}",
      R"({"f":1.5})", R"({"e":1e3})", R"({"E":1E3})", R"({"big":1234567890123456})",
      R"({"neg":-1234567890123456})",
      // not an object
      "[]", "\"s\"", "1", "null", "", "   ",
      // syntax errors
      "{", "{\"a\"}", "{\"a\":}", "{\"a\" 1}", "{\"a\":1,}", "{\"a\":[1,]}", "{\"a\":[1 2]}", "{,}",
      "{\"a\":01}", "{\"a\":-}", "{\"a\":+1}", "{\"a\":.5}", "{\"a\":tru}", "{\"a\":nul}", "{\"a\":falsy}",
      "{\"a\":\"unterminated}", "{\"a\":\"tab\there\"}", "{\"a\":1]", "{\"a\":[1}", "{'a':1}", "{a:1}",
      "{\"a\":1}x", "{\"a\":1}{}", "{\"a\":1} \"b\"", std::string("{\"a\":1}\0", 8),
      std::string("{\"a\":\"x\0y\"}", 11), std::string("{\"a\":1,\0\"b\":2}", 14),
      "{\"a\":1}}", "{\"a\":[[]]]}"};
  for (const std::string& json : outside) {
    BOOST_TEST_CONTEXT(json) {
      BOOST_TEST(!plain(json).accepted);
    }
  }
}

BOOST_AUTO_TEST_CASE(declines_nesting_beyond_64_and_accepts_64) {
  auto nested = [](int levels) {
    std::string json = "{\"a\":";
    for (int i = 1; i < levels; ++i) json += '[';
    json += "1";
    for (int i = 1; i < levels; ++i) json += ']';
    return json + "}";
  };
  BOOST_TEST(plain(nested(64)).accepted);
  BOOST_TEST(!plain(nested(65)).accepted);
}

BOOST_AUTO_TEST_CASE(stops_when_the_handler_does) {
  const std::string json = kPlainObjects[1];
  const std::string all = plain(json).events;
  const long events = static_cast<long>(std::count(all.begin(), all.end(), '\n'));
  for (long stop = 0; stop < events; ++stop) {
    const PlainRead read = plain(json, stop);
    BOOST_TEST(!read.accepted);
    BOOST_TEST(std::count(read.events.begin(), read.events.end(), '\n') == stop + 1);
  }
}

BOOST_AUTO_TEST_CASE(reads_nothing_past_the_padding_and_writes_nothing) {
  // Every prefix of a token's claims: whatever it decides, the text is left as it was. Under
  // ASan, a read past the 16 bytes of padding would fail here.
  const std::string json = kPlainObjects[1];
  for (std::size_t n = 0; n <= json.size(); ++n) {
    const std::string prefix = json.substr(0, n);
    std::vector<char> buffer(prefix.begin(), prefix.end());
    buffer.resize(prefix.size() + jwtcheck::detail::kScanPadding, '\0');
    const std::vector<char> before = buffer;
    JsonEventLog log;
    BOOST_TEST(read_plain_json(buffer.data(), prefix.size(), log) == (n == json.size()));
    BOOST_TEST((buffer == before));
  }
}

BOOST_AUTO_TEST_CASE(a_declined_scan_starts_over_with_clean_slots) {
  // The plain reader fills "strs" and "iss", then meets an escape; RapidJSON's pass must not
  // see the first pass's values (no doubled array, nothing stale).
  static constexpr std::string_view kNames[] = {"strs", "iss", "esc"};
  static constexpr jwtcheck::detail::SlotNames slot_of(kNames);
  const std::string json = R"({"strs":["a","b","c"],"iss":"x","esc":"\u0041"})";
  std::string buffer = json + std::string(jwtcheck::detail::kScanPadding, '\0');
  jwtcheck::detail::ObjectScan scan;
  BOOST_REQUIRE(scan.run(buffer.data(), json, 16, "test", slot_of).ok());
  BOOST_REQUIRE(scan.slot(0));
  BOOST_TEST(scan.slot(0)->size == 3u);
  BOOST_REQUIRE(scan.slot(0)->strings.size() == 3u);
  BOOST_TEST(scan.slot(0)->strings[2] == "c");
  BOOST_TEST(scan.slot(1)->string == "x");
  BOOST_TEST(scan.slot(2)->string == "A");
  BOOST_TEST(scan.has_member("esc"));
}

BOOST_AUTO_TEST_SUITE_END()
