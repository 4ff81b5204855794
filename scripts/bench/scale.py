#!/usr/bin/env python3
"""The scale-out benchmark behind `make bench-scale` (docs/SCALE-OUT.md).

It starts a throwaway PostgreSQL cluster in a temporary folder, the release `snowgate simulator` with a real
instance's latency model, N `snowgate serve` replicas on that one database, and nginx in front of them with the
configuration printed in docs/SCALE-OUT.md (read from the document itself, so the two cannot drift). It connects
the users through nginx (the OAuth callback lands on any replica), then drives the widget query with wrk against
nginx, with 1 and then 2 replicas, for batched and batched + cache, in one run. Last it checks /healthz and drains
one of two replicas with SIGTERM under load: the requests in flight on it must finish and nginx must route around
it, with no failed render.

Only the Python standard library, wrk, nginx, PostgreSQL's server binaries and the snowgate binary are needed.
"""

import argparse
import base64
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import (  # noqa: E402  (the single-gateway benchmark's helpers: same users, tokens and wrk script)
    AUTH_SECRET, CLIENT_ID, CLIENT_SECRET, LUA, ROOT, Process, configure_servicenow, connect_user, free_port, graphql,
    http, jwt, log, subject, user_name,
)

DOC = os.path.join(ROOT, "docs", "SCALE-OUT.md")
DATABASE = "snowgate"
DB_USER = "snowgate"
LOCATION = "/snowgate"


# MARK: The nginx configuration of docs/SCALE-OUT.md

def documented_nginx_config():
    """The one ```nginx block of docs/SCALE-OUT.md, verbatim."""
    text = open(DOC).read()
    blocks = re.findall(r"^```nginx\n(.*?)^```", text, flags=re.S | re.M)
    if len(blocks) != 1:
        raise SystemExit(f"{DOC} must hold exactly one ```nginx block (found {len(blocks)})")
    return blocks[0]


def render_nginx_config(documented, replicas, listen_port):
    """The documented file with exactly two substitutions, each of which must apply once:

    1. the `server ADDRESS PARAMETERS;` lines of `upstream snowgate` become one line per replica, with the
       parameters of the documented first line (max_fails, fail_timeout);
    2. `listen 443 ssl;` becomes `listen 127.0.0.1:PORT;` (no TLS certificate in the benchmark).
    Anything else in the document (balancing, keepalive, retries, timeouts, headers) is used as written.
    """
    servers = list(re.finditer(r"^( +)server +(\S+)( [^;\n]*)?;\n", documented, flags=re.M))
    if len(servers) < 1:
        raise SystemExit(f"no `server ADDRESS ...;` line in the upstream of {DOC}")
    indent, parameters = servers[0].group(1), servers[0].group(3) or ""
    lines = "".join(f"{indent}server {address}{parameters};\n" for address in replicas)
    rendered = documented[:servers[0].start()] + lines + documented[servers[-1].end():]
    listen = re.findall(r"^ +listen 443 ssl;\n", rendered, flags=re.M)
    if len(listen) != 1:
        raise SystemExit(f"{DOC}'s nginx block must have one `listen 443 ssl;` line")
    return rendered.replace("listen 443 ssl;", f"listen 127.0.0.1:{listen_port};")


def nginx_main_config(prefix, site):
    """What the Debian package's /etc/nginx/nginx.conf provides around conf.d/, with paths in `prefix`."""
    user = "user root;\n" if os.geteuid() == 0 else ""
    return f"""{user}worker_processes auto;
daemon off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    log_format scale '$msec $request_time $status $request_method "$upstream_addr" "$upstream_status"';
    access_log {prefix}/access.log scale;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;

    # ---- docs/SCALE-OUT.md, rendered by scripts/bench/scale.py ----
{site}}}
"""


