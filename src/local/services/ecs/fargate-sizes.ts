// Fargate task sizes: the cpu/memory pairs AWS accepts, and the string forms ("1 vCPU", "2GB") it normalises.

/** cpu units → allowed memory (MiB): a list, or [min, max, step]. [DG:"Invalid CPU or memory value specified"] */
type Allowed =
  | { readonly kind: 'list'; readonly values: readonly number[] }
  | { readonly kind: 'range'; readonly min: number; readonly max: number; readonly step: number };

const SIZES: ReadonlyMap<number, Allowed> = new Map<number, Allowed>([
  [256, { kind: 'list', values: [512, 1024, 2048] }],
  [512, { kind: 'range', min: 1024, max: 4096, step: 1024 }],
  [1024, { kind: 'range', min: 2048, max: 8192, step: 1024 }],
  [2048, { kind: 'range', min: 4096, max: 16384, step: 1024 }],
  [4096, { kind: 'range', min: 8192, max: 30720, step: 1024 }],
  [8192, { kind: 'range', min: 16384, max: 61440, step: 4096 }],
  [16384, { kind: 'range', min: 32768, max: 122880, step: 8192 }],
]);

export const isFargateSize = (cpu: number, memory: number): boolean => {
  const allowed = SIZES.get(cpu);
  if (allowed === undefined) return false;
  if (allowed.kind === 'list') return allowed.values.includes(memory);
  return memory >= allowed.min && memory <= allowed.max && (memory - allowed.min) % allowed.step === 0;
};

/** "1024", "1 vCPU", "0.5 vcpu" → cpu units; undefined when it is not a cpu value. */
export const normaliseCpu = (raw: string): number | undefined => {
  const text = raw.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const m = /^(\d+(?:\.\d+)?)\s*vcpu$/i.exec(text);
  return m ? Math.round(Number(m[1]) * 1024) : undefined;
};

/** "2048", "2GB", "2 gb" → MiB; undefined when it is not a memory value. */
export const normaliseMemory = (raw: string): number | undefined => {
  const text = raw.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const m = /^(\d+(?:\.\d+)?)\s*gb$/i.exec(text);
  return m ? Math.round(Number(m[1]) * 1024) : undefined;
};
