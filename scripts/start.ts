// `npm start`: all three Regie workers locally on the embedded default (local D1 and Durable Objects,
// seeded demo data, development issuer). Ctrl-C stops them.
import { startStack, stopWorkers } from "./stack";

console.log("Starting Regie (portal :8787, consent :8788, catalogue :8789) …");
const children = await startStack();
console.log(`
Regie is running:
  portal     http://localhost:8787        (development issuer: POST /dev/token)
  consent    http://localhost:8788/docs
  catalogue  http://localhost:8789/docs
Press Ctrl-C to stop.`);

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  stopWorkers(children);
  setTimeout(() => process.exit(0), 500);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
for (const child of children) {
  child.on("exit", (code) => {
    if (!stopping) {
      console.error(`${child.appName} exited (${code}); stopping the others`);
      stop();
    }
  });
}