def read_access_log(path):
    """Entries of the access log: end time, duration, status, method, upstream addresses and statuses."""
    entries = []
    with open(path) as file:
        for line in file:
            match = re.match(r'(\S+) (\S+) (\d+) (\S+) "([^"]*)" "([^"]*)"', line)
            if match:
                end, duration = float(match.group(1)), float(match.group(2))
                entries.append({
                    "start": end - duration, "end": end, "status": int(match.group(3)), "method": match.group(4),
                    "upstreams": [part.strip() for part in re.split(r"[,:] (?=\d)", match.group(5)) if part.strip()],
                    "upstream_statuses": [part.strip() for part in re.split(r"[,:]", match.group(6))],
                })
    return entries


# MARK: Processes

class PostgreSQL:
    """A throwaway cluster: initdb (through runuser as the postgres user when root: initdb refuses root), a server on
    127.0.0.1 on a free port with its socket in the folder, one database for the replicas."""

    def __init__(self):
        self.bin = self.binaries()
        self.directory = tempfile.mkdtemp(prefix="snowgate-scale-pg-")
        self.run_as = None
        if os.geteuid() == 0:
            import pwd
            entry = pwd.getpwnam("postgres")
            os.chown(self.directory, entry.pw_uid, entry.pw_gid)
            self.run_as = "postgres"
        self.password = secrets.token_hex(16)
        self.port = free_port()
        self.started = False

    @staticmethod
    def binaries():
        root = "/usr/lib/postgresql"
        versions = sorted((int(name) for name in os.listdir(root) if name.isdigit()), reverse=True) \
            if os.path.isdir(root) else []
        for version in versions:
            path = f"{root}/{version}/bin"
            if all(os.access(f"{path}/{tool}", os.X_OK) for tool in ("initdb", "pg_ctl", "psql")):
                return path
        raise SystemExit("PostgreSQL's server binaries are missing: apt-get install postgresql")

    def command(self, tool, *arguments):
        command = [f"{self.bin}/{tool}", *arguments]
        return ["/usr/sbin/runuser", "-u", self.run_as, "--", *command] if self.run_as else command

    def run(self, tool, *arguments):
        # Output to a file, never a pipe: the server pg_ctl starts would inherit the pipe and hold it open.
        output_path = os.path.join(self.directory, f"{tool}.out")
        with open(output_path, "ab") as output:
            status = subprocess.call(self.command(tool, *arguments), stdin=subprocess.DEVNULL, stdout=output,
                                     stderr=output, cwd=self.directory)
        if status != 0:
            raise SystemExit(f"{tool} failed ({status}):\n{open(output_path).read()[-2000:]}")

    def start(self):
        password_file = os.path.join(self.directory, "pwfile")
        with open(password_file, "w") as file:
            file.write(self.password)
        if self.run_as:
            shutil.chown(password_file, self.run_as, self.run_as)
        data = os.path.join(self.directory, "data")
        self.run("initdb", "-D", data, "-U", DB_USER, f"--pwfile={password_file}", "--auth-host=scram-sha-256",
                 "--auth-local=trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions")
        self.run("pg_ctl", "-D", data, "-l", os.path.join(self.directory, "server.log"), "-w", "-t", "30", "-o",
                 f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.directory} -c max_connections=100", "start")
        self.started = True
        self.run("psql", "-h", self.directory, "-p", str(self.port), "-U", DB_USER, "-d", "postgres", "-q",
                 "-c", f"CREATE DATABASE {DATABASE}")

    @property
    def url(self):
        return f"postgres://{DB_USER}:{self.password}@127.0.0.1:{self.port}/{DATABASE}?sslmode=disable"

    def stop(self):
        if self.started:
            self.run("pg_ctl", "-D", os.path.join(self.directory, "data"), "-m", "fast", "-w", "stop")
            self.started = False
        shutil.rmtree(self.directory, ignore_errors=True)


