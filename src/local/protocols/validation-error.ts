// Turns the model validator's violations into the error each service answers: its validation code, or the code it
// keeps for an absent member (MissingParameter) or for a request body that fails its schema (MalformedXML).
import { AwsError } from '../aws-error.js';
import type { ServiceModel } from '../model/model.js';
import { violationMessage, type Violation } from '../model/validate.js';
import type { ValidationStyle } from '../service.js';

/** `Dimensions.1.member.Name` (the validator's path) as a Query parameter name: `Dimensions.member.1.Name`. */
export const queryName = (path: string): string => path.replace(/\.(\d+)\.member/g, '.member.$1');

/** The path with its top-level member named as the request carries it (EC2's `GroupDescription` for `Description`). */
function wirePath(model: ServiceModel, inputShape: string, path: string): string {
  const [top, ...rest] = path.split('.');
  const ref = model.shapes[inputShape]?.members?.[top ?? ''];
  const wire = ref?.queryName ?? (ref?.locationName ? ref.locationName[0]!.toUpperCase() + ref.locationName.slice(1) : top);
  return [wire, ...rest].join('.');
}

/** True when the violation is in a member the request carries in its body (no URI, header or query location). */
function inBody(model: ServiceModel, inputShape: string, v: Violation): boolean {
  const top = v.path.split('.')[0] ?? '';
  const ref = model.shapes[inputShape]?.members?.[top];
  return ref !== undefined && ref.location === undefined;
}

export function validationError(
  style: ValidationStyle,
  model: ServiceModel,
  inputShape: string,
  violations: readonly Violation[],
): AwsError {
  const status = style.status ?? 400;
  for (const v of violations) {
    const own = style.members?.[v.path];
    if (own) return new AwsError(own.code, own.message, status);
  }
  if (style.body && violations.some((v) => inBody(model, inputShape, v))) {
    return new AwsError(style.body.code, style.body.message, status);
  }
  const missing = style.missing ? violations.filter((v) => v.missing) : [];
  if (style.missing && missing.length > 0) {
    const m = style.missing;
    return new AwsError(m.code, missing.map((v) => m.message(queryName(wirePath(model, inputShape, v.path)))).join('\n'), status);
  }
  return new AwsError(style.code, violationMessage(violations), status);
}
