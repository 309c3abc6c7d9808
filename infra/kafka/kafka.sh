#!/usr/bin/env bash
# A native single-node Kafka (KRaft, broker and controller in one JVM) for local work and tests,
# assembled from Maven Central jars: no distribution tarball and no Docker engine needed.
#
#   bash infra/kafka/kafka.sh start|stop|status|restart|logs [-f]
#
# Environment (all optional):
#   KAFKA_PORT              client port (default 9092); the controller listens on KAFKA_PORT+1
#   KAFKA_CONTROLLER_PORT   controller port (default KAFKA_PORT+1)
#   KAFKA_HOME_DIR          config, pid, logs and (by default) data (default <repo>/.local/kafka)
#   KAFKA_DATA_DIR          log.dirs (default $KAFKA_HOME_DIR/data)
#   KAFKA_LIBS_DIR          the assembled jars, shared by every broker (default <repo>/.local/kafka/libs)
#   KAFKA_HEAP_OPTS         JVM heap (default -Xms256m -Xmx512m: two cores and other processes here)
#   KAFKA_START_TIMEOUT_S   how long `start` waits for the broker to answer (default 90)
#   KAFKA_STOP_TIMEOUT_S    how long `stop` waits after SIGTERM before SIGKILL (default 30)
#
# A second private broker (e.g. for a fault test) only needs another port and home:
#   KAFKA_PORT=19092 KAFKA_HOME_DIR=/tmp/k2 bash infra/kafka/kafka.sh start
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"

KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + 1))}"
KAFKA_HOME_DIR="${KAFKA_HOME_DIR:-$REPO_ROOT/.local/kafka}"
KAFKA_DATA_DIR="${KAFKA_DATA_DIR:-$KAFKA_HOME_DIR/data}"
KAFKA_LIBS_DIR="${KAFKA_LIBS_DIR:-$REPO_ROOT/.local/kafka/libs}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
KAFKA_START_TIMEOUT_S="${KAFKA_START_TIMEOUT_S:-90}"
KAFKA_STOP_TIMEOUT_S="${KAFKA_STOP_TIMEOUT_S:-30}"

CONFIG_DIR="$KAFKA_HOME_DIR/config"
LOG_DIR="$KAFKA_HOME_DIR/logs"
PID_FILE="$KAFKA_HOME_DIR/kafka.pid"
LOCK_FILE="$KAFKA_HOME_DIR/kafka.lock"
SERVER_PROPERTIES="$CONFIG_DIR/server.properties"
LOG4J_PROPERTIES="$CONFIG_DIR/log4j2.properties"
BOOTSTRAP="127.0.0.1:$KAFKA_PORT"

log() { echo "kafka.sh: $*" >&2; }
die() { log "$*"; exit 1; }

# --- jars --------------------------------------------------------------------------------------

# The jars are assembled once per pom.xml content; the stamp makes the check instant afterwards.
assemble_jars() {
  local pom="$SCRIPT_DIR/pom.xml" stamp="$KAFKA_LIBS_DIR/.pom.sha256" want
  want="$(sha256sum "$pom" | cut -d' ' -f1)"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then return 0; fi
  command -v mvn >/dev/null || die "mvn not found: Maven is needed once to fetch the Kafka jars"
  log "assembling Kafka jars into $KAFKA_LIBS_DIR (once)"
  mkdir -p "$(dirname "$KAFKA_LIBS_DIR")"
  # NOTE: brokers on other ports share the libs folder, so assemble under its own lock and into a
  # fresh folder swapped in at the end: a broker never sees half a classpath.
  (
    flock 9
    if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then exit 0; fi
    local tmp="$KAFKA_LIBS_DIR.tmp.$$"
    rm -rf "$tmp"
    mvn -B -q -f "$pom" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp" >&2
    echo "$want" >"$tmp/.pom.sha256"
    rm -rf "$KAFKA_LIBS_DIR"
    mv "$tmp" "$KAFKA_LIBS_DIR"
  ) 9>"$KAFKA_LIBS_DIR.lock"
}

# --- configuration ------------------------------------------------------------------------------

write_config() {
  mkdir -p "$CONFIG_DIR" "$LOG_DIR" "$KAFKA_DATA_DIR"
  cat >"$SERVER_PROPERTIES" <<EOF
# Written by infra/kafka/kafka.sh on every start; edit the script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KAFKA_DATA_DIR

# One node: every internal topic has a single replica.
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# Fewer offsets partitions than the default 50: the first consumer group is ready sooner.
offsets.topic.num.partitions=10
num.partitions=1

# Topics are provisioned explicitly (infra/kafka/topics.ts); a typo must not create a topic.
auto.create.topics.enable=false
delete.topic.enable=true

# Tests and local runs: a group forms at once, and a killed consumer's partitions move within
# seconds (its session may be as short as 1 s) instead of the production-minded defaults.
group.initial.rebalance.delay.ms=0
group.min.session.timeout.ms=1000

# Two cores shared with other processes.
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
background.threads=4
log.retention.hours=168
log.segment.bytes=268435456
EOF

  cat >"$LOG4J_PROPERTIES" <<EOF
# Written by infra/kafka/kafka.sh. The broker logs to $LOG_DIR/server.log.
status = warn
appender.file.type = RollingFile
appender.file.name = file
appender.file.fileName = $LOG_DIR/server.log
appender.file.filePattern = $LOG_DIR/server.log.%i
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
appender.file.policies.type = Policies
appender.file.policies.size.type = SizeBasedTriggeringPolicy
appender.file.policies.size.size = 20MB
appender.file.strategy.type = DefaultRolloverStrategy
appender.file.strategy.max = 3
rootLogger.level = info
rootLogger.appenderRef.file.ref = file
logger.request.name = kafka.request.logger
logger.request.level = warn
logger.state.name = state.change.logger
logger.state.level = warn
logger.authorizer.name = kafka.authorizer.logger
logger.authorizer.level = warn
EOF
}

