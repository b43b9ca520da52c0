"""Run one hostile input through govreport in this fresh process; print what happened as JSON.

Usage: python -m tests.benchmarks.hostile CASE FILE. The peak memory is the kernel's high-water
mark of this process's resident set (VmHWM in /proc/self/status), so Pillow's and zlib's C
allocations count, which tracemalloc would miss. (The rusage of a child is no good here: Linux
carries the parent's peak over into a child it forks and executes.)
"""

import json
import os
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govreport.settings")
django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.utils.html import strip_tags  # noqa: E402

from reports import attachments, images  # noqa: E402
from reports.admin import preview  # noqa: E402
from reports.errors import GovreportError  # noqa: E402
from tests.mediafiles import upload  # noqa: E402


def _preview(data):
    request = RequestFactory().post("/admin/reports/markdown-preview/", {"content": data.decode()})
    request.user = User(username="staff", is_staff=True, is_active=True)
    response = preview.markdown_preview(request)
    if response.status_code == 400:
        raise GovreportError(
            f"HTTP 400: {strip_tags(response.content.decode().replace('</h2>', ': '))}"
        )
    return f"HTTP {response.status_code}, {len(response.content):,} bytes"


CASES = {
    "nothing": lambda data: "read the file",
    "image": lambda data: images.clean(upload("upload.gif", data)).format,
    "attachment": lambda data: attachments.identify(upload("upload.ods", data)),
    "preview": _preview,
}


def main(case, path):
    with open(path, "rb") as handle:
        data = handle.read()
    start, cpu_start = time.perf_counter(), time.process_time()
    try:
        outcome, refused = str(CASES[case](data)), False
    except GovreportError as refusal:
        outcome, refused = str(refusal), True
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu_seconds, "refused": refused,
                      "megabytes": _peak_megabytes(), "outcome": outcome}))  # fmt: skip


def _peak_megabytes():
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024  # the kernel reports kB


if __name__ == "__main__":
    main(*sys.argv[1:])
