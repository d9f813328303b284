#!/usr/bin/env python3
"""Stand-ins for HTCondor's condor_submit_dag, condor_submit, condor_rm, condor_release, condor_q and
condor_history, for flow's tests only.

HTCondor has no Debian package, so flow's HTCondor executor is tested against these. They follow
shared/htcondor/FORMATS.md and HTCondor's source (htcondor/htcondor at 7491a145); each behaviour
cites the line it imitates. No kinder than the real programs:
- condor_submit_dag checks only the DAG; DAGMan reads a node's submit file when the node is due,
  retries a failed submission with doubling delays, then fails the node (Dagman.submit_node).
- the submit event's note has the form of the version imitated (FAKE_CONDOR_VERSION, default
  25.14.0; "DAG Node: x" before 25.11, a ClassAd after: submit_note).
- DAGMan removes the rest of a node's cluster when one proc fails unless the DAG's CONFIG file
  sets DAGMAN_REMOVE_JOB_LIST_ON_FAILURE = False; its environment is filtered (DAGMAN_GETENV)
  unless condor_submit_dag got -import_env / -include_env; it refuses a node log under /tmp; it
  writes the JOBSTATE_LOG, .dagman.out messages and a rescue DAG.
- late materialisation (max_materialize): procs appear as they are materialised, a removed
  factory writes event 036 and its other procs never exist.
- FAKE_CONDOR_HOLD="stage:task[:kind],..." holds those procs once, with HTCondor's codes and
  words (kind memory, disk, input, user, execute, output: hold_of); a held proc stays held until
  condor_release or condor_rm. Kind maxruntime removes the proc while it runs, as a CERN schedd
  removes a job past +MaxRuntime (cern_removal).
- with should_transfer_files = YES (not universe = local) a proc runs in a scratch directory:
  transfer_input_files copied in by name, transfer_output_files back through
  transfer_output_remaps, a missing file holds the job (codes 13 and 12).
- the schedd's view is kept in FAKE_CONDOR_HOME/queue and FAKE_CONDOR_HOME/history for condor_q
  and condor_history -af:j; a DAGMan job stays in FAKE_CONDOR_HOME/dagmen under its JobBatchName
  until its DAG ends, for condor_q -constraint. FAKE_CONDOR_LOSE_LOG="stage,..." writes only the
  submit records of those stages' procs to their event log, as a log on a broken filesystem.
- a terminate event carries the run's usage as HTCondor writes it (terminate_usage): CPU from the
  job's rusage, and a resource table whose memory usage is the largest of the summed RSS of the
  job's processes seen at snapshots every FAKE_CONDOR_SNAPSHOT_SECONDS (60 s by default, as
  condor_procd's; 0 when none was taken, as for a job shorter than that).
"""
import fcntl, fnmatch, json, os, re, shutil, signal, subprocess, sys, tempfile, threading, time
from datetime import datetime

HOME = os.environ.get("FAKE_CONDOR_HOME", "/tmp/fake-condor-%d" % os.getuid())
# the HTCondor version imitated: the submit event's note changed form in 25.11 (see submit_note)
VERSION = tuple(int(x) for x in os.environ.get("FAKE_CONDOR_VERSION", "25.14.0").split("."))
STRUCTURED_NOTES = VERSION >= (25, 11)
KNOWN = {"universe", "executable", "arguments", "output", "error", "log", "request_cpus", "request_memory",
         "request_disk", "request_gpus", "max_materialize", "max_idle", "should_transfer_files",
         "when_to_transfer_output", "transfer_input_files", "transfer_output_files", "transfer_output_remaps",
         "getenv", "environment", "notification", "notify_user", "accounting_group", "accounting_group_user",
         "x509userproxy", "use_x509userproxy", "initialdir", "batch_name", "priority", "requirements", "rank",
         "periodic_hold", "periodic_release", "periodic_remove", "on_exit_hold", "on_exit_remove", "container_image",
         "allowed_execute_duration", "allowed_job_duration", "success_exit_code"}


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
    # ON_SUCCESS needs success_exit_code (docs/man-pages/htcondor-jdl.rst:1319-1324)
    if cmds.get("when_to_transfer_output", "").upper() == "ON_SUCCESS" and "success_exit_code" not in cmds:
        fail("%s: when_to_transfer_output = ON_SUCCESS requires success_exit_code" % path)
    if queue is None: fail("%s: no queue statement" % path)
    if not os.path.isabs(cmds.get("log", "")): fail("%s: the event log must be an absolute path" % path)
    return cmds, queue


def read_dag(path):
    """The DAG as condor_submit_dag and DAGMan read it: JOB, PARENT/CHILD, RETRY, SCRIPT PRE, CONFIG,
    JOBSTATE_LOG, NODE_STATUS_FILE; anything else is refused. Node submit files are not read here."""
    nodes, parents, retries, pres, config, jobstate = {}, {}, {}, {}, None, None
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
        elif k == "CONFIG" and len(w) == 2: config = os.path.join(os.path.dirname(path), w[1])
        elif k == "JOBSTATE_LOG" and len(w) == 2: jobstate = w[1]
        elif k == "NODE_STATUS_FILE": pass
        else: fail("%s:%d: unknown DAG command: %s" % (path, n, raw.strip()))
    for child, ps in parents.items():
        for p in ps + [child]:
            if p not in nodes: fail("%s: PARENT/CHILD names an unknown node %s" % (path, p))
    for n in pres:
        if n not in nodes: fail("%s: SCRIPT PRE names an unknown node %s" % (path, n))
    return nodes, parents, retries, pres, config, jobstate


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
    return node is not None and stage_of(node) in [s for s in os.environ.get("FAKE_CONDOR_LOSE_LOG", "").split(",") if s]


