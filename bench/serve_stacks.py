"""Which server stack for the reading room: waitress or uvicorn, the same static file.

    PYTHON=/path/to/python-with-uvicorn-and-starlette .venv/bin/python bench/serve_stacks.py

Each server runs in its own process on 127.0.0.1 (started with $PYTHON, which must
have waitress, uvicorn and starlette: uvicorn is not one of Satchel's dependencies)
and serves the reading room's stylesheet from memory; 50 readers (bench/serve.py's
client) ask for it flat out, then paced. Stacks: waitress with a plain WSGI app (4
threads), uvicorn with Starlette (access_log=False, one event loop).
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.serve import BARE, STYLESHEET, Phase, Process, report, run_phase  # noqa: E402

UVICORN = r"""
import socket, sys
import uvicorn
from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Route
body = open(sys.argv[1], "rb").read()
async def css(request):
    return Response(body, media_type="text/css")
app = Starlette(routes=[Route("/static/style.css", css)])
sock = socket.socket()
sock.bind(("127.0.0.1", 0))
sock.listen(128)
print(f"http://127.0.0.1:{sock.getsockname()[1]}/", flush=True)
config = uvicorn.Config(app, access_log=False, log_level="warning")
try:
    uvicorn.Server(config).run(sockets=[sock])
except KeyboardInterrupt:
    pass
"""


def main() -> int:
    python = os.environ.get("PYTHON", sys.executable)
    pages = {"static": ["/static/style.css"]}
    for name, code in (("waitress + WSGI", BARE), ("uvicorn + Starlette", UVICORN)):
        for paced in (False, True):
            process = Process(code, STYLESHEET, python=python)
            try:
                phase = Phase(f"{name}, {'paced' if paced else 'flat out'}", 15, paced,
                              {"static": 1})
                asyncio.run(run_phase(phase, process.port, 50, pages, 7))
                report(phase)
                print(f"      server memory (RSS) highest {max(process.rss):.1f} MB")
            finally:
                process.close()
    print(f"machine load average (1 min) at the end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
