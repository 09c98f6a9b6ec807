// What every preview operation is given: the AWS seam, the config, where to report, and the clock every wait runs on.
import type { Clock } from '../core/clock.js';
import type { IoHost } from '../core/io-host.js';
import type { PreviewConfig } from './preview-config.js';
import type { PreviewAws } from './preview-aws.js';

export interface PreviewDeps {
  readonly aws: PreviewAws;
  readonly config: PreviewConfig;
  readonly io: IoHost;
  readonly clock: Clock;
}
