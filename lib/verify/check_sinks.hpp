// Where the checks of a token report. The same check code serves both paths:
// - FirstFailureSink (Verifier::verify): keeps the first failure and stops; a passing check
//   costs a branch, and nothing is formatted unless a check fails.
// - ReportSink (Verifier::check): records every check, passed or not, with texts for people.
#pragma once

#include <jwtcheck/error.hpp>
#include <jwtcheck/verifier.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace jwtcheck::detail {

struct CheckText;
/// The Report's Check for one check: the texts, and their JSON values (check_json.cpp).
Check make_check(std::string_view name, bool passed, CheckText text);

/// What a check says about itself; `describe` callbacks build it only when someone reads it.
struct CheckText {
  std::string expected;
  std::string actual;
  std::string message;  ///< the Error message when the check failed
  /// `expected` and `actual` as JSON values, when the texts above are descriptions (time checks,
  /// alg, signature). Left empty, Check::expected_json / actual_json come from the texts.
  std::string expected_json = {};
  std::string actual_json = {};
};

class FirstFailureSink {
 public:
  /// Records one check. Returns whether to go on.
  template <class Describe>
  bool record(bool passed, ErrorCode code, std::string_view /*name*/, Describe&& describe) {
    if (passed) [[likely]]
      return true;
    error_ = Error{code, std::forward<Describe>(describe)().message};
    return false;
  }
  /// Records a step that failed with its own Error (decoding, signature). Returns whether to go on.
  bool fail(std::string_view /*name*/, std::string_view /*expected*/, Error error,
            std::string_view /*expected_json*/ = {}) {
    error_ = std::move(error);
    return false;
  }
  /// Records a passed step that has no detail on the verify path.
  template <class Describe>
  void pass(std::string_view /*name*/, Describe&& /*describe*/) {}

  bool failed() const noexcept { return error_.has_value(); }
  Error take_error() { return std::move(*error_); }

 private:
  std::optional<Error> error_;
};

class ReportSink {
 public:
  explicit ReportSink(Report& report) noexcept : report_(report) {}

  template <class Describe>
  bool record(bool passed, ErrorCode code, std::string_view name, Describe&& describe) {
    CheckText text = std::forward<Describe>(describe)();
    if (!passed) report_.errors.push_back(Error{code, text.message});
    report_.checks.push_back(make_check(name, passed, std::move(text)));
    return true;
  }
  /// `expected_json`: the JSON value of `expected`, when that is a description.
  bool fail(std::string_view name, std::string_view expected, Error error, std::string_view expected_json = {}) {
    report_.checks.push_back(
        make_check(name, false, CheckText{std::string(expected), error.message, {}, std::string(expected_json)}));
    report_.errors.push_back(std::move(error));
    return true;
  }
  template <class Describe>
  void pass(std::string_view name, Describe&& describe) {
    report_.checks.push_back(make_check(name, true, std::forward<Describe>(describe)()));
  }

  bool failed() const noexcept { return !report_.errors.empty(); }
  Report& report() noexcept { return report_; }

 private:
  Report& report_;
};

}  // namespace jwtcheck::detail
