# The AWS CLI and boto3 for a test process: imports them once, then runs each command (`args`) or Python snippet (`code`,
# as `python3 -c` would) in a forked child (its own environment, working directory, stdout and stderr), so a command costs
# a fork and its own work instead of a Python start-up and every import. One JSON request per line on stdin, one JSON
# answer per line on stdout; ends when stdin closes.
import json
import os
import re
import sys
import tempfile
import threading
import traceback

try:
    import awscli.clidriver
    import boto3
    import botocore.loaders
    import botocore.session

    # One botocore data loader for every session (per data path): its caches (the services' list, each model read and
    # parsed once) then outlive a command's session and, warmed here before a fork, every child inherits them. A session
    # shares its loader among its clients already, so nothing mutates what it returns.
    _loaders = {}
    _create_loader = botocore.loaders.create_loader

    def shared_loader(search_path_string=None):
        if search_path_string not in _loaders:
            _loaders[search_path_string] = _create_loader(search_path_string)
        return _loaders[search_path_string]

    botocore.session.create_loader = shared_loader
    # Loads the CLI's plugins and customizations once, and the data every command reads: every child inherits them.
    driver = awscli.clidriver.create_clidriver()
    driver.session.get_available_services()
    driver.session.get_data("endpoints")
    driver.session.get_data("partitions")
    # A snippet runs as in a plain python3, without the CLI's data path: its sessions have a loader of their own.
    cli_data_path = os.environ.pop("AWS_DATA_PATH", None)
    snippets = boto3.session.Session(region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")
    snippets.get_available_services()
    if cli_data_path is not None:
        os.environ["AWS_DATA_PATH"] = cli_data_path
except Exception as e:  # the tests fall back to the `aws` program
    sys.stdout.write(json.dumps({"ready": False, "error": str(e)}) + "\n")
    sys.stdout.flush()
    sys.exit(0)

out_lock = threading.Lock()
answers = sys.stdout
sys.stdout.write(json.dumps({"ready": True}) + "\n")
sys.stdout.flush()


def warm(request):
    """Parses here, once for this process's later requests, the models the request's clients will load."""
    try:
        if "code" in request:
            for name in set(re.findall(r"client\(\s*['\"]([a-z0-9-]+)['\"]", request["code"])):
                if name in snippets.get_available_services():
                    snippets.client(name, endpoint_url="http://127.0.0.1:9")
        else:
            command = (request["args"] or [""])[0]
            service = {"s3api": "s3"}.get(command, command)
            if service in driver.session.get_available_services():
                driver.session.get_service_model(service)
    except Exception:  # the child meets the same error and reports it as python3 or the CLI does
        pass


def run_snippet(code):
    """What `python3 -c code` exits with."""
    sys.argv = ["-c"]
    try:
        exec(compile(code, "<string>", "exec"), {"__name__": "__main__", "__builtins__": __builtins__})
        return 0
    except SystemExit as e:
        if e.code is None or isinstance(e.code, int):
            return e.code or 0
        sys.stderr.write(f"{e.code}\n")
        return 1
    except BaseException:
        traceback.print_exc()
        return 1


def child(request, out_path, err_path):
    if "code" in request and re.search(r"data_loader|search_paths|\bLoader\b", request["code"]):
        # A snippet that changes its loader (its search paths, its models) must not find the shared one's cached models.
        botocore.session.create_loader = _create_loader
    os.environ.clear()
    os.environ.update(request["env"])
    if "args" in request and cli_data_path and "AWS_DATA_PATH" not in request["env"]:
        os.environ["AWS_DATA_PATH"] = cli_data_path
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
        rc = run_snippet(request["code"]) if "code" in request else awscli.clidriver.create_clidriver().main(request["args"])
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
    warm(request)
    out_fd, out_path = tempfile.mkstemp(prefix="cortado-aws-out-")
    err_fd, err_path = tempfile.mkstemp(prefix="cortado-aws-err-")
    os.close(out_fd)
    os.close(err_fd)
    with out_lock:  # no answer is half-written while the child is forked
        pid = os.fork()
    if pid == 0:
        child(request, out_path, err_path)
    threading.Thread(target=wait_and_answer, args=(request["id"], pid, out_path, err_path), daemon=True).start()
