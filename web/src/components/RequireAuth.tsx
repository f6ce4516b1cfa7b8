import { useEffect, useState } from 'react';
import { Outlet, useLocation } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { Page } from './Page';

/** Signed-out visitors are sent to sign in, and come back to the page they asked for. */
export function RequireAuth() {
  const { user, signIn } = useAuth();
  const location = useLocation();
  const [failure, setFailure] = useState<string | null>(null);
  const returnTo = `${location.pathname}${location.search}`;

  useEffect(() => {
    if (!user) {
      signIn(returnTo).catch((error: unknown) => setFailure(error instanceof Error ? error.message : String(error)));
    }
  }, [user, signIn, returnTo]);

  if (user) {
    return <Outlet />;
  }
  return (
    <Page title="Signing you in">
      {failure ? (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">Sign-in could not start</p>
          <p>{failure}</p>
        </div>
      ) : (
        <p role="status">Taking you to the sign-in page…</p>
      )}
    </Page>
  );
}
