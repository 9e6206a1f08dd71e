import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { handlerArgs, type HandlerMap } from '../../../shared/contract';
import { createDispatcher } from '../../../electron/core/dispatch';
import { deskPerson } from '../../../electron/core/policy/desk-person';

// Every schema of the contract, walked field by field with values a person or a broken caller might send: what the
// dispatcher answers must be a sentence for a person, naming no field and using none of zod's own words.

const silentLog = { info: () => {}, error: () => {} };
const call = createDispatcher({} as HandlerMap, silentLog, deskPerson({ login: 'someone', groups: [] }, null));

const zodWording =
  /Invalid input|Invalid option|Invalid (string|number|ISO|UUID|URL|email|key|value|discriminator|union|date)|Too (big|small)|Unrecognized key|expected (string|number|boolean|object|array|record|one of|undefined|null)|received|[<>]=?\s?\d/;

type AnySchema = z.ZodType;

/** Looks through optional, default, nullable and pipes to the schema underneath. */
function unwrapped(schema: AnySchema): AnySchema {
  let current = schema as z.ZodType & { unwrap?: () => z.ZodType; def: { innerType?: z.ZodType; in?: z.ZodType } };
  for (let depth = 0; depth < 10; depth += 1) {
    const inner = current.def.innerType ?? current.def.in;
    if (!inner) return current;
    current = inner;
  }
  return current;
}

/** Every key of every object inside a schema (through unions, records and arrays). */
function keysOf(schema: AnySchema, found = new Set<string>()): Set<string> {
  const inner = unwrapped(schema);
  if (inner instanceof z.ZodObject) {
    for (const [key, field] of Object.entries<AnySchema>(inner.shape)) {
      found.add(key);
      keysOf(field, found);
    }
  } else if (inner instanceof z.ZodUnion) {
    for (const option of inner.options as AnySchema[]) keysOf(option, found);
  } else if (inner instanceof z.ZodArray) {
    keysOf(inner.element as AnySchema, found);
  }
  return found;
}

const validCandidates: unknown[] = [
  undefined,
  'sms',
  'Clinic reminder',
  '0b2f3c9e-6a4d-4e1b-9c7f-2d8e5a1b3c4d',
  'https://api.notifications.service.gov.uk',
  `test_key-5b0d4c1e-7f3a-4c2b-9e61-0a8d3f2c6b17-b7f1c9d3-0a2e-4d6b-8c4f-3e9a1d5b7c45`,
  '2026-12-05T09:00:00Z',
  5,
  true,
  ['queued'],
  ['an-id'],
  {},
  { path: '/tmp/file.csv' },
];

const badCandidates: unknown[] = [
  null,
  42,
  -1,
  1.5,
  '',
  'x'.repeat(2_000_001),
  true,
  'not a time',
  'ftp://example',
  [],
  ['nope'],
  { unexpected: 1 },
  Array.from({ length: 10_001 }, () => 'a'),
  { fileName: '', contentBase64: 5 },
];

/** A value each field accepts, so a bad value in one field is the first problem reported. */
function validExample(shape: Record<string, AnySchema>): Record<string, unknown> {
  const example: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(shape)) {
    const accepted = validCandidates.find((candidate) => field.safeParse(candidate).success);
    if (accepted !== undefined) example[key] = accepted;
  }
  return example;
}

async function messagesFor(name: string, schema: AnySchema): Promise<string[]> {
  const messages: string[] = [];
  const ask = async (args: unknown) => {
    const result = await call(name, args);
    if (!result.ok && result.error.code === 'invalid-arguments') messages.push(result.error.message);
  };
  for (const whole of ['text', 7, [], { unexpected: true }]) await ask(whole);
  // A union (one shape per kind of thing, as a provider is) is walked shape by shape.
  const inner = unwrapped(schema);
  const objects = (
    inner instanceof z.ZodUnion ? (inner.options as AnySchema[]).map(unwrapped) : [inner]
  ) as z.ZodObject[];
  for (const object of objects) {
    const shape = object.shape as Record<string, AnySchema>;
    const example = validExample(shape);
    for (const [key, field] of Object.entries(shape)) {
      await ask({ ...example, [key]: undefined });
      for (const bad of badCandidates) {
        if (field.safeParse(bad).success) continue;
        await ask({ ...example, [key]: bad });
      }
    }
  }
  return messages;
}

describe('what the contract says about bad arguments', () => {
  it.each(Object.keys(handlerArgs))('%s: sentences for a person, never a field name or zod’s words', async (name) => {
    const schema = handlerArgs[name as keyof typeof handlerArgs] as AnySchema;
    const fieldNames = [...keysOf(schema)];
    const messages = await messagesFor(name, schema);
    expect(messages.length).toBeGreaterThan(0);
    for (const message of new Set(messages)) {
      expect(message, message).not.toMatch(zodWording);
      expect(message, message).toMatch(/^[A-Z“‘(]/);
      for (const field of fieldNames) {
        expect(message, `${message} names the field ${field}`).not.toContain(`${field}:`);
        // A field name written as code (apiKey, sendAt, templateId, contentBase64) is never a word of a sentence.
        if (/[A-Z0-9_]/.test(field)) expect(message, `${message} names the field ${field}`).not.toContain(field);
      }
    }
  });

  it('keeps the schema’s own sentence where it has one', async () => {
    const result = await call('services.configure', {
      baseUrl: 'https://api.notifications.service.gov.uk',
      apiKey: 'too short',
    });
    expect(result).toEqual({
      ok: false,
      error: {
        message: 'Enter the whole API key: it is the key name, the service id and the secret joined by dashes',
        code: 'invalid-arguments',
      },
    });
  });
});
