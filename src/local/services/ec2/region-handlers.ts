// DescribeAvailabilityZones, DescribeRegions, DescribeAccountAttributes: the sandbox's zones and a few account facts.
import type { Handler } from '../../service.js';
import { ZONE_LETTERS, zoneId, zoneName } from './default-network.js';
import type { Ec2Context } from './ec2-context.js';
import { strings } from './ec2-context.js';
import { applyFilters } from './ec2-filters.js';

/** Regions DescribeRegions lists (opted in by default); the sandbox answers any region a request is signed for. */
const REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'eu-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-north-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-south-1',
  'sa-east-1',
];

export function regionHandlers(ctx: Ec2Context): Record<string, Handler> {
  return {
    DescribeAvailabilityZones(input) {
      const zones = ZONE_LETTERS.map((_, i) => ({
        ZoneName: zoneName(ctx.region, i),
        ZoneId: zoneId(ctx.region, i),
        State: 'available',
        OptInStatus: 'opt-in-not-required',
        Messages: [],
        RegionName: ctx.region,
        GroupName: ctx.region,
        NetworkBorderGroup: ctx.region,
        ZoneType: 'availability-zone',
      }));
      const names = strings(input.ZoneNames);
      const ids = strings(input.ZoneIds);
      const chosen = zones.filter(
        (z) => (names.length === 0 || names.includes(z.ZoneName)) && (ids.length === 0 || ids.includes(z.ZoneId)),
      );
      const hits = applyFilters(
        chosen,
        input.Filters,
        ['zone-name', 'zone-id', 'state', 'region-name', 'zone-type', 'opt-in-status', 'group-name'],
        (z) => ({
          'zone-name': [z.ZoneName],
          'zone-id': [z.ZoneId],
          state: [z.State],
          'region-name': [z.RegionName],
          'zone-type': [z.ZoneType],
          'opt-in-status': [z.OptInStatus],
          'group-name': [z.GroupName],
        }),
        () => undefined,
      );
      return { AvailabilityZones: hits };
    },

    DescribeRegions(input) {
      const names = strings(input.RegionNames);
      const all = [...new Set([...REGIONS, ctx.region])].map((r) => ({
        RegionName: r,
        Endpoint: `ec2.${r}.amazonaws.com`,
        OptInStatus: 'opt-in-not-required',
      }));
      const chosen = names.length > 0 ? all.filter((r) => names.includes(r.RegionName)) : all;
      const hits = applyFilters(
        chosen,
        input.Filters,
        ['region-name', 'endpoint', 'opt-in-status'],
        (r) => ({ 'region-name': [r.RegionName], endpoint: [r.Endpoint], 'opt-in-status': [r.OptInStatus] }),
        () => undefined,
      );
      return { Regions: hits };
    },

    DescribeAccountAttributes(input) {
      const values: Record<string, string[]> = {
        'supported-platforms': ['VPC'],
        'default-vpc': [ctx.defaults.vpcId],
        'max-instances': ['20'],
        'vpc-max-security-groups-per-interface': ['5'],
        'max-elastic-ips': ['5'],
        'vpc-max-elastic-ips': ['5'],
      };
      const names = strings(input.AttributeNames);
      const chosen = names.length > 0 ? names.filter((n) => n in values) : Object.keys(values);
      return {
        AccountAttributes: chosen.map((n) => ({ AttributeName: n, AttributeValues: values[n]!.map((v) => ({ AttributeValue: v })) })),
      };
    },
  };
}
