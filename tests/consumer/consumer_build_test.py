#!/usr/bin/python3
"""The three ways a project can consume jwtcheck, tried for real: install the build into a temp
DESTDIR, check what was installed, then build and run the programs of tests/consumer/project with
pkg-config (shared and static), as a meson subproject, and with CMake's find_package. One program
per library: verify_pem.cpp verifies with one PEM key through libjwtcheck alone (and must not link
libcurl, directly or through another library), fetch_keys.cpp fetches a JWKS with
libjwtcheck-fetch, consumer.cpp mints and checks tokens with libjwtcheck-testing.
Any failed step fails the test with its command and output.

Usage: consumer_build_test.py SOURCE_ROOT BUILD_ROOT"""
import base64
import json
import os
import pathlib
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

SUCCESS_LINE = "consumer: verified a token for client consumer-app"
PEM_SUCCESS_LINE = "verify_pem: verified a token for client pem-app"
FETCH_SUCCESS_LINE = "fetch_keys: verified a token for client fetch-app"
CXXFLAGS = ["-std=c++20", "-Wall", "-Wextra", "-Wpedantic", "-Werror"]


class StepFailed(Exception):
    pass


def run(step, argv, cwd=None, env_changes=None, timeout=900):
    """Runs one step; its output is returned, or StepFailed says what failed and shows it all."""
    env = dict(os.environ)
    env.update(env_changes or {})
    print(f"== {step}: {shlex.join(str(a) for a in argv)}", flush=True)
    try:
        done = subprocess.run([str(a) for a in argv], cwd=cwd, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise StepFailed(f"{step}: could not run: {error}") from error
    output = done.stdout.decode("utf-8", "replace")
    if done.returncode != 0:
        raise StepFailed(f"{step}: exit {done.returncode}\n{output}")
    return output


def require(condition, message):
    if not condition:
        raise StepFailed(message)


def build_options(build_root):
    options = json.loads(run("introspect options", ["meson", "introspect", "--buildoptions", build_root]))
    project = json.loads(run("introspect project", ["meson", "introspect", "--projectinfo", build_root]))
    values = {o["name"]: o["value"] for o in options}
    return values, project["version"]


def needed_libraries(binary):
    dynamic = run(f"readelf {binary.name}", ["readelf", "-d", binary])
    return [line.split("[")[1].rstrip("]") for line in dynamic.splitlines() if "(NEEDED)" in line]


def soname(library):
    dynamic = run(f"readelf {library.name}", ["readelf", "-d", library])
    names = [line.split("[")[1].rstrip("]") for line in dynamic.splitlines() if "(SONAME)" in line]
    return names[0] if names else None


def check_installed_tree(prefix, o, version):
    include = prefix / o["includedir"] / "jwtcheck"
    for header in ["verifier.hpp", "error.hpp", "fetch/remote_key_source.hpp", "testing/mint.hpp",
                   "testing/expect.hpp", "testing/boost_test.hpp", "testing/gtest.hpp"]:
        require((include / header).is_file(), f"install: header {header} missing under {include}")
    require(sorted(p.name for p in (prefix / o["includedir"]).iterdir()) == ["jwtcheck"],
            "install: something besides jwtcheck/ was installed into the include directory")
    require(not list(include.rglob("openssl_handles.hpp")), "install: an internal lib/ header was installed")
    libdir = prefix / o["libdir"]
    major = version.split(".")[0]
    for name in ["jwtcheck", "jwtcheck-fetch", "jwtcheck-testing"]:
        real = libdir / f"lib{name}.so.{version}"
        require(real.is_file() and not real.is_symlink(), f"install: {real.name} missing")
        for link in [f"lib{name}.so.{major}", f"lib{name}.so"]:
            require((libdir / link).is_symlink() and (libdir / link).resolve() == real.resolve(),
                    f"install: {link} is not a symlink to {real.name}")
        require(soname(real) == f"lib{name}.so.{major}", f"install: {real.name} has soname {soname(real)}")
        require((libdir / f"lib{name}.a").is_file(), f"install: lib{name}.a missing")
        require((libdir / "pkgconfig" / f"{name}.pc").is_file(), f"install: {name}.pc missing")
    for cmake_file in ["jwtcheckConfig.cmake", "jwtcheckConfigVersion.cmake"]:
        require((libdir / "cmake" / "jwtcheck" / cmake_file).is_file(), f"install: {cmake_file} missing")
    require((prefix / o["mandir"] / "man1" / "jwtcheck.1").is_file(), "install: man1/jwtcheck.1 missing")
    require((prefix / o["bindir"] / "jwtcheck").is_file(), "install: bin/jwtcheck missing")


def run_consumer(step, binary, env_changes=None):
    output = run(step, [binary], env_changes=env_changes, timeout=120)
    require(SUCCESS_LINE in output, f"{step}: the consumer did not report success:\n{output}")


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def pem_key_and_token(work):
    """An RSA key pair made with the openssl command line, and an RS256 token signed with it by
    `openssl dgst` (not by jwtcheck): what verify_pem is given."""
    private, public = work / "pem-private.pem", work / "pem-public.pem"
    run("openssl genpkey", ["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
                            "-out", private])
    run("openssl pkey -pubout", ["openssl", "pkey", "-in", private, "-pubout", "-out", public])
    now = int(time.time())
    header = {"alg": "RS256", "typ": "JWT", "kid": "pem-key"}
    claims = {"iss": "https://tenant.example/", "sub": "pem-app@clients", "aud": "https://api.example",
              "iat": now, "exp": now + 3600, "azp": "pem-app", "gty": "client-credentials"}
    signing_input = (b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(claims).encode())).encode()
    (work / "signing-input").write_bytes(signing_input)
    signature = subprocess.run(["openssl", "dgst", "-sha256", "-sign", str(private), str(work / "signing-input")],
                               check=True, capture_output=True).stdout
    return public, signing_input.decode() + "." + b64url(signature)


