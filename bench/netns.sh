# Test hosts in network namespaces, for bench/distributed.sh. Source it after lib.sh; it needs root and iproute2.
#
# netns_setup makes a Linux bridge in the root namespace with the address $NETNS_SUBNET.1/24; netns_host adds a
# namespace with a veth pair whose one end is on the bridge and the other, in the namespace, has an address of its
# own. So each host has its own addresses, its own ephemeral port space and its own per-namespace sysctls, and
# traffic between hosts crosses interfaces. Nothing is routed beyond the bridge: the namespaces have no default
# route, so their traffic reaches only each other and the root namespace's bridge address.
# netns_teardown (run by lib.sh's EXIT trap, failures included) stops whatever still runs in the namespaces, by
# pid, and deletes the namespaces (their veths go with them) and the bridge.

NETNS_SUBNET="${BENCH_NETNS_SUBNET:-10.231.0}"
NETNS_TAG="gb$$"             # interface names have at most 15 characters
NETNS_BRIDGE="${NETNS_TAG}br"
NETNS_NAMES=()               # the namespaces made so far
NETNS_BRIDGE_MADE=""

# netns_setup: the bridge. Refuses when the subnet is already in use on this machine.
netns_setup() {
  [[ $(id -u) -eq 0 ]] || die "network namespaces need root"
  command -v ip >/dev/null 2>&1 || die "ip (iproute2) is required"
  if ip -4 -o addr show | grep -q " inet $NETNS_SUBNET\."; then
    die "$NETNS_SUBNET.0/24 is already in use here (another run of this script?); choose another with BENCH_NETNS_SUBNET"
  fi
  BENCH_CLEANUP_HOOKS+=(netns_teardown)
  ip link add "$NETNS_BRIDGE" type bridge || die "cannot make the bridge $NETNS_BRIDGE"
  NETNS_BRIDGE_MADE=1
  ip addr add "$NETNS_SUBNET.1/24" dev "$NETNS_BRIDGE"
  ip link set "$NETNS_BRIDGE" up
  log "bridge $NETNS_BRIDGE at $NETNS_SUBNET.1/24"
}

# netns_name HOST: the namespace of HOST.
netns_name() { echo "$NETNS_TAG-$1"; }

# netns_host HOST OCTET: a namespace for HOST with the address $NETNS_SUBNET.OCTET on the bridge.
netns_host() {
  local ns veth="${NETNS_TAG}$1"
  ns="$(netns_name "$1")"
  ip netns add "$ns" || die "cannot make the namespace $ns"
  NETNS_NAMES+=("$ns")
  ip link add "$veth" type veth peer name eth0 netns "$ns" || die "cannot make the veth pair of $ns"
  ip link set "$veth" master "$NETNS_BRIDGE" up
  ip -n "$ns" addr add "$NETNS_SUBNET.$2/24" dev eth0
  ip -n "$ns" link set eth0 up
  ip -n "$ns" link set lo up
}

# netns_sysctl HOST KEY=VALUE...: sets namespaced sysctls (net.*) inside HOST's namespace only.
netns_sysctl() {
  local ns; ns="$(netns_name "$1")"; shift
  ip netns exec "$ns" sysctl -q -w "$@" >/dev/null || die "sysctl $* in $ns failed"
}

# netns_teardown: stops every process left in the namespaces (SIGTERM, then SIGKILL after 10 s), deletes them and
# the bridge.
netns_teardown() {
  local ns pids i
  for ns in "${NETNS_NAMES[@]:-}"; do
    [[ -n "$ns" ]] || continue
    pids="$(ip netns pids "$ns" 2>/dev/null || true)"
    # shellcheck disable=SC2086 # a list of pids
    [[ -n "$pids" ]] && kill $pids 2>/dev/null
    for i in $(seq 1 50); do
      [[ -z "$(ip netns pids "$ns" 2>/dev/null || true)" ]] && break
      sleep 0.2
    done
    pids="$(ip netns pids "$ns" 2>/dev/null || true)"
    # shellcheck disable=SC2086
    [[ -n "$pids" ]] && kill -9 $pids 2>/dev/null
    ip netns del "$ns" 2>/dev/null || log "could not delete the namespace $ns"
  done
  NETNS_NAMES=()
  if [[ -n "$NETNS_BRIDGE_MADE" ]]; then
    ip link del "$NETNS_BRIDGE" 2>/dev/null || log "could not delete the bridge $NETNS_BRIDGE"
    NETNS_BRIDGE_MADE=""
  fi
  return 0
}
