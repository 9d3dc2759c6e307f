#!/usr/bin/env bash
# Container smoke test: builds the unchanged docker/Dockerfile with buildah and runs the image
# with podman the way a user would (named volume, published port, token from an env file,
# one-shot CLI import), then checks the HTTP API, the user, the HEALTHCHECK and a graceful stop.
#
# Needs root on Debian 12 and the network to reach the Debian mirror, nothing else: no Docker
# engine and no image registry. The base images are made here instead of pulled:
#   runtime base  a debootstrap'd bookworm (minbase), imported as an image;
#   builder base  that image plus this machine's Swift toolchain (/opt/swift) and the local git
#                 mirrors of the Swift packages (/opt/swift-packages, with the same `insteadOf`
#                 mapping as /etc/gitconfig here).
#
# Everything lives in one temporary folder (container storage included, via CONTAINERS_CONF and
# CONTAINERS_STORAGE_CONF), so the machine's own podman configuration and images are untouched,
# and the EXIT trap removes all of it. GLOSSA_SMOKE_KEEP=1 keeps the folder for debugging.
#
# Run from anywhere: bash docker/smoke.sh
#
# The two halves can also run apart, so that the long image build can go on in the background
# while other work runs (.ci/run does so, at low priority) and the timed checks run on a quiet
# machine: `docker/smoke.sh build` builds the image and keeps the folder, `docker/smoke.sh run`
# runs the checks on that image and removes everything. Both then need GLOSSA_SMOKE_WORK, the
# folder to use (it must not exist before `build`).
set -euo pipefail
cd "$(dirname "$0")/.."
phase=${1:-all}
case $phase in
  all | build | run) ;;
  *) echo "usage: docker/smoke.sh [build|run]" >&2; exit 2 ;;
esac
if [[ $phase != all && -z ${GLOSSA_SMOKE_WORK:-} ]]; then
  echo "docker/smoke.sh $phase: set GLOSSA_SMOKE_WORK to the folder the two halves share" >&2; exit 2
fi

port=${GLOSSA_SMOKE_PORT:-18480}
token=smoke-$RANDOM$RANDOM
# The toolchain folder: GLOSSA_SMOKE_SWIFT, else the one holding usr/bin/swift of `which swift`.
swift_dir=${GLOSSA_SMOKE_SWIFT:-}
if [[ -z $swift_dir ]] && swift_bin=$(command -v swift); then
  swift_dir=$(dirname "$(dirname "$(dirname "$(readlink -f "$swift_bin")")")")
fi
packages_dir=/opt/swift-packages
runtime_image=localhost/glossa-smoke/bookworm-slim:latest
builder_image=localhost/glossa-smoke/swift:bookworm
image=localhost/glossa-smoke/glossa:latest
started=$SECONDS

log() { printf '== [%3ss] %s\n' "$((SECONDS - started))" "$*"; }
fail() { echo "FAIL $*" >&2; exit 1; }
passed=0
ok() { echo "ok   $*"; passed=$((passed + 1)); }

[[ $(id -u) == 0 ]] || fail "run as root (debootstrap, buildah and podman with root storage)"
[[ -n $swift_dir && -x $swift_dir/usr/bin/swift ]] || fail "no Swift toolchain at '$swift_dir' (set GLOSSA_SMOKE_SWIFT)"
[[ -d $packages_dir ]] || fail "no package mirrors at $packages_dir"

# --- tools --------------------------------------------------------------------------------------
# runc, not crun (crun fails on this machine's hybrid cgroup setup); slirp4netns for published
# ports without a bridge or iptables rules on the host.
missing=()
for package in podman buildah runc slirp4netns debootstrap curl; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  log "installing ${missing[*]}"
  timeout 300 apt-get update -qq
  DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- private container storage and configuration --------------------------------------------------
