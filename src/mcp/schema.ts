import type { StandardSchemaWithJSON } from '@modelcontextprotocol/server';
import type { z } from 'zod';

/**
 * Contract schemas as MCP sees them. A server instance is built per HTTP request, and the SDK turns
 * every tool's schemas into JSON Schema when a tool is registered: converting the contract's large
 * output schemas each time was the biggest cost of a /mcp request. The schemas never change, so
 * each conversion is done once and shared.
 */

type Standard = StandardSchemaWithJSON['~standard'];
type Converter = Standard['jsonSchema'];

const converters = new WeakMap<object, Converter>();

function convertedOnce(schema: z.ZodType): Converter {
  let converter = converters.get(schema);
  if (!converter) {
    const original = (schema['~standard'] as unknown as Standard).jsonSchema;
    const done = new Map<string, Record<string, unknown>>();
    const once = (io: 'input' | 'output') => (options: Parameters<Converter['input']>[0]) => {
      const key = `${io}:${options.target}`;
      let json = done.get(key);
      if (!json) {
        json = original[io](options);
        done.set(key, json);
      }
      return json;
    };
    converter = { input: once('input'), output: once('output') };
    converters.set(schema, converter);
  }
  return converter;
}

/**
 * An input schema: clients get its JSON Schema in `tools/list`, but validation is left to the tool
 * itself, so that bad arguments come back as a tool error carrying the contract's `INVALID_INPUT`
 * and the field, the same error REST gives, rather than the SDK's own message.
 */
export function advertised<S extends z.ZodType>(schema: S): StandardSchemaWithJSON<unknown, unknown> {
  return {
    '~standard': { version: 1, vendor: 'aios', validate: (value: unknown) => ({ value }), jsonSchema: convertedOnce(schema) },
  };
}

/**
 * An output schema: clients get its JSON Schema in `tools/list` (and clients built on the SDK check
 * results against it), but the server does not check its own tools' results on every call. What a
 * tool answers is built from the contract's types and checked against these schemas by the test
 * suite; checking it again per call was a fifth of the CPU of a cheap call like `aios_get_status`
 * (issue 15 item 9).
 */
export function described<S extends z.ZodType>(schema: S): StandardSchemaWithJSON<unknown, unknown> {
  return {
    '~standard': { version: 1, vendor: 'aios', validate: (value: unknown) => ({ value }), jsonSchema: convertedOnce(schema) },
  };
}
