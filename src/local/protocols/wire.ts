// What a protocol adapter produces: an HTTP answer, before the server writes it.
export interface WireResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer | string;
  /** The AWS error code when this is an error answer (for the call log). */
  readonly errorCode?: string;
}

export const xmlEscape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** AWS's ISO 8601 form with milliseconds, as the XML protocols serialise timestamps. */
export const isoTimestamp = (d: Date): string => d.toISOString();

export const toDate = (v: unknown): Date | undefined => {
  if (v instanceof Date) return v;
  if (typeof v === 'number') return new Date(v * 1000);
  if (typeof v === 'string') {
    const n = Number(v);
    const d = Number.isFinite(n) && /^\d+(\.\d+)?$/.test(v) ? new Date(n * 1000) : new Date(v);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  return undefined;
};
