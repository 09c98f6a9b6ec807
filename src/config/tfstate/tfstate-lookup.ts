// Looks a value up in a Terraform state (format version 4): outputs, resources, data sources, modules, count/for_each instances.
import { type AddressPart, parseAddress } from './tfstate-address.js';

interface StateInstance {
  readonly index_key?: number | string;
  readonly attributes?: Record<string, unknown>;
}
interface StateResource {
  readonly module?: string;
  readonly mode?: string;
  readonly type?: string;
  readonly name?: string;
  readonly instances?: readonly StateInstance[];
}
export interface TerraformState {
  readonly version?: number;
  readonly outputs?: Record<string, { readonly value?: unknown }>;
  readonly resources?: readonly StateResource[];
}

/** Parses state text, checking it is a state file we understand. */
export function parseState(text: string, where: string): TerraformState {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${where} is not valid JSON: ${(e as Error).message}`, { cause: e });
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new Error(`${where} is not a Terraform state (expected a JSON object)`);
  const st = json as TerraformState;
  if (st.version !== undefined && st.version < 4)
    throw new Error(`${where} has state format version ${st.version}; cortado reads version 4 (Terraform 0.12 and later)`);
  return st;
}

const indexText = (k: number | string) => (typeof k === 'number' ? `[${k}]` : `["${k}"]`);

function walk(value: unknown, path: readonly AddressPart[], address: string): unknown {
  let v = value;
  for (const p of path) {
    if (p.kind === 'name') {
      if (typeof v !== 'object' || v === null || Array.isArray(v) || !(p.name in v))
        throw new Error(`${address}: attribute "${p.name}" not found`);
      v = (v as Record<string, unknown>)[p.name];
    } else if (Array.isArray(v) && typeof p.key === 'number') {
      if (p.key >= v.length) throw new Error(`${address}: index ${p.key} out of range (${v.length} elements)`);
      v = v[p.key];
    } else if (typeof v === 'object' && v !== null && !Array.isArray(v) && String(p.key) in v) {
      v = (v as Record<string, unknown>)[String(p.key)];
    } else throw new Error(`${address}: ${indexText(p.key)} not found`);
  }
  return v;
}

/** Strings as they are, numbers and booleans as text, objects and lists as JSON (tfstate-lookup's String()). */
export function stringifyStateValue(v: unknown, address: string): string {
  if (v === null || v === undefined) throw new Error(`${address} is null in the state`);
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

export function lookupState(state: TerraformState, address: string): unknown {
  const parts = parseAddress(address);
  const first = parts[0];
  if (first?.kind === 'name' && first.name === 'output') {
    const name = parts[1];
    if (name?.kind !== 'name') throw new Error(`${address}: expected output.<name>`);
    const out = state.outputs?.[name.name];
    if (!out)
      throw new Error(
        `${address}: output "${name.name}" not found in the state (outputs: ${Object.keys(state.outputs ?? {}).join(', ') || 'none'})`,
      );
    return walk(out.value, parts.slice(2), address);
  }
  let i = 0;
  const modules: string[] = [];
  while (parts[i]?.kind === 'name' && (parts[i] as { name: string }).name === 'module') {
    const m = parts[i + 1];
    if (m?.kind !== 'name') throw new Error(`${address}: expected module.<name>`);
    let text = `module.${m.name}`;
    i += 2;
    const idx = parts[i];
    if (idx?.kind === 'index') {
      text += indexText(idx.key);
      i++;
    }
    modules.push(text);
  }
  let mode = 'managed';
  if (parts[i]?.kind === 'name' && (parts[i] as { name: string }).name === 'data') {
    mode = 'data';
    i++;
  }
  const type = parts[i];
  const name = parts[i + 1];
  if (type?.kind !== 'name' || name?.kind !== 'name')
    throw new Error(`${address}: expected <type>.<name>[.attribute] (e.g. aws_lb.main.arn)`);
  i += 2;
  const module = modules.length ? modules.join('.') : undefined;
  const resource = state.resources?.find(
    (r) => (r.mode ?? 'managed') === mode && r.type === type.name && r.name === name.name && r.module === module,
  );
  const label = `${module ? `${module}.` : ''}${mode === 'data' ? 'data.' : ''}${type.name}.${name.name}`;
  if (!resource) throw new Error(`${address}: resource ${label} not found in the state`);
  const instances = resource.instances ?? [];
  const idx = parts[i];
  let instance: StateInstance | undefined;
  if (idx?.kind === 'index') {
    instance = instances.find((x) => x.index_key === idx.key);
    if (!instance)
      throw new Error(
        `${address}: ${label}${indexText(idx.key)} not found (instances: ${instances.map((x) => (x.index_key === undefined ? '(no index)' : indexText(x.index_key))).join(', ') || 'none'})`,
      );
    i++;
  } else {
    instance = instances.find((x) => x.index_key === undefined) ?? (instances.length === 1 ? instances[0] : undefined);
    if (!instance) throw new Error(`${address}: ${label} has ${instances.length} instances; add an index such as [0] or ["key"]`);
  }
  return walk(instance.attributes ?? {}, parts.slice(i), address);
}
