#!/usr/bin/env bash
# Starts a single-node SLURM 22.05 cluster on loopback for flow's tests (facts: shared/slurm/NOTES.md).
# Installs Debian's packages if missing. Needs root. Idempotent: does nothing if the node is up.
set -euo pipefail
node_up() { sinfo -h -N -o %T 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; }
accounting_up() { sacct -n -X -S now >/dev/null 2>&1; }   # "accounting storage is disabled" without slurmdbd
if node_up && accounting_up; then
  echo "slurm: already up"; exit 0
fi
[ "$(id -u)" = 0 ] || { echo "slurm: start.sh must run as root" >&2; exit 1; }
if ! command -v slurmctld >/dev/null || ! command -v sbatch >/dev/null || ! command -v munged >/dev/null \
   || ! command -v slurmdbd >/dev/null || ! command -v mariadbd >/dev/null; then
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends slurmctld slurmd slurm-client munge \
    slurmdbd mariadb-server >/dev/null
fi

install -d -o munge -g munge -m 0755 /run/munge
if ! pgrep -x munged >/dev/null; then
  runuser -u munge -- /usr/sbin/munged --pid-file=/run/munge/munged.pid
fi

# Accounting (sacct: what a job used, after it left the queue): slurmdbd over MariaDB on its
# socket only, as root by socket authentication. A node already up without it is restarted.
install -d -o mysql -g mysql /run/mysqld
[ -d /var/lib/mysql/mysql ] || mariadb-install-db --user=mysql --datadir=/var/lib/mysql >/dev/null
if ! pgrep -x mariadbd >/dev/null; then
  runuser -u mysql -- /usr/sbin/mariadbd --skip-networking --socket=/run/mysqld/mysqld.sock \
    --pid-file=/run/mysqld/mysqld.pid --log-error=/run/mysqld/error.log </dev/null >/dev/null 2>&1 &
  for _ in $(seq 1 100); do [ -S /run/mysqld/mysqld.sock ] && break; sleep 0.1; done
fi
install -d /etc/slurm /var/log/slurm
install -m 600 /dev/stdin /etc/slurm/slurmdbd.conf <<CONF
AuthType=auth/munge
DbdHost=localhost
DbdAddr=127.0.0.1
SlurmUser=root
StorageType=accounting_storage/mysql
StorageHost=localhost
StorageUser=root
StorageLoc=slurm_acct_db
PidFile=/run/slurmdbd.pid
LogFile=/var/log/slurm/slurmdbd.log
CONF
pgrep -x slurmdbd >/dev/null || /usr/sbin/slurmdbd
for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/6819) 2>/dev/null && break; sleep 0.1; done
if pgrep -x slurmctld >/dev/null; then   # up without accounting: restarted to take the new configuration
  pkill -x slurmctld; pkill -x slurmd
  for _ in $(seq 1 100); do pgrep -x 'slurmctld|slurmd' >/dev/null || break; sleep 0.1; done
fi

host=$(hostname -s)
node=$(slurmd -C | head -1 | sed -E 's/ RealMemory=[0-9]+//; s/^NodeName=[^ ]+ //')
mem_total=$(slurmd -C | head -1 | sed -E 's/.*RealMemory=([0-9]+).*/\1/')
mem=$((mem_total * 9 / 10))   # a node configured with more memory than it has is drained
install -d /etc/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm
cat > /etc/slurm/slurm.conf <<CONF
ClusterName=flowtest
SlurmctldHost=${host}(127.0.0.1)
SlurmUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
DefMemPerCPU=100
GresTypes=gpu
EnforcePartLimits=ALL
MailProg=/bin/true
MinJobAge=300
SchedulerParameters=bf_interval=1,sched_min_interval=100000,batch_sched_delay=0
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
ReturnToService=2
AccountingStorageType=accounting_storage/slurmdbd
AccountingStorageHost=127.0.0.1
JobAcctGatherType=jobacct_gather/linux
JobAcctGatherFrequency=task=1
NodeName=${host} NodeAddr=127.0.0.1 ${node} RealMemory=${mem} State=UNKNOWN
PartitionName=debug Nodes=${host} Default=YES MaxTime=INFINITE State=UP
CONF

pgrep -x slurmctld >/dev/null || /usr/sbin/slurmctld -c -i
pgrep -x slurmd >/dev/null || /usr/sbin/slurmd -c
for _ in $(seq 1 100); do
  if sinfo -h -N -o %T 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; then echo "slurm: up ($host)"; exit 0; fi
  sleep 0.2
done
echo "slurm: the node did not come up" >&2
sinfo -N -l >&2 || true
tail -n 20 /var/log/slurm/slurmctld.log /var/log/slurm/slurmd.log >&2 || true
exit 1
