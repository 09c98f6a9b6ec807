// One error type for everything the sandbox answers with: AWS's code, HTTP status and message.
export type ErrorFault = 'Sender' | 'Receiver';

export class AwsError extends Error {
  readonly code: string;
  readonly status: number;
  readonly fault: ErrorFault;
  /** Extra members serialised into the error body (e.g. S3's BucketName, Route 53's messages). */
  readonly extra: Readonly<Record<string, string>>;

  constructor(code: string, message: string, status = 400, extra: Record<string, string> = {}) {
    super(message);
    this.name = code;
    this.code = code;
    this.status = status;
    this.fault = status >= 500 ? 'Receiver' : 'Sender';
    this.extra = extra;
  }
}

export const isAwsError = (e: unknown): e is AwsError => e instanceof AwsError;
