// The Route 53 calls preview environments make: find the zone, read and change the preview's record.
import type * as r53 from '@aws-sdk/client-route-53';
import type { Call, OperationsOf } from './bind-commands.js';
import type { SeamSpec } from './create-seam.js';

export interface Route53Api {
  readonly getHostedZone: Call<r53.GetHostedZoneCommandInput, r53.GetHostedZoneCommandOutput>;
  readonly listHostedZonesByName: Call<r53.ListHostedZonesByNameCommandInput, r53.ListHostedZonesByNameCommandOutput>;
  readonly listResourceRecordSets: Call<r53.ListResourceRecordSetsCommandInput, r53.ListResourceRecordSetsCommandOutput>;
  readonly changeResourceRecordSets: Call<r53.ChangeResourceRecordSetsCommandInput, r53.ChangeResourceRecordSetsCommandOutput>;
  readonly createHostedZone: Call<r53.CreateHostedZoneCommandInput, r53.CreateHostedZoneCommandOutput>;
}

export const ROUTE53_SEAM: SeamSpec<Route53Api> = {
  service: 'route53',
  clientName: 'Route53Client',
  load: () => import('@aws-sdk/client-route-53'),
  operations: {
    GetHostedZone: true,
    ListHostedZonesByName: true,
    ListResourceRecordSets: true,
    ChangeResourceRecordSets: true,
    CreateHostedZone: true,
  } satisfies OperationsOf<Route53Api>,
};
