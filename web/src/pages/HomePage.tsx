import { Navigate } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { Page } from '../components/Page';

export function HomePage() {
  const { user, signIn } = useAuth();
  if (user) {
    return <Navigate to="/trips" replace />;
  }
  return (
    <Page title="AutoBooking">
      <p className="lead">
        Tell us where and when you want to fly and the most you will pay. We watch the fares and book the flight for
        you as soon as one meets every criterion.
      </p>
      <button type="button" onClick={() => void signIn('/trips')}>
        Sign in
      </button>
    </Page>
  );
}
