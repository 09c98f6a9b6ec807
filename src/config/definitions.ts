// Task and service definitions from files in the AWS API's shape: render, unwrap, camelCase keys, strip read-only fields, check types.
import type { CreateServiceCommandInput, RegisterTaskDefinitionCommandInput } from '@aws-sdk/client-ecs';
import { UsageError } from '../core/errors.js';
import { camelCaseKeys } from './key-case.js';
import { type RenderInputs, renderFile } from './render-file.js';
import { SERVICE_DEFINITION, SERVICE_DEFINITION_READ_ONLY } from './shape/service-definition-shape.js';
import { checkShape, describeValue, type Shape } from './shape/shape.js';
import { TASK_DEFINITION, TASK_DEFINITION_READ_ONLY } from './shape/task-definition-shape.js';

export type TaskDefinitionInput = RegisterTaskDefinitionCommandInput;
export type ServiceDefinition = Omit<CreateServiceCommandInput, 'cluster' | 'serviceName' | 'taskDefinition'> & { readonly serviceName?: string };

export interface Loaded<T> {
  readonly path: string;
  readonly value: T;
  readonly warnings: readonly string[];
}

const MAX_LISTED = 10;

function asObject(v: unknown, file: string, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new UsageError('BAD_DEFINITION', `${file}: expected the ${what} as an object, got ${describeValue(v)}`);
  return v as Record<string, unknown>;
}

/** Pure: camelCase keys, unwrap, drop read-only fields (with a warning each), coerce numeric task cpu/memory, check the shape. */
export function prepareDefinition(raw: unknown, file: string, kind: 'task' | 'service'): { value: Record<string, unknown>; warnings: string[] } {
  const what = kind === 'task' ? 'task definition' : 'service definition';
  let obj = asObject(camelCaseKeys(raw), file, what);
  const warnings: string[] = [];
  if (kind === 'task' && typeof obj.taskDefinition === 'object' && obj.taskDefinition !== null && !Array.isArray(obj.taskDefinition)) {
    const { taskDefinition, tags } = obj;
    obj = { ...(taskDefinition as Record<string, unknown>), ...(Array.isArray(tags) && tags.length ? { tags } : {}) };
  }
  if (kind === 'service' && Array.isArray(obj.services)) {
    if (obj.services.length !== 1) throw new UsageError('BAD_DEFINITION', `${file}: expected one service in "services", got ${obj.services.length}`);
    obj = asObject(obj.services[0], file, what);
  }
  const readOnly: readonly string[] = kind === 'task' ? TASK_DEFINITION_READ_ONLY : SERVICE_DEFINITION_READ_ONLY;
  const kept: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (readOnly.includes(k)) warnings.push(`${file}: read-only field "${k}" is ignored (it is what AWS reports, not something you can set)`);
    else kept[k] = v;
  }
  if (kind === 'task') for (const k of ['cpu', 'memory']) if (typeof kept[k] === 'number') kept[k] = String(kept[k]);
  const shape: Shape = kind === 'task' ? TASK_DEFINITION : SERVICE_DEFINITION;
  const report = checkShape(kept, shape);
  for (const u of report.unknown) warnings.push(`${file}: ${u.path}: ${u.message}; it is not sent to AWS`);
  if (report.errors.length) {
    const lines = report.errors.slice(0, MAX_LISTED).map((e) => `${e.path || '(top level)'}: ${e.message}`);
    if (report.errors.length > MAX_LISTED) lines.push(`... and ${report.errors.length - MAX_LISTED} more`);
    throw new UsageError('BAD_DEFINITION', `${file}: invalid ${what}: ${lines.length === 1 ? lines[0] : `\n  - ${lines.join('\n  - ')}`}`);
  }
  for (const u of report.unknown) {
    const top = u.path.split(/[.[]/)[0]!;
    if (!u.path.includes('.') && !u.path.includes('[')) delete kept[top];
  }
  return { value: kept, warnings };
}

export async function loadTaskDefinition(file: string, inputs: RenderInputs): Promise<Loaded<TaskDefinitionInput>> {
  const raw = await renderFile(file, 'task definition', inputs);
  const { value, warnings } = prepareDefinition(raw, file, 'task');
  return { path: file, value: value as unknown as TaskDefinitionInput, warnings };
}

export async function loadServiceDefinition(file: string, inputs: RenderInputs): Promise<Loaded<ServiceDefinition>> {
  const raw = await renderFile(file, 'service definition', inputs);
  const { value, warnings } = prepareDefinition(raw, file, 'service');
  return { path: file, value: value as ServiceDefinition, warnings };
}
