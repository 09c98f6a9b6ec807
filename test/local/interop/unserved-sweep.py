# boto3 sweep for the unserved-operation checks: every botocore service the sandbox does not serve (one operation
# each) and every operation of a served service that has no handler must end in a clean ClientError with the code
# that protocol's clients expect. Reads the served list from /_cortado/health; prints a JSON summary.
import json, os, sys, urllib.request
import boto3, botocore.session
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint, region = os.environ["AWS_ENDPOINT_URL"], os.environ["AWS_REGION"]
health = json.load(urllib.request.urlopen(endpoint + "/_cortado/health"))
served = {s["serviceId"]: s for s in health["served"]}
config = Config(parameter_validation=False, inject_host_prefix=False, retries={"max_attempts": 1}, connect_timeout=5, read_timeout=30)
session = botocore.session.get_session()
loader = session.get_component("data_loader")
# Services signed with the name of a served one (S3 Control signs as s3) reach that service and get its refusal.
served_signing = {s["signingName"] for s in served.values()}

def dummy_args(op_model):
    """URI and host labels must be present for botocore to build the request; 'x' fills them."""
    shape = op_model.input_shape
    if shape is None:
        return {}
    args = {}
    for name, member in shape.members.items():
        located = member.serialization.get("location") in ("uri", "querystring", "header")
        if member.serialization.get("location") == "uri" or member.serialization.get("hostLabel") or (located and name in shape.required_members):
            args[name] = {"integer": 1, "long": 1, "boolean": True, "timestamp": "2020-01-01T00:00:00Z"}.get(member.type_name, "x")
    return args

def pick(model):
    names = sorted(model.operation_names)
    usable = [n for n in names if not (model.operation_model(n).has_streaming_input or model.operation_model(n).has_event_stream_input
                                        or model.operation_model(n).has_event_stream_output)]
    for prefix in ("List", "Describe", "Get"):
        for n in usable:
            if n.startswith(prefix):
                return n
    return usable[0] if usable else None

# Requests that never leave boto3 (client-side endpoint rules, bearer-token auth) or that carry nothing naming their
# service (unsigned operations: no SigV4 scope) cannot be told apart on the wire; they are counted, not checked.
CLIENT_SIDE = ("EndpointResolutionError", "NoAuthTokenError", "EndpointConnectionError")

def unsigned(model, op):
    auth = model.operation_model(op).auth_type or ""
    return auth == "none" or model.operation_model(op).metadata.get("signatureVersion") == "bearer" or model.signature_version == "bearer"

def call(name, op, expect):
    client = boto3.client(name, endpoint_url=endpoint, region_name=region, config=config)
    op_model = client.meta.service_model.operation_model(op)
    method = getattr(client, botocore.xform_name(op))
    try:
        method(**dummy_args(op_model))
        return {"service": name, "operation": op, "problem": "succeeded"}
    except ClientError as e:
        code = e.response["Error"]["Code"]
        if expect is not None and code not in expect:
            return {"service": name, "operation": op, "problem": f"code {code}: {e.response['Error'].get('Message', '')[:160]}"}
        return {"service": name, "operation": op, "code": code}
    except Exception as e:  # noqa: BLE001 - any other failure (invalid XML, connection) is what this sweep looks for
        if type(e).__name__ in CLIENT_SIDE:
            return {"service": name, "operation": op, "skipped": type(e).__name__}
        return {"service": name, "operation": op, "problem": f"{type(e).__name__}: {str(e)[:200]}"}

results = []
for name in session.get_available_services():
    model = session.get_service_model(name)
    if model.service_id in served:
        entry = served[model.service_id]
        query = model.protocol in ("query", "ec2")
        for op in sorted(model.operation_names):
            if op in entry["operations"] or model.operation_model(op).has_streaming_input or model.operation_model(op).has_event_stream_output:
                continue
            # S3's ListDirectoryBuckets is signed for s3express, the directory buckets' endpoint, which is not served.
            results.append(call(name, op, {"InvalidAction"} if query else {"NotImplemented"} if op == "ListDirectoryBuckets" else {"UnknownOperationException"}))
    else:
        op = pick(model)
        if op is None:
            continue
        if unsigned(model, op):
            results.append({"service": name, "operation": op, "skipped": "unsigned"})
            continue
        signing = model.signing_name or model.endpoint_prefix
        results.append(call(name, op, None if signing in served_signing else {"NotImplemented"}))

skipped = [r for r in results if "skipped" in r]
results = [r for r in results if "skipped" not in r]
problems = [r for r in results if "problem" in r]
codes = {}
for r in results:
    if "code" in r:
        codes[r["code"]] = codes.get(r["code"], 0) + 1
print(json.dumps({"checks": len(results), "codes": codes, "problems": problems, "skipped": skipped}))
