#!/usr/bin/env python3
"""The shared libraries export their public API only: no symbol of a jwtcheck detail namespace.

Lists each library's dynamic symbols (nm -D --defined-only, demangled with c++filt) and fails on
any that names jwtcheck::detail or jwtcheck::<module>::detail (a function, a variable, or a
template instantiated on a detail type). The libraries are built with -fvisibility=hidden and
export what the public headers mark JWTCHECK_API; a detail symbol in the table means a lib/
internal became part of the ABI. The C++ standard library's own std::__detail instantiations are
not ours and pass. A self-check runs the filter over names it must catch and names it must let
through, and each library must export some jwtcheck:: symbol, so the test cannot pass by
matching nothing.
Usage: exported_symbols_test.py LIBRARY...
"""
import re
import subprocess
import sys

DETAIL = re.compile(r"(?<![\w:])jwtcheck::(?:\w+::)*detail::")

MUST_CATCH = [
    "jwtcheck::detail::base64url_encode[abi:cxx11](std::basic_string_view<char, std::char_traits<char> >)",
    "jwtcheck::testing::detail::TenantServer::~TenantServer()",
    "std::_Sp_counted_ptr_inplace<jwtcheck::detail::KeyData, std::allocator<jwtcheck::detail::KeyData>>::_M_dispose()",
    "vtable for jwtcheck::fetch::detail::Thing",
]
MUST_PASS = [
    "jwtcheck::parse_jwk(std::basic_string_view<char, std::char_traits<char> >, jwtcheck::Limits const&)",
    "jwtcheck::Verifier::verify(std::basic_string_view<char, std::char_traits<char> >) const",
    "std::__detail::_AnyMatcher<std::__cxx11::regex_traits<char>, false, false, false>::operator()(char) const",
    "void std::__detail::__to_chars_10_impl<unsigned long>(char*, unsigned int, unsigned long)",
    "jwtcheck::testing::expect_token(jwtcheck::Report const&)",
]


def exported(library: str) -> list[str]:
    nm = subprocess.run(["nm", "-D", "--defined-only", library], check=True, capture_output=True, text=True).stdout
    names = [line.split(maxsplit=2)[-1] for line in nm.splitlines() if line.strip()]
    demangled = subprocess.run(["c++filt"], input="\n".join(names), check=True, capture_output=True, text=True).stdout
    return demangled.splitlines()


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    missed = [n for n in MUST_CATCH if not DETAIL.search(n)] + [n for n in MUST_PASS if DETAIL.search(n)]
    if missed:
        print("self-check failed: the filter misjudges", missed, file=sys.stderr)
        return 1
    failed = False
    for library in sys.argv[1:]:
        symbols = exported(library)
        public = [s for s in symbols if "jwtcheck::" in s]
        leaked = sorted({s for s in symbols if DETAIL.search(s)})
        print(f"{library}: {len(symbols)} exported symbols, {len(public)} naming jwtcheck::, {len(leaked)} of a detail namespace")
        if not public:
            print(f"{library}: exports no jwtcheck:: symbol: is this the library?", file=sys.stderr)
            failed = True
        for s in leaked[:40]:
            print("  exported detail symbol:", s, file=sys.stderr)
        if len(leaked) > 40:
            print(f"  ... and {len(leaked) - 40} more", file=sys.stderr)
        failed = failed or bool(leaked)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
