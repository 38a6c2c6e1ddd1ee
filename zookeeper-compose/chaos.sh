#!/usr/bin/env bash
# Injects the local chaos run's faults into the zookeeper-compose topology: a seeded, reproducible schedule of
# SIGKILLs, zombie leaders (docker pause), graceful restarts, ZooKeeper quorum loss and chaos-monkey assaults,
# bounded in time, then heals everything and checks the databases. Run ./chaos.sh --help for the options.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)
COMPOSE_FILE="$SCRIPT_DIR/docker-compose.yml"
# name:host-port pairs, as published by docker-compose.yml; the name is the compose service and INSTANCE_ID.
PAYMENT_INSTANCES="payment-1:8181 payment-2:8182"
ORDER_INSTANCES="order-1:8281 order-2:8282"
ZOOKEEPERS="zk1 zk2 zk3"
FAULT_KINDS="kill-payment-leader kill-order pause-payment-leader restart zookeeper latency-assault exception-assault"

usage() {
    cat <<'EOF'
Usage: zookeeper-compose/chaos.sh [options]

Runs a seeded fault schedule against a running zookeeper-compose topology (docker compose up -d first),
then heals every fault, waits for the instances to be ready and checks the databases.

Faults, in a seeded order that repeats until the duration is used up:
  kill-payment-leader   docker kill -s KILL on the instance /actuator/leader names LEADER, start it later
  kill-order            docker kill -s KILL on one order instance, start it later
  pause-payment-leader  docker pause on the payment leader for --pause (a zombie leader), then unpause
  restart               docker restart (SIGTERM, graceful) of one of the four service instances
  zookeeper             docker kill one ZooKeeper server, then a second (quorum lost), then start both
  latency-assault       chaos-monkey latency assault on both payment instances, switched off afterwards
  exception-assault     chaos-monkey exception assault on both payment instances, switched off afterwards

Options:
  --seed N          seed of the schedule (default: random, printed so that a run can be replayed)
  --duration D      how long faults are injected, e.g. 120s, 5m (default 300s); healing comes after it
  --interval D      mean quiet time between two faults (default 20s)
  --pause D         how long the payment leader stays paused (default 15s; sessions last at most 10 s at
                    tickTime 500, so the paused leader always loses its session)
  --rate N          also post N orders per second to the order instances (default 0: bring your own load)
  --drain D         after healing, how long to wait for pending orders and settlement (default 60s)
  --project NAME    compose project name, if the topology was started with -p NAME
  --no-check        skip the database checks at the end
  --dry-run         print the schedule for the seed and exit; needs no Docker
  -h, --help        this help

Exit status: 0 when every check passed, 1 when a check failed, 2 on a usage or environment error.
EOF
}

die() {
    echo "chaos.sh: $*" >&2
    exit 2
}
log() { printf '%s [%5ss] %s\n' "$(date -u +%H:%M:%S)" "$(($(now_ms) / 1000 - started_s))" "$*"; }

# Milliseconds since the epoch; EPOCHREALTIME (bash 5) where available, whole seconds otherwise.
now_ms() {
    if [ -n "${EPOCHREALTIME:-}" ]; then
        local t=${EPOCHREALTIME/[.,]/}
        echo $((t / 1000))
    else
        echo $(($(date +%s) * 1000))
    fi
}

# "120s", "5m", "2m30s" or "90" -> whole seconds.
seconds() {
    local text=$1 total=0 number
    [[ $text =~ ^[0-9]+$ ]] && text="${text}s"
    [[ $text =~ ^([0-9]+[hms])+$ ]] || die "not a duration: '$1' (use e.g. 90s, 5m, 1m30s)"
    while [[ $text =~ ^([0-9]+)([hms])(.*)$ ]]; do
        number=$((10#${BASH_REMATCH[1]}))
        case ${BASH_REMATCH[2]} in
            h) total=$((total + number * 3600)) ;;
            m) total=$((total + number * 60)) ;;
            s) total=$((total + number)) ;;
        esac
        text=${BASH_REMATCH[3]}
    done
    echo "$total"
}

