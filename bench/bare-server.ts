import { createServer } from 'node:http';
import { serveBenchmarkChild } from './server-process.js';

/**
 * The baseline: bare `node:http` answering JSON, with no framework, auth, limits or queue.
 * A POST is parsed and echoed back; a GET answers a small job-shaped object for the id in the path.
 */
const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    let body: unknown;
    try {
      body = request.method === 'POST' ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : { job_id: request.url?.split('/').at(-1), status: 'completed' };
    } catch {
      response.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"bad json"}');
      return;
    }
    response.writeHead(request.method === 'POST' ? 202 : 200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address !== 'string') serveBenchmarkChild(address.port);
});
