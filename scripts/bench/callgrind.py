#!/usr/bin/env python3
"""Instructions per request, counted by callgrind (`make callgrind`, docs/PERFORMANCE.md).

CPU time on this kind of machine moves by 10-20% from one run to the next, so a change worth 5% cannot be seen
in `make bench`. callgrind counts the instructions the gateway executes, which repeat to within a fraction of a
percent: this script measures a cold widget render (every render by a user whose tokens are not in the gateway's
memory, against an upstream whose answers are never cached) and the cheapest authenticated request,
`{ __typename }`, and prints where the instructions go.

It starts the release `snowgate simulator` and connects the users with the release `snowgate` (natively), then
runs `snowgate serve` under callgrind, as the `SnowgateUnderValgrind` build of the Benchmarks package: valgrind
crashes in snowgate's own `dispatch_main`. callgrind cannot read the DWARF 5 of Swift 6 binaries before valgrind
3.20; Debian 12 ships 3.19, so give a newer one with `--valgrind` (see docs/PERFORMANCE.md, "Profiling").
Counters are dumped around each measured series with `callgrind_control`; the dump files stay in the output
directory for `callgrind_annotate`.
"""

import argparse
import collections
import glob
import http.client
import json
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402  (the load benchmark's processes, users and GraphQL helpers)

ROOT = run.ROOT


def parse_dump(path):
    """Self cost per function and per object file of one callgrind dump, and its total."""
    names, objects = {}, {}
    by_function, by_object = collections.Counter(), collections.Counter()
    function, obj, call_pending, total = None, None, False, 0
    for line in open(path, errors="replace"):
        if line.startswith("summary:") or line.startswith("totals:"):
            total = int(line.split()[1])
            continue
        match = re.match(r"(c?)(fn|ob)=\((\d+)\)(?: (.*))?", line)
        if match:
            table = names if match.group(2) == "fn" else objects
            if match.group(4):
                table[match.group(3)] = match.group(4).strip()
            if not match.group(1):
                if match.group(2) == "fn":
                    function = table[match.group(3)]
                else:
                    obj = table[match.group(3)]
            continue
        if line.startswith("calls="):
            call_pending = True
            continue
        if line[:1].isdigit() or line[:1] in "+-*":
            fields = line.split()
            if len(fields) < 2:
                continue
            if call_pending:
                call_pending = False  # the inclusive cost of a call, counted in the callee
            else:
                by_function[function] += int(fields[1])
                by_object[os.path.basename(obj or "?")] += int(fields[1])
    return total, by_function, by_object


def demangled(names):
    """Swift symbols as people read them (`swift demangle`), or as they are when it is not there."""
    try:
        answer = subprocess.run(
            ["swift", "demangle", "--simplified", "--compact"], input="\n".join(names) + "\n",
            capture_output=True, text=True, check=True,
        )
        lines = answer.stdout.splitlines()
        return lines if len(lines) == len(names) else names
    except (OSError, subprocess.CalledProcessError):
        return names


class Profile:
    def __init__(self, options):
        self.options = options
        self.output = options.output
        os.makedirs(self.output, exist_ok=True)
        bench_options = argparse.Namespace(
            binary=options.binary, users=options.users, rss_users=0, round_trip_ms=30, transaction_ms=40,
            concurrent_transactions=8, queue_length=5000, log_level="info",
        )
        self.bench = run.Bench(bench_options)
        self.tokens = [run.jwt(run.subject(index)) for index in range(1, options.users + 1)]
        self.connection = None

    def dumps(self):
        return set(glob.glob(os.path.join(self.output, "callgrind.out.*")))

    def dump(self):
        """Dumps the counters since the last dump; returns the new file."""
        before = self.dumps()
        subprocess.run(
            [self.options.callgrind_control, "--dump", str(self.bench.gateway.pid)],
            check=True, stdout=subprocess.DEVNULL,
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            new = self.dumps() - before
            if new:
                time.sleep(0.5)  # let callgrind finish writing it
                return new.pop()
            time.sleep(0.1)
        raise SystemExit("callgrind wrote no dump")

    def start_gateway_under_callgrind(self):
        self.bench.start_gateway(
            "batched", self.options.cache_ttl, "callgrind",
            wrapper=[self.options.valgrind, "--tool=callgrind",
                     f"--callgrind-out-file={os.path.join(self.output, 'callgrind.out.%p')}"],
            binary=self.options.profiled_binary,
            startup_seconds=300,
        )

    def request(self, user, query):
        if self.connection is None:
            answer = run.graphql(self.bench.gateway_url, self.tokens[user], query)
        else:
            # One kept-alive connection for every request: the cost of accepting a connection and building its
            # pipeline drops out.
            self.connection.request(
                "POST", "/graphql", json.dumps({"query": query}),
                {"Authorization": f"Bearer {self.tokens[user]}", "Content-Type": "application/json",
                 "Accept": "application/json"},
            )
            response = self.connection.getresponse()
            answer = json.loads(response.read())
        if answer.get("errors"):
            raise SystemExit(f"the request failed: {answer['errors']}")

    def series(self, name, query, first_user):
        """`--count` requests, one at a time, by the users from `first_user` on (users the gateway has not served
        since it started, except for the cached series, which repeats the cold one's users)."""
        options = self.options
        self.dump()
        for user in range(first_user, first_user + options.count):
            self.request(user, query)
            time.sleep(options.pause)
        path = self.dump()
        total, by_function, by_object = parse_dump(path)
        return {"name": name, "dump": path, "total": total, "by_function": by_function, "by_object": by_object}

    def run(self):
        options = self.options
        bench = self.bench
        try:
            bench.start_simulator()
            bench.start_gateway("batched", 0, "setup")
            bench.configure()
            bench.connect_users(options.users)
            bench.stop_gateway()
            self.start_gateway_under_callgrind()
            run.log("gateway running under callgrind")
            # Warm-up: the first requests build the plan cache, the metrics and the connections.
            if options.keep_alive:
                self.connection = http.client.HTTPConnection("127.0.0.1", bench.gateway_port, timeout=120)
            for user in range(options.warmup):
                self.request(user, bench.query)
                self.request(user, "{ __typename }")
            results = [self.series("cold widget render", bench.query, options.warmup)]
            if options.cache_ttl > 0:
                # The same users again, within the TTL: every read is answered from the read cache.
                results.append(self.series("cached widget render", bench.query, options.warmup))
            results.append(self.series("{ __typename }", "{ __typename }", options.warmup + options.count))
        finally:
            bench.close()
        count = options.count
        for result in results:
            print(f"\n## {result['name']}: {result['total'] / count / 1e6:.3f} M instructions per request "
                  f"({count} requests; {result['dump']})")
            print("\nBy object file (self):")
            for obj, cost in result["by_object"].most_common(8):
                print(f"  {cost / count / 1e3:9.1f} k  {100 * cost / result['total']:5.1f}%  {obj}")
            print(f"\nTop {options.top} functions (self):")
            top = result["by_function"].most_common(options.top)
            for (function, cost), name in zip(top, demangled([function for function, _ in top])):
                print(f"  {cost / count / 1e3:9.1f} k  {100 * cost / result['total']:5.1f}%  {name[:110]}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "snowgate"),
                        help="release snowgate for the simulator and the users' sign-in")
    parser.add_argument("--profiled-binary",
                        default=os.path.join(ROOT, "Benchmarks", ".build", "release", "SnowgateUnderValgrind"),
                        help="the gateway that runs under callgrind")
    parser.add_argument("--valgrind", default="valgrind", help="valgrind 3.20 or later")
    parser.add_argument("--callgrind-control", default="callgrind_control")
    parser.add_argument("--count", type=int, default=30, help="requests per measured series")
    parser.add_argument("--warmup", type=int, default=20, help="requests of each kind before measuring")
    parser.add_argument("--pause", type=float, default=0.25, help="seconds between requests")
    parser.add_argument("--keep-alive", action="store_true",
                        help="send every request on one connection (by default each has its own, like a widget's)")
    parser.add_argument("--cache-ttl", type=float, default=0,
                        help="the gateway's read cache TTL; above 0 also measures a cached widget render (the cold "
                             "series' users again; give a TTL longer than the series take under callgrind, e.g. 600)")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--output", default=os.path.join(ROOT, ".build", "callgrind"))
    options = parser.parse_args()
    options.users = options.warmup + 2 * options.count
    check_valgrind(options.valgrind)
    Profile(options).run()


def check_valgrind(valgrind):
    """valgrind before 3.20 cannot read Swift 6's DWARF 5: say so instead of letting it fail obscurely."""
    try:
        version = subprocess.run([valgrind, "--version"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        raise SystemExit(f"cannot run {valgrind}: {error}")
    match = re.search(r"(\d+)\.(\d+)", version)
    if not match or (int(match.group(1)), int(match.group(2))) < (3, 20):
        raise SystemExit(
            f"{valgrind} is {version.strip()}; callgrind needs valgrind 3.20 or later to read Swift 6 binaries. "
            "See docs/PERFORMANCE.md, \"Profiling\", for one that runs here (--valgrind PATH)."
        )


if __name__ == "__main__":
    main()