# A linear congruential generator of our own rather than $RANDOM, whose sequence differs between bash
# versions: the same seed must give the same schedule everywhere. Sets REPLY to a number in [0, $1).
rng=0
random_below() {
    rng=$(((rng * 1103515245 + 12345) % 2147483648))
    REPLY=$(((rng / 65536) % $1))
}
random_between() {
    random_below $(($2 - $1 + 1))
    REPLY=$((REPLY + $1))
}
pick() {
    local -a items
    read -r -a items <<<"$1"
    random_below ${#items[@]}
    REPLY=${items[$REPLY]}
}

seed=""
duration=300
interval=20
pause=15
rate=0
drain=60
project=""
check=true
dry_run=false
while [ $# -gt 0 ]; do
    case $1 in
        --seed) seed=${2:?--seed needs a value}; shift ;;
        --duration) duration=$(seconds "${2:?--duration needs a value}"); shift ;;
        --interval) interval=$(seconds "${2:?--interval needs a value}"); shift ;;
        --pause) pause=$(seconds "${2:?--pause needs a value}"); shift ;;
        --rate) rate=${2:?--rate needs a value}; shift ;;
        --drain) drain=$(seconds "${2:?--drain needs a value}"); shift ;;
        --project) project=${2:?--project needs a value}; shift ;;
        --no-check) check=false ;;
        --dry-run) dry_run=true ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; die "unknown option: $1" ;;
    esac
    shift
done
[ -z "$seed" ] && seed=$(($(date +%s) % 100000))
[[ $seed =~ ^[0-9]+$ ]] || die "--seed must be a non-negative integer"
[[ $rate =~ ^[0-9]+$ ]] || die "--rate must be a whole number of orders per second"
[ "$interval" -ge 2 ] || die "--interval must be at least 2s"
[ "$pause" -ge 1 ] || die "--pause must be at least 1s"
rng=$((seed % 2147483648))

# The schedule is drawn entirely up front, so that it depends on the seed alone and never on timing; only
# "which instance leads" is resolved when a leader fault fires.
plan_at=() plan_kind=() plan_target=() plan_hold=()
build_plan() {
    local t=0 kinds hold target kind
    while :; do
        # Each round shuffles all fault kinds (Fisher-Yates), so every kind recurs in a long enough run.
        read -r -a kinds <<<"$FAULT_KINDS"
        local i swap
        for ((i = ${#kinds[@]} - 1; i > 0; i--)); do
            random_below $((i + 1))
            swap=${kinds[i]} kinds[i]=${kinds[REPLY]} kinds[REPLY]=$swap
        done
        for kind in "${kinds[@]}"; do
            random_between $((interval / 2)) $((interval * 3 / 2))
            t=$((t + REPLY))
            target="-"
            case $kind in
                kill-payment-leader) random_between 5 15; hold=$REPLY; target="payment leader" ;;
                kill-order) pick "$(names "$ORDER_INSTANCES")"; target=$REPLY; random_between 5 15; hold=$REPLY ;;
                pause-payment-leader) hold=$pause; target="payment leader" ;;
                restart)
                    pick "$(names "$PAYMENT_INSTANCES $ORDER_INSTANCES")"; target=$REPLY
                    hold=15 # docker restart's stop timeout (10 s) plus start-up, before the next quiet period
                    ;;
                zookeeper)
                    pick "$ZOOKEEPERS"; local first=$REPLY
                    pick "$(echo "$ZOOKEEPERS" | tr ' ' '\n' | grep -vx "$first" | tr '\n' ' ')"
                    target="$first $REPLY"
                    random_between 10 20; local one_down=$REPLY
                    random_between 10 15; hold=$((one_down + REPLY)) target="$target:$one_down"
                    ;;
                latency-assault | exception-assault) random_between 15 30; hold=$REPLY; target="payment-1 payment-2" ;;
            esac
            [ $((t + hold)) -le "$duration" ] || return 0
            plan_at+=("$t") plan_kind+=("$kind") plan_target+=("$target") plan_hold+=("$hold")
            t=$((t + hold))
        done
    done
}
names() {
    local pair out=""
    for pair in $1; do out="$out ${pair%%:*}"; done
    echo "${out# }"
}
port_of() {
    local pair
    for pair in $PAYMENT_INSTANCES $ORDER_INSTANCES; do
        [ "${pair%%:*}" = "$1" ] && echo "${pair#*:}" && return 0
    done
    return 1
}

