"""CPU seconds (user + system) of processes from /proc, for the PostgreSQL steps: the glossa
processes a step started, and a PostgreSQL cluster's postmaster with every backend. A backend that
has exited is counted too: the postmaster reaps it, and the kernel adds a reaped child's time to
its parent's cutime/cstime."""
import os

TICKS = os.sysconf('SC_CLK_TCK')


def _stat(pid):
    """The fields of /proc/PID/stat after the command name (which may hold spaces), or None."""
    try:
        text = open(f'/proc/{pid}/stat').read()
    except OSError:
        return None
    return text[text.rindex(')') + 2:].split()


# Indexes into the fields after the name: state is field 3 of stat(5), so field N is at N - 3.
PPID, UTIME, STIME, CUTIME, CSTIME = 4 - 3, 14 - 3, 15 - 3, 16 - 3, 17 - 3


def process_seconds(pid, children_reaped=False):
    f = _stat(pid)
    if f is None:
        return 0.0
    ticks = int(f[UTIME]) + int(f[STIME])
    if children_reaped:
        ticks += int(f[CUTIME]) + int(f[CSTIME])
    return ticks / TICKS


def processes_seconds(pids):
    return sum(process_seconds(pid) for pid in pids)


def postmaster_pid(data_dir):
    """The first line of postmaster.pid is the postmaster's process id."""
    return int(open(os.path.join(data_dir, 'postmaster.pid')).readline())


def cluster_seconds(data_dir):
    """The postmaster, its live children (backends, checkpointer, WAL writer...) and the children
    it has reaped."""
    root = postmaster_pid(data_dir)
    total = process_seconds(root, children_reaped=True)
    for entry in os.listdir('/proc'):
        if entry.isdigit():
            f = _stat(entry)
            if f is not None and int(f[PPID]) == root:
                total += (int(f[UTIME]) + int(f[STIME])) / TICKS
    return total
