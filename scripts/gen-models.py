#!/usr/bin/env python3
"""Generate the sandbox's compact API models from botocore's service-2.json.

Why: request validation (required members, enums, lengths, patterns, ranges) and wire
serialization must follow AWS's own models, not our guesses. The output is committed under
src/local/model/generated/ so the build never needs botocore; re-run after a botocore upgrade:

    python3 scripts/gen-models.py
"""
import gzip, json, os, sys
import botocore

SERVICES = {
    # sandbox name: botocore directory
    "ecs": "ecs", "logs": "logs", "ssm": "ssm", "secretsmanager": "secretsmanager",
    "sts": "sts", "s3": "s3", "application-autoscaling": "application-autoscaling",
    "elbv2": "elbv2", "cloudwatch": "cloudwatch", "route53": "route53",
    "events": "events", "ecr": "ecr", "servicediscovery": "servicediscovery",
    "iam": "iam", "scheduler": "scheduler", "codedeploy": "codedeploy", "ec2": "ec2",
}
# EC2's model is large (several MB); the sandbox keeps the operations it serves and the shapes they reach.
SUBSETS = {
    "ec2": ["CreateVpc", "DescribeVpcs", "DeleteVpc", "CreateSubnet", "DescribeSubnets", "DeleteSubnet",
            "CreateSecurityGroup", "DescribeSecurityGroups", "DeleteSecurityGroup",
            "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress", "RevokeSecurityGroupIngress",
            "RevokeSecurityGroupEgress", "DescribeSecurityGroupRules", "CreateTags", "DeleteTags", "DescribeTags",
            "DescribeAvailabilityZones", "DescribeAccountAttributes", "DescribeRegions", "RunInstances",
            "DescribeInstances", "TerminateInstances", "DescribeInstanceStatus"],
}
SHAPE_KEYS = ("type", "required", "enum", "min", "max", "pattern", "timestampFormat",
              "flattened", "location", "locationName", "xmlNamespace", "xmlAttribute",
              "payload", "streaming", "jsonvalue", "sensitive", "exception", "error",
              "event", "eventstream", "document", "union", "queryName", "hostLabel",
              "idempotencyToken", "deprecated")

def latest(service_dir):
    base = os.path.join(os.path.dirname(botocore.__file__), "data", service_dir)
    version = sorted(d for d in os.listdir(base) if os.path.isdir(os.path.join(base, d)))[-1]
    path = os.path.join(base, version, "service-2.json.gz")
    if os.path.exists(path):
        with gzip.open(path, "rt") as f:
            return json.load(f)
    with open(os.path.join(base, version, "service-2.json")) as f:
        return json.load(f)

def strip_member(ref):
    return {k: v for k, v in ref.items() if k in SHAPE_KEYS or k == "shape"}

def strip_shape(shape):
    out = {k: v for k, v in shape.items() if k in SHAPE_KEYS}
    if "members" in shape:
        out["members"] = {n: strip_member(r) for n, r in shape["members"].items()}
    for k in ("member", "key", "value"):
        if k in shape:
            out[k] = strip_member(shape[k])
    return out

def service_index():
    """Every service botocore knows, by directory: how a request for it is signed and which protocol it speaks,
    so the sandbox can refuse a service it does not serve in the shape that service's clients parse."""
    data = os.path.join(os.path.dirname(botocore.__file__), "data")
    index = {}
    for directory in sorted(os.listdir(data)):
        base = os.path.join(data, directory)
        if not os.path.isdir(base) or not any(os.path.isdir(os.path.join(base, d)) for d in os.listdir(base)):
            continue
        try:
            meta = latest(directory)["metadata"]
        except (OSError, ValueError):
            continue
        entry = {"serviceId": meta["serviceId"], "signingName": meta.get("signingName", meta["endpointPrefix"]),
                 "protocols": meta.get("protocols", [meta["protocol"]]), "apiVersion": meta["apiVersion"]}
        if "targetPrefix" in meta:
            entry["targetPrefix"] = meta["targetPrefix"]
        index[directory] = entry
    return index

def reachable(model, ops):
    """The shapes the given operations' inputs, outputs and errors reach."""
    seen, todo = set(), []
    for op in ops:
        o = model["operations"][op]
        todo += [o[k]["shape"] for k in ("input", "output") if k in o] + [e["shape"] for e in o.get("errors", [])]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        shape = model["shapes"][name]
        todo += [r["shape"] for r in shape.get("members", {}).values()]
        todo += [shape[k]["shape"] for k in ("member", "key", "value") if k in shape]
    return seen

def main():
    out_dir = os.path.join(os.path.dirname(__file__), "..", "src", "local", "model", "generated")
    os.makedirs(out_dir, exist_ok=True)
    for name, directory in SERVICES.items():
        model = latest(directory)
        meta = {k: v for k, v in model["metadata"].items()
                if k in ("apiVersion", "protocol", "protocols", "jsonVersion", "targetPrefix",
                         "signingName", "endpointPrefix", "serviceId", "xmlNamespace",
                         "awsQueryCompatible", "serviceFullName")}
        subset = SUBSETS.get(name)
        if subset:
            keep = reachable(model, subset)
            model = {**model, "operations": {o: model["operations"][o] for o in subset},
                     "shapes": {n: v for n, v in model["shapes"].items() if n in keep}}
        ops = {}
        for op_name, op in model["operations"].items():
            ops[op_name] = {k: v for k, v in {
                "http": op.get("http"),
                "input": op.get("input", {}).get("shape"),
                "output": op.get("output", {}).get("shape"),
                "resultWrapper": op.get("output", {}).get("resultWrapper"),
                "errors": [e["shape"] for e in op.get("errors", [])],
            }.items() if v}
        shapes = {n: strip_shape(s) for n, s in model["shapes"].items()}
        doc = {"botocoreVersion": botocore.__version__, "metadata": meta,
               "operations": ops, "shapes": shapes}
        path = os.path.join(out_dir, f"{name}.json")
        with open(path, "w") as f:
            json.dump(doc, f, separators=(",", ":"), sort_keys=True)
        print(f"{name}: {len(ops)} operations, {len(shapes)} shapes -> {os.path.relpath(path)}")
    index = service_index()
    path = os.path.join(out_dir, "aws-services.json")
    with open(path, "w") as f:
        json.dump({"botocoreVersion": botocore.__version__, "services": index}, f, separators=(",", ":"), sort_keys=True)
    print(f"aws-services: {len(index)} services -> {os.path.relpath(path)}")

if __name__ == "__main__":
    sys.exit(main())
