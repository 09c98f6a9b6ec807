// The error code AWS answers, per service and kind of constraint violated, for the conformance run (conformance.py).
//
// Where the codes come from (botocore's error shapes, AWS's API references and answers AWS gave clients in public bug
// reports; a set lists every code AWS is known to answer in that place):
// - JSON services built on AWS's common validation answer `ValidationException` with "N validation error(s)
//   detected: Value ... at '...' failed to satisfy constraint: ..." (SSM, Secrets Manager, Application Auto Scaling,
//   EventBridge, EventBridge Scheduler; CodeDeploy too, unconfirmed: no public answer of its to a model violation was
//   found, and the checks it makes itself answer its own codes such as ApplicationNameRequiredException).
// - CloudWatch Logs and ECR answer the same check with `InvalidParameterException` (their models' error shape).
// - ECS has no ValidationException shape: it answers `InvalidParameterException`, or `ClientException` where the
//   request names nothing that could exist ("Container.name should not be null or empty."); which of the two AWS
//   answers a given model violation is not documented, so both are accepted (the sandbox answers the first).
// - Query services: IAM, STS and ELBv2 answer `ValidationError` for every constraint, a missing member included
//   ("Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null").
// - CloudWatch answers a missing member with `MissingParameter` ("The parameter Namespace is required.", its model's
//   MissingRequiredParameterException) and a violated bound or enum with `ValidationError`.
// - EC2 answers a missing member with `MissingParameter` ("The request must contain the parameter X") and a value it
//   refuses with `InvalidParameterValue`.
// - Route 53 answers `InvalidInput` for every constraint.
// - S3 does not validate against the model: a bad header or query value is `InvalidArgument` (a storage class
//   `InvalidStorageClass`), an XML body that does not fit the schema `MalformedXML` (an absent body
//   `MissingRequestBodyError`, a bucket's location constraint `InvalidLocationConstraint`), a HEAD request's error has no body
//   (botocore reports the bare status, "400"). A required query or header member that is absent makes the request
//   another operation (DELETE /bucket/key without uploadId is DeleteObject): AWS answers what that operation answers,
//   here `NoSuchBucket` or `MethodNotAllowed`, which the run accepts as it is.
// - Operations a served service does not implement: `InvalidAction` on the Query protocols (what AWS answers an
//   unknown Action), `UnknownOperationException` on the JSON and REST protocols (boto3 speaks JSON to CloudWatch). Services not served at all:
//   `NotImplemented` in the protocol their clients parse (nothing AWS answers: the endpoint is not that service).

export type CaseKind =
  | 'valid'
  | 'missing'
  | 'enum'
  | 'min-length'
  | 'max-length'
  | 'min-value'
  | 'max-value'
  | 'unserved-operation'
  | 'unserved-service'
  | 'not-sent';

export interface Row {
  readonly service: string;
  readonly operation: string;
  readonly case: string;
  readonly kind: CaseKind;
  /** Where the case's top-level member travels: uri, querystring, header, payload (the body itself) or body. */
  readonly where: string;
  /** The protocol boto3 spoke (botocore's resolved protocol: CloudWatch's clients speak JSON, not Query). */
  readonly protocol: string;
  readonly got: string;
  readonly status?: number;
  readonly message?: string;
}

interface ServiceCodes {
  readonly missing: readonly string[];
  readonly invalid: readonly string[];
}

const SAME = (codes: readonly string[]): ServiceCodes => ({ missing: codes, invalid: codes });

export const VALIDATION_CODES: Readonly<Record<string, ServiceCodes>> = {
  ssm: SAME(['ValidationException']),
  secretsmanager: SAME(['ValidationException']),
  'application-autoscaling': SAME(['ValidationException']),
  events: SAME(['ValidationException']),
  scheduler: SAME(['ValidationException']),
  codedeploy: SAME(['ValidationException']),
  logs: SAME(['InvalidParameterException']),
  ecr: SAME(['InvalidParameterException']),
  ecs: SAME(['InvalidParameterException', 'ClientException']),
  iam: SAME(['ValidationError']),
  sts: SAME(['ValidationError']),
  elbv2: SAME(['ValidationError']),
  cloudwatch: { missing: ['MissingParameter'], invalid: ['ValidationError'] },
  ec2: { missing: ['MissingParameter'], invalid: ['InvalidParameterValue'] },
  route53: SAME(['InvalidInput']),
};

/** S3's answers depend on where the member travels. */
function s3Codes(row: Row): readonly string[] {
  if (row.operation.startsWith('Head')) return ['400'];
  const member = row.case.split(' ')[1];
  if (member === 'StorageClass') return ['InvalidStorageClass'];
  if (member === 'CreateBucketConfiguration.LocationConstraint') return ['InvalidLocationConstraint'];
  if (row.where === 'payload' || row.where === 'body') {
    return row.kind === 'missing' && !row.case.includes('.') ? ['MalformedXML', 'MissingRequestBodyError'] : ['MalformedXML'];
  }
  if (row.kind === 'missing') return ['InvalidArgument', 'NoSuchBucket', 'MethodNotAllowed'];
  return ['InvalidArgument'];
}

/** The codes AWS would answer for this row, or undefined when the row checks nothing (valid requests, unsent ones). */
export function expectedCodes(row: Row): readonly string[] | undefined {
  switch (row.kind) {
    case 'valid':
    case 'not-sent':
      return undefined;
    case 'unserved-service':
      return ['NotImplemented'];
    case 'unserved-operation':
      // Signed for S3 endpoints the sandbox does not serve (directory buckets, S3 Object Lambda): unserved services.
      if (row.service === 's3' && (row.operation === 'ListDirectoryBuckets' || row.operation === 'WriteGetObjectResponse'))
        return ['NotImplemented'];
      return row.protocol === 'query' || row.protocol === 'ec2' ? ['InvalidAction'] : ['UnknownOperationException'];
    default: {
      if (row.service === 's3') return s3Codes(row);
      const codes = VALIDATION_CODES[row.service];
      if (!codes) return ['(no expectation for this service)'];
      return row.kind === 'missing' ? codes.missing : codes.invalid;
    }
  }
}
