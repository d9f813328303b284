#!/usr/bin/env python3
"""Stand-ins for HTCondor's condor_submit_dag, condor_submit, condor_rm, condor_q and condor_history,
for flow's tests only.

HTCondor has no Debian package, so flow's HTCondor executor is tested against these. They follow
shared/htcondor/FORMATS.md: condor_submit_dag checks the DAG and every node's submit description
against the documented grammar and refuses anything else (exit 1, "ERROR: ..." on stderr), prints
"1 job(s) submitted to cluster N.", and runs the DAG in the background on this machine: one
cluster per node, one proc per item of "queue task from FILE", PARENT/CHILD order, RETRY, and job
event log records in the writer's exact layout (000 with "DAG Node:", 001, 005 normal or abnormal,
012 held with Code/Subcode, 009 aborted). FAKE_CONDOR_HOLD="node-stage:task,..." holds those procs
the first time (memory exceeded, code 34) until condor_rm removes them. The schedd's view is kept
in FAKE_CONDOR_HOME/queue (jobs in the queue) and FAKE_CONDOR_HOME/history (jobs that left it),
which condor_q and condor_history print with -af:j; a DAGMan job stays in FAKE_CONDOR_HOME/dagmen
under its JobBatchName until its DAG ends, for condor_q -constraint. With should_transfer_files = YES (not
universe = local) a proc runs in a scratch directory of its own: transfer_input_files are copied
in by name, transfer_output_files copied back through transfer_output_remaps, and a missing file
holds the job (codes 13 and 12), as on a pool without a shared filesystem. DAG PRE scripts run
in the DAG's directory before their node. FAKE_CONDOR_LOSE_LOG="stage,..." writes only
the submit records of those stages' procs to their event log, as a log on a broken filesystem.
"""
import os, re, shlex, shutil, signal, subprocess, sys, tempfile, time, fcntl
from datetime import datetime

HOME = os.environ.get("FAKE_CONDOR_HOME", "/tmp/fake-condor-%d" % os.getuid())
KNOWN = {"universe", "executable", "arguments", "output", "error", "log", "request_cpus", "request_memory",
         "request_disk", "request_gpus", "max_materialize", "max_idle", "should_transfer_files",
         "when_to_transfer_output", "transfer_input_files", "transfer_output_files", "transfer_output_remaps",
         "getenv", "environment", "notification", "notify_user", "accounting_group", "accounting_group_user",
         "x509userproxy", "use_x509userproxy", "initialdir", "batch_name", "priority", "requirements", "rank",
         "periodic_hold", "periodic_release", "periodic_remove", "on_exit_hold", "on_exit_remove", "container_image"}


def fail(msg):
    sys.stderr.write("ERROR: %s\n" % msg)
    sys.exit(1)


def next_cluster():
    os.makedirs(HOME, exist_ok=True)
    with open(os.path.join(HOME, "next_cluster"), "a+") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        f.seek(0)
        n = int(f.read().strip() or "100")
        f.seek(0); f.truncate(); f.write(str(n + 1))
        return n


def new_syntax(value, where):
    """condor_submit's new-syntax argument splitter; refuses what condor_submit would."""
    if not (len(value) >= 2 and value[0] == '"' and value[-1] == '"'):
        fail("%s: arguments must use the new syntax (wrapped in double quotes)" % where)
    body, args, cur, single, any_ = value[1:-1], [], "", False, False
    i = 0
    while i < len(body):
        c = body[i]
        if c == '"':
            if i + 1 < len(body) and body[i + 1] == '"':
                cur += '"'; i += 2; any_ = True; continue
            fail("%s: a lone double quote inside the arguments" % where)
        if c == "'":
            if single and i + 1 < len(body) and body[i + 1] == "'":
                cur += "'"; i += 1
            else:
                single = not single
            any_ = True
        elif not single and c in " \t":
            if any_: args.append(cur)
            cur, any_ = "", False
        else:
            cur += c; any_ = True
        i += 1
    if single: fail("%s: unterminated single quote in the arguments" % where)
    if any_: args.append(cur)
    return args


