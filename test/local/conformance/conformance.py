# Conformance run through boto3 (client-side validation off): for every operation the sandbox serves, one valid
# request built from botocore's model, then one request per constraint the model states (each required member
# missing, each enum, length and range bound violated); every model operation it does not serve, and a few services
# it does not serve at all, once each. Reads the served list from /_cortado/health; prints every answer as JSON.
import datetime, json, os, re, threading, urllib.request
from concurrent.futures import ThreadPoolExecutor
import boto3, botocore.session
from botocore.config import Config
from botocore.exceptions import ClientError

try:
    import re._parser as sre_parse  # Python 3.11+
    from re import _constants as C
except ImportError:  # pragma: no cover - older Pythons
    import sre_parse
    import sre_constants as C

endpoint, region = os.environ["AWS_ENDPOINT_URL"], os.environ["AWS_REGION"]
health = json.load(urllib.request.urlopen(endpoint + "/_cortado/health"))
config = Config(
    parameter_validation=False, inject_host_prefix=False, retries={"total_max_attempts": 1},
    connect_timeout=10, read_timeout=60, s3={"addressing_style": "path"},
    request_checksum_calculation="when_required", response_checksum_validation="when_required",
)
session = botocore.session.get_session()
# A few services the sandbox does not serve, one per protocol family their clients speak.
UNSERVED_SERVICES = {"sqs": "ListQueues", "dynamodb": "ListTables", "cloudformation": "ListStacks", "sns": "ListTopics",
                     "lambda": "ListFunctions", "cloudfront": "ListDistributions", "kinesis": "ListStreams", "apigateway": "GetRestApis"}
MAX_DEPTH = 4
BIG = 4096  # length bounds above this are not probed (a request body of that size proves nothing more)

# ---- values that satisfy a shape's constraints ---------------------------------------------------------------

JAVA_POSIX = {"Print": r"\x20-\x7E", "Graph": r"\x21-\x7E", "Alnum": "A-Za-z0-9", "Alpha": "A-Za-z", "Punct": r"!-/:-@\[-`{-~",
              "Upper": "A-Z", "Lower": "a-z", "Digit": "0-9", "XDigit": "0-9a-fA-F", "Space": r" \t\n\x0B\f\r", "ASCII": r"\x00-\x7F",
              "L": "A-Za-z", "N": "0-9", "Z": " ", "Alphabetic": "A-Za-z", "IsAlphabetic": "A-Za-z", "Lu": "A-Z", "Ll": "a-z"}
_compiled = {}

def java_to_python(pattern):
    """Spells out Java's \\p{..} classes and flattens Java's nested character classes ([a[b]] is [ab])."""
    out, depth, i = [], 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            m = re.match(r"\\([pP])\{(\w+)\}", pattern[i:])
            if m:
                raw = JAVA_POSIX.get(m.group(2), "A-Za-z0-9")
                out.append(raw if depth > 0 else ("[" if m.group(1) == "p" else "[^") + raw + "]")
                i += m.end()
                continue
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if ch == "[":
            depth += 1
            if depth == 1:
                out.append(ch)
                if pattern[i + 1 : i + 2] == "^":
                    out.append("^")
                    i += 1
            i += 1
            continue
        if ch == "]" and depth > 0:
            depth -= 1
            if depth == 0:
                out.append(ch)
            i += 1
            continue
        out.append(ch)
        i += 1
    return "".join(out)

def compile_pattern(pattern):
    """botocore patterns are Java regexes; Python's re reads most of them once translated."""
    if pattern not in _compiled:
        try:
            _compiled[pattern] = re.compile(java_to_python(pattern))
        except re.error:
            _compiled[pattern] = None
    return _compiled[pattern]

def pick_class(items):
    negate = any(op is C.NEGATE for op, _ in items)
    def inside(ch):
        for op, av in items:
            if op is C.LITERAL and ord(ch) == av: return True
            if op is C.RANGE and av[0] <= ord(ch) <= av[1]: return True
            if op is C.CATEGORY:
                if av is C.CATEGORY_DIGIT and ch.isdigit(): return True
                if av is C.CATEGORY_WORD and (ch.isalnum() or ch == "_"): return True
                if av is C.CATEGORY_SPACE and ch.isspace(): return True
                if av is C.CATEGORY_NOT_DIGIT and not ch.isdigit(): return True
                if av is C.CATEGORY_NOT_WORD and not (ch.isalnum() or ch == "_"): return True
                if av is C.CATEGORY_NOT_SPACE and not ch.isspace(): return True
        return False
    for ch in "abcxyz0123456789ABCXYZ-_./:=+@ ,":
        if inside(ch) != negate:
            return ch
    for op, av in items:
        if op is C.LITERAL: return chr(av)
        if op is C.RANGE: return chr(av[0])
    return "a"

