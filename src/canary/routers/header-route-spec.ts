// The `canary.header_route` settings: who reaches the canary before any weighted traffic, and for how long.

export interface HeaderRouteSpec {
  /** The HTTP header the listener rule matches (`Cookie` for a cookie route). */
  readonly header: string;
  /** ALB condition values (case-insensitive, `*` and `?` wildcards), 1–5 of them. */
  readonly values: readonly string[];
  /** How long the header-only step lasts before the first weighted step. */
  readonly durationMs: number;
  /** What a tester sends, in words: `header X-Canary: always` or `cookie canary=always`. */
  readonly describe: string;
}
