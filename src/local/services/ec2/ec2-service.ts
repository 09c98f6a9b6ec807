// Amazon EC2 in the sandbox: the default VPC, VPCs, subnets, security groups, tags, and instances as records.
import type { SandboxEnv } from '../../env.js';
import { loadModel } from '../../model/model.js';
import type { SandboxService } from '../../service.js';
import { addDefaultNetwork } from './default-network.js';
import type { Ec2Context } from './ec2-context.js';
import { emptyState } from './ec2-state.js';
import { instanceHandlers } from './instance-handlers.js';
import { createNetworkDirectory } from './network-directory.js';
import { regionHandlers } from './region-handlers.js';
import { securityGroupHandlers } from './security-group-handlers.js';
import { subnetHandlers } from './subnet-handlers.js';
import { tagHandlers } from './tag-handlers.js';
import { vpcHandlers } from './vpc-handlers.js';

export function createEc2Service(env: SandboxEnv): SandboxService {
  const state = emptyState();
  const defaults = addDefaultNetwork(state, env.accountId, env.region);
  const ctx: Ec2Context = { env, state, region: env.region, accountId: env.accountId, defaults };
  env.seams.network = createNetworkDirectory(ctx);
  return {
    name: 'ec2',
    model: loadModel('ec2'),
    // EC2 reports a missing required member as MissingParameter and other bad values as InvalidParameterValue.
    validation: {
      code: 'InvalidParameterValue',
      missing: { code: 'MissingParameter', message: (name) => `The request must contain the parameter ${name}` },
    },
    handlers: {
      ...vpcHandlers(ctx),
      ...subnetHandlers(ctx),
      ...securityGroupHandlers(ctx),
      ...tagHandlers(ctx),
      ...instanceHandlers(ctx),
      ...regionHandlers(ctx),
    },
  };
}