# The JVM command line, shared by the storage tool and the broker.
java_args() {
  # shellcheck disable=SC2206 # KAFKA_HEAP_OPTS is a list of JVM flags.
  JAVA_ARGS=(java $KAFKA_HEAP_OPTS
    -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35
    -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true
    "-Dlog4j2.configurationFile=$LOG4J_PROPERTIES" "-Dkafka.logs.dir=$LOG_DIR"
    -cp "$KAFKA_LIBS_DIR/*")
}

# Storage is formatted once; meta.properties in log.dirs is the mark Kafka itself leaves.
format_storage() {
  if [[ -f "$KAFKA_DATA_DIR/meta.properties" ]]; then return 0; fi
  local cluster_id
  # A Kafka Uuid is 16 random bytes in URL-safe base64 without padding. Kafka's own generator
  # avoids a leading '-' (it reads as a CLI flag), so do the same.
  cluster_id="-"
  while [[ "$cluster_id" == -* ]]; do
    cluster_id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
  done
  log "formatting $KAFKA_DATA_DIR (cluster id $cluster_id)"
  java_args
  "${JAVA_ARGS[@]}" kafka.tools.StorageTool format -t "$cluster_id" -c "$SERVER_PROPERTIES" --standalone \
    >>"$LOG_DIR/format.log" 2>&1 || { cat "$LOG_DIR/format.log" >&2; die "storage format failed"; }
}

# --- process ------------------------------------------------------------------------------------

# The pid in the pid file, only if that process is alive and still this broker (pids get reused).
running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$PID_FILE")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "kafka.Kafka $SERVER_PROPERTIES" || return 1
  echo "$pid"
}

probe() {
  local timeout_ms="$1"
  node "$SCRIPT_DIR/probe.mjs" "$BOOTSTRAP" "$timeout_ms"
}

port_in_use() { ss -ltn "sport = :$1" | grep -q LISTEN; }

cmd_start() {
  mkdir -p "$KAFKA_HOME_DIR"
  exec 8>"$LOCK_FILE"
  flock 8
  local pid
  if pid="$(running_pid)"; then
    probe "$((KAFKA_START_TIMEOUT_S * 1000))" || die "broker pid $pid is running but does not answer on $BOOTSTRAP"
    log "already running (pid $pid) on $BOOTSTRAP"
    return 0
  fi
  for port in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
    port_in_use "$port" && die "port $port is taken by another process (not this runner's broker)"
  done
  assemble_jars
  write_config
  format_storage
  log "starting broker on $BOOTSTRAP (data $KAFKA_DATA_DIR)"
  java_args
  rm -f "$PID_FILE"
  # setsid + nohup: the broker outlives the shell, the test run or the terminal that started it;
  # 8>&- keeps our lock out of its hands.
  # The inner shell writes its own pid and then execs java, so the pid file names the JVM itself.
  # shellcheck disable=SC2016 # expanded by the inner shell
  setsid nohup bash -c 'echo $$ >"$0"; exec "$@"' "$PID_FILE" "${JAVA_ARGS[@]}" kafka.Kafka "$SERVER_PROPERTIES" \
    >>"$LOG_DIR/stdout.log" 2>&1 </dev/null 8>&- &
  local waited=0
  until [[ -s "$PID_FILE" ]]; do
    ((waited++ < 50)) || die "the broker process did not start (see $LOG_DIR/stdout.log)"
    sleep 0.1
  done
  pid="$(cat "$PID_FILE")"
  local started_at=$SECONDS
  if ! probe "$((KAFKA_START_TIMEOUT_S * 1000))"; then
    kill -0 "$pid" 2>/dev/null || log "the broker exited; last lines of $LOG_DIR/server.log:"
    tail -n 30 "$LOG_DIR/server.log" >&2 2>/dev/null || true
    tail -n 10 "$LOG_DIR/stdout.log" >&2 2>/dev/null || true
    die "broker did not answer on $BOOTSTRAP within ${KAFKA_START_TIMEOUT_S}s"
  fi
  log "ready (pid $pid) on $BOOTSTRAP after $((SECONDS - started_at))s"
}

cmd_stop() {
  mkdir -p "$KAFKA_HOME_DIR"
  exec 8>"$LOCK_FILE"
  flock 8
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PID_FILE"
    log "not running"
    return 0
  fi
  log "stopping pid $pid"
  kill -TERM "$pid"
  local waited=0
  while kill -0 "$pid" 2>/dev/null; do
    if ((waited >= KAFKA_STOP_TIMEOUT_S * 10)); then
      log "still alive after ${KAFKA_STOP_TIMEOUT_S}s, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  rm -f "$PID_FILE"
  log "stopped"
}

cmd_status() {
  local pid
  if pid="$(running_pid)"; then
    if probe 3000; then
      echo "running (pid $pid) on $BOOTSTRAP, answering"
      return 0
    fi
    echo "running (pid $pid) on $BOOTSTRAP, not answering"
    return 1
  fi
  echo "stopped"
  return 3
}

cmd_logs() {
  local file="$LOG_DIR/server.log"
  [[ -f "$file" ]] || die "no log yet at $file"
  if [[ "${1:-}" == "-f" ]]; then exec tail -n 100 -F "$file"; fi
  tail -n 200 "$file"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  restart) cmd_stop && cmd_start ;;
  status) cmd_status ;;
  logs) shift; cmd_logs "$@" ;;
  *) echo "usage: $0 start|stop|status|restart|logs [-f]" >&2; exit 2 ;;
esac
