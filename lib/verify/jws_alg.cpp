#include "verify/jws_alg.hpp"

#include "json/message_quote.hpp"

#include <string>

namespace jwtcheck::detail {

Result<Alg> allowed_alg(std::string_view alg, const AlgSet& allowed) {
  if (const auto parsed = alg_from_name(alg); parsed && allowed.contains(*parsed)) [[likely]]
    return *parsed;
  return Error{ErrorCode::alg_not_allowed,
               "alg: " + quote_for_message(alg) + " is not allowed (allowed: " + allowed.names() + ")"};
}

}  // namespace jwtcheck::detail
