// The shared base every capability is built on.
export type { ConfigSection, SectionContext, Session, SessionOptions, SessionRuntime } from './session-types.js';
export { DEFAULT_POLL_INTERVAL_MS, openSession } from './open-session.js';
