#!/usr/bin/env python3
"""Soak/load driver for snowgate (driven by scripts/soak.sh; standard library only).

Connects USERS generated simulator users (each its own ServiceNow account) to a running `snowgate serve`, then for
DURATION seconds has every user render a widget-like query in a loop, while faults are switched on and off through
the simulator's control API and all tokens are expired now and then. It checks that the gateway never answers a 5xx
or an INTERNAL_SERVER_ERROR, that every response holds only its own user's records, and samples the gateway's
memory (RSS) and open file descriptors from /proc. Prints a summary table; exits 1 when a check fails.
"""
import argparse
import base64
import collections
import hashlib
import hmac
import http.client
import json
import os
import random
import statistics
import sys
import threading
import time
import urllib.parse

QUERY = """{ viewer { user { sysId name } }
  incidents(first: 5) { totalCount nodes { number caller { sysId } openedBy { sysId } assignedTo { name } } }
  requests(first: 5) { totalCount nodes { number requestedFor { sysId } openedBy { sysId } } }
  changeRequests(first: 5) { totalCount nodes { number requestedBy { sysId } } }
  problems(first: 5) { totalCount nodes { number openedBy { sysId } } }
  widgetSettings { showLogo } }"""
OWNERS = {"incidents": ["caller", "openedBy"], "requests": ["requestedFor", "openedBy"],
          "changeRequests": ["requestedBy"], "problems": ["openedBy"]}

# The faults the toggler picks from: (description, control API body).
FAULTS = [
    ("500 on the incident list", {"kind": "500", "path_prefix": "/api/now/table/incident"}),
    ("503 on the problem list", {"kind": "503", "path_prefix": "/api/now/table/problem"}),
    ("503 everywhere", {"kind": "503", "path_prefix": "/api/"}),
    ("429 Retry-After 1 s x300", {"kind": "429", "path_prefix": "/api/", "retry_after": 1, "count": 300}),
    ("429 Retry-After 3600 on requests", {"kind": "429", "path_prefix": "/api/now/table/sc_request",
                                          "retry_after": 3600}),
    ("dropped connections", {"kind": "drop", "path_prefix": "/api/"}),
    ("hibernating", {"kind": "hibernating", "path_prefix": "/api/"}),
    ("malformed JSON x200", {"kind": "malformed", "path_prefix": "/api/", "count": 200}),
    ("answers 2 s late", {"kind": "slow", "path_prefix": "/api/", "delay_ms": 2000}),
    ("expire every token", None),
]


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwt(secret: str, subject: str, admin: bool = False) -> str:
    now = int(time.time())
    claims = {"sub": subject, "iat": now, "exp": now + 24 * 3600}
    if admin:
        claims["roles"] = ["admin"]
    signing_input = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode()) + "." + b64url(
        json.dumps(claims).encode())
    signature = hmac.new(secret.encode(), signing_input.encode(), hashlib.sha256).digest()
    return signing_input + "." + b64url(signature)