class Scale:
    def __init__(self, options):
        self.options = options
        self.binary = options.binary
        self.directory = tempfile.mkdtemp(prefix="snowgate-scale-")
        self.data_key = base64.b64encode(secrets.token_bytes(32)).decode()
        self.postgres = PostgreSQL()
        self.simulator_port = free_port()
        self.simulator_url = f"http://127.0.0.1:{self.simulator_port}"
        self.nginx_port = free_port()
        self.public_url = f"http://127.0.0.1:{self.nginx_port}{LOCATION}"
        self.simulator = None
        self.nginx = None
        self.nginx_prefix = None
        self.replicas = []
        self.phase = 0
        self.query = open(os.path.join(ROOT, "examples", "widget.graphql")).read()
        self.results = {"settings": vars(options).copy(), "phases": {}, "checks": {}}

    # MARK: Processes

    def start_simulator(self):
        options = self.options
        arguments = [
            self.binary, "simulator", "--port", str(self.simulator_port), "--users", str(options.users),
            "--latency-round-trip-ms", str(options.round_trip_ms),
            "--latency-transaction-ms", str(options.transaction_ms),
            "--concurrent-transactions", str(options.concurrent_transactions),
            "--queue-length", str(options.queue_length), "--control",
            "--client", f"{CLIENT_ID}:{CLIENT_SECRET}:{self.public_url}/oauth/callback",
        ]
        self.simulator = Process("simulator", arguments, os.environ.copy(), self.directory)
        for raw in self.simulator.process.stdout:
            self.simulator.log_file.write(raw)
            if b"listening on" in raw:
                break
        else:
            raise SystemExit(f"the simulator did not start; see {self.simulator.log_path}")
        threading.Thread(target=self._drain, args=(self.simulator,), daemon=True).start()

    @staticmethod
    def _drain(process):
        for raw in process.process.stdout:
            process.log_file.write(raw)

    def start_replicas(self, count, cache_ttl, name):
        environment = os.environ.copy()
        environment.update({"SNOWGATE_AUTH_SECRET": AUTH_SECRET, "SNOWGATE_DATA_KEY": self.data_key})
        for index in range(count):
            port = free_port()
            arguments = [
                self.binary, "serve", "--host", "127.0.0.1", "--port", str(port), "--database", self.postgres.url,
                "--public-url", self.public_url, "--allow-http-loopback-instance", "--upstream-mode", "batched",
                "--cache-ttl", str(cache_ttl), "--log-level", self.options.log_level,
                # Every request reaches a replica from nginx's address, so the per-address limit would throttle all
                # users together (docs/SCALE-OUT.md); the per-user limit is off so that wrk never meets a 429.
                "--rate-limit", "0", "--ip-rate-limit", "0",
            ]
            process = Process(f"replica{index + 1}-{name}", arguments, environment, self.directory)
            process.address = f"127.0.0.1:{port}"
            self.replicas.append(process)
        for process in self.replicas:
            self.wait_for_health(f"http://{process.address}/healthz", process)

    @staticmethod
    def wait_for_health(url, process, limit=60):
        deadline = time.time() + limit
        while time.time() < deadline:
            try:
                if http("GET", url, timeout=2)[0] == 200:
                    return
            except OSError:
                pass
            if process.process.poll() is not None:
                break
            time.sleep(0.1)
        raise SystemExit(f"{process.name} did not answer {url}; see {process.log_path}")

    def start_nginx(self):
        self.phase += 1
        prefix = os.path.join(self.directory, f"nginx-{self.phase}")
        os.makedirs(prefix)
        site = render_nginx_config(documented_nginx_config(), [r.address for r in self.replicas], self.nginx_port)
        config = os.path.join(prefix, "nginx.conf")
        with open(config, "w") as file:
            file.write(nginx_main_config(prefix, site))
        self.nginx_prefix = prefix
        self.nginx = Process(f"nginx-{self.phase}", ["nginx", "-p", prefix, "-c", config, "-e",
                                                     os.path.join(prefix, "error.log")], os.environ.copy(),
                             self.directory)
        self.wait_for_health(self.public_url + "/healthz", self.nginx, limit=20)

    def stop_all(self):
        if self.nginx:
            self.nginx.stop()
            self.nginx = None
        for process in self.replicas:
            process.stop()
        self.replicas = []

    def close(self):
        self.stop_all()
        if self.simulator:
            self.simulator.stop()
        self.postgres.stop()

    # MARK: GraphQL, users, the simulator

    def graphql(self, token, query, variables=None):
        return graphql(self.public_url, token, query, variables)

    def configure(self):
        configure_servicenow(self.public_url, self.simulator_url)

    def connect(self, index):
        """All of it through nginx: the authorize link, consent, the callback."""
        connect_user(self.public_url, self.simulator_url, index)

    def simulator_requests(self):
        status, data = http("GET", self.simulator_url + "/_simulator/requests", timeout=120)
        if status != 200:
            raise RuntimeError(f"the simulator's request log answered {status}")
        return json.loads(data)["requests"]

    def wait_for_idle_simulator(self, limit=120):
        deadline = time.time() + limit
        while time.time() < deadline:
            status, data = http("GET", self.simulator_url + "/_simulator/transactions")
            load = json.loads(data) if status == 200 else {}
            if load.get("active") == 0 and load.get("queued") == 0:
                return
            time.sleep(0.2)
        log("  warning: the simulator is still busy; counts of the next phase may include earlier calls")

    # MARK: Load

    def wrk(self, duration):
        environment = os.environ.copy()
        environment.update({"BENCH_PATH": LOCATION + "/graphql", "BENCH_BODY": self.body_path,
                            "BENCH_TOKENS": self.tokens_path, "BENCH_ERRORS": '"errors"'})
        arguments = ["wrk", "-t", str(self.options.wrk_threads), "-c", str(self.options.users), "-d", f"{duration}s",
                     "--timeout", "60s", "-s", LUA, f"http://127.0.0.1:{self.nginx_port}"]
        output = subprocess.run(arguments, env=environment, capture_output=True, text=True, check=True).stdout
        for line in output.splitlines():
            if line.startswith("BENCH_JSON "):
                return json.loads(line[len("BENCH_JSON "):])
        raise RuntimeError(f"wrk printed no result:\n{output}")

    def measure(self, name, replicas, cache_ttl):
        options = self.options
        log(f"- {name}, {replicas} replica(s): --cache-ttl {cache_ttl}")
        self.wait_for_idle_simulator()
        self.start_replicas(replicas, cache_ttl, name.replace(" ", "").replace("+", "-") + str(replicas))
        self.start_nginx()
        try:
            if options.warmup > 0:
                self.wrk(options.warmup)
            self.wait_for_idle_simulator()
            http("DELETE", self.simulator_url + "/_simulator/requests")
            access_log = os.path.join(self.nginx_prefix, "access.log")
            skip = len(read_access_log(access_log))
            cpu_before = [replica.cpu_seconds() for replica in self.replicas]
            load_before = os.getloadavg()[0]
            result = self.wrk(options.duration)
            cpu = [replica.cpu_seconds() - before for replica, before in zip(self.replicas, cpu_before)]
            upstream = self.simulator_requests()
            time.sleep(0.5)  # nginx writes its log lines as answers leave
            entries = read_access_log(access_log)[skip:]
            renders = result["ok"]
            share = {replica.address: sum(1 for entry in entries if entry["upstreams"][-1:] == [replica.address])
                     for replica in self.replicas}
            row = {
                "replicas": replicas,
                "renders_per_second": renders / (result["duration_us"] / 1e6),
                "p50_ms": result["p50_us"] / 1000,
                "p99_ms": result["p99_us"] / 1000,
                "renders": renders,
                "failed": result["failed"] + result["bad_status"] + result["socket_errors"] + result["timeouts"],
                "servicenow_requests_per_render": len(upstream) / renders if renders else float("nan"),
                "servicenow_429": sum(1 for entry in upstream if entry.get("status") == 429),
                "cpu_ms_per_render": sum(cpu) * 1000 / renders if renders else float("nan"),
                "replica_cpu_seconds": cpu,
                "requests_per_replica": list(share.values()),
                "load_average": [load_before, os.getloadavg()[0]],
            }
            log("  " + ", ".join(f"{key}={value:.3g}" if isinstance(value, float) else f"{key}={value}"
                                 for key, value in row.items()))
            self.results["phases"][f"{name} x{replicas}"] = row
        finally:
            self.stop_all()

    # MARK: Health and drain

    def drain(self):
        """Two replicas under load; SIGTERM one: what it had in flight finishes, nginx routes around it."""
        options = self.options
        log(f"- drain: 2 replicas, batched (no cache, so renders take long), SIGTERM to replica 2 after "
            f"{options.drain_after} s of {options.drain_duration} s")
        self.wait_for_idle_simulator()
        self.start_replicas(2, 0, "drain")
        self.start_nginx()
        checks = {}
        try:
            checks["healthz_replicas"] = [http("GET", f"http://{r.address}/healthz")[0] for r in self.replicas]
            checks["healthz_through_nginx"] = http("GET", self.public_url + "/healthz")[0]
            outcome = {}
            load = threading.Thread(target=lambda: outcome.update(self.wrk(options.drain_duration)))
            load.start()
            time.sleep(options.drain_after)
            victim, survivor = self.replicas[1], self.replicas[0]
            terminated = time.time()
            victim.process.send_signal(signal.SIGTERM)
            try:
                code = victim.process.wait(timeout=90)
            except subprocess.TimeoutExpired:
                code = None
            exited = time.time()
            checks["drained_exit_code"] = code
            checks["drain_seconds"] = round(exited - terminated, 2)
            try:
                refused = http("GET", f"http://{victim.address}/healthz", timeout=2)[0]
            except OSError:
                refused = "refused"
            checks["drained_replica_healthz_after_exit"] = refused
            checks["healthz_through_nginx_after_exit"] = [http("GET", self.public_url + "/healthz")[0]
                                                          for _ in range(6)]
            load.join()
            time.sleep(0.5)
            entries = read_access_log(os.path.join(self.nginx_prefix, "access.log"))
            on_victim = [e for e in entries if victim.address in e["upstreams"]]
            in_flight = [e for e in on_victim if e["start"] < terminated < e["end"]]
            # 499: wrk closed the connection at the end of its run with a render still under way (not an answer).
            statuses = {}
            for entry in entries:
                statuses[str(entry["status"])] = statuses.get(str(entry["status"]), 0) + 1
            entries = [e for e in entries if e["status"] != 499]
            after = [e for e in entries if e["start"] > exited]
            checks.update({
                "renders": outcome.get("ok"),
                "failed_renders": outcome.get("failed"),
                "non_200_answers": outcome.get("bad_status"),
                "socket_errors": outcome.get("socket_errors"),
                "timeouts": outcome.get("timeouts"),
                "in_flight_on_drained_replica_at_sigterm": len(in_flight),
                "of_which_answered_200": sum(1 for e in in_flight if e["status"] == 200),
                "statuses_through_nginx": statuses,
                "non_200_through_nginx": sum(1 for e in entries if e["status"] != 200),
                "answered_by_drained_replica_after_sigterm": sum(
                    1 for e in on_victim if e["start"] > terminated and e["upstreams"][-1] == victim.address),
                "requests_after_exit": len(after),
                "requests_after_exit_answered_by_survivor": sum(
                    1 for e in after if e["upstreams"][-1:] == [survivor.address] and e["status"] == 200),
                "requests_after_exit_retried_from_drained": sum(
                    1 for e in after if len(e["upstreams"]) > 1 and e["upstreams"][0] == victim.address),
            })
            checks["passed"] = (
                code == 0 and checks["non_200_through_nginx"] == 0 and not outcome.get("failed")
                and not outcome.get("socket_errors") and not outcome.get("timeouts")
                and checks["of_which_answered_200"] == checks["in_flight_on_drained_replica_at_sigterm"]
                and checks["requests_after_exit_answered_by_survivor"] == checks["requests_after_exit"]
                and refused == "refused" and checks["healthz_replicas"] == [200, 200]
                and checks["healthz_through_nginx"] == 200
                and checks["healthz_through_nginx_after_exit"] == [200] * 6
            )
            log(f"  {checks}")
            self.results["checks"]["drain"] = checks
        finally:
            self.stop_all()

    def run(self):
        options = self.options
        log(f"snowgate scale benchmark; files in {self.directory}")
        log(f"  load average before: {os.getloadavg()}")
        self.postgres.start()
        self.start_simulator()
        # Setup through nginx in front of two replicas: the callback of a user lands on either.
        self.start_replicas(2, options.cache_ttl, "setup")
        self.start_nginx()
        self.configure()
        started = time.time()
        with ThreadPoolExecutor(max_workers=16) as pool:
            list(pool.map(self.connect, range(1, options.users + 1)))
        log(f"  connected {options.users} users through nginx in {time.time() - started:.1f} s")
        self.stop_all()
        self.body_path = os.path.join(self.directory, "widget.json")
        with open(self.body_path, "w") as file:
            json.dump({"query": self.query}, file)
        self.tokens_path = os.path.join(self.directory, "users.tokens")
        with open(self.tokens_path, "w") as file:
            for index in range(1, options.users + 1):
                file.write(jwt(subject(index)) + "\n")
        for name, ttl in [("batched", 0), ("batched + cache", options.cache_ttl)]:
            if options.modes and name not in options.modes:
                continue
            for replicas in options.replicas:
                self.measure(name, replicas, ttl)
        if options.drain_duration > 0:
            self.drain()
        self.results["load_average_after"] = os.getloadavg()
        self.results["cores"] = os.cpu_count()
        return self.results


