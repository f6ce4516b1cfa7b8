import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { Layout } from './components/Layout';
import { RequireAuth } from './components/RequireAuth';
import { AuthCallbackPage } from './pages/AuthCallbackPage';
import { BookingPage } from './pages/BookingPage';
import { CardsPage } from './pages/CardsPage';
import { ConfirmPaymentPage } from './pages/ConfirmPaymentPage';
import { EditTripPage } from './pages/EditTripPage';
import { HomePage } from './pages/HomePage';
import { MyDataPage } from './pages/MyDataPage';
import { NewTripPage } from './pages/NewTripPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { OperatorAttemptPage } from './pages/OperatorAttemptPage';
import { OperatorPage } from './pages/OperatorPage';
import { TravelersPage } from './pages/TravelersPage';
import { TripsPage } from './pages/TripsPage';

// The trip page carries the chart library: loaded when a trip is first opened, not with the app.
const TripPage = lazy(() => import('./pages/TripPage').then((module) => ({ default: module.TripPage })));

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
            <Route
              path="trips/:id"
              element={
                <Suspense fallback={<p role="status">Loading…</p>}>
                  <TripPage />
                </Suspense>
              }
            />
            <Route path="trips/:id/edit" element={<EditTripPage />} />
            <Route path="trips/:id/confirm-payment" element={<ConfirmPaymentPage />} />
            <Route path="bookings/:id" element={<BookingPage />} />
            <Route path="travelers" element={<TravelersPage />} />
            {/* The page's former address (British spelling), kept for bookmarks. */}
            <Route path="travellers" element={<Navigate to="/travelers" replace />} />
            <Route path="cards" element={<CardsPage />} />
            <Route path="me" element={<MyDataPage />} />
            <Route path="operator" element={<OperatorPage />} />
            <Route path="operator/attempts/:id" element={<OperatorAttemptPage />} />
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