class Client:
    """One keep-alive HTTP/1.1 connection to a host:port, reconnecting when it breaks."""

    def __init__(self, base_url: str, timeout: float = 60):
        parsed = urllib.parse.urlparse(base_url)
        self.host, self.port, self.timeout = parsed.hostname, parsed.port, timeout
        self.connection = None

    def request(self, method, path, body=None, headers=None):
        for attempt in range(2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self.connection.request(method, path, body=body, headers=headers or {})
                response = self.connection.getresponse()
                return response.status, response.read(), dict(response.getheaders())
            except (http.client.HTTPException, OSError):
                self.connection.close()
                self.connection = None
                if attempt == 1:
                    raise
        raise RuntimeError("unreachable")


def graphql(client: Client, token: str, query: str):
    body = json.dumps({"query": query}).encode()
    status, data, _ = client.request("POST", "/graphql", body, {
        "Content-Type": "application/json", "Authorization": "Bearer " + token})
    return status, (json.loads(data) if data else None)


def proc_sample(pid: int):
    rss_kib = None
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                rss_kib = int(line.split()[1])
    fds = len(os.listdir(f"/proc/{pid}/fd"))
    return rss_kib, fds


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = []
        self.statuses = collections.Counter()
        self.codes_faulted = collections.Counter()
        self.codes_clean = collections.Counter()
        # Requests outside fault windows that carried an error, and those errors' messages (to tell load from faults).
        self.clean_requests_with_errors = 0
        self.clean_messages = collections.Counter()
        self.violations = []
        self.gateway_errors = []
        self.transport_errors = 0
        self.requests = 0
        self.fully_answered = 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gateway", required=True)
    parser.add_argument("--simulator", required=True)
    parser.add_argument("--gateway-pid", type=int, required=True)
    parser.add_argument("--client-id", required=True)
    parser.add_argument("--client-secret", required=True)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--duration", type=float, default=300)
    parser.add_argument("--fault-every", type=float, default=30, help="seconds from one fault to the next")
    parser.add_argument("--fault-for", type=float, default=6, help="seconds a fault stays on")
    parser.add_argument("--think-ms", type=int, default=500, help="mean pause between one user's requests")
    parser.add_argument("--settle", type=float, default=15,
                        help="seconds after a fault clears before errors count as unexplained")
    arguments = parser.parse_args()
    secret = os.environ["SNOWGATE_AUTH_SECRET"]

    admin = Client(arguments.gateway)
    simulator = Client(arguments.simulator)

    # Configure ServiceNow as an admin.
    mutation = ('mutation { configureServiceNow(input: { instanceUrl: "%s", clientId: "%s", clientSecret: "%s" }) '
                '{ configuration { clientId } } }') % (arguments.simulator, arguments.client_id, arguments.client_secret)
    status, answer = graphql(admin, jwt(secret, "soak-admin", admin=True), mutation)
    assert status == 200 and not answer.get("errors"), answer

    # The generated users and their sys_ids.
    status, data, _ = simulator.request("GET", "/_simulator/users")
    users = [u for u in json.loads(data)["users"] if u["user_name"].startswith("user")][: arguments.users]
    assert len(users) == arguments.users, f"the simulator has only {len(users)} generated users"

    # Connect every user: authorize link, consent as the user, the browser's visit to the callback.
    started = time.time()
    tokens = {}

    def connect(user):
        client = Client(arguments.gateway)
        token = jwt(secret, "soak|" + user["user_name"])
        status, answer = graphql(client, token, "{ viewer { serviceNow { authorizeUrl } } }")
        link = answer["data"]["viewer"]["serviceNow"]["authorizeUrl"]
        sim = Client(arguments.simulator)
        status, data, _ = sim.request("POST", "/_simulator/authorize",
                                      json.dumps({"url": link, "user": user["user_name"]}).encode(),
                                      {"Content-Type": "application/json"})
        redirect = urllib.parse.urlparse(json.loads(data)["redirect"])
        status, page, _ = client.request("GET", redirect.path + "?" + redirect.query)
        assert status == 200, page[:300]
        tokens[user["user_name"]] = token

    threads = [threading.Thread(target=connect, args=(u,)) for u in users]
    for chunk in range(0, len(threads), 20):
        for t in threads[chunk:chunk + 20]:
            t.start()
        for t in threads[chunk:chunk + 20]:
            t.join()
    assert len(tokens) == len(users)
    print(f"connected {len(users)} users in {time.time() - started:.1f} s", flush=True)

    stats = Stats()
    stop = threading.Event()
    fault_state = {"active": None, "cleared_at": 0.0, "switches": 0}
    fault_log = []
    samples = []

    def user_loop(user):
        client = Client(arguments.gateway)
        token = tokens[user["user_name"]]
        rng = random.Random(user["sys_id"])
        time.sleep(rng.random() * arguments.think_ms / 1000)
        while not stop.is_set():
            faulted = fault_state["active"] is not None or time.time() - fault_state["cleared_at"] < arguments.settle
            switches = fault_state["switches"]
            began = time.time()
            try:
                status, answer = graphql(client, token, QUERY)
            except Exception as error:  # a transport failure to the gateway is a gateway failure
                with stats.lock:
                    stats.transport_errors += 1
                    stats.gateway_errors.append(f"{user['user_name']}: {error!r}")
                time.sleep(0.5)
                continue
            elapsed = time.time() - began
            # A request still running when a fault came on belongs to the fault window too.
            faulted = faulted or fault_state["active"] is not None or fault_state["switches"] != switches
            problems = []
            codes = []
            messages = []
            if status >= 500:
                problems.append(f"HTTP {status}")
            if answer is not None:
                for error in answer.get("errors") or []:
                    code = (error.get("extensions") or {}).get("code", "?")
                    codes.append(code)
                    if not faulted:
                        messages.append(f"{code}: {error.get('message')}")
                    if code == "INTERNAL_SERVER_ERROR":
                        problems.append(f"INTERNAL_SERVER_ERROR {error.get('message')}")
                data = answer.get("data") or {}
                viewer_user = (data.get("viewer") or {}).get("user")
                own = user["sys_id"]
                if viewer_user is not None and viewer_user.get("sysId") != own:
                    violations = [f"viewer.user is {viewer_user.get('sysId')}"]
                else:
                    violations = []
                for field, owners in OWNERS.items():
                    for node in ((data.get(field) or {}).get("nodes") or []):
                        if not any((node.get(o) or {}).get("sysId") == own for o in owners):
                            violations.append(f"{field} {node.get('number')}")
            else:
                violations = []
            with stats.lock:
                stats.requests += 1
                stats.latencies.append(elapsed)
                stats.statuses[status] += 1
                (stats.codes_faulted if faulted else stats.codes_clean).update(codes)
                if codes and not faulted:
                    stats.clean_requests_with_errors += 1
                    stats.clean_messages.update(set(messages))
                if not codes:
                    stats.fully_answered += 1
                if problems:
                    stats.gateway_errors.append(f"{user['user_name']}: {problems}")
                if violations:
                    stats.violations.append(f"{user['user_name']}: {violations}")
            time.sleep(rng.expovariate(1000 / arguments.think_ms) if arguments.think_ms > 0 else 0)

    def fault_loop():
        control = Client(arguments.simulator)
        rng = random.Random(42)
        while not stop.wait(arguments.fault_every - arguments.fault_for):
            name, body = rng.choice(FAULTS)
            if body is None:
                control.request("POST", "/_simulator/tokens/expire", b"{}", {"Content-Type": "application/json"})
            else:
                control.request("POST", "/_simulator/faults", json.dumps(body).encode(),
                                {"Content-Type": "application/json"})
            fault_state["active"] = name
            fault_state["switches"] += 1
            fault_log.append((round(time.time() - run_started), name))
            print(f"  t={time.time() - run_started:6.0f}s fault on: {name}", flush=True)
            stop.wait(arguments.fault_for)
            control.request("DELETE", "/_simulator/faults")
            fault_state["active"] = None
            fault_state["switches"] += 1
            fault_state["cleared_at"] = time.time()

    def sample_loop():
        while True:
            try:
                rss, fds = proc_sample(arguments.gateway_pid)
            except FileNotFoundError:
                stats.gateway_errors.append("the gateway process is gone")
                return
            samples.append((time.time() - run_started, rss, fds, stats.requests))
            if stop.wait(5):
                rss, fds = proc_sample(arguments.gateway_pid)
                samples.append((time.time() - run_started, rss, fds, stats.requests))
                return

    run_started = time.time()
    workers = [threading.Thread(target=user_loop, args=(u,), daemon=True) for u in users]
    helpers = [threading.Thread(target=fault_loop, daemon=True), threading.Thread(target=sample_loop, daemon=True)]
    for t in workers + helpers:
        t.start()
    next_report = 30
    while time.time() - run_started < arguments.duration:
        time.sleep(1)
        if time.time() - run_started >= next_report:
            last = samples[-1] if samples else (0, 0, 0, 0)
            print(f"  t={time.time() - run_started:6.0f}s requests={stats.requests} rss={last[1] / 1024:.1f} MiB "
                  f"fds={last[2]}", flush=True)
            next_report += 30
    stop.set()
    for t in workers:
        t.join(timeout=90)
    for t in helpers:
        t.join(timeout=10)
    elapsed = time.time() - run_started

    # The summary.
    latencies = sorted(stats.latencies)

    def percentile(p):
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1000 if latencies else 0

    warm = [s for s in samples if s[0] >= min(60, arguments.duration / 4)] or samples
    first_half = [s[1] for s in warm[: max(1, len(warm) // 2)]]
    second_half = [s[1] for s in warm[len(warm) // 2:]] or first_half
    rss_growth = (statistics.median(second_half) - statistics.median(first_half)) / statistics.median(first_half)
    fds_warm = [s[2] for s in warm]
    checks = [
        ("no 5xx or INTERNAL_SERVER_ERROR from the gateway", len(stats.gateway_errors) == 0,
         f"{len(stats.gateway_errors)} failures"),
        ("every response holds only its own user's records", len(stats.violations) == 0,
         f"{len(stats.violations)} violations"),
        ("memory flat (RSS median, 2nd half vs 1st half of the warm run, < +15%)", rss_growth < 0.15,
         f"{rss_growth * 100:+.1f}%"),
        ("no leaked file descriptors (last <= warm minimum + 16)",
         not fds_warm or fds_warm[-1] <= min(fds_warm) + 16,
         f"min {min(fds_warm) if fds_warm else '-'}, last {fds_warm[-1] if fds_warm else '-'}"),
        ("requests answered in full outside fault windows (> 99%)",
         stats.requests > 0 and stats.clean_requests_with_errors <= 0.01 * stats.requests,
         f"{stats.clean_requests_with_errors} of {stats.requests} requests with an error outside fault windows"),
    ]
    print()
    print("snowgate soak test")
    print("=" * 78)
    rows = [
        ("users", f"{len(users)}"),
        ("duration", f"{elapsed:.0f} s"),
        ("requests", f"{stats.requests} ({stats.requests / elapsed:.1f}/s)"),
        ("fully answered", f"{stats.fully_answered} ({100 * stats.fully_answered / max(1, stats.requests):.1f}%)"),
        ("latency p50 / p95 / p99 / max", f"{percentile(50):.0f} / {percentile(95):.0f} / {percentile(99):.0f} / "
                                          f"{(latencies[-1] * 1000 if latencies else 0):.0f} ms"),
        ("HTTP statuses", ", ".join(f"{k}: {v}" for k, v in sorted(stats.statuses.items()))),
        ("error codes in fault windows", ", ".join(f"{k}: {v}" for k, v in stats.codes_faulted.most_common()) or "-"),
        ("error codes outside them", ", ".join(f"{k}: {v}" for k, v in stats.codes_clean.most_common()) or "-"),
        ("their messages (requests)", "; ".join(f"{k} ({v})" for k, v in stats.clean_messages.most_common(4)) or "-"),
        ("faults switched", f"{len(fault_log)}: " + ", ".join(sorted({name for _, name in fault_log}))),
        ("gateway RSS first / max / last", f"{samples[0][1] / 1024:.1f} / {max(s[1] for s in samples) / 1024:.1f} / "
                                           f"{samples[-1][1] / 1024:.1f} MiB" if samples else "-"),
        ("gateway open fds first / max / last", f"{samples[0][2]} / {max(s[2] for s in samples)} / {samples[-1][2]}"
         if samples else "-"),
    ]
    for name, value in rows:
        print(f"{name:<36} {value}")
    print("-" * 78)
    failed = False
    for name, ok, detail in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {name}: {detail}")
        failed |= not ok
    for line in (stats.gateway_errors[:10] + stats.violations[:10]):
        print("   ", line)
    print()
    print("RSS/fd samples (t s, RSS MiB, fds, requests so far):")
    print("  " + "  ".join(f"{t:.0f}:{rss / 1024:.0f}/{fds}" for t, rss, fds, _ in samples))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