def run_verify_pem(step, binary, pem, token, libdir):
    """Runs verify_pem, and checks that libcurl is nowhere in its link: not NEEDED by the program,
    and not loaded through libjwtcheck (ldd lists the whole closure)."""
    needed = needed_libraries(binary)
    require("libjwtcheck.so.0" in needed, f"{step}: NEEDED lacks libjwtcheck.so.0: {needed}")
    require(not any("curl" in n or n.startswith(("libjwtcheck-fetch", "libjwtcheck-testing")) for n in needed),
            f"{step}: a PEM-key verifier links more than libjwtcheck: NEEDED is {needed}")
    env = {"LD_LIBRARY_PATH": str(libdir)} if libdir else {}
    closure = run(f"{step} ldd", ["ldd", binary], env_changes=env)
    require("libjwtcheck.so.0" in closure and "not found" not in closure, f"{step}: ldd:\n{closure}")
    require("libcurl" not in closure, f"{step}: libcurl is loaded with libjwtcheck:\n{closure}")
    output = run(step, [binary, pem, token], env_changes=env, timeout=120)
    require(PEM_SUCCESS_LINE in output, f"{step}: verify_pem did not report success:\n{output}")


def run_fetch_keys(step, binary, libdir=None):
    needed = needed_libraries(binary)
    require("libjwtcheck-fetch.so.0" in needed, f"{step}: NEEDED lacks libjwtcheck-fetch.so.0: {needed}")
    env = {"LD_LIBRARY_PATH": str(libdir)} if libdir else {}
    output = run(step, [binary], env_changes=env, timeout=120)
    require(FETCH_SUCCESS_LINE in output, f"{step}: fetch_keys did not report success:\n{output}")


