"""Runs code cells in a real tslab kernel through jupyter_client, as Jupyter does, and can interrupt one.

Input (stdin, JSON): {"cells": [code, ...], "cwd": dir, "interrupt": {"cell": i, "after": seconds} | null,
"timeout": seconds per cell}. Every cell runs, also after one that failed. Output (stdout, JSON): {"cells": [{"status", "text", "ended"}], "interruptedAt": epoch
seconds | null}. A cell may instead be a request of the editor, {"inspect" | "complete": code, "cursor": position}
(Shift-Tab, Tab): its entry also has "reply" (the reply's content) and "seconds". "text" joins the cell's stream, result and error outputs in order. The kernel is the one named
"tslab" in JUPYTER_PATH (the project-local registration); the environment is passed on to it.
"""
import json
import os
import sys
import time

from jupyter_client.manager import KernelManager

spec = json.load(sys.stdin)
manager = KernelManager(kernel_name="tslab")
manager.start_kernel(cwd=spec["cwd"], env=dict(os.environ))
client = manager.client()
client.start_channels()
client.wait_for_ready(timeout=120)
deadline = spec.get("timeout", 300)
interrupt = spec.get("interrupt")
result = {"cells": [], "interruptedAt": None}
try:
    for index, code in enumerate(spec["cells"]):
        if isinstance(code, dict):
            kind = "inspect" if "inspect" in code else "complete"
            started = time.time()
            message_id = getattr(client, kind)(code[kind], code["cursor"])
            while True:
                reply = client.get_shell_msg(timeout=60)
                if reply["parent_header"].get("msg_id") == message_id:
                    break
            result["cells"].append({"status": reply["content"]["status"], "text": "", "ended": time.time(), "reply": reply["content"], "seconds": time.time() - started})
            continue
        message_id = client.execute(code)
        started = time.time()
        interrupted = False
        parts = []
        status = None
        while True:
            wait = 0.1
            try:
                message = client.get_iopub_msg(timeout=wait)
            except Exception:
                message = None
            if interrupt and interrupt["cell"] == index and not interrupted and time.time() - started >= interrupt["after"]:
                result["interruptedAt"] = time.time()
                manager.interrupt_kernel()
                interrupted = True
            if time.time() - started > deadline:
                status = "timeout"
                break
            if message is None or message["parent_header"].get("msg_id") != message_id:
                continue
            kind = message["msg_type"]
            content = message["content"]
            if kind == "stream":
                parts.append(content["text"])
            elif kind in ("execute_result", "display_data"):
                parts.append(content["data"].get("text/plain", ""))
            elif kind == "error":
                parts.append("\n".join(content.get("traceback", [])) or content.get("evalue", ""))
            elif kind == "status" and content["execution_state"] == "idle":
                break
        if status is None:
            while status is None:
                reply = client.get_shell_msg(timeout=30)
                if reply["parent_header"].get("msg_id") == message_id and reply["msg_type"] == "execute_reply":
                    status = reply["content"]["status"]
        result["cells"].append({"status": status, "text": "".join(parts), "ended": time.time()})
        if status == "timeout":
            break
        if status != "ok":
            # tslab aborts what arrives within 200 ms of a failed cell (the rest of a Run All); a user clicks later.
            time.sleep(0.5)
finally:
    client.stop_channels()
    manager.shutdown_kernel(now=True)
print(json.dumps(result))
