// The pure parts of EC2 and the EC2 launch type: CIDR blocks, filters, zone ids, instance sizes, task placement.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { contains, overlaps, parseBlock } from '../../../src/local/services/ec2/ipv4-cidr.js';
import { applyFilters } from '../../../src/local/services/ec2/ec2-filters.js';
import { regionCode, zoneId } from '../../../src/local/services/ec2/default-network.js';
import { instanceSize } from '../../../src/local/services/ec2/instance-types.js';
import { place, type Candidate } from '../../../src/local/services/ecs/task-placement.js';

describe('EC2 pure parts', () => {
  it('parses aligned IPv4 blocks only, and tells containment and overlap', () => {
    assert.deepEqual(parseBlock('10.0.0.0/16'), { start: 10 * 2 ** 24, prefix: 16, size: 65536 });
    assert.equal(parseBlock('10.0.0.1/16'), undefined);
    assert.equal(parseBlock('10.0.0.0/33'), undefined);
    assert.equal(parseBlock('300.0.0.0/8'), undefined);
    const vpc = parseBlock('10.0.0.0/16')!;
    assert.ok(contains(vpc, parseBlock('10.0.255.0/24')!));
    assert.ok(!contains(vpc, parseBlock('10.1.0.0/24')!));
    assert.ok(overlaps(parseBlock('10.0.1.0/24')!, parseBlock('10.0.1.128/25')!));
    assert.ok(!overlaps(parseBlock('10.0.1.0/24')!, parseBlock('10.0.2.0/24')!));
  });

  it('filters: names AND, values OR, wildcards, tag filters, unknown names refused', () => {
    const items = [
      { id: 'a', zone: 'us-east-1a', tags: new Map([['env', 'prod']]) },
      { id: 'b', zone: 'us-east-1b', tags: new Map([['env', 'dev']]) },
      { id: 'c', zone: 'us-east-1b', tags: new Map<string, string>() },
    ];
    const f = (filters: unknown) =>
      applyFilters(
        items,
        filters,
        ['zone'],
        (i) => ({ zone: [i.zone] }),
        (i) => i.tags,
      ).map((i) => i.id);
    assert.deepEqual(f([{ Name: 'zone', Values: ['us-east-1b'] }]), ['b', 'c']);
    assert.deepEqual(
      f([
        { Name: 'zone', Values: ['*-1b'] },
        { Name: 'tag:env', Values: ['dev', 'prod'] },
      ]),
      ['b'],
    );
    assert.deepEqual(f([{ Name: 'tag-key', Values: ['env'] }]), ['a', 'b']);
    assert.deepEqual(f([{ Name: 'zone', Values: ['us-east-1?'] }]), ['a', 'b', 'c']);
    assert.throws(() => f([{ Name: 'colour', Values: ['x'] }]), /The filter 'colour' is invalid/);
  });

  it("zone ids follow AWS's region codes", () => {
    assert.equal(regionCode('us-east-1'), 'use1');
    assert.equal(regionCode('eu-central-1'), 'euc1');
    assert.equal(regionCode('ap-southeast-2'), 'apse2');
    assert.equal(zoneId('eu-central-1', 1), 'euc1-az2');
  });

  it('sizes instance types', () => {
    assert.deepEqual(instanceSize('t3.medium'), { vcpus: 2, memoryMiB: 4096 });
    assert.deepEqual(instanceSize('m5.large'), { vcpus: 2, memoryMiB: 8192 });
    assert.deepEqual(instanceSize('c5.xlarge'), { vcpus: 4, memoryMiB: 8192 });
    assert.deepEqual(instanceSize('m5.4xlarge'), { vcpus: 16, memoryMiB: 65536 });
  });
});

describe('task placement', () => {
  const c = (arn: string, cpu: number, memory: number, groupTasks = 0, zoneGroupTasks = 0, zone = 'a'): Candidate => ({
    arn,
    availabilityZone: zone,
    remaining: { cpu, memory },
    groupTasks,
    zoneGroupTasks,
  });

  it('refuses with RESOURCE:CPU or RESOURCE:MEMORY per instance when none has room', () => {
    const r = place([c('i1', 256, 4096), c('i2', 4096, 256)], { cpu: 512, memory: 512 });
    assert.deepEqual(r, {
      kind: 'failed',
      failures: [
        { arn: 'i1', reason: 'RESOURCE:CPU' },
        { arn: 'i2', reason: 'RESOURCE:MEMORY' },
      ],
    });
  });

  it('spreads over zones, then instances, by default; binpack takes the fullest that fits', () => {
    const zoneBusy = [c('i1', 2048, 4096, 0, 1, 'a'), c('i2', 2048, 4096, 0, 0, 'b')];
    assert.deepEqual(place(zoneBusy, { cpu: 256, memory: 256 }), { kind: 'placed', arn: 'i2' });
    const hostBusy = [c('i1', 2048, 4096, 1, 1), c('i2', 2048, 4096, 0, 1)];
    assert.deepEqual(place(hostBusy, { cpu: 256, memory: 256 }), { kind: 'placed', arn: 'i2' });
    const bins = [c('i1', 2048, 4096), c('i2', 2048, 1024), c('i3', 2048, 256)];
    assert.deepEqual(place(bins, { cpu: 256, memory: 512 }, [{ type: 'binpack', field: 'memory' }]), { kind: 'placed', arn: 'i2' });
  });
});
