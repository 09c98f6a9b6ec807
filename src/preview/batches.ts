// The batch helpers previews use, from src/core (canary setup uses them too).
export { chunk, mapLimit } from '../core/batches.js';
