import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadModel } from '../../../src/local/model/model.js';
import { validateInput } from '../../../src/local/model/validate.js';
import { readJsonInput } from '../../../src/local/protocols/json-input.js';
import { readQueryInput } from '../../../src/local/protocols/query-input.js';
import { writeXml } from '../../../src/local/protocols/xml-output.js';

const ecs = loadModel('ecs');
const body = (v: unknown) => Buffer.from(JSON.stringify(v));

function createService(deploymentConfiguration: Record<string, unknown>): Record<string, unknown> {
  return readJsonInput(ecs, 'CreateServiceRequest', body({ serviceName: 'api', taskDefinition: 'api:1', deploymentConfiguration }));
}

describe('API models merged with the SDK v3 clients', () => {
  it('records which SDK client each model merged', () => {
    assert.equal(ecs.sdkClient?.name, '@aws-sdk/client-ecs');
    assert.match(ecs.sdkClient?.version ?? '', /^3\.\d+\.\d+$/);
    assert.equal(ecs.botocoreVersion, '1.43.11');
  });

  it('accepts the circuit breaker thresholdConfiguration and resetOnHealthyTask, and checks them', () => {
    const input = createService({
      deploymentCircuitBreaker: {
        enable: true,
        rollback: true,
        resetOnHealthyTask: false,
        thresholdConfiguration: { type: 'COUNT', value: 1 },
      },
      earlySuccessCriteria: { enable: true, healthyPercent: 100 },
    });
    const dc = input.deploymentConfiguration as Record<string, Record<string, unknown>>;
    assert.deepEqual(dc.deploymentCircuitBreaker, {
      enable: true,
      rollback: true,
      resetOnHealthyTask: false,
      thresholdConfiguration: { type: 'COUNT', value: 1 },
    });
    assert.deepEqual(dc.earlySuccessCriteria, { enable: true, healthyPercent: 100 });
    assert.deepEqual(validateInput(ecs, 'CreateServiceRequest', input), []);

    const bad = createService({ deploymentCircuitBreaker: { enable: true, rollback: true, thresholdConfiguration: { type: 'SOME' } } });
    const messages = validateInput(ecs, 'CreateServiceRequest', bad).map((v) => v.message);
    assert.deepEqual(messages, [
      "Value null at 'deploymentConfiguration.deploymentCircuitBreaker.thresholdConfiguration.value' failed to satisfy constraint: Member must not be null",
      "Value 'SOME' at 'deploymentConfiguration.deploymentCircuitBreaker.thresholdConfiguration.type' failed to satisfy constraint: Member must satisfy enum value set: [BOUNDED_PERCENT, COUNT, UNBOUNDED_PERCENT]",
    ]);
  });

  it('accepts the service monitoring configuration on CreateService and UpdateService', () => {
    const monitoring = { metricConfigurations: [{ metricNames: ['CPUUtilization'], resolutionSeconds: 20 }] };
    for (const op of ['CreateServiceRequest', 'UpdateServiceRequest']) {
      const input = readJsonInput(ecs, op, body({ service: 'api', serviceName: 'api', monitoring }));
      assert.deepEqual(input.monitoring, monitoring, op);
    }
  });

  it('still drops a member no model knows: the handler never sees it', () => {
    const input = createService({ deploymentCircuitBreaker: { enable: true, rollback: true, notAMember: 1 }, alsoUnknown: true });
    assert.deepEqual(input.deploymentConfiguration, { deploymentCircuitBreaker: { enable: true, rollback: true } });
    assert.throws(
      () =>
        createService({
          deploymentCircuitBreaker: { enable: true, rollback: true, thresholdConfiguration: { type: 'COUNT', value: 'one' } },
        }),
      /STRING_VALUE can not be converted/,
    );
  });

  it("keeps botocore's constraints where botocore has the shape", () => {
    const input = readJsonInput(ecs, 'CreateServiceRequest', body({ serviceName: 'api', launchType: 'MOON' }));
    assert.equal(validateInput(ecs, 'CreateServiceRequest', input).length, 1);
  });

  it('adds the high-resolution predefined metric types to Application Auto Scaling', () => {
    const aas = loadModel('application-autoscaling');
    assert.ok(aas.shapes.MetricType?.enum?.includes('ECSServiceAverageCPUUtilizationHighResolution'));
    assert.ok(aas.shapes.MetricType?.enum?.includes('ECSServiceAverageMemoryUtilizationHighResolution'));
  });

  it('reads and writes merged members over the Query/XML protocols', () => {
    const cw = loadModel('cloudwatch');
    const input = readQueryInput(
      cw,
      'DescribeAnomalyDetectorsInput',
      new Map([
        ['AnomalyDetectorIds.member.1', 'a-1'],
        ['AnomalyDetectorIds.member.2', 'a-2'],
      ]),
    );
    assert.deepEqual(input.AnomalyDetectorIds, ['a-1', 'a-2']);
    const out: string[] = [];
    writeXml(cw, { shape: 'AnomalyDetector' }, { AnomalyDetectorId: 'a-1', Namespace: 'NS' }, 'member', out);
    assert.match(out.join(''), /<AnomalyDetectorId>a-1<\/AnomalyDetectorId>/);
  });
});
