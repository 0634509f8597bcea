#!/usr/bin/env bash
# Gatehouse side by side with HAProxy and nginx, on loopback, in one run (docs/benchmarks.md).
#
#   src/bench/bench.sh                          # everything: threads 1 and 2, 3 rounds of 10 s
#   DURATION=3 ROUNDS=3 THREADS=1 SCENARIOS=l4-1k,l7-1k src/bench/bench.sh     # a short check
#
# It builds Gatehouse if needed, starts two nginx backends, Gatehouse, HAProxy and nginx with equivalent
# configurations (same worker threads, connection reuse on, X-Forwarded-For on for all or none, no
# access logs), runs wrk bounded in time, prints one table, and stops exactly the processes it started.
#
# Knobs (defaults in brackets):
#   DURATION [10]  seconds per measured run     WARMUP [2]  untimed seconds before each run
#   JIT_WARMUP [8] seconds per data-plane path (keep-alive 1k and 64k, new connections) after Gatehouse
#                  boots, so the JIT has compiled them before the first measured run (0 = none)
#   JIT_CHANGES [300] member changes back to back after that, before the change scenarios (the management path)
#   ROUNDS [3]     rounds (ratios per round and their median)
#   THREADS ["1 2"] worker threads of the three proxies (Gatehouse --threads, HAProxy nbthread,
#                  nginx worker_processes); the backends always have one worker each
#   CONNS [64]     wrk connections            WRK_THREADS [2] wrk threads
#   SCENARIOS [all] comma list (SCENARIOS=list prints them)
#   IDLE_CONNS [10000] idle connections at L7; IDLE_L4_CONNS [9000] at L4 (2 descriptors each in the proxy)
#   XFF [0]        1: every proxy inserts X-Forwarded-For
#   PORT_BASE [19000]  ports PORT_BASE+1..+33 on 127.0.0.1
#   OUT_DIR [mktemp]   configurations, logs, wrk output, results.tsv
#   GATEHOUSE_JAVA_OPTS  JVM options for Gatehouse (e.g. a JFR recording)
#   GATEHOUSE_TLS_PROVIDER [auto]  Gatehouse's TLS engine: auto (OpenSSL where it loads), jdk or openssl;
#                  run tls-ecdsa-new,tls-rsa-new once with jdk and once with openssl to compare handshake cost
set -u -o pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOL="$ROOT/src/bench/benchtool.py"
DURATION=${DURATION:-10}; WARMUP=${WARMUP:-2}; JIT_WARMUP=${JIT_WARMUP:-8}; JIT_CHANGES=${JIT_CHANGES:-300}; ROUNDS=${ROUNDS:-3}; THREADS=${THREADS:-"1 2"}
CONNS=${CONNS:-64}; WRK_THREADS=${WRK_THREADS:-2}; SCENARIOS=${SCENARIOS:-all}
IDLE_CONNS=${IDLE_CONNS:-10000}; IDLE_L4_CONNS=${IDLE_L4_CONNS:-9000}; XFF=${XFF:-0}
PB=${PORT_BASE:-19000}
GATEHOUSE_TLS_PROVIDER=${GATEHOUSE_TLS_PROVIDER:-auto}
case "$GATEHOUSE_TLS_PROVIDER" in auto|jdk|openssl) ;; *) echo "GATEHOUSE_TLS_PROVIDER takes auto, jdk or openssl" >&2; exit 2;; esac
export GATEHOUSE_JAVA_OPTS="${GATEHOUSE_JAVA_OPTS:-} -Dgatehouse.tls.provider=$GATEHOUSE_TLS_PROVIDER"
OUT_DIR=${OUT_DIR:-$(mktemp -d /tmp/gatehouse-bench.XXXXXX)}
H=127.0.0.1
B1=$((PB+1)); B2=$((PB+2))
GH_L4=$((PB+10)); GH_L7=$((PB+11)); GH_TLS_EC=$((PB+12)); GH_TLS_RSA=$((PB+13))
HA_L4=$((PB+20)); HA_L7=$((PB+21)); HA_TLS_EC=$((PB+22)); HA_TLS_RSA=$((PB+23))
NG_L4=$((PB+30)); NG_L7=$((PB+31)); NG_TLS_EC=$((PB+32)); NG_TLS_RSA=$((PB+33))
HZ=$(getconf CLK_TCK)
ALL_SCENARIOS="l4-1k l4-64k l4-newconn-1k l7-1k l7-64k l7-newconn-1k tls-ka-1k tls-ecdsa-new tls-rsa-new idle-l4 idle-l7 change-l4 change-l7"
STARTED_PIDS=()
RESULTS="$OUT_DIR/results.tsv"