def stage_of(node):
    """flow names a node <stage>_a<round>[...]; FAKE_* knobs name stages."""
    return re.sub(r"_a\d+(_m\d+t\d+)?$", "", node)


def stamp():
    return datetime.now().strftime("%Y-%m-%d %H:%M:%S")


def submit_note(node, batch):
    """The note of a submit event. From 25.11 the schedd writes DAGNodeName and JobBatchName as a
    ClassAd (src/condor_schedd.V6/schedd.cpp:5852-5866, unparsed in src/condor_utils/condor_event.cpp:1527-1545);
    before, DAGMan's submit_event_notes "DAG Node: <name>" (what dag.cpp:3290 still reads as a fallback)."""
    if STRUCTURED_NOTES:
        attrs = ([("DAGNodeName", node)] if node else []) + ([("JobBatchName", batch)] if batch else [])
        return "    [ %s ]" % "; ".join('%s = "%s"' % (k, v.replace("\\", "\\\\").replace('"', '\\"')) for k, v in attrs) if attrs else None
    return "    DAG Node: %s" % node if node else None


def event(log, code, cluster, proc, text, body=(), note=None):
    lines = ["%03d (%03d.%03d.000) %s %s" % (code, cluster, proc, stamp(), text)]
    if note: lines.append(note)
    lines += ["\t" + b for b in body]
    with open(log, "a") as f:
        f.write("\n".join(lines) + "\n...\n")


# condor_procd snapshots a job's processes at most every PROCD_MAX_SNAPSHOT_INTERVAL, 60 s by default
# (src/condor_utils/param_info.in); the tests that check memory set this lower, as a site may
SNAPSHOT_SECONDS = float(os.environ.get("FAKE_CONDOR_SNAPSHOT_SECONDS", "60"))
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def family_rss_kb(root):
    """Summed RSS of a job's process family, its process and every descendant (a descendant that started
    a session of its own too), as condor_procd tracks a family by ancestry and sums it
    (src/condor_procd/proc_family.cpp:752)."""
    parent, rss = {}, {}
    for pid in [int(d) for d in os.listdir("/proc") if d.isdigit()]:
        try:
            stat = open("/proc/%d/stat" % pid).read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()  # from field 3 (state): ppid is field 4, rss field 24
        parent[pid], rss[pid] = int(fields[1]), int(fields[21]) * PAGE_KB
    family, grew = {root}, True
    while grew:
        more = {pid for pid, pp in parent.items() if pp in family and pid not in family}
        family |= more
        grew = bool(more)
    return sum(rss.get(pid, 0) for pid in family)


