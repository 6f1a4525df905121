# Shell functions shared by ./goose and bench/lib.sh (sourced, never run): the JDK's major version, and the JVM
# options every goose process gets.

java_major() { # prints the major version of the java binary $1, or nothing
  local v
  v=$("$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}') || return 0
  echo "${v%%.*}"
}

# app_java_opts JAVA: sets the array APP_JAVA_OPTS to the options goose's JVM gets: native access for BoringSSL's
# library, and, on JDK 23+, Unsafe's memory access allowed explicitly. Netty (whose engine makes the TLS
# handshakes with BoringSSL) leaves Unsafe off by default on JDK 24+, and then looks up the address of each buffer
# it hands to BoringSSL with JNI calls.
app_java_opts() {
  APP_JAVA_OPTS=(--enable-native-access=ALL-UNNAMED)
  if [[ "$(java_major "$1")" -ge 23 ]]; then
    APP_JAVA_OPTS+=(--sun-misc-unsafe-memory-access=allow)
  fi
}