print_plan() {
    local i
    echo "seed=$seed duration=${duration}s interval=${interval}s pause=${pause}s (replay: --seed $seed)"
    printf '%8s  %-22s %-26s %s\n' "at" "fault" "target" "hold"
    for ((i = 0; i < ${#plan_at[@]}; i++)); do
        printf '%7ss  %-22s %-26s %ss\n' "${plan_at[$i]}" "${plan_kind[$i]}" "${plan_target[$i]%%:*}" "${plan_hold[$i]}"
    done
}

build_plan
if $dry_run; then
    print_plan
    exit 0
fi

# --- From here on, a live topology is needed. ---
command -v curl >/dev/null || die "curl is required"
if docker compose version >/dev/null 2>&1; then
    compose=(docker compose)
elif command -v docker-compose >/dev/null; then
    compose=(docker-compose)
else
    die "neither 'docker compose' nor 'docker-compose' is available"
fi
compose+=(-f "$COMPOSE_FILE")
[ -n "$project" ] && compose+=(-p "$project")
if command -v jq >/dev/null; then
    json_tool=jq
elif command -v python3 >/dev/null; then
    json_tool=python3
else
    die "jq or python3 is required to read /actuator/leader"
fi

container() {
    local id
    id=$("${compose[@]}" ps -a -q "$1" 2>/dev/null | head -n 1)
    [ -n "$id" ] || die "no container for service '$1': is the topology up (docker compose up -d)?"
    echo "$id"
}

# Prints "<role> <token>" of the payment election as the instance on port $1 sees it, or fails.
leader_view() {
    local body
    body=$(curl -fsS --max-time 1 "http://127.0.0.1:$1/actuator/leader" 2>/dev/null) || return 1
    if [ "$json_tool" = jq ]; then
        jq -r --arg e payment-service '(.[$e].role // "NONE") + " " + ((.[$e].token // "null") | tostring)' <<<"$body"
    else
        python3 -c 'import json, sys
e = json.loads(sys.stdin.read()).get("payment-service") or {}
print(e.get("role") or "NONE", e.get("token"))' <<<"$body"
    fi
}

# Finds the payment instance that reports LEADER with the highest token, skipping $1: sets found_leader and
# found_token, fails if none leads. Globals rather than output, so that callers need no subshell.
found_leader="" found_token=0
find_leader() {
    local pair view token
    found_leader="" found_token=-1
    for pair in $PAYMENT_INSTANCES; do
        [ "${pair%%:*}" = "${1:-}" ] && continue
        view=$(leader_view "${pair#*:}") || continue
        token=${view#* }
        [[ $token =~ ^[0-9]+$ ]] || token=0
        if [ "${view%% *}" = LEADER ] && [ "$token" -gt "$found_token" ]; then
            found_leader=${pair%%:*} found_token=$token
        fi
    done
    [ -n "$found_leader" ]
}

failovers=() zombie_problems=0
# Polls the other payment instances every 100 ms until one leads; records the failover time since $2.
await_failover() {
    local old=$1 since=$2 deadline elapsed
    deadline=$((since + 30000))
    while [ "$(now_ms)" -lt "$deadline" ]; do
        if find_leader "$old"; then
            elapsed=$(($(now_ms) - since))
            failovers+=("$elapsed")
            log "  failover: $found_leader leads with token $found_token after $elapsed ms"
            return 0
        fi
        sleep 0.1
    done
    log "  no other payment instance took the lead within 30 s"
}

# A sleep that a signal interrupts at once (bash runs traps only after a foreground child ends), so that
# Ctrl-C or `timeout` heals immediately even in the middle of a long hold.
nap_pid=""
nap() {
    sleep "$1" &
    nap_pid=$!
    wait "$nap_pid" || true
    nap_pid=""
}

# Sleeps until $1 seconds after the start, but never past the end of the fault window.
sleep_until() {
    local target=$1 now
    [ "$target" -le "$duration" ] || target=$duration
    now=$(($(now_ms) / 1000 - started_s))
    [ "$target" -gt "$now" ] && nap $((target - now))
    return 0
}
hold_for() {
    local until=$(($(now_ms) / 1000 - started_s + $1))
    sleep_until "$until"
}

paused="" stopped_zk=""
# Sets chaos-monkey's assaults ($1, JSON) on every payment instance; "quiet" as $2 when instances may be down.
assaults() {
    local pair body=$1
    for pair in $PAYMENT_INSTANCES; do
        curl -fsS --max-time 3 -X POST "http://127.0.0.1:${pair#*:}/actuator/chaosmonkey/enable" >/dev/null 2>&1 || true
        curl -fsS --max-time 3 -X POST -H 'Content-Type: application/json' -d "$body" \
            "http://127.0.0.1:${pair#*:}/actuator/chaosmonkey/assaults" >/dev/null 2>&1 \
            || [ "${2:-}" = quiet ] \
            || log "  ${pair%%:*}: chaos-monkey endpoint did not answer (instance down, or CHAOS_MONKEY not true)"
    done
}
ASSAULTS_OFF='{"latencyActive":false,"exceptionsActive":false}'

run_fault() {
    local kind=$1 target=$2 hold=$3 leader token cid t0
    case $kind in
        kill-payment-leader)
            find_leader || { log "$kind: no payment leader right now, skipped"; return 0; }
            leader=$found_leader cid=$(container "$found_leader") t0=$(now_ms)
            log "$kind: docker kill -s KILL $leader"
            docker kill -s KILL "$cid" >/dev/null
            await_failover "$leader" "$t0"
            hold_for $((hold - ($(now_ms) - t0) / 1000))
            log "  docker start $leader"
            docker start "$cid" >/dev/null
            ;;
        kill-order)
            cid=$(container "$target")
            log "$kind: docker kill -s KILL $target"
            docker kill -s KILL "$cid" >/dev/null
            hold_for "$hold"
            log "  docker start $target"
            docker start "$cid" >/dev/null
            ;;
        pause-payment-leader)
            find_leader || { log "$kind: no payment leader right now, skipped"; return 0; }
            leader=$found_leader token=$found_token cid=$(container "$found_leader") t0=$(now_ms)
            log "$kind: docker pause $leader (token $token) for ${hold}s (zombie leader)"
            docker pause "$cid" >/dev/null
            paused=$cid
            await_failover "$leader" "$t0"
            hold_for $((hold - ($(now_ms) - t0) / 1000))
            log "  docker unpause $leader"
            docker unpause "$cid" >/dev/null
            paused=""
            await_step_down "$leader" "$token"
            ;;
        restart)
            log "$kind: docker restart $target (SIGTERM, then start)"
            docker restart -t 10 "$(container "$target")" >/dev/null
            ;;
        zookeeper)
            local servers=${target%%:*} one_down=${target#*:} first second
            first=${servers%% *} second=${servers#* }
            log "$kind: docker kill -s KILL $first (quorum kept)"
            docker kill -s KILL "$(container "$first")" >/dev/null
            stopped_zk=$first
            hold_for "$one_down"
            log "  docker kill -s KILL $second (quorum lost)"
            docker kill -s KILL "$(container "$second")" >/dev/null
            stopped_zk="$first $second"
            hold_for $((hold - one_down))
            log "  heal: docker start $first $second"
            docker start "$(container "$first")" "$(container "$second")" >/dev/null
            stopped_zk=""
            ;;
        latency-assault)
            log "$kind: latency 200-2500 ms on about 1 in 3 calls of payment-1 payment-2 for ${hold}s"
            assaults '{"level":3,"latencyRangeStart":200,"latencyRangeEnd":2500,"latencyActive":true,"exceptionsActive":false}'
            hold_for "$hold"
            log "  assaults off"
            assaults "$ASSAULTS_OFF"
            ;;
        exception-assault)
            log "$kind: exceptions on about 1 in 3 calls of payment-1 payment-2 for ${hold}s"
            assaults '{"level":3,"latencyActive":false,"exceptionsActive":true}'
            hold_for "$hold"
            log "  assaults off"
            assaults "$ASSAULTS_OFF"
            ;;
    esac
}