case $phase in
  all) work=$(mktemp -d "${TMPDIR:-/var/tmp}/glossa-smoke.XXXXXX") ;;
  build)
    work=$GLOSSA_SMOKE_WORK
    [[ ! -e $work ]] || fail "GLOSSA_SMOKE_WORK=$work exists already (left by an earlier build?)"
    mkdir -p "$work" ;;
  run)
    work=$GLOSSA_SMOKE_WORK
    [[ -f $work/image-built ]] || fail "no image built in GLOSSA_SMOKE_WORK=$work (run 'docker/smoke.sh build' first)" ;;
esac
# What podman, buildah and runc make outside the configured folders: a blob-info cache, runc's
# state folder, the folder of network namespaces (a bind mount). Removed at the end if new, which
# the build half notes for the run half.
if [[ $phase != run ]]; then
  for path in /var/lib/containers /run/runc /run/netns; do [[ -e $path ]] || echo "$path"; done >"$work/new-host-paths"
fi
keep=false  # true once the build half has succeeded: the run half needs the folder

cleanup() {
  local status=$?
  set +eu
  [[ -n ${sampler:-} ]] && { pkill -P "$sampler"; kill "$sampler"; } 2>/dev/null  # the disk sampler and its sleep
  if [[ $keep == true ]]; then log "image kept in $work for 'docker/smoke.sh run'"; return "$status"; fi
  if [[ ${GLOSSA_SMOKE_KEEP:-} == 1 ]]; then echo "kept $work (CONTAINERS_CONF and CONTAINERS_STORAGE_CONF point into it)"; return; fi
  local new_paths=()
  mapfile -t new_paths <"$work/new-host-paths"
  log "cleanup"
  # Containers first (stops them, tears down their network), then volumes, images, and buildah's
  # working containers; then whatever is still mounted below $work; then the folder.
  timeout 60 podman rm -a -f -t 0 >/dev/null 2>&1
  timeout 60 podman volume rm -a -f >/dev/null 2>&1
  timeout 60 buildah rm -a >/dev/null 2>&1
  timeout 120 podman rmi -a -f >/dev/null 2>&1
  findmnt -rn -o TARGET | grep -F "$work/" | sort -r | xargs -r -n1 umount -l 2>/dev/null
  rm -rf "$work"
  for path in "${new_paths[@]}"; do
    case $path in
      /var/lib/containers) rm -rf "$path" ;;
      *) if [[ -d $path && -z $(ls -A "$path") ]]; then mountpoint -q "$path" && umount "$path"; rmdir "$path"; fi ;;
    esac
  done
  log "done (exit $status)"
  return "$status"
}
trap cleanup EXIT

# Peak disk use: the file system holding $work, sampled every 10 s, over what it held before the
# build (so whatever else writes to that disk meanwhile counts too). `du` over vfs layers was
# no good: at idle I/O priority it hardly ever finished while the build ran.
used_mb() { df --output=used -B1M "$work" | tail -n1 | tr -d ' '; }
[[ $phase == run ]] || used_mb >"$work/disk-before"
(while sleep 10; do used_mb; done >>"$work/disk.samples") &
sampler=$!
disown "$sampler"  # no "Terminated" notice when the trap ends it
peak_mb() {
  local before peak
  before=$(cat "$work/disk-before")
  peak=$(sort -n "$work/disk.samples" 2>/dev/null | tail -n1)
  echo $((${peak:-$before} - before))
}

# vfs: works on any file system (no overlay in this kind of machine); runc and cgroupfs: no
# systemd, hybrid cgroups; ulimits: podman's default nofile exceeds this machine's hard limit;
# slirp4netns: user-mode networking, so nothing (bridge, iptables chains, /var/lib/cni) is left
# on the host; network_config_dir: podman's CNI lock file goes here instead of /etc/cni/net.d.
cat >"$work/storage.conf" <<EOF
[storage]
driver = "vfs"
graphroot = "$work/storage"
runroot = "$work/run"
EOF
cat >"$work/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
log_driver = "k8s-file"
netns = "slirp4netns"

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
tmp_dir = "$work/run/libpod"
volume_path = "$work/storage/volumes"

