#!/usr/bin/env python3
"""The widget load benchmark behind `make bench` (docs/PERFORMANCE.md).

It starts the release `snowgate simulator` with a real instance's latency model and `snowgate serve` against it,
connects N users through the real OAuth flow (each user their own ServiceNow account, approved through the
simulator's control API), and drives the widget query (examples/widget.graphql) with wrk, in three upstream modes
measured in the same run: naive, batched, and batched + cache. Then it measures what the gateway adds to a render
over the simulator's own time for the same Batch call (both driven at the same time), and the gateway's peak memory
with 1,000 connected users.

Only the Python standard library, wrk and the snowgate binary are needed.
"""

import argparse
import base64
import hashlib
import hmac
import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
LUA = os.path.join(ROOT, "scripts", "bench", "render.lua")
CLIENT_ID = "snowgate-bench"
CLIENT_SECRET = "bench-client-secret-5c1d"
AUTH_SECRET = "bench-auth-secret-that-is-long-enough-0123456789"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def log(message):
    print(message, file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def http(method, url, body=None, headers=None, timeout=60):
    data = None
    if body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    if data is not None and "Content-Type" not in request.headers:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwt(subject, admin=False, lifetime=6 * 3600):
    """An HS256 user token as the intranet would sign it."""
    now = int(time.time())
    header = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    claims = {"sub": subject, "iat": now, "exp": now + lifetime, "name": subject}
    if admin:
        claims["roles"] = ["admin"]
    payload = b64url(json.dumps(claims).encode())
    signature = hmac.new(AUTH_SECRET.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{b64url(signature)}"


def user_name(index):
    return f"user{index:04d}"


def subject(index):
    return f"bench-{index:04d}"


def graphql(base_url, token, query, variables=None):
    """One GraphQL request to the gateway at `base_url` (directly, or through a load balancer), as `token`."""
    body = {"query": query}
    if variables:
        body["variables"] = variables
    status, data = http(
        "POST", base_url + "/graphql", body,
        {"Authorization": f"Bearer {token}", "Accept": "application/json"},
    )
    if status != 200:
        raise RuntimeError(f"GraphQL answered {status}: {data[:300]!r}")
    return json.loads(data)


def configure_servicenow(base_url, simulator_url):
    """The admin's configureServiceNow, pointing the gateway at the simulator."""
    result = graphql(
        base_url,
        jwt("bench-admin", admin=True),
        "mutation ($input: ConfigureServiceNowInput!) { configureServiceNow(input: $input) "
        "{ configuration { instanceUrl } } }",
        {"input": {"instanceUrl": simulator_url, "clientId": CLIENT_ID, "clientSecret": CLIENT_SECRET}},
    )
    if result.get("errors"):
        raise SystemExit(f"configureServiceNow failed: {result['errors']}")


def connect_user(base_url, simulator_url, index):
    """One user through the real flow: the widget's authorize link, the user's consent, the callback."""
    token = jwt(subject(index))
    answer = graphql(base_url, token, "{ viewer { serviceNow { connected authorizeUrl } } }")
    connection = answer["data"]["viewer"]["serviceNow"]
    if connection["connected"]:
        return
    status, data = http(
        "POST", simulator_url + "/_simulator/authorize",
        {"url": connection["authorizeUrl"], "user": user_name(index)},
    )
    if status != 200:
        raise RuntimeError(f"the simulator refused the authorization of {user_name(index)}: {data[:200]!r}")
    status, page = http("GET", json.loads(data)["redirect"])
    if status != 200 or b'data-status="connected"' not in page:
        raise RuntimeError(f"the callback did not connect {user_name(index)} ({status})")


class Process:
    """A child process with its output in a log file."""

    def __init__(self, name, arguments, environment, directory, read_output=False):
        """`read_output`: standard output is a pipe the caller reads (what the process announces), not the log."""
        self.name = name
        self.log_path = os.path.join(directory, f"{name}.log")
        self.log_file = open(self.log_path, "wb")
        self.process = subprocess.Popen(
            arguments,
            stdout=subprocess.PIPE if read_output else self.log_file,
            stderr=self.log_file,
            env=environment,
        )

    @property
    def pid(self):
        return self.process.pid

    def cpu_seconds(self):
        """User + system CPU time so far, from /proc/PID/stat."""
        with open(f"/proc/{self.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        # utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the command.
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS

    def peak_rss_mb(self):
        with open(f"/proc/{self.pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log_file.close()


class Bench:
    def __init__(self, options):
        self.options = options
        self.binary = options.binary
        self.directory = tempfile.mkdtemp(prefix="snowgate-bench-")
        self.database = os.path.join(self.directory, "gateway.sqlite")
        self.data_key = base64.b64encode(secrets.token_bytes(32)).decode()
        self.simulator_port = free_port()
        self.gateway_port = free_port()
        self.simulator_url = f"http://127.0.0.1:{self.simulator_port}"
        self.gateway_url = f"http://127.0.0.1:{self.gateway_port}"
        self.simulator = None
        self.gateway = None
        self.connected = 0
        self.query = open(os.path.join(ROOT, "examples", "widget.graphql")).read()
        self.results = {"settings": vars(options).copy(), "modes": {}}

    # MARK: Processes

    def start_simulator(self):
        options = self.options
        users = max(options.users, options.rss_users)
        arguments = [
            self.binary, "simulator", "--port", str(self.simulator_port), "--users", str(users),
            "--latency-round-trip-ms", str(options.round_trip_ms),
            "--latency-transaction-ms", str(options.transaction_ms),
            "--concurrent-transactions", str(options.concurrent_transactions),
            "--queue-length", str(options.queue_length), "--control",
            "--client", f"{CLIENT_ID}:{CLIENT_SECRET}:{self.gateway_url}/oauth/callback",
        ]
        self.simulator = Process("simulator", arguments, os.environ.copy(), self.directory, read_output=True)
        for raw in self.simulator.process.stdout:
            line = raw.decode(errors="replace")
            self.simulator.log_file.write(raw)
            if "listening on" in line:
                break
        else:
            raise SystemExit(f"the simulator did not start; see {self.simulator.log_path}")
        # Keep draining its standard output so it never blocks on a full pipe.
        threading.Thread(target=self._drain, args=(self.simulator,), daemon=True).start()

    @staticmethod
    def _drain(process):
        for raw in process.process.stdout:
            process.log_file.write(raw)

    def start_gateway(self, mode, cache_ttl, name, wrapper=(), binary=None, startup_seconds=30):
        """`snowgate serve` against the simulator, returning once it answers `/healthz`. `wrapper` runs it under
        another program: callgrind.py runs it under valgrind, with a longer `startup_seconds`."""
        environment = os.environ.copy()
        environment.update({"SNOWGATE_AUTH_SECRET": AUTH_SECRET, "SNOWGATE_DATA_KEY": self.data_key})
        arguments = [
            *wrapper, binary or self.binary, "serve", "--port", str(self.gateway_port), "--database", self.database,
            "--allow-http-loopback-instance", "--upstream-mode", mode, "--cache-ttl", str(cache_ttl),
            "--log-level", self.options.log_level,
            # The benchmark connects its users from one address and drives them at full speed: the per-address
            # limit on sign-ins (2/s) and the per-user request limit would measure the limiter, not the gateway.
            "--ip-rate-limit", "0", "--rate-limit", "0",
        ]
        self.gateway = Process(f"gateway-{name}", arguments, environment, self.directory)
        deadline = time.time() + startup_seconds
        while time.time() < deadline:
            try:
                if http("GET", self.gateway_url + "/healthz", timeout=5)[0] == 200:
                    return
            except OSError:
                pass
            if self.gateway.process.poll() is not None:
                break
            time.sleep(0.1)
        raise SystemExit(f"the gateway did not start; see {self.gateway.log_path}")

    def stop_gateway(self):
        if self.gateway:
            self.gateway.stop()
            self.gateway = None

    def close(self):
        self.stop_gateway()
        if self.simulator:
            self.simulator.stop()

    # MARK: GraphQL and the simulator's control API

    def graphql(self, token, query, variables=None):
        return graphql(self.gateway_url, token, query, variables)

    def simulator_requests(self):
        status, data = http("GET", self.simulator_url + "/_simulator/requests", timeout=120)
        if status != 200:
            raise RuntimeError(f"the simulator's request log answered {status}")
        return json.loads(data)["requests"]

    def wait_for_idle_simulator(self, limit=120):
        """Waits until the instance has no transaction running or queued: a stopped gateway's calls still queued at
        the simulator must not be counted against the next mode."""
        deadline = time.time() + limit
        while time.time() < deadline:
            status, data = http("GET", self.simulator_url + "/_simulator/transactions")
            load = json.loads(data) if status == 200 else {}
            if load.get("active") == 0 and load.get("queued") == 0:
                return
            time.sleep(0.2)
        log("  warning: the simulator is still busy; counts of the next mode may include earlier calls")

    def clear_simulator_requests(self):
        http("DELETE", self.simulator_url + "/_simulator/requests")

    def configure(self):
        configure_servicenow(self.gateway_url, self.simulator_url)

    def connect(self, index):
        connect_user(self.gateway_url, self.simulator_url, index)

    def connect_users(self, count):
        if count <= self.connected:
            return
        started = time.time()
        with ThreadPoolExecutor(max_workers=16) as pool:
            list(pool.map(self.connect, range(self.connected + 1, count + 1)))
        log(f"  connected users {self.connected + 1}..{count} in {time.time() - started:.1f} s")
        self.connected = count

    def tokens_file(self, count, name):
        path = os.path.join(self.directory, f"{name}.tokens")
        with open(path, "w") as file:
            for index in range(1, count + 1):
                file.write(jwt(subject(index)) + "\n")
        return path

    # MARK: Load

    def wrk(self, url, path, body_path, tokens_path, connections, duration, errors='"errors"', delay_ms=None):
        environment = os.environ.copy()
        environment.update({
            "BENCH_PATH": path, "BENCH_BODY": body_path, "BENCH_TOKENS": tokens_path, "BENCH_ERRORS": errors,
        })
        if delay_ms:
            environment["BENCH_DELAY_MS"] = str(int(delay_ms))
        arguments = [
            "wrk", "-t", str(self.options.wrk_threads), "-c", str(connections), "-d", f"{duration}s",
            "--timeout", "60s", "-s", LUA, url,
        ]
        output = subprocess.run(arguments, env=environment, capture_output=True, text=True, check=True).stdout
        for line in output.splitlines():
            if line.startswith("BENCH_JSON "):
                return json.loads(line[len("BENCH_JSON "):])
        raise RuntimeError(f"wrk printed no result:\n{output}")

    def widget_body(self):
        path = os.path.join(self.directory, "widget.json")
        with open(path, "w") as file:
            json.dump({"query": self.query}, file)
        return path

    def probe(self):
        """ServiceNow requests of one user's first render, and of a second render right after it."""
        token = jwt(subject(1))
        counts = []
        for _ in range(2):
            self.clear_simulator_requests()
            result = self.graphql(token, self.query)
            if result.get("errors"):
                raise RuntimeError(f"the widget render failed: {result['errors']}")
            counts.append(len(self.simulator_requests()))
        return counts

    def measure_floor_server(self, kind, body_path, tokens_path, delay_ms):
        """CPU per request and p50 of `HTTPFloor KIND`, at the rate of the `{ __typename }` floor."""
        server = Process(f"httpfloor-{kind}", [self.options.floor_binary, kind, "0"], os.environ.copy(),
                         self.directory, read_output=True)
        try:
            line = server.process.stdout.readline().decode().split()
            if len(line) != 2 or line[0] != "listening":
                raise RuntimeError(f"HTTPFloor {kind} did not start: {line}")
            url = f"http://127.0.0.1:{line[1]}"
            # Warmed up first, as the gateway is by the rounds before its floor: a fresh process's first requests
            # pay one-time costs (type metadata, the event loops' first allocations) that are not per request.
            self.wrk(url, "/graphql", body_path, tokens_path, self.options.users, 5, delay_ms=delay_ms)
            before = server.cpu_seconds()
            result = self.wrk(url, "/graphql", body_path, tokens_path, self.options.users,
                              self.options.overhead_duration, delay_ms=delay_ms)
            cpu = server.cpu_seconds() - before
        finally:
            server.stop()
        row = {
            "ok": result["ok"],
            "failed": result["failed"] + result["bad_status"],
            "p50_ms": result["p50_us"] / 1000,
            "cpu_ms_per_request": cpu * 1000 / result["ok"] if result["ok"] else float("nan"),
        }
        log(f"  HTTP server alone ({kind}): {row['cpu_ms_per_request']:.3f} ms CPU per request, "
            f"p50 {row['p50_ms']:.2f} ms, {row['ok']} answered, {row['failed']} failed")
        return row

    def run_mode(self, name, mode, cache_ttl, body_path, tokens_path):
        options = self.options
        log(f"- {name}: gateway --upstream-mode {mode} --cache-ttl {cache_ttl}")
        self.wait_for_idle_simulator()
        self.start_gateway(mode, cache_ttl, name)
        try:
            cold, warm = self.probe()
            log(f"  probe: {cold} ServiceNow request(s) for a first render, {warm} for a second one")
            if options.warmup > 0:
                self.wrk(self.gateway_url, "/graphql", body_path, tokens_path, options.users, options.warmup)
            self.wait_for_idle_simulator()
            self.clear_simulator_requests()
            cpu_before = self.gateway.cpu_seconds()
            load_before = os.getloadavg()[0]
            result = self.wrk(self.gateway_url, "/graphql", body_path, tokens_path, options.users, options.duration)
            cpu = self.gateway.cpu_seconds() - cpu_before
            upstream = self.simulator_requests()
            seconds = result["duration_us"] / 1e6
            renders = result["ok"]
            row = {
                "renders_per_second": renders / seconds,
                "p50_ms": result["p50_us"] / 1000,
                "p99_ms": result["p99_us"] / 1000,
                "renders": renders,
                "failed": result["failed"] + result["bad_status"] + result["socket_errors"] + result["timeouts"],
                "servicenow_requests": len(upstream),
                "servicenow_429": sum(1 for entry in upstream if entry.get("status") == 429),
                "servicenow_requests_per_render": len(upstream) / renders if renders else float("nan"),
                "cpu_ms_per_render": cpu * 1000 / renders if renders else float("nan"),
                "peak_rss_mb": self.gateway.peak_rss_mb(),
                "probe_first_render": cold,
                "probe_second_render": warm,
                "load_average": [load_before, os.getloadavg()[0]],
            }
            log("  " + ", ".join(f"{key}={value:.3g}" if isinstance(value, float) else f"{key}={value}"
                                 for key, value in row.items() if key != "load_average"))
            self.results["modes"][name] = row
            return upstream
        finally:
            self.stop_gateway()

    def overhead(self, body_path, tokens_path, batch_items):
        """What the gateway adds to a render: the widget through the gateway and the same Batch call straight at the
        simulator, both at once, each at half the rate.

        Measured one after the other, the two p50s moved by 2-5 ms from one run to the next (the simulated
        instance's queue of transactions is busy half of the time at 20 renders/s, and the machine drifts), more
        than the figure sought. Measured at the same time, both see the same instance and the same machine, and
        their difference is the gateway's. Several rounds; the report is the median of their differences."""
        options = self.options
        # Each side at half the rate, so the instance carries the same load as one side at the full rate would. A
        # connection waits a random 0..2x delay before each request; the render's own ~230 ms is part of its period.
        period_ms = options.users / (options.overhead_rate / 2) * 1000
        delay_ms = max(0.0, period_ms - 230)
        batch = {
            "batch_request_id": "bench",
            "rest_requests": [
                {
                    "id": item["id"], "method": item["method"], "url": item["url"],
                    "headers": [{"name": "Accept", "value": "application/json"}],
                    "exclude_response_headers": False,
                }
                for item in batch_items
            ],
        }
        batch_path = os.path.join(self.directory, "batch.json")
        with open(batch_path, "w") as file:
            json.dump(batch, file)
        direct_tokens = os.path.join(self.directory, "servicenow.tokens")
        with open(direct_tokens, "w") as file:
            for index in range(1, options.users + 1):
                status, data = http(
                    "POST", self.simulator_url + "/_simulator/tokens",
                    {"user": user_name(index), "client_id": CLIENT_ID},
                )
                file.write(json.loads(data)["access_token"] + "\n")
        rounds = max(1, options.overhead_rounds)
        log(f"- overhead: {rounds} rounds of {options.overhead_duration} s, {options.overhead_rate / 2:g} renders/s "
            f"through the gateway and {options.overhead_rate / 2:g}/s of the same Batch call straight at the simulator at the "
            f"same time, {options.users} users each")
        measured = []
        self.start_gateway("batched", 0, "overhead")
        try:
            self.probe()
            with ThreadPoolExecutor(max_workers=2) as pool:
                for index in range(rounds):
                    self.wait_for_idle_simulator()
                    cpu_before = self.gateway.cpu_seconds()
                    direct_run = pool.submit(
                        self.wrk, self.simulator_url, "/api/now/v1/batch", batch_path, direct_tokens, options.users,
                        options.overhead_duration, errors='"status_code":4|"status_code":5', delay_ms=delay_ms,
                    )
                    gateway_run = pool.submit(
                        self.wrk, self.gateway_url, "/graphql", body_path, tokens_path, options.users,
                        options.overhead_duration, delay_ms=delay_ms,
                    )
                    direct, through = direct_run.result(), gateway_run.result()
                    cpu = self.gateway.cpu_seconds() - cpu_before
                    result = {
                        "direct": direct,
                        "gateway": through,
                        "added_p50_ms": (through["p50_us"] - direct["p50_us"]) / 1000,
                        "cpu_ms_per_render": cpu * 1000 / through["ok"] if through["ok"] else float("nan"),
                    }
                    log(f"  round {index + 1}: p50 {through['p50_us'] / 1000:.2f} ms through the gateway vs "
                        f"{direct['p50_us'] / 1000:.2f} ms straight = {result['added_p50_ms']:+.2f} ms; "
                        f"the gateway's own share (Server-Timing) p50 {through['own_p50_ms']:.2f} ms; "
                        f"{result['cpu_ms_per_render']:.3f} ms CPU per render")
                    measured.append(result)
            # The floor under that figure: the cheapest authenticated GraphQL request (`{ __typename }`: the HTTP
            # server, the JWT check, one cached plan and the token read every authenticated request starts, no
            # ServiceNow call), same gateway, same connections, the same rate as the renders above. What a cold
            # render costs above it is the gateway's own work on the render.
            floor_body = os.path.join(self.directory, "typename.json")
            with open(floor_body, "w") as file:
                json.dump({"query": "{ __typename }"}, file)
            floor_cpu_before = self.gateway.cpu_seconds()
            floor = self.wrk(
                self.gateway_url, "/graphql", floor_body, tokens_path, options.users, options.overhead_duration,
                delay_ms=period_ms,
            )
            floor_cpu = self.gateway.cpu_seconds() - floor_cpu_before
        finally:
            self.stop_gateway()
        # And under that floor, the HTTP server alone: the Benchmarks package's HTTPFloor answers every POST with
        # the same small JSON, once with Hummingbird as the gateway uses it and once on SwiftNIO's pipeline without
        # Hummingbird's async layer, driven the same way (its own process: its CPU is all the server's).
        servers = {}
        if options.floor_binary and os.path.exists(options.floor_binary):
            for kind in ("nio", "hummingbird"):
                servers[kind] = self.measure_floor_server(kind, floor_body, tokens_path, period_ms)
        else:
            log(f"  (no HTTP-server floor: {options.floor_binary} is not built; `make bench` builds it)")

        def median(key, part=None, scale=1.0):
            return statistics.median((r[part][key] if part else r[key]) * scale for r in measured)

        row = {
            "rounds": len(measured),
            "direct_p50_ms": median("p50_us", "direct", 1 / 1000),
            "direct_p99_ms": median("p99_us", "direct", 1 / 1000),
            "direct_ok": sum(r["direct"]["ok"] for r in measured),
            "direct_failed": sum(r["direct"]["failed"] + r["direct"]["bad_status"] for r in measured),
            "gateway_p50_ms": median("p50_us", "gateway", 1 / 1000),
            "gateway_p99_ms": median("p99_us", "gateway", 1 / 1000),
            "gateway_ok": sum(r["gateway"]["ok"] for r in measured),
            "gateway_failed": sum(r["gateway"]["failed"] + r["gateway"]["bad_status"] for r in measured),
            "added_p50_ms": median("added_p50_ms"),
            "added_p50_ms_by_round": [r["added_p50_ms"] for r in measured],
            # What each answer's Server-Timing header says the gateway itself took (the responder's time minus the
            # request's ServiceNow calls): no second measurement to subtract, so no noise from the instance's queue;
            # it leaves out reading the request before the responder and writing the answer after it.
            "own_p50_ms": median("own_p50_ms", "gateway"),
            "own_p99_ms": median("own_p99_ms", "gateway"),
            "own_p50_ms_by_round": [r["gateway"]["own_p50_ms"] for r in measured],
            "cpu_ms_per_render": median("cpu_ms_per_render"),
            "cpu_ms_per_render_by_round": [r["cpu_ms_per_render"] for r in measured],
            "floor_ok": floor["ok"],
            "floor_failed": floor["failed"] + floor["bad_status"],
            "floor_p50_ms": floor["p50_us"] / 1000,
            "floor_cpu_ms_per_request": floor_cpu * 1000 / floor["ok"] if floor["ok"] else float("nan"),
            "http_servers": servers,
        }
        log("  " + ", ".join(f"{key}={value:.4g}" if isinstance(value, float) else f"{key}={value}"
                             for key, value in row.items()))
        self.results["overhead"] = row

    def memory(self, body_path):
        options = self.options
        log(f"- memory: {options.rss_users} connected users, batched + cache")
        self.wait_for_idle_simulator()
        # Connecting goes through the gateway (the authorize link and the callback), so it runs first.
        self.start_gateway("batched", options.cache_ttl, "rss")
        try:
            self.connect_users(options.rss_users)
            tokens_path = self.tokens_file(options.rss_users, "rss")
            result = self.wrk(
                self.gateway_url, "/graphql", body_path, tokens_path, options.rss_users, options.rss_duration
            )
            row = {
                "users": options.rss_users,
                "renders": result["ok"],
                "failed": result["failed"] + result["bad_status"] + result["socket_errors"] + result["timeouts"],
                "peak_rss_mb": self.gateway.peak_rss_mb(),
            }
        finally:
            self.stop_gateway()
        log(f"  {row}")
        self.results["memory"] = row

    def run(self):
        options = self.options
        log(f"snowgate load benchmark; files in {self.directory}")
        log(f"  load average before: {os.getloadavg()}")
        self.start_simulator()
        self.start_gateway("batched", options.cache_ttl, "setup")
        self.configure()
        self.connect_users(options.users)
        self.stop_gateway()
        body_path = self.widget_body()
        tokens_path = self.tokens_file(options.users, "users")
        batch_items = None
        for name, mode, ttl in [
            ("naive", "naive", 0), ("batched", "batched", 0), ("batched + cache", "batched", options.cache_ttl),
        ]:
            if options.modes and name not in options.modes:
                continue
            upstream = self.run_mode(name, mode, ttl, body_path, tokens_path)
            if mode == "batched" and ttl == 0:
                batch_items = next((entry["batch_items"] for entry in upstream if entry["batch_items"]), None)
        if options.overhead_duration > 0:
            if batch_items is None:
                self.start_gateway("batched", 0, "capture")
                try:
                    self.probe()
                    batch_items = next(entry["batch_items"] for entry in self.simulator_requests())
                finally:
                    self.stop_gateway()
            self.overhead(body_path, tokens_path, batch_items)
        if options.rss_duration > 0:
            self.memory(body_path)
        self.results["load_average_after"] = os.getloadavg()
        return self.results


def table(results):
    modes = results["modes"]
    lines = [
        "| Mode | Renders/s | p50 (ms) | p99 (ms) | Failed | ServiceNow requests/render | "
        "Gateway CPU/render (ms) | Peak RSS (MB) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, row in modes.items():
        lines.append(
            f"| {name} | {row['renders_per_second']:.1f} | {row['p50_ms']:.0f} | {row['p99_ms']:.0f} | "
            f"{row['failed']} | {row['servicenow_requests_per_render']:.3f} | {row['cpu_ms_per_render']:.3f} | "
            f"{row['peak_rss_mb']:.0f} |"
        )
    lines.append("")
    if "naive" in modes:
        base = modes["naive"]["renders_per_second"]
        ratios = [f"{name} / naive = {row['renders_per_second'] / base:.2f}x" for name, row in modes.items()
                  if name != "naive" and base]
        if ratios:
            lines.append("Renders/s ratios: " + "; ".join(ratios) + ".")
    probes = [f"{name}: {row['probe_first_render']} then {row['probe_second_render']}" for name, row in modes.items()]
    lines.append("ServiceNow requests of one user's first render, then of a second one right after: "
                 + "; ".join(probes) + ".")
    if "overhead" in results:
        row = results["overhead"]
        lines.append(
            f"Gateway overhead at {results['settings']['overhead_rate'] / 2:g} renders/s, with the same Batch call "
            f"straight at the simulator at the same time and rate: p50 {row['gateway_p50_ms']:.1f} ms through the "
            f"gateway vs {row['direct_p50_ms']:.1f} ms straight = {row['added_p50_ms']:+.2f} ms "
            f"(p99 {row['gateway_p99_ms']:.0f} vs {row['direct_p99_ms']:.0f} ms); "
            f"gateway CPU {row['cpu_ms_per_render']:.3f} ms per cold render. Medians of {row.get('rounds', 1)} "
            f"rounds; added p50 per round: "
            + ", ".join(f"{value:+.2f}" for value in row.get("added_p50_ms_by_round", [row["added_p50_ms"]]))
            + " ms."
        )
        if row.get("own_p50_ms", -1) >= 0:
            lines.append(
                f"The gateway's own share of a cold render by its Server-Timing header (the responder's time minus the "
                f"ServiceNow calls'): p50 {row['own_p50_ms']:.2f} ms, p99 {row['own_p99_ms']:.2f} ms (medians of the "
                f"rounds; p50 per round: " + ", ".join(f"{value:.2f}" for value in row["own_p50_ms_by_round"]) + " ms)."
            )
        if "floor_cpu_ms_per_request" in row:
            lines.append(
                f"Floor at the same rate: an authenticated `{{ __typename }}` costs the gateway "
                f"{row['floor_cpu_ms_per_request']:.3f} ms of CPU (p50 {row['floor_p50_ms']:.2f} ms); a cold render "
                f"costs {row['cpu_ms_per_render'] - row['floor_cpu_ms_per_request']:.3f} ms above it."
            )
        servers = row.get("http_servers") or {}
        if servers:
            lines.append(
                "Under it, the HTTP server alone at the same rate (HTTPFloor: every POST answered with the same small "
                "JSON, no authentication, no GraphQL): "
                + "; ".join(f"{'Hummingbird' if kind == 'hummingbird' else 'SwiftNIO without Hummingbird'} "
                            f"{server['cpu_ms_per_request']:.3f} ms of CPU per request (p50 {server['p50_ms']:.2f} ms)"
                            for kind, server in servers.items())
                + "."
            )
    if "memory" in results:
        row = results["memory"]
        lines.append(f"Peak RSS with {row['users']} connected users rendering (batched + cache): "
                     f"{row['peak_rss_mb']:.0f} MB ({row['renders']} renders, {row['failed']} failed).")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "snowgate"))
    parser.add_argument("--users", type=int, default=200, help="connected users (and wrk connections)")
    parser.add_argument("--duration", type=int, default=30, help="seconds measured per mode")
    parser.add_argument("--warmup", type=int, default=10, help="seconds of load before each measurement")
    parser.add_argument("--cache-ttl", type=float, default=5, help="the cache TTL of batched + cache")
    parser.add_argument("--modes", nargs="*", help="a subset of: naive, batched, 'batched + cache'")
    parser.add_argument("--round-trip-ms", type=int, default=30)
    parser.add_argument("--transaction-ms", type=int, default=40)
    parser.add_argument("--concurrent-transactions", type=int, default=8)
    parser.add_argument("--queue-length", type=int, default=5000,
                        help="the instance's queue: long enough that the load waits rather than getting 429s")
    parser.add_argument("--overhead-rate", type=float, default=20,
                        help="requests/s at the simulator in the overhead phase: "
                             "half through the gateway, half straight")
    parser.add_argument("--overhead-duration", type=int, default=30,
                        help="seconds of each overhead measurement (0 skips the overhead phase)")
    parser.add_argument("--overhead-rounds", type=int, default=5,
                        help="rounds of the overhead phase (its report is the median of the rounds)")
    parser.add_argument("--rss-users", type=int, default=1000)
    parser.add_argument("--rss-duration", type=int, default=30, help="0 skips the memory measurement")
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--floor-binary", default=os.path.join(ROOT, "Benchmarks", ".build", "release", "HTTPFloor"),
                        help="the Benchmarks package's HTTPFloor, for the HTTP server's own floor (skipped if absent)")
    parser.add_argument("--log-level", default="info")
    parser.add_argument("--json", help="also write the results to this file")
    options = parser.parse_args()
    if not os.path.exists(options.binary):
        raise SystemExit(f"{options.binary} is missing: swift build -c release --product snowgate")
    bench = Bench(options)
    try:
        results = bench.run()
    finally:
        bench.close()
    if options.json:
        with open(options.json, "w") as file:
            json.dump(results, file, indent=2)
    print(table(results))


if __name__ == "__main__":
    main()
