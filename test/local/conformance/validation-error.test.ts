// The model validator's violations become each service's own error: its validation code, MissingParameter for an
// absent member where the service says so, MalformedXML for an XML body off its schema, a member's own code.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ServiceModel } from '../../../src/local/model/model.js';
import { validateInput } from '../../../src/local/model/validate.js';
import { queryName, validationError } from '../../../src/local/protocols/validation-error.js';

const model = {
  botocoreVersion: 'test',
  metadata: { apiVersion: '2020-01-01', protocol: 'query', endpointPrefix: 'test', serviceId: 'Test' },
  operations: {},
  shapes: {
    Input: {
      type: 'structure',
      required: ['Name', 'Items'],
      members: {
        Name: { shape: 'Name' },
        Class: { shape: 'Class', location: 'header', locationName: 'x-class' },
        Items: { shape: 'Items' },
        Body: { shape: 'Body' },
      },
    },
    Name: { type: 'string', min: 1, max: 5 },
    Class: { type: 'string', enum: ['A', 'B'] },
    Items: { type: 'list', member: { shape: 'Item' } },
    Item: { type: 'structure', required: ['Value'], members: { Value: { shape: 'Name' } } },
    Body: { type: 'structure', members: { Kind: { shape: 'Class' } } },
    Named: { type: 'structure', required: ['Description'], members: { Description: { shape: 'Name', locationName: 'groupDescription' } } },
  },
} as unknown as ServiceModel;

const errorFor = (style: Parameters<typeof validationError>[0], input: Record<string, unknown>) =>
  validationError(style, model, 'Input', validateInput(model, 'Input', input));

describe('validation errors per service', () => {
  it('names a nested member as the Query protocol does', () => {
    assert.equal(queryName('MetricData.1.member.Dimensions.3.member.Value'), 'MetricData.member.1.Dimensions.member.3.Value');
  });

  it("answers the service's validation code with AWS's message by default, absent members included", () => {
    const e = errorFor({ code: 'ValidationError' }, { Items: [{}] });
    assert.equal(e.code, 'ValidationError');
    assert.equal(e.status, 400);
    assert.match(e.message, /^2 validation errors detected: Value null at 'Name' failed to satisfy constraint: Member must not be null; /);
  });

  it('answers absent members with the code the service keeps for them, by their Query names', () => {
    const style = {
      code: 'ValidationError',
      missing: { code: 'MissingParameter', message: (n: string) => `The parameter ${n} is required.` },
    };
    const e = errorFor(style, { Name: 'x', Items: [{ Value: 'v' }, {}] });
    assert.equal(e.code, 'MissingParameter');
    assert.equal(e.message, 'The parameter Items.member.2.Value is required.');
    assert.equal(errorFor(style, { Name: 'too long', Items: [] }).code, 'ValidationError');
    // named as the request carries it (EC2: Description travels as GroupDescription)
    const named = validationError(style, model, 'Named', validateInput(model, 'Named', {}));
    assert.equal(named.message, 'The parameter GroupDescription is required.');
  });

  it('answers a violation inside the body with the body code, and a member with a code of its own with that one', () => {
    const style = {
      code: 'InvalidArgument',
      body: { code: 'MalformedXML', message: 'bad body' },
      members: { Class: { code: 'InvalidClass', message: 'bad class' } },
    };
    assert.equal(errorFor(style, { Name: 'x', Items: [], Body: { Kind: 'C' } }).code, 'MalformedXML');
    assert.equal(errorFor(style, { Name: 'x', Items: [], Class: 'C' }).code, 'InvalidClass');
    assert.equal(errorFor({ code: 'InvalidArgument' }, { Name: 'x', Items: [], Class: 'C' }).code, 'InvalidArgument');
  });
});