log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "FATAL: $*"; exit 1; }

[ "$SCENARIOS" = list ] && { echo "$ALL_SCENARIOS" | tr ' ' '\n'; exit 0; }
want() { [ "$SCENARIOS" = all ] || [[ ",$SCENARIOS," == *",$1,"* ]]; }

stop_pid() { # pid: TERM, wait up to 10 s, then KILL; only PIDs this script started
  local p=$1
  kill -TERM "$p" 2>/dev/null || return 0
  for _ in $(seq 1 100); do kill -0 "$p" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$p" 2>/dev/null
}
cleanup() {
  local p
  for p in "${STARTED_PIDS[@]:-}"; do [ -n "$p" ] && stop_pid "$p"; done
  [ ${#STARTED_PIDS[@]} -gt 0 ] && log "stopped PIDs: ${STARTED_PIDS[*]}"
  STARTED_PIDS=()
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for b in nginx haproxy wrk openssl curl ssh python3 ss timeout; do
  command -v $b >/dev/null || die "missing $b (apt-get install -y haproxy nginx libnginx-mod-stream wrk openssl curl openssh-client)"
done
[ -f /usr/lib/nginx/modules/ngx_stream_module.so ] || die "nginx stream module missing (apt-get install -y libnginx-mod-stream)"
mkdir -p "$OUT_DIR"/{www,logs,wrk,tmp,certs}

# ------------------------------------------------------------------ build, content, certificates
JAR="$ROOT/firmware-sim/target/gatehouse.jar"
if [[ ! -f "$JAR" ]] || [[ -n "$(find "$ROOT/pom.xml" "$ROOT"/*/pom.xml "$ROOT"/*/src/main -newer "$JAR" -print -quit 2>/dev/null)" ]]; then
  log "building $JAR (mvn -B -q -DskipTests package)"
  mvn -B -q -f "$ROOT/pom.xml" -DskipTests package || die "the build failed"
fi
head -c 1024 /dev/zero | tr '\0' 'a' > "$OUT_DIR/www/1k"
head -c 65536 /dev/urandom | base64 -w 76 | head -c 65536 > "$OUT_DIR/www/64k"
C="$OUT_DIR/certs"
openssl req -x509 -nodes -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -keyout "$C/ec.key" -out "$C/ec.crt" \
  -days 30 -subj /CN=localhost 2>/dev/null || die "cannot make the ECDSA certificate"
openssl req -x509 -nodes -newkey rsa:2048 -keyout "$C/rsa.key" -out "$C/rsa.crt" -days 30 -subj /CN=localhost 2>/dev/null \
  || die "cannot make the RSA certificate"
cat "$C/ec.crt" "$C/ec.key" > "$C/ec.pem"; cat "$C/rsa.crt" "$C/rsa.key" > "$C/rsa.pem"

for p in $B1 $B2 $GH_L4 $GH_L7 $GH_TLS_EC $GH_TLS_RSA $HA_L4 $HA_L7 $HA_TLS_EC $HA_TLS_RSA $NG_L4 $NG_L7 $NG_TLS_EC $NG_TLS_RSA; do
  ss -Hltn "sport = :$p" | grep -q . && die "port $p is in use (set PORT_BASE)"
done

# ------------------------------------------------------------------ configurations
# TLS: no session cache and no tickets anywhere, so every new connection is a full handshake (wrk would
# resume sessions where the server offers it)
for i in 1 2; do cat > "$OUT_DIR/backend$i.conf" <<EOF
worker_processes 1;
worker_rlimit_nofile 20000;
daemon off;
pid $OUT_DIR/tmp/backend$i.pid;
error_log $OUT_DIR/logs/backend$i.err warn;
events { worker_connections 16000; }
http {
  access_log off; sendfile on; tcp_nopush on; tcp_nodelay on;
  keepalive_requests 10000000; keepalive_timeout 120s;
  client_body_temp_path $OUT_DIR/tmp/b$i; proxy_temp_path $OUT_DIR/tmp/b$i; fastcgi_temp_path $OUT_DIR/tmp/b$i;
  uwsgi_temp_path $OUT_DIR/tmp/b$i; scgi_temp_path $OUT_DIR/tmp/b$i;
  server { listen $H:$(( i==1 ? B1 : B2 )) backlog=4096; root $OUT_DIR/www;
           location / { default_type text/plain; add_header X-Backend b$i always; } }
}
EOF
done

ha_xff=""; ng_xff='proxy_set_header X-Forwarded-For "";'; gh_xff=disabled
if [ "$XFF" = 1 ]; then ha_xff="option forwardfor"; ng_xff='proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;'; gh_xff=enabled; fi
# X-Forwarded-For "" makes nginx send none; HAProxy and Gatehouse send none unless told

write_peer_configs() { # threads
  local n=$1
  cat > "$OUT_DIR/haproxy.cfg" <<EOF
global
  nbthread $n
  stats socket $OUT_DIR/tmp/haproxy.sock mode 600 level admin
  tune.ssl.default-dh-param 2048
  tune.ssl.cachesize 0
defaults
  mode http
  timeout connect 5s
  timeout client 120s
  timeout server 120s
  timeout http-keep-alive 120s
  option http-keep-alive
  http-reuse always
  $ha_xff
frontend fe_l7
  bind $H:$HA_L7 backlog 4096
  default_backend be_http
frontend fe_tls_ec
  bind $H:$HA_TLS_EC ssl crt $C/ec.pem alpn http/1.1 no-tls-tickets backlog 4096
  default_backend be_http
frontend fe_tls_rsa
  bind $H:$HA_TLS_RSA ssl crt $C/rsa.pem alpn http/1.1 no-tls-tickets backlog 4096
  default_backend be_http
backend be_http
  balance roundrobin
  server s1 $H:$B1
  server s2 $H:$B2
frontend fe_l4
  mode tcp
  bind $H:$HA_L4 backlog 4096
  default_backend be_tcp
backend be_tcp
  mode tcp
  balance roundrobin
  server s1 $H:$B1
  server s2 $H:$B2
EOF
  # the configuration-change scenario writes "down" after member 2 and reloads (benchtool.py change --kind nginx)
  cat > "$OUT_DIR/nginx.conf" <<EOF
load_module /usr/lib/nginx/modules/ngx_stream_module.so;
worker_processes $n;
worker_rlimit_nofile 20000;
daemon off;
pid $OUT_DIR/tmp/nginx.pid;
error_log $OUT_DIR/logs/nginx.err warn;
events { worker_connections 19500; }
stream {
  upstream s_backends { server $H:$B1; server $H:$B2; }
  server { listen $H:$NG_L4 backlog=4096; proxy_pass s_backends; }
}
http {
  access_log off; tcp_nodelay on; keepalive_requests 10000000; keepalive_timeout 120s;
  client_body_temp_path $OUT_DIR/tmp/np; proxy_temp_path $OUT_DIR/tmp/np; fastcgi_temp_path $OUT_DIR/tmp/np;
  uwsgi_temp_path $OUT_DIR/tmp/np; scgi_temp_path $OUT_DIR/tmp/np;
  upstream backends { server $H:$B1; server $H:$B2; keepalive 256; keepalive_requests 10000000; }
  proxy_http_version 1.1; proxy_set_header Connection ""; $ng_xff
  proxy_buffering on;
  ssl_session_cache off; ssl_session_tickets off;
  server { listen $H:$NG_L7 backlog=4096; location / { proxy_pass http://backends; } }
  server { listen $H:$NG_TLS_EC ssl backlog=4096; ssl_certificate $C/ec.crt; ssl_certificate_key $C/ec.key;
           location / { proxy_pass http://backends; } }
  server { listen $H:$NG_TLS_RSA ssl backlog=4096; ssl_certificate $C/rsa.crt; ssl_certificate_key $C/rsa.key;
           location / { proxy_pass http://backends; } }
}
EOF
  haproxy -c -q -f "$OUT_DIR/haproxy.cfg" || die "HAProxy refuses $OUT_DIR/haproxy.cfg"
  nginx -t -q -c "$OUT_DIR/nginx.conf" -p "$OUT_DIR" 2>/dev/null || die "nginx refuses $OUT_DIR/nginx.conf"
}

# ------------------------------------------------------------------ processes
wait_port() { # port seconds
  local t=0; while ! (exec 3<>"/dev/tcp/$H/$1") 2>/dev/null; do sleep 0.2; t=$((t+1)); [ $t -gt $(( $2 * 5 )) ] && return 1; done; return 0; }
start_bg() { # name cmd... ; sets LAST_PID
  local name=$1; shift
  "$@" >"$OUT_DIR/logs/$name.out" 2>&1 &
  LAST_PID=$!; STARTED_PIDS+=("$LAST_PID"); log "started $name pid=$LAST_PID"
}
forget_pid() { local p keep=(); for p in "${STARTED_PIDS[@]}"; do [ "$p" != "$1" ] && keep+=("$p"); done; STARTED_PIDS=("${keep[@]}"); }

GH_SSH=""; GH_MGMT=""
tmsh() { # one tmsh command over SSH as admin/admin; prints its output
  SSH_ASKPASS="$OUT_DIR/tmp/askpass" SSH_ASKPASS_REQUIRE=force DISPLAY=none timeout 30 setsid -w ssh -p "$GH_SSH" \
    -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o ConnectTimeout=10 \
    admin@$H "$1" < /dev/null
}
tmsh_ok() { # a command that prints nothing when it succeeds
  local out; out=$(tmsh "$1" 2>&1)
  if [ -n "$out" ]; then log "tmsh '$1': $out"; return 1; fi
}

start_gatehouse() { # threads
  local n=$1 data="$OUT_DIR/gatehouse-data-$1"
  printf '#!/bin/sh\necho admin\n' > "$OUT_DIR/tmp/askpass"; chmod 700 "$OUT_DIR/tmp/askpass"
  start_bg "gatehouse-t$n" "$ROOT/gatehouse" boot --data-dir "$data" --no-console --mgmt-port 0 --ssh-port 0 --threads "$n"
  GH_PID=$LAST_PID
  local out="$OUT_DIR/logs/gatehouse-t$n.out"
  for _ in $(seq 1 240); do
    grep -q "Gatehouse is up" "$out" && break
    kill -0 "$GH_PID" 2>/dev/null || die "Gatehouse exited (see $out)"
    sleep 0.5
  done
  grep -q "Gatehouse is up" "$out" || die "Gatehouse did not come up in 120 s (see $out)"
  GH_SSH=$(sed -n 's/^tmsh over SSH: ssh -p \([0-9]*\).*/\1/p' "$out")
  GH_MGMT=$(sed -n 's/^management REST API: .*(port \([0-9]*\)).*/\1/p' "$out")
  log "Gatehouse up: $(grep '^POST: data plane' "$out"), ssh $GH_SSH, REST $GH_MGMT"
  log "Gatehouse $(grep -m1 -o 'Data plane TLS: .*' "$out" || echo "TLS engine not logged (GATEHOUSE_TLS_PROVIDER=$GATEHOUSE_TLS_PROVIDER)")"
  # slow-ramp-time 0: BIG-IP's default (10 s) would ramp a member put back in over ten seconds, where
  # HAProxy (no slowstart) and nginx (no slow_start) send it its share at once
  tmsh_ok "create ltm pool bench_pool members add { $H:$B1 $H:$B2 } load-balancing-mode round-robin slow-ramp-time 0" \
    || die "pool refused"
  tmsh_ok "create ltm virtual bench_l4 destination $H:$GH_L4 ip-protocol tcp pool bench_pool profiles add { fastL4 } source-address-translation { type automap }" \
    || die "L4 virtual refused"
  GH_L7_OK=0; GH_TLS_OK=0
  if tmsh_ok "create ltm profile http bench_http defaults-from http insert-xforwarded-for $gh_xff" \
     && tmsh_ok "create ltm virtual bench_l7 destination $H:$GH_L7 ip-protocol tcp pool bench_pool profiles add { tcp bench_http oneconnect } source-address-translation { type automap }"; then
    GH_L7_OK=1
  fi
  if [ $GH_L7_OK = 1 ] \
     && tmsh_ok "install sys crypto key bench_ec from-local-file $C/ec.key" && tmsh_ok "install sys crypto cert bench_ec from-local-file $C/ec.crt" \
     && tmsh_ok "install sys crypto key bench_rsa from-local-file $C/rsa.key" && tmsh_ok "install sys crypto cert bench_rsa from-local-file $C/rsa.crt" \
     && tmsh_ok "create ltm profile client-ssl bench_ec_ssl cert-key-chain add { default { cert bench_ec key bench_ec } } cache-size 0 session-ticket disabled" \
     && tmsh_ok "create ltm profile client-ssl bench_rsa_ssl cert-key-chain add { default { cert bench_rsa key bench_rsa } } cache-size 0 session-ticket disabled" \
     && tmsh_ok "create ltm virtual bench_tls_ec destination $H:$GH_TLS_EC ip-protocol tcp pool bench_pool profiles add { tcp bench_http oneconnect bench_ec_ssl { context clientside } } source-address-translation { type automap }" \
     && tmsh_ok "create ltm virtual bench_tls_rsa destination $H:$GH_TLS_RSA ip-protocol tcp pool bench_pool profiles add { tcp bench_http oneconnect bench_rsa_ssl { context clientside } } source-address-translation { type automap }"; then
    GH_TLS_OK=1
  fi
  wait_port "$GH_L4" 20 || die "the Gatehouse L4 virtual does not listen (see $out)"
  # Accepted is not acted on: the L7 virtual counts only when a keep-alive connection is balanced per
  # request (http + oneconnect), TLS only when a handshake succeeds.
  local probe
  GH_L7_NOTE=""; GH_TLS_NOTE=""
  if [ $GH_L7_OK = 1 ]; then
    probe=$(timeout 10 python3 "$TOOL" probe-per-request --port "$GH_L7")
    [ "$probe" = per-request ] || { GH_L7_OK=0; GH_L7_NOTE="not available in this build (http+oneconnect: $probe)"; }
  else
    GH_L7_NOTE="not available in this build (configuration refused)"
  fi
  if [ $GH_TLS_OK = 1 ]; then
    probe=$(timeout 10 python3 "$TOOL" probe-per-request --port "$GH_TLS_EC" --tls)
    case "$probe" in per-request|per-connection*) ;; *) GH_TLS_OK=0; GH_TLS_NOTE="not available in this build (client-ssl: $probe)";; esac
  else
    GH_TLS_NOTE=${GH_L7_NOTE:-"not available in this build (configuration refused)"}
  fi
  [ $GH_L7_OK = 1 ] || log "Gatehouse L7: $GH_L7_NOTE"
  [ $GH_TLS_OK = 1 ] || log "Gatehouse TLS: $GH_TLS_NOTE"
}

start_all() { # threads
  write_peer_configs "$1"
  start_haproxy "$1"; start_nginx "$1"
  for p in $HA_L4 $HA_L7 $HA_TLS_EC $NG_L4 $NG_L7 $NG_TLS_EC; do wait_port "$p" 15 || die "port $p did not come up (see $OUT_DIR/logs)"; done
  start_gatehouse "$1"
  local p probe
  for p in $HA_L7 $NG_L7; do
    probe=$(timeout 10 python3 "$TOOL" probe-per-request --port "$p")
    [ "$probe" = per-request ] || die "the peer on port $p does not balance per request: $probe"
  done
}
start_haproxy() { start_bg "haproxy-t$1" haproxy -db -f "$OUT_DIR/haproxy.cfg"; HA_PID=$LAST_PID; }
start_nginx() { start_bg "nginx-t$1" nginx -c "$OUT_DIR/nginx.conf" -p "$OUT_DIR"; NG_PID=$LAST_PID; }
# Pooled memory stays with a process once it had it: a peer that already held thousands of connections
# would show none for the next thousands. Each idle measurement starts the peer afresh. (Gatehouse counts
# its live heap, which a full collection brings back to what is really held.)
fresh_peer() { # threads proxy
  case $2 in
    haproxy) stop_pid "$HA_PID"; forget_pid "$HA_PID"; start_haproxy "$1"; wait_port "$HA_L7" 15 && wait_port "$HA_L4" 15 ;;
    nginx) stop_pid "$NG_PID"; forget_pid "$NG_PID"; start_nginx "$1"; wait_port "$NG_L7" 15 && wait_port "$NG_L4" 15 ;;
  esac || die "$2 did not come back up (see $OUT_DIR/logs)"
  sleep 1
}
stop_proxies() {
  local p
  for p in "$GH_PID" "$HA_PID" "$NG_PID"; do stop_pid "$p"; forget_pid "$p"; done
  log "stopped Gatehouse $GH_PID, HAProxy $HA_PID, nginx $NG_PID"
}

# ------------------------------------------------------------------ measurement
jit_run() { # url [wrk args...]: untimed load on Gatehouse
  local url=$1; shift
  timeout $((JIT_WARMUP + 15)) wrk -t"$WRK_THREADS" -c"$CONNS" -d"${JIT_WARMUP}s" "$@" "$url" >/dev/null 2>&1
}
cpu_ticks() { # utime+stime of the PIDs, of their live children (nginx workers) and of their reaped children
  local total=0 p q     # (nginx workers replaced by a reload)
  for p in "$@"; do
    [ -r "/proc/$p/stat" ] && total=$(( total + $(awk '{print $14+$15+$16+$17}' "/proc/$p/stat") ))
    for q in $(cat "/proc/$p/task/$p/children" 2>/dev/null); do
      [ -r "/proc/$q/stat" ] && total=$(( total + $(awk '{print $14+$15}' "/proc/$q/stat") ))
    done
  done; echo $total; }
rss_mib() {
  local total=0 p q
  for p in "$@"; do
    for q in $p $(cat "/proc/$p/task/$p/children" 2>/dev/null); do
      [ -r "/proc/$q/status" ] && total=$(( total + $(awk '/^VmRSS:/{print $2}' "/proc/$q/status") ))
    done
  done; echo $(( total / 1024 )); }
to_ms() { awk -v v="$1" 'BEGIN{ if (v ~ /us$/) {sub(/us$/,"",v); printf "%.3f", v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v); printf "%.3f", v} else if (v ~ /s$/) {sub(/s$/,"",v); printf "%.3f", v*1000} else print "-" }'; }
record() { # threads round scenario proxy metric value p50 p99 cpu_s rss_mib errors note
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >> "$RESULTS"; }
unavailable() { # threads round scenario note
  record "$1" "$2" "$3" gatehouse req/s - - - - - - "$4"; log "t$1 r$2 $3 gatehouse: $4"; }

run_wrk() { # threads round scenario proxy pid url [wrk args...]
  local n=$1 r=$2 sc=$3 proxy=$4 pid=$5 url=$6; shift 6
  local f="$OUT_DIR/wrk/t$n-r$r-$sc-$proxy.txt"
  [ "$WARMUP" -gt 0 ] && timeout $((WARMUP + 15)) wrk -t"$WRK_THREADS" -c"$CONNS" -d"${WARMUP}s" "$@" "$url" >/dev/null 2>&1
  local c0 c1; c0=$(cpu_ticks "$pid")
  timeout $((DURATION + 20)) wrk -t"$WRK_THREADS" -c"$CONNS" -d"${DURATION}s" --timeout 5s --latency "$@" "$url" > "$f" 2>&1
  c1=$(cpu_ticks "$pid")
  local rps p50 p99 err non2xx reqs cpu
  rps=$(awk '/^Requests\/sec:/{print $2}' "$f"); rps=${rps:-0}
  reqs=$(awk '/requests in/{print $1}' "$f"); reqs=${reqs:-0}
  p50=$(to_ms "$(awk '$1=="50%"{print $2}' "$f")"); p99=$(to_ms "$(awk '$1=="99%"{print $2}' "$f")")
  err=$(awk '/Socket errors/{gsub(",","");print $4+$6+$8+$10}' "$f"); err=${err:-0}
  non2xx=$(awk '/Non-2xx/{print $5}' "$f"); err=$(( err + ${non2xx:-0} ))
  cpu=$(awk -v a="$c0" -v b="$c1" -v hz="$HZ" 'BEGIN{printf "%.2f", (b-a)/hz}')
  local metric=req/s value=$rps
  case "$sc" in tls-*-new)   # a full handshake per request: proxy CPU per handshake
    metric="CPU ms/handshake"; value=$(awk -v c="$cpu" -v q="$reqs" 'BEGIN{ if (q>0) printf "%.3f", c*1000/q; else print "-" }') ;;
  esac
  record "$n" "$r" "$sc" "$proxy" "$metric" "$value" "$p50" "$p99" "$cpu" "$(rss_mib "$pid")" "$err" ""
  log "t$n r$r $sc $proxy: $([ "$metric" != req/s ] && echo "$metric=$value ")req/s=$rps p50=${p50}ms p99=${p99}ms cpu=${cpu}s errors=$err"
}

run_idle() { # threads round scenario proxy pid port count
  local n=$1 r=$2 sc=$3 proxy=$4 pid=$5 port=$6 count=$7 out
  local jvm=(); [ "$proxy" = gatehouse ] && jvm=(--jvm)
  out=$(timeout 180 python3 "$TOOL" idle --port "$port" --count "$count" --pids "$pid" "${jvm[@]}")
  local kib opened; kib=$(sed -n 's/^kib_per_conn=\([^ ]*\).*/\1/p' <<<"$out"); opened=$(sed -n 's/.*opened=\([^ ]*\).*/\1/p' <<<"$out")
  local note=""; [ "${opened:-0}" -lt "$count" ] && note="r$r: only ${opened:-0} of $count stayed open"
  [ "$proxy" = gatehouse ] && note="r$r: ${note:+$note; }larger of RSS and live Java heap growth: $(sed -n 's/.*\(rss_kib_per_conn=[^ ]*\).*\(heap_kib_per_conn=[^ ]*\).*/\1 \2/p' <<<"$out")"
  record "$n" "$r" "$sc" "$proxy" KiB/conn "${kib:--}" - - - "$(rss_mib "$pid")" $(( count - ${opened:-0} )) "$note"
  log "t$n r$r $sc $proxy: $out"
  sleep 2   # let the proxy close what the client closed
}

run_change() { # threads round scenario proxy pid port
  local n=$1 r=$2 sc=$3 proxy=$4 pid=$5 port=$6 args
  local f="$OUT_DIR/wrk/t$n-r$r-$sc-$proxy.txt"
  case $proxy in
    gatehouse) args=(--kind gatehouse --mgmt-port "$GH_MGMT" --member "$H:$B2") ;;
    haproxy) args=(--kind haproxy --admin-socket "$OUT_DIR/tmp/haproxy.sock" --server "$([ "$sc" = change-l4 ] && echo be_tcp || echo be_http)/s2") ;;
    nginx) args=(--kind nginx --conf "$OUT_DIR/nginx.conf" --master-pid "$pid" --member "$H:$B2") ;;
  esac
  local c0 c1; c0=$(cpu_ticks "$pid")
  timeout $((DURATION + 20)) wrk -t"$WRK_THREADS" -c"$CONNS" -d"${DURATION}s" --timeout 5s --latency "http://$H:$port/1k" > "$f" 2>&1 &
  local wrk_pid=$!
  local out; out=$(timeout $((DURATION + 30)) python3 "$TOOL" change --seconds "$DURATION" --probe-port "$port" "${args[@]}" 2>&1)
  wait "$wrk_pid"
  c1=$(cpu_ticks "$pid")
  local rps p50 p99 err non2xx eff missed
  rps=$(awk '/^Requests\/sec:/{print $2}' "$f"); p50=$(to_ms "$(awk '$1=="50%"{print $2}' "$f")"); p99=$(to_ms "$(awk '$1=="99%"{print $2}' "$f")")
  err=$(awk '/Socket errors/{gsub(",","");print $4+$6+$8+$10}' "$f"); err=${err:-0}
  non2xx=$(awk '/Non-2xx/{print $5}' "$f"); err=$(( err + ${non2xx:-0} ))
  eff=$(sed -n 's/.*effect_ms_median=\([^ ]*\).*/\1/p' <<<"$out"); missed=$(sed -n 's/.*missed=\([^ ]*\).*/\1/p' <<<"$out")
  local note="r$r: req/s ${rps:-0} under load; $(sed -n 's/.*\(changes=[^ ]*\).*/\1/p' <<<"$out"), max effect $(sed -n 's/.*effect_ms_max=\([^ ]*\).*/\1/p' <<<"$out") ms, ${missed:-?} not in effect within 0.9 s"
  [ -z "$eff" ] && note="change driver failed: $out"
  record "$n" "$r" "$sc" "$proxy" "effect ms" "${eff:--}" "$p50" "$p99" "$(awk -v a="$c0" -v b="$c1" -v hz="$HZ" 'BEGIN{printf "%.2f", (b-a)/hz}')" \
    "$(rss_mib "$pid")" "$err" "$note"
  log "t$n r$r $sc $proxy: effect median ${eff:-?} ms, wrk errors $err; $out"
}

# ------------------------------------------------------------------ the run
printf 'threads\tround\tscenario\tproxy\tmetric\tvalue\tp50_ms\tp99_ms\tcpu_s\trss_mib\terrors\tnote\n' > "$RESULTS"
log "out=$OUT_DIR duration=${DURATION}s warmup=${WARMUP}s jit_warmup=${JIT_WARMUP}s jit_changes=$JIT_CHANGES rounds=$ROUNDS threads='$THREADS' conns=$CONNS xff=$XFF"
log "machine: $(nproc) cores, $(uptime | sed 's/^ *//')"
start_bg backend1 nginx -c "$OUT_DIR/backend1.conf" -p "$OUT_DIR"
start_bg backend2 nginx -c "$OUT_DIR/backend2.conf" -p "$OUT_DIR"
wait_port $B1 15 && wait_port $B2 15 || die "the backends did not come up (see $OUT_DIR/logs)"

for n in $THREADS; do
  start_all "$n"
  # the JIT compiles the data plane's paths (keep-alive, large bodies, connection setup) before the first
  # measured run: a JVM's steady state is what runs in production
  if [ "$JIT_WARMUP" -gt 0 ]; then
    log "JIT warm-up: ${JIT_WARMUP}s per path"
    jit_ports=("$GH_L4"); [ $GH_L7_OK = 1 ] && jit_ports+=("$GH_L7")
    for p in "${jit_ports[@]}"; do
      jit_run "http://$H:$p/1k"; jit_run "http://$H:$p/64k"; jit_run "http://$H:$p/1k" -H "Connection: close"
    done
    [ $GH_TLS_OK = 1 ] && jit_run "https://$H:$GH_TLS_EC/1k" -H "Connection: close"
    # and the management path the configuration-change scenarios take (a REST PATCH, a commit, a new snapshot)
    if want change-l4 || want change-l7; then
      timeout 120 python3 "$TOOL" warm-changes --mgmt-port "$GH_MGMT" --member "$H:$B2" --count "$JIT_CHANGES" >/dev/null \
        || log "the management warm-up failed; the change scenarios run on a cold management path"
    fi
  fi
  for r in $(seq 1 "$ROUNDS"); do
    for sc in $ALL_SCENARIOS; do
      want "$sc" || continue
      case $sc in
        l4-1k|l4-64k|l4-newconn-1k)
          path=/${sc##*-}; extra=(); [ "$sc" = l4-newconn-1k ] && extra=(-H "Connection: close")
          run_wrk "$n" "$r" "$sc" gatehouse "$GH_PID" "http://$H:$GH_L4$path" "${extra[@]}"
          run_wrk "$n" "$r" "$sc" haproxy "$HA_PID" "http://$H:$HA_L4$path" "${extra[@]}"
          run_wrk "$n" "$r" "$sc" nginx "$NG_PID" "http://$H:$NG_L4$path" "${extra[@]}" ;;
        l7-1k|l7-64k|l7-newconn-1k)
          path=/${sc##*-}; extra=(); [ "$sc" = l7-newconn-1k ] && extra=(-H "Connection: close")
          if [ $GH_L7_OK = 1 ]; then run_wrk "$n" "$r" "$sc" gatehouse "$GH_PID" "http://$H:$GH_L7$path" "${extra[@]}"
          else unavailable "$n" "$r" "$sc" "$GH_L7_NOTE"; fi
          run_wrk "$n" "$r" "$sc" haproxy "$HA_PID" "http://$H:$HA_L7$path" "${extra[@]}"
          run_wrk "$n" "$r" "$sc" nginx "$NG_PID" "http://$H:$NG_L7$path" "${extra[@]}" ;;
        tls-ka-1k|tls-ecdsa-new|tls-rsa-new)
          gp=$GH_TLS_EC; hp=$HA_TLS_EC; np=$NG_TLS_EC; extra=()
          [ "$sc" = tls-rsa-new ] && { gp=$GH_TLS_RSA; hp=$HA_TLS_RSA; np=$NG_TLS_RSA; }
          [ "$sc" != tls-ka-1k ] && extra=(-H "Connection: close")
          if [ $GH_TLS_OK = 1 ]; then run_wrk "$n" "$r" "$sc" gatehouse "$GH_PID" "https://$H:$gp/1k" "${extra[@]}"
          else unavailable "$n" "$r" "$sc" "$GH_TLS_NOTE"; fi
          run_wrk "$n" "$r" "$sc" haproxy "$HA_PID" "https://$H:$hp/1k" "${extra[@]}"
          run_wrk "$n" "$r" "$sc" nginx "$NG_PID" "https://$H:$np/1k" "${extra[@]}" ;;
        idle-l4)
          run_idle "$n" "$r" "$sc" gatehouse "$GH_PID" "$GH_L4" "$IDLE_L4_CONNS"
          fresh_peer "$n" haproxy; run_idle "$n" "$r" "$sc" haproxy "$HA_PID" "$HA_L4" "$IDLE_L4_CONNS"
          fresh_peer "$n" nginx; run_idle "$n" "$r" "$sc" nginx "$NG_PID" "$NG_L4" "$IDLE_L4_CONNS" ;;
        idle-l7)
          if [ $GH_L7_OK = 1 ]; then run_idle "$n" "$r" "$sc" gatehouse "$GH_PID" "$GH_L7" "$IDLE_CONNS"
          else unavailable "$n" "$r" "$sc" "$GH_L7_NOTE"; fi
          fresh_peer "$n" haproxy; run_idle "$n" "$r" "$sc" haproxy "$HA_PID" "$HA_L7" "$IDLE_CONNS"
          fresh_peer "$n" nginx; run_idle "$n" "$r" "$sc" nginx "$NG_PID" "$NG_L7" "$IDLE_CONNS" ;;
        change-l4)
          run_change "$n" "$r" "$sc" gatehouse "$GH_PID" "$GH_L4"
          run_change "$n" "$r" "$sc" haproxy "$HA_PID" "$HA_L4"
          run_change "$n" "$r" "$sc" nginx "$NG_PID" "$NG_L4" ;;
        change-l7)
          if [ $GH_L7_OK = 1 ]; then run_change "$n" "$r" "$sc" gatehouse "$GH_PID" "$GH_L7"
          else unavailable "$n" "$r" "$sc" "$GH_L7_NOTE"; fi
          run_change "$n" "$r" "$sc" haproxy "$HA_PID" "$HA_L7"
          run_change "$n" "$r" "$sc" nginx "$NG_PID" "$NG_L7" ;;
      esac
    done
  done
  stop_proxies
done

echo
echo "== Gatehouse vs HAProxy vs nginx: $(nproc) cores, duration ${DURATION}s x $ROUNDS rounds, $CONNS connections, XFF=$XFF"
echo "== load when it ended: $(uptime | sed 's/^ *//')"
echo "== raw results: $RESULTS"
echo
python3 "$TOOL" table "$RESULTS"
