/** The roles in an access token's claim (a JWT's payload is read, not verified: the API verifies it). */
export function rolesFromAccessToken(accessToken: string, claim: string): string[] {
  const payload = accessToken.split('.')[1];
  if (!payload) {
    return [];
  }
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
    const value: unknown = (JSON.parse(json) as Record<string, unknown>)[claim];
    if (typeof value === 'string') {
      return [value];
    }
    return Array.isArray(value) ? value.filter((role): role is string => typeof role === 'string') : [];
  } catch {
    return [];
  }
}