def table(results):
    lines = [
        "| Mode | Replicas | Renders/s | vs 1 replica | p50 (ms) | p99 (ms) | Failed | ServiceNow requests/render | "
        "Gateway CPU/render (ms) | Requests per replica |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    phases = results["phases"]
    for key, row in phases.items():
        mode = key.rsplit(" x", 1)[0]
        base = phases.get(f"{mode} x1", {}).get("renders_per_second")
        ratio = f"{row['renders_per_second'] / base:.2f}x" if base else "-"
        lines.append(
            f"| {mode} | {row['replicas']} | {row['renders_per_second']:.1f} | {ratio} | {row['p50_ms']:.0f} | "
            f"{row['p99_ms']:.0f} | {row['failed']} | {row['servicenow_requests_per_render']:.3f} | "
            f"{row['cpu_ms_per_render']:.2f} | {' / '.join(str(n) for n in row['requests_per_replica'])} |"
        )
    if "drain" in results["checks"]:
        lines.append("")
        lines.append("Drain: " + json.dumps(results["checks"]["drain"]))
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "snowgate"))
    parser.add_argument("--users", type=int, default=200, help="connected users (and wrk connections)")
    parser.add_argument("--replicas", type=int, nargs="+", default=[1, 2], help="replica counts to measure")
    parser.add_argument("--modes", nargs="*", help="a subset of: batched, 'batched + cache'")
    parser.add_argument("--duration", type=int, default=30, help="seconds measured per phase")
    parser.add_argument("--warmup", type=int, default=10, help="seconds of load before each measurement")
    parser.add_argument("--cache-ttl", type=float, default=5, help="the cache TTL of batched + cache")
    parser.add_argument("--round-trip-ms", type=int, default=30)
    parser.add_argument("--transaction-ms", type=int, default=40)
    parser.add_argument("--concurrent-transactions", type=int, default=8)
    parser.add_argument("--queue-length", type=int, default=5000)
    parser.add_argument("--drain-duration", type=int, default=30, help="0 skips the drain check")
    parser.add_argument("--drain-after", type=float, default=10, help="seconds of load before the SIGTERM")
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--log-level", default="info")
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--print-nginx-config", action="store_true",
                        help="print the rendered documented configuration for two replicas on 8081/8082 and exit")
    options = parser.parse_args()
    if options.print_nginx_config:
        print(render_nginx_config(documented_nginx_config(), ["127.0.0.1:8081", "127.0.0.1:8082"], 8080), end="")
        return
    if not os.path.exists(options.binary):
        raise SystemExit(f"{options.binary} is missing: swift build -c release --product snowgate")
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is missing: apt-get install {tool}")
    scale = Scale(options)
    try:
        results = scale.run()
    finally:
        scale.close()
    if options.json:
        with open(options.json, "w") as file:
            json.dump(results, file, indent=2)
    print(table(results))
    drain = results["checks"].get("drain")
    if drain is not None and not drain["passed"]:
        raise SystemExit("the drain check failed (see above)")


if __name__ == "__main__":
    main()
