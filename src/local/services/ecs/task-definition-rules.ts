// RegisterTaskDefinition's semantic checks and normalisation (what the model cannot express), as a pure function.
import type { Json } from './ecs-state.js';
import { clientError } from './ecs-errors.js';
import { NAME_PATTERN } from './ecs-names.js';
import { isFargateSize, normaliseCpu, normaliseMemory } from './fargate-sizes.js';

const HEALTH_DEFAULTS = { interval: 30, timeout: 5, retries: 3 } as const;
const HEALTH_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  interval: [5, 300],
  timeout: [2, 60],
  retries: [1, 10],
  startPeriod: [0, 300],
};

const asList = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const has = (v: unknown): boolean => v !== undefined && v !== null;

function checkFamily(family: string): void {
  if (family.length > 255) throw clientError('Family name must be 255 characters or fewer.');
  if (!NAME_PATTERN.test(family)) throw clientError('Family contains invalid characters.');
}

function normaliseHealthCheck(container: string, hc: Json): Json {
  const command = asList(hc.command) as unknown as string[];
  if (command[0] !== 'CMD' && command[0] !== 'CMD-SHELL') {
    throw clientError(`Invalid 'healthCheck' setting for container '${container}'. The command must start with CMD or CMD-SHELL.`);
  }
  const out: Json = { ...HEALTH_DEFAULTS, ...hc };
  for (const [field, [min, max]] of Object.entries(HEALTH_RANGES)) {
    const v = out[field];
    if (typeof v === 'number' && (v < min || v > max)) {
      throw clientError(
        `Invalid 'healthCheck' setting for container '${container}'. '${field}' must be between ${min} and ${max}, got ${v}.`,
      );
    }
  }
  return out;
}

function normalisePortMappings(container: string, mappings: Json[], awsvpc: boolean): Json[] {
  return mappings.map((pm) => {
    const containerPort = pm.containerPort as number | undefined;
    if (containerPort !== undefined && (containerPort < 1 || containerPort > 65535)) {
      throw clientError(`Invalid 'containerPort' setting for container '${container}'.`);
    }
    const hostPort = pm.hostPort as number | undefined;
    if (awsvpc && containerPort !== undefined && hostPort !== undefined && hostPort !== containerPort) {
      throw clientError('When networkMode=awsvpc, the host ports and container ports in port mappings must match.');
    }
    const out: Json = { ...pm, protocol: pm.protocol ?? 'tcp' };
    if (containerPort !== undefined && (awsvpc || hostPort === undefined)) out.hostPort = awsvpc ? containerPort : 0;
    return out;
  });
}

function normaliseContainer(c: Json, awsvpc: boolean, taskMemory: number | undefined): Json {
  const name = typeof c.name === 'string' ? c.name : '';
  if (name === '') throw clientError('Container.name should not be null or empty.');
  if (!NAME_PATTERN.test(name)) throw clientError(`Container name '${name}' contains invalid characters.`);
  if (typeof c.image !== 'string' || c.image === '') throw clientError('Container.image should not be null or empty.');
  const memory = c.memory as number | undefined;
  const reservation = c.memoryReservation as number | undefined;
  if (taskMemory === undefined && memory === undefined && reservation === undefined) {
    throw clientError(`Invalid setting for container '${name}'. At least one of 'memory' or 'memoryReservation' must be specified.`);
  }
  if (taskMemory !== undefined && memory !== undefined && memory > taskMemory) {
    throw clientError(`The 'memory' setting for container '${name}' is greater than for the task.`);
  }
  if (memory !== undefined && reservation !== undefined && reservation > memory) {
    throw clientError(`Invalid setting for container '${name}'. 'memoryReservation' must be less than or equal to 'memory'.`);
  }
  const out: Json = {
    ...c,
    cpu: c.cpu ?? 0,
    essential: c.essential ?? true,
    portMappings: normalisePortMappings(name, asList(c.portMappings), awsvpc),
    environment: asList(c.environment),
    mountPoints: asList(c.mountPoints),
    volumesFrom: asList(c.volumesFrom),
  };
  if (has(c.healthCheck)) out.healthCheck = normaliseHealthCheck(name, c.healthCheck as Json);
  return out;
}

export interface RegisteredShape {
  readonly body: Json;
  readonly family: string;
}

/** Checks the input as ECS does and returns the TaskDefinition body (without arn/revision/status/timestamps). */
export function normaliseTaskDefinition(input: Json): RegisteredShape {
  const family = String(input.family);
  checkFamily(family);
  const containers = asList(input.containerDefinitions);
  if (containers.length === 0) throw clientError('Container list cannot be empty.');
  const networkMode = input.networkMode as string | undefined;
  const awsvpc = networkMode === 'awsvpc';
  const requires = asList(input.requiresCompatibilities) as unknown as string[];
  const fargate = requires.includes('FARGATE');

  const cpu = has(input.cpu) ? normaliseCpu(String(input.cpu)) : undefined;
  if (has(input.cpu) && cpu === undefined)
    throw clientError(
      `Invalid 'cpu' setting for task. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.`,
    );
  const memory = has(input.memory) ? normaliseMemory(String(input.memory)) : undefined;
  if (has(input.memory) && memory === undefined)
    throw clientError(
      `Invalid 'memory' setting for task. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.`,
    );
  if (cpu !== undefined && (cpu < 128 || cpu > 196608))
    throw clientError(
      `Invalid 'cpu' setting for task. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.`,
    );

  if (fargate) {
    if (!awsvpc) throw clientError('Fargate only supports network mode ‘awsvpc’.');
    if (cpu === undefined) throw clientError("Fargate requires that 'cpu' be defined at the task level.");
    if (memory === undefined) throw clientError("Fargate requires that 'memory' be defined at the task level.");
    if (!isFargateSize(cpu, memory)) {
      throw clientError(
        `No Fargate configuration exists for given values: ${cpu} CPU, ${memory} memory. See the Amazon ECS documentation for the valid values.`,
      );
    }
    const usesAwslogs = containers.some((c) => (c.logConfiguration as Json | undefined)?.logDriver === 'awslogs');
    if (usesAwslogs && !has(input.executionRoleArn)) {
      throw clientError('Fargate requires task definition to have execution role ARN to support log driver awslogs.');
    }
  }

  const names = new Set<string>();
  const normalised = containers.map((c) => {
    const out = normaliseContainer(c, awsvpc, memory);
    const name = String(out.name);
    if (names.has(name)) throw clientError(`Container names must be unique within a task definition: '${name}' appears more than once.`);
    names.add(name);
    return out;
  });
  if (!normalised.some((c) => c.essential === true)) throw clientError('A task definition must have at least one essential container.');

  const fargateCompatible = awsvpc && cpu !== undefined && memory !== undefined && isFargateSize(cpu, memory);
  const body: Json = {
    family,
    containerDefinitions: normalised,
    volumes: asList(input.volumes),
    placementConstraints: asList(input.placementConstraints),
    compatibilities: fargateCompatible ? ['EC2', 'FARGATE'] : ['EC2'],
    requiresAttributes: [],
  };
  for (const key of [
    'taskRoleArn',
    'executionRoleArn',
    'networkMode',
    'requiresCompatibilities',
    'pidMode',
    'ipcMode',
    'proxyConfiguration',
    'inferenceAccelerators',
    'ephemeralStorage',
    'runtimePlatform',
    'enableFaultInjection',
  ] as const) {
    if (has(input[key])) body[key] = input[key];
  }
  if (cpu !== undefined) body.cpu = String(cpu);
  if (memory !== undefined) body.memory = String(memory);
  return { body, family };
}
