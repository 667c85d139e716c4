import { serveStdio } from '../../../../mcp/transports/stdio.ts';
import { createTinyServer } from './tiny-server.ts';

// Entry for the stdio transport test: a child process serving the tiny server on stdin/stdout.
await serveStdio(createTinyServer('tiny-stdio'), {
  logger: (message) => process.stderr.write(`${message}\n`),
});
process.stderr.write('tiny-stdio: exited cleanly\n');
