// S3, path-style (restXml): buckets, objects with conditional reads and writes, listings and multipart uploads.
import type { SandboxEnv } from '../../env.js';
import { loadModel } from '../../model/model.js';
import type { SandboxService } from '../../service.js';
import { createS3Store, restoreS3, snapshotS3, type S3Snapshot } from './object-store.js';
import { bucketHandlers } from './s3-bucket-handlers.js';
import { multipartHandlers } from './s3-multipart-handlers.js';
import { MALFORMED_XML } from './s3-errors.js';
import { objectHandlers } from './s3-object-handlers.js';

export function createS3Service(env: SandboxEnv): SandboxService {
  const store = createS3Store();
  const now = () => env.clock.now().getTime();
  return {
    name: 's3',
    model: loadModel('s3'),
    // S3 reports malformed or out-of-range arguments as InvalidArgument (it has no "1 validation error" style), and an
    // XML body that does not fit its schema as MalformedXML.
    validation: {
      code: 'InvalidArgument',
      body: { code: 'MalformedXML', message: MALFORMED_XML },
      members: {
        StorageClass: { code: 'InvalidStorageClass', message: 'The storage class you specified is not valid' },
        'CreateBucketConfiguration.LocationConstraint': {
          code: 'InvalidLocationConstraint',
          message: 'The specified location-constraint is not valid',
        },
      },
    },
    handlers: { ...bucketHandlers(store, now, env.accountId), ...objectHandlers(store, now), ...multipartHandlers(store, now) },
    snapshot: () => snapshotS3(store),
    restore: (state) => restoreS3(store, state as S3Snapshot),
  };
}
