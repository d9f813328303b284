#!/usr/bin/env bash
# Stops the test SLURM cluster started by start.sh.
set -u
scancel --user=root 2>/dev/null || true
for pidfile in /run/slurmd.pid /run/slurmctld.pid /run/slurmdbd.pid /run/mysqld/mysqld.pid /run/munge/munged.pid; do
  [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null
done
for _ in $(seq 1 50); do pgrep -x "slurmctld|slurmd|slurmdbd|mariadbd" >/dev/null || break; sleep 0.1; done
echo "slurm: stopped"
