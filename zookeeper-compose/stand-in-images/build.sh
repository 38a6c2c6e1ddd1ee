#!/usr/bin/env bash
# Builds local stand-ins for the official images docker-compose.yml pulls (a JRE, zookeeper, postgres,
# prom/prometheus), for machines that reach no container registry: a Debian bookworm root filesystem made with
# debootstrap from the mirror apt uses, imported with `docker import`, and one Dockerfile per image on top.
# Each image carries a label with the hash of what it is built from, so a second run with nothing changed
# builds nothing. Prints the environment that points docker-compose.yml at the stand-ins (see
# stand-ins.env) and writes it to stand-ins.env beside this script.
#
# Usage: zookeeper-compose/stand-in-images/build.sh   (as root; needs docker, debootstrap, ./mvnw)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
suite=bookworm
base_packages="openjdk-17-jre-headless,curl,ca-certificates,netcat-openbsd,procps"
base_image=steadfast-stand-in/debian-jre:17

log() { printf 'stand-in-images: %s\n' "$*" >&2; }

# The Debian mirror apt is configured with (deb822 or one-line format), so debootstrap needs no other network.
mirror() {
    local uri
    uri=$(grep -hoE '^URIs:[[:space:]]*http[^[:space:]]+' /etc/apt/sources.list.d/*.sources 2>/dev/null \
        | grep -v security | head -1 | awk '{print $2}')
    if [[ -z "$uri" ]]; then
        uri=$(grep -hoE '^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?http[^[:space:]]+' /etc/apt/sources.list 2>/dev/null \
            | grep -v security | head -1 | awk '{print $NF}')
    fi
    echo "${uri:-http://deb.debian.org/debian}"
}

label_of() { docker image inspect -f '{{ index .Config.Labels "steadfast.stand-in.hash" }}' "$1" 2>/dev/null || true; }

build_base() {
    local hash
    hash=$(printf '%s %s %s' "$suite" "$base_packages" "$(mirror)" | sha256sum | cut -c1-16)
    if [[ "$(label_of "$base_image")" == "$hash" ]]; then
        log "$base_image is up to date"
        return
    fi
    local dir
    dir=$(mktemp -d /tmp/stand-in-rootfs.XXXXXX)
    log "debootstrap $suite from $(mirror) into $dir (a few minutes)"
    debootstrap --variant=minbase --include="$base_packages" "$suite" "$dir" "$(mirror)" >"$dir.log" 2>&1 \
        || { tail -20 "$dir.log" >&2; rm -rf "$dir"; exit 1; }
    # Mirror and security suite for the apt-get steps of the images on top.
    printf 'deb %s %s main\ndeb %s %s-updates main\n' "$(mirror)" "$suite" "$(mirror)" "$suite" >"$dir/etc/apt/sources.list"
    rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
    tar -C "$dir" -c . | docker import \
        --change "LABEL steadfast.stand-in.hash=$hash" \
        --change 'ENV LANG=C.UTF-8 JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64' \
        --change 'CMD ["bash"]' - "$base_image" >/dev/null
    rm -rf "$dir" "$dir.log"
    log "built $base_image"
}

# build_image NAME DIR: the image NAME from DIR's Dockerfile on top of the base, unless its hash is unchanged.
build_image() {
    local name=$1 dir=$2 hash
    hash=$( (label_of "$base_image"; cd "$dir" && find . -type f ! -path './target/*' -print0 | sort -z | xargs -0 sha256sum) \
        | sha256sum | cut -c1-16)
    if [[ "$(label_of "$name")" == "$hash" ]]; then
        log "$name is up to date"
        return
    fi
    if [[ -x "$dir/prepare.sh" ]]; then
        "$dir/prepare.sh" "$root"
    fi
    log "building $name"
    # The legacy builder's deprecation notice goes to stderr on every build: shown only when the build fails.
    docker build -q --network host --build-arg "BASE=$base_image" --label "steadfast.stand-in.hash=$hash" \
        -t "$name" "$dir" >"$dir.build.log" 2>&1 || { cat "$dir.build.log" >&2; rm -f "$dir.build.log"; exit 1; }
    rm -f "$dir.build.log"
}

build_base
build_image steadfast-stand-in/zookeeper:3.9.5 "$here/zookeeper"
build_image steadfast-stand-in/postgres:15 "$here/postgres"
build_image steadfast-stand-in/prometheus:2.42 "$here/prometheus"
cat "$here/stand-ins.env"