# A woken zombie must notice its lost session: it may lead again only under a newer token, never the old one.
await_step_down() {
    local name=$1 old_token=$2 port deadline view token
    port=$(port_of "$name") deadline=$(($(now_ms) + 15000))
    while [ "$(now_ms)" -lt "$deadline" ]; do
        if view=$(leader_view "$port"); then
            token=${view#* }
            if [ "${view%% *}" != LEADER ] || { [[ $token =~ ^[0-9]+$ ]] && [ "$token" -gt "$old_token" ]; }; then
                log "  $name gave up token $old_token after waking (now: $view)"
                return 0
            fi
        fi
        sleep 0.1
    done
    zombie_problems=$((zombie_problems + 1))
    log "  $name still claims LEADER with token $old_token 15 s after waking up"
}

load_pid="" load_log=""
start_load() {
    load_log=$(mktemp)
    local pause_s ports n=0
    pause_s=$(awk -v r="$rate" 'BEGIN { printf "%.3f", 1 / r }')
    read -r -a ports <<<"$(for p in $ORDER_INSTANCES; do printf '%s ' "${p#*:}"; done)"
    (
        # Amounts cycle through 1.00-1500.99, so some exceed the 1000 authorization limit and end CANCELLED.
        while :; do
            n=$((n + 1))
            body=$(printf '{"customerId":"c-%d","amount":%d.%02d,"currency":"EUR"}' $((n % 50)) $(((n * 7919) % 1500 + 1)) $((n % 100)))
            curl -s -o /dev/null -w '%{http_code}\n' --max-time 5 -X POST -H 'Content-Type: application/json' \
                -H "Idempotency-Key: chaos-$seed-$started_s-$n" -d "$body" \
                "http://127.0.0.1:${ports[$((n % ${#ports[@]}))]}/orders" >>"$load_log" 2>/dev/null &
            sleep "$pause_s"
        done
    ) &
    load_pid=$!
}
stop_load() {
    [ -n "$load_pid" ] || return 0
    kill "$load_pid" 2>/dev/null || true
    wait "$load_pid" 2>/dev/null || true
    load_pid=""
    sleep 5 # lets the last requests (at most --max-time 5 s) record their answers
}

# Runs on every exit, including Ctrl-C: no paused, killed or assaulted instance is left behind.
heal() {
    trap - EXIT INT TERM
    if [ -n "$nap_pid" ]; then kill "$nap_pid" 2>/dev/null || true; fi
    stop_load
    if [ -n "$paused" ]; then docker unpause "$paused" >/dev/null 2>&1 || true; fi
    local server
    for server in $stopped_zk; do docker start "$(container "$server")" >/dev/null 2>&1 || true; done
    "${compose[@]}" start >/dev/null 2>&1 || true
    assaults "$ASSAULTS_OFF" quiet
}

await_ready() {
    local pair deadline=$(($(now_ms) + 180000))
    for pair in $PAYMENT_INSTANCES $ORDER_INSTANCES; do
        until curl -fsS --max-time 2 "http://127.0.0.1:${pair#*:}/actuator/health/readiness" >/dev/null 2>&1; do
            [ "$(now_ms)" -lt "$deadline" ] || { log "${pair%%:*} not ready after 180 s"; return 1; }
            sleep 1
        done
    done
}

sql() {
    "${compose[@]}" exec -T postgres psql -U steadfast -d "$1" -tAq -v ON_ERROR_STOP=1 -c "$2" 2>/dev/null | tr -d '[:space:]'
}

failed=0
check_count() {
    local label=$1 database=$2 query=$3 value
    if ! value=$(sql "$database" "$query") || [ -z "$value" ]; then
        echo "  ?    $label: query failed (schema not there yet?)"
        failed=1
    elif [ "$value" = 0 ]; then
        echo "  ok   $label: 0"
    else
        echo "  FAIL $label: $value"
        failed=1
    fi
}

UNSETTLED="SELECT count(*) FROM payment p WHERE p.status = 'AUTHORIZED'
    AND NOT EXISTS (SELECT 1 FROM settlement_item s WHERE s.payment_id = p.id)"
PENDING="SELECT count(*) FROM orders WHERE status = 'PAYMENT_PENDING'"

database_checks() {
    local deadline=$(($(now_ms) + drain * 1000))
    log "draining: waiting up to ${drain}s for pending orders and unsettled payments"
    while [ "$(now_ms)" -lt "$deadline" ]; do
        [ "$(sql orders "$PENDING" || true)" = 0 ] && [ "$(sql payment "$UNSETTLED" || true)" = 0 ] && break
        nap 2
    done
    echo "database checks:"
    check_count "orders still PAYMENT_PENDING" orders "$PENDING"
    check_count "orders with more than one payment" payment \
        "SELECT count(*) FROM (SELECT order_id FROM payment GROUP BY order_id HAVING count(*) > 1) d"
    check_count "payments settled more than once" payment \
        "SELECT count(*) FROM (SELECT payment_id FROM settlement_item GROUP BY payment_id HAVING count(*) > 1) d"
    check_count "authorized payments not settled" payment "$UNSETTLED"
    check_count "settlement batches whose fencing token went backwards" payment \
        "SELECT count(*) FROM (SELECT fencing_token < lag(fencing_token) OVER (ORDER BY batch_number) AS back
           FROM settlement_batch) b WHERE back"
    check_count "gaps in settlement batch numbers" payment \
        "SELECT CASE WHEN count(*) = 0 THEN 0 ELSE max(batch_number) - min(batch_number) + 1 - count(*) END
           FROM settlement_batch"
}

summary() {
    local sorted p50=0 max=0 n=${#failovers[@]}
    if [ "$n" -gt 0 ]; then
        sorted=$(printf '%s\n' "${failovers[@]}" | sort -n)
        p50=$(sed -n "$(((n + 1) / 2))p" <<<"$sorted")
        max=$(tail -n 1 <<<"$sorted")
    fi
    echo "faults=${#plan_at[@]} failovers=$n failover_p50_ms=$p50 failover_max_ms=$max zombie_problems=$zombie_problems"
    if [ -n "$load_log" ] && [ -s "$load_log" ]; then
        echo "orders sent=$(wc -l <"$load_log") by status (000 = no answer within 5 s):"
        sort "$load_log" | uniq -c | sed 's/^/  /'
        rm -f "$load_log"
    fi
}

started_s=$(($(now_ms) / 1000))
"${compose[@]}" ps >/dev/null 2>&1 || die "cannot reach Docker with ${compose[*]}"
for name in $(names "$PAYMENT_INSTANCES $ORDER_INSTANCES") $ZOOKEEPERS postgres; do container "$name" >/dev/null; done
print_plan
await_ready || die "the topology is not ready; see '${compose[*]} ps'"
# Only from here on is there anything to heal; an earlier failure leaves the topology as it was found.
trap 'heal; exit 130' INT TERM
trap heal EXIT
[ "$rate" -gt 0 ] && start_load && log "load: $rate orders/s on $(names "$ORDER_INSTANCES")"
started_s=$(($(now_ms) / 1000))

for ((i = 0; i < ${#plan_at[@]}; i++)); do
    sleep_until "${plan_at[$i]}"
    run_fault "${plan_kind[$i]}" "${plan_target[$i]}" "${plan_hold[$i]}"
done
sleep_until "$duration"
log "fault window over: healing"
heal
trap 'exit 130' INT TERM
await_ready || failed=1
if find_leader; then log "payment-service leader: $found_leader (token $found_token)"; else log "payment-service has no leader"; fi
$check && database_checks
summary
[ "$zombie_problems" -eq 0 ] || failed=1
echo "verdict=$([ "$failed" -eq 0 ] && echo PASS || echo FAIL)"
exit "$failed"
