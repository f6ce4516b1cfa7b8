/** Runtime configuration, read from /config.json at start (never baked into the build). */
export interface AppConfig {
  apiBaseUrl: string;
  oidc: { authority: string; clientId: string; scope: string };
  stripe: { publishableKey: string; jsUrl?: string | null };
  operatorRole: string;
  roleClaim: string;
}

export async function loadConfig(): Promise<AppConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) {
    throw new Error(`Could not load /config.json (HTTP ${response.status}).`);
  }
  return (await response.json()) as AppConfig;
}
