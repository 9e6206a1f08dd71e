import { ApiError } from './api-error';
import { pythonRepr } from './python-repr';
import { isUuid } from './uuid';

/** A format check returns its error text (used as jsonschema uses a format checker's exception text), or nothing. */
export type FormatCheck = (value: string) => string | undefined;

type JsonType = 'string' | 'object' | 'array' | 'null' | 'boolean' | 'integer';

export type PropertyRule =
  | { kind: 'uuid' }
  | { kind: 'typed'; types: JsonType[]; maxLength?: number; format?: FormatCheck }
  | { kind: 'enum'; values: readonly string[]; validationMessage?: string }
  | { kind: 'enumArray'; values: readonly string[] };

export interface ObjectSchema {
  properties: ReadonlyArray<readonly [string, PropertyRule]>;
  required?: readonly string[];
  additionalProperties?: boolean;
}

function jsonTypeMatches(value: unknown, type: JsonType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    case 'null':
      return value === null;
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
  }
}

const typeMessage = (value: unknown, types: JsonType[]): string =>
  `${pythonRepr(value)} is not of type ${types.map((type) => `'${type}'`).join(', ')}`;

const enumMessage = (value: unknown, values: readonly string[]): string =>
  `${pythonRepr(value)} is not one of ${pythonRepr(values)}`;

function propertyErrors(name: string, value: unknown, rule: PropertyRule): string[] {
  switch (rule.kind) {
    case 'uuid':
      return isUuid(value) ? [] : [`${name} is not a valid UUID`];
    case 'enum':
      if (rule.values.includes(value as string)) return [];
      return [
        rule.validationMessage ? `${name} ${rule.validationMessage}` : `${name} ${enumMessage(value, rule.values)}`,
      ];
    case 'enumArray':
      if (!Array.isArray(value)) return [`${name} ${typeMessage(value, ['array'])}`];
      return value
        .filter((item) => !rule.values.includes(item as string))
        .map((item) => `${name} ${enumMessage(item, rule.values)}`);
    case 'typed': {
      if (!rule.types.some((type) => jsonTypeMatches(value, type)))
        return [`${name} ${typeMessage(value, rule.types)}`];
      if (typeof value !== 'string') return [];
      const errors: string[] = [];
      if (rule.maxLength !== undefined && [...value].length > rule.maxLength) {
        errors.push(`${name} ${pythonRepr(value)} is too long`);
      }
      const formatError = rule.format?.(value);
      if (formatError !== undefined) errors.push(`${name} ${formatError}`);
      return errors;
    }
  }
}

/**
 * Validates as notifications-api's Draft-7 schemas do and collects every message, in the validator's order
 * (properties, then required, then additionalProperties), rewritten as Notify rewrites them (§3.3).
 */
export function schemaErrors(instance: unknown, schema: ObjectSchema): string[] {
  if (!jsonTypeMatches(instance, 'object')) return [typeMessage(instance, ['object'])];
  const body = instance as Record<string, unknown>;
  const messages: string[] = [];
  for (const [name, rule] of schema.properties) {
    if (Object.hasOwn(body, name)) messages.push(...propertyErrors(name, body[name], rule));
  }
  for (const name of schema.required ?? []) {
    if (!Object.hasOwn(body, name)) messages.push(`'${name}' is a required property`);
  }
  if (schema.additionalProperties === false) {
    const known = new Set(schema.properties.map(([name]) => name));
    const extras = Object.keys(body).filter((name) => !known.has(name));
    if (extras.length > 0) {
      const verb = extras.length === 1 ? 'was' : 'were';
      messages.push(
        `Additional properties are not allowed (${extras.map((extra) => pythonRepr(extra)).join(', ')} ${verb} unexpected)`,
      );
    }
  }
  return [...new Set(messages.map((message) => message.replaceAll("'", '')))];
}

/** Throws Notify's 400 ValidationError envelope with every failure, if there are any. */
export function validateAgainstSchema(instance: unknown, schema: ObjectSchema): void {
  const messages = schemaErrors(instance, schema);
  if (messages.length > 0) {
    throw new ApiError(
      400,
      messages.map((message) => ({ error: 'ValidationError', message })),
    );
  }
}

/** A single ValidationError entry, for checks made outside the schema (addresses). */
export function validationErrorFor(message: string): ApiError {
  return ApiError.single(400, 'ValidationError', message);
}
