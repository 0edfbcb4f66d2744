#!/usr/bin/python3
"""Checks the hand-written man page against the tool: every option of every command's --help is
documented, the page names no option the tool lacks, every exit code (0 1 2 3 70) and environment
variable (JWTCHECK_CLIENT_SECRET, NO_COLOR) is described, a JSON OUTPUT section summarises the schema
and points to docs/json-output.md, and groff renders it without warnings.
Usage: check_man_page.py JWTCHECK MAN_PAGE
       check_man_page.py --markdown JWTCHECK docs/cli.md (every command and option in the CLI reference)"""
import re
import subprocess
import sys

OPTION = re.compile(r"--[a-z][a-z0-9-]*")


def tool_commands(jwtcheck):
    """The subcommands that `jwtcheck --help` lists: a new command cannot go undocumented."""
    run = subprocess.run([jwtcheck, "--help"], capture_output=True, text=True, timeout=30, check=False)
    listing = run.stdout.split("Subcommands:", 1)[-1]
    commands = re.findall(r"^  ([a-z]+)  ", listing, re.MULTILINE)
    if run.returncode != 0 or not commands:
        raise SystemExit(f"`jwtcheck --help` lists no subcommands (exit {run.returncode}):\n{run.stdout}{run.stderr}")
    return commands


def help_options(jwtcheck, command):
    run = subprocess.run([jwtcheck, command, "--help"], capture_output=True, text=True, timeout=30, check=False)
    if run.returncode != 0:
        raise SystemExit(f"`jwtcheck {command} --help` exited {run.returncode}:\n{run.stdout}{run.stderr}")
    return set(OPTION.findall(run.stdout))


def check_markdown(jwtcheck, doc_path):
    """docs/cli.md: every command has a row, every option of its --help is mentioned."""
    doc = open(doc_path, encoding="utf-8").read()
    documented = set(OPTION.findall(doc))
    problems = []
    commands = tool_commands(jwtcheck)
    for command in commands:
        if f"| `{command}" not in doc:
            problems.append(f"{doc_path}: command {command} has no row")
        problems += [f"{doc_path}: {command}: {o} is not mentioned" for o in sorted(help_options(jwtcheck, command) - documented)]
    for code in ["0", "1", "2", "3", "70"]:
        if f"| {code} |" not in doc:
            problems.append(f"{doc_path}: exit code {code} is not listed")
    if problems:
        print("\n".join(problems))
        return 1
    print(f"{doc_path} mentions every option of {len(commands)} commands and every exit code")
    return 0


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--markdown":
        return check_markdown(sys.argv[2], sys.argv[3])
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    jwtcheck, page_path = sys.argv[1], sys.argv[2]
    page = open(page_path, encoding="utf-8").read()
    documented = set(OPTION.findall(page.replace("\\-", "-")))
    problems = []
    known = set()
    commands = tool_commands(jwtcheck)
    for command in commands:
        options = help_options(jwtcheck, command)
        known |= options
        if not re.search(rf"^\.B {command}$", page, re.MULTILINE):
            problems.append(f"command {command} is not described")
        problems += [f"{command}: {o} is missing from the man page" for o in sorted(options - documented)]
    problems += [f"the man page documents {o}, which no command has" for o in sorted(documented - known)]
    exit_status = page.split(".SH EXIT STATUS", 1)[-1].split(".SH ", 1)[0]
    for code in ["0", "1", "2", "3", "70"]:
        if not re.search(rf"^\.B {code}$", exit_status, re.MULTILINE):
            problems.append(f"EXIT STATUS does not list exit code {code}")
    environment = page.split(".SH ENVIRONMENT", 1)[-1].split(".SH ", 1)[0]
    for variable in ["JWTCHECK_CLIENT_SECRET", "NO_COLOR"]:
        if f".B {variable}" not in environment:
            problems.append(f"ENVIRONMENT does not describe {variable}")
    json_output = page.split(".SH JSON OUTPUT", 1)[-1].split(".SH ", 1)[0] if ".SH JSON OUTPUT" in page else ""
    if not json_output:
        problems.append("the man page has no JSON OUTPUT section")
    if "docs/json-output.md" not in json_output:
        problems.append("JSON OUTPUT does not point to the JSON schema (docs/json-output.md)")
    for member in ["valid", "error", "code", "exit_code", "checks", "expected", "actual", "usage_error"]:
        if member not in json_output:
            problems.append(f"JSON OUTPUT does not summarise the schema: {member} is not named")
    render = subprocess.run(["groff", "-man", "-Tutf8", "-ww", "-z", page_path], capture_output=True, text=True,
                            env={"LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin"}, timeout=30, check=False)
    if render.returncode != 0 or render.stderr:
        problems.append(f"groff warns or fails (exit {render.returncode}):\n{render.stderr}")
    if problems:
        print("\n".join(problems))
        return 1
    print(f"man page documents all {len(known)} options of {len(commands)} commands; groff renders it cleanly")
    return 0


if __name__ == "__main__":
    sys.exit(main())
