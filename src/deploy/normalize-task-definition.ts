// Puts a task definition (from a file or from DescribeTaskDefinition) in one canonical form, so a diff shows only real changes.
import type { ContainerDefinition, TaskDefinition, Tag } from '@aws-sdk/client-ecs';
import type { TaskDefinitionInput } from '../config/definitions.js';
import { byJson, type Json, prune, sortBy } from '../diff/prune.js';

/** The RegisterTaskDefinition fields a described task definition maps back to. */
const INPUT_FIELDS = [
  'family',
  'taskRoleArn',
  'executionRoleArn',
  'networkMode',
  'containerDefinitions',
  'volumes',
  'placementConstraints',
  'requiresCompatibilities',
  'cpu',
  'memory',
  'pidMode',
  'ipcMode',
  'proxyConfiguration',
  'inferenceAccelerators',
  'ephemeralStorage',
  'runtimePlatform',
  'enableFaultInjection',
] as const;

/** DescribeTaskDefinition's answer as a RegisterTaskDefinition input (read-only fields dropped). */
export function taskDefinitionAsInput(td: TaskDefinition, tags?: readonly Tag[]): TaskDefinitionInput {
  const out: Record<string, unknown> = {};
  for (const k of INPUT_FIELDS) if (td[k] !== undefined) out[k] = td[k];
  if (tags && tags.length) out.tags = tags;
  return out as unknown as TaskDefinitionInput;
}

/** "1 vCPU" → "1024", "0.5 vcpu" → "512"; "1 GB" / "1GB" → "1024"; numbers stay. */
export function cpuUnits(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const m = /^\s*([\d.]+)\s*vcpu\s*$/i.exec(v);
  return m ? String(Math.round(Number(m[1]) * 1024)) : v.trim();
}

export function memoryMiB(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const gb = /^\s*([\d.]+)\s*gb\s*$/i.exec(v);
  if (gb) return String(Math.round(Number(gb[1]) * 1024));
  const mb = /^\s*([\d.]+)\s*mb\s*$/i.exec(v);
  return mb ? mb[1]! : v.trim();
}

function normalizeContainer(c: ContainerDefinition, awsvpc: boolean): Record<string, unknown> {
  return {
    ...c,
    essential: c.essential ?? true,
    cpu: c.cpu === 0 ? undefined : c.cpu,
    portMappings: sortBy(
      c.portMappings?.map((p) => ({
        ...p,
        protocol: p.protocol ?? 'tcp',
        hostPort: p.hostPort ?? (awsvpc ? p.containerPort : undefined),
      })),
      byJson,
    ),
    environment: sortBy(c.environment, (e) => e.name ?? ''),
    secrets: sortBy(c.secrets, (e) => e.name ?? ''),
    mountPoints: sortBy(c.mountPoints, byJson),
    volumesFrom: sortBy(c.volumesFrom, byJson),
    environmentFiles: sortBy(c.environmentFiles, byJson),
    ulimits: sortBy(c.ulimits, (u) => u.name ?? ''),
    extraHosts: sortBy(c.extraHosts, byJson),
    systemControls: sortBy(c.systemControls, byJson),
    dependsOn: sortBy(c.dependsOn, (d) => d.containerName ?? ''),
  };
}

/** Pure: AWS defaults filled, order-free lists sorted, empty values removed, ignored tags dropped. */
export function normalizeTaskDefinition(td: TaskDefinitionInput, ignoreTags: readonly string[] = []): Json {
  const awsvpc = td.networkMode === 'awsvpc';
  return (
    prune({
      ...td,
      networkMode: td.networkMode ?? 'bridge',
      cpu: cpuUnits(td.cpu),
      memory: memoryMiB(td.memory),
      containerDefinitions: sortBy(
        td.containerDefinitions?.map((c) => normalizeContainer(c, awsvpc)),
        (c) => String(c.name ?? ''),
      ),
      requiresCompatibilities: td.requiresCompatibilities ? [...td.requiresCompatibilities].sort() : undefined,
      volumes: sortBy(td.volumes, (v) => v.name ?? ''),
      placementConstraints: sortBy(td.placementConstraints, byJson),
      tags: sortBy(
        td.tags?.filter((t) => !ignoreTags.includes(t.key ?? '')),
        (t) => t.key ?? '',
      ),
      proxyConfiguration: td.proxyConfiguration
        ? { ...td.proxyConfiguration, properties: sortBy(td.proxyConfiguration.properties, (p) => p.name ?? '') }
        : undefined,
    }) ?? {}
  );
}
