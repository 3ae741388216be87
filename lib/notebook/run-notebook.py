"""Executes one notebook with nbclient and the tslab kernel; used by lib/notebook/run-notebook.ts.

usage: python3 run-notebook.py INPUT OUTPUT CWD TIMEOUT
Writes the executed notebook to OUTPUT, also when a cell fails (its outputs up to and with the failing cell), and
prints one JSON line: {"failedCell": index or null}. Exit 0 either way; another status is a Jupyter problem.
"""
import json
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

source, output, cwd, timeout = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
notebook = nbformat.read(source, as_version=4)
failed = {"cell": None}


def on_cell_error(cell, cell_index, execute_reply):
    if failed["cell"] is None:
        failed["cell"] = cell_index


client = NotebookClient(notebook, kernel_name="tslab", timeout=timeout, resources={"metadata": {"path": cwd}}, on_cell_error=on_cell_error)
try:
    client.execute()
except CellExecutionError:
    pass
nbformat.write(notebook, output)
print(json.dumps({"failedCell": failed["cell"]}))
