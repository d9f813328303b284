#!/usr/bin/env bash
# Starts an xrootd server on 127.0.0.1:1094 for flow's staging and publishing specs: Debian's
# xrootd-server 5.5 exporting /srv/flow-xrootd/data as /data (root://127.0.0.1//data/...), with
# adler32 checksums (xrdfs query checksum). xrootd refuses to run as root: as root this script
# installs the packages if missing and starts the server as the unprivileged user 'nobody'.
# Idempotent: does nothing if the server answers.
set -euo pipefail
url=root://127.0.0.1:1094
# a client asking a server that is not there retries for 10 minutes by default (5 tries × 120 s)
export XRD_CONNECTIONRETRY=1 XRD_CONNECTIONWINDOW=3
if xrdfs "$url" stat /data >/dev/null 2>&1; then echo "xrootd: already up"; exit 0; fi
[ "$(id -u)" = 0 ] || { echo "xrootd: start.sh must run as root (it starts the server as nobody)" >&2; exit 1; }
if ! command -v xrootd >/dev/null || ! command -v xrdcp >/dev/null; then
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends xrootd-server xrootd-client >/dev/null
fi
base=/srv/flow-xrootd
install -d -o nobody -g nogroup -m 0755 "$base" "$base/data" "$base/admin" "$base/run"
cat > "$base/xrootd.cfg" <<CONF
xrd.port 1094
all.export /data
oss.localroot $base
xrootd.chksum adler32
all.adminpath $base/admin
all.pidpath $base/run
CONF
runuser -u nobody -- xrootd -b -l "$base/xrootd.log" -c "$base/xrootd.cfg"
for _ in $(seq 1 50); do
  if xrdfs "$url" stat /data >/dev/null 2>&1; then echo "xrootd: up ($url//data → $base/data)"; exit 0; fi
  sleep 0.2
done
echo "xrootd: did not answer; its log:" >&2
tail -20 "$base/xrootd.log"* >&2
exit 1
