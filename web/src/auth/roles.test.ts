import { describe, expect, it } from 'vitest';
import { rolesFromAccessToken } from './roles';

const token = (payload: object) => `e30.${btoa(JSON.stringify(payload)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')}.sig`;

describe('rolesFromAccessToken', () => {
  it('reads an array or a single role from the configured claim', () => {
    expect(rolesFromAccessToken(token({ roles: ['autobooking.operator'] }), 'roles')).toEqual(['autobooking.operator']);
    expect(rolesFromAccessToken(token({ role: 'autobooking.operator' }), 'role')).toEqual(['autobooking.operator']);
  });

  it('is empty without the claim or for a token that is not a JWT', () => {
    expect(rolesFromAccessToken(token({ sub: 'sandbox-ada' }), 'roles')).toEqual([]);
    expect(rolesFromAccessToken('opaque', 'roles')).toEqual([]);
  });
});
