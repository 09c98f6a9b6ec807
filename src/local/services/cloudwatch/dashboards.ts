// CloudWatch dashboards: PutDashboard (body checked like CloudWatch's schema check), GetDashboard, ListDashboards, DeleteDashboards.
import { AwsError } from '../../aws-error.js';
import { paginate } from '../../paginate.js';
import type { Handler } from '../../service.js';
import { invalidNextToken } from './cloudwatch-errors.js';
import type { TagList } from './resource-tags.js';

export interface Dashboard {
  readonly name: string;
  readonly arn: string;
  readonly body: string;
  readonly lastModified: number;
  tags: TagList;
}

export type DashboardStore = Map<string, Dashboard>;

export interface DashboardMessage {
  readonly DataPath: string;
  readonly Message: string;
}

const WIDGET_TYPES = ['metric', 'text', 'log', 'alarm', 'explorer', 'custom'];
const TOP_LEVEL = ['widgets', 'start', 'end', 'periodOverride', 'variables'];
const NAME = /^[A-Za-z0-9_-]{1,255}$/;
const LIST_PAGE = 1000;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The body's errors (the put fails) and warnings (the put succeeds and returns them), CloudWatch's data paths. */
export function checkDashboardBody(body: string): { errors: DashboardMessage[]; warnings: DashboardMessage[] } {
  const errors: DashboardMessage[] = [];
  const warnings: DashboardMessage[] = [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { errors: [{ DataPath: '', Message: 'Should be valid JSON' }], warnings };
  }
  if (!isObject(parsed)) return { errors: [{ DataPath: '', Message: 'Should be object' }], warnings };
  for (const key of Object.keys(parsed))
    if (!TOP_LEVEL.includes(key)) warnings.push({ DataPath: `/${key}`, Message: 'Should NOT have additional properties' });
  const widgets = parsed.widgets;
  if (widgets === undefined) errors.push({ DataPath: '', Message: "Should have required property 'widgets'" });
  else if (!Array.isArray(widgets)) errors.push({ DataPath: '/widgets', Message: 'Should be array' });
  else if (widgets.length > 500) errors.push({ DataPath: '/widgets', Message: 'Should NOT have more than 500 items' });
  else
    widgets.forEach((w: unknown, i) => {
      const at = `/widgets/${i}`;
      if (!isObject(w)) return void errors.push({ DataPath: at, Message: 'Should be object' });
      if (w.type === undefined) errors.push({ DataPath: at, Message: "Should have required property 'type'" });
      else if (!WIDGET_TYPES.includes(String(w.type)))
        errors.push({ DataPath: `${at}/type`, Message: 'Should be equal to one of the allowed values' });
      if (w.properties === undefined && w.type !== undefined && w.type !== 'text' && w.type !== 'explorer')
        errors.push({ DataPath: at, Message: "Should have required property 'properties'" });
      else if (w.properties !== undefined && !isObject(w.properties))
        errors.push({ DataPath: `${at}/properties`, Message: 'Should be object' });
      const bounds: Record<string, [number, number]> = { x: [0, 23], y: [0, 10_000], width: [1, 24], height: [1, 1000] };
      for (const [k, [lo, hi]] of Object.entries(bounds)) {
        const v = w[k];
        if (v === undefined) continue;
        if (typeof v !== 'number' || !Number.isInteger(v)) errors.push({ DataPath: `${at}/${k}`, Message: 'Should be integer' });
        else if (v < lo) errors.push({ DataPath: `${at}/${k}`, Message: `Should be >= ${lo}` });
        else if (v > hi) errors.push({ DataPath: `${at}/${k}`, Message: `Should be <= ${hi}` });
      }
      const metrics = isObject(w.properties) ? w.properties.metrics : undefined;
      if (w.type === 'metric' && metrics !== undefined && !Array.isArray(metrics))
        errors.push({ DataPath: `${at}/properties/metrics`, Message: 'Should be array' });
    });
  return { errors, warnings };
}

const invalidInput = (message: string): AwsError => new AwsError('InvalidParameterInput', message);

export function dashboardHandlers(store: DashboardStore, arnOf: (name: string) => string): Record<string, Handler> {
  return {
    PutDashboard: (input, ctx) => {
      const name = String(input.DashboardName);
      if (!NAME.test(name))
        throw invalidInput(
          'The value for field DashboardName contains invalid characters. It can only contain alphanumerics, dash (-) and underscore (_).',
        );
      const body = String(input.DashboardBody);
      const { errors, warnings } = checkDashboardBody(body);
      if (errors.length > 0) {
        const listed = JSON.stringify(errors.map((e) => ({ dataPath: e.DataPath, message: e.Message })));
        throw invalidInput(`The dashboard body is invalid, there are ${errors.length} validation errors: ${listed}`);
      }
      // As for alarms, tags are taken when the dashboard is created; an update keeps the ones it has.
      const tags = store.get(name)?.tags ?? (input.Tags as TagList | undefined) ?? [];
      store.set(name, { name, arn: arnOf(name), body, lastModified: ctx.now().getTime(), tags });
      return { DashboardValidationMessages: warnings };
    },
    GetDashboard: (input) => {
      const name = String(input.DashboardName);
      const d = store.get(name);
      if (!d) throw new AwsError('ResourceNotFound', `Dashboard ${name} does not exist`, 404);
      return { DashboardArn: d.arn, DashboardBody: d.body, DashboardName: d.name };
    },
    ListDashboards: (input) => {
      const prefix = (input.DashboardNamePrefix as string | undefined) ?? '';
      const all = [...store.values()].filter((d) => d.name.startsWith(prefix)).sort((a, b) => (a.name < b.name ? -1 : 1));
      const page = paginate(
        all,
        { nextToken: input.NextToken },
        { defaultSize: LIST_PAGE, maxSize: LIST_PAGE, badToken: invalidNextToken },
        prefix,
      );
      return {
        DashboardEntries: page.items.map((d) => ({
          DashboardName: d.name,
          DashboardArn: d.arn,
          LastModified: new Date(d.lastModified),
          Size: Buffer.byteLength(d.body),
        })),
        ...(page.nextToken ? { NextToken: page.nextToken } : {}),
      };
    },
    // All or nothing: one name that does not exist fails the call and deletes none.
    DeleteDashboards: (input) => {
      const names = input.DashboardNames as string[];
      const missing = names.filter((n) => !store.has(n));
      if (missing.length > 0) throw new AwsError('ResourceNotFound', 'The specified dashboard does not exist.', 404);
      for (const n of names) store.delete(n);
      return {};
    },
  };
}
