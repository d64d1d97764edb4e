import type { StandardSchemaWithJSON } from '@modelcontextprotocol/server';
import type { z } from 'zod';

/**
 * A contract schema as MCP sees it: clients get its JSON Schema in `tools/list`, but validation is
 * left to the tool itself, so that bad arguments come back as a tool error carrying the contract's
 * `INVALID_INPUT` and the field, the same error REST gives, rather than the SDK's own message.
 */
export function advertised<S extends z.ZodType>(schema: S): StandardSchemaWithJSON<unknown, unknown> {
  const standard = schema['~standard'] as unknown as StandardSchemaWithJSON['~standard'];
  return {
    '~standard': {
      version: 1,
      vendor: 'aios',
      validate: (value: unknown) => ({ value }),
      jsonSchema: standard.jsonSchema,
    },
  };
}
