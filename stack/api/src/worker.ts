// Entry point of the prescription worker.
import { runProcess } from './run-process.js';

await runProcess('worker', async () => (await import('./worker/worker-server.js')).startWorker);
