// Reads the member names of ECS's task, service and Express service definition inputs from the SDK's own schemas (what src/config/shape/ecs-fields.ts holds).
import * as ecs from '@aws-sdk/client-ecs';

type SchemaRef = unknown;

/** Struct name → member → what it holds: '' a scalar, 'S' struct S, '[S]' a list of S, '[]' a list of scalars, '{S}' a map of S, '{}' a map of scalars. */
export type FieldTree = Record<string, Record<string, string>>;

const ROOTS = ['RegisterTaskDefinitionRequest', 'CreateServiceRequest', 'CreateExpressGatewayServiceRequest'] as const;

function resolve(ref: SchemaRef): SchemaRef {
  let r = ref;
  for (;;) {
    if (typeof r === 'function') r = (r as () => SchemaRef)();
    else if (Array.isArray(r) && r.length === 2 && (typeof r[0] === 'function' || typeof r[0] === 'number')) r = r[0];
    else return r;
  }
}

export function fieldTree(): FieldTree {
  const tree: FieldTree = {};
  const describe = (ref: SchemaRef): string => {
    const r = resolve(ref);
    if (typeof r === 'number') return (r & 64) !== 0 ? '[]' : (r & 128) !== 0 ? '{}' : '';
    if (!Array.isArray(r)) return '';
    const kind = r[0] as number;
    if (kind === 0) return '';
    if (kind === 1) {
      const of = describe(r[4]);
      return of === '' ? '[]' : `[${of}]`;
    }
    if (kind === 2) {
      const of = describe(r[5]);
      return of === '' ? '{}' : `{${of}}`;
    }
    if (kind === 3 || kind === 4) {
      walk(r);
      return r[2] as string;
    }
    return '';
  };
  const walk = (s: readonly unknown[]): void => {
    const name = s[2] as string;
    if (tree[name]) return;
    const members: Record<string, string> = {};
    tree[name] = members;
    const names = s[4] as readonly string[];
    const refs = s[5] as readonly SchemaRef[];
    names.forEach((m, i) => {
      members[m] = describe(refs[i]);
    });
  };
  const schemas = ecs as unknown as Record<string, readonly unknown[]>;
  for (const root of ROOTS) walk(schemas[`${root}$`]!);
  return tree;
}

function wrap(items: readonly string[], indent: string, width = 140): string[] {
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    if (line && indent.length + line.length + item.length + 1 > width) {
      lines.push(`${indent}${line}`);
      line = '';
    }
    line = line ? `${line} ${item}` : item;
  }
  if (line) lines.push(`${indent}${line}`);
  return lines;
}

/** The generated module's text. */
export function fieldTreeModule(tree: FieldTree, sdkVersion: string): string {
  const structs = Object.entries(tree).flatMap(([name, members]) => {
    const items = Object.entries(members).map(([m, t]) => `${m}: '${t}',`);
    const one = `  ${name}: { ${items.join(' ')} },`;
    return one.length <= 140 ? [one] : [`  ${name}: {`, ...wrap(items, '    '), '  },'];
  });
  return [
    `// Generated from @aws-sdk/client-ecs ${sdkVersion}'s schemas by scripts/gen-definition-fields.ts (do not edit): every field a definition may hold.`,
    "/** Struct → member → what it holds: '' a scalar, 'S' struct S, '[S]' a list of S, '[]' a list of scalars, '{S}' a map of S, '{}' a map of scalars. */",
    'export const ECS_FIELDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {',
    ...structs,
    '};',
    '',
  ].join('\n');
}
