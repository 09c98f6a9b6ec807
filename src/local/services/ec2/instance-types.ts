// vCPUs and memory of an instance type, as ECS registers a container instance's resources from them.

export interface InstanceSize {
  readonly vcpus: number;
  readonly memoryMiB: number;
}

/** Sizes by suffix for general-purpose families (m5.large: 2 vCPU, 8 GiB); burstable types are listed. */
const BY_SIZE: Readonly<Record<string, InstanceSize>> = {
  nano: { vcpus: 2, memoryMiB: 512 },
  micro: { vcpus: 2, memoryMiB: 1024 },
  small: { vcpus: 2, memoryMiB: 2048 },
  medium: { vcpus: 2, memoryMiB: 4096 },
  large: { vcpus: 2, memoryMiB: 8192 },
  xlarge: { vcpus: 4, memoryMiB: 16384 },
};

const EXACT: Readonly<Record<string, InstanceSize>> = {
  't2.nano': { vcpus: 1, memoryMiB: 512 },
  't2.micro': { vcpus: 1, memoryMiB: 1024 },
  't2.small': { vcpus: 1, memoryMiB: 2048 },
  'c5.large': { vcpus: 2, memoryMiB: 4096 },
  'c6g.large': { vcpus: 2, memoryMiB: 4096 },
  'c7g.large': { vcpus: 2, memoryMiB: 4096 },
  'r5.large': { vcpus: 2, memoryMiB: 16384 },
};

/** Compute-optimised families have half the memory per vCPU, memory-optimised twice. */
const FAMILY_MEMORY_FACTOR = (family: string): number => (/^c\d/.test(family) ? 0.5 : /^[rx]\d/.test(family) ? 2 : 1);

export function instanceSize(type: string): InstanceSize {
  const exact = EXACT[type];
  if (exact) return exact;
  const [family = '', size = ''] = type.split('.');
  const base = BY_SIZE[size];
  if (base)
    return {
      vcpus: base.vcpus,
      memoryMiB: Math.round(base.memoryMiB * (size === 'large' || size === 'xlarge' ? FAMILY_MEMORY_FACTOR(family) : 1)),
    };
  const n = /^(\d+)xlarge$/.exec(size);
  if (n) return { vcpus: 4 * Number(n[1]), memoryMiB: 16384 * Number(n[1]) * FAMILY_MEMORY_FACTOR(family) };
  return { vcpus: 2, memoryMiB: 4096 };
}
