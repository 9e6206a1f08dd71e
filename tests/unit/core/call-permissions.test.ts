import { describe, expect, it } from 'vitest';
import { handlerArgs, handlerPermissions, permissions } from '../../../shared/contract';

describe('every call of the contract declares the permission it needs', () => {
  const names = Object.keys(handlerArgs);

  it.each(names)('%s', (name) => {
    const permission = (handlerPermissions as Record<string, string | undefined>)[name];
    expect(permissions).toContain(permission);
  });

  it('declares permissions only for calls that exist', () => {
    expect(Object.keys(handlerPermissions).sort()).toEqual([...names].sort());
  });
});
