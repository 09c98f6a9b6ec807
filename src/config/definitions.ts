// Task and service definitions from files in the AWS API's shape: render, unwrap, spell keys as the API does, strip read-only and unknown fields, check types.
import type {
  CreateExpressGatewayServiceCommandInput,
  CreateServiceCommandInput,
  RegisterTaskDefinitionCommandInput,
} from '@aws-sdk/client-ecs';
import { UsageError } from '../core/errors.js';
import { type RenderInputs, renderFile } from './render-file.js';
import { SERVICE_DEFINITION, SERVICE_DEFINITION_READ_ONLY } from './shape/service-definition-shape.js';
import { EXPRESS_SERVICE_DEFINITION, EXPRESS_SERVICE_DEFINITION_READ_ONLY } from './shape/express-service-definition-shape.js';
import { checkFields } from './shape/definition-fields.js';
import { checkShape, describeValue, dropEmptyEnums } from './shape/shape.js';
import { TASK_DEFINITION, TASK_DEFINITION_READ_ONLY } from './shape/task-definition-shape.js';
import { type ReadOptions, reportUnknownKeys } from './unknown-keys.js';

export type TaskDefinitionInput = RegisterTaskDefinitionCommandInput;
export type ServiceDefinition = Omit<CreateServiceCommandInput, 'cluster' | 'serviceName' | 'taskDefinition'> & {
  readonly serviceName?: string;
};
/** An Express service definition (express_service_definition): CreateExpressGatewayService's input; the config names the cluster and service. */
export type ExpressServiceDefinition = CreateExpressGatewayServiceCommandInput;

export interface Loaded<T> {
  readonly path: string;
  readonly value: T;
  readonly warnings: readonly string[];
}

const MAX_LISTED = 10;

/** How a definition is read: `strict` (--strict) makes fields the API does not have errors; warnings are returned and sent to `warn`. */
export type DefinitionOptions = Omit<ReadOptions, 'file'>;

const API_NAME = { task: 'RegisterTaskDefinition', service: 'CreateService', express: 'CreateExpressGatewayService' } as const;
const WHAT = { task: 'task definition', service: 'service definition', express: 'Express service definition' } as const;
const SHAPES = {
  task: { shape: TASK_DEFINITION, readOnly: TASK_DEFINITION_READ_ONLY },
  service: { shape: SERVICE_DEFINITION, readOnly: SERVICE_DEFINITION_READ_ONLY },
  express: { shape: EXPRESS_SERVICE_DEFINITION, readOnly: EXPRESS_SERVICE_DEFINITION_READ_ONLY },
} as const;

/** A member of a wrapper (describe-* output), whatever its case: `TaskDefinition`, `taskDefinition`. */
const member = (obj: Record<string, unknown>, name: string): unknown =>
  Object.entries(obj).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];

function asObject(v: unknown, file: string, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new UsageError('BAD_DEFINITION', `${file}: expected the ${what} as an object, got ${describeValue(v)}`, { file });
  return v as Record<string, unknown>;
}

/**
 * Pure: unwrap, drop read-only fields (a warning each), spell keys as the API does (matched case-insensitively, as ecspresso's Go
 * JSON decoding does), drop fields the API does not have (a warning with a did-you-mean each; an error under strict), coerce
 * numeric task cpu/memory, leave out empty-string enum values (as the Go SDK under ecspresso does), check types.
 */
export function prepareDefinition(
  raw: unknown,
  file: string,
  kind: 'task' | 'service' | 'express',
  opts: DefinitionOptions = {},
): { value: Record<string, unknown>; warnings: string[] } {
  const what = WHAT[kind];
  let obj = asObject(raw, file, what);
  const warnings: string[] = [];
  const wrapped = kind === 'task' ? member(obj, 'taskDefinition') : undefined;
  if (typeof wrapped === 'object' && wrapped !== null && !Array.isArray(wrapped)) {
    const tags = member(obj, 'tags');
    obj = { ...(wrapped as Record<string, unknown>), ...(Array.isArray(tags) && tags.length ? { tags } : {}) };
  }
  const services = kind === 'service' ? member(obj, 'services') : undefined;
  if (Array.isArray(services)) {
    if (services.length !== 1)
      throw new UsageError('BAD_DEFINITION', `${file}: expected one service in "services", got ${services.length}`, {
        file,
        field: 'services',
      });
    obj = asObject(services[0], file, what);
  }
  const readOnly: readonly string[] = SHAPES[kind].readOnly.map((k) => k.toLowerCase());
  const kept: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (readOnly.includes(k.toLowerCase())) {
      const message = `${file}: read-only field "${k}" is ignored (it is what AWS reports, not something you can set)`;
      warnings.push(message);
      opts.warn?.(message, k);
    } else kept[k] = v;
  }
  const fields = checkFields(kept, kind);
  const shape = SHAPES[kind].shape;
  const value = dropEmptyEnums(fields.value, shape).value as Record<string, unknown>;
  if (kind === 'task') for (const k of ['cpu', 'memory']) if (typeof value[k] === 'number') value[k] = String(value[k]);
  const report = checkShape(value, shape);
  if (report.errors.length) {
    const lines = report.errors.slice(0, MAX_LISTED).map((e) => `${e.path || '(top level)'}: ${e.message}`);
    if (report.errors.length > MAX_LISTED) lines.push(`... and ${report.errors.length - MAX_LISTED} more`);
    throw new UsageError('BAD_DEFINITION', `${file}: invalid ${what}: ${lines.length === 1 ? lines[0] : `\n  - ${lines.join('\n  - ')}`}`, {
      file,
      ...(report.errors[0]!.path ? { field: report.errors[0]!.path } : {}),
    });
  }
  warnings.push(
    ...reportUnknownKeys(fields.unknown, { ...opts, file }, { what: `not a ${API_NAME[kind]} field`, fate: 'not sent to AWS' }),
  );
  return { value, warnings };
}

export async function loadTaskDefinition(
  file: string,
  inputs: RenderInputs,
  opts: DefinitionOptions = {},
): Promise<Loaded<TaskDefinitionInput>> {
  const raw = await renderFile(file, 'task definition', inputs);
  const { value, warnings } = prepareDefinition(raw, file, 'task', { strict: inputs.strict === true, ...opts });
  return { path: file, value: value as unknown as TaskDefinitionInput, warnings };
}

export async function loadServiceDefinition(
  file: string,
  inputs: RenderInputs,
  opts: DefinitionOptions = {},
): Promise<Loaded<ServiceDefinition>> {
  const raw = await renderFile(file, 'service definition', inputs);
  const { value, warnings } = prepareDefinition(raw, file, 'service', { strict: inputs.strict === true, ...opts });
  return { path: file, value: value as ServiceDefinition, warnings };
}

export async function loadExpressServiceDefinition(
  file: string,
  inputs: RenderInputs,
  opts: DefinitionOptions = {},
): Promise<Loaded<ExpressServiceDefinition>> {
  const raw = await renderFile(file, 'Express service definition', inputs);
  const { value, warnings } = prepareDefinition(raw, file, 'express', { strict: inputs.strict === true, ...opts });
  return { path: file, value: value as unknown as ExpressServiceDefinition, warnings };
}
