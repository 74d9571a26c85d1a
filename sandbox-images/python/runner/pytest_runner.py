"""Student side of the test-writing kind for Python: runs the student's pytest files on the one
implementation in their directory, as the student, and prints what each test case did.

Usage: python3 -I -B pytest_runner.py <dir> <test_timeout_ms> <test file>...   (relative to <dir>)

Prints READY_MARK once pytest is imported, before any student code runs (a run without it is the
grader's failure), and the report as the last line, REPORT_MARK + JSON, in the shape of
harness/src/kinds/test-writing/runner-report.ts: {"files": [{"file", "error"?}], "cases":
[{"file", "name", "status": "passed" | "failed" | "skipped", "message"?}]}. Everything here runs in
the student's process: the harness trusts the report no more than the student's code.
"""
import json
import os
import signal
import sys

READY_MARK = "@@grader-runner-ready@@"
REPORT_MARK = "@@grader-runner-report@@"
# What the report keeps of a failure's message (the harness keeps less): a report of many failures
# stays far below the run's output limit.
MESSAGE_CHARS = 2000


class TestTookTooLong(Exception):
    """A test case ran longer than the exercise's test time: its failure, not the whole run's."""


class Collector:
    """A pytest plugin: each test file's collection error and each case's outcome over its phases."""

    def __init__(self, timeout_s):
        self.timeout_s = timeout_s
        self.files = {}
        self.cases = {}

    def pytest_collectreport(self, report):
        if report.failed:
            self.files[report.nodeid.split("::")[0]] = error_lines(report.longreprtext)

    def pytest_runtest_logreport(self, report):
        file, _, name = report.nodeid.partition("::")
        case = self.cases.setdefault(report.nodeid, {"file": file, "name": name, "status": "passed"})
        if getattr(report, "wasxfail", None) is not None or (report.skipped and case["status"] == "passed"):
            case["status"] = "skipped"
        if report.failed:
            case["status"] = "failed"
            case.setdefault("message", report.longreprtext[:MESSAGE_CHARS])

    def pytest_runtest_call(self, item):
        # A case that hangs (a mutant's endless loop) fails alone; the run goes on with the next.
        def too_long(signum, frame):
            raise TestTookTooLong(f"the test took longer than {self.timeout_s:g} s")

        signal.signal(signal.SIGALRM, too_long)
        signal.setitimer(signal.ITIMER_REAL, self.timeout_s)

    def pytest_runtest_teardown(self, item):
        signal.setitimer(signal.ITIMER_REAL, 0)

    def report(self):
        return {
            "files": [{"file": f, "error": e} for f, e in self.files.items()],
            "cases": list(self.cases.values()),
        }


def error_lines(text):
    """A collection error's own lines (pytest's "E" lines), without the import machinery's frames."""
    own = [line[4:] for line in text.splitlines() if line.startswith("E   ")]
    return "\n".join(own) if own else text


def main():
    directory, timeout_ms, *files = sys.argv[1:]
    import pytest

    sys.stdout.write(READY_MARK + "\n")
    sys.stdout.flush()
    collector = Collector(int(timeout_ms) / 1000)
    os.chdir(directory)
    args = ["-q", "--no-header", "--tb=short", "-p", "no:cacheprovider", "--continue-on-collection-errors", "-c", os.devnull, "--rootdir", directory, *files]
    pytest.main(args, plugins=[collector])
    sys.stdout.write("\n" + REPORT_MARK + json.dumps(collector.report()) + "\n")
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
