// S3's error codes, statuses and messages, with the extra members (BucketName, Key, Condition, ...) S3 puts in <Error>.
import { AwsError } from '../../aws-error.js';

export const noSuchBucket = (bucket: string): AwsError =>
  new AwsError('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: bucket });

export const noSuchKey = (key: string): AwsError => new AwsError('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });

export const noSuchUpload = (uploadId: string): AwsError =>
  new AwsError(
    'NoSuchUpload',
    'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
    404,
    { UploadId: uploadId },
  );

export const preconditionFailed = (condition: string): AwsError =>
  new AwsError('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, { Condition: condition });

/** S3 answers 304 with an empty body; the code is what botocore reports for it. */
export const notModified = (): AwsError => new AwsError('NotModified', 'Not Modified', 304);

export const invalidArgument = (message: string, name: string, value: string): AwsError =>
  new AwsError('InvalidArgument', message, 400, { ArgumentName: name, ArgumentValue: value });

export const MALFORMED_XML = 'The XML you provided was not well-formed or did not validate against our published schema';

/** A request body that is not XML, or not XML of the operation's schema. */
export const malformedXml = (): AwsError => new AwsError('MalformedXML', MALFORMED_XML, 400);

export const invalidRequest = (message: string): AwsError => new AwsError('InvalidRequest', message, 400);

export const invalidRange = (range: string, size: number): AwsError =>
  new AwsError('InvalidRange', 'The requested range is not satisfiable', 416, { RangeRequested: range, ActualObjectSize: String(size) });

export const badDigest = (what: string): AwsError =>
  new AwsError('BadDigest', `The ${what} you specified did not match the calculated checksum.`, 400);