def read_submit(path):
    """Parses a submit description as condor_submit would for flow's files; exits on a grammar error."""
    cmds, queue = {}, None
    try:
        lines = open(path).read().split("\n")
    except OSError as e:
        fail("cannot read submit file %s: %s" % (path, e))
    for n, raw in enumerate(lines, 1):
        line, where = raw.strip(), "%s:%d" % (path, n)
        if not line or line.startswith("#"): continue
        if re.match(r"(?i)^include\s*:\s*\S", line): continue
        if re.match(r"(?i)^queue\b", line):
            if queue is not None: fail("%s: a second queue statement" % where)
            m = re.match(r"(?i)^queue\s+(\w+)(?:\s*,\s*(\w+))?\s+from\s+(.+)$", line)
            if not m: fail("%s: expected 'queue <var>[, <var>] from <file>'" % where)
            queue = (m.group(1).lower(), m.group(3).strip(), m.group(2))
            continue
        m = re.match(r"^(\+[A-Za-z_]\w*|(?i:MY)\.[A-Za-z_]\w*|[A-Za-z_]\w*)\s*=\s*(.*)$", line)
        if not m: fail("%s: expected 'command = value', got: %s" % (where, line))
        name, value = m.group(1), m.group(2)
        if name.startswith("+") or name.lower().startswith("my."):
            if not re.match(r'^(".*"|-?\d+(\.\d+)?|True|False|true|false|undefined)$', value):
                fail("%s: %s must be a ClassAd value (strings in double quotes)" % (where, name))
            continue
        if name.lower() not in KNOWN: fail("%s: unknown submit command '%s'" % (where, name))
        if name.lower() == "arguments": new_syntax(value, where)
        if name.lower() in ("request_memory", "request_disk") and not re.match(r"^\d+\s*[KMGT]?B?$", value, re.I):
            fail("%s: %s needs a number with an optional unit" % (where, name))
        if name.lower() == "request_cpus" and not value.isdigit(): fail("%s: request_cpus needs an integer" % where)
        cmds[name.lower()] = value
    if "executable" not in cmds: fail("%s: no executable" % path)
    if queue is None: fail("%s: no queue statement" % path)
    if not os.path.isabs(cmds.get("log", "")): fail("%s: the event log must be an absolute path" % path)
    return cmds, queue


def read_dag(path):
    nodes, parents, retries, pres = {}, {}, {}, {}
    text = open(path).read().replace("\\\n", " ")
    for n, raw in enumerate(text.split("\n"), 1):
        w = raw.split()
        if not w or w[0].startswith("#"): continue
        k = w[0].upper()
        if k == "JOB" and len(w) >= 3: nodes[w[1]] = os.path.join(os.path.dirname(path), w[2])
        elif k == "PARENT" and "CHILD" in [x.upper() for x in w]:
            c = [x.upper() for x in w].index("CHILD")
            for child in w[c + 1:]: parents.setdefault(child, []).extend(w[1:c])
        elif k == "RETRY" and len(w) >= 3: retries[w[1]] = int(w[2])
        elif k == "SCRIPT" and len(w) >= 4 and w[1].upper() == "PRE": pres[w[2]] = w[3:]
        elif k in ("NODE_STATUS_FILE", "JOBSTATE_LOG"): pass
        else: fail("%s:%d: unknown DAG command: %s" % (path, n, raw.strip()))
    for child, ps in parents.items():
        for p in ps + [child]:
            if p not in nodes: fail("%s: PARENT/CHILD names an unknown node %s" % (path, p))
    for n in pres:
        if n not in nodes: fail("%s: SCRIPT PRE names an unknown node %s" % (path, n))
    return nodes, parents, retries, pres


def schedd(cluster, proc, queue=None, history=None):
    """Records the job's state as condor_q (queue) or, once it left the queue, condor_history shows it."""
    for kind, line in (("queue", queue), ("history", history)):
        path = os.path.join(HOME, kind, "%d.%d" % (cluster, proc))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if line is None:
            if os.path.exists(path) and history is not None: os.remove(path)
        else:
            with open(path + ".tmp", "w") as f: f.write(line + "\n")
            os.replace(path + ".tmp", path)


def lost(node):
    return node is not None and node.split("_a")[0] in [s for s in os.environ.get("FAKE_CONDOR_LOSE_LOG", "").split(",") if s]


