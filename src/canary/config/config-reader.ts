// The canary: section's reader: the config layer's one policy (unknown keys warn with a did-you-mean, errors under --strict) with canary's code.
import { type ReadOptions, sectionReader, type SectionReader } from '../../config/section-reader.js';

export { oneOf, type Raw, type ReadOptions, type SectionReader } from '../../config/section-reader.js';

export const CANARY_HINT = 'see docs/canary.md for the canary: section';

/** `confirm-promotion` and `confirm_promotion` are the same key here. */
export const canaryReader = (opts: ReadOptions = {}): SectionReader =>
  sectionReader({ ...opts, code: 'CANARY_CONFIG', hint: CANARY_HINT, dashes: true });