def sample(parsed, n):
    out = []
    for op, av in parsed:
        if op is C.LITERAL: out.append(chr(av))
        elif op is C.NOT_LITERAL: out.append("a" if av != ord("a") else "b")
        elif op is C.ANY: out.append("a")
        elif op is C.IN: out.append(pick_class(av))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT) or op is getattr(C, "POSSESSIVE_REPEAT", None):
            lo, hi, sub = av
            k = max(lo, min(hi, n))
            out.append(sample(sub, n) * k)
        elif op is C.SUBPATTERN: out.append(sample(av[-1], n))
        elif op is getattr(C, "ATOMIC_GROUP", None): out.append(sample(av, n))
        elif op is C.BRANCH: out.append(sample(av[1][0], n))
        elif op is C.CATEGORY: out.append(pick_class([(op, av)]))
        # anchors, lookarounds, back references: nothing to add
    return "".join(out)

_strings = {}

def string_value(shape):
    key = (shape.name, shape.metadata.get("min"), shape.metadata.get("max"), shape.metadata.get("pattern"))
    if key not in _strings:
        _strings[key] = make_string(shape)
    return _strings[key]

def make_string(shape):
    lo = shape.metadata.get("min", 0) or 0
    hi = shape.metadata.get("max")
    pattern = shape.metadata.get("pattern")
    compiled = compile_pattern(pattern) if pattern else None

    def candidates():
        if compiled is not None:
            try:
                parsed = sre_parse.parse(compiled.pattern)
            except Exception:  # noqa: BLE001 - a pattern sre cannot take apart: fall back to fixed candidates
                parsed = None
            if parsed is not None:
                for n in (1, 2, 3, 5, 8, 12, 20, 40, 64, 100, 256):
                    yield sample(parsed, n)
        base = "cortado"
        yield base[: max(lo, 1)] if (hi or 99) >= max(lo, 1) else "a" * lo
        yield (base * (lo // len(base) + 1))[: max(lo, len(base))]
        yield from ("arn:aws:iam::123456789012:role/cortado", "123456789012", "a" * max(lo, 1), "1" * max(lo, 1))

    fits = lambda s: len(s) >= lo and (hi is None or len(s) <= hi)  # noqa: E731
    for c in candidates():
        if fits(c) and (compiled is None or compiled.fullmatch(c)):
            return c
    for c in candidates():
        if fits(c):
            return c
    return "a" * max(lo, 1)

_values = {}

def valid_value(shape, depth=0, stack=()):
    """A value of the shape that satisfies its constraints: required members only (a nested structure with none gets
    its first plain member), lists and maps at their minimum size, enums' first value, strings fitting the pattern."""
    key = (shape.name, id(shape._shape_resolver), depth > 0)  # shape names repeat across services
    if key not in _values:
        _values[key] = make_value(shape, depth, stack)
    return json_copy(_values[key])

def make_value(shape, depth, stack):
    t = shape.type_name
    if shape.name in stack or depth > 8:
        return None
    stack = stack + (shape.name,)
    if t == "structure":
        if shape.metadata.get("union") or getattr(shape, "is_document_type", False):
            if getattr(shape, "is_document_type", False):
                return {}
            name, member = next(iter(shape.members.items()))
            return {name: valid_value(member, depth + 1, stack)}
        value = {name: valid_value(shape.members[name], depth + 1, stack)
                 for name in shape.required_members if name in shape.members}
        if not value and depth > 0:
            # An empty nested structure serialises to nothing on the Query wire: give it its first plain member.
            for name, member in shape.members.items():
                if member.type_name in ("string", "integer", "long", "boolean") and not member.serialization.get("location"):
                    value[name] = valid_value(member, depth + 1, stack)
                    break
        return value
    if t == "list":
        n = max(shape.metadata.get("min", 0) or 0, 1)
        return [valid_value(shape.member, depth + 1, stack) for _ in range(n)]
    if t == "map":
        n = max(shape.metadata.get("min", 0) or 0, 1)
        key = valid_value(shape.key, depth + 1, stack)
        return {(key if i == 0 else f"{key}{i}"): valid_value(shape.value, depth + 1, stack) for i in range(n)}
    if t == "string":
        enum = shape.enum
        return enum[0] if enum else string_value(shape)
    if t in ("integer", "long"):
        lo = shape.metadata.get("min")
        return int(lo) if lo is not None and lo > 1 else 1 if shape.metadata.get("max", 1) >= 1 else int(shape.metadata.get("max"))
    if t in ("double", "float"):
        lo = shape.metadata.get("min")
        return float(lo) if lo is not None and lo > 1 else 1.0
    if t == "boolean":
        return True
    if t == "timestamp":
        return datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    if t == "blob":
        return b"x" * max(shape.metadata.get("min", 0) or 0, 1)
    return None

# ---- the cases ------------------------------------------------------------------------------------------------

def set_path(root, path, value):
    node = root
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value

def del_path(root, path):
    node = root
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]

def show_path(path):
    return "".join(f"[{k}]" if isinstance(k, int) else (f".{k}" if i else k) for i, k in enumerate(path))

def bound_cases(shape, member_ref):
    """(kind, bad value) for each bound this shape states."""
    t = shape.type_name
    lo, hi = shape.metadata.get("min"), shape.metadata.get("max")
    out = []
    if t == "string":
        if shape.enum:
            out.append(("enum", "NOT_A_VALID_ENUM_VALUE"))
        located = member_ref is not None and (member_ref.serialization.get("location") == "uri" or member_ref.serialization.get("hostLabel"))
        if lo and lo > 0 and not (located and lo == 1):
            out.append(("min-length", "a" * (lo - 1) if not shape.enum else ""))
        if hi is not None and hi < BIG:
            out.append(("max-length", "a" * (hi + 1)))
    elif t in ("list", "map"):
        def n_items(n):
            if t == "list":
                one = valid_value(shape.member, 1)
                return [json_copy(one) for _ in range(n)]
            key, one = valid_value(shape.key, 1), valid_value(shape.value, 1)
            return {f"{key}{i}": json_copy(one) for i in range(n)}
        if lo and lo > 0:
            out.append(("min-length", n_items(lo - 1)))
        if hi is not None and hi < 1000:
            out.append(("max-length", n_items(hi + 1)))
    elif t in ("integer", "long"):
        if lo is not None: out.append(("min-value", int(lo) - 1))
        if hi is not None and hi < 2**62: out.append(("max-value", int(hi) + 1))
    elif t in ("double", "float"):
        if lo is not None: out.append(("min-value", float(lo) - 1))
        if hi is not None: out.append(("max-value", float(hi) + 1))
    elif t == "blob":
        if lo and lo > 0:
            out.append(("min-length", b"x" * (lo - 1)))
        if hi is not None and hi < BIG:
            out.append(("max-length", b"x" * (hi + 1)))
    return out

def where(shape, name):
    """Where a top-level member travels: uri, querystring, header, payload (the body itself) or body."""
    if shape.serialization.get("payload") == name:
        return "payload"
    return shape.members[name].serialization.get("location") or "body"

def cases_for(op_model):
    """[(case name, kind, params, where)] for one operation, the valid request first."""
    shape = op_model.input_shape
    if shape is None:
        return [("valid", "valid", {}, "")]
    base = valid_value(shape)
    out = [("valid", "valid", base, "")]

    def visit(struct, path, depth, stack):
        if depth > MAX_DEPTH or struct.name in stack or struct.metadata.get("union") or getattr(struct, "is_document_type", False):
            return
        stack = stack + (struct.name,)
        for name, member in struct.members.items():
            ser = member.serialization
            mpath = path + [name]
            if name in struct.required_members:
                skip = ser.get("location") == "uri" or ser.get("hostLabel") or ser.get("idempotencyToken") or ser.get("eventpayload")
                if not skip and not getattr(member, "is_document_type", False):
                    params = json_copy(base)
                    materialise(params, path, shape)
                    try:
                        del_path(params, mpath)
                    except (KeyError, IndexError):
                        pass
                    else:
                        if keep_present(params, path, struct, name, op_model.metadata["protocol"]):
                            out.append((f"missing {show_path(mpath)}", "missing", params, where(shape, mpath[0])))
            for kind, bad in bound_cases(member, member):
                params = json_copy(base)
                materialise(params, path, shape)
                set_path(params, mpath, bad)
                out.append((f"{kind} {show_path(mpath)}", kind, params, where(shape, mpath[0])))
            inner, ipath, lists = member, mpath, 0
            while inner.type_name == "list":
                inner, ipath, lists = inner.member, ipath + [0], lists + 1
            if inner.type_name == "structure":
                visit(inner, ipath, depth + 1, stack)
                continue

            def nest(v, n=lists):
                return nest([v], n - 1) if n > 0 else v

            def add(case, kind, value):
                params = json_copy(base)
                materialise(params, path, shape)
                set_path(params, mpath, value)
                out.append((case, kind, params, where(shape, mpath[0])))

            if inner.type_name == "map":
                # a map's keys and values: one entry with a bad key, one with a bad value
                key, value = valid_value(inner.key, 1), valid_value(inner.value, 1)
                for kind, bad in bound_cases(inner.key, None):
                    if isinstance(bad, str):
                        add(f"{kind} {show_path(ipath)} key", kind, nest({bad: value}))
                if inner.value.type_name not in ("structure", "list", "map"):
                    for kind, bad in bound_cases(inner.value, None):
                        add(f"{kind} {show_path(ipath)} value", kind, nest({key: bad}))
            elif lists > 0:
                # the items of a list of plain values (CloudWatch's Statistics, a list of enums)
                for kind, bad in bound_cases(inner, None):
                    add(f"{kind} {show_path(ipath)}", kind, nest(bad))

    visit(shape, [], 0, ())
    return out

def keep_present(params, path, struct, removed, protocol):
    """On the Query wire a structure left empty is not sent at all, so the case would test nothing: give it another
    plain member. False when it has none (the case cannot be told apart from the structure being absent)."""
    if not path or protocol not in ("query", "ec2"):
        return True
    node = params
    for key in path:
        node = node[key]
    if node:
        return True
    for name, member in struct.members.items():
        if name != removed and member.type_name in ("string", "integer", "long", "boolean"):
            node[name] = valid_value(member, 1)
            return True
    return False

def json_copy(v):
    if isinstance(v, dict): return {k: json_copy(x) for k, x in v.items()}
    if isinstance(v, list): return [json_copy(x) for x in v]
    return v

def materialise(params, path, root_shape):
    """Makes every structure and list along path exist (optional ones get their minimal valid value)."""
    node, shape = params, root_shape
    for i, key in enumerate(path):
        if isinstance(key, int):
            shape = shape.member
            if len(node) == 0:
                node.append(valid_value(shape, 1))
            node = node[key]
        else:
            shape = shape.members[key]
            if key not in node or node[key] is None:
                node[key] = valid_value(shape, 1)
            if shape.type_name == "list" and len(node[key]) == 0:
                node[key].append(valid_value(shape.member, 1))
            node = node[key]

# ---- running them ---------------------------------------------------------------------------------------------

clients = {}
sent = threading.local()

def mark_sent(**_kwargs):
    sent.flag = True

def client(name):
    if name not in clients:
        clients[name] = boto3.client(name, endpoint_url=endpoint, region_name=region, config=config)
        clients[name].meta.events.register("before-send", mark_sent)
    return clients[name]

def call(service, operation, case, kind, params, where=""):
    c = client(service)
    method = getattr(c, botocore.xform_name(operation))
    row = {"service": service, "operation": operation, "case": case, "kind": kind, "where": where,
           "protocol": c.meta.service_model.resolved_protocol}
    sent.flag = False
    try:
        method(**params)
        row["got"] = "OK"
    except ClientError as e:
        row["got"] = e.response.get("Error", {}).get("Code") or f"HTTP {e.response['ResponseMetadata'].get('HTTPStatusCode')}"
        row["status"] = e.response["ResponseMetadata"].get("HTTPStatusCode")
        # long runs of one character (the over-long values) shortened, so the member's name stays in view
        message = re.sub(r"(.)\1{15,}", r"\1\1\1…", e.response.get("Error", {}).get("Message") or "")
        row["message"] = re.sub(r'((?:\{[^{}]*\}|"[^"]*"),)\1{3,}', r"\1…,", message)[:1000]
    except Exception as e:  # noqa: BLE001 - a parse failure or a connection error is what the run looks for
        row["got"] = f"{type(e).__name__}: {str(e)[:200]}"
        if not sent.flag:
            # botocore refused to build the request (endpoint rules, checksum names): nothing reached the sandbox.
            row["kind"] = "not-sent"
    return row

jobs, served_ops, unserved_ops = [], {}, {}
for entry in health["served"]:
    name = entry["name"]
    model = session.get_service_model(name)
    ops = set(entry["operations"])
    served_ops[name] = 0
    unserved_ops[name] = 0
    for op in sorted(model.operation_names):
        om = model.operation_model(op)
        if om.has_event_stream_output or om.has_event_stream_input:
            continue
        if op in ops:
            served_ops[name] += 1
            for case, kind, params, at in cases_for(om):
                jobs.append((name, op, case, kind, params, at))
        else:
            unserved_ops[name] += 1
            jobs.append((name, op, "unserved operation", "unserved-operation", valid_value(om.input_shape) if om.input_shape else {}))
for name, op in UNSERVED_SERVICES.items():
    jobs.append((name, op, "unserved service", "unserved-service", {}))

# Valid requests run first, each service's in order (so each meets the same state every run), the services side by
# side; then the cases, a few at a time (on a loaded machine most of a call's time is waiting for a core).
THREADS = int(os.environ.get("CONFORMANCE_THREADS", "6"))
valid = [j for j in jobs if j[3] == "valid"]
rest = [j for j in jobs if j[3] != "valid"]
by_service = {}
for j in valid:
    by_service.setdefault(j[0], []).append(j)
with ThreadPoolExecutor(max_workers=THREADS) as pool:
    rows = [row for part in pool.map(lambda group: [call(*j) for j in group], by_service.values()) for row in part]
    rows += list(pool.map(lambda j: call(*j), rest))
print(json.dumps({"served": served_ops, "unserved": unserved_ops, "rows": rows}, default=str))