def via_pkg_config(stage, prefix, o, project_dir, work, version, pem, token):
    libdir = prefix / o["libdir"]
    env = {"PKG_CONFIG_PATH": str(libdir / "pkgconfig"), "PKG_CONFIG_SYSROOT_DIR": str(stage)}
    # libjwtcheck alone: no libcurl, not even for a static link.
    static_libs = run("pkg-config --static jwtcheck", ["pkg-config", "--libs", "--static", "jwtcheck"], env_changes=env)
    require("curl" not in static_libs, f"pkg-config --libs --static jwtcheck names curl: {static_libs}")
    core_flags = shlex.split(run("pkg-config jwtcheck", ["pkg-config", "--cflags", "--libs", "jwtcheck"], env_changes=env))
    verify_pem = work / "verify-pem-pkgconfig"
    run("pkg-config verify_pem build", ["g++", *CXXFLAGS, project_dir / "verify_pem.cpp", "-o", verify_pem, *core_flags])
    run_verify_pem("pkg-config verify_pem run", verify_pem, pem, token, libdir)
    fetch_requires = run("pkg-config fetch requires", ["pkg-config", "--print-requires-private", "jwtcheck-fetch"],
                         env_changes=env)
    require("libcurl" in fetch_requires, f"jwtcheck-fetch.pc: Requires.private lacks libcurl: {fetch_requires}")
    fetch_flags = shlex.split(run("pkg-config jwtcheck-fetch", ["pkg-config", "--cflags", "--libs", "jwtcheck-fetch",
                                                                "jwtcheck-testing"], env_changes=env))
    fetch_keys = work / "fetch-keys-pkgconfig"
    run("pkg-config fetch_keys build", ["g++", *CXXFLAGS, project_dir / "fetch_keys.cpp", "-o", fetch_keys, *fetch_flags])
    run_fetch_keys("pkg-config fetch_keys run", fetch_keys, libdir)

    modversion = run("pkg-config version", ["pkg-config", "--modversion", "jwtcheck-testing"], env_changes=env)
    require(modversion.strip() == version, f"pkg-config: version {modversion.strip()}, expected {version}")
    flags = shlex.split(run("pkg-config flags", ["pkg-config", "--cflags", "--libs", "jwtcheck-testing"],
                            env_changes=env))
    shared = work / "consumer-pkgconfig-shared"
    run("pkg-config shared build", ["g++", *CXXFLAGS, project_dir / "consumer.cpp", "-o", shared, *flags])
    needed = needed_libraries(shared)
    require("libjwtcheck.so.0" in needed and "libjwtcheck-testing.so.0" in needed,
            f"pkg-config shared build: NEEDED is {needed}")
    run_consumer("pkg-config shared run", shared, {"LD_LIBRARY_PATH": str(libdir)})

    # Static: the archives (-Bstatic), and what the .pc files say they need (Requires.private and
    # Libs.private) linked shared. The link fails if the .pc files forget a dependency.
    requires = run("pkg-config requires", ["pkg-config", "--print-requires-private", "--print-requires",
                                           "jwtcheck-testing", "jwtcheck"], env_changes=env)
    dependencies = sorted({line.split()[0] for line in requires.splitlines() if line.strip()} -
                          {"jwtcheck", "jwtcheck-testing"})
    require({"openssl", "cpp-httplib"} <= set(dependencies) and "libcurl" not in dependencies,
            f"pkg-config: Requires.private of jwtcheck-testing and jwtcheck should have openssl and cpp-httplib "
            f"and no libcurl: {dependencies}")
    dependency_flags = shlex.split(run("pkg-config dependency flags", ["pkg-config", "--libs", *dependencies]))
    own_private = []
    for pc in ["jwtcheck-testing.pc", "jwtcheck.pc"]:
        for line in (libdir / "pkgconfig" / pc).read_text().splitlines():
            if line.startswith("Libs.private:"):
                own_private += shlex.split(line.split(":", 1)[1])
    library_path = shlex.split(run("pkg-config -L", ["pkg-config", "--libs-only-L", "jwtcheck"], env_changes=env))
    cflags = shlex.split(run("pkg-config cflags", ["pkg-config", "--cflags", "jwtcheck-testing"], env_changes=env))
    static = work / "consumer-pkgconfig-static"
    run("pkg-config static build", ["g++", *CXXFLAGS, project_dir / "consumer.cpp", "-o", static, *cflags,
                                    *library_path, "-Wl,-Bstatic", "-ljwtcheck-testing", "-ljwtcheck",
                                    "-Wl,-Bdynamic", *own_private, *dependency_flags])
    needed = needed_libraries(static)
    require(not any(n.startswith("libjwtcheck") for n in needed), f"pkg-config static build: NEEDED is {needed}")
    run_consumer("pkg-config static run", static)


def source_only(source_root):
    """copytree filter: the source tree without git data and the build directories inside it."""
    def ignore(directory, names):
        skipped = {"__pycache__"}
        if pathlib.Path(directory) == source_root:
            skipped |= {n for n in names if n == ".git" or n.startswith("build")}
        return [n for n in names if n in skipped]
    return ignore