def event(log, code, cluster, proc, text, body=(), node=None):
    stamp = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
    lines = ["%03d (%03d.%03d.000) %s %s" % (code, cluster, proc, stamp, text)]
    if node: lines.append("    DAG Node: %s" % node)
    lines += ["\t" + b for b in body]
    with open(log, "a") as f:
        f.write("\n".join(lines) + "\n...\n")


def removed(cluster, proc=None):
    d = os.path.join(HOME, "removed")
    return os.path.exists(os.path.join(d, str(cluster))) or (proc is not None and os.path.exists(os.path.join(d, "%d.%d" % (cluster, proc))))


def job_environment(cmds, where, expanded):
    """A job's environment: the submitter's with getenv = true, else a minimal one; then 'environment'."""
    getenv = cmds.get("getenv", "false").lower() in ("true", "*")
    env = dict(os.environ) if getenv else {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": os.environ.get("HOME", "/")}
    if "environment" in cmds:
        for entry in new_syntax(expanded(cmds["environment"]), where):
            name, _, value = entry.partition("=")
            env[name] = value
    return env


MACRO = re.compile(r"(?<!\$)\$\(([A-Za-z_][A-Za-z0-9_.]*)(?::([^)]*))?\)")


def expand(value, cluster, proc, item, files=""):
    """condor_submit's macro expansion: $(name) and $(name:default), names in any case, repeated until
    none is left (a value may hold macros); a name not defined is the empty string
    (docs/admin-manual/introduction-to-configuration.rst:225-226). $(DOLLAR) is skipped while
    expanding and becomes a literal $ only at the end, never expanded again (src/condor_utils/config.cpp:271-276,
    5082-5086; docs/man-pages/htcondor-jdl.rst:2840-2848). $$(...) is left for match time."""
    known = {"cluster": str(cluster), "clusterid": str(cluster), "process": str(proc), "procid": str(proc),
             "task": item, "files": files}

    def one(m):
        if m.group(1).lower() == "dollar": return m.group(0)
        return known.get(m.group(1).lower(), m.group(2) if m.group(2) is not None else "")
    for _ in range(32):
        again = MACRO.sub(one, value)
        if again == value: break
        value = again
    return re.sub(r"(?<!\$)\$\((?i:dollar)\)", "$", value)


def items_of(submit, items_file, two_vars=False):
    """The items; with two variables, (first, rest of the line) pairs: the last variable takes the rest."""
    items_file = os.path.join(os.path.dirname(os.path.abspath(submit)), items_file)
    lines = [l.strip() for l in open(items_file) if l.strip()]
    return [tuple(re.split(r"[\s,]+", l, maxsplit=1)) for l in lines] if two_vars else [(l, "") for l in lines]


def stage_in(cmds, scratch, cluster, proc, item, files):
    """Copies transfer_input_files (comma separated) into the scratch directory by name; False if one is missing."""
    executable = expand(cmds["executable"], cluster, proc, item)
    shutil.copy(executable, os.path.join(scratch, os.path.basename(executable)))
    for f in [x.strip() for x in expand(cmds.get("transfer_input_files", ""), cluster, proc, item, files).split(",") if x.strip()]:
        if not os.path.exists(f): return False
        if os.path.isdir(f):
            shutil.copytree(f, scratch if f.endswith("/") else os.path.join(scratch, os.path.basename(f)), dirs_exist_ok=True)
        else:
            shutil.copy(f, os.path.join(scratch, os.path.basename(f)))
    return True


def stage_out(cmds, scratch, cluster, proc, item, files):
    """Copies transfer_output_files back, through transfer_output_remaps; False if a listed one is missing."""
    remaps = {}
    for rule in expand(cmds.get("transfer_output_remaps", '""'), cluster, proc, item, files).strip('"').split(";"):
        if "=" in rule:
            name, target = rule.split("=", 1); remaps[name.strip()] = target.strip()
    for name in [x.strip() for x in cmds.get("transfer_output_files", "").split(",") if x.strip()]:
        src = os.path.join(scratch, name)
        if not os.path.exists(src): return False
        dst = remaps.get(name, os.path.join(os.path.dirname(cmds["__submit"]), name))
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        if os.path.isdir(src): shutil.copytree(src, dst, dirs_exist_ok=True)
        else: shutil.copy(src, dst)
    return True


def run_node(node, submit, dagman, cluster=None):
    """Runs one cluster; node is the DAG node (None without DAGMan, then named after the submit file)."""
    cmds, (var, items_file, second) = read_submit(submit)
    cmds["__submit"] = os.path.abspath(submit)
    items = items_of(submit, items_file, second is not None)
    transfer = cmds.get("should_transfer_files", "NO").upper() == "YES" and cmds.get("universe", "vanilla") != "local"
    cluster = cluster or next_cluster()
    log = expand(cmds["log"], cluster, 0, "")
    for proc in range(len(items)):
        event(log, 0, cluster, proc, "Job submitted from host: <127.0.0.1:9618?addrs=127.0.0.1-9618>", node=node)
        schedd(cluster, proc, queue="1 undefined undefined undefined")
    node = node or os.path.basename(submit)[:-4]
    if lost(node): log = os.devnull
    limit = int(cmds.get("max_materialize", "2"))
    holds = [h for h in os.environ.get("FAKE_CONDOR_HOLD", "").split(",") if h]
    running, ok, queue, scratches = {}, True, list(range(len(items))), {}
    while queue or running:
        while queue and len(running) < min(limit, 2):
            proc = queue.pop(0)
            (item, files), marker = items[proc], os.path.join(HOME, "held", "%s:%s" % (node.split("_a")[0], items[proc][0]))
            if "%s:%s" % (node.split("_a")[0], item) in holds and not os.path.exists(marker):
                os.makedirs(os.path.dirname(marker), exist_ok=True); open(marker, "w").close()
                event(log, 12, cluster, proc, "Job was held.", ["Job has gone over memory limit of 1024 megabytes. Peak usage: 1800 megabytes.", "Code 34 Subcode 0"])
                schedd(cluster, proc, queue="5 34 0 Job has gone over memory limit of 1024 megabytes. Peak usage: 1800 megabytes.")
                running[proc] = None
                continue
            scratch = tempfile.mkdtemp(prefix="scratch-", dir=HOME) if transfer else None
            if transfer and not stage_in(cmds, scratch, cluster, proc, item, files):
                event(log, 12, cluster, proc, "Job was held.", ["Transfer input files failure", "Code 13 Subcode 2"])
                schedd(cluster, proc, queue="5 13 2 Transfer input files failure")
                running[proc] = None
                continue
            event(log, 1, cluster, proc, "Job executing on host: <127.0.0.1:9618?addrs=127.0.0.1-9618>")
            schedd(cluster, proc, queue="2 undefined undefined undefined")
            executable = expand(cmds["executable"], cluster, proc, item)
            executable = os.path.join(scratch, os.path.basename(executable)) if transfer else executable
            argv = [executable] + new_syntax(expand(cmds.get("arguments", '""'), cluster, proc, item), submit)
            out = open(expand(cmds.get("output", "/dev/null"), cluster, proc, item), "w")
            err = open(expand(cmds.get("error", "/dev/null"), cluster, proc, item), "w")
            running[proc] = subprocess.Popen(argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL, start_new_session=True,
                                             env=job_environment(cmds, submit, lambda v: expand(v, cluster, proc, item)), cwd=scratch)
            scratches[proc] = (scratch, item, files)
        time.sleep(0.1)
        for proc, p in list(running.items()):
            gone = removed(cluster, proc) or removed(dagman)
            if p is None:
                if gone:
                    event(log, 9, cluster, proc, "Job was aborted.", ["via condor_rm (by user %s)" % os.environ.get("USER", "root")])
                    schedd(cluster, proc, history="3 undefined false undefined")
                    del running[proc]; ok = False
                continue
            if gone and p.poll() is None:
                os.killpg(p.pid, signal.SIGKILL); p.wait()
                event(log, 9, cluster, proc, "Job was aborted.", ["via condor_rm (by user %s)" % os.environ.get("USER", "root")])
                schedd(cluster, proc, history="3 undefined false undefined")
                del running[proc]; ok = False
                continue
            rc = p.poll()
            if rc is None: continue
            del running[proc]
            scratch, item, files = scratches[proc]
            if scratch and not stage_out(cmds, scratch, cluster, proc, item, files):
                event(log, 12, cluster, proc, "Job was held.", ["Transfer output files failure", "Code 12 Subcode 2"])
                schedd(cluster, proc, queue="5 12 2 Transfer output files failure")
                running[proc] = None
                continue
            if rc < 0:
                event(log, 5, cluster, proc, "Job terminated.", ["(0) Abnormal termination (signal %d)" % -rc, "(0) No core file"])
                schedd(cluster, proc, history="4 undefined true %d" % -rc)
            else:
                event(log, 5, cluster, proc, "Job terminated.", ["(1) Normal termination (return value %d)" % rc])
                schedd(cluster, proc, history="4 %d false undefined" % rc)
            ok = ok and rc == 0
    return ok


def rescue_files(dag):
    return sorted(f for f in os.listdir(os.path.dirname(dag)) if re.match(re.escape(os.path.basename(dag)) + r"\.rescue\d{3}$", f))


def run_dag(dag, dagman):
    nodes, parents, retries, pres = read_dag(dag)
    done, failed = set(), set()
    rescues = rescue_files(dag)
    if rescues:  # like DAGMan: the highest-numbered rescue file marks nodes DONE
        for line in open(os.path.join(os.path.dirname(dag), rescues[-1])):
            w = line.split()
            if len(w) == 2 and w[0].upper() == "DONE" and w[1] in nodes: done.add(w[1])
    while len(done) + len(failed) < len(nodes):
        ready = [n for n in nodes if n not in done and n not in failed and all(p in done for p in parents.get(n, []))]
        blocked = [n for n in nodes if n not in done and n not in failed and any(p in failed for p in parents.get(n, []))]
        failed.update(blocked)  # never submitted: an ancestor failed
        if not ready: break
        for n in ready:
            if removed(dagman): failed.add(n); continue
            for attempt in range(retries.get(n, 0) + 1):
                pre = [os.path.join(os.path.dirname(dag), pres[n][0])] + pres[n][1:] if n in pres else None
                if pre and subprocess.run(pre, cwd=os.path.dirname(dag)).returncode != 0: continue
                if run_node(n, nodes[n], dagman): done.add(n); break
            else:
                failed.add(n)
    if failed:
        with open(dag + ".rescue%03d" % (len(rescue_files(dag)) + 1), "w") as f:
            f.write("# Rescue DAG file, created after running\n#   the %s DAG file\n" % os.path.basename(dag))
            f.write("".join("DONE %s\n" % n for n in nodes if n in done))
    event(dag + ".dagman.log", 5, dagman, 0, "Job terminated.", ["(1) Normal termination (return value %d)" % (1 if failed else 0)])
    os.remove(dagman_queue(dagman))  # DAGMan left the queue


def dagman_queue(cluster=None):
    """The DAGMan jobs in the queue, one file each holding its JobBatchName."""
    d = os.path.join(HOME, "dagmen")
    return d if cluster is None else os.path.join(d, str(cluster))


def submit_dag(args):
    batch = None
    if "-batch-name" in args:
        i = args.index("-batch-name"); batch = args[i + 1]; args = args[:i] + args[i + 2:]
    if len(args) != 1: fail("usage: condor_submit_dag [-batch-name NAME] file.dag")
    dag = os.path.abspath(args[0])
    nodes, _, _, pres = read_dag(dag)
    for sub in nodes.values(): read_submit(sub)
    dagman = next_cluster()
    # -batch-name sets JobBatchName on DAGMan itself (docs/man-pages/condor_submit_dag.rst:133-135);
    # without it DAGMan names the batch "<dag file>+<cluster>" (src/condor_dagman/dagman_classad.cpp:199-207)
    os.makedirs(dagman_queue(), exist_ok=True)
    with open(dagman_queue(dagman), "w") as f: f.write(batch or "%s+%d" % (os.path.basename(dag), dagman))
    event(dag + ".dagman.log", 0, dagman, 0, "Job submitted from host: <127.0.0.1:9618?addrs=127.0.0.1-9618>")
    subprocess.Popen([sys.executable, os.path.abspath(__file__), "run-dag", dag, str(dagman)], start_new_session=True,
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=open(dag + ".lib.err", "w"))
    print("Submitting job(s).\n1 job(s) submitted to cluster %d." % dagman)


def submit(args):
    args = [a for a in args if a not in ("-terse", "--terse")]
    if len(args) != 1: fail("usage: condor_submit -terse file.sub")
    sub = os.path.abspath(args[0])
    cmds, (var, items_file, second) = read_submit(sub)
    n, cluster = len(items_of(sub, items_file, second is not None)), next_cluster()
    subprocess.Popen([sys.executable, os.path.abspath(__file__), "run-cluster", sub, str(cluster)], start_new_session=True,
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=open(sub + ".err", "w"))
    print("%d.0 - %d.%d" % (cluster, cluster, n - 1))


def rm(args):
    d = os.path.join(HOME, "removed"); os.makedirs(d, exist_ok=True)
    for jid in args:
        if not re.match(r"^\d+(\.\d+)?$", jid): fail("unknown job id %s" % jid)
        open(os.path.join(d, jid), "w").close()
        print("Job %s marked for removal" % jid if "." in jid else "All jobs in cluster %s have been marked for removal" % jid)


CONSTRAINT = re.compile(r'^JobBatchName == "([^"\\]*)" && JobUniverse == 7$')


def dagmen_of_batch(args):
    """condor_q -constraint 'JobBatchName == "B" && JobUniverse == 7' -af ClusterId: the DAGMan
    jobs (scheduler universe, 7: src/condor_includes/condor_universe.h:38) of batch B still in
    the queue (-constraint: docs/man-pages/condor_q.rst:351), one cluster id a line."""
    m = CONSTRAINT.match(args[1]) if len(args) == 4 else None
    if not m or args[2:] != ["-af", "ClusterId"]:
        fail("this stand-in answers only condor_q -constraint 'JobBatchName == \"B\" && JobUniverse == 7' -af ClusterId")
    d = dagman_queue()
    for c in sorted(os.listdir(d), key=int) if os.path.isdir(d) else []:
        if not removed(int(c)) and open(os.path.join(d, c)).read() == m.group(1): print(c)


def query(kind, args):
    """condor_q / condor_history <cluster>... -af:j ATTR... [-limit N]: one line per job, id first."""
    if kind == "condor_q" and args[:1] == ["-constraint"]: return dagmen_of_batch(args)
    if "-af:j" not in args: fail("this stand-in answers only '%s <clusters> -af:j <attributes>'" % kind)
    i = args.index("-af:j")
    clusters, attrs = args[:i], [a for a in args[i + 1:]]
    limit = None
    if "-limit" in attrs:
        j = attrs.index("-limit"); limit = int(attrs[j + 1]); attrs = attrs[:j] + attrs[j + 2:]
    want = {"condor_q": ["JobStatus", "HoldReasonCode", "HoldReasonSubCode", "HoldReason"],
            "condor_history": ["JobStatus", "ExitCode", "ExitBySignal", "ExitSignal"]}[kind]
    if attrs != want: fail("this stand-in answers only -af:j %s" % " ".join(want))
    d = os.path.join(HOME, "queue" if kind == "condor_q" else "history")
    ids = sorted(os.listdir(d), key=lambda x: [int(n) for n in x.split(".")], reverse=kind == "condor_history") if os.path.isdir(d) else []
    ids = [x for x in ids if x.split(".")[0] in clusters and not x.endswith(".tmp")]
    for x in ids[:limit] if limit else ids:
        sys.stdout.write("%s %s" % (x, open(os.path.join(d, x)).read()))


if __name__ == "__main__":
    tool, args = os.path.basename(sys.argv[0]), sys.argv[1:]
    if args and args[0] == "run-dag": run_dag(args[1], int(args[2]))
    elif args and args[0] == "run-cluster": run_node(None, args[1], -1, int(args[2]))
    elif tool == "condor_submit_dag": submit_dag(args)
    elif tool == "condor_submit": submit(args)
    elif tool == "condor_rm": rm(args)
    elif tool in ("condor_q", "condor_history"): query(tool, args)
    else: fail("unknown tool %s" % tool)
