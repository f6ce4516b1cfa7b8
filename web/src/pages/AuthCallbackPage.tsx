import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { Page } from '../components/Page';

/** Completes the authorization code exchange, then returns to the page the user came from. */
export function AuthCallbackPage() {
  const { completeSignIn } = useAuth();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    completeSignIn()
      .then((returnTo) => navigate(returnTo.startsWith('/') ? returnTo : '/trips', { replace: true }))
      .catch((error: unknown) => setFailure(error instanceof Error ? error.message : String(error)));
  }, [completeSignIn, navigate]);

  return (
    <Page title="Signing you in">
      {failure ? (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">Sign-in failed</p>
          <p>{failure}</p>
          <p>
            <Link to="/">Start again</Link>
          </p>
        </div>
      ) : (
        <p role="status">Completing sign-in…</p>
      )}
    </Page>
  );
}
