import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AwsError } from '../../../src/local/aws-error.js';
import { observations, sameConfig, updatedConfig, withDefaults } from '../../../src/local/services/route53/health-check-config.js';

const invalid = (f: () => unknown, message: RegExp) =>
  assert.throws(f, (e: unknown) => e instanceof AwsError && e.code === 'InvalidInput' && message.test(e.message));

describe('health check configurations', () => {
  it('fill in Route 53 defaults per type', () => {
    assert.deepEqual(withDefaults({ Type: 'HTTP', IPAddress: '192.0.2.1' }), {
      Type: 'HTTP',
      IPAddress: '192.0.2.1',
      Port: 80,
      RequestInterval: 30,
      FailureThreshold: 3,
      MeasureLatency: false,
      EnableSNI: false,
      Inverted: false,
      Disabled: false,
    });
    assert.equal(withDefaults({ Type: 'HTTPS_STR_MATCH', FullyQualifiedDomainName: 'a.example', SearchString: 'ok' }).Port, 443);
    assert.equal(withDefaults({ Type: 'TCP', IPAddress: '192.0.2.1', Port: 22, RequestInterval: 10 }).RequestInterval, 10);
    assert.deepEqual(withDefaults({ Type: 'CALCULATED', ChildHealthChecks: [], HealthThreshold: 1 }), {
      Type: 'CALCULATED',
      ChildHealthChecks: [],
      HealthThreshold: 1,
      Inverted: false,
      Disabled: false,
    });
  });
  it('refuse what each type lacks or must not have', () => {
    invalid(() => withDefaults({ Type: 'HTTP' }), /needs IPAddress or FullyQualifiedDomainName/);
    invalid(() => withDefaults({ Type: 'TCP', IPAddress: '192.0.2.1' }), /TCP needs Port/);
    invalid(() => withDefaults({ Type: 'HTTP_STR_MATCH', IPAddress: '192.0.2.1' }), /needs SearchString/);
    invalid(() => withDefaults({ Type: 'CALCULATED' }), /needs ChildHealthChecks/);
    invalid(() => withDefaults({ Type: 'CALCULATED', ChildHealthChecks: [], Port: 80 }), /Port can't be specified/);
    invalid(() => withDefaults({ Type: 'CLOUDWATCH_METRIC' }), /needs AlarmIdentifier/);
  });
  it('update: fields change, ResetElements clear, an IPAddress is never added', () => {
    const base = withDefaults({
      Type: 'HTTP',
      FullyQualifiedDomainName: 'a.example',
      ResourcePath: '/h',
      Regions: ['us-east-1', 'us-west-1', 'eu-west-1'],
    });
    const next = updatedConfig(base, { FailureThreshold: 7, ResetElements: ['ResourcePath', 'Regions'] });
    assert.equal(next.FailureThreshold, 7);
    assert.equal('ResourcePath' in next, false);
    assert.equal('Regions' in next, false);
    invalid(() => updatedConfig(base, { IPAddress: '192.0.2.9' }), /can't add an IPAddress/);
    const withIp = withDefaults({ Type: 'HTTP', IPAddress: '192.0.2.1' });
    assert.equal(updatedConfig(withIp, { IPAddress: '192.0.2.9' }).IPAddress, '192.0.2.9');
  });
  it('compare configurations regardless of key order, and observe from each region', () => {
    assert.equal(sameConfig({ a: 1, b: { c: 2, d: 3 } }, { b: { d: 3, c: 2 }, a: 1 }), true);
    assert.equal(sameConfig({ a: 1 }, { a: 2 }), false);
    const now = new Date(0);
    const obs = observations({ Type: 'TCP', Regions: ['us-east-1', 'eu-west-1', 'sa-east-1'] }, now);
    assert.deepEqual(
      obs.map((o) => [o.Region, (o.StatusReport as { Status: string }).Status]),
      [
        ['us-east-1', 'Success: TCP connection established'],
        ['eu-west-1', 'Success: TCP connection established'],
        ['sa-east-1', 'Success: TCP connection established'],
      ],
    );
    assert.equal(observations({ Type: 'HTTP' }, now).length, 8);
  });
});
