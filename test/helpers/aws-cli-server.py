# The AWS CLI for a test process: imports awscli once, then runs each command in a forked child (its own environment,
# working directory, stdout and stderr), so a command costs a fork and the CLI's own work instead of a Python start-up
# and every import. One JSON request per line on stdin, one JSON answer per line on stdout; ends when stdin closes.
import json
import os
import sys
import tempfile
import threading

try:
    import awscli.clidriver

    # Loads the CLI's plugins and customizations once: every child inherits them.
    awscli.clidriver.create_clidriver()
except Exception as e:  # the tests fall back to the `aws` program
    sys.stdout.write(json.dumps({"ready": False, "error": str(e)}) + "\n")
    sys.stdout.flush()
    sys.exit(0)

out_lock = threading.Lock()
answers = sys.stdout
sys.stdout.write(json.dumps({"ready": True}) + "\n")
sys.stdout.flush()


def child(request, out_path, err_path):
    data_path = os.environ.get("AWS_DATA_PATH")  # set by awscli when imported: where its own models are
    os.environ.clear()
    os.environ.update(request["env"])
    if data_path and "AWS_DATA_PATH" not in request["env"]:
        os.environ["AWS_DATA_PATH"] = data_path
    if request.get("cwd"):
        os.chdir(request["cwd"])
    out = os.open(out_path, os.O_WRONLY)
    err = os.open(err_path, os.O_WRONLY)
    os.dup2(out, 1)
    os.dup2(err, 2)
    sys.stdout = os.fdopen(1, "w", encoding="utf-8", closefd=False)
    sys.stderr = os.fdopen(2, "w", encoding="utf-8", closefd=False)
    rc = 255
    try:
        rc = awscli.clidriver.create_clidriver().main(request["args"])
    except SystemExit as e:
        rc = e.code if isinstance(e.code, int) else (0 if e.code is None else 255)
    except BaseException as e:  # as the `aws` program would: a message and 255
        sys.stderr.write(str(e) + "\n")
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(rc if isinstance(rc, int) else 255)


def wait_and_answer(rid, pid, out_path, err_path):
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    with open(out_path, encoding="utf-8", errors="replace") as f:
        stdout = f.read()
    with open(err_path, encoding="utf-8", errors="replace") as f:
        stderr = f.read()
    os.unlink(out_path)
    os.unlink(err_path)
    with out_lock:
        answers.write(json.dumps({"id": rid, "code": code, "stdout": stdout, "stderr": stderr}) + "\n")
        answers.flush()


for line in sys.stdin:
    if not line.strip():
        continue
    request = json.loads(line)
    out_fd, out_path = tempfile.mkstemp(prefix="cortado-aws-out-")
    err_fd, err_path = tempfile.mkstemp(prefix="cortado-aws-err-")
    os.close(out_fd)
    os.close(err_fd)
    with out_lock:  # no answer is half-written while the child is forked
        pid = os.fork()
    if pid == 0:
        child(request, out_path, err_path)
    threading.Thread(target=wait_and_answer, args=(request["id"], pid, out_path, err_path), daemon=True).start()
