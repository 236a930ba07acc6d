// Entry point of the prescription API.
import { runProcess } from './run-process.js';

await runProcess('api', async () => (await import('./api-server.js')).startApi);
