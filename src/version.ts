import { createRequire } from 'node:module';

/** This build's version, from package.json: what /health, the MCP server info and `aios-mcp --version` report. */
export const VERSION = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
