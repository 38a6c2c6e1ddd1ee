#!/usr/bin/env bash
# Copies the ZooKeeper server's jars from Maven into target/lib, where the Dockerfile picks them up.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
rm -rf "$here/target/lib"
"$1/mvnw" -q -B -f "$here/pom.xml" dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$here/target/lib"
