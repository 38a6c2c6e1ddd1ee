#!/usr/bin/env bash
# Writes zoo.cfg and myid from the official image's ZOO_* variables (unless /conf/zoo.cfg is mounted), then
# runs the server in the foreground as PID 1, so docker stop's SIGTERM reaches it.
set -euo pipefail
cfg="$ZOO_CONF_DIR/zoo.cfg"
if [[ ! -f "$cfg" ]]; then
    {
        echo "dataDir=$ZOO_DATA_DIR"
        echo "dataLogDir=$ZOO_DATA_LOG_DIR"
        echo "tickTime=${ZOO_TICK_TIME:-2000}"
        echo "initLimit=${ZOO_INIT_LIMIT:-5}"
        echo "syncLimit=${ZOO_SYNC_LIMIT:-2}"
        echo "autopurge.snapRetainCount=${ZOO_AUTOPURGE_SNAPRETAINCOUNT:-3}"
        echo "autopurge.purgeInterval=${ZOO_AUTOPURGE_PURGEINTERVAL:-0}"
        echo "maxClientCnxns=${ZOO_MAX_CLIENT_CNXNS:-60}"
        echo "standaloneEnabled=${ZOO_STANDALONE_ENABLED:-true}"
        echo "admin.enableServer=${ZOO_ADMINSERVER_ENABLED:-true}"
        if [[ -z "${ZOO_SERVERS:-}" ]]; then
            echo "server.1=localhost:2888:3888;2181"
        else
            for server in $ZOO_SERVERS; do echo "$server"; done
        fi
        if [[ -n "${ZOO_4LW_COMMANDS_WHITELIST:-}" ]]; then
            echo "4lw.commands.whitelist=$ZOO_4LW_COMMANDS_WHITELIST"
        fi
        for extra in ${ZOO_CFG_EXTRA:-}; do echo "$extra"; done
    } >"$cfg"
fi
if [[ ! -f "$ZOO_DATA_DIR/myid" ]]; then
    echo "${ZOO_MY_ID:-1}" >"$ZOO_DATA_DIR/myid"
fi
# shellcheck disable=SC2086 # JVMFLAGS holds several flags, as in zkServer.sh
exec java ${JVMFLAGS:--XX:MaxRAMPercentage=50} -Dlogback.configurationFile=/apache-zookeeper/conf/logback.xml \
    -cp '/apache-zookeeper/lib/*' org.apache.zookeeper.server.quorum.QuorumPeerMain "$cfg"
