export {
  DEFAULT_HTTP_HOST,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_SESSIONS,
  type HttpMcpServer,
  isLoopbackHost,
  MIN_TOKEN_LENGTH,
  type StartHttpServerOptions,
  startHttpServer,
} from './http.ts';
export { type ServeStdioOptions, serveStdio } from './stdio.ts';
