# Shared by scripts/demo, scripts/test, scripts/bench and scripts/migrate: find a JDK >= 25,
# make sure libvips is present, and run Maven with them. Sourced, not executed.

die() { echo "error: $*" >&2; exit 1; }

java_major() { # prints the feature version of the java binary given as $1
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}

find_jdk() {
  local candidates=() c v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for c in /usr/lib/jvm/*; do [ -d "$c" ] && candidates+=("$c"); done
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    v=$(java_major "$c/bin/java")
    if [ -n "$v" ] && [ "${v%%.*}" -ge 25 ] 2>/dev/null; then
      export JAVA_HOME="$c"; export PATH="$JAVA_HOME/bin:$PATH"; return 0
    fi
  done
  die "no JDK >= 25 found (looked at JAVA_HOME=${JAVA_HOME:-unset} and /usr/lib/jvm/*).
Install one (e.g. Temurin 25) and set JAVA_HOME to it."
}

ensure_libvips() {
  if ldconfig -p 2>/dev/null | grep 'libvips\.so\.42' >/dev/null; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "libvips is missing: installing libvips42 with apt-get" >&2
    (apt-get install -y -q libvips42 >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q libvips42 >/dev/null; }) \
      || die "apt-get install libvips42 failed"
    ldconfig -p | grep 'libvips\.so\.42' >/dev/null || die "libvips42 installed but libvips.so.42 is still not found"
  else
    die "libvips 8.14+ (libvips.so.42) is missing; install it (Debian: apt-get install libvips42) and retry"
  fi
}

# Headless Chromium for the browser tests (io.skygear.testing.Chromium). Not fatal: without it those
# tests skip with a message, and fail when CI=true.
ensure_chromium() {
  if command -v chromium >/dev/null || command -v chromium-browser >/dev/null; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "chromium is missing: installing it with apt-get" >&2
    apt-get install -y -q chromium >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium >/dev/null 2>&1; } \
      || echo "warning: apt-get install chromium failed; browser tests will not run" >&2
  else
    echo "warning: chromium is missing (Debian: apt-get install chromium); browser tests will not run" >&2
  fi
}

ensure_maven() {
  command -v mvn >/dev/null || die "Maven (mvn) is not on PATH; install Maven 3.8+"
}

mvn_q() { mvn -B -q -e "$@"; }