def format_rusage(user, system):
    """ULogEvent::formatRusage, src/condor_utils/condor_event.cpp:3711-3735."""
    def dhms(t):
        t = int(t)
        return "%d %02d:%02d:%02d" % (t // 86400, t // 3600 % 24, t // 60 % 60, t % 60)
    return "Usr %s, Sys %s" % (dhms(user), dhms(system))


def megabytes(text, default):
    m = re.match(r"\s*(\d+)\s*([KMGT]?)", text or "", re.I)
    if not m: return default
    return int(m.group(1)) * {"K": 1.0 / 1024, "": 1, "M": 1, "G": 1024, "T": 1024 * 1024}[m.group(2).upper()]


def usage_table(rows):
    """formatUsageAd, src/condor_utils/condor_event.cpp:1118-1227: rows (label, usage, request, allocated) in
    the order of the resource names, columns right-aligned, integers padded to fractional usages."""
    fractional = any("." in r[1] for r in rows)
    rows = [(l, u + "   " if fractional and u and "." not in u else u, q, a) for l, u, q, a in rows]
    res, use = 12, max([8] + [len(r[1]) for r in rows])
    req, alloc = max([8] + [len(r[2]) for r in rows]), max(9, max(len(r[3]) for r in rows))
    lines = [("Partitionable Resources : %" + str(use) + "s %" + str(req) + "s %" + str(alloc) + "s %s") % ("Usage", "Request", "Allocated", "")]
    for l, u, q, a in rows:
        lines.append(("   %-" + str(res + 8) + "s : %" + str(use) + "s %" + str(req) + "s %" + str(alloc) + "s %s") % (l, u, q, a, ""))
    return lines


def terminate_usage(rusage, wall, peak_kb, cmds):
    """The body of a terminate event after its first lines: TerminatedEvent::formatBody,
    src/condor_utils/condor_event.cpp:2767-2792 (the run's usage is also the total of a first run)."""
    run = "\t" + format_rusage(rusage.ru_utime, rusage.ru_stime)
    none = "\t" + format_rusage(0, 0)
    lines = [run + "  -  Run Remote Usage", none + "  -  Run Local Usage", run + "  -  Total Remote Usage", none + "  -  Total Local Usage"]
    lines += ["0  -  %s Bytes %s By Job" % (a, b) for a in ("Run", "Total") for b in ("Sent", "Received")]
    cpus = cmds.get("request_cpus", "1")
    memory = int(megabytes(cmds.get("request_memory"), 128))
    disk = int(megabytes(cmds.get("request_disk"), 1024) * 1024)
    used_cpus = (rusage.ru_utime + rusage.ru_stime) / wall if wall > 0 else 0.0
    # MemoryUsage is ((ResidentSetSize + 1023) / 1024) of the largest snapshot (condor_shadow.V6.1/remoteresource.cpp:1385-1391)
    return lines + usage_table([("Cpus", "%.2f" % used_cpus, cpus, cpus), ("Disk (KB)", "1", str(disk), str(disk)),
                                ("Memory (MB)", str((peak_kb + 1023) // 1024), str(memory), str(memory))])


def removal_reason(cluster, proc=None):
    """Why a job was removed, or None: condor_rm of the job or its cluster (the marker holds the reason)."""
    d = os.path.join(HOME, "removed")
    for name in ([] if proc is None else ["%d.%d" % (cluster, proc)]) + [str(cluster)]:
        path = os.path.join(d, name)
        if os.path.exists(path):
            return open(path).read().strip() or "via condor_rm (by user %s)" % os.environ.get("USER", "root")
    return None


def removed(cluster, proc=None):
    return removal_reason(cluster, proc) is not None


def mark_removed(job_id, reason):
    d = os.path.join(HOME, "removed"); os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, job_id), "w") as f: f.write(reason)


def released(cluster, proc):
    path = os.path.join(HOME, "released", "%d.%d" % (cluster, proc))
    if os.path.exists(path):
        os.remove(path)
        return True
    return False


# DAGMan's own environment: condor_submit_dag gives it getenv of this list only
# (src/condor_utils/dagman_utils.cpp:119), plus -include_env names (:126-129); -import_env copies the
# whole environment into its 'environment' command instead (docs/man-pages/condor_submit_dag.rst:169-171).
DAGMAN_GETENV = "CONDOR_CONFIG,_CONDOR_*,PATH,PYTHONPATH,PERL*,PEGASUS_*,TZ,HOME,USER,LANG,LC_ALL,ASAN_OPTIONS,LSAN_OPTIONS,BEARER_TOKEN,BEARER_TOKEN_FILE"


def getenv_filter(env, names):
    """getenv = <names>: the variables matching any name (globs with *), as condor_submit takes them."""
    pats = [n.strip() for n in names.split(",") if n.strip()]
    return {k: v for k, v in env.items() if any(fnmatch.fnmatchcase(k, p) for p in pats)}


def job_environment(cmds, where, expanded, submitter_env):
    """A job's environment: getenv = true takes the submitter's (for a DAG node: DAGMan's), getenv = <names>
    those variables of it, else a minimal one; then 'environment'."""
    getenv = cmds.get("getenv", "false").strip()
    if getenv.lower() in ("true", "*"):
        env = dict(submitter_env)
    elif getenv.lower() in ("false", ""):
        env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": submitter_env.get("HOME", "/")}
    else:
        env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": submitter_env.get("HOME", "/")}
        env.update(getenv_filter(submitter_env, getenv))
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
    """The items; with one variable, the whole trimmed line (commas included); with two, (first, rest of
    the line) pairs split at the first comma or blank: the last variable takes the rest
    (SubmitForeachArgs::split_item, src/condor_utils/submit_utils.cpp: the first value is the whole
    item until it is split for a further column)."""
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
    """Copies transfer_output_files back, through transfer_output_remaps; False if a listed one is missing
    (HTCondor then holds the job: code 12)."""
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


def format_time_short(secs):
    """src/condor_utils/format_time.cpp:99: ddd+hh:mm:ss without leading zeros, spaces and '+'."""
    d, rest = divmod(int(secs), 86400)
    h, rest = divmod(rest, 3600)
    m, s = divmod(rest, 60)
    text = "%3d+%02d:%02d:%02d" % (d, h, m, s)
    i = 0
    while i < len(text) and text[i] in " 0+":
        i += 1
    if i < len(text) and text[i] == ":": i += 1
    return text[i:]


def hold_of(kind, cmds):
    """(reason, code, subcode, executed first) of a hold FAKE_CONDOR_HOLD asks for, as HTCondor words it."""
    mb = re.match(r"\d+", cmds.get("request_memory", "1024"))
    if kind == "memory":  # src/condor_starter.V6.1/vanilla_proc.cpp:993-1005 (code 34 JobOutOfResources, subcode 102 Memory)
        return ("Job has gone over cgroup memory limit of %s megabytes. Last measured usage: %d megabytes.  Consider "
                "resubmitting with a higher request_memory." % (mb.group(0), int(mb.group(0)) + 800), 34, 102, True)
    if kind == "disk":  # src/condor_starter.V6.1/starter.cpp:4391-4396 (subcode 104 Disk)
        return "Job has exceeded allocated disk (1 GB). Consider increasing the value of request_disk.", 34, 104, True
    if kind == "input":  # TransferInputError, src/condor_utils/condor_holdcodes.h:98
        return "Transfer input files failure at access point while sending files to the execution point. Details: reading from file: (errno 2) No such file or directory", 13, 2, False
    if kind == "user":  # condor_hold: UserRequest, condor_holdcodes.h:53
        return "via condor_hold (by user %s)" % os.environ.get("USER", "root"), 1, 0, False
    if kind == "execute":  # allowed_execute_duration: src/condor_utils/user_job_policy.cpp:306-309, 628-631 (code 47)
        return "The job exceeded allowed execute duration of %s" % format_time_short(int(cmds.get("allowed_execute_duration", "60"))), 47, 0, True
    if kind == "output":  # TransferOutputError, condor_holdcodes.h:93: after the job ended on its own
        return "Transfer output files failure at access point while receiving files from the execution point", 12, 0, True
    fail("FAKE_CONDOR_HOLD: unknown kind %s" % kind)


def cern_removal():
    """A CERN schedd removes a job past its +MaxRuntime (FORMATS.md §2.9) through its SYSTEM_PERIODIC_REMOVE; the
    reason is worded by src/condor_utils/user_job_policy.cpp:653-676 ("The system macro SYSTEM_PERIODIC_REMOVE
    expression '...' evaluated to TRUE"); the expression is the site's, this one an example."""
    return ("The system macro SYSTEM_PERIODIC_REMOVE expression '(JobStatus == 2) && (time() - EnteredCurrentStatus > MaxRuntime)' "
            "evaluated to TRUE")


def requested(node):
    """FAKE_CONDOR_HOLD="stage:task[:kind],..." by (stage, task) → kind (memory by default)."""
    asked = {}
    for h in [h for h in os.environ.get("FAKE_CONDOR_HOLD", "").split(",") if h]:
        f = h.split(":")
        asked[(f[0], f[1])] = f[2] if len(f) > 2 else "memory"
    return asked


JOBSTATE_NAMES = {0: "SUBMIT", 1: "EXECUTE", 5: "JOB_TERMINATED", 9: "JOB_ABORTED", 12: "JOB_HELD", 13: "JOB_RELEASED", 36: "CLUSTER_REMOVE"}


class Cluster:
    """One cluster as the schedd runs it: procs materialised up to max_materialize at a time (each gets its
    000 event then), two slots, holds on request, condor_rm / condor_release obeyed, each event written to
    the submit file's log and handed to DAGMan (on_event) when a DAG node owns it."""

    def __init__(self, submit, cluster, node=None, batch=None, env=None, on_event=None):
        self.cmds, (var, items_file, second) = read_submit(submit)
        self.cmds["__submit"] = os.path.abspath(submit)
        self.items = items_of(submit, items_file, second is not None)
        self.cluster, self.node, self.batch, self.on_event = cluster, node, batch, on_event
        self.env = env if env is not None else dict(os.environ)
        self.submit = submit
        self.name = node or os.path.basename(submit)[:-4]
        self.log = expand(self.cmds["log"], cluster, 0, "")
        self.lost = lost(self.name)
        self.factory = "max_materialize" in self.cmds
        self.limit = int(self.cmds.get("max_materialize", "0")) or len(self.items)
        self.transfer = self.cmds.get("should_transfer_files", "NO").upper() == "YES" and self.cmds.get("universe", "vanilla") != "local"
        self.asked = requested(self.name)
        self.materialized, self.state, self.procs, self.ends, self.after_run, self.runs = 0, {}, {}, {}, {}, {}
        self.sibling_reason = None

    def write(self, code, proc, text, body=(), note=None):
        event(os.devnull if self.lost and code != 0 else self.log, code, self.cluster, proc, text, body, note)
        if self.on_event: self.on_event(code, self.cluster, proc, text, body, note)

    def materialize(self):
        live = sum(1 for p, s in self.state.items() if s not in ("done", "removed"))
        while self.materialized < len(self.items) and live < self.limit:
            proc = self.materialized
            self.write(0, proc, "Job submitted from host: <127.0.0.1:9618?addrs=127.0.0.1-9618>", note=submit_note(self.node, self.batch))
            schedd(self.cluster, proc, queue="1 undefined undefined undefined")
            self.state[proc] = "idle"
            self.materialized += 1
            live += 1

    def start(self, proc):
        item, files = self.items[proc]
        key, marker = (stage_of(self.name), item), os.path.join(HOME, "held", "%s:%s" % (stage_of(self.name), item))
        kind = self.asked.get(key)
        if kind == "output":
            self.after_run[proc] = (kind, marker)  # happens once the job ran
            kind = None
        if kind == "maxruntime" and not os.path.exists(marker):
            os.makedirs(os.path.dirname(marker), exist_ok=True); open(marker, "w").close()
            self.write(1, proc, "Job executing on host: <127.0.0.1:9618?addrs=127.0.0.1-9618>")
            self.write(9, proc, "Job was aborted.", [cern_removal()])  # killed while it ran
            schedd(self.cluster, proc, history="3 undefined false undefined")
            self.state[proc], self.ends[proc] = "removed", None
            return
        if kind and kind != "maxruntime" and not os.path.exists(marker):
            os.makedirs(os.path.dirname(marker), exist_ok=True); open(marker, "w").close()
            reason, code, subcode, executed = hold_of(kind, self.cmds)
            if executed: self.write(1, proc, "Job executing on host: <127.0.0.1:9618?addrs=127.0.0.1-9618>")
            self.hold(proc, reason, code, subcode)
            return
        scratch = tempfile.mkdtemp(prefix="scratch-", dir=HOME) if self.transfer else None
        if self.transfer and not stage_in(self.cmds, scratch, self.cluster, proc, item, files):
            self.hold(proc, "Transfer input files failure", 13, 2)
            return
        self.write(1, proc, "Job executing on host: <127.0.0.1:9618?addrs=127.0.0.1-9618>")
        schedd(self.cluster, proc, queue="2 undefined undefined undefined")
        c = lambda v: expand(v, self.cluster, proc, item)
        executable = c(self.cmds["executable"])
        executable = os.path.join(scratch, os.path.basename(executable)) if self.transfer else executable
        argv = [executable] + new_syntax(c(self.cmds.get("arguments", '""')), self.submit)
        out = open(c(self.cmds.get("output", "/dev/null")), "w")
        err = open(c(self.cmds.get("error", "/dev/null")), "w")
        self.procs[proc] = (subprocess.Popen(argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL, start_new_session=True,
                                             env=job_environment(self.cmds, self.submit, c, self.env), cwd=scratch), scratch, item, files)
        self.state[proc] = "running"
        self.runs[proc] = {"start": time.time(), "snapshot": time.time(), "peak_kb": 0, "rusage": None}

    def snapshot(self, proc):
        """The procd's periodic snapshot of a running job's processes (see SNAPSHOT_SECONDS)."""
        run = self.runs[proc]
        if time.time() - run["snapshot"] >= SNAPSHOT_SECONDS:
            run["snapshot"] = time.time()
            run["peak_kb"] = max(run["peak_kb"], family_rss_kb(self.procs[proc][0].pid))

    def reaped(self, proc):
        """Whether the job's process ended; its rusage is kept for the terminate event (the starter's wait4)."""
        p = self.procs[proc][0]
        pid, status, rusage = os.wait4(p.pid, os.WNOHANG)
        if pid == 0: return False
        p.returncode = os.waitstatus_to_exitcode(status)
        self.runs[proc]["rusage"] = rusage
        return True

    def hold(self, proc, reason, code, subcode):
        self.write(12, proc, "Job was held.", [reason, "Code %d Subcode %d" % (code, subcode)])
        schedd(self.cluster, proc, queue="5 %d %d %s" % (code, subcode, reason))
        self.state[proc] = "held"

    def abort(self, proc, reason):
        if proc in self.procs:
            p = self.procs.pop(proc)[0]
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGKILL)
            p.wait()
        self.write(9, proc, "Job was aborted.", [reason])
        schedd(self.cluster, proc, history="3 undefined false undefined")
        self.state[proc] = "removed"
        self.ends[proc] = None

    def finish(self, proc):
        p, scratch, item, files = self.procs.pop(proc)
        rc = p.returncode
        kind, marker = self.after_run.pop(proc, (None, None))
        if kind and not os.path.exists(marker):
            os.makedirs(os.path.dirname(marker), exist_ok=True); open(marker, "w").close()
            self.hold(proc, *hold_of(kind, self.cmds)[:3])
            return
        on_success = self.cmds.get("when_to_transfer_output", "ON_EXIT").upper() == "ON_SUCCESS"
        sent_back = not on_success or rc == int(self.cmds.get("success_exit_code", "0"))
        if scratch and sent_back and not stage_out(self.cmds, scratch, self.cluster, proc, item, files):
            self.hold(proc, "Transfer output files failure", 12, 2)
            return
        run = self.runs.pop(proc)
        usage = terminate_usage(run["rusage"], time.time() - run["start"], run["peak_kb"], self.cmds)
        if rc < 0:
            self.write(5, proc, "Job terminated.", ["(0) Abnormal termination (signal %d)" % -rc, "(0) No core file"] + usage)
            schedd(self.cluster, proc, history="4 undefined true %d" % -rc)
        else:
            self.write(5, proc, "Job terminated.", ["(1) Normal termination (return value %d)" % rc] + usage)
            schedd(self.cluster, proc, history="4 %d false undefined" % rc)
        self.state[proc] = "done"
        self.ends[proc] = rc

    def remove_all(self, reason):
        """condor_rm of the cluster, by DAGMan or the schedd: every live proc aborted; a factory that had
        not materialised all its items says so in event 036 (src/condor_schedd.V6/schedd.cpp:6250-6260,
        src/condor_utils/condor_event.cpp:5589-5606) and its other procs never exist."""
        for proc, s in list(self.state.items()):
            if s not in ("done", "removed"): self.abort(proc, reason)
        if self.factory:
            complete = self.materialized == len(self.items)
            self.write(36, -1, "Cluster removed", ["Materialized %d jobs from %d items.\t%s" % (self.materialized, len(self.items),
                                                                                              "Complete" if complete else "Incomplete")])
        self.materialized = len(self.items)
        self.gone = True

    def run(self, dagman=None):
        """Runs to the end; returns {proc: return value, or None if it did not terminate normally}."""
        self.gone = False
        while not self.gone:
            self.materialize()
            if all(s in ("done", "removed") for s in self.state.values()) and self.materialized == len(self.items):
                if self.factory: self.write(36, -1, "Cluster removed", ["Materialized %d jobs from %d items.\tComplete" % (self.materialized, len(self.items))])
                break
            whole = removal_reason(self.cluster) or (dagman_removal(dagman) if dagman else None) or self.sibling_reason
            if whole:
                self.remove_all(whole)
                break
            for proc, s in list(self.state.items()):
                why = removal_reason(self.cluster, proc)
                if why and s not in ("done", "removed"): self.abort(proc, why); continue
                if s == "held" and released(self.cluster, proc):
                    self.write(13, proc, "Job was released.", ["via condor_release (by user %s)" % os.environ.get("USER", "root")])
                    schedd(self.cluster, proc, queue="1 undefined undefined undefined")
                    self.state[proc] = "idle"
                elif s == "running" and self.reaped(proc):
                    self.finish(proc)
                elif s == "running":
                    self.snapshot(proc)
            running = sum(1 for s in self.state.values() if s == "running")
            for proc in sorted(p for p, s in self.state.items() if s == "idle"):
                if running >= 2: break
                self.start(proc); running += 1
            time.sleep(0.1)
        return self.ends


def dagman_removal(dagman):
    """Jobs of a DAG are removed with DAGMan: src/condor_schedd.V6/schedd.cpp:8219-8223 words it."""
    if dagman is None or not removed(dagman): return None
    return "removed because <OtherJobRemoveRequirements = DAGManJobId =?= %d> fired when job (%d.0) was removed" % (dagman, dagman)


def rescue_files(dag):
    return sorted(f for f in os.listdir(os.path.dirname(dag)) if re.match(re.escape(os.path.basename(dag)) + r"\.rescue\d{3}$", f))


def dag_config(dag_config_file):
    """The DAG's CONFIG file (NAME = value lines), then _CONDOR_<NAME> in DAGMan's environment, which wins
    (docs/admin-manual/introduction-to-configuration.rst: environment variables override files)."""
    conf = {}
    if dag_config_file and os.path.exists(dag_config_file):
        for line in open(dag_config_file):
            m = re.match(r"^\s*([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*?)\s*$", line)
            if m and not line.lstrip().startswith("#"): conf[m.group(1).upper()] = m.group(2)
    for k, v in os.environ.items():
        if k.upper().startswith("_CONDOR_"): conf[k[8:].upper()] = v
    return conf


def boolean(value):
    return str(value).strip().lower() in ("true", "1", "yes")


class Dagman:
    """condor_dagman for the DAGs flow writes: nodes submitted when their parents are done (each in a thread,
    as DAGMan keeps many clusters in flight), node submit files parsed only then, PRE scripts, RETRY, a node
    failed by its first failed proc, the rest of its cluster removed unless DAGMAN_REMOVE_JOB_LIST_ON_FAILURE
    is False (src/condor_dagman/dag.cpp:700-716, 785-800; default True, dagman_main.cpp:315; the knob exists
    from 24.8.1, docs/version-history/v24-version.hist), descendants of a failed node never submitted, a
    rescue DAG, the JOBSTATE_LOG (src/condor_dagman/jobstate_log.h:36-42) and .dagman.out messages."""

    def __init__(self, dag, cluster, batch):
        self.dag, self.cluster, self.batch = dag, cluster, batch
        self.nodes, self.parents, self.retries, self.pres, self.config_file, self.jobstate = read_dag(dag)
        self.conf = dag_config(self.config_file)
        self.env = json.load(open(dagman_queue(cluster) + ".env"))
        self.lock = threading.Lock()
        self.seq, self.clusters = {}, {}
        self.out = dag + ".dagman.out"

    def say(self, text):
        with self.lock, open(self.out, "a") as f:
            f.write("%s %s\n" % (datetime.now().strftime("%m/%d/%y %H:%M:%S"), text))

    def jobstate_line(self, node, name, cid):
        if not self.jobstate: return
        with self.lock, open(os.path.join(os.path.dirname(self.dag), self.jobstate), "a") as f:
            f.write("%d %s %s %s - - %d\n" % (time.time(), node, name, cid, self.seq.get(node, 1)))

    def internal(self, text):
        if not self.jobstate: return
        with self.lock, open(os.path.join(os.path.dirname(self.dag), self.jobstate), "a") as f:
            f.write("%d INTERNAL *** %s ***\n" % (time.time(), text))

    def finish(self, code, done, failed):
        if code != 0 or failed:
            with open(self.dag + ".rescue%03d" % (len(rescue_files(self.dag)) + 1), "w") as f:
                f.write("# Rescue DAG file, created after running\n#   the %s DAG file\n" % os.path.basename(self.dag))
                f.write("".join("DONE %s\n" % n for n in self.nodes if n in done))
        self.internal("DAGMAN_FINISHED %d" % code)
        why = removal_reason(self.cluster)
        if why:
            event(self.dag + ".dagman.log", 9, self.cluster, 0, "Job was aborted.", [why])
        else:
            event(self.dag + ".dagman.log", 5, self.cluster, 0, "Job terminated.", ["(1) Normal termination (return value %d)" % code])
        for f in (dagman_queue(self.cluster), dagman_queue(self.cluster) + ".env"):
            os.remove(f)  # DAGMan left the queue

    def run(self):
        self.internal("DAGMAN_STARTED %d.0" % self.cluster)
        strict = int(self.conf.get("DAGMAN_USE_STRICT", "1"))
        nodes_log = self.dag + ".nodes.log"
        # the default node log may not be in /tmp: src/condor_dagman/dagman_main.cpp:1357-1363, fatal at the
        # default strictness (debug.cpp:254-261, DAG_STRICT_1 default dagman_main.cpp:54)
        if boolean(self.conf.get("DAGMAN_AVOID_SLASH_TMP", "true")) and nodes_log.startswith("/tmp") and strict >= 1:
            self.say("Warning: default node log file %s is in /tmp" % nodes_log)
            self.say("ERROR: Warning is fatal error because of DAGMAN_USE_STRICT setting")
            return self.finish(1, set(), set(self.nodes))
        self.nodes_log = nodes_log
        done, failed, started, threads = set(), set(), set(), []
        rescues = rescue_files(self.dag)
        if rescues:  # the highest-numbered rescue file marks nodes DONE
            for line in open(os.path.join(os.path.dirname(self.dag), rescues[-1])):
                w = line.split()
                if len(w) == 2 and w[0].upper() == "DONE" and w[1] in self.nodes: done.add(w[1])
        results = {}
        while True:
            with self.lock:
                finished = dict(results)
            for n, ok in finished.items():
                (done if ok else failed).add(n)
            futile = {n for n in self.nodes if n not in done | failed | started and self.has_failed_ancestor(n, failed)}
            failed |= futile
            ready = [n for n in self.nodes if n not in done | failed | started and all(p in done for p in self.parents.get(n, []))]
            if removed(self.cluster): ready = []
            # no new node while the DAG's idle procs reach DAGMAN_MAX_JOBS_IDLE (default 1000, 0 = no limit; procs
            # counted one by one: docs/admin-manual/configuration/dagman.rst:218-232)
            max_idle = int(self.conf.get("DAGMAN_MAX_JOBS_IDLE", "1000"))
            if max_idle > 0 and sum(1 for c in list(self.clusters.values()) for st in list(c.state.values()) if st == "idle") >= max_idle:
                ready = []
            for n in ready:
                started.add(n)
                t = threading.Thread(target=lambda n=n: results.__setitem__(n, self.run_node(n)))
                t.start(); threads.append(t)
            if all(not t.is_alive() for t in threads) and not ready and len(finished) == len([t for t in threads]):
                break
            time.sleep(0.1)
        for n in self.nodes:
            if n not in done and n not in failed: failed.add(n)
        self.finish(1 if failed else 0, done, failed)

    def has_failed_ancestor(self, n, failed):
        return any(p in failed or self.has_failed_ancestor(p, failed) for p in self.parents.get(n, []))

    def run_node(self, n):
        for attempt in range(self.retries.get(n, 0) + 1):
            self.seq[n] = self.seq.get(n, 0) + 1
            if n in self.pres:
                self.jobstate_line(n, "PRE_SCRIPT_STARTED", "-")
                rc = subprocess.run([os.path.join(os.path.dirname(self.dag), self.pres[n][0])] + self.pres[n][1:],
                                    cwd=os.path.dirname(self.dag), env=self.env).returncode
                if rc != 0:
                    self.jobstate_line(n, "PRE_SCRIPT_FAILURE", "-")
                    self.say("PRE Script of Node %s failed with status %d" % (n, rc))  # dag.cpp:1692-1694
                    continue
                self.jobstate_line(n, "PRE_SCRIPT_SUCCESS", "-")
            cluster = self.submit_node(n)
            if cluster is None: return False  # submit failures short-cut the retries (dag.cpp:3671-3677)
            if self.run_cluster(n, cluster): return True
        return False

    def submit_node(self, n):
        """Node submit files are read only now, when the node is due (src/condor_dagman/dagman_submit.cpp:520-548);
        a failed submission is tried DAGMAN_MAX_SUBMIT_ATTEMPTS times (default 6, dagman_main.cpp:155) with
        delays doubling from 1 s (dag.cpp:3654-3657, 3707)."""
        attempts = max(1, min(16, int(self.conf.get("DAGMAN_MAX_SUBMIT_ATTEMPTS", "6"))))
        delay = 1
        for attempt in range(1, attempts + 1):
            self.say("Submitting node %s from file %s using direct job submission" % (n, os.path.basename(self.nodes[n])))
            problem = submit_problem(self.nodes[n])
            if problem is None:
                return next_cluster()
            self.jobstate_line(n, "SUBMIT_FAILURE", "-")
            self.say(problem)
            if attempt < attempts:
                self.say("Job submit try %d/%d failed, will try again in >= %d second%s." % (attempt, attempts, delay, "" if delay == 1 else "s"))
                time.sleep(delay); delay *= 2
        self.say("Node submit failed after %d tr%s." % (attempts, "y" if attempts == 1 else "ies"))
        return None

    def run_cluster(self, n, cluster):
        failures = [0]
        remove_on_failure = boolean(self.conf.get("DAGMAN_REMOVE_JOB_LIST_ON_FAILURE", "true")) or VERSION < (24, 8, 1)
        tolerance = int(self.conf.get("DAGMAN_NODE_JOB_FAILURE_TOLERANCE", "0")) if VERSION >= (24, 8, 1) else 0
        holder = {}

        def on_event(code, cl, proc, text, body, note):
            event(self.nodes_log, code, cl, proc, text, body, note)
            if code in JOBSTATE_NAMES:
                self.jobstate_line(n, JOBSTATE_NAMES[code], "%d.%d" % (cl, proc) if proc >= 0 else "%d.-1" % cl)
            failed_end = code == 9 or (code == 5 and not any("(return value 0)" in b for b in body))
            if failed_end and not holder["c"].sibling_reason:
                failures[0] += 1
                if failures[0] > tolerance and remove_on_failure:
                    holder["c"].sibling_reason = ("Node Error: DAG node %s (%d.%d.0) got ULOG_JOB_ABORTED event." % (n, cl, proc) if code == 9
                                                 else "Node Error: DAG node %s (%d.%d.0) reached failure tolerance after %d failures." % (n, cl, proc, failures[0]))
        c = Cluster(self.nodes[n], cluster, node=n, batch=self.batch, env=self.env, on_event=on_event)
        holder["c"] = self.clusters[n] = c
        ends = c.run(self.cluster)
        ok = len(ends) == len(c.items) and all(rc == 0 for rc in ends.values())
        first = next((rc for rc in ends.values() if rc != 0), 0)
        self.jobstate_line(n, "JOB_SUCCESS" if ok else "JOB_FAILURE", "0" if ok else str(-1002 if first is None else first))
        return ok


def submit_problem(submit):
    """What condor_submit would say of a submit file, or None."""
    r = subprocess.run([sys.executable, os.path.abspath(__file__), "check-submit", submit], capture_output=True, text=True)
    return None if r.returncode == 0 else r.stderr.strip()


def dagman_queue(cluster=None):
    """The DAGMan jobs in the queue, one file each holding its JobBatchName."""
    d = os.path.join(HOME, "dagmen")
    return d if cluster is None else os.path.join(d, str(cluster))


def submit_dag(args):
    batch, include, import_env = None, "", False
    if "-batch-name" in args:
        i = args.index("-batch-name"); batch = args[i + 1]; args = args[:i] + args[i + 2:]
    if "-include_env" in args:
        i = args.index("-include_env"); include = args[i + 1]; args = args[:i] + args[i + 2:]
    if "-import_env" in args:
        import_env = True; args.remove("-import_env")
    if len(args) != 1: fail("usage: condor_submit_dag [-batch-name NAME] [-import_env] [-include_env A,B] file.dag")
    dag = os.path.abspath(args[0])
    read_dag(dag)  # the DAG's syntax only: its nodes' submit files are read when each node is submitted
    dagman = next_cluster()
    # -batch-name sets JobBatchName on DAGMan itself (docs/man-pages/condor_submit_dag.rst:133-135);
    # without it DAGMan names the batch "<dag file>+<cluster>" (src/condor_dagman/dagman_classad.cpp:199-207)
    os.makedirs(dagman_queue(), exist_ok=True)
    env = getenv_filter(os.environ, DAGMAN_GETENV + ("," + include if include else ""))
    if import_env: env.update(os.environ)
    with open(dagman_queue(dagman) + ".env", "w") as f: json.dump(env, f)
    batch = batch or "%s+%d" % (os.path.basename(dag), dagman)
    with open(dagman_queue(dagman), "w") as f: f.write(batch)
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
    reason = "via condor_rm (by user %s)" % os.environ.get("USER", "root")
    for jid in args:
        if not re.match(r"^\d+(\.\d+)?$", jid): fail("unknown job id %s" % jid)
        mark_removed(jid, reason)
        print("Job %s marked for removal" % jid if "." in jid else "All jobs in cluster %s have been marked for removal" % jid)


def release(args):
    """condor_release C.P: a held job goes back to idle (event 013)."""
    d = os.path.join(HOME, "released"); os.makedirs(d, exist_ok=True)
    for jid in args:
        if not re.match(r"^\d+\.\d+$", jid): fail("this stand-in releases only cluster.proc ids, not %s" % jid)
        open(os.path.join(d, jid), "w").close()
        print("Job %s released" % jid)


CONSTRAINT = re.compile(r'^JobBatchName == "([^"\\]*)" && JobUniverse == 7$')


def dagmen_of_batch(args):
    """condor_q -constraint 'JobBatchName == "B" && JobUniverse == 7' -af ClusterId: the DAGMan
    jobs (scheduler universe, 7: src/condor_includes/condor_universe.h:38) of batch B still in
    the queue (-constraint: docs/man-pages/condor_q.rst:351), one cluster id a line."""
    m = CONSTRAINT.match(args[1]) if len(args) == 4 else None
    if not m or args[2:] != ["-af", "ClusterId"]:
        fail("this stand-in answers only condor_q -constraint 'JobBatchName == \"B\" && JobUniverse == 7' -af ClusterId")
    d = dagman_queue()
    for c in sorted((c for c in os.listdir(d) if c.isdigit()), key=int) if os.path.isdir(d) else []:
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
    # each argument is a cluster or a cluster.proc (docs/man-pages/condor_history.rst); -limit counts
    # the jobs listed, newest first, whichever were asked for
    ids = [x for x in ids if (x.split(".")[0] in clusters or x in clusters) and not x.endswith(".tmp")]
    for x in ids[:limit] if limit else ids:
        sys.stdout.write("%s %s" % (x, open(os.path.join(d, x)).read()))


if __name__ == "__main__":
    tool, args = os.path.basename(sys.argv[0]), sys.argv[1:]
    if args and args[0] == "run-dag":
        dag_cluster = int(args[2])
        Dagman(args[1], dag_cluster, open(dagman_queue(dag_cluster)).read()).run()
    elif args and args[0] == "run-cluster": Cluster(args[1], int(args[2])).run()
    elif args and args[0] == "check-submit": read_submit(args[1])
    elif tool == "condor_submit_dag": submit_dag(args)
    elif tool == "condor_submit": submit(args)
    elif tool == "condor_rm": rm(args)
    elif tool == "condor_release": release(args)
    elif tool in ("condor_q", "condor_history"): query(tool, args)
    else: fail("unknown tool %s" % tool)
