// The demo app's own load, counted as nginx's stub_status and a Prometheus exporter report it, so load sources can poll tasks.

/** Upper bounds (seconds) of the request-duration histogram: Prometheus client libraries' default buckets. */
export const DURATION_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface LoadStats {
  /** A client connection was accepted; returns the function to call when it closes. */
  connectionOpened(): () => void;
  /** A request's headers were read; `counted` requests also feed the Prometheus metrics. Returns the function to call when its response finished. */
  requestStarted(counted: boolean): (status: number, seconds: number) => void;
  nginxStatus(): string;
  prometheus(): string;
}

export function createLoadStats(): LoadStats {
  let accepts = 0;
  let active = 0;
  let requests = 0;
  /** Every request between its headers and the end of its response (nginx's "Writing"). */
  let writing = 0;
  /** Requests of the app itself (not /health, /metrics, /nginx_status). */
  let inFlight = 0;
  const byCode = new Map<number, number>();
  const buckets = DURATION_BUCKETS.map(() => 0);
  let count = 0;
  let sum = 0;

  return {
    connectionOpened() {
      accepts++;
      active++;
      let closed = false;
      return () => {
        if (closed) return;
        closed = true;
        active--;
      };
    },
    requestStarted(counted) {
      requests++;
      writing++;
      if (counted) inFlight++;
      let done = false;
      return (status, seconds) => {
        if (done) return;
        done = true;
        writing--;
        if (!counted) return;
        inFlight--;
        byCode.set(status, (byCode.get(status) ?? 0) + 1);
        count++;
        sum += seconds;
        DURATION_BUCKETS.forEach((le, i) => {
          if (seconds <= le) buckets[i]!++;
        });
      };
    },
    // Node parses a request's headers before the app sees it, so no connection is ever counted as Reading.
    nginxStatus: () =>
      `Active connections: ${active} \nserver accepts handled requests\n ${accepts} ${accepts} ${requests} \n` +
      `Reading: 0 Writing: ${writing} Waiting: ${Math.max(0, active - writing)} \n`,
    prometheus() {
      const lines = [
        '# HELP http_requests_in_flight Requests the app is serving now (not /health, /metrics, /nginx_status).',
        '# TYPE http_requests_in_flight gauge',
        `http_requests_in_flight ${inFlight}`,
        '# HELP http_requests_total Requests the app answered, by status code.',
        '# TYPE http_requests_total counter',
        ...[...byCode].sort(([a], [b]) => a - b).map(([code, n]) => `http_requests_total{code="${code}"} ${n}`),
        '# HELP http_request_duration_seconds Time from the request headers to the end of the response.',
        '# TYPE http_request_duration_seconds histogram',
        ...DURATION_BUCKETS.map((le, i) => `http_request_duration_seconds_bucket{le="${le}"} ${buckets[i]!}`),
        `http_request_duration_seconds_bucket{le="+Inf"} ${count}`,
        `http_request_duration_seconds_sum ${sum}`,
        `http_request_duration_seconds_count ${count}`,
      ];
      return `${lines.join('\n')}\n`;
    },
  };
}