def via_meson_subproject(source_root, project_dir, work, pem, token):
    consumer = work / "meson-consumer"
    (consumer / "subprojects").mkdir(parents=True)
    for name in ["consumer.cpp", "verify_pem.cpp", "fetch_keys.cpp", "meson.build"]:
        shutil.copy(project_dir / name, consumer / name)
    # The README's wrap file; its directory already exists, so meson uses it instead of cloning.
    shutil.copy(project_dir / "jwtcheck.wrap", consumer / "subprojects" / "jwtcheck.wrap")
    shutil.copytree(source_root, consumer / "subprojects" / "jwtcheck", symlinks=True, ignore=source_only(source_root))
    setup = run("meson subproject setup", ["meson", "setup", "--force-fallback-for=jwtcheck,jwtcheck-fetch,jwtcheck-testing", "build"], cwd=consumer)
    require("Executing subproject jwtcheck" in setup, f"meson subproject: jwtcheck was not built as a subproject:\n{setup}")
    run("meson subproject build", ["meson", "compile", "-C", "build", "consumer", "verify_pem", "fetch_keys"],
        cwd=consumer, timeout=1800)
    run_consumer("meson subproject run", consumer / "build" / "consumer")
    run_verify_pem("meson subproject verify_pem", consumer / "build" / "verify_pem", pem, token, None)
    run_fetch_keys("meson subproject fetch_keys", consumer / "build" / "fetch_keys")


def via_cmake(prefix, project_dir, work, pem, token):
    consumer = work / "cmake-consumer"
    consumer.mkdir()
    for name in ["consumer.cpp", "verify_pem.cpp", "fetch_keys.cpp", "CMakeLists.txt"]:
        shutil.copy(project_dir / name, consumer / name)
    run("cmake configure", ["cmake", "-G", "Ninja", "-S", consumer, "-B", consumer / "build",
                            f"-DCMAKE_PREFIX_PATH={prefix}"])
    run("cmake build", ["cmake", "--build", consumer / "build"])
    run_consumer("cmake run", consumer / "build" / "consumer")
    run_verify_pem("cmake verify_pem", consumer / "build" / "verify_pem", pem, token, None)
    run_fetch_keys("cmake fetch_keys", consumer / "build" / "fetch_keys")

    # The package must refuse what it cannot give, not just accept the right request.
    refusals = [("too-new", "find_package(jwtcheck 0.2 REQUIRED)", "version: 0.1.0"),
                ("no-such-component", "find_package(jwtcheck REQUIRED COMPONENTS gui)", "no component \"gui\"")]
    for name, find_package, reason in refusals:
        refused_project = work / f"cmake-{name}"
        refused_project.mkdir()
        (refused_project / "CMakeLists.txt").write_text(
            f"cmake_minimum_required(VERSION 3.16)\nproject(refused LANGUAGES CXX)\n{find_package}\n")
        try:
            run(f"cmake refuses {name}", ["cmake", "-G", "Ninja", "-S", refused_project, "-B",
                                          refused_project / "build", f"-DCMAKE_PREFIX_PATH={prefix}"])
        except StepFailed as refused:
            require(reason in str(refused), f"cmake refused {name} for another reason:\n{refused}")
        else:
            raise StepFailed(f"cmake: {find_package} succeeded")


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    source_root, build_root = pathlib.Path(sys.argv[1]).resolve(), pathlib.Path(sys.argv[2]).resolve()
    project_dir = source_root / "tests" / "consumer" / "project"
    work = pathlib.Path(tempfile.mkdtemp(prefix="jwtcheck-consumer-"))
    try:
        o, version = build_options(build_root)
        stage = work / "stage"
        run("install", ["meson", "install", "-C", build_root, "--no-rebuild", "--quiet", "--destdir", stage])
        prefix = stage / pathlib.Path(o["prefix"]).relative_to("/")
        check_installed_tree(prefix, o, version)
        pem, token = pem_key_and_token(work)
        via_pkg_config(stage, prefix, o, project_dir, work, version, pem, token)
        via_cmake(prefix, project_dir, work, pem, token)
        via_meson_subproject(source_root, project_dir, work, pem, token)
    except StepFailed as failure:
        print(f"FAILED: {failure}\n(work directory kept: {work})")
        return 1
    shutil.rmtree(work)
    print("consumer builds: pkg-config (shared, static), CMake and meson subproject all built and ran")
    return 0


if __name__ == "__main__":
    sys.exit(main())
