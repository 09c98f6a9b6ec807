// A problem with a metric math expression; the caller turns it into CloudWatch's ValidationError for the query.
export class MathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MathError';
  }
}
