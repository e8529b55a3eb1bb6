/**
 * What `require("process/")` gives readable-stream (wrangler.jsonc `alias`, and the workerd test pool's alias):
 * workerd's own `process` (nodejs_compat), whose nextTick is a microtask, instead of the npm shim's queue, which is
 * drained by a timer: a timer still pending when a request ends is dropped, and the shim's queue then never drains
 * again in that isolate (every later RDF/XML parse would hang). Without a native process, a microtask queue.
 * readable-stream uses nextTick (and reads stdout/stderr, which may be undefined).
 */
type Tick = (fn: (...args: unknown[]) => void, ...args: unknown[]) => void;

const native = (globalThis as { process?: { nextTick?: Tick } }).process;

const microtasks: { nextTick: Tick } = { nextTick: (fn, ...args) => queueMicrotask(() => fn(...args)) };

export default typeof native?.nextTick === "function" ? native : microtasks;