[network]
network_config_dir = "$work/cni"
EOF
export CONTAINERS_CONF=$work/containers.conf CONTAINERS_STORAGE_CONF=$work/storage.conf
podman info --format '{{.Store.GraphDriverName}} {{.Host.OCIRuntime.Name}} {{.Host.CgroupManager}}' | grep -q '^vfs runc cgroupfs$' \
  || fail "podman does not use the private configuration: $(podman info --format '{{.Store.GraphDriverName}} {{.Host.OCIRuntime.Name}} {{.Host.CgroupManager}}')"

if [[ $phase != run ]]; then
  # --- runtime base: debootstrap'd bookworm -----------------------------------------------------
  # GLOSSA_SMOKE_MIRROR, else the mirror apt uses here (comment lines skipped), else deb.debian.org.
  mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
    | grep -v '^[[:space:]]*#' | grep -oE 'https?://[^ ]+/debian/?( |$)' | head -n1 | tr -d ' ' || true)
  mirror=${GLOSSA_SMOKE_MIRROR:-${mirror%/}}
  mirror=${mirror:-http://deb.debian.org/debian}
  log "debootstrap bookworm from $mirror"
  timeout 600 debootstrap --variant=minbase bookworm "$work/rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 \
    || { tail -n 20 "$work/debootstrap.log"; fail "debootstrap"; }
  # Like debian:bookworm-slim: the three suites in the sources, no package lists or .debs inside.
  cat >"$work/rootfs/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb ${mirror}-security bookworm-security main
EOF
  # Its apt configuration too: downloaded .debs are deleted after each install (else they stay in
  # the image layer of every apt-get install).
  cat >"$work/rootfs/etc/apt/apt.conf.d/docker-clean" <<'EOF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
EOF
  rm -rf "$work/rootfs/var/lib/apt/lists/"* "$work/rootfs/var/cache/apt/"*.bin "$work/rootfs/var/cache/apt/archives/"*.deb
  tar -C "$work/rootfs" --numeric-owner -c . | timeout 300 podman import -q --change 'CMD ["bash"]' - "$runtime_image" >/dev/null
  rm -rf "$work/rootfs"

  # --- builder base: the runtime base plus the Swift toolchain and the package mirrors -----------
  # Packages: what the toolchain itself needs (found with ldd/objdump on /opt/swift: ncurses and
  # sqlite for the driver and SwiftPM; gold from binutils, gcc's crt files and libgcc, libc and
  # libstdc++ headers for linking; git for SwiftPM). The -dev libraries of Glossa come from the
  # Dockerfile's own apt-get step, as with the official swift image.
  log "builder image from $swift_dir and $packages_dir"
  ctr=$(buildah from --pull=never --isolation chroot "$runtime_image")
  timeout 600 buildah run --isolation chroot "$ctr" -- sh -c 'apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
       binutils gcc libc6-dev libstdc++-12-dev libgcc-12-dev git pkg-config ca-certificates \
       libncurses6 libsqlite3-0 libxml2 libcurl4 \
    && rm -rf /var/lib/apt/lists/*' >"$work/builder.log" 2>&1 || { tail -n 20 "$work/builder.log"; fail "builder packages"; }
  mnt=$(buildah mount "$ctr")
  mkdir -p "$mnt/opt/swift"
  # The toolchain minus what a build never runs (debugger, editor support, docs, Embedded Swift):
  # about 1.5 GB less to copy on vfs, which copies every layer in full.
  tar -C "$swift_dir" -c \
    --exclude='./usr/bin/lldb*' --exclude='./usr/lib/liblldb.so*' --exclude='./usr/bin/repl_swift' \
    --exclude='./usr/bin/sourcekit-lsp' --exclude='./usr/lib/libsourcekitdInProc.so' \
    --exclude='./usr/lib/libSwiftSourceKit*' --exclude='./usr/bin/clangd' \
    --exclude='./usr/bin/docc' --exclude='./usr/share/docc' --exclude='./usr/bin/swift-format' \
    --exclude='./usr/lib/swift/embedded' . | tar -C "$mnt/opt/swift" -x
  mkdir -p "$mnt$packages_dir"
  cp -a "$packages_dir/." "$mnt$packages_dir/"
  # Same redirection of GitHub URLs to the local mirrors as on this machine.
  cat >>"$mnt/etc/gitconfig" <<EOF
[url "$packages_dir/"]
	insteadOf = https://github.com/
	insteadOf = git@github.com:
	insteadOf = ssh://git@github.com/
EOF
  buildah umount "$ctr" >/dev/null
  buildah config --env PATH=/opt/swift/usr/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin --cmd bash "$ctr"
  # Checked in the working container: a container of the committed image would be one more full copy.
  timeout 120 buildah run --isolation chroot "$ctr" -- swift --version 2>&1 | grep -m1 'Swift version' \
    || fail "swift does not run in the builder image"
  timeout 900 buildah commit -q --squash --rm "$ctr" "$builder_image" >/dev/null

  # --- the image: docker/Dockerfile as it is ------------------------------------------------------
  # --format docker keeps HEALTHCHECK (the OCI image format has no field for it).
  log "buildah bud docker/Dockerfile"
  timeout "${GLOSSA_SMOKE_BUILD_TIMEOUT:-1800}" buildah bud --isolation chroot --format docker --pull=never --layers=false \
    --build-arg BUILDER_IMAGE="$builder_image" --build-arg RUNTIME_IMAGE="$runtime_image" \
    -f docker/Dockerfile -t "$image" . >"$work/build.log" 2>&1 \
    || { tail -n 40 "$work/build.log"; fail "image build (log above)"; }
  grep -E 'Linking glossa|Build complete' "$work/build.log" | tail -n 2 || true
  # The builder (2 GB on vfs) is no longer needed.
  timeout 120 podman rmi -f "$builder_image" >/dev/null
  timeout 120 podman image prune -f >/dev/null
  podman images --format '{{.Repository}}:{{.Tag}} {{.Size}}'
  config=$(podman image inspect --format 'user={{.Config.User}} ports={{.Config.ExposedPorts}} volumes={{.Config.Volumes}} health={{.HealthCheck.Test}}' "$image")
  for expected in 'user=10001:10001' '8080/tcp' '/data' 'health=[CMD /bin/sh -c'; do
    [[ $config == *"$expected"* ]] || fail "image config lacks $expected: $config"
  done
  ok "image config: non-root user, port 8080, volume /data, HEALTHCHECK"
  echo "$passed" >"$work/image-built"  # the checks passed so far, for the run half's count
fi
if [[ $phase == build ]]; then
  keep=true
  log "image built: $passed passed, 0 failed; peak disk use so far about $(peak_mb) MB"
  exit 0
fi

# --- run it as a user would -----------------------------------------------------------------------
[[ $phase == run ]] && passed=$(cat "$work/image-built")
log "run: volume, published port, token from an env file"
printf 'GLOSSA_TOKEN=%s\nGLOSSA_LOG_LEVEL=info\n' "$token" >"$work/glossa.env"
podman volume create glossa-smoke-data >/dev/null
# The healthcheck timer needs systemd, which this machine lacks: podman says so on stderr (kept in
# $work/podman.log) and runs the container anyway; the check is run by hand below.
serve() {
  timeout 60 podman run -d --name glossa-smoke -p "127.0.0.1:$port:8080" -v glossa-smoke-data:/data \
    --env-file "$work/glossa.env" "$image" >/dev/null 2>>"$work/podman.log" || { cat "$work/podman.log"; fail "podman run"; }
  for _ in $(seq 1 120); do curl -fsS --max-time 2 "$base/health" >/dev/null 2>&1 && return; sleep 0.5; done
  podman logs glossa-smoke; fail "no answer on $base/health within 60 s"
}
base=http://127.0.0.1:$port
serve

check() {  # name, expected substring, curl arguments...
  local name=$1 expected=$2 body; shift 2
  body=$(curl -sS --max-time 10 "$@" 2>&1) || true
  [[ $body == *"$expected"* ]] || { podman logs --tail 30 glossa-smoke >&2; fail "$name: ${body:0:400}"; }
  ok "$name"
}
check "/health" '"status":"ok"' "$base/health"
check "/openapi.yaml answers 200 (resource bundle next to the binary)" '200' -o /dev/null -w '%{http_code}' "$base/openapi.yaml"
check "sample data loaded into the new database" '"zh-CN"' "$base/v1/languages"
check "names lookup" 'Vladimir Putin' -G "$base/v1/names" --data-urlencode "q=普京" -d to=en,ru
check "TM lookup (sample memory)" 'Путин прибыл в Пекин' -G "$base/v1/tm/lookup" \
  --data-urlencode "q=Putin arrived in Beijing" -d source=en-US -d target=ru -d min=60
check "import over HTTP refused without the token" '"status":401' -X POST \
  --data-binary @Tests/Fixtures/corpus/tmx/okapi-framework_okapi/header_with_prop_and_note.tmx "$base/v1/tm/import"

# The one-shot importer of compose.yaml: the CLI in a second container on the same volume.
mkdir -m 755 "$work/import"
install -m 644 Tests/Fixtures/corpus/tmx/okapi-framework_okapi/sample14b.tmx "$work/import/"
out=$(timeout 120 podman run --rm --no-healthcheck -v glossa-smoke-data:/data -v "$work/import:/import:ro" \
  "$image" import /import 2>&1) || fail "CLI import: $out"
[[ $out == *"imported 24"* ]] || fail "CLI import did not report 24 units: $out"
ok "CLI import in a one-shot container: $(tr '\n' ' ' <<<"$out" | cut -c1-100)"
check "TM lookup finds the CLI import" 'Zur Fortsetzung des Verfahrens' -G "$base/v1/tm/lookup" \
  --data-urlencode "q=Touch Retry to resume the procedure." -d source=en-US -d target=de-DE

# Who runs what: tini as PID 1, glossa as uid 10001.
[[ $(podman exec glossa-smoke id -u) == 10001 ]] || fail "exec user is not 10001"
procs=$(podman top glossa-smoke pid huser comm)  # huser: the uid as the host sees it
grep -qE '^1 +10001 +tini' <<<"$procs" || fail "PID 1 is not tini run by 10001: $procs"
grep -qE ' 10001 +glossa' <<<"$procs" || fail "glossa not running as 10001: $procs"
ok "non-root: tini (PID 1) and glossa run as uid 10001"
timeout 30 podman healthcheck run glossa-smoke >/dev/null || fail "the image's HEALTHCHECK failed"
ok "HEALTHCHECK command of the image passes"

# Graceful shutdown: SIGTERM through tini to glossa, which exits 0. A process ignoring it would
# be killed after the 10 s timeout with exit code 137.
t0=$(date +%s%N)
timeout 30 podman stop -t 10 glossa-smoke >/dev/null 2>>"$work/podman.log"
elapsed_ms=$((($(date +%s%N) - t0) / 1000000))
code=$(podman inspect -f '{{.State.ExitCode}}' glossa-smoke)
((elapsed_ms <= 2000)) || fail "podman stop took ${elapsed_ms} ms"
[[ $code == 0 ]] || fail "exit code $code after podman stop (137 = SIGKILL)"
ok "podman stop: exit 0 after ${elapsed_ms} ms"

# The volume keeps the database: a new container on it serves the CLI import at once.
podman rm glossa-smoke >/dev/null 2>>"$work/podman.log"
serve
check "the volume keeps the database across containers" 'Zur Fortsetzung des Verfahrens' -G "$base/v1/tm/lookup" \
  --data-urlencode "q=Touch Retry to resume the procedure." -d source=en-US -d target=de-DE

log "container smoke: $passed passed, 0 failed; peak disk use about $(peak_mb) MB"
