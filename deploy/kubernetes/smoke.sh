#!/usr/bin/env bash
# Runs the Indexed Job's command the way its container would: the image
# built from deploy/kubernetes/Dockerfile (with podman, as CI installs it;
# BINARY=prebuilt, since the build stage would pull golang:1.26 from Docker
# Hub, out of CI's reach) around the binary built as the build stage
# builds it (static, -trimpath, a version); its files exported into an
# otherwise empty root (the image is FROM scratch: no shell, no /tmp, no
# /etc/passwd, no time zones), mounted read-only (readOnlyRootFilesystem);
# the image's own entrypoint run as the image's user (the Job's runAsUser),
# with the Job's arguments and environment: the editions read-only at
# /data/editions, the output at /data/out. Every shard of the Job runs in
# turn (JOB_COMPLETION_INDEX 0..N-1), and the script checks that together
# they rendered every edition once, into the tree that mirrors the input,
# with one report per shard. Without podman it runs the binary alone in
# that root, and says so.
#
#   sudo deploy/kubernetes/smoke.sh      # needs root (mount namespaces, chroot)
#
# It catches what a container changes for the program: a path it needs
# that the image lacks, a write outside the output volume, a file the
# non-root user cannot make, an image that lost its binary, user or
# entrypoint. What it does not run is a container runtime itself (crun
# needs CAP_SYS_RESOURCE for the container's limits, which CI's root lacks):
# unshare and chroot stand in for it.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "$(id -u)" != 0 ]; then
  echo "smoke.sh: needs root (for unshare and chroot)" >&2
  exit 1
fi
shards=${SHARDS:-3}
editions=${EDITIONS:-12}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/ctx" "$work/root" "$work/out"
# As the Dockerfile's build stage does.
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=v0.0.0-smoke" \
  -o "$work/ctx/broadsheet" ./cmd/broadsheet
user=65532:65532
entry=/broadsheet
if command -v podman >/dev/null; then
  # A store of its own, removed with $work; vfs works where overlay
  # mounts are not allowed.
  pm=(podman --root "$work/store" --runroot "$work/run" --storage-driver vfs)
  "${pm[@]}" build -q --build-arg BINARY=prebuilt -f deploy/kubernetes/Dockerfile -t broadsheet-smoke "$work/ctx" >/dev/null
  user=$("${pm[@]}" image inspect --format '{{.Config.User}}' broadsheet-smoke)
  entry=$("${pm[@]}" image inspect --format '{{index .Config.Entrypoint 0}}' broadsheet-smoke)
  cid=$("${pm[@]}" create broadsheet-smoke)
  "${pm[@]}" export "$cid" | tar -x -C "$work/root"
  "${pm[@]}" rm "$cid" >/dev/null
  cmp "$work/root$entry" "$work/ctx/broadsheet"
  from="the image built from deploy/kubernetes/Dockerfile (user $user, entrypoint $entry)"
else
  cp "$work/ctx/broadsheet" "$work/root/broadsheet"
  from="the binary alone (no podman to build the image)"
fi
# The volumes' mount points, as the container runtime makes them.
mkdir -p "$work/root/data/editions" "$work/root/data/out"
go run ./archive/archivegen/genarchive -n "$editions" -o "$work/editions" >/dev/null
chown 65532:65532 "$work/out" # the Job's fsGroup makes the output volume the user's

for k in $(seq 0 $((shards - 1))); do
  # A mount namespace of its own: the editions bound read-only into the
  # root, the root itself read-only, the output volume writable.
  unshare --mount --propagation private env -i \
    JOB_COMPLETION_INDEX="$k" BROADSHEET_SHARDS="$shards" GOMAXPROCS=2 USERSPEC="$user" ENTRY="$entry" \
    bash -c '
      set -e
      w=$1
      mount --bind "$w/root" "$w/root"
      mount -o remount,bind,ro "$w/root"
      mount --bind "$w/editions" "$w/root/data/editions"
      mount -o remount,bind,ro "$w/root/data/editions"
      mount --bind "$w/out" "$w/root/data/out"
      exec chroot --userspec="$USERSPEC" "$w/root" "$ENTRY" batch /data/editions \
        --output=/data/out/pdf --shard=auto \
        --report=/data/out/reports/shard-$JOB_COMPLETION_INDEX.jsonl --quiet
    ' smoke "$work" || status=$?
  # Two of the generated editions are bad on purpose: status 1 is the
  # shard's report of them, anything else is a failure of the run.
  if [ "${status:-0}" != 0 ] && [ "${status:-0}" != 1 ]; then
    echo "smoke.sh: shard $k exited with status $status" >&2
    exit 1
  fi
  status=0
done

cat "$work"/out/reports/shard-*.jsonl >"$work/all.jsonl"
python3 - "$work" "$shards" "$from" <<'EOF'
import json, os, sys
work, shards, source = sys.argv[1], int(sys.argv[2]), sys.argv[3]
recs = [json.loads(l) for l in open(os.path.join(work, "all.jsonl"))]
# The editions, as README says a folder is searched: *.yaml and *.yml, but
# not in folders whose names start with "." or that hold .broadsheetignore.
inputs = []
for d, dirs, fs in os.walk(os.path.join(work, "editions")):
    dirs[:] = [x for x in dirs if not x.startswith(".")]
    if ".broadsheetignore" in fs:
        dirs[:] = []
        continue
    inputs += [os.path.relpath(os.path.join(d, f), os.path.join(work, "editions"))
               for f in fs if f.endswith((".yaml", ".yml")) and not f.startswith(".")]
inputs.sort()
seen = sorted(os.path.relpath(r["input"], "/data/editions") for r in recs)
assert seen == inputs, f"the shards' reports list {len(seen)} editions, the archive has {len(inputs)}"
ok = [r for r in recs if r["status"] == "ok"]
failed = [r for r in recs if r["status"] == "failed"]
assert ok and len(ok) + len(failed) == len(recs), [r["status"] for r in recs]
for r in ok:
    rel = os.path.relpath(r["output"], "/data/out")
    path = os.path.join(work, "out", rel)
    want = os.path.join("pdf", os.path.splitext(os.path.relpath(r["input"], "/data/editions"))[0] + ".pdf")
    assert rel == want, (rel, want)
    with open(path, "rb") as f:
        assert f.read(5) == b"%PDF-", path
    assert os.stat(path).st_uid == 65532, f"{path} is not the job user's"
strays = [os.path.join(d, f) for d, _, fs in os.walk(os.path.join(work, "out"))
          for f in fs if f.endswith(".tmp")]
assert not strays, strays
print(f"smoke.sh: {shards} shards rendered {len(ok)} editions once each "
      f"({len(failed)} bad on purpose), as user 65532 on a read-only root holding "
      f"only {source}")
EOF
