// A metric is its namespace, name and dimension set; the set is order-insensitive, so it is kept sorted by name.
export interface Dimension {
  readonly Name: string;
  readonly Value: string;
}

export interface MetricIdentity {
  readonly namespace: string;
  readonly name: string;
  /** Sorted by Name. */
  readonly dimensions: readonly Dimension[];
}

export const sortDimensions = (dims: readonly Dimension[] | undefined): Dimension[] =>
  [...(dims ?? [])].map((d) => ({ Name: d.Name, Value: d.Value })).sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));

export const identityOf = (namespace: string, name: string, dims: readonly Dimension[] | undefined): MetricIdentity => ({
  namespace,
  name,
  dimensions: sortDimensions(dims),
});

export const metricKey = (m: MetricIdentity): string => JSON.stringify([m.namespace, m.name, m.dimensions.map((d) => [d.Name, d.Value])]);

/** The API's Metric shape (Namespace, MetricName, Dimensions). */
export const toApiMetric = (m: MetricIdentity): Record<string, unknown> => ({
  Namespace: m.namespace,
  MetricName: m.name,
  Dimensions: m.dimensions.map((d) => ({ Name: d.Name, Value: d.Value })),
});

export interface DimensionFilter {
  readonly Name: string;
  readonly Value?: string;
}

/** ListMetrics: a metric matches when it carries every filtered dimension (with the value, when one is given). */
export const matchesDimensionFilters = (m: MetricIdentity, filters: readonly DimensionFilter[]): boolean =>
  filters.every((f) => m.dimensions.some((d) => d.Name === f.Name && (f.Value === undefined || d.Value === f.Value)));

/** The first duplicated dimension name, if any (CloudWatch rejects a set that names one twice). */
export function duplicateDimension(dims: readonly Dimension[] | undefined): string | undefined {
  const seen = new Set<string>();
  for (const d of dims ?? []) {
    if (seen.has(d.Name)) return d.Name;
    seen.add(d.Name);
  }
  return undefined;
}
