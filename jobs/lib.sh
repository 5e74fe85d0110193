# Shared by the scripts in jobs/: runs the packaged jar (building it first if it is missing).
# ACCOUNT_SNAPSHOT_JAR points at another jar; JAVA_OPTS adds JVM options (e.g. -Xmx2g).
set -euo pipefail
project_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${ACCOUNT_SNAPSHOT_JAR:-$project_dir/target/account-snapshot.jar}"
if [ ! -f "$jar" ]; then
    echo "Building $jar ..." >&2
    (cd "$project_dir" && ./mvnw -q -DskipTests package)
fi
account_snapshot() {
    # shellcheck disable=SC2086
    exec java ${JAVA_OPTS:-} -jar "$jar" "$@"
}
