"""Shared helpers of the peer scripts (standard library only)."""
import json, os, sys, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))


def rss_mib(field='VmRSS'):
    """Resident (VmRSS) or peak resident (VmHWM) memory of this process, MiB."""
    for line in open('/proc/self/status'):
        if line.startswith(field + ':'):
            return round(int(line.split()[1]) / 1024, 1)
    return None


def summary(ms):
    """Median, p90, p99, mean of millisecond samples (nearest rank, as glossa-bench)."""
    if not ms:
        return {'n': 0}
    s = sorted(ms)

    def pct(p):
        k = max(0, min(len(s) - 1, -(-p * len(s) // 100) - 1))
        return round(s[int(k)], 3)
    return {'n': len(s), 'median_ms': pct(50), 'p90_ms': pct(90), 'p99_ms': pct(99),
            'mean_ms': round(sum(s) / len(s), 3), 'max_ms': round(s[-1], 3)}


def load_queries(path, n=None):
    qs = [json.loads(line) for line in open(path, encoding='utf-8') if line.strip()]
    return qs[:n] if n else qs


def now():
    return time.perf_counter()
