import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { z } from 'zod';
import type { Provenance } from '../../mcp/contracts/common.ts';
import type { DataSource } from '../../src/domain/index.ts';
import { FinopsError } from '../../src/errors.ts';

/** One MCP server as the specialists know it: its name (for messages) and a connected client. */
export interface McpServerHandle {
  name: string;
  client: Client;
}

/**
 * Calls one tool through a real MCP client and returns its structured content, checked against the
 * tool's output schema. A tool error (`isError`), a protocol failure or an unexpected shape fails
 * with a FinopsError naming the server, the tool and the reason, so the bus reports which call
 * broke and why instead of a stack trace.
 */
export async function callMcpTool<S extends z.ZodType>(
  server: McpServerHandle,
  tool: string,
  args: Record<string, unknown>,
  output: S,
  signal?: AbortSignal,
): Promise<z.output<S>> {
  const where = `MCP tool ${tool} (${server.name} server)`;
  let result: Awaited<ReturnType<Client['callTool']>>;
  try {
    result = await server.client.callTool(
      { name: tool, arguments: args },
      undefined,
      signal ? { signal } : {},
    );
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new FinopsError('finops_query_error', `${where} could not be called: ${reasonOf(error)}`, {
      cause: error,
    });
  }
  if (result.isError) {
    throw new FinopsError('finops_query_error', `${where} failed: ${textOf(result) || 'no reason given'}`);
  }
  const parsed = output.safeParse(result.structuredContent);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FinopsError(
      'finops_query_error',
      `${where} answered with an unexpected shape (${issue ? `${issue.path.join('.') || '(result)'}: ${issue.message}` : 'no structured content'}); the server and this copilot may be different versions`,
    );
  }
  return parsed.data;
}

/**
 * Reads every page of a paged tool (`page_token` in, `next_page_token` out), stopping after
 * `maxPages` so a runaway server cannot hold a specialist forever.
 */
export async function callMcpToolAllPages<S extends z.ZodType<{ next_page_token?: string | undefined }>>(
  server: McpServerHandle,
  tool: string,
  args: Record<string, unknown>,
  output: S,
  options: {
    signal?: AbortSignal | undefined;
    maxPages?: number;
  } = {},
): Promise<z.output<S>[]> {
  const pages: z.output<S>[] = [];
  let token: string | undefined;
  const maxPages = options.maxPages ?? 20;
  do {
    const page = await callMcpTool(
      server,
      tool,
      { ...args, ...(token ? { page_token: token } : {}) },
      output,
      options.signal,
    );
    pages.push(page);
    token = page.next_page_token;
  } while (token && pages.length < maxPages);
  return pages;
}

/** A tool result's provenance as the domain's DataSource, for the facts built from it. */
export function sourceOf(provenance: Provenance): DataSource {
  return {
    kind: provenance.kind,
    name: provenance.source,
    ...(provenance.data_through ? { dataThrough: provenance.data_through } : {}),
    currency: provenance.currency,
  };
}

function textOf(result: object): string {
  const content = 'content' in result ? result.content : undefined;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) =>
      part && typeof part === 'object' && 'text' in part && typeof part.text === 'string' ? part.text : '',
    )
    .filter(Boolean)
    .join(' ');
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
