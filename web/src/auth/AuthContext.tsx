import type { User, UserManager } from 'oidc-client-ts';
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { createApi, type Api } from '../api/client';
import type { AppConfig } from '../config';
import { rolesFromAccessToken } from './roles';
import type { SignInState } from './userManager';

interface Auth {
  config: AppConfig;
  user: User | null;
  isOperator: boolean;
  api: Api;
  signIn: (returnTo: string) => Promise<void>;
  signOut: () => Promise<void>;
  completeSignIn: () => Promise<string>;
}

const AuthContext = createContext<Auth | null>(null);

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) {
    throw new Error('useAuth outside AuthProvider');
  }
  return auth;
}

export const useApi = (): Api => useAuth().api;

// The callback URL's code is single-use: one exchange per page load, however often React runs the effect.
let callbackExchange: Promise<User> | null = null;

interface Props {
  config: AppConfig;
  userManager: UserManager;
  initialUser: User | null;
  children: ReactNode;
}

export function AuthProvider({ config, userManager, initialUser, children }: Props) {
  const [user, setUser] = useState<User | null>(initialUser && !initialUser.expired ? initialUser : null);

  useEffect(() => {
    const events = userManager.events;
    const loaded = (next: User) => setUser(next);
    const unloaded = () => setUser(null);
    events.addUserLoaded(loaded);
    events.addUserUnloaded(unloaded);
    events.addUserSignedOut(unloaded);
    return () => {
      events.removeUserLoaded(loaded);
      events.removeUserUnloaded(unloaded);
      events.removeUserSignedOut(unloaded);
    };
  }, [userManager]);

  const auth = useMemo<Auth>(() => {
    const api = createApi(config.apiBaseUrl, async () => (await userManager.getUser())?.access_token ?? null);
    return {
      config,
      user,
      api,
      isOperator: user ? rolesFromAccessToken(user.access_token, config.roleClaim).includes(config.operatorRole) : false,
      signIn: (returnTo) => userManager.signinRedirect({ state: { returnTo } satisfies SignInState }),
      signOut: async () => {
        const idToken = user?.id_token;
        await userManager.removeUser();
        await userManager.signoutRedirect({ id_token_hint: idToken });
      },
      completeSignIn: async () => {
        callbackExchange ??= userManager.signinRedirectCallback();
        const signedIn = await callbackExchange;
        setUser(signedIn);
        return (signedIn.state as SignInState | undefined)?.returnTo ?? '/trips';
      },
    };
  }, [config, user, userManager]);

  return <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>;
}
