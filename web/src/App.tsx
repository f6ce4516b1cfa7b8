import { BrowserRouter, Route, Routes } from 'react-router';
import { Layout } from './components/Layout';
import { RequireAuth } from './components/RequireAuth';
import { AuthCallbackPage } from './pages/AuthCallbackPage';
import { EditTripPage } from './pages/EditTripPage';
import { HomePage } from './pages/HomePage';
import { NewTripPage } from './pages/NewTripPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { TripPage } from './pages/TripPage';
import { TripsPage } from './pages/TripsPage';

export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<HomePage />} />
          <Route path="auth/callback" element={<AuthCallbackPage />} />
          <Route element={<RequireAuth />}>
            <Route path="trips" element={<TripsPage />} />
            <Route path="trips/new" element={<NewTripPage />} />
            <Route path="trips/:id" element={<TripPage />} />
            <Route path="trips/:id/edit" element={<EditTripPage />} />
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
