import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { AppConfig } from '../config';

/** Authorization code + PKCE against the configured identity provider; the access token is the API's bearer. */
export function createUserManager(config: AppConfig): UserManager {
  const origin = window.location.origin;
  return new UserManager({
    authority: config.oidc.authority,
    client_id: config.oidc.clientId,
    scope: config.oidc.scope,
    redirect_uri: `${origin}/auth/callback`,
    post_logout_redirect_uri: `${origin}/`,
    response_type: 'code',
    loadUserInfo: false,
    automaticSilentRenew: true,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  });
}

/** Where sign-in returns to (kept in the OIDC state). */
export interface SignInState {
  returnTo: string;
}
